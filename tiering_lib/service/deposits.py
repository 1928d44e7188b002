"""Deposits versus fee income: the arithmetic of the executive's speech the deck quotes, as a calculator.

The deck quotes a speech ("摘自招行个金老总讲话"): in 2005 the bank gathered
585亿 of new savings deposits, which earned only 3–4亿 that year and 7–8亿 the
next ("收益率不到2%"), while it earned 46亿 of fee income (中间收入).

A bank gathers new deposits ``G`` during year 1.  Money earns only from the
day it arrives, so year-1 profit is the net yield times the *average* balance
of the year; in year 2 the whole ``G`` sits there all year (活期不动) and
earns the net yield on all of it.

Net yield (净收益率, % of the balance a year)::

    spread − business tax rate × asset yield − provisions and other costs

Before the VAT reform of May 2016 (营改增) a bank paid business tax (营业税,
5% from 2003) on its *gross* interest income (利息收入全额), not on the spread;
so the tax is the rate times the asset yield (the interest the deposits earn
once lent or invested), a share of the balance.  The deck gives the outcome
but not the inputs: the asset yield, the spread and the provisions below are
this course's assumptions, chosen so that the calculator reproduces the
deck's figures; the 5% is the tax rule of 2005.  Learners move them.

All amounts are in 亿元 as exact Decimals; months are calendar months, each
month's inflow arriving in the middle of the month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from tiering_lib.core.money import round_half_up, to_decimal
from tiering_lib.errors import DataError

__all__ = [
    "GROWTH_PROFILES",
    "DECK_PROFILE",
    "DepositAssumptions",
    "DepositProfit",
    "monthly_inflows",
    "deposit_profit",
    "load_executive_quote",
    "deposits_needed_for",
]

#: Monthly weights of the year's deposit growth (12 numbers, any scale).
GROWTH_PROFILES: dict[str, tuple[int, ...]] = {
    "均匀增长": (1,) * 12,
    "前高后低": (12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
    "后高前低": (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
}
#: The deck's own example, built from the quote's figures: +100亿 in January ("年初"),
#: +200亿 in June ("年中"), the rest of the year's growth evenly over July–December.
DECK_PROFILE = "课件示例"

_LABELS = {
    "growth_yi": "新增存款",
    "asset_yield_pct": "资产收益率",
    "spread_pct": "息差",
    "business_tax_pct": "营业税率",
    "provisions_pct": "准备金及其他成本",
}


def _deck_weights() -> tuple[Decimal, ...]:
    q = load_executive_quote()
    start, mid, total = q["growth_start_of_year"], q["growth_mid_year"], q["deposit_growth_2005"]
    rest = (total - start - mid) / 6
    return (start, *(Decimal(0),) * 4, mid, *(rest,) * 6)


@dataclass(frozen=True)
class DepositAssumptions:
    """Inputs of the calculator; every default but the deposits (课件) and the tax rate (2005) is the course's.

    Attributes
    ----------
    growth_yi : Decimal
        New deposits gathered in year 1, 亿元 (the deck: 585亿 in 2005).
    asset_yield_pct : Decimal
        Interest the deposits earn once lent or invested (资产收益率), % a year.
        The base of the business tax.  Course assumption: 4.0.
    spread_pct : Decimal
        Interest spread (息差): asset yield minus the rate paid to depositors,
        % a year.  Course assumption: 2.0.
    business_tax_pct : Decimal
        Business tax (营业税) rate, % of the gross interest income: 5 for
        financial business from 2003 until the VAT reform of May 2016.
    provisions_pct : Decimal
        Provisions and other costs (准备金及其他成本), % of the balance a year.
        Course assumption: 0.5.

    Raises
    ------
    DataError
        If a value is negative, or the spread exceeds the asset yield (the
        depositors' rate would be negative).
    """

    growth_yi: Decimal = Decimal("585")
    asset_yield_pct: Decimal = Decimal("4.0")
    spread_pct: Decimal = Decimal("2.0")
    business_tax_pct: Decimal = Decimal("5")
    provisions_pct: Decimal = Decimal("0.5")

    def __post_init__(self) -> None:
        for name, label in _LABELS.items():
            value = Decimal(str(getattr(self, name)))
            if value < 0:
                raise DataError(f"{label}不能是负数（现在是 {value}）：请改成 0 或更大的数。")
            object.__setattr__(self, name, value)
        if self.spread_pct > self.asset_yield_pct:
            raise DataError(
                f"息差（{self.spread_pct}%）不能高于资产收益率（{self.asset_yield_pct}%）："
                "付给存款人的利率不会是负数。请调低息差，或调高资产收益率。"
            )

    @property
    def deposit_rate_pct(self) -> Decimal:
        """Rate paid to depositors, % a year: asset yield − spread."""
        return self.asset_yield_pct - self.spread_pct

    @property
    def business_tax_on_balance_pct(self) -> Decimal:
        """Business tax as % of the balance a year: the rate × the gross interest (asset yield).

        Examples
        --------
        >>> DepositAssumptions().business_tax_on_balance_pct
        Decimal('0.2')
        """
        return self.business_tax_pct * self.asset_yield_pct / 100

    @property
    def spread_after_tax_pct(self) -> Decimal:
        """The spread after business tax, before provisions, % a year."""
        return self.spread_pct - self.business_tax_on_balance_pct

    @property
    def net_yield_pct(self) -> Decimal:
        """Net yield, % a year: spread − tax rate × asset yield − provisions.

        Examples
        --------
        >>> DepositAssumptions().net_yield_pct
        Decimal('1.3')
        >>> DepositAssumptions(asset_yield_pct=Decimal("6.0")).net_yield_pct  # same spread, more tax
        Decimal('1.2')
        """
        return self.spread_after_tax_pct - self.provisions_pct

    def to_frame(self):
        """The assumptions as a table with Chinese labels, units and where each value comes from.

        Examples
        --------
        >>> DepositAssumptions().to_frame().loc["净收益率", "数值"]
        '1.30'
        """
        import pandas as pd

        rows = [
            ("第一年新增存款", self.growth_yi, 0, "亿元", "课件（2005 年）"),
            ("资产收益率", self.asset_yield_pct, 2, "%/年", "本课程假设"),
            ("息差", self.spread_pct, 2, "%/年", "本课程假设"),
            ("存款付息率", self.deposit_rate_pct, 2, "%/年", "算出：资产收益率 − 息差"),
            ("营业税率", self.business_tax_pct, 0, "%（按利息收入全额）", "2005 年税制（2016 年 5 月起改征增值税）"),
            ("营业税（折合存款余额）", self.business_tax_on_balance_pct, 2, "%/年", "算出：营业税率 × 资产收益率"),
            ("准备金及其他成本", self.provisions_pct, 2, "%/年", "本课程假设"),
            ("净收益率", self.net_yield_pct, 2, "%/年", "算出：息差 − 营业税 − 准备金及其他成本"),
        ]
        frame = pd.DataFrame(
            [(name, str(round_half_up(v, places)), unit, source) for name, v, places, unit, source in rows],
            columns=["项目", "数值", "单位", "来源"],
        )
        return frame.set_index("项目")


def monthly_inflows(growth_yi: Decimal, profile: str | tuple[int, ...]) -> list[Decimal]:
    """Split the year's growth over 12 months by a profile (exact; sums to ``growth_yi``).

    Examples
    --------
    >>> sum(monthly_inflows(Decimal("585"), "前高后低")) == 585
    True
    >>> monthly_inflows(Decimal("585"), "课件示例")[:2]
    [Decimal('100'), Decimal('0')]
    """
    if isinstance(profile, str):
        if profile == DECK_PROFILE:
            weights = _deck_weights()
        elif profile in GROWTH_PROFILES:
            weights = GROWTH_PROFILES[profile]
        else:
            names = "、".join([*GROWTH_PROFILES, DECK_PROFILE])
            raise DataError(f"没有“{profile}”这种增长节奏；请从这几种里选：{names}。")
    else:
        weights = tuple(profile)
    if len(weights) != 12 or any(w < 0 for w in weights) or sum(weights) == 0:
        raise DataError("增长节奏要有 12 个月的权重，每个都不小于 0，而且不能全是 0。")
    fractions = [Fraction(str(w)) for w in weights]
    total = sum(fractions)
    shares = [f / total for f in fractions]
    out = [to_decimal(s * Fraction(growth_yi)) for s in shares]
    out[-1] = growth_yi - sum(out[:-1])  # the last month takes any rounding of the division
    return out


@dataclass(frozen=True)
class DepositProfit:
    """Result of :func:`deposit_profit` (amounts in 亿元)."""

    assumptions: DepositAssumptions
    profile: str
    inflows: tuple[Decimal, ...]
    average_balance_year1: Decimal
    profit_year1: Decimal
    profit_year2: Decimal
    month_end_balance: tuple[Decimal, ...] = field(repr=False, default=())

    @property
    def year1_share_of_year2(self) -> Decimal:
        """Year-1 profit as a fraction of year-2 profit (the average share of the year the money was there)."""
        return self.profit_year1 / self.profit_year2 if self.profit_year2 else Decimal(0)

    def __repr__(self) -> str:
        return (
            f"增长节奏“{self.profile}”：第一年平均余额 {round_half_up(self.average_balance_year1, 1)} 亿元，"
            f"第一年利润 {round_half_up(self.profit_year1, 2)} 亿元，第二年利润 {round_half_up(self.profit_year2, 2)} 亿元。"
        )


def deposit_profit(assumptions: DepositAssumptions | None = None, profile: str = "均匀增长") -> DepositProfit:
    """First- and second-year profit of a year's deposit growth.

    Examples
    --------
    >>> r = deposit_profit()
    >>> round(r.profit_year1, 3), round(r.profit_year2, 3)
    (Decimal('3.802'), Decimal('7.605'))
    """
    a = assumptions or DepositAssumptions()
    inflows = monthly_inflows(a.growth_yi, profile)
    # an inflow in month m (1..12) arrives mid-month and is there for (12.5 - m) of 12 months
    average = sum(x * (Decimal("12.5") - m) for m, x in enumerate(inflows, start=1)) / 12
    rate = a.net_yield_pct / 100
    balances, running = [], Decimal(0)
    for x in inflows:
        running += x
        balances.append(running)
    return DepositProfit(
        assumptions=a,
        profile=profile,
        inflows=tuple(inflows),
        average_balance_year1=average,
        profit_year1=average * rate,
        profit_year2=a.growth_yi * rate,
        month_end_balance=tuple(balances),
    )


def load_executive_quote() -> dict[str, Decimal]:
    """The figures of the quoted speech (data/deposits_vs_fees_2005.csv), in 亿元 or %.

    Examples
    --------
    >>> load_executive_quote()["fee_income"], load_executive_quote()["deposit_growth_earlier_year"]
    (Decimal('46'), Decimal('600'))
    """
    from tiering_lib.datasets.files import read_dataset

    return {r["key"]: Decimal(r["value"]) for r in read_dataset("deposits_vs_fees_2005.csv")}


def deposits_needed_for(income_yi: Decimal, assumptions: DepositAssumptions | None = None) -> Decimal:
    """Deposits (亿元) whose profit in a full year, at the net yield, equals ``income_yi``.

    Examples
    --------
    >>> round_half_up(deposits_needed_for(Decimal("46")), 0)
    Decimal('3538')
    """
    a = assumptions or DepositAssumptions()
    if a.net_yield_pct <= 0:
        raise DataError("净收益率为零或负数：存得再多也不赚钱。请调整息差、营业税率或准备金。")
    return Decimal(income_yi) / (a.net_yield_pct / 100)
