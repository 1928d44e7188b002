"""Concentration of balances: Lorenz curve, Gini coefficient, top-x% share.

From customer-level data everything is exact (computed with integers and
fractions).  From banded data the position of each customer inside a band is
unknown, so the functions state their assumption:

* ``"equal"`` — every household in a band holds the band's average.  This is
  the *lowest* inequality the bands allow (Lorenz curve straight between band
  points), so it gives the lowest possible Gini and top share.
* ``"extreme"`` — inside each band households sit at the band's two ends
  (lower bound and upper bound − 1 分, one in between to make the sum exact;
  in the open top band all but one sit at the lower bound).  This is the
  *highest* inequality the bands allow.

Pairs of households in different bands contribute the same to the Gini either
way (every balance of a lower band is below every balance of a higher one), so
these two really are the lowest and highest Gini consistent with the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from tiering_lib.core.sorted_balances import SortedBalances
from tiering_lib.core.tables import DistributionTable
from tiering_lib.errors import DataError

__all__ = [
    "gini",
    "lorenz_points",
    "top_share",
    "band_distribution",
    "gini_banded",
    "GiniBounds",
    "gini_bounds",
    "lorenz_banded",
    "top_share_banded",
]

_CHUNK = 1 << 20


def _prepared(balances: SortedBalances | Sequence[int] | np.ndarray) -> SortedBalances:
    return balances if isinstance(balances, SortedBalances) else SortedBalances(balances)


def gini(balances: SortedBalances | Sequence[int] | np.ndarray) -> float:
    """Gini coefficient of customer-level balances, computed exactly then given as a float.

    ``G = 1 − (2·ΣC_i − S)/(n·S)`` with ``C_i`` the cumulative sums of the
    sorted balances and ``S`` their total (the pair formula
    ``Σ|x_i − x_j| / (2 n² μ)`` in one pass).

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    """
    sb = _prepared(balances)
    n, total = len(sb), sb.total
    if n == 0 or total == 0:
        raise DataError("计算基尼系数至少需要一位余额为正的客户")
    cum = sb.prefix[1:]
    sum_c = sum(int(cum[i : i + _CHUNK].sum()) for i in range(0, n, _CHUNK))
    return float(1 - Fraction(2 * sum_c - total, n * total))


def lorenz_points(
    balances: SortedBalances | Sequence[int] | np.ndarray, max_points: int = 1001
) -> tuple[np.ndarray, np.ndarray]:
    """Points of the Lorenz curve: (share of households, share of balances), both 0–1.

    At most ``max_points`` evenly spaced ranks (0 and n included); each point
    is exact at its rank.

    Examples
    --------
    >>> x, y = lorenz_points([1, 3], max_points=3)
    >>> x.tolist(), y.tolist()
    ([0.0, 0.5, 1.0], [0.0, 0.25, 1.0])
    """
    sb = _prepared(balances)
    n, total = len(sb), sb.total
    if n == 0 or total == 0:
        raise DataError("画洛伦兹曲线至少需要一位余额为正的客户")
    ranks = np.unique(np.linspace(0, n, num=min(max_points, n + 1)).round().astype(np.int64))
    return ranks / n, sb.prefix[ranks] / total


def top_share(balances: SortedBalances | Sequence[int] | np.ndarray, percent: float) -> Fraction:
    """Exact share of balances held by the richest ``percent`` % of households.

    The richest ``round(n × percent / 100)`` households are counted.

    Examples
    --------
    >>> top_share([1, 1, 2, 6], 25)
    Fraction(3, 5)
    """
    sb = _prepared(balances)
    if not 0 <= percent <= 100:
        raise DataError(f"百分比应在 0 到 100 之间，这里是 {percent}")
    n, total = len(sb), sb.total
    k = int(round(n * percent / 100))
    return Fraction(total - int(sb.prefix[n - k]), total) if total else Fraction(0)


def band_distribution(table: DistributionTable, assumption: str = "equal") -> list[tuple[Fraction, int]]:
    """(balance in 分, households) points that reproduce each band exactly under an assumption.

    Parameters
    ----------
    table : DistributionTable
        Banded data.
    assumption : {"equal", "extreme"}
        See the module description.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, table_from_bands
    >>> t = table_from_bands(builtin_scheme("suzhou_three_class"), [2, 0, 0], [300, 0, 0])
    >>> band_distribution(t, "equal")
    [(Fraction(150, 1), 2)]
    >>> band_distribution(t, "extreme")
    [(Fraction(0, 1), 1), (Fraction(300, 1), 1)]
    """
    if assumption not in ("equal", "extreme"):
        raise DataError(f"assumption 只能是 'equal'（档内均匀）或 'extreme'（档内极端），这里是 {assumption!r}")
    points: list[tuple[Fraction, int]] = []
    for tier, n, amount in zip(table.scheme.tiers, table.households, table.amounts):
        if n == 0:
            continue
        if assumption == "equal":
            points.append((Fraction(amount, n), n))
            continue
        low = tier.lower
        if tier.upper is None:  # open band: one household takes everything above the floor
            rest = amount - n * low
            pts = [(low, n - 1), (low + rest, 1)] if rest else [(low, n)]
        else:
            high = tier.upper - 1
            width = high - low
            spare = amount - n * low
            at_high, remainder = divmod(spare, width) if width else (0, 0)
            middle = 1 if remainder else 0
            pts = [(low, n - at_high - middle), (low + remainder, middle), (high, at_high)]
        points.extend((Fraction(v), c) for v, c in pts if c)
    return sorted(points)


def _gini_of_points(points: list[tuple[Fraction, int]]) -> Fraction:
    n = sum(c for _, c in points)
    total = sum(v * c for v, c in points)
    pairs = Fraction(0)
    count_below, sum_below = 0, Fraction(0)
    for v, c in points:  # sorted ascending
        pairs += c * (v * count_below - sum_below)
        count_below += c
        sum_below += v * c
    return pairs / (n * total)


def gini_banded(table: DistributionTable, assumption: str = "equal") -> float:
    """Gini coefficient of banded data under an assumption ("equal" or "extreme")."""
    if table.total_amount == 0:
        raise DataError("计算基尼系数需要余额合计大于 0")
    return float(_gini_of_points(band_distribution(table, assumption)))


@dataclass(frozen=True)
class GiniBounds:
    """The lowest and highest Gini coefficient a banded table allows."""

    lowest: float
    highest: float
    lowest_assumption: str = "每档内各户余额相等（等于该档户均余额）"
    highest_assumption: str = "每档内各户余额尽量分到两端（下限与上限），开口的最高档由一户持有超出下限的全部余额"


def gini_bounds(table: DistributionTable) -> GiniBounds:
    """Lowest and highest Gini the bands allow (see the module description).

    Examples
    --------
    >>> from tiering_lib import load_suzhou_bands
    >>> b = gini_bounds(load_suzhou_bands())
    >>> round(b.lowest, 3) < round(b.highest, 3)
    True
    """
    return GiniBounds(gini_banded(table, "equal"), gini_banded(table, "extreme"))


def lorenz_banded(table: DistributionTable) -> tuple[list[float], list[float]]:
    """Lorenz points at the band edges (exact there); straight lines between them
    correspond to the "equal" assumption.

    Examples
    --------
    >>> from tiering_lib import load_suzhou_bands
    >>> x, y = lorenz_banded(load_suzhou_bands())
    >>> round(x[1], 5), round(y[1], 5)
    (0.87639, 0.10392)
    """
    n, total = table.total_households, table.total_amount
    xs, ys = [0.0], [0.0]
    cn = ca = 0
    for c, a in zip(table.households, table.amounts):
        cn += c
        ca += a
        xs.append(cn / n)
        ys.append(ca / total)
    return xs, ys


def top_share_banded(table: DistributionTable, percent: float) -> tuple[Fraction, Fraction]:
    """Lowest and highest share of balances the richest ``percent`` % can hold, given the bands.

    Returns
    -------
    (Fraction, Fraction)
        Under the "equal" and the "extreme" assumption.

    Examples
    --------
    >>> from tiering_lib import load_suzhou_bands
    >>> low, high = top_share_banded(load_suzhou_bands(), 0.004)
    >>> low <= high
    True
    """
    out = []
    for assumption in ("equal", "extreme"):
        points = band_distribution(table, assumption)
        n = sum(c for _, c in points)
        total = sum(v * c for v, c in points)
        k = Fraction(n) * Fraction(percent).limit_denominator(10**9) / 100
        taken = Fraction(0)
        for v, c in reversed(points):
            take = min(Fraction(c), k)
            taken += take * v
            k -= take
            if k <= 0:
                break
        out.append(taken / total)
    return out[0], out[1]
