"""``make handouts``: the learners' offline site and PDFs, the 速查卡, the case booklet and the facilitator guide.

Layout of the output folder (``build/handouts/`` by default)::

    学员/            the learner edition: hand this folder out (or put it on the training PCs)
      index.html     course home: chapters with objectives and time, links to everything below
      NN_….html      one page per chapter, with navigation; 速查卡.html, 案例册.html, 全本.html
      pdf/           one PDF per chapter, 课程全本.pdf, 速查卡.pdf, 案例册.pdf
      assets/        the bundled font and the stylesheets
    讲师/            the trainer's: 讲师手册.html and 讲师手册.pdf (answers: keep it away from learners)
    预览/            the first page of every PDF as PNG, to look at

Every PDF is checked after printing: its page count is in range and it embeds the bundled font.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from handouts import COURSE_SUBTITLE, COURSE_TITLE, BuildError
from handouts.assets import copy_common
from handouts.booklet import booklet_html
from handouts.browser import printer
from handouts.card import card_html
from handouts.diagrams import Diagrams, render_diagrams
from handouts.guide import guide_html
from handouts.pages import Chapter, all_mermaid, chapter_article, chapter_page, href, load_chapters, nav_bar, shell
from handouts.pdfcheck import check_pdf, first_page_png

LEARNER, TRAINER, PREVIEW = "学员", "讲师", "预览"
#: Page-count ranges of the printed books (a chapter's range is in pdfcheck.CHAPTER_PAGES).
BOOK_PAGES = {"速查卡": (1, 1), "案例册": (4, 40), "课程全本": (20, 400), "讲师手册": (8, 200)}


def _index(chapters: list[Chapter]) -> str:
    items = []
    for ch in chapters:
        minutes = f"讲授 {ch.minutes[0]} 分钟 · 练习 {ch.minutes[1]} 分钟" if ch.minutes else "选学"
        goals = "".join(f"<li>{html.escape(o)}</li>" for o in ch.objectives)
        items.append(
            f'<li><a href="{href(ch.page)}"><b>{html.escape(ch.title)}</b></a> '
            f'<span class="time">{minutes}</span> · <a href="pdf/{href(ch.stem)}.pdf">PDF</a>'
            + (f"<ul>{goals}</ul>" if goals else "") + "</li>"
        )
    body = (
        nav_bar(chapters, "index.html")
        + f"<main><h1>{COURSE_TITLE}</h1><p class='lead'>{COURSE_SUBTITLE}</p>"
        "<p>这是学员版讲义的离线网页：不需要联网，不需要安装软件，用浏览器打开即可。"
        "交互控件在这里显示为默认状态的静态图；要动手操作，请在 JupyterLab 中打开对应的笔记本。</p>"
        "<p class='downloads'><b>打印版</b>："
        '<a href="pdf/课程全本.pdf">课程全本（PDF）</a><a href="pdf/速查卡.pdf">速查卡（PDF，一页）</a>'
        '<a href="pdf/案例册.pdf">案例册（PDF）</a></p>'
        f"<h2>章节</h2><ol class='chapter-list'>{''.join(items)}</ol></main>"
    )
    return shell("课程首页", body, body_class="site")


def _whole_course(chapters: list[Chapter], diagram) -> str:
    toc = "".join(f"<li>{html.escape(c.title)}</li>" for c in chapters)
    cover = (
        f"<section class='cover'><p class='org'>网点员工培训 · 学员讲义</p><h1>{COURSE_TITLE}</h1>"
        f"<div class='band'></div><p class='lead'>{COURSE_SUBTITLE}</p><ol class='book-toc'>{toc}</ol></section>"
    )
    articles = "".join(chapter_article(c, diagram) for c in chapters)
    return shell("课程全本", f"<main class='book'>{cover}{articles}</main>")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _clear(out: Path) -> None:
    """Empty a previous build; refuse a folder that does not look like one."""
    if out.exists():
        strangers = [p.name for p in out.iterdir() if p.name not in (LEARNER, TRAINER, PREVIEW)]
        if strangers:
            raise BuildError(f"{out} 里有不是讲义的文件（{'、'.join(strangers[:3])}）；为免误删，请换一个输出文件夹")
        shutil.rmtree(out)


def build_handouts(source: Path, out: Path) -> list[Path]:
    """Build everything into ``out``; return the files written."""
    chapters = load_chapters(source)
    _clear(out)
    learner, trainer, preview = out / LEARNER, out / TRAINER, out / PREVIEW
    copy_common(learner)
    copy_common(trainer)
    written: list[Path] = []
    with printer() as chrome:
        diagram = Diagrams(render_diagrams(all_mermaid(chapters), chrome))
        pages = {"index.html": _index(chapters), "速查卡.html": card_html(), "案例册.html": booklet_html(),
                 "全本.html": _whole_course(chapters, diagram)}
        pages.update({ch.page: chapter_page(chapters, i, diagram) for i, ch in enumerate(chapters)})
        written += [_write(learner / name, text) for name, text in pages.items()]
        written.append(_write(trainer / "讲师手册.html", guide_html(chapters, diagram)))
        jobs = [(learner / ch.page, learner / "pdf" / f"{ch.stem}.pdf", None) for ch in chapters]
        jobs += [
            (learner / "全本.html", learner / "pdf" / "课程全本.pdf", "课程全本"),
            (learner / "速查卡.html", learner / "pdf" / "速查卡.pdf", "速查卡"),
            (learner / "案例册.html", learner / "pdf" / "案例册.pdf", "案例册"),
            (trainer / "讲师手册.html", trainer / "讲师手册.pdf", "讲师手册"),
        ]
        for page, pdf, book in jobs:
            chrome.pdf(page, pdf, footer=book != "速查卡")
            check_pdf(pdf, BOOK_PAGES.get(book) if book else None)
            written += [pdf, first_page_png(pdf, preview / f"{pdf.stem}.png")]
    return written
