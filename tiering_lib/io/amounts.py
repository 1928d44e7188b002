"""Amounts as branch exports write them, parsed exactly into 分.

A balance cell may hold ``12345.67``, ``12,345.67``, ``１２，３４５．６７``
(full-width digits, as typed with a Chinese input method), ``12.5万``,
``¥3,000元``, ``(200.00)`` (an accounting negative) or a number from an Excel
cell.  :func:`parse_amount` turns each into a whole number of 分, or raises
:class:`AmountError` whose ``reason`` says why the cell cannot be used.

A unit written in the cell (``万``/``万元``/``亿``/``元``) wins over the
column's unit.  Text in scientific notation (``1.23457E+11``, what Excel
writes for long numbers in a CSV) is refused: its digits were rounded away
when the file was exported.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from tiering_lib.core.money import UNITS
from tiering_lib.errors import AmountError, DataError

__all__ = [ "parse_amount", "MAX_BALANCE_FEN"]

#: Largest balance accepted for one customer: 100亿元, in 分.  Anything above is a
#: mistake (a customer number in the balance column, a wrong unit) and is refused.
MAX_BALANCE_FEN = 10**12

_EXPONENT = {unit: len(str(size)) - 1 for unit, size in UNITS.items()}  # 元 → 2, 万元 → 6
_PLAIN = re.compile(r"(\d+)(?:\.(\d*))?")
_FRACTION_ONLY = re.compile(r"\.(\d+)")
_GROUPED = re.compile(r"(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?")
_SCIENTIFIC = re.compile(r"(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_EMPTY = frozenset({"", "-", "--", "—", "——", "/", "n/a", "na", "nan", "null", "none"})
_CURRENCY = ("人民币", "rmb", "cny", "¥")
_SUFFIXES = (("亿元", "亿元"), ("亿", "亿元"), ("万元", "万元"), ("万", "万元"), ("元", "元"))


def _to_fen(whole: str, frac: str, unit: str, shown: str) -> int:
    places = _EXPONENT[unit]
    if len(whole.lstrip("0")) > 16:  # far above MAX_BALANCE_FEN; int() of huge text is slow
        raise AmountError("too_large", f"“{shown}” 超过 100 亿元,不像一位客户的余额")
    if len(frac) > places:
        if frac[places:].strip("0"):
            raise AmountError("sub_fen", f"“{shown}” 精确到分以下(单位 {unit})")
        frac = frac[:places]
    return int((whole or "0") + frac.ljust(places, "0"))


def _checked(fen: int, negative: bool, shown: str) -> int:
    if negative and fen:
        raise AmountError("negative", f"“{shown}” 是负数")
    if fen > MAX_BALANCE_FEN:
        raise AmountError("too_large", f"“{shown}” 超过 100 亿元,不像一位客户的余额")
    return fen


def _parse_text(text: str, unit: str) -> int:
    shown = text.strip()
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if s in _EMPTY:
        raise AmountError("missing_balance", "余额为空")
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
        if s[:1] in ("-", "−", "+"):
            negative, s = negative or s[0] != "+", s[1:].strip()
        elif s.endswith("-"):
            negative, s = True, s[:-1].strip()
    s = s.replace(" ", ",") if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:\.\d*)?", s) else s
    match = _PLAIN.fullmatch(s) or _GROUPED.fullmatch(s)
    if match:
        whole, frac = match.group(1).replace(",", ""), match.group(2) or ""
    elif _FRACTION_ONLY.fullmatch(s):
        whole, frac = "0", s[1:]
    elif _SCIENTIFIC.fullmatch(s):
        raise AmountError("scientific", f"“{shown}” 是科学计数法,导出时精度已丢失")
    else:
        raise AmountError("not_a_number", f"“{shown}” 不是数字")
    return _checked(_to_fen(whole, frac, unit, shown), negative, shown)


def parse_amount(value: object, unit: str = "元") -> int:
    """Parse one balance cell into a whole number of 分.

    Parameters
    ----------
    value : str, int, float, Decimal or None
        The cell as read: text from a CSV, or a number from an Excel cell
        (a float is read by its shortest exact repr, as Excel shows it).
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
    >>> parse_amount("(200.00)")
    Traceback (most recent call last):
    ...
    tiering_lib.errors.AmountError: “(200.00)” 是负数
    """
    if unit not in _EXPONENT:
        raise DataError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
    if value is None:
        raise AmountError("missing_balance", "余额为空")
    if isinstance(value, str):
        match = _PLAIN.fullmatch(value)
        if match:  # the common case, kept fast: plain digits
            return _checked(_to_fen(match.group(1), match.group(2) or "", unit, value), False, value)
        return _parse_text(value, unit)
    if isinstance(value, bool):
        raise AmountError("not_a_number", f"“{value}” 不是数字")
    if isinstance(value, int):
        return _checked(abs(value) * UNITS[unit], value < 0, str(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AmountError("not_a_number", f"“{value}” 不是数字")
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError("not_a_number", f"“{value}” 不是数字")
        text = format(abs(value), "f")
        whole, _, frac = text.partition(".")
        return _checked(_to_fen(whole, frac, unit, str(value)), value < 0, str(value))
    return _parse_text(str(value), unit)
