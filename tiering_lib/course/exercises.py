"""The registry of the notebooks' exercises (练习) and the rules that judge an answer.

Each exercise is registered with an id such as ``"03.2"``, a function that
*computes* the expected answer from the data through the library (never a
typed-in constant), the kind of answer it takes (:class:`~tiering_lib.course.answers.Choice`,
:class:`~tiering_lib.course.answers.Number`, :class:`~tiering_lib.course.answers.Text`)
and hints that never need Python and never give the answer away.  A notebook
shows it as a widget, ``tl.exercise("03.2")`` (:mod:`tiering_lib.course.exercise_widget`);
the optional 进阶 route checks code with ``tl.check("03.2", answer)``.  Both
save the result in the learner's progress (:mod:`tiering_lib.course.progress`).

Exercise banks are modules listed in ``_BANKS``; each registers its exercises
with :func:`register` when first needed.
"""

from __future__ import annotations

import html
import importlib
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable

from tiering_lib.display import feedback_box
from tiering_lib.errors import TieringError

__all__ = [
    "Exercise", "Verdict", "CheckResult", "register", "check", "judge", "exercise_ids", "get_exercise",
    "expected_answer", "close_to", "equal_to",
]

#: Said when a second try is wrong too.
AFTER_TWO_TRIES = "已经试了两次：可以再想想，也可以点“显示答案”看答案和解释。"

#: Modules that register exercises (one per notebook or topic).
_BANKS = [
    "tiering_lib.course.banks.tier_logic",
    "tiering_lib.course.banks.why_tier",
    "tiering_lib.course.banks.suzhou",
    "tiering_lib.course.banks.deposits",
    "tiering_lib.course.banks.ccpr",
    "tiering_lib.course.banks.service",
    "tiering_lib.course.banks.wealth",
    "tiering_lib.course.banks.maintenance",
    "tiering_lib.course.banks.own_data",
    "tiering_lib.course.banks.branch_measures",
]

_REGISTRY: dict[str, "Exercise"] = {}
_loaded = False


def close_to(tolerance: float) -> Callable[[Any, Any], bool]:
    """A comparison accepting answers within ``tolerance`` (absolute) of the expected value."""

    def compare(answer: Any, expected: Any) -> bool:
        return abs(float(answer) - float(expected)) <= tolerance

    compare.__doc__ = f"within ±{tolerance}"
    return compare


def equal_to(answer: Any, expected: Any) -> bool:
    """Exact comparison (numbers compared by value, text stripped)."""
    if isinstance(expected, str):
        return str(answer).strip() == expected
    if isinstance(expected, (int, Fraction, Decimal)) and not isinstance(answer, bool):
        try:
            return Fraction(str(answer)) == Fraction(expected) if not isinstance(answer, Fraction) else answer == expected
        except (ValueError, TypeError):
            return False
    return answer == expected


@dataclass(frozen=True)
class Exercise:
    """One registered exercise.

    ``hint_zh`` is the hint of the code route (``tl.check``); ``hints`` are the
    widget's hints, one per wrong try (the last one repeats).  ``predict``
    marks a 先猜再运行 question: the learner's guess is saved, then ``reveal()``
    (HTML computed from data) shows what really happens.
    """

    id: str
    question_zh: str
    expected: Callable[[], Any]
    compare: Callable[[Any, Any], bool] | None
    hint_zh: str
    explain: Callable[[Any], str] | None = None
    answer: Any = None
    hints: tuple[str, ...] = ()
    predict: bool = False
    reveal: Callable[[], str] | None = None

    def answer_text(self, expected: Any = None) -> str:
        """The expected answer as a learner would write it (with its unit)."""
        expected = self.expected() if expected is None else expected
        return self.answer.show(expected) if self.answer is not None else str(expected)


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer: ``correct`` is None when the answer could not be read."""

    correct: bool | None
    message_zh: str


@dataclass(frozen=True)
class CheckResult:
    """The verdict on a learner's answer; shows itself as a coloured box in a notebook."""

    exercise_id: str
    correct: bool | None
    message_zh: str

    def _repr_html_(self) -> str:
        return feedback_box(self.correct, f"<b>练习 {html.escape(self.exercise_id)}</b>：{html.escape(self.message_zh)}")

    def __repr__(self) -> str:
        return f"练习 {self.exercise_id}：{self.message_zh}"

    def __bool__(self) -> bool:
        return bool(self.correct)


