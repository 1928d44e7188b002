"""CCPR quizzes on a case: which standard, at which touchpoint, graded with an explanation.

Grading is pure: it reads a case's ``quiz`` block and timeline (see
:mod:`tiering_lib.ccpr.case_model`) and returns a :class:`QuizFeedback` with the
verdict and the explanation, which the quiz widget only displays.  A case is
any object with the attributes of :class:`~tiering_lib.ccpr.case_model.Case`.

:func:`key_step_options` asks both at once (the key step: where, and which
standard) with four options whose explanations never name the right one; the
course's exercise widgets (notebook 05) are built on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tiering_lib.ccpr.standards import CCPR_STANDARDS, ccpr_standard
from tiering_lib.display import escape, feedback_box
from tiering_lib.errors import TieringError

__all__ = ["QuizFeedback", "quiz_questions", "grade_standard", "grade_touchpoint", "KeyStepOption", "key_step_question",
           "key_step_options"]


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


@dataclass(frozen=True)
class KeyStepOption:
    """One option of the key-step question: a touchpoint and a standard, with why it is (not) the key step."""

    touchpoint: str
    standard: str
    label: str
    explanation: str
    is_key: bool


def key_step_question(case: Any) -> str:
    """The key-step question of a case: where, and which standard, in one question.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> key_step_question(load_case("address"))
    '案例“永远改不了的地址”：关键的失误发生在哪个接触点、违背了 CCPR 的哪一条标准？'
    >>> key_step_question(load_case("lin_credit"))[:14]
    '案例“是谁让她‘信用破产’”'
    """
    title = case.title.replace("“", "‘").replace("”", "’")  # quotes inside quotes
    if case.quiz_kind == "breaks":
        return f"案例“{title}”：关键的失误发生在哪个接触点、违背了 CCPR 的哪一条标准？"
    return f"案例“{title}”：网点做对的关键一步在哪个接触点、做到了 CCPR 的哪一条标准？"


def _label(touchpoint: str, code: str, kind: str) -> str:
    return f"{touchpoint}：{_verb(kind)}了“{ccpr_standard(code).short_zh}”"


def key_step_options(case: Any) -> tuple[KeyStepOption, ...]:
    """Four options for :func:`key_step_question`, in timeline order; exactly one is the key step.

    Besides the key step: the key touchpoint with a standard it did not break
    (or honour); up to two other touchpoints with a standard they really broke
    (or honoured), which are consequences or side steps; then touchpoints with
    a standard they did not.  No wrong option's explanation names the key step.

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> options = key_step_options(load_case("address"))
    >>> [o.label for o in options if o.is_key]
    ['网点柜台：违背了“方便”']
    >>> len(options), sum(o.is_key for o in options)
    (4, 1)
    """
    kind, verb = case.quiz_kind, _verb(case.quiz_kind)
    marked = {tp: [c for e in case.timeline if e.touchpoint == tp for c in getattr(e, kind)] for tp in case.touchpoints}
    key = KeyStepOption(case.quiz_touchpoint, case.quiz_standard,
                        _label(case.quiz_touchpoint, case.quiz_standard, kind), case.quiz_explanation, True)
    others = [s.code for s in CCPR_STANDARDS if s.code not in marked[case.quiz_touchpoint]]
    wrong = sorted(others, key=lambda c: c not in case.standards)[0]
    options = [key, KeyStepOption(
        case.quiz_touchpoint, wrong, _label(case.quiz_touchpoint, wrong, kind),
        f"这个接触点选对了，但这一步{verb}的不是“{ccpr_standard(wrong).short_zh}”：对照课件对这条标准的说法，再读一遍这一步发生了什么。",
        False,
    )]
    nudge = ("想一想，银行在哪一步本可以、也最应该把事情做对。" if kind == "breaks"
             else "想一想，哪一步最先把客户的难处接了过来，后面的好结果都从它开始。")
    for tp in case.touchpoints:
        if len(options) < 4 and tp != case.quiz_touchpoint and marked[tp]:
            code = marked[tp][0]
            options.append(KeyStepOption(tp, code, _label(tp, code, kind),
                                         f"“{tp}”处确实也{verb}了“{ccpr_standard(code).short_zh}”，但它不是本案关键的一步。{nudge}",
                                         False))
    for tp in case.touchpoints:
        if len(options) < 4 and tp != case.quiz_touchpoint and not marked[tp]:
            options.append(KeyStepOption(tp, wrong, _label(tp, wrong, kind),
                                         f"“{tp}”处并没有{verb}“{ccpr_standard(wrong).short_zh}”。", False))
    order = {tp: i for i, tp in enumerate(case.touchpoints)}
    codes = [s.code for s in CCPR_STANDARDS]
    return tuple(sorted(options, key=lambda o: (order[o.touchpoint], codes.index(o.standard))))
