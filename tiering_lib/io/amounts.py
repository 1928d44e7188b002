"""Amounts as branch exports write them, parsed exactly into 分.

A balance cell may hold ``12345.67``, ``12,345.67``, ``１２，３４５．６７``
(full-width digits, as typed with a Chinese input method), ``12.5万``,
``¥3,000元``, ``(200.00)`` (an accounting negative) or a number from an Excel
cell.  :func:`parse_amount` turns each into a whole number of 分, or raises
:class:`AmountError` whose ``reason`` says why the cell cannot be used.

Only ASCII and full-width digits are digits: ``1000²``, ``5①`` or
Arabic-Indic digits are not numbers (no Unicode normalisation is applied).
A unit written in the cell (``万``/``万元``/``亿``/``元``) wins over the
column's unit.  Text in scientific notation (``1.23457E+11``, what Excel
writes for long numbers in a CSV) is refused: its digits were rounded away
when the file was exported.  A number from an Excel cell (a binary float) is
taken to be the nearest whole 分 when it is within floating-point noise of it
— a relative 1e-11, and never more than a thousandth of a 分 — so spreadsheet
arithmetic such as ``0.1 + 0.2 = 0.30000000000000004`` reads as 0.30 元, while a
real fraction of a 分 (``12.345``) is refused.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from tiering_lib.core.money import UNITS
from tiering_lib.errors import AmountError, DataError
from tiering_lib.io.privacy import fold_width

__all__ = ["parse_amount", "amount_message", "MAX_BALANCE_FEN"]

#: Largest balance accepted for one customer: 100亿元, in 分.  Anything above is a
#: mistake (a customer number in the balance column, a wrong unit) and is refused.
MAX_BALANCE_FEN = 10**12

_EXPONENT = {unit: len(str(size)) - 1 for unit, size in UNITS.items()}  # 元 → 2, 万元 → 6
_MAX_WHOLE_DIGITS = 16  # far above MAX_BALANCE_FEN in any unit
_PLAIN = re.compile(r"([0-9]+)(?:\.([0-9]*))?")
_FRACTION_ONLY = re.compile(r"\.([0-9]+)")
_GROUPED = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]*))?")
_SPACE_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]*)?")
_SCIENTIFIC = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")
_EMPTY = frozenset({"", "-", "--", "—", "——", "/", "n/a", "na", "nan", "null", "none"})
_CURRENCY = ("人民币", "rmb", "cny", "¥")
_SUFFIXES = (("亿元", "亿元"), ("亿", "亿元"), ("万元", "万元"), ("万", "万元"), ("元", "元"))
_MESSAGES = {
    "missing_balance": "余额为空",
    "not_a_number": "“{shown}”不是数字",
    "scientific": "“{shown}”是科学计数法，导出时精度已丢失",
    "negative": "“{shown}”是负数",
    "sub_fen": "“{shown}”精确到分以下",
    "too_large": "“{shown}”超过 100 亿元，不像一位客户的余额",
}


def amount_message(reason: str, shown: str) -> str:
    """The Chinese explanation of an amount refused for ``reason``, quoting the cell as ``shown``.

    Examples
    --------
    >>> amount_message("negative", "-5")
    '“-5”是负数'
    """
    return _MESSAGES[reason].format(shown=shown)


def _refuse(reason: str, shown: str) -> AmountError:
    return AmountError(reason, amount_message(reason, shown))


def _to_fen(whole: str, frac: str, unit: str, shown: str) -> int:
    places = _EXPONENT[unit]
    if len(whole) > _MAX_WHOLE_DIGITS:  # checked before int(): huge text is slow and limited
        whole = whole.lstrip("0")
        if len(whole) > _MAX_WHOLE_DIGITS:
            raise _refuse("too_large", shown)
    if len(frac) == places:  # the common case, kept fast
        return int(whole + frac) if whole else int(frac or "0")
    if len(frac) > places:
        if frac[places:].strip("0"):
            raise _refuse("sub_fen", shown)
        frac = frac[:places]
    return int((whole or "0") + frac.ljust(places, "0"))


def _checked(fen: int, negative: bool, shown: str) -> int:
    if negative and fen:
        raise _refuse("negative", shown)
    if fen > MAX_BALANCE_FEN:
        raise _refuse("too_large", shown)
    return fen


def _strip_marks(s: str, unit: str) -> tuple[str, str, bool]:
    """Remove brackets, a unit suffix, currency marks and a sign: ``(rest, unit, negative)``."""
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    for suffix, suffix_unit in _SUFFIXES:
        if s.endswith(suffix):
            s, unit = s[: -len(suffix)].strip(), suffix_unit
            break
    for _ in range(2):  # a sign and a currency mark, in either order: "-¥100", "¥-100"
        for mark in _CURRENCY:
            if s.startswith(mark):
                s = s[len(mark) :].strip()
        if s[:1] in ("-", "+"):
            negative, s = negative or s[0] == "-", s[1:].strip()
        elif s.endswith("-"):
            negative, s = True, s[:-1].strip()
    return s, unit, negative


def _parse_text(text: str, unit: str) -> int:
    shown = text.strip()
    s = fold_width(text).strip().lower()
    if s in _EMPTY:
        raise _refuse("missing_balance", shown)
    s, unit, negative = _strip_marks(s, unit)
    if _SPACE_GROUPED.fullmatch(s):
        s = s.replace(" ", ",")
    match = _PLAIN.fullmatch(s) or _GROUPED.fullmatch(s)
    if match:
        whole, frac = match.group(1).replace(",", ""), match.group(2) or ""
    elif _FRACTION_ONLY.fullmatch(s):
        whole, frac = "0", s[1:]
    elif _SCIENTIFIC.fullmatch(s):
        raise _refuse("scientific", shown)
    else:
        raise _refuse("not_a_number", shown)
    return _checked(_to_fen(whole, frac, unit, shown), negative, shown)


_NOISE = Decimal("1e-11")  # relative floating-point noise accepted around a whole 分
_MAX_NOISE = Decimal("0.001")  # in 分, whatever the size


def _float_fen(value: float, unit: str) -> int:
    """A float as the whole number of 分 it is within noise of (exact arithmetic on its binary value)."""
    shown = repr(value)
    if not math.isfinite(value):
        raise _refuse("not_a_number", shown)
    if abs(value) * UNITS[unit] > MAX_BALANCE_FEN * 10:
        raise _refuse("too_large" if value > 0 else "negative", shown)
    with localcontext() as ctx:
        ctx.prec = 80
        scaled = Decimal(value).scaleb(_EXPONENT[unit])
        fen = scaled.to_integral_value(rounding=ROUND_HALF_EVEN)
        if abs(scaled - fen) > min(_MAX_NOISE, max(abs(scaled), 1) * _NOISE):
            raise _refuse("sub_fen", shown)
    return _checked(abs(int(fen)), value < 0 and fen != 0, shown)


def _parse_number(value: int | float | Decimal, unit: str) -> int:
    """An Excel cell's number (or a Python number); a float within noise of a whole 分 is that 分."""
    if isinstance(value, int):
        if abs(value) > MAX_BALANCE_FEN:  # before str(): a huge int has too many digits to print
            raise _refuse("too_large" if value > 0 else "negative", "位数过多的数")
        return _checked(abs(value) * UNITS[unit], value < 0, str(value))
    if isinstance(value, float):
        return _float_fen(value, unit)
    shown = str(value)
    if not value.is_finite():
        raise _refuse("not_a_number", shown)
    if value and value.adjusted() > _MAX_WHOLE_DIGITS:
        raise _refuse("too_large" if value > 0 else "negative", shown)
    if value and value.as_tuple().exponent < -60:  # far below 1 分 in any unit
        raise _refuse("sub_fen", shown)
    whole, _, frac = format(abs(value), "f").partition(".")
    return _checked(_to_fen(whole, frac, unit, shown), value < 0, shown)


