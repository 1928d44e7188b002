"""Pricing by relationship and contribution (有区别的按照客户关系和客户贡献度的定价体系, deck §6).

The deck names the idea and gives no numbers ("以某银行为例"); the example
price list is the workbook's (``pricing`` in ``data/contribution_assumptions.yaml``):
each 客户经营ABC class has a share of the list price waived, and every full
``loyalty_step_years`` with the branch waives ``loyalty_step_discount`` more,
up to ``loyalty_max_discount``.  Prices are whole 分, rounded half up.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from tiering_lib.errors import DataError
from tiering_lib.service.contribution import ABC_NAMES

__all__ = ["relationship_price", "pricing_table"]


def _pricing(pricing: Any) -> Any:
    """The validated ``pricing`` section: the file's by default, or the given mapping checked like it."""
    from tiering_lib.service.settings_schema import Pricing, load_contribution

    if pricing is None:
        return load_contribution().pricing
    if isinstance(pricing, Pricing):
        return pricing
    from tiering_lib.datasets.validation import validate_file

    return validate_file(Pricing, pricing, "pricing")


def relationship_price(list_price: int, abc: str, years: int, pricing: Mapping[str, Any] | None = None) -> int:
    """Price (分) of a counter service by relationship and contribution (有区别的定价).

    The discount is the class's share waived plus ``loyalty_step_discount``
    for every full ``loyalty_step_years`` with the branch (at most
    ``loyalty_max_discount``), capped at 100 %; the price is rounded half up
    to the 分.

    Parameters
    ----------
    list_price : int
        List price in 分.
    abc : str
        ``"A"``, ``"B"`` or ``"C"``.
    years : int
        Whole years with the branch.
    pricing : mapping, optional
        The ``pricing`` section of ``data/contribution_assumptions.yaml`` by
        default; a mapping given here is checked against the same schema.

    Raises
    ------
    DataError
        If ``abc`` is not a class or ``years``/``list_price`` is negative;
        :class:`~tiering_lib.errors.ConfigError` if ``pricing`` is malformed.

    Examples
    --------
    >>> relationship_price(1500, "B", 12)   # 15 元, 重点客户 50% + 2 × 10% = 70% off
    450
    """
    p = _pricing(pricing)
    if abc not in p.discount_by_class:
        raise DataError(f"定价：没有 {abc!r} 类客户的折扣；可选的类别：{list(p.discount_by_class)}")
    if years < 0 or list_price < 0:
        raise DataError("年限和标价都不能是负数")
    loyalty = min(Fraction(p.loyalty_step_discount) * (years // p.loyalty_step_years), Fraction(p.loyalty_max_discount))
    discount = min(Fraction(p.discount_by_class[abc]) + loyalty, Fraction(1))
    price = list_price * (1 - discount)
    return (2 * price.numerator + price.denominator) // (2 * price.denominator)


def pricing_table(pricing: Mapping[str, Any] | None = None, years: tuple[int, ...] = (0, 10)):
    """An example price list by 客户经营ABC class and years with the branch (元).

    Examples
    --------
    >>> pricing_table().shape[0]
    4
    """
    import pandas as pd

    from tiering_lib.core.money import format_amount

    p = _pricing(pricing)
    rows = []
    for item in p.items:
        price = item.list_price_yuan
        row = {"服务项目": item.item, "标准价（元）": format_amount(price, "元", 2)}
        for code in ("C", "B", "A"):
            for y in years:
                row[f"{ABC_NAMES[code]}·{y}年（元）"] = format_amount(relationship_price(price, code, y, p), "元", 2)
        rows.append(row)
    return pd.DataFrame.from_records(rows).set_index("服务项目")
