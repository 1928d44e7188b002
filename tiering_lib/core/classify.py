"""Vectorised assignment of balances (in 分) to the tiers of a scheme."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from tiering_lib.core.money import to_fen
from tiering_lib.core.schemes import TierScheme
from tiering_lib.errors import DataError

__all__ = ["as_balances", "balances_from_text", "classify", "tier_codes"]


def as_balances(balances: Sequence[int] | np.ndarray, *, source: str = "balances") -> np.ndarray:
    """Check customer balances in 分 and return them as an int64 array.

    Parameters
    ----------
    balances : sequence of int or integer array
        One balance per customer, in 分 (0.01 元).  Use
        :func:`balances_from_text` for amounts written in 元 or 万元.
    source : str
        What to call the data in error messages.

    Raises
    ------
    DataError
        If a balance is negative or not a whole number of 分; the message
        gives the positions (0-based) of the first offending customers.

    Examples
    --------
    >>> as_balances([0, 1_000_000]).dtype
    dtype('int64')
    """
    arr = np.asarray(balances)
    if arr.ndim != 1:
        raise DataError(f"{source}：余额应是一列数，这里是形状为 {arr.shape} 的表")
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.dtype.kind == "f":
        raise DataError(
            f"{source}：余额是小数（浮点数），会丢失精度；请给以分为单位的整数"
            "（用 tl.balances_from_text 可把以元或万元写的文字精确换算成分）"
        )
    if arr.dtype.kind not in "iu":
        try:
            arr = np.array([int(v) for v in arr], dtype=np.int64)
        except (TypeError, ValueError, OverflowError):
            raise DataError(f"{source}：余额必须是以分为单位的整数") from None
    arr = arr.astype(np.int64, copy=False)
    negative = np.flatnonzero(arr < 0)
    if negative.size:
        first = ", ".join(str(i) for i in negative[:5])
        raise DataError(
            f"{source}：有 {negative.size} 个余额是负数，最先几个在第 {first} 个位置（从 0 数起）；"
            "存款余额不会是负数，请检查导出的数据"
        )
    return arr


def balances_from_text(values: Iterable[object], unit: str = "元") -> np.ndarray:
    """Convert amounts written as text/Decimal/int in ``unit`` to an int64 array of 分.

    Examples
    --------
    >>> balances_from_text(["9999.99", "10000"]).tolist()
    [999999, 1000000]
    """
    out = []
    for i, v in enumerate(values):
        try:
            out.append(to_fen(v, unit))
        except DataError as err:
            raise DataError(f"第 {i} 个余额（从 0 数起）：{err}") from None
    return as_balances(np.array(out, dtype=np.int64))


def classify(balances: Sequence[int] | np.ndarray, scheme: TierScheme) -> np.ndarray:
    """Index of each customer's tier (0 = lowest tier of ``scheme.tiers``).

    Every non-negative balance lands in exactly one tier, because a valid
    scheme starts at 0, has no gaps and an open top tier.

    Parameters
    ----------
    balances : sequence of int or integer array
        Balances in 分.
    scheme : TierScheme

    Returns
    -------
    numpy.ndarray of int
        Positions into ``scheme.tiers``.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> s = builtin_scheme("suzhou_five_band")
    >>> classify([999_999, 1_000_000, 20_000_000], s).tolist()
    [0, 1, 3]
    """
    arr = as_balances(balances)
    lowers = np.array([t.lower for t in scheme.tiers], dtype=np.int64)
    return np.searchsorted(lowers, arr, side="right") - 1


def tier_codes(balances: Sequence[int] | np.ndarray, scheme: TierScheme) -> np.ndarray:
    """The tier code of each customer, e.g. ``array(['C', 'A'])``.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> tier_codes([0, 20_000_000], builtin_scheme("suzhou_three_class")).tolist()
    ['C', 'A']
    """
    codes = np.array(scheme.codes, dtype=object)
    return codes[classify(balances, scheme)]
