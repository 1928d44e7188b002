"""Exact money: amounts are integer 分 (fen, 0.01 元), never floats that drift.

Conversions go through :class:`decimal.Decimal`, so ``"322918.32184"`` 万元
becomes exactly ``322918321840`` 分.  Units accepted everywhere: ``"分"``,
``"元"``, ``"万元"`` and ``"亿元"``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from tiering_lib.errors import DataError

__all__ = [
    "UNITS",
    "to_fen",
    "fen_to_unit",
    "round_half_up",
    "to_decimal",
    "exact_sum",
    "DECIMAL_DIGITS",
    "format_amount",
    "format_percent",
]

#: Number of 分 in one unit of each supported unit.
UNITS: dict[str, int] = {"分": 1, "元": 100, "万元": 1_000_000, "亿元": 10_000_000_000}


def _unit_size(unit: str) -> int:
    try:
        return UNITS[unit]
    except KeyError:
        raise DataError(f"不认识单位“{unit}”；可用的单位：{'、'.join(UNITS)}") from None


def to_fen(value: object, unit: str = "元") -> int:
    """Convert an amount in ``unit`` to an exact whole number of 分.

    Parameters
    ----------
    value : str, int or Decimal
        The amount, e.g. ``"322918.32184"``.  Floats are refused because
        they cannot carry every printed digit; pass the printed text instead.
    unit : str
        ``"分"``, ``"元"``, ``"万元"`` or ``"亿元"``.

    Returns
    -------
    int
        The amount in 分.

    Raises
    ------
    DataError
        If the value is not a number, is a float, has more precision than
        one 分, or is too large for a 64-bit integer of 分.

    Examples
    --------
    >>> to_fen("322918.32184", "万元")
    322918321840
    >>> to_fen(10000)
    1000000
    """
    if isinstance(value, float):
        raise DataError(f"金额 {value!r} 是浮点数，可能已丢失位数；请写成文本或 Decimal")
    if isinstance(value, bool):
        raise DataError(f"金额“{value}”不是数字")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise DataError(f"金额“{value}”不是数字") from None
    if not amount.is_finite():
        raise DataError(f"金额“{value}”不是有限的数")
    size = _unit_size(unit)
    if amount.adjusted() + len(str(size)) > 18:  # 10**18 分 would not fit a 64-bit integer
        raise DataError(f"金额“{value} {unit}”大得不合理（超过 1 亿亿元）")
    fen = amount * size
    if fen != fen.to_integral_value():
        raise DataError(f"金额“{value} {unit}”精确到分（0.01 元）以下")
    return int(fen)


def fen_to_unit(fen: int, unit: str = "元") -> Decimal:
    """Express a whole number of 分 exactly in ``unit`` as a Decimal.

    Examples
    --------
    >>> fen_to_unit(322918321840, "万元")
    Decimal('322918.32184')
    >>> fen_to_unit(1999, "元")
    Decimal('19.99')
    """
    value = Decimal(int(fen)) / Decimal(_unit_size(unit))
    # Division by a power of ten is exact; normalise away trailing zeros but
    # keep integers written without an exponent.
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round a Decimal to ``places`` decimals, halves away from zero (as Excel).

    Examples
    --------
    >>> round_half_up(Decimal("2.0865"), 3)
    Decimal('2.087')
    """
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


#: Significant digits kept when an exact fraction becomes a Decimal (before any rounding to places).
DECIMAL_DIGITS = 40


def to_decimal(value: Fraction | Decimal | int, places: int | None = None) -> Decimal:
    """An exact value (a Fraction such as a share) as a Decimal, optionally rounded half up.

    The division keeps :data:`DECIMAL_DIGITS` significant digits, far more than
    any report shows, and then rounds to ``places`` decimals if given.  Every
    module converts shares, rates and averages through this one function.

    Examples
    --------
    >>> to_decimal(Fraction(1, 8))
    Decimal('0.125')
    >>> to_decimal(Fraction(2, 3), 4)
    Decimal('0.6667')
    """
    frac = Fraction(value)
    with localcontext() as ctx:
        ctx.prec = DECIMAL_DIGITS
        exact = Decimal(frac.numerator) / Decimal(frac.denominator)
    return exact if places is None else round_half_up(exact, places)


def exact_sum(values) -> int:
    """The exact sum of whole amounts (an integer array or any iterable of ints), as a Python int.

    numpy's int64 sum is used when it cannot overflow, Python integers otherwise.

    Examples
    --------
    >>> import numpy as np
    >>> exact_sum(np.array([2**62, 2**62]))
    9223372036854775808
    """
    import numpy as np

    arr = np.asarray(values)
    if arr.size == 0:
        return 0
    if arr.dtype.kind in "iu" and int(np.abs(arr).max()) <= (2**62) // arr.size:
        return int(arr.sum())
    return sum(int(v) for v in arr.tolist())


def format_amount(fen: int, unit: str = "万元", places: int = 2, suffix: bool = False) -> str:
    """Format 分 in ``unit`` with thousands separators, as a Chinese reader expects.

    Examples
    --------
    >>> format_amount(322918321840, "万元", 2)
    '322,918.32'
    >>> format_amount(3107282898820, "亿元", 2, suffix=True)
    '310.73亿元'
    """
    text = f"{round_half_up(fen_to_unit(fen, unit), places):,.{places}f}"
    return text + unit if suffix else text


def format_percent(fraction: Decimal, places: int = 3) -> str:
    """Format a fraction (0–1) as a percentage, e.g. ``'9.535%'``.

    Examples
    --------
    >>> format_percent(Decimal("0.0953470"), 3)
    '9.535%'
    """
    return f"{round_half_up(Decimal(fraction) * 100, places)}%"
