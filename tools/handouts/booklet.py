"""The case booklet (案例册): every CCPR case's story and questions, for group work on paper, without answers.

Built from ``tl.load_cases()`` with the library's own answer-free views of a case: ``story_html`` (summary,
people, timeline, discussion questions) and ``quiz_card`` (the quiz questions with their options).  The
analysis, the model answers and the quiz's answer are not on these pages (a test checks).
"""

from __future__ import annotations

import html

from handouts import COURSE_TITLE
from handouts.pages import shell

WRITING_LINES = 6


def _cover(cases) -> str:
    items = "".join(f"<li>{html.escape(c.title)}（{html.escape(c.source_label)}）</li>" for c in cases)
    return (
        "<section class='cover'><p class='org'>网点员工培训 · 小组讨论材料</p>"
        f"<h1>CCPR 客户体验案例册</h1><div class='band'></div><p class='lead'>{COURSE_TITLE} · 第 05 章配套</p>"
        "<p>每个案例：先读故事和经过，再小组讨论下面的问题，把要点记在横线上。"
        "小测验请先独立作答，再与组员核对。</p>"
        f"<ol class='book-toc'>{items}</ol></section>"
    )


def case_section(case) -> str:
    """One case: story, quiz questions, and lines to write on."""
    from tiering_lib.ccpr.case_display import quiz_card, story_html

    lines = "".join("<div class='write-lines'></div>" for _ in range(WRITING_LINES))
    return (
        f"<section class='part case'>{story_html(case)}{quiz_card(case)._repr_html_()}"
        f"<p><b>小组讨论记录</b></p>{lines}</section>"
    )


def booklet_html() -> str:
    """The whole booklet as one page (each case starts a new printed page)."""
    import tiering_lib as tl

    cases = tl.load_cases()
    body = "<main class='book'>" + _cover(cases) + "".join(case_section(c) for c in cases) + "</main>"
    return shell("CCPR 客户体验案例册", body)
