"""Self-checks for the notebooks' exercises (练习).

Each exercise is registered with an id such as ``"02.1"``, a function that
*computes* the expected answer from the data through the library (never a
typed-in constant), a comparison and a hint.  In a notebook::

    answer = ...                      # the learner's answer
    tl.check("02.1", answer)          # shows 正确 / 再想想 with a hint

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

__all__ = ["Exercise", "CheckResult", "register", "check", "exercise_ids", "close_to", "equal_to"]

#: Modules that register exercises (one per notebook or topic).
_BANKS = [
    "tiering_lib.course.banks.tiering",
    "tiering_lib.course.banks.ccpr",
    "tiering_lib.course.banks.service",
    "tiering_lib.course.banks.own_data",
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
    """One registered exercise."""

    id: str
    question_zh: str
    expected: Callable[[], Any]
    compare: Callable[[Any, Any], bool]
    hint_zh: str
    explain: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class CheckResult:
    """The verdict on a learner's answer; shows itself as a coloured box in a notebook."""

    exercise_id: str
    correct: bool | None
    message_zh: str

    def _repr_html_(self) -> str:
        return feedback_box(self.correct, f"<b>练习 {html.escape(self.exercise_id)}</b>:{html.escape(self.message_zh)}")

    def __repr__(self) -> str:
        return f"练习 {self.exercise_id}:{self.message_zh}"

    def __bool__(self) -> bool:
        return bool(self.correct)


def register(
    exercise_id: str,
    question_zh: str,
    hint_zh: str,
    compare: Callable[[Any, Any], bool] = equal_to,
    explain: Callable[[Any], str] | None = None,
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Decorator: register the function computing an exercise's expected answer.

    Parameters
    ----------
    exercise_id : str
        ``"NN.k"``: notebook number and exercise number.
    question_zh : str
        The question, as the notebook asks it.
    hint_zh : str
        Shown when the answer is wrong.
    compare : callable
        ``compare(answer, expected) -> bool``; :func:`equal_to` by default,
        or :func:`close_to` with a tolerance.
    explain : callable, optional
        ``explain(expected) -> str``, shown with a correct answer.
    """

    def decorate(func: Callable[[], Any]) -> Callable[[], Any]:
        if exercise_id in _REGISTRY:
            raise TieringError(f"exercise {exercise_id!r} is registered twice")
        _REGISTRY[exercise_id] = Exercise(exercise_id, question_zh, func, compare, hint_zh, explain)
        return func

    return decorate


def _load_banks() -> None:
    global _loaded
    if not _loaded:
        for module in _BANKS:
            importlib.import_module(module)
        _loaded = True


def exercise_ids() -> list[str]:
    """Ids of all registered exercises, sorted."""
    _load_banks()
    return sorted(_REGISTRY)


def expected_answer(exercise_id: str) -> Any:
    """The expected answer of an exercise, computed from the data (for tests and trainers)."""
    _load_banks()
    return _exercise(exercise_id).expected()


def _exercise(exercise_id: str) -> Exercise:
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        raise TieringError(f"no exercise {exercise_id!r}; known: {sorted(_REGISTRY)}") from None


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check a learner's answer to an exercise.

    ``answer`` of ``None`` (or ``...``) means "not answered yet".

    Examples
    --------
    >>> check("02.1", None).correct is None
    True
    """
    _load_banks()
    ex = _exercise(exercise_id)
    if answer is None or answer is Ellipsis:
        return CheckResult(exercise_id, None, "还没有作答:把答案写在上面的单元格里,运行它,再运行本单元格。")
    expected = ex.expected()
    try:
        ok = bool(ex.compare(answer, expected))
    except (TypeError, ValueError, ArithmeticError):
        return CheckResult(exercise_id, False, f"答案的格式不对(收到 {answer!r})。提示:{ex.hint_zh}")
    if ok:
        extra = ex.explain(expected) if ex.explain else ""
        return CheckResult(exercise_id, True, "正确!" + (f" {extra}" if extra else ""))
    return CheckResult(exercise_id, False, f"再想想。提示:{ex.hint_zh}")
