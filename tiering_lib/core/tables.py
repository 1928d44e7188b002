"""Distribution tables in the deck's layout: 金额, 占比, 户数, 占比, 户均余额.

A :class:`DistributionTable` holds, for each tier of a scheme, the number of
households and their total balance in whole 分.  It is both the result of
tiering customer-level data and the form banded data (such as the Suzhou
five-band report) comes in, so banded data can be re-aggregated into a coarser
scheme with :func:`reaggregate`.  Everything is exact integers; shares are
exact fractions shown as rounded Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from tiering_lib.core.classify import as_balances, classify
from tiering_lib.core.money import exact_sum, fen_to_unit, format_percent, round_half_up, to_decimal
from tiering_lib.core.schemes import TierScheme
from tiering_lib.errors import DataError, SchemeError

__all__ = ["DistributionTable", "table_from_bands", "table_from_balances", "reaggregate", "COLUMNS"]

#: Column names of :meth:`DistributionTable.to_frame` (the deck's layout plus 户均余额).
COLUMNS = ("金额（万元）", "金额占比", "户数（户）", "户数占比", "户均余额（元）")
TOTAL_LABEL = "合计"


#: Decimals kept for shares in :meth:`DistributionTable.to_frame`.
SHARE_PLACES = 12


@dataclass(frozen=True, repr=False)
class DistributionTable:
    """Households and balances per tier of a scheme (amounts in 分, exact).

    Build with :func:`table_from_balances` (customer-level data) or
    :func:`table_from_bands` (banded data).  In a notebook it shows itself in
    the deck's layout.
    """

    scheme: TierScheme
    households: tuple[int, ...]
    amounts: tuple[int, ...]

    # -- totals and per-tier figures (exact) ---------------------------------
    @property
    def total_households(self) -> int:
        """Number of households (户) in all tiers."""
        return sum(self.households)

    @property
    def total_amount(self) -> int:
        """Total balance in 分."""
        return sum(self.amounts)

    def _pos(self, code: str) -> int:
        return self.scheme.codes.index(self.scheme.tier(code).code)

    def households_of(self, code: str) -> int:
        """Households in the tier with this code."""
        return self.households[self._pos(code)]

    def amount_of(self, code: str) -> int:
        """Balance of the tier with this code, in 分."""
        return self.amounts[self._pos(code)]

    def amount_share(self, code: str) -> Fraction:
        """Exact share of all balances held by a tier (a Fraction, 0–1).

        Examples
        --------
        >>> from tiering_lib import builtin_scheme, table_from_bands
        >>> t = table_from_bands(builtin_scheme("suzhou_three_class"), [1, 1, 0], [500_000, 1_500_000, 0])
        >>> t.amount_share("B")
        Fraction(3, 4)
        """
        total = self.total_amount
        return Fraction(self.amount_of(code), total) if total else Fraction(0)

    def household_share(self, code: str) -> Fraction:
        """Exact share of all households in a tier (a Fraction, 0–1)."""
        total = self.total_households
        return Fraction(self.households_of(code), total) if total else Fraction(0)

    def average_balance(self, code: str) -> Fraction | None:
        """Average balance per household of a tier in 元 (exact), or None if empty."""
        n = self.households_of(code)
        return Fraction(self.amount_of(code), 100 * n) if n else None

    # -- layouts ---------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        """One dict per tier in display order, then the 合计 row, with exact values.

        Keys: ``code``, ``label``, ``amount_wan`` (Decimal 万元),
        ``amount_share``, ``households``, ``household_share`` (Fractions) and
        ``average_yuan`` (Fraction or None).
        """
        out = []
        for tier in self.scheme.display_tiers():
            out.append(
                {
                    "code": tier.code,
                    "label": tier.name_zh,
                    "amount_wan": fen_to_unit(self.amount_of(tier.code), "万元"),
                    "amount_share": self.amount_share(tier.code),
                    "households": self.households_of(tier.code),
                    "household_share": self.household_share(tier.code),
                    "average_yuan": self.average_balance(tier.code),
                }
            )
        n, amount = self.total_households, self.total_amount
        out.append(
            {
                "code": "",
                "label": TOTAL_LABEL,
                "amount_wan": fen_to_unit(amount, "万元"),
                "amount_share": Fraction(1) if amount else Fraction(0),
                "households": n,
                "household_share": Fraction(1) if n else Fraction(0),
                "average_yuan": Fraction(amount, 100 * n) if n else None,
            }
        )
        return out

    def to_frame(self):
        """A pandas DataFrame: exact 万元 amounts, shares and averages as Decimals.

        Shares are rounded to 12 decimals and averages to 0.01 元 (half up).
        """
        import pandas as pd

        records = []
        for r in self.rows():
            avg = r["average_yuan"]
            records.append(
                {
                    COLUMNS[0]: r["amount_wan"],
                    COLUMNS[1]: to_decimal(r["amount_share"], SHARE_PLACES),
                    COLUMNS[2]: r["households"],
                    COLUMNS[3]: to_decimal(r["household_share"], SHARE_PLACES),
                    COLUMNS[4]: None if avg is None else to_decimal(avg, 2),
                }
            )
        frame = pd.DataFrame.from_records(records, index=[r["label"] for r in self.rows()])
        frame.index.name = "类别"
        return frame

    def to_display(self, amount_places: int | None = 2, share_places: int = 3, average_places: int = 0):
        """A DataFrame of strings laid out as the deck prints it.

        Parameters
        ----------
        amount_places : int or None
            Decimals of 金额(万元); ``None`` shows every exact digit.
        share_places : int
            Decimals of the percentages (the deck prints 3).
        average_places : int
            Decimals of 户均余额(元).
        """
        import pandas as pd

        records = []
        for r in self.rows():
            amount = r["amount_wan"] if amount_places is None else round_half_up(r["amount_wan"], amount_places)
            avg = r["average_yuan"]
            records.append(
                {
                    COLUMNS[0]: f"{amount:,}" if amount_places is None else f"{amount:,.{amount_places}f}",
                    COLUMNS[1]: format_percent(to_decimal(r["amount_share"], SHARE_PLACES), share_places),
                    COLUMNS[2]: f"{r['households']:,}",
                    COLUMNS[3]: format_percent(to_decimal(r["household_share"], SHARE_PLACES), share_places),
                    COLUMNS[4]: "—" if avg is None else f"{round_half_up(to_decimal(avg, 6), average_places):,}",
                }
            )
        frame = pd.DataFrame.from_records(records, index=[r["label"] for r in self.rows()])
        frame.index.name = "类别"
        return frame

    def _repr_html_(self) -> str:
        from tiering_lib.display import Table

        return Table(self.to_display().reset_index())._repr_html_()

    def __str__(self) -> str:
        return self.to_display().to_string()

    def __repr__(self) -> str:
        """The table as text, laid out like the deck (what a notebook shows as plain text).

        Examples
        --------
        >>> from tiering_lib import builtin_scheme
        >>> t = table_from_bands(builtin_scheme("suzhou_three_class"), [1, 1, 0], [500_000, 1_500_000, 0])
        >>> repr(t).splitlines()[-1].split()[:2]
        ['合计', '2.00']
        """
        return str(self)


def _checked_counts(values: Sequence[int] | np.ndarray, what: str, scheme: TierScheme) -> tuple[int, ...]:
    values = list(values)
    if len(values) != len(scheme.tiers):
        raise DataError(
            f"{what}：给了 {len(values)} 个数，方案 {scheme.name!r} 有 {len(scheme.tiers)} 层"
        )
    out = []
    for tier, v in zip(scheme.tiers, values):
        if isinstance(v, (float, np.floating)) or isinstance(v, bool):
            raise DataError(f"层级 {tier.code!r} 的{what}：{v!r} 不是整数")
        v = int(v)
        if v < 0:
            raise DataError(f"层级 {tier.code!r} 的{what}是负数（{v}）")
        out.append(v)
    return tuple(out)


def table_from_bands(
    scheme: TierScheme, households: Sequence[int], amounts: Sequence[int]
) -> DistributionTable:
    """A table from banded data: households and amounts (分) per tier, lowest tier first.

    Each band is checked for consistency: an empty band holds nothing, and a
    band's amount lies between ``households × lower`` and
    ``households × (upper − 1 分)``.

    Raises
    ------
    DataError
        Naming the tier whose figures are impossible.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> t = table_from_bands(builtin_scheme("suzhou_three_class"), [2, 1, 1], [1_000, 2_000_000, 30_000_000])
    >>> t.total_households, t.total_amount
    (4, 32001000)
    """
    n = _checked_counts(households, "户数", scheme)
    a = _checked_counts(amounts, "金额", scheme)
    for tier, count, amount in zip(scheme.tiers, n, a):
        low = count * tier.lower
        high = None if tier.upper is None else count * (tier.upper - 1)
        if amount < low or (high is not None and amount > high):
            raise DataError(
                f"层级 {tier.code!r}（{tier.name_zh}）：{count} 户在本层的余额范围内装不下 "
                f"{fen_to_unit(amount, '元')} 元；请核对这一档的户数和金额"
            )
    return DistributionTable(scheme, n, a)


def table_from_balances(balances: Sequence[int] | np.ndarray, scheme: TierScheme) -> DistributionTable:
    """Tier customer-level balances (分) and tabulate households and amounts.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> t = table_from_balances([500_00, 1_000_000, 25_000_000], builtin_scheme("suzhou_three_class"))
    >>> t.households, t.amounts
    ((1, 1, 1), (50000, 1000000, 25000000))
    """
    arr = as_balances(balances)
    idx = classify(arr, scheme)
    counts = np.bincount(idx, minlength=len(scheme.tiers))
    amounts = [exact_sum(arr[idx == i]) for i in range(len(scheme.tiers))]
    return DistributionTable(scheme, tuple(int(c) for c in counts), tuple(amounts))


def reaggregate(table: DistributionTable, scheme: TierScheme) -> DistributionTable:
    """Re-aggregate banded data into a coarser scheme whose bounds fall on band edges.

    Raises
    ------
    SchemeError
        If a bound of ``scheme`` is not an edge of the table's bands (the
        band would have to be split, which banded data cannot do).

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, load_suzhou_bands
    >>> three = reaggregate(load_suzhou_bands(), builtin_scheme("suzhou_three_class"))
    >>> three.households_of("A")
    8473
    """
    edges = [t.lower for t in table.scheme.tiers]
    for tier in scheme.tiers[1:]:
        if tier.lower not in edges:
            shown = ", ".join(f"{fen_to_unit(e, '元')}" for e in edges)
            raise SchemeError(
                f"不能按方案 {scheme.name!r} 重新汇总：层级 {tier.code!r} 的下限"
                f"（{fen_to_unit(tier.lower, '元')} 元）不是方案 {table.scheme.name!r} 的分档边界"
                f"（边界，单位元：{shown}）；请把门槛设在这些边界上，或改用逐户数据"
            )
    idx = np.searchsorted([t.lower for t in scheme.tiers], edges, side="right") - 1
    households = [0] * len(scheme.tiers)
    amounts = [0] * len(scheme.tiers)
    for i, target in enumerate(idx):
        households[target] += table.households[i]
        amounts[target] += table.amounts[i]
    return DistributionTable(scheme, tuple(households), tuple(amounts))