def parse_amount(value: object, unit: str = "元") -> int:
    """Parse one balance cell into a whole number of 分.

    Parameters
    ----------
    value : str, int, float, Decimal or None
        The cell as read: text from a CSV, or a number from an Excel cell
        (a float within floating-point noise of a whole 分 is that 分).
    unit : str
        Unit of the column, ``"元"`` or ``"万元"`` (also ``"分"``, ``"亿元"``);
        a unit written in the cell (``12.5万``) wins.

    Returns
    -------
    int
        The balance in 分, ``0 <= fen <= MAX_BALANCE_FEN``.

    Raises
    ------
    AmountError
        With ``reason`` set, when the cell is empty, not a number, in
        scientific notation, negative, finer than 1 分 or absurdly large.

    Examples
    --------
    >>> parse_amount("12,345.67"), parse_amount("１２．５万"), parse_amount("3", "万元")
    (1234567, 12500000, 3000000)
    >>> parse_amount(0.1 + 0.2)
    30
    >>> parse_amount("(200.00)")
    Traceback (most recent call last):
    ...
    tiering_lib.errors.AmountError: “(200.00)”是负数
    """
    if unit not in _EXPONENT:
        raise DataError(f"不认识单位“{unit}”；可用的单位：{'、'.join(UNITS)}")
    if value is None:
        raise _refuse("missing_balance", "")
    if value.__class__ is str:
        match = _PLAIN.fullmatch(value)
        if match:  # the common case, kept fast: plain digits
            return _checked(_to_fen(match.group(1), match.group(2) or "", unit, value), False, value)
        return _parse_text(value, unit)
    if isinstance(value, bool):
        raise _refuse("not_a_number", str(value))
    if isinstance(value, (int, float, Decimal)):
        return _parse_number(value, unit)
    return _parse_text(str(value), unit)
