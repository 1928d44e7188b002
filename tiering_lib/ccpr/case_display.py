"""How a case study shows itself in a notebook: the story, the analysis and a printable quiz card.

The story (:func:`story_html`, a case's ``_repr_html_``) shows only what
happened, so the quiz that follows it is not given away; the analysis
(:class:`CaseAnalysis`, ``case.analysis()``) shows which standard each event
breaks or honours, the root cause, the consequences and what good looks like.
Model answers to the discussion questions are rendered as Markdown for the
notebook's ``solution`` cells (:func:`model_answers_markdown`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tiering_lib.ccpr.quiz import quiz_questions
from tiering_lib.ccpr.standards import ccpr_standard
from tiering_lib.display import escape

__all__ = ["story_html", "CaseAnalysis", "QuizCard", "quiz_card", "model_answers_markdown"]

_BOX = 'style="border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;margin:4px 0"'
_TH = 'style="text-align:left;padding:3px 8px;background:#f6f8fa"'
_TD = 'style="text-align:left;padding:3px 8px;vertical-align:top"'
_TD_NOWRAP = _TD[:-1] + ';white-space:nowrap"'


def _table(header: list[str], rows: list[list[str]], nowrap: tuple[int, ...] = ()) -> str:
    """An HTML table; ``nowrap`` lists the columns kept on one line (times, touchpoints)."""
    head = "".join(f"<th {_TH}>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td {_TD_NOWRAP if i in nowrap else _TD}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f'<table style="border-collapse:collapse;margin:4px 0">' f"<tr>{head}</tr>{body}</table>"


def _names(codes: tuple[str, ...]) -> str:
    return "、".join(ccpr_standard(c).short_zh for c in codes)


def story_html(case: Any) -> str:
    """The case as the learner first reads it: summary, people, timeline, questions.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> "网点柜台" in story_html(load_case("address"))
    True
    """
    badge_colour = "#ddf4ff" if case.written_for_course else "#fff8c5"
    people = _table(
        ["人物 / 单位", "身份"], [[escape(p.name), escape(p.role)] for p in (*case.people, *case.units)], nowrap=(0,)
    )
    events = _table(
        ["时间", "人物", "接触点", "发生了什么"],
        [[escape(e.when), escape("、".join(e.who)), escape(e.touchpoint), escape(e.what)] for e in case.timeline],
        nowrap=(0, 2),
    )
    questions = "".join(f"<li>{escape(q)}</li>" for q in case.questions)
    return (
        f'<div class="ccpr-case" {_BOX}>'
        f'<h4 style="margin:2px 0">{escape(case.title)} '
        f'<span style="font-size:80%;background:{badge_colour};padding:1px 6px;border-radius:4px">'
        f"{escape(case.source_label)}</span></h4>"
        f'<p style="color:#57606a;margin:2px 0">客户群体：{escape(case.customer_group)} · {escape(case.source_note)}</p>'
        f"<p>{escape(case.summary)}</p>{people}<p><b>经过</b></p>{events}"
        f"<p><b>讨论题</b></p><ol>{questions}</ol></div>"
    )


@dataclass(frozen=True)
class CaseAnalysis:
    """A case's analysis, for display after its quiz (``case.analysis()``)."""

    case: Any

    def _repr_html_(self) -> str:
        c = self.case
        rows = [
            [escape(e.when), escape(e.touchpoint), escape(_names(e.breaks)), escape(_names(e.honours)), escape(e.note)]
            for e in c.timeline
            if e.breaks or e.honours
        ]
        steps = "".join(f"<li>{escape(s)}</li>" for s in c.good_practice_steps)
        return (
            f'<div class="ccpr-analysis" {_BOX}><h4 style="margin:2px 0">案例分析：{escape(c.title)}</h4>'
            + _table(["时间", "接触点", "违背的标准", "做到的标准", "为什么"], rows, nowrap=(0, 1, 2, 3))
            + f"<p><b>根本原因</b>：{escape(c.root_cause)}</p>"
            f"<p><b>对客户的后果</b>：{escape(c.consequence_customer)}</p>"
            f"<p><b>对银行的后果</b>：{escape(c.consequence_bank)}</p>"
            f"<p><b>好的做法</b>：{escape(c.good_practice_summary)}</p><ol>{steps}</ol></div>"
        )

    def __repr__(self) -> str:
        return f"<案例分析 {self.case.id}>"


@dataclass(frozen=True)
class QuizCard:
    """A case's two quiz questions with their options, as text (for print and the learner edition)."""

    case: Any

    def _lines(self) -> list[str]:
        lines = [f"小测验：{self.case.title}"]
        for number, (question, options) in enumerate(quiz_questions(self.case).values(), start=1):
            lines.append(f"{number}. {question}")
            lines.append("   选项：" + " / ".join(options))
        return lines

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li>{escape(question)}<br>选项：{escape(' / '.join(options))}</li>"
            for question, options in quiz_questions(self.case).values()
        )
        return f'<div class="ccpr-quiz-card" {_BOX}><b>小测验：{escape(self.case.title)}</b><ol>{items}</ol></div>'

    def __repr__(self) -> str:
        return "\n".join(self._lines())


def quiz_card(case: Any) -> QuizCard:
    """The case's quiz as static text: what the quiz widget asks, with every option.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> print(quiz_card(load_case("address")))  # doctest: +ELLIPSIS
    小测验：永远改不了的地址
    1. 本案中，关键的失误违背了 CCPR 的哪一条标准？
       选项：方便 / 亲切 / 个人化 / 立即响应
    2. 关键的失误发生在哪个接触点？
       选项：网点柜台 / 银行卡中心柜台 / 卡中心电话 / 转投他行
    """
    return QuizCard(case)


def model_answers_markdown(case: Any) -> str:
    """The discussion questions with the trainer's model answers, as Markdown.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> model_answers_markdown(load_case("address")).splitlines()[0]
    '**参考答案：永远改不了的地址**'
    """
    lines = [f"**参考答案：{case.title}**", ""]
    for i, (q, a) in enumerate(zip(case.questions, case.model_answers), start=1):
        lines.append(f"{i}. *{q}*  ")
        lines.append(f"   {a}")
    return "\n".join(lines)