def register(
    exercise_id: str,
    question_zh: str,
    hint_zh: str = "",
    compare: Callable[[Any, Any], bool] | None = None,
    explain: Callable[[Any], str] | None = None,
    *,
    answer: Any = None,
    hints: tuple[str, ...] = (),
    predict: bool = False,
    reveal: Callable[[], str] | None = None,
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Decorator: register the function computing an exercise's expected answer.

    Parameters
    ----------
    exercise_id : str
        ``"NN.k"``: notebook number and exercise number.
    question_zh : str
        The question, as the notebook asks it.
    hint_zh : str
        Hint of the code route (``tl.check``); may name library functions.
    compare : callable, optional
        ``compare(answer, expected) -> bool``.  By default the answer kind's
        rule, or :func:`equal_to` for an exercise without one.
    explain : callable, optional
        ``explain(expected) -> str``, shown with a correct (or shown) answer.
    answer : Choice, Number or Text, optional
        The kind of answer; an exercise with one can be shown as a widget
        (``tl.exercise(id)``).
    hints : tuple of str
        The widget's hints, one per wrong try: Chinese, no Python, never the answer.
    predict : bool
        A 先猜再运行 question: one guess, saved, then ``reveal()`` is shown.
    reveal : callable, optional
        ``reveal() -> str``: HTML computed from data, shown after the guess.
    """

    def decorate(func: Callable[[], Any]) -> Callable[[], Any]:
        if exercise_id in _REGISTRY:
            raise TieringError(f"exercise {exercise_id!r} is registered twice")
        if answer is not None and not (hints or predict):
            raise TieringError(f"exercise {exercise_id!r}: a widget exercise needs hints=(...)")
        if predict and (answer is None or reveal is None):
            raise TieringError(f"exercise {exercise_id!r}: a predict exercise needs answer= and reveal=")
        _REGISTRY[exercise_id] = Exercise(
            exercise_id, question_zh, func, compare, hint_zh or (hints[0] if hints else ""), explain,
            answer, tuple(hints), predict, reveal,
        )
        return func

    return decorate


def _load_banks() -> None:
    global _loaded
    if not _loaded:
        for module in _BANKS:
            importlib.import_module(module)
        _loaded = True


def _order(exercise_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in exercise_id.split("."))


def exercise_ids() -> list[str]:
    """Ids of all registered exercises, in course order (``03.2`` before ``03.10``)."""
    _load_banks()
    return sorted(_REGISTRY, key=_order)


def get_exercise(exercise_id: str) -> Exercise:
    """The registered exercise with this id.

    Raises
    ------
    TieringError
        If there is no such exercise.
    """
    _load_banks()
    return _exercise(exercise_id)


def expected_answer(exercise_id: str) -> Any:
    """The expected answer of an exercise, computed from the data (for tests and trainers)."""
    _load_banks()
    return _exercise(exercise_id).expected()


def _exercise(exercise_id: str) -> Exercise:
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        raise TieringError(f"没有编号为“{exercise_id}”的练习；请检查编号（例如 \“03.2\”）。") from None


def _unreadable(ex: Exercise) -> str:
    kind = getattr(ex.answer, "kind", "")
    if kind == "choice":
        return "请先选一个选项，再点“检查”。"
    if kind == "number":
        return f"请填一个数（单位：{ex.answer.unit}），例如 12 或 12.5，再点“检查”。"
    return "请先填写答案，再点“检查”。"


def judge(ex: Exercise, answer: Any, tries_before: int = 0) -> Verdict:
    """Judge ``answer`` (as typed or clicked) to ``ex``, after ``tries_before`` wrong tries.

    A wrong answer gets the hint for this try (and, for a choice, why the
    chosen option is not right); neither names the expected answer.
    """
    value = ex.answer.read(answer) if ex.answer is not None else answer
    if value is None:
        return Verdict(None, _unreadable(ex))
    expected = ex.expected()
    try:
        if ex.compare is not None:
            ok = bool(ex.compare(value, expected))
        else:
            ok = ex.answer.matches(value, expected) if ex.answer is not None else equal_to(value, expected)
    except (TypeError, ValueError, ArithmeticError):
        return Verdict(None, _unreadable(ex))
    chosen = ex.answer.option_for(value) if getattr(ex.answer, "kind", "") == "choice" else None
    why = chosen.explanation if chosen is not None and chosen.explanation else ""
    if ok:
        extra = ex.explain(expected) if ex.explain else ""
        return Verdict(True, " ".join(p for p in ("答对了！", why, extra) if p))
    hints = ex.hints or (ex.hint_zh,)
    hint = hints[min(tries_before, len(hints) - 1)]
    parts = ["还不对。", why, f"提示：{hint}"]
    if tries_before + 1 >= 2:
        parts.append(AFTER_TWO_TRIES)
    return Verdict(False, " ".join(p for p in parts if p))


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an answer given in code (the 进阶 route) and save the result in the learner's progress.

    ``answer`` of ``None`` (or ``...``) means "not answered yet" and is not saved.

    Examples
    --------
    >>> check("02.1", None).correct is None
    True
    """
    from tiering_lib.course.progress import progress_store

    _load_banks()
    ex = _exercise(exercise_id)
    if answer is None or answer is Ellipsis:
        return CheckResult(exercise_id, None, "还没有作答：把答案写在上面的单元格里，运行它，再运行本单元格。")
    store = progress_store()
    if ex.answer is None:  # an exercise of the code route only (its wording is what notebooks store)
        result = _check_code_answer(ex, answer)
    else:
        record = store.get(exercise_id) or {}
        verdict = judge(ex, answer, tries_before=0 if record.get("correct") else record.get("tries", 0))
        if verdict.correct is None:
            return CheckResult(exercise_id, False, f"答案的格式不对（收到 {answer!r}）。{verdict.message_zh}")
        result = CheckResult(exercise_id, verdict.correct, verdict.message_zh)
    store.record_try(exercise_id, str(answer), bool(result.correct))
    return result


def _check_code_answer(ex: Exercise, answer: Any) -> CheckResult:
    expected = ex.expected()
    try:
        ok = bool((ex.compare or equal_to)(answer, expected))
    except (TypeError, ValueError, ArithmeticError):
        return CheckResult(ex.id, False, f"答案的格式不对（收到 {answer!r}）。提示：{ex.hint_zh}")
    if ok:
        extra = ex.explain(expected) if ex.explain else ""
        return CheckResult(ex.id, True, "正确！" + (f" {extra}" if extra else ""))
    return CheckResult(ex.id, False, f"再想想。提示：{ex.hint_zh}")
