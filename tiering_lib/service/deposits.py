"""Deposits versus fee income: the bank executive's arithmetic (deck §4) as a calculator.

A bank gathers new deposits ``G`` during year 1.  Money earns only from the
day it arrives, so year-1 profit is the net yield times the *average* balance
of the year; in year 2 the whole ``G`` sits there all year (活期不动) and
earns the net yield on all of it.

Net yield (净收益率, % a year) = spread × (1 − business tax rate) − provisions
and other costs.  The deck gives the outcome (3–4亿 in year 1, 7–8亿 in year 2
on 585亿, "收益率不到2%") but not the inputs; the defaults below are this
course's stated assumptions that reproduce it, and learners move them.

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
    "profit_by_profile",
    "compare_with_quote",
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


def _deck_weights() -> tuple[Decimal, ...]:
    q = load_executive_quote()
    start, mid, total = q["growth_start_of_year"], q["growth_mid_year"], q["deposit_growth_2005"]
    rest = (total - start - mid) / 6
    return (start, *(Decimal(0),) * 4, mid, *(rest,) * 6)


@dataclass(frozen=True)
class DepositAssumptions:
    """Inputs of the calculator.

    Attributes
    ----------
    growth_yi : Decimal
        New deposits gathered in year 1, 亿元.
    spread_pct : Decimal
        Interest spread (息差) earned on the deposits, % a year.
    business_tax_pct : Decimal
        Business tax (营业税) as % of the spread income (5% for banks in 2005).
    provisions_pct : Decimal
        Provisions and other costs (准备金等), % of the balance a year.
    """

    growth_yi: Decimal = Decimal("585")
    spread_pct: Decimal = Decimal("2.0")
    business_tax_pct: Decimal = Decimal("5")
    provisions_pct: Decimal = Decimal("0.6")

    def __post_init__(self) -> None:
        for name in ("growth_yi", "spread_pct", "business_tax_pct", "provisions_pct"):
            value = Decimal(str(getattr(self, name)))
            if value < 0:
                raise DataError(f"{name} 不能是负数（这里是 {value}）")
            object.__setattr__(self, name, value)

    def to_frame(self):
        """The assumptions as a small table with Chinese labels, for display."""
        import pandas as pd

        rows = [
            ("第一年新增存款", self.growth_yi, "亿元"),
            ("息差", self.spread_pct, "%/年"),
            ("营业税率", self.business_tax_pct, "% × 息差收入"),
            ("准备金及其他成本", self.provisions_pct, "%/年"),
            ("净收益率（算出）", round_half_up(self.net_yield_pct, 2), "%/年"),
        ]
        return pd.DataFrame(rows, columns=["假设", "数值", "单位"]).set_index("假设")

    @property
    def net_yield_pct(self) -> Decimal:
        """Net yield, % a year: spread × (1 − tax) − provisions.

        Examples
        --------
        >>> DepositAssumptions().net_yield_pct
        Decimal('1.300')
        """
        return self.spread_pct * (1 - self.business_tax_pct / 100) - self.provisions_pct


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
            names = [*GROWTH_PROFILES, DECK_PROFILE]
            raise DataError(f"没有名为 {profile!r} 的增长曲线；可选：{names}")
    else:
        weights = tuple(profile)
    if len(weights) != 12 or any(w < 0 for w in weights) or sum(weights) == 0:
        raise DataError("增长曲线需要 12 个月的权重，都不能为负，也不能全为 0")
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
    """The figures of the executive's quote (data/deposits_vs_fees_2005.csv), in 亿元 or %.

    Examples
    --------
    >>> load_executive_quote()["fee_income"]
    Decimal('46')
    """
    from tiering_lib.datasets.files import read_dataset

    return {r["key"]: Decimal(r["value"]) for r in read_dataset("deposits_vs_fees_2005.csv")}


def profit_by_profile(assumptions: DepositAssumptions | None = None):
    """Year-1 and year-2 profit (亿元) for every growth profile, as a DataFrame.

    Examples
    --------
    >>> profit_by_profile().loc["均匀增长", "第二年利润（亿元）"]
    Decimal('7.61')
    """
    import pandas as pd

    rows = []
    for name in (DECK_PROFILE, *GROWTH_PROFILES):
        r = deposit_profit(assumptions, name)
        rows.append(
            {
                "增长节奏": name,
                "第一年平均余额（亿元）": round_half_up(r.average_balance_year1, 1),
                "第一年利润（亿元）": round_half_up(r.profit_year1, 2),
                "第二年利润（亿元）": round_half_up(r.profit_year2, 2),
                "第一年/第二年": f"{r.year1_share_of_year2:.0%}",
            }
        )
    return pd.DataFrame(rows).set_index("增长节奏")


def compare_with_quote(result: DepositProfit):
    """The computed profits against the ranges the executive quotes (3–4亿, 7–8亿, <2%).

    Examples
    --------
    >>> compare_with_quote(deposit_profit(profile=DECK_PROFILE))["在课件范围内"].tolist()
    ['是', '是', '是']
    """
    import pandas as pd

    q = load_executive_quote()
    checks = [
        ("第一年利润（亿元）", result.profit_year1, q["profit_year1_low"], q["profit_year1_high"]),
        ("第二年利润（亿元）", result.profit_year2, q["profit_year2_low"], q["profit_year2_high"]),
        ("净收益率（%）", result.assumptions.net_yield_pct, Decimal(0), q["net_yield_cap"]),
    ]
    rows = []
    for name, value, low, high in checks:
        within = low <= value <= high if name != "净收益率（%）" else value < high
        span = f"{low}–{high}" if name != "净收益率（%）" else f"不到 {high}"
        rows.append({"项目": name, "课件": span, "本计算器": str(round_half_up(value, 2)), "在课件范围内": "是" if within else "否"})
    return pd.DataFrame(rows)


def deposits_needed_for(income_yi: Decimal, assumptions: DepositAssumptions | None = None) -> Decimal:
    """Deposits (亿元) that would earn ``income_yi`` in a full year at the net yield.

    Examples
    --------
    >>> round_half_up(deposits_needed_for(Decimal("46")), 0)
    Decimal('3538')
    """
    a = assumptions or DepositAssumptions()
    if a.net_yield_pct <= 0:
        raise DataError("净收益率为 0 或负数：存款再多也不会盈利")
    return Decimal(income_yi) / (a.net_yield_pct / 100)
