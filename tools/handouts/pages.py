"""HTML pages of the handouts: the page shell, the navigation, and a chapter rendered from its notebook.

Pages link only to files beside them (``assets/…``, other pages); they carry no script.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from handouts import COURSE_TITLE, BuildError
from handouts.render import cell_html, mermaid_sources


@dataclass
class Chapter:
    """One notebook of the course, in both editions."""

    path: Path
    notebook: dict  # the source (trainer edition)
    learner: dict  # the learner edition
    title: str
    number: str  # "03", or "附录"
    objectives: tuple[str, ...] = ()
    minutes: tuple[int, int] | None = None  # teaching, exercises
    sections: list[str] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def page(self) -> str:
        return f"{self.stem}.html"


def load_chapters(source: Path) -> list[Chapter]:
    """Every notebook of ``source`` (chapters ``NN_…`` first, then the rest, e.g. the appendix)."""
    from tiering_lib.course.agenda import notebook_header
    from tiering_lib.course.editions import learner_edition
    from tiering_lib.errors import TieringError

    paths = sorted(source.glob("*.ipynb"), key=lambda p: (not p.name[:2].isdigit(), p.name))
    if not paths:
        raise BuildError(f"{source} 里没有笔记本（.ipynb）")
    chapters = []
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        first = "".join(nb["cells"][0]["source"]).splitlines()[0] if nb.get("cells") else ""
        title = first.lstrip("# ").strip() or path.stem
        try:
            header = notebook_header(path)
            objectives, minutes = header.objectives, (header.teaching_minutes, header.exercise_minutes)
        except TieringError:  # the appendix has no agenda header
            objectives, minutes = (), None
        number = path.stem.split("_", 1)[0]
        sections = [
            line[3:].strip() for c in nb["cells"] if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if line.startswith("## ")
        ]
        chapters.append(Chapter(path, nb, learner_edition(nb), title, number, objectives, minutes, sections))
    return chapters


def all_mermaid(chapters: list[Chapter]) -> list[str]:
    """Every Mermaid diagram of every chapter (trainer edition: it holds every cell)."""
    return [
        src for ch in chapters for c in ch.notebook["cells"] if c["cell_type"] == "markdown"
        for src in mermaid_sources("".join(c["source"]))
    ]


def href(name: str) -> str:
    """A link to a file beside the page, safe for any file name."""
    return quote(name)


def shell(title: str, body: str, css: str = "handout.css", body_class: str = "", assets: str = "assets") -> str:
    """A complete page: UTF-8, the bundled font via the stylesheet, no script."""
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · {COURSE_TITLE}</title>"
        f'<link rel="stylesheet" href="{assets}/{css}"></head>'
        f'<body class="{body_class}">{body}</body></html>\n'
    )


def nav_bar(chapters: list[Chapter], current: str | None) -> str:
    """The site's top bar and chapter list (hidden in print)."""
    items, links = [], []
    for ch in chapters:
        mark = ' aria-current="page" class="current"' if ch.page == current else ""
        items.append(f'<li><a href="{href(ch.page)}"{mark}>{html.escape(ch.title)}</a></li>')
    for page, label in (("速查卡.html", "速查卡"), ("案例册.html", "案例册"), ("全本.html", "全本（一页看完）")):
        mark = ' aria-current="page" class="current"' if page == current else ""
        links.append(f'<li><a href="{href(page)}"{mark}>{label}</a></li>')
    return (
        f'<header class="topbar"><a class="home" href="index.html">{COURSE_TITLE}</a>'
        '<span class="edition">学员版讲义 · 离线版</span></header>'
        f'<nav class="toc" aria-label="章节"><p class="toc-title">章节</p><ol>{"".join(items)}</ol>'
        f'<p class="toc-title">讲义</p><ul>{"".join(links)}</ul></nav>'
    )


def pager(chapters: list[Chapter], index: int) -> str:
    """Links to the previous and next chapter."""
    prev_link = (
        f'<a class="prev" rel="prev" href="{href(chapters[index - 1].page)}">← 上一章：{html.escape(chapters[index - 1].title)}</a>'
        if index > 0 else '<a class="prev" href="index.html">← 课程首页</a>'
    )
    next_link = (
        f'<a class="next" rel="next" href="{href(chapters[index + 1].page)}">下一章：{html.escape(chapters[index + 1].title)} →</a>'
        if index + 1 < len(chapters) else '<a class="next" href="速查卡.html">速查卡 →</a>'
    )
    return f'<div class="pager">{prev_link}{next_link}</div>'


def chapter_article(chapter: Chapter, diagram, notebook: dict | None = None) -> str:
    """A chapter's cells (learner edition unless ``notebook`` is given) as one ``<article>``."""
    nb = notebook if notebook is not None else chapter.learner
    parts = [cell_html(cell, chapter.path.name, i, diagram) for i, cell in enumerate(nb["cells"])]
    return f'<article class="chapter" id="ch-{html.escape(chapter.number)}">{"".join(p for p in parts if p)}</article>'


def chapter_page(chapters: list[Chapter], index: int, diagram) -> str:
    """One chapter's page of the site, with navigation."""
    chapter = chapters[index]
    body = (
        nav_bar(chapters, chapter.page)
        + f'<main>{pager(chapters, index)}{chapter_article(chapter, diagram)}{pager(chapters, index)}</main>'
    )
    return shell(chapter.title, body, body_class="site")
