"""The quoted speech beside the deposit calculator: its figures as a table, and the calculator's results against them.

Display helpers of notebook 04 on top of :mod:`tiering_lib.service.deposits`.
"""

from __future__ import annotations

from tiering_lib.core.money import round_half_up
from tiering_lib.service.deposits import (
    DECK_PROFILE,
    GROWTH_PROFILES,
    DepositAssumptions,
    DepositProfit,
    deposit_profit,
    deposits_needed_for,
    load_executive_quote,
)

__all__ = ["executive_quote_table", "profit_by_profile", "compare_with_quote", "FEE_PROFIT_SHARES_PCT", "fee_profit_what_if"]


def executive_quote_table():
    """The speech's figures for display: the deck's words, the number with its unit, and what it is.

    Examples
    --------
    >>> t = executive_quote_table()
    >>> t.frame.columns.tolist(), t.frame.iloc[0, 1]
    (['课件原话', '数值', '单位', '含义'], '600')
    """
    from tiering_lib.datasets.files import read_dataset
    from tiering_lib.display import Table
    import pandas as pd

    rows = [(r["printed_as"], r["value"], r["unit"], r["meaning"]) for r in read_dataset("deposits_vs_fees_2005.csv")]
    return Table(pd.DataFrame(rows, columns=["课件原话", "数值", "单位", "含义"]))


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
                "第一年利润占第二年的比例": f"{r.year1_share_of_year2:.0%}",
            }
        )
    return pd.DataFrame(rows).set_index("增长节奏")


def compare_with_quote(result: DepositProfit):
    """The computed figures against what the speech says (3–4亿, 7–8亿, 收益率不到2%).

    "收益率不到2%" is checked in both readings: the spread after business tax
    (before provisions), and the net yield (after them).

    Examples
    --------
    >>> compare_with_quote(deposit_profit(profile=DECK_PROFILE))["在课件范围内"].tolist()
    ['是', '是', '是', '是']
    """
    import pandas as pd

    q = load_executive_quote()
    a = result.assumptions
    ranges = [
        ("第一年利润（亿元）", result.profit_year1, q["profit_year1_low"], q["profit_year1_high"]),
        ("第二年利润（亿元）", result.profit_year2, q["profit_year2_low"], q["profit_year2_high"]),
    ]
    caps = [
        ("息差扣营业税后，提准备金前（%）", a.spread_after_tax_pct, q["net_yield_cap"]),
        ("净收益率，提准备金后（%）", a.net_yield_pct, q["net_yield_cap"]),
    ]
    rows = [(name, f"{low}–{high}", value, low <= value <= high) for name, value, low, high in ranges]
    rows += [(name, f"不到 {cap}", value, value < cap) for name, value, cap in caps]
    frame = pd.DataFrame(
        [(name, said, str(round_half_up(v, 2)), "是" if ok else "否") for name, said, v, ok in rows],
        columns=["项目", "课件", "本计算器", "在课件范围内"],
    )
    return frame.set_index("项目")


#: Shares of the fee income assumed to be profit in :func:`fee_profit_what_if` (%; the deck gives no costs).
FEE_PROFIT_SHARES_PCT = (100, 50, 25)


def fee_profit_what_if(shares_pct=FEE_PROFIT_SHARES_PCT, assumptions: DepositAssumptions | None = None):
    """What if only part of the 46亿 fee income were profit: the deposits that would earn as much.

    The speech sets the deposits' *profit* beside the fees' *income*.  The deck
    gives no costs of the fee business, so each row assumes a share of the
    income to be profit (100% is the speech's own comparison).

    Parameters
    ----------
    shares_pct : sequence of int
        Shares of the fee income taken as profit, %.
    assumptions : DepositAssumptions, optional
        The calculator's assumptions (the course's defaults if omitted).

    Returns
    -------
    Table
        One row per share: the fee profit (亿元), the deposits earning as much in a
        full year (亿元) and their multiple of the 585亿 gathered in 2005.

    Examples
    --------
    >>> fee_profit_what_if().frame["存款要达到同样利润（亿元）"].tolist()
    [3538, 1769, 885]
    """
    import pandas as pd

    from tiering_lib.display import Table

    q = load_executive_quote()
    rows = []
    for share in shares_pct:
        profit = q["fee_income"] * share / 100
        needed = deposits_needed_for(profit, assumptions)
        rows.append((f"{share}%", str(round_half_up(profit, 1)), int(round_half_up(needed, 0)),
                     str(round_half_up(needed / q["deposit_growth_2005"], 1))))
    columns = ["假设中间业务利润占收入的比例", "中间业务利润（亿元）", "存款要达到同样利润（亿元）", "相当于 2005 年新增存款（倍）"]
    return Table(pd.DataFrame(rows, columns=columns))
