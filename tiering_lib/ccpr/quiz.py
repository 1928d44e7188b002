"""CCPR quizzes on a case: which standard, at which touchpoint, graded with an explanation.

Grading is pure: it reads a case's ``quiz`` block and timeline (see
:mod:`tiering_lib.ccpr.case_model`) and returns a :class:`QuizFeedback` with the
verdict and the explanation, which the quiz widget only displays.  A case is
any object with the attributes of :class:`~tiering_lib.ccpr.case_model.Case`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tiering_lib.ccpr.standards import CCPR_STANDARDS, ccpr_standard
from tiering_lib.display import escape, feedback_box
from tiering_lib.errors import TieringError

__all__ = ["QuizFeedback", "quiz_questions", "grade_standard", "grade_touchpoint"]


@dataclass(frozen=True)
class QuizFeedback:
    """The verdict on one quiz answer, with the explanation; shows itself as a coloured box."""

    case_id: str
    question: str
    answer: str | None
    correct: bool | None
    message_zh: str

    def _repr_html_(self) -> str:
        return feedback_box(self.correct, escape(self.message_zh), css_class="ccpr-feedback")

    def __repr__(self) -> str:
        return self.message_zh


def quiz_questions(case: Any) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The case's two quiz questions and their options.

    Returns
    -------
    dict
        ``{"standard": (question, options), "touchpoint": (question, options)}``;
        standard options are the four short Chinese names, touchpoint options
        the case's touchpoints in order of first appearance.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> q = quiz_questions(load_case("address"))
    >>> q["standard"][1]
    ('方便', '亲切', '个人化', '立即响应')
    >>> q["touchpoint"][1][0]
    '网点柜台'
    """
    if case.quiz_kind == "breaks":
        std_q = "本案中，关键的失误违背了 CCPR 的哪一条标准？"
        tp_q = "关键的失误发生在哪个接触点？"
    else:
        std_q = "本案中，网点做对的关键一步体现了 CCPR 的哪一条标准？"
        tp_q = "做对的关键一步发生在哪个接触点？"
    return {
        "standard": (std_q, tuple(s.short_zh for s in CCPR_STANDARDS)),
        "touchpoint": (tp_q, case.touchpoints),
    }


def _verb(kind: str) -> str:
    return "违背" if kind == "breaks" else "做到"


def grade_standard(case: Any, answer: Any) -> QuizFeedback:
    """Grade the answer to "which standard": correct or not, and why.

    Parameters
    ----------
    case : Case
        A validated case (:func:`tiering_lib.load_case`).
    answer : str or None
        A standard's English word or Chinese name; ``None`` means not answered.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> case = load_case("address")
    >>> grade_standard(case, "方便").correct
    True
    >>> grade_standard(case, "亲切").message_zh[:2]
    '不对'
    """
    question = quiz_questions(case)["standard"][0]
    if answer is None:
        return QuizFeedback(case.id, question, None, None, "还没有作答：点一个选项。")
    key = ccpr_standard(case.quiz_standard)
    try:
        chosen = ccpr_standard(answer)
    except TieringError:
        return QuizFeedback(case.id, question, str(answer), False, f"“{answer}”不是 CCPR 的四条标准之一。")
    verb = _verb(case.quiz_kind)
    if chosen.code == key.code:
        return QuizFeedback(case.id, question, chosen.short_zh, True, f"正确！{case.quiz_explanation}")
    if chosen.code in case.standards:
        aside = f"本案也涉及“{chosen.short_zh}”，但关键的一步{verb}的是“{key.short_zh}”。"
    else:
        aside = f"“{chosen.short_zh}”不是本案的关键；关键的一步{verb}的是“{key.short_zh}”。"
    return QuizFeedback(case.id, question, chosen.short_zh, False, f"不对。{aside}{case.quiz_explanation}")


def grade_touchpoint(case: Any, answer: Any) -> QuizFeedback:
    """Grade the answer to "at which touchpoint": correct or not, and why.

    A wrong touchpoint that also breaks or honours some standard is named as
    such, so the learner sees it was not a silly choice, only not the key one.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> case = load_case("address")
    >>> grade_touchpoint(case, "网点柜台").correct
    True
    >>> "也违背了" in grade_touchpoint(case, "卡中心电话").message_zh
    True
    """
    question = quiz_questions(case)["touchpoint"][0]
    if answer is None:
        return QuizFeedback(case.id, question, None, None, "还没有作答：点一个选项。")
    chosen = str(answer).strip()
    key_event = case.key_event
    verb = _verb(case.quiz_kind)
    where = f"“{case.quiz_touchpoint}”"
    key_phrase = f"关键的失误发生在{where}" if case.quiz_kind == "breaks" else f"做对的关键一步在{where}"
    if chosen == case.quiz_touchpoint:
        return QuizFeedback(case.id, question, chosen, True, f"正确！{key_event.note}")
    if chosen not in case.touchpoints:
        return QuizFeedback(
            case.id, question, chosen, False,
            f"本案没有“{chosen}”这个接触点；可选的是：{'、'.join(case.touchpoints)}。",
        )
    others = [e for e in case.timeline if e.touchpoint == chosen and (e.breaks or e.honours)]
    if others:
        parts = []
        for e in others:
            if e.breaks:
                parts.append("违背了" + "、".join(f"“{ccpr_standard(c).short_zh}”" for c in e.breaks))
            if e.honours:
                parts.append("做到了" + "、".join(f"“{ccpr_standard(c).short_zh}”" for c in e.honours))
        aside = f"“{chosen}”处也{';'.join(dict.fromkeys(parts))}，但{key_phrase}。"
    else:
        aside = f"“{chosen}”处没有{verb}哪条标准；{key_phrase}。"
    return QuizFeedback(case.id, question, chosen, False, f"不对。{aside}{key_event.note}")
