"""Tier migration between two month-ends of the same branch: who moved up, down, in and out.

Customers are matched by their key (客户号).  A customer in both months is
counted in the cell (last month's tier, this month's tier); a customer only
last month is 流失 (lost), one only this month is 新增 (new).  So every
customer of last month is counted once in the rows and every customer of this
month once in the columns, and the household matrix conserves both months.

The balance matrix holds, for the customers of each cell, their balance at
this month-end; in the 流失 column (no balance this month) it holds their
balance at last month-end, the money that left.  Its columns other than 流失
therefore add up to this month's tier totals.  Amounts are exact integers of 分.

:class:`AlertRule` says which movements need a call (流失预警): customers of a
higher tier last month whose balance fell by more than a share, who dropped a
tier, or who left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import numpy as np

from tiering_lib.core.classify import as_balances, classify
from tiering_lib.core.money import exact_sum
from tiering_lib.core.schemes import TierScheme
from tiering_lib.errors import DataError

__all__ = ["AlertRule", "TierMigration", "migrate", "NEW", "LOST", "TOTAL"]

#: Labels of the extra row (customers new this month), extra column (customers lost) and totals.
NEW, LOST, TOTAL = "新增", "流失", "合计"


@dataclass(frozen=True)
class AlertRule:
    """Which movements of a higher-tier customer go on the 流失预警 watch list.

    Attributes
    ----------
    lowest_tier : str or None
        Watch customers who were last month in this tier or above; by default
        the lowest tier of the mid- and high-end segments (中端, 高端: the
        customers a relationship manager keeps), or the top tier if the scheme
        has no segments.
    drop_share : Fraction
        A balance that fell by more than this share of last month's is an alert (0–1).
    on_tier_drop : bool
        Alert when the customer dropped to a lower tier, whatever the share.
    on_lost : bool
        Alert when the customer is gone this month.

    Examples
    --------
    >>> AlertRule(drop_share=Fraction(1, 2)).drop_share
    Fraction(1, 2)
    """

    lowest_tier: str | None = None
    drop_share: Fraction = Fraction(3, 10)
    on_tier_drop: bool = True
    on_lost: bool = True

    def __post_init__(self) -> None:
        share = Fraction(self.drop_share).limit_denominator(10**6)  # whole-number comparisons stay within int64
        if not 0 <= share < 1:
            raise DataError(f"下降比例应在 0 到 100% 之间（不含 100%），现在是 {float(share):.0%}")
        object.__setattr__(self, "drop_share", share)

    def first_watched(self, scheme: TierScheme) -> int:
        """Position in ``scheme.tiers`` of the lowest watched tier."""
        if self.lowest_tier is not None:
            return scheme.codes.index(scheme.tier(self.lowest_tier).code)
        kept = [k for k, t in enumerate(scheme.tiers) if t.segment in ("高端", "中端")]
        return kept[0] if kept else len(scheme.tiers) - 1


def _checked_keys(keys: Sequence[str], what: str) -> np.ndarray:
    arr = np.asarray([str(k) for k in keys], dtype=object)
    if any(not k.strip() for k in arr):
        raise DataError(f"{what}有空的客户号；比对两个月需要每位客户都有客户号")
    if len(set(arr.tolist())) != arr.size:
        raise DataError(f"{what}有重复的客户号；请先去掉重复的行（读取文件时它们会列入问题数据）")
    return arr


@dataclass(frozen=True, eq=False)
class TierMigration:
    """Two month-ends of one branch, matched by customer key, under one scheme.

    Build with :func:`migrate`.  Positions refer to the customers as given
    (``old_*`` to last month, ``new_*`` to this month).
    """

    scheme: TierScheme
    old_keys: np.ndarray
    old_balances: np.ndarray
    new_keys: np.ndarray
    new_balances: np.ndarray
    old_tier: np.ndarray = field(repr=False)
    new_tier: np.ndarray = field(repr=False)
    pairs: np.ndarray = field(repr=False)  # (k, 2): old position, new position of each matched customer
    lost: np.ndarray = field(repr=False)  # old positions of customers gone this month
    added: np.ndarray = field(repr=False)  # new positions of customers new this month

    # -- the two matrices --------------------------------------------------------------------
    @property
    def codes(self) -> tuple[str, ...]:
        """Tier codes in scheme order: the matrices' rows (then 新增) and columns (then 流失)."""
        return self.scheme.codes

    def __post_init__(self) -> None:
        object.__setattr__(self, "_watch_cache", {})

    def household_matrix(self) -> np.ndarray:
        """Households: ``(n + 1) × (n + 1)``; row ``n`` is 新增, column ``n`` is 流失.

        Examples
        --------
        >>> from tiering_lib import builtin_scheme
        >>> m = migrate(["a", "b"], [500_00, 30_000_000], ["b", "c"], [5_000_00, 1], builtin_scheme("suzhou_three_class"))
        >>> m.household_matrix().tolist()
        [[0, 0, 0, 1], [0, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]
        """
        n = len(self.codes)
        out = np.zeros((n + 1, n + 1), dtype=np.int64)
        old, new = self.pairs[:, 0], self.pairs[:, 1]
        np.add.at(out, (self.old_tier[old], self.new_tier[new]), 1)
        np.add.at(out, (self.old_tier[self.lost], n), 1)
        np.add.at(out, (n, self.new_tier[self.added]), 1)
        return out

    def balance_matrix(self) -> list[list[int]]:
        """Balances in 分, laid out as :meth:`household_matrix`: this month's, last month's for 流失."""
        n = len(self.codes)
        old, new = self.pairs[:, 0], self.pairs[:, 1]
        rows = np.concatenate([self.old_tier[old], self.old_tier[self.lost], np.full(self.added.size, n)])
        cols = np.concatenate([self.new_tier[new], np.full(self.lost.size, n), self.new_tier[self.added]])
        values = np.concatenate([self.new_balances[new], self.old_balances[self.lost], self.new_balances[self.added]])
        cell = rows * (n + 1) + cols
        order = np.argsort(cell, kind="stable")
        cell, values = cell[order], values[order]
        edges = np.searchsorted(cell, np.arange((n + 1) ** 2 + 1))
        sums = [exact_sum(values[edges[k]:edges[k + 1]]) for k in range((n + 1) ** 2)]
        return [sums[r * (n + 1):(r + 1) * (n + 1)] for r in range(n + 1)]

    # -- who moved ----------------------------------------------------------------------------
    def steps(self) -> np.ndarray:
        """Tiers moved by each matched customer (this month minus last month; + is up)."""
        return self.new_tier[self.pairs[:, 1]] - self.old_tier[self.pairs[:, 0]]

    def upgraded(self) -> np.ndarray:
        """Rows of :attr:`pairs` of the customers who moved up at least one tier."""
        return self.pairs[self.steps() > 0]

    def downgraded(self) -> np.ndarray:
        """Rows of :attr:`pairs` of the customers who moved down at least one tier."""
        return self.pairs[self.steps() < 0]

    def watch_list(self, rule: AlertRule | None = None) -> list[dict]:
        """The 流失预警 list: watched customers with a large fall, a tier drop, or gone, largest fall first.

        Each entry has ``old`` and ``new`` (positions, ``new`` None when lost),
        ``fall`` (分, last month minus this month), ``share`` (Fraction of last
        month's balance) and ``reasons`` (Chinese).
        """
        rule = rule or AlertRule()
        if rule not in self._watch_cache:
            self._watch_cache[rule] = self._watch_list(rule)
        return list(self._watch_cache[rule])

    def _watch_list(self, rule: AlertRule) -> list[dict]:
        codes = self.codes
        first = rule.first_watched(self.scheme)
        old, new = self.pairs[:, 0], self.pairs[:, 1]
        before, after = self.old_balances[old], self.new_balances[new]
        share = rule.drop_share
        # fell by more than the share: (before - after) / before > p/q, in whole numbers (no float)
        fell = (before > 0) & ((before - after) * share.denominator > before * share.numerator)
        dropped = self.new_tier[new] < self.old_tier[old] if rule.on_tier_drop else np.zeros(old.size, dtype=bool)
        out = []
        for k in np.flatnonzero((self.old_tier[old] >= first) & (fell | dropped)).tolist():
            o, w, b, a = int(old[k]), int(new[k]), int(before[k]), int(after[k])
            reasons = [f"余额下降超过 {float(share):.0%}"] if fell[k] else []
            if dropped[k]:
                reasons.append(f"降级（{codes[self.old_tier[o]]}→{codes[self.new_tier[w]]}）")
            out.append({"old": o, "new": w, "fall": b - a, "share": Fraction(b - a, b) if b else Fraction(0),
                        "reasons": reasons})
        if rule.on_lost:
            for old in self.lost.tolist():
                if self.old_tier[old] >= first:
                    before = int(self.old_balances[old])
                    out.append({"old": old, "new": None, "fall": before, "share": Fraction(1), "reasons": ["流失"]})
        return sorted(out, key=lambda e: (-e["fall"], str(self.old_keys[e["old"]])))

    def check(self) -> None:
        """Conservation: every customer of each month is counted exactly once (a bug if not)."""
        m = self.household_matrix()
        n = len(self.codes)
        if int(m[:n, :].sum()) != self.old_keys.size or int(m[:, :n].sum()) != self.new_keys.size:
            raise AssertionError("migration matrix does not conserve the customers of both months")
        if [exact_sum(self.new_balances[self.new_tier == k]) for k in range(n)] != \
                [sum(row[k] for row in self.balance_matrix()) for k in range(n)]:
            raise AssertionError("balance matrix columns differ from this month's tier totals")


