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

from tiering_lib.core.money import to_fen
from tiering_lib.datasets.files import load_yaml_dataset, require
from tiering_lib.errors import DataError
from tiering_lib.service.contribution import ABC_NAMES, _rate

__all__ = ["relationship_price", "pricing_table"]

_FILE = "data/contribution_assumptions.yaml"


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
        The ``pricing`` section of ``data/contribution_assumptions.yaml`` by default.

    Examples
    --------
    >>> relationship_price(1500, "B", 12)   # 15 元, 重点客户 50% + 2 × 10% = 70% off
    450
    """
    p = require(load_yaml_dataset("contribution_assumptions.yaml"), "pricing", _FILE) if pricing is None else pricing
    where = f"{_FILE}, pricing"
    by_class = require(p, "discount_by_class", where)
    if abc not in by_class:
        raise DataError(f"{where}: no discount for class {abc!r}; classes are {list(by_class)}")
    if years < 0 or list_price < 0:
        raise DataError("years and list price must not be negative")
    step = int(require(p, "loyalty_step_years", where))
    loyalty = min(_rate(p["loyalty_step_discount"], where) * (years // step), _rate(p["loyalty_max_discount"], where))
    discount = min(_rate(by_class[abc], where) + loyalty, Fraction(1))
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

    p = require(load_yaml_dataset("contribution_assumptions.yaml"), "pricing", _FILE) if pricing is None else pricing
    rows = []
    for item in require(p, "items", f"{_FILE}, pricing"):
        price = to_fen(item["list_price_yuan"])
        row = {"服务项目": item["item"], "标准价(元)": format_amount(price, "元", 2)}
        for code in ("C", "B", "A"):
            for y in years:
                row[f"{ABC_NAMES[code]}·{y}年"] = format_amount(relationship_price(price, code, y, p), "元", 2)
        rows.append(row)
    return pd.DataFrame.from_records(rows).set_index("服务项目")
