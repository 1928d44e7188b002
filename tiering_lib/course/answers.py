"""The kinds of answer a self-check widget takes, and how a typed or clicked answer is read and compared.

* :class:`Choice` — pick one of several :class:`Option` (judgement questions
  carry an explanation on every option);
* :class:`Number` — a number with its unit (万元, 元, %, 户 …) and a tolerance;
* :class:`Text` — a short text, compared after normalising (full-width
  characters, spaces, case).

Nothing here imports ipywidgets: the widget (:mod:`tiering_lib.course.exercise_widget`)
and ``tl.check`` both use these rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable, Sequence

__all__ = ["Option", "Choice", "Number", "Text", "parse_number", "normalize_text"]


@dataclass(frozen=True)
class Option:
    """One option of a :class:`Choice`.

    Attributes
    ----------
    label : str
        What the learner sees.
    value : object
        Compared with the exercise's expected answer (computed from data).
    explanation : str
        Shown after the learner picks this option: for a wrong option, why it
        is wrong *without naming the right one*; for the right one, why it is right.
    """

    label: str
    value: Any
    explanation: str = ""


@dataclass(frozen=True)
class Choice:
    """Pick one option.  ``options`` may be a function computing them from data."""

    options: Sequence[Option] | Callable[[], Sequence[Option]]
    kind = "choice"

    def resolved(self) -> tuple[Option, ...]:
        """The options (computed if given as a function)."""
        return tuple(self.options() if callable(self.options) else self.options)

    def option_for(self, answer: Any) -> Option | None:
        """The option the learner meant: by value, or by label."""
        for option in self.resolved():
            if answer == option.value or (isinstance(answer, str) and answer.strip() == option.label):
                return option
        return None

    def read(self, answer: Any) -> Any:
        option = self.option_for(answer)
        return None if option is None else option.value

    def matches(self, value: Any, expected: Any) -> bool:
        return value == expected

    def show(self, expected: Any) -> str:
        option = self.option_for(expected)
        return option.label if option else str(expected)


@dataclass(frozen=True)
class Number:
    """A number with its unit.

    Attributes
    ----------
    unit : str
        Shown beside the box (``"万元"``, ``"元"``, ``"%"``, ``"户"``, ``"位"``).
    tolerance : Fraction, float or str
        Largest accepted absolute difference, in ``unit``.
    places : int
        Decimals used to show the expected answer.
    """

    unit: str
    tolerance: Any = 0
    places: int = 0
    kind = "number"

    def read(self, answer: Any) -> Fraction | None:
        return parse_number(answer, self.unit)

    def matches(self, value: Fraction, expected: Any) -> bool:
        return abs(value - Fraction(str(expected))) <= Fraction(str(self.tolerance))

    def show(self, expected: Any) -> str:
        number = f"{Decimal(str(round(float(Fraction(str(expected))), self.places))):,.{self.places}f}"
        return f"{number}{self.unit}" if self.unit == "%" else f"{number} {self.unit}"


@dataclass(frozen=True)
class Text:
    """A short text; the expected answer is a string or a tuple of accepted strings (the first is shown)."""

    placeholder: str = "在这里填写"
    kind = "text"

    def read(self, answer: Any) -> str | None:
        text = normalize_text(answer) if isinstance(answer, str) else None
        return text or None

    def matches(self, value: str, expected: Any) -> bool:
        accepted = (expected,) if isinstance(expected, str) else tuple(expected)
        return value in {normalize_text(a) for a in accepted}

    def show(self, expected: Any) -> str:
        return expected if isinstance(expected, str) else tuple(expected)[0]


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def normalize_text(text: str) -> str:
    """Full-width to half-width, no spaces or quotes, lower case.

    Examples
    --------
    >>> normalize_text("  交叉 销售率 ") == normalize_text("交叉销售率")
    True
    >>> normalize_text("Ａ２")
    'a2'
    """
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"[\s\"'“”‘’「」]", "", text).lower()


def parse_number(answer: Any, unit: str = "") -> Fraction | None:
    """A number typed by a learner: ``"1,234.5"``, ``"１２"``, ``"13万元"``, ``"12.5%"``; None if it is not one.

    A unit written after the number is accepted only if it is ``unit``.

    Examples
    --------
    >>> parse_number("49,999.99 元", "元"), parse_number("１３", "万元"), parse_number("十三", "万元")
    (Fraction(4999999, 100), Fraction(13, 1), None)
    >>> parse_number("13 元", "万元") is None
    True
    """
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, (int, Fraction, Decimal)):
        return Fraction(answer)
    if isinstance(answer, float):
        return Fraction(str(answer))
    text = unicodedata.normalize("NFKC", str(answer)).replace(",", "").replace(" ", "").strip()
    if unit and text.endswith(unicodedata.normalize("NFKC", unit)):
        text = text[: -len(unicodedata.normalize("NFKC", unit))]
    return Fraction(text) if _NUMBER.fullmatch(text) else None