def migrate(
    old_keys: Sequence[str],
    old_balances: Sequence[int] | np.ndarray,
    new_keys: Sequence[str],
    new_balances: Sequence[int] | np.ndarray,
    scheme: TierScheme,
) -> TierMigration:
    """Match two month-ends by customer key and tier both under ``scheme``.

    Parameters
    ----------
    old_keys, new_keys : sequence of str
        Customer keys of last month and this month, unique within each month.
    old_balances, new_balances : sequence of int
        Balances in 分, one per key.
    scheme : TierScheme

    Raises
    ------
    DataError
        If a month has an empty or repeated key, or keys and balances differ in number.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> m = migrate(["a", "b"], [500_00, 30_000_000], ["b", "c"], [5_000_00, 1], builtin_scheme("suzhou_three_class"))
    >>> [str(m.old_keys[i]) for i in m.lost], [str(m.new_keys[i]) for i in m.added]
    (['a'], ['c'])
    >>> m.steps().tolist()  # b: A last month, C this month
    [-2]
    """
    olds, news = _checked_keys(old_keys, "上月数据"), _checked_keys(new_keys, "本月数据")
    ob, nb = as_balances(old_balances, source="上月余额"), as_balances(new_balances, source="本月余额")
    if ob.size != olds.size or nb.size != news.size:
        raise DataError("客户号和余额的个数不一致")
    where_new = {k: i for i, k in enumerate(news.tolist())}
    pairs = [(i, where_new[k]) for i, k in enumerate(olds.tolist()) if k in where_new]
    matched_new = {j for _, j in pairs}
    result = TierMigration(
        scheme=scheme, old_keys=olds, old_balances=ob, new_keys=news, new_balances=nb,
        old_tier=classify(ob, scheme), new_tier=classify(nb, scheme),
        pairs=np.array(pairs, dtype=np.int64).reshape(-1, 2),
        lost=np.array([i for i, k in enumerate(olds.tolist()) if k not in where_new], dtype=np.int64),
        added=np.array([j for j in range(news.size) if j not in matched_new], dtype=np.int64),
    )
    result.check()
    return result
