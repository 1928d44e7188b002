"""Fast re-tiering: sort once, then answer any threshold table without visiting customers.

After :class:`SortedBalances` has sorted the balances and built their prefix
sums (one pass, ~0.3 s for the 7.4 million Suzhou customers), the households
and the exact amount in any tier ``[lower, upper)`` are two binary searches
away: ``count = idx(upper) - idx(lower)`` and ``amount = prefix[idx(upper)] -
prefix[idx(lower)]``.  That is what makes threshold sliders answer at once.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np

from tiering_lib.core.classify import as_balances
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.tables import DistributionTable
from tiering_lib.errors import DataError, SchemeError

__all__ = ["SortedBalances"]


class SortedBalances:
    """Customer balances (分) sorted once, with exact int64 prefix sums.

    Parameters
    ----------
    balances : sequence of int or integer array
        One balance per customer, in 分.

    Examples
    --------
    >>> sb = SortedBalances([300, 100, 200])
    >>> sb.counts_amounts([150, 250])
    (array([1, 1, 1]), array([100, 200, 300]))
    """

    def __init__(self, balances: Sequence[int] | np.ndarray) -> None:
        arr = as_balances(balances)
        self._sorted = np.sort(arr)
        self._sorted.setflags(write=False)
        if arr.size and int(self._sorted[-1]) > (2**62) // arr.size:
            raise DataError("余额合计超出了精确计算的范围（int64）；请把数据分成几份再算")
        prefix = np.zeros(arr.size + 1, dtype=np.int64)
        np.cumsum(self._sorted, out=prefix[1:])
        prefix.setflags(write=False)
        self._prefix = prefix

    def __len__(self) -> int:
        return int(self._sorted.size)

    @property
    def sorted(self) -> np.ndarray:
        """The balances in ascending order (read-only)."""
        return self._sorted

    @property
    def prefix(self) -> np.ndarray:
        """``prefix[k]`` is the sum of the ``k`` smallest balances (read-only)."""
        return self._prefix

    @property
    def total(self) -> int:
        """Sum of all balances, in 分."""
        return int(self._prefix[-1])

    def counts_amounts(self, thresholds: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Households and amounts (分) per tier for inner bounds ``thresholds`` (分, increasing).

        With ``k`` thresholds there are ``k + 1`` tiers, lowest first; a balance
        equal to a threshold belongs to the tier above it.
        """
        t = np.asarray(thresholds, dtype=np.int64)
        if t.ndim != 1 or np.any(np.diff(t) <= 0) or (t.size and t[0] <= 0):
            raise SchemeError(f"分层门槛应大于 0 且逐级增大，这里是 {list(t)}")
        idx = np.empty(t.size + 2, dtype=np.int64)
        idx[0] = 0
        idx[1:-1] = np.searchsorted(self._sorted, t, side="left")
        idx[-1] = self._sorted.size
        return np.diff(idx), np.diff(self._prefix[idx])

    def table(self, scheme: TierScheme) -> DistributionTable:
        """The distribution table of ``scheme`` (same result as ``table_from_balances``).

        Examples
        --------
        >>> from tiering_lib import builtin_scheme
        >>> SortedBalances([0, 1_000_000, 20_000_000]).table(builtin_scheme("suzhou_three_class")).households
        (1, 1, 1)
        """
        counts, amounts = self.counts_amounts(scheme.thresholds)
        return DistributionTable(scheme, tuple(int(c) for c in counts), tuple(int(a) for a in amounts))

    def amount_at_or_above(self, threshold: int) -> tuple[int, int]:
        """Households and amount (分) with balance ``>= threshold`` (分)."""
        i = int(np.searchsorted(self._sorted, threshold, side="left"))
        return self._sorted.size - i, self.total - int(self._prefix[i])

    def threshold_for_top_share(self, share: float | Fraction) -> int:
        """The lowest threshold (a balance in the data, 分) whose top tier holds at most ``share`` of balances.

        Examples
        --------
        >>> SortedBalances([100, 100, 800]).threshold_for_top_share(0.8)
        800
        """
        share = Fraction(share).limit_denominator(10**12) if isinstance(share, float) else Fraction(share)
        if not 0 < share <= 1:
            raise DataError(f"占比应大于 0、不超过 1，这里是 {share}")
        # amount above position i is total - prefix[i]; find the smallest i with it <= share * total.
        limit = (share * self.total).numerator // (share * self.total).denominator  # amounts are whole 分
        above = self.total - self._prefix[:-1]
        i = int(np.searchsorted(-above, -limit, side="left"))  # -above is increasing
        while i < self._sorted.size and i > 0 and self._sorted[i] == self._sorted[i - 1]:
            i += 1  # a threshold cannot split equal balances
        return int(self._sorted[min(i, self._sorted.size - 1)])
