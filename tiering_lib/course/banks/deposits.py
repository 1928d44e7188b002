"""Exercises of notebook 04 (存款与中收), answered in widgets without code.

Every expected answer is computed through the deposit calculator
(:mod:`tiering_lib.service.deposits`) from the speech's figures in
``data/deposits_vs_fees_2005.csv`` and the course's stated assumptions.
"""

from __future__ import annotations

from decimal import Decimal

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

#: 04.1: asset yields of the reveal table (%), the first being the calculator's default.
ASSET_YIELDS_PCT = (Decimal("4.0"), Decimal("5.0"), Decimal("6.0"))
#: 04.3: the lower spread asked about (%).
LOW_SPREAD_PCT = Decimal("1.5")


def _assumptions(**changes):
    from tiering_lib.service.deposits import DepositAssumptions

    return DepositAssumptions(**changes)


def _quote() -> dict[str, Decimal]:
    from tiering_lib.service.deposits import load_executive_quote

    return load_executive_quote()


def _pct(value: Decimal) -> str:
    from tiering_lib.core.money import round_half_up

    return f"{round_half_up(value, 2)}%"


# ---------------------------------------------------------------- 04.1 the tax base
def _rates_up_reveal() -> str:
    import pandas as pd

    from tiering_lib.core.money import round_half_up
    from tiering_lib.display import Table

    rows = []
    for asset in ASSET_YIELDS_PCT:
        a = _assumptions(asset_yield_pct=asset)
        rows.append({
            "资产收益率（%）": str(asset), "存款付息率（%）": str(a.deposit_rate_pct), "息差（%）": str(a.spread_pct),
            "营业税，折合余额（%）": str(round_half_up(a.business_tax_on_balance_pct, 2)),
            "净收益率（%）": str(round_half_up(a.net_yield_pct, 2)),
            "585 亿元第二年利润（亿元）": str(round_half_up(a.growth_yi * a.net_yield_pct / 100, 2)),
        })
    spread = _assumptions().spread_pct
    return f"<p>息差不变（本课程假设的 {spread}%），利率整体上升时：</p>" + Table(pd.DataFrame(rows))._repr_html_()


def _tax_explain() -> str:
    a = _assumptions()
    return (f"2016 年 5 月营改增之前，银行的营业税按利息收入全额的 {a.business_tax_pct}% 计征，而不是按息差："
            f"同样 {a.spread_pct}% 的息差，利率越高，税越多，剩下的越少。")


def _direction(before: Decimal, after: Decimal) -> str:
    return "up" if after > before else "down" if after < before else "same"


@register(
    "04.1",
    f"利率整体上升：资产收益率从 {ASSET_YIELDS_PCT[0]}% 升到 {ASSET_YIELDS_PCT[-1]}%，付给存款人的利率也升同样多，"
    "息差不变。按 2005 年的税制，其他假设不变，存款的净收益率会怎样？先猜，再看结果。",
    answer=Choice((
        Option("升高：利息收入多了", "up", "利息收入多了，付出去的利息也多了同样多；多出来的利息收入还要交什么？"),
        Option("不变：息差没有变", "same", "息差确实没变；可营业税是按息差算的吗？"),
        Option("降低：营业税多了", "down", "营业税按利息收入全额计征：利息收入越多，同样的息差要交的税越多。"),
    )),
    predict=True,
    reveal=_rates_up_reveal,
    explain=lambda e: _tax_explain(),
)
def _net_yield_when_rates_rise() -> str:
    low, high = ASSET_YIELDS_PCT[0], ASSET_YIELDS_PCT[-1]
    return _direction(_assumptions(asset_yield_pct=low).net_yield_pct, _assumptions(asset_yield_pct=high).net_yield_pct)


# ---------------------------------------------------------------- 04.2 the rhythm of growth
_RHYTHMS = ("前高后低", "后高前低")


def _rhythm_options() -> tuple[Option, ...]:
    early, late = _RHYTHMS
    return (
        Option(f"第一年“{early}”的利润多，第二年两者一样", (early, "same"),
               "钱只从到账那天起才赚钱；第二年 585 亿元都整年在账上。"),
        Option(f"第一年“{late}”的利润多，第二年两者一样", (late, "same"),
               "年底才到的钱，当年在账上只有几天、几周：它能赚多少？"),
        Option(f"第一年两者一样，第二年“{early}”的利润多", ("same", early),
               "第一年两种节奏的平均余额一样吗？第二年两种节奏的余额又各是多少？"),
        Option(f"第一年、第二年都是“{early}”的利润多", (early, early),
               "第二年开始时，两种节奏都已经攒满了 585 亿元。"),
    )


def _rhythm_reveal() -> str:
    from tiering_lib.display import Table
    from tiering_lib.service.deposit_quote import profit_by_profile

    return "<p>同样一年新增 585 亿元，四种增长节奏（本课程假设）：</p>" + Table(profit_by_profile().reset_index())._repr_html_()


