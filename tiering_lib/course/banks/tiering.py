"""Exercises of notebooks 01 and 02 (code route): every expected answer is computed from data/ through the library.

The widget exercises of 00 and 03 are in :mod:`tiering_lib.course.banks.tier_logic`, those of 04
in :mod:`tiering_lib.course.banks.deposits`.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tiering_lib.course.exercises import close_to, equal_to, register


def _bands():
    from tiering_lib.datasets.deck_tables import load_suzhou_bands

    return load_suzhou_bands()


def _scheme(name: str):
    from tiering_lib.core.scheme_files import builtin_scheme

    return builtin_scheme(name)


@register(
    "01.1",
    "退休职工、无稳定来源、打工阶层三类客群合计占全部客户的百分之几？",
    "把 tl.load_customer_profile() 中 dimension 为 group 的前三类（retired、no_stable_income、migrant_workers）相加。",
)
def _three_groups() -> Decimal:
    from tiering_lib.datasets.deck_tables import load_customer_profile

    p = load_customer_profile().set_index("key")
    return sum(p.loc[["retired", "no_stable_income", "migrant_workers"], "share_pct"])


@register(
    "02.1",
    "苏州 2012 年 2 月底，余额在 100 万元以上的客户有多少户？",
    "用 tl.load_suzhou_bands() 得到五档表，再用 .households_of('5') 取最高一档的户数。",
)
def _top_band_households() -> int:
    return _bands().households_of("5")


@register(
    "02.2",
    "B类客户（1-20万）的户均余额是多少元？（四舍五入到整数）",
    "户均余额 = 金额 ÷ 户数；注意金额的单位是万元，要换算成元。可以用 three.average_balance（'B'）。",
    compare=close_to(0.5),
)
def _b_average() -> Fraction:
    from tiering_lib.core.tables import reaggregate

    return reaggregate(_bands(), _scheme("suzhou_three_class")).average_balance("B")


@register(
    "02.3",
    "按“档内各户余额相等”的假设，苏州存款余额的基尼系数是多少？（保留两位小数）",
    "用 tl.gini_bounds(bands).lowest，或 tl.gini_banded（bands, 'equal'）。",
    compare=close_to(0.005),
)
def _gini_equal() -> float:
    from tiering_lib.core.concentration import gini_banded

    return gini_banded(_bands(), "equal")


__all__: list[str] = []
_ = equal_to  # the default comparison, used by the exercises without compare=
