"""Exercises of notebook 02 (苏州存款数据), answered in widgets without code.

Expected answers come from the deck's Suzhou tables (``data/suzhou_2012_02_*.csv``) through the library;
02.5 also uses the synthetic customer-level population built from them.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register


def _bands():
    from tiering_lib.datasets.deck_tables import load_suzhou_bands

    return load_suzhou_bands()


def _three():
    from tiering_lib.core.scheme_files import builtin_scheme
    from tiering_lib.core.tables import reaggregate

    return reaggregate(_bands(), builtin_scheme("suzhou_three_class"))


def _pct(share: Fraction, places: int = 3) -> str:
    from tiering_lib.core.money import format_percent, to_decimal

    return format_percent(to_decimal(share), places)


# ---------------------------------------------------------------- 02.1 C 类的余额占比（先猜再运行）
_SHARE_BINS = (("不到 20%", 0, 20), ("20% 到 50%", 20, 50), ("50% 到 80%", 50, 80), ("80% 以上", 80, None))


def _bin(percent: Fraction) -> str:
    return next(label for label, low, high in _SHARE_BINS if percent >= low and (high is None or percent < high))


def _shares_reveal() -> str:
    import pandas as pd

    from tiering_lib.display import Table

    three = _three()
    rows = [
        {"类别": t.name_zh, "户数占比": _pct(three.household_share(t.code)), "金额占比": _pct(three.amount_share(t.code))}
        for t in three.scheme.display_tiers()
    ]
    return "<p>苏州 2012 年 2 月底（课件的三类表）：</p>" + Table(pd.DataFrame(rows))._repr_html_()


@register(
    "02.1",
    "苏州余额不到 1 万元的客户（三类表里的 C 类）户数最多。他们的余额合计，占全部余额的多少？先猜，再看结果。",
    answer=Choice(tuple(Option(label, label) for label, _, _ in _SHARE_BINS)),
    predict=True,
    reveal=_shares_reveal,
    explain=lambda e: (
        f"C 类客户户数占 {_pct(_three().household_share('C'))}，余额却只占 {_pct(_three().amount_share('C'))}："
        "人数最多的一类，余额占比很小。"
    ),
)
def _c_amount_share_bin() -> str:
    return _bin(_three().amount_share("C") * 100)


# ---------------------------------------------------------------- 02.2 为什么判定“一致”
def _printed():
    from tiering_lib.datasets.published import load_published

    bands, classes = load_published("suzhou_bands"), load_published("suzhou_classes")
    top = [bands.row(code)["amount_wan"] for code in ("4", "5")]
    return top, classes.row("A")["amount_wan"]


def _rounding_options() -> tuple[Option, ...]:
    return (
        Option("课件印错了一位，核对时把它忽略了", "typo",
               "核对没有忽略任何一格；两者相差的部分，在三类表印出的最后一位小数之后。"),
        Option("两个数相加后，按三类表印出的位数（3 位小数）四舍五入，正好等于印出的数", "rounding",
               "课件的表格按各自的位数印出，核对也按印出的位数进行：多出来的位数是四舍五入掉的，不是错误。"),
        Option("两张表来自不同的月份，本来就不必完全相同", "different_data",
               "两张表都是苏州 2012 年 2 月底的数据，说的是同一批客户。"),
        Option("核对表只比较户数，不比较金额", "households_only",
               "核对表逐格比较了金额、金额占比、户数和户数占比四栏。"),
    )


def _rounding_question() -> str:
    (fourth, fifth), printed_a = _printed()
    total = Decimal(fourth) + Decimal(fifth)
    return (
        f"课件三类表里 A 类客户的金额印作 {printed_a} 万元；五档表里最高两档印作 {fourth} 和 {fifth} 万元，"
        f"相加是 {total} 万元。两个数并不完全相同，为什么核对表仍判定“一致”？"
    )


@register(
    "02.2",
    _rounding_question(),
    hints=(
        "看核对表的“计算结果（按印出位数）”一列：计算结果是怎样写成和课件一样的位数的？",
        "把相加的结果保留到三类表印出的小数位数，再和印出的数比一比。",
    ),
    answer=Choice(_rounding_options),
)
def _why_a_matches() -> str:
    from tiering_lib.core.money import round_half_up

    (fourth, fifth), printed_a = _printed()
    places = len(printed_a.split(".")[1]) if "." in printed_a else 0
    return "rounding" if str(round_half_up(Decimal(fourth) + Decimal(fifth), places)) == printed_a else "typo"


# ---------------------------------------------------------------- 02.3 户数占比还是金额占比
_MEASURES = {"households": "户数占比", "amount": "金额占比"}


def _share(code: str, measure: str) -> Fraction:
    three = _three()
    return three.household_share(code) if measure == "households" else three.amount_share(code)


def _quoted_percent() -> int:
    """The percent the colleague quotes: B's share of balances, rounded to a whole percent."""
    return round(_three().amount_share("B") * 100)