@register(
    "04.2",
    "同样一年新增 585 亿元：一种是“前高后低”（年初来得多），一种是“后高前低”（年底来得多）。"
    "两种节奏的利润有什么不同？先猜，再看结果。",
    answer=Choice(_rhythm_options),
    predict=True,
    reveal=_rhythm_reveal,
    explain=lambda e: "每笔钱只从到账那天起赚钱，所以第一年的利润取决于全年的平均余额：来得越早，当年赚得越多。"
    f"第二年 {_quote()['deposit_growth_2005']} 亿元整年都在，节奏不再有影响。",
)
def _rhythm_outcome() -> tuple[str, str]:
    from tiering_lib.service.deposits import deposit_profit

    early, late = (deposit_profit(profile=p) for p in _RHYTHMS)

    def winner(a: Decimal, b: Decimal) -> str:
        return _RHYTHMS[0] if a > b else _RHYTHMS[1] if b > a else "same"

    return winner(early.profit_year1, late.profit_year1), winner(early.profit_year2, late.profit_year2)


# ---------------------------------------------------------------- 04.3 a narrower spread
def _low_spread_explain(profit: Decimal) -> str:
    from tiering_lib.core.money import round_half_up
    from tiering_lib.service.deposits import deposit_profit

    default = _assumptions()
    before = round_half_up(deposit_profit(default).profit_year2, 2)
    cut = default.spread_pct - LOW_SPREAD_PCT
    return (f"息差只少了 {cut} 个百分点，第二年利润就从 {before} 亿元降到 {round_half_up(profit, 2)} 亿元："
            "营业税和准备金不会跟着少。")


@register(
    "04.3",
    f"在上面的计算器里试一试：如果息差降到 {LOW_SPREAD_PCT}%（资产收益率等其他假设不变），"
    "2005 年新增的 585 亿元存款第二年的利润是多少亿元？（保留两位小数）",
    "用 tl.DepositAssumptions(spread_pct=Decimal(\"1.5\")) 和 tl.deposit_profit（...），看 .profit_year2。",
    hints=(
        "把计算器的“息差”滑块拖到题目说的位置，其他滑块不动，看下方的“第二年利润”。",
        "第二年 585 亿元整年都在：第二年利润就是 585 亿元乘以净收益率。息差少了多少个百分点，净收益率就少多少。",
    ),
    answer=Number("亿元", tolerance="0.005", places=2),
    explain=lambda e: _low_spread_explain(e),
)
def _profit_with_low_spread() -> Decimal:
    from tiering_lib.service.deposits import deposit_profit

    return deposit_profit(_assumptions(spread_pct=LOW_SPREAD_PCT)).profit_year2


# ---------------------------------------------------------------- 04.4 and 04.5 the 46亿
@register(
    "04.4",
    "讲话拿存款的利润和 46 亿元中间业务收入相比。按计算器的默认假设，存款要在一年里赚到 46 亿元的利润，"
    "需要多少亿元存款？（取整）",
    "所需存款 = 46 ÷ 净收益率；可以用 tl.deposits_needed_for（46）。",
    hints=(
        "一年的利润是存款乘以净收益率；默认的净收益率在第 2 节的表里。",
        "反过来算：46 亿元 ÷ 净收益率（先把百分数化成小数，例如 2% 是 0.02）。",
    ),
    answer=Number("亿元", tolerance=1),
    explain=lambda e: f"约 {e:,.0f} 亿元，是 2005 年全行全年新增 {_quote()['deposit_growth_2005']} 亿元的"
    f" {e / _quote()['deposit_growth_2005']:.1f} 倍。",
)
def _deposits_for_fee_income() -> Decimal:
    from tiering_lib.service.deposits import deposits_needed_for

    return deposits_needed_for(_quote()["fee_income"])


def _fairness_options() -> tuple[Option, ...]:
    return (
        Option("公平：两边都是扣除成本后的利润", "both_profit",
               "再读一遍原话：存款那边说的是“利润”，46 个亿后面跟的是哪个词？"),
        Option("不完全公平，偏向存款：存款第三年以后还会接着赚钱", "favours_deposits",
               "以后的年份确实还会赚钱，讲话也算了第二年；但问题出在两边数字的口径上。"),
        Option("不完全公平，偏向中间业务：46 亿元是收入，还没有扣除中间业务自己的成本", "income_vs_profit",
               "代销、结算、银行卡都要花人力、系统和营销费用，当时手续费收入也要交 5% 的营业税。"),
        Option("公平：两边都是收入", "both_income", "讲话说第二年“只能赚7、8个亿利润”：那是扣掉付息、营业税和准备金之后剩下的。"),
    )


def _kind(printed_as: str) -> str:
    return "profit" if "利润" in printed_as else "income" if "收入" in printed_as else "?"


@register(
    "04.5",
    "讲话把存款一年的利润（几个亿）和 46 亿元中间业务收入放在一起比。这样比，公平吗？",
    hints=(
        "再读一遍课件原文：第二年的“7、8个亿”后面跟的是哪个词？“46个亿”后面跟的又是哪个词？",
        "收入减去成本才是利润。中间业务（代销、结算、银行卡）要不要花钱？",
    ),
    answer=Choice(_fairness_options),
    explain=lambda e: "课件没有给出中间业务的成本，所以没法算出它的利润；下面的表假设只有一部分收入是利润，"
    "结论（发展中间业务）不变，但差距没有字面上那么大。",
)
def _fair_comparison() -> str:
    from tiering_lib.datasets.files import read_dataset

    printed = {r["key"]: r["printed_as"] for r in read_dataset("deposits_vs_fees_2005.csv")}
    deposits, fees = _kind(printed["profit_year2_low"]), _kind(printed["fee_income"])
    return {("profit", "income"): "income_vs_profit", ("profit", "profit"): "both_profit",
            ("income", "income"): "both_income"}[(deposits, fees)]
