"""Exercises of notebooks 00–04: every expected answer is computed from data/ through the library."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from tiering_lib.course.exercises import close_to, equal_to, register

_WAN = 1_000_000


def _bands():
    from tiering_lib.datasets.deck_tables import load_suzhou_bands

    return load_suzhou_bands()


def _scheme(name: str):
    from tiering_lib.core.scheme_files import builtin_scheme

    return builtin_scheme(name)


@lru_cache(maxsize=1)
def _population():
    """The full-scale synthetic Suzhou population, sorted once (used by 03.2)."""
    from tiering_lib.core.sorted_balances import SortedBalances
    from tiering_lib.core.synthesis import synthesize_population

    return SortedBalances(synthesize_population(_bands()))


@register(
    "00.1",
    "余额正好 50,000 元的客户,属于苏州五档中的哪一档?(填档位代码 1–5)",
    "“(不含)”表示上限不含在本档内:正好等于某档下限的余额属于更高的那一档。",
)
def _boundary_band() -> str:
    from tiering_lib.core.classify import tier_codes

    return str(tier_codes([50_000 * 100], _scheme("suzhou_five_band"))[0])


@register(
    "01.1",
    "退休职工、无稳定来源、打工阶层三类客群合计占全部客户的百分之几?",
    "把 tl.load_customer_profile() 中 dimension 为 group 的前三类(retired、no_stable_income、migrant_workers)相加。",
)
def _three_groups() -> Decimal:
    from tiering_lib.datasets.deck_tables import load_customer_profile

    p = load_customer_profile().set_index("key")
    return sum(p.loc[["retired", "no_stable_income", "migrant_workers"], "share_pct"])


@register(
    "02.1",
    "苏州 2012 年 2 月底,余额在 100 万元以上的客户有多少户?",
    "用 tl.load_suzhou_bands() 得到五档表,再用 .households_of('5') 取最高一档的户数。",
)
def _top_band_households() -> int:
    return _bands().households_of("5")


@register(
    "02.2",
    "B类客户(1-20万)的户均余额是多少元?(四舍五入到整数)",
    "户均余额 = 金额 ÷ 户数;注意金额的单位是万元,要换算成元。可以用 three.average_balance('B')。",
    compare=close_to(0.5),
)
def _b_average() -> Fraction:
    from tiering_lib.core.tables import reaggregate

    return reaggregate(_bands(), _scheme("suzhou_three_class")).average_balance("B")


@register(
    "02.3",
    "按“档内各户余额相等”的假设,苏州存款余额的基尼系数是多少?(保留两位小数)",
    "用 tl.gini_bounds(bands).lowest,或 tl.gini_banded(bands, 'equal')。",
    compare=close_to(0.005),
)
def _gini_equal() -> float:
    from tiering_lib.core.concentration import gini_banded

    return gini_banded(_bands(), "equal")


@register(
    "03.1",
    "余额正好 200,000 元的客户,在零售业务核心体系的四类方案里属于哪一档?(填代码,如 A1、A2、B、C、D)",
    "A类以 50 万元再分:20万元-50万元是 A2,50万元以上是 A1;正好 20 万元属于更高的那一档。",
)
def _core_code_200k() -> str:
    from tiering_lib.core.classify import tier_codes

    return str(tier_codes([200_000 * 100], _scheme("core_four_class"))[0])


def _a_share(threshold_wan: int) -> Fraction:
    sb = _population()
    _, amount = sb.amount_at_or_above(int(threshold_wan) * _WAN)
    return Fraction(amount, sb.total)


def _about_ten_percent(answer, expected) -> bool:
    return abs(_a_share(int(answer)) - Fraction(1, 10)) <= Fraction(5, 1000)


@register(
    "03.2",
    "在合成的苏州客户上,A类门槛(万元,整数)设为多少时,A类客户持有的余额约占 10%(误差半个百分点以内)?",
    "用阈值探索器拖动 A 类下限,或用 sb.amount_at_or_above(门槛) 计算 A 类的余额占比;门槛越低,A类占比越高。",
    compare=_about_ten_percent,
    explain=lambda best: f"离 10% 最近的整数门槛是 {best} 万元。",
)
def _ten_percent_threshold() -> int:
    candidates = range(1, 201)
    return min(candidates, key=lambda t: (abs(_a_share(t) - Fraction(1, 10)), t))


@register(
    "03.3",
    "按课件的核心体系,中端客户管理的关键指标是什么?",
    "高端看客户总资产,普通客户看办理业务等候时间,中端呢?可以查 tl.builtin_scheme('core_four_class').tier('B').key_metric。",
)
def _mid_metric() -> str:
    return _scheme("core_four_class").tier("B").key_metric


@register(
    "04.1",
    "在默认假设下,要靠存款(按第二年的全年口径)赚到 46 亿元,需要多少亿元存款?(取整)",
    "所需存款 = 46 ÷ 净收益率;可以用 tl.deposits_needed_for(46)。",
    compare=close_to(0.5),
)
def _deposits_for_fees() -> Decimal:
    from tiering_lib.service.deposits import deposits_needed_for, load_executive_quote

    return deposits_needed_for(load_executive_quote()["fee_income"])


@register(
    "04.2",
    "其他假设不变、息差降到 1.5% 时,585 亿元存款第二年的利润是多少亿元?(保留两位小数)",
    "用 tl.DepositAssumptions(spread_pct=Decimal('1.5')) 和 tl.deposit_profit(...)。",
    compare=close_to(0.005),
)
def _profit_low_spread() -> Decimal:
    from tiering_lib.service.deposits import DepositAssumptions, deposit_profit

    return deposit_profit(DepositAssumptions(spread_pct=Decimal("1.5"))).profit_year2


__all__: list[str] = []
_ = equal_to  # the default comparison, used by the exercises without compare=
