"""``make slides``: one reveal.js deck per chapter, static HTML that runs from the build folder without a network.

Slides follow each cell's ``metadata.slideshow.slide_type`` (assigned by :mod:`handouts.slide_types`; computed
the same way if a notebook has none yet).  What the room sees is the learner edition (no model answers);
trainer notes become reveal.js speaker notes (press S).  Widgets appear as their static pictures, diagrams
as SVG; reveal.js itself is copied from the pinned npm package.  A slide too tall for the screen is scaled
down to fit (a few lines of script in the page, nothing loaded).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from handouts import COURSE_TITLE, BuildError
from handouts.assets import copy_common, copy_reveal
from handouts.browser import printer
from handouts.diagrams import Diagrams, render_diagrams
from handouts.pages import Chapter, all_mermaid, href, load_chapters
from handouts.render import cell_html
from handouts.slide_types import assign_slide_types, stored_slide_types

_FIT = """<script>
// A slide taller than the screen is scaled down to fit; one that would need less than MIN_ZOOM to fit (a long
// table or form) is shown at MIN_ZOOM in a box of the screen's height that scrolls with the mouse wheel.
// Reveal lays out only the slides near the current one (the others are display:none, with no height), so the
// slides are fitted again whenever the view moves and once the fonts have loaded.
const MIN_ZOOM = 0.5;
function fitSlides() {
  const h = Reveal.getConfig().height * 0.96;
  document.querySelectorAll('.reveal .slides section:not(.stack)').forEach(s => {
    if (s.style.display === 'none') return;
    s.style.zoom = 1; s.style.height = ''; s.style.overflowY = ''; s.classList.remove('tl-scrolls');
    const scale = Math.min(1, h / s.scrollHeight, s.clientWidth / s.scrollWidth);
    if (scale >= 1) return;
    const zoom = Math.max(MIN_ZOOM, scale * 0.98);
    s.style.zoom = zoom;
    if (zoom > scale * 0.98) {  // too tall or too wide for MIN_ZOOM: at MIN_ZOOM, does it still need to scroll?
      s.style.height = (h / zoom) + 'px'; s.style.overflowY = 'auto';
      if (s.scrollHeight > s.clientHeight + 1) s.classList.add('tl-scrolls');
      else { s.style.height = ''; s.style.overflowY = ''; }
    }
  });
}
Reveal.initialize({hash: true, width: 1280, height: 720, margin: 0.03, center: false, slideNumber: 'c/t',
                   transition: 'fade', transitionSpeed: 'fast', plugins: [RevealNotes]}).then(() => {
  fitSlides();
  document.fonts.ready.then(fitSlides);
  Reveal.on('slidechanged', fitSlides);
});
</script>"""


def _deck(chapter: Chapter, diagram) -> str:
    """The ``<section>`` markup of a chapter's deck."""
    from tiering_lib.course.editions import learner_edition

    nb = chapter.notebook
    types = stored_slide_types(nb)
    if any(t is None for t in types):
        types = assign_slide_types(nb)
    stacks: list[list[list[str]]] = []  # stacks → screens → [content, notes]
    for index, (cell, kind) in enumerate(zip(nb["cells"], types)):
        if kind == "skip":
            continue
        if kind == "notes":
            text = cell_html(cell, chapter.path.name, index, diagram)
            if stacks:
                stacks[-1][-1][1] += text
            continue
        shown = learner_edition({**nb, "cells": [cell]})["cells"]
        text = cell_html(shown[0], chapter.path.name, index, diagram) if shown else ""
        if kind == "slide" or not stacks:
            stacks.append([["", ""]])
        elif kind == "subslide":
            stacks[-1].append(["", ""])
        if kind == "fragment" and text:
            text = f'<div class="fragment">{text}</div>'
        stacks[-1][-1][0] += text
    sections = []
    for stack in stacks:
        screens = [
            f"<section>{content}" + (f'<aside class="notes">{notes}</aside>' if notes else "") + "</section>"
            for content, notes in stack if content.strip()
        ]
        if screens:
            sections.append(screens[0] if len(screens) == 1 else "<section>" + "".join(screens) + "</section>")
    if not sections:
        raise BuildError(f"{chapter.path.name}：没有一张幻灯片有内容")
    return "".join(sections)


def deck_html(chapter: Chapter, diagram) -> str:
    """A complete reveal.js page for one chapter."""
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(chapter.title)} · {COURSE_TITLE}</title>"
        '<link rel="stylesheet" href="assets/reveal/reveal.css">'
        '<link rel="stylesheet" href="assets/reveal/theme/white.css">'
        '<link rel="stylesheet" href="assets/slides.css"></head><body>'
        f'<div class="reveal"><div class="slides">{_deck(chapter, diagram)}</div></div>'
        '<a class="home" href="index.html">全部章节</a>'
        '<script src="assets/reveal/reveal.js"></script><script src="assets/reveal/plugin/notes.js"></script>'
        f"{_FIT}</body></html>\n"
    )


def _index(chapters: list[Chapter]) -> str:
    items = "".join(f'<li><a href="{href(c.page)}">{html.escape(c.title)}</a></li>' for c in chapters)
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<title>幻灯片 · {COURSE_TITLE}</title><link rel="stylesheet" href="assets/handout.css"></head>'
        f"<body><main><h1>{COURSE_TITLE} · 幻灯片</h1>"
        "<p class='lead'>每章一套，离线可用。→ / 空格 翻页；↓ 看本节的下一屏；F 全屏；Esc 总览；S 打开讲师备注。</p>"
        "<p>幻灯片里的交互控件是默认状态的静态图。要现场操作（例如第 03 章的门槛探索器），"
        "请在讲师版 JupyterLab 中打开这一章，运行全部单元格后拖动滑块。</p>"
        f"<ol class='chapter-list'>{items}</ol></main></body></html>\n"
    )


def build_slides(source: Path, out: Path) -> list[Path]:
    """Write a deck per chapter and an index into ``out``; return the files written."""
    chapters = load_chapters(source)
    if out.exists():
        strangers = [p.name for p in out.iterdir() if p.suffix != ".html" and p.name != "assets"]
        if strangers:
            raise BuildError(f"{out} 里有不是幻灯片的文件（{'、'.join(strangers[:3])}）；请换一个输出文件夹")
        shutil.rmtree(out)
    copy_common(out)
    copy_reveal(out)
    with printer() as chrome:
        diagram = Diagrams(render_diagrams(all_mermaid(chapters), chrome))
    written = []
    for chapter in chapters:
        path = out / chapter.page
        path.write_text(deck_html(chapter, diagram), encoding="utf-8")
        written.append(path)
    index = out / "index.html"
    index.write_text(_index(chapters), encoding="utf-8")
    return [*written, index]