def _claim_options() -> tuple[Option, ...]:
    q = _quoted_percent()
    a_and_b = _share("A", "households") + _share("B", "households")
    return (
        Option("没有错", ("B", "households"), "再看一眼三类表里 B 类的“户数占比”。"),
        Option(f"{q}% 是 C 类的户数占比，不是 B 类的", ("C", "households"),
               f"C 类的户数占比是 {_pct(_share('C', 'households'))}，不是 {q}%。"),
        Option(f"{q}% 是 B 类的余额占比，不是户数占比", ("B", "amount"),
               "户数占比和金额占比是两回事：B 类户数只占一成多，却持有大部分余额。"),
        Option(f"{q}% 是 A 类和 B 类合起来的户数占比", ("A+B", "households"),
               f"A 类和 B 类合起来的户数占比只有 {_pct(a_and_b)}。"),
    )


@register(
    "02.3",
    f"同事说：“B 类客户占了苏州 {_quoted_percent()}% 的客户，是我们人数最多的一类客户。”这句话错在哪里？",
    hints=(
        "对照三类表的两列：“户数占比”和“金额占比”。这个百分数出现在哪一列、哪一行？",
        "户数占比最高的是哪一类？",
    ),
    answer=Choice(_claim_options),
    explain=lambda e: (
        f"B 类户数只占 {_pct(_share('B', 'households'))}，却持有 {_pct(_share('B', 'amount'))} 的余额；"
        f"人数最多的是 C 类（{_pct(_share('C', 'households'))}）。"
    ),
)
def _what_the_percent_is() -> tuple[str, str]:
    q = _quoted_percent()
    three = _three()
    return next(
        (t.code, measure)
        for t in three.scheme.display_tiers()
        for measure in _MEASURES
        if round(_share(t.code, measure) * 100) == q
    )


# ---------------------------------------------------------------- 02.4 户均余额相差多少倍
@register(
    "02.4",
    "课件的三类表没有印户均余额。按上面算出的户均余额，A 类客户的户均余额大约是 C 类客户的多少倍？（取整数）",
    hints=(
        "户均余额在三类表的最后一列，单位是元。",
        "用 A 类的户均余额除以 C 类的户均余额。",
    ),
    answer=Number("倍", tolerance=1),
    explain=lambda e: (
        f"A 类户均约 {float(_three().average_balance('A')):,.0f} 元，C 类户均约 "
        f"{float(_three().average_balance('C')):,.0f} 元，相差约 {float(e):,.0f} 倍：同样是一户客户，余额差了几百倍。"
    ),
)
def _a_over_c_average() -> Fraction:
    three = _three()
    return three.average_balance("A") / three.average_balance("C")


# ---------------------------------------------------------------- 02.5 合成数据的基尼系数（先猜再运行）
_GINI_BINS = (("低于下限", "below"), ("正好等于下限", "at_lowest"), ("在下限和上限之间", "between"), ("高于上限", "above"))
_GINI_WHY = {
    "at_lowest": "只有每一档内各户余额完全相等时才等于下限；合成数据每一档内有高有低。",
    "below": "下限是数据允许的最平均的情形：档内有高有低，只会让余额更集中。",
    "above": "上限是数据允许的最不平均的情形：合成数据每一档的户数和金额都与课件相同，超不过它。",
}


def _gini_values() -> tuple[float, float, float]:
    from tiering_lib.core.concentration import gini_bounds
    from tiering_lib.course.banks.tier_logic import _population_figures

    bounds = gini_bounds(_bands())
    return bounds.lowest, _population_figures()[1], bounds.highest


def _gini_reveal() -> str:
    import pandas as pd

    from tiering_lib.display import Table

    low, synthetic, high = _gini_values()
    rows = [
        {"口径": "按档汇总：下限（档内各户余额相等）", "基尼系数": f"{low:.3f}"},
        {"口径": "合成的逐户数据（档内有高有低）", "基尼系数": f"{synthetic:.3f}"},
        {"口径": "按档汇总：上限（档内余额尽量分到两端）", "基尼系数": f"{high:.3f}"},
    ]
    return Table(pd.DataFrame(rows))._repr_html_()


@register(
    "02.5",
    "按档汇总的数据只能给出基尼系数的范围（上面的下限和上限）。合成的逐户数据每一档的户数和金额都与课件相同，"
    "档内各户有高有低。它的基尼系数落在哪里？先猜，再看结果。",
    answer=Choice(tuple(Option(label, value, _GINI_WHY.get(value, "")) for label, value in _GINI_BINS)),
    predict=True,
    reveal=_gini_reveal,
    explain=lambda e: (
        "档内的差距让余额比“档内相等”时更集中，所以合成数据的基尼系数高于下限；"
        "它又必须符合课件的每一档数字，所以不会超过上限。"
    ),
)
def _where_the_synthetic_gini_falls() -> str:
    low, synthetic, high = _gini_values()
    if synthetic < low:
        return "below"
    if synthetic == low:
        return "at_lowest"
    return "between" if synthetic <= high else "above"
