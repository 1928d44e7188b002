"""Exercises of notebook 04 (code route): every expected answer is computed from data/ through the library.

The widget exercises of 00 and 03 are in :mod:`tiering_lib.course.banks.tier_logic`, of 01 in
:mod:`~tiering_lib.course.banks.why_tier` and of 02 in :mod:`~tiering_lib.course.banks.suzhou`.
"""

from __future__ import annotations

from decimal import Decimal

from tiering_lib.course.exercises import close_to, equal_to, register


@register(
    "04.1",
    "在默认假设下，要靠存款（按第二年的全年口径）赚到 46 亿元，需要多少亿元存款？（取整）",
    "所需存款 = 46 ÷ 净收益率；可以用 tl.deposits_needed_for（46）。",
    compare=close_to(0.5),
)
def _deposits_for_fees() -> Decimal:
    from tiering_lib.service.deposits import deposits_needed_for, load_executive_quote

    return deposits_needed_for(load_executive_quote()["fee_income"])


@register(
    "04.2",
    "其他假设不变、息差降到 1.5% 时，585 亿元存款第二年的利润是多少亿元？（保留两位小数）",
    "用 tl.DepositAssumptions(spread_pct=Decimal('1.5')) 和 tl.deposit_profit（...）。",
    compare=close_to(0.005),
)
def _profit_low_spread() -> Decimal:
    from tiering_lib.service.deposits import DepositAssumptions, deposit_profit

    return deposit_profit(DepositAssumptions(spread_pct=Decimal("1.5"))).profit_year2


__all__: list[str] = []
_ = equal_to  # the default comparison, used by the exercises without compare=
