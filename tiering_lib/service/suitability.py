"""Suitability (适当性): which products of the shelf a customer may be offered at all.

A cross-sell suggestion must respect the product's minimum and the customer's risk assessment, as the
rules require and as notebook 08 tells relationship managers (no wealth product without a valid risk
assessment).  The workbook's simplified reading of those rules, with their dates, is in
``data/wealth_segments.yaml`` (``product_shelf`` and ``suitability``):

* a product that needs a risk assessment (基金, 证券, 信托, 外汇理财) is offered only if the customer's
  assessment is still valid and their tolerance C1–C5 is at least the product's risk level R1–R5;
* a product's minimum (信托: 100万元) may not exceed the customer's total assets;
* a product for qualified investors (信托) needs total assets of at least 300万元 (the course's stand-in for
  "financial assets of at least 300万元": the synthetic branch knows only the assets held here).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tiering_lib.core.money import format_amount

__all__ = ["ProductRule", "product_rules", "unsuitable_reason", "suitability_table", "suitability_notes"]


@dataclass(frozen=True)
class ProductRule:
    """What the shelf says of one product line: risk level 1–5, minimum (分), assessment, qualified investors."""

    line: str
    kind: str
    risk: int
    min_fen: int
    needs_assessment: bool
    qualified_investor: bool


@lru_cache(maxsize=1)
def _suitability():
    from tiering_lib.service.content_schema import load_wealth_segments

    data = load_wealth_segments()
    rules = {item.line: ProductRule(item.line, item.kind, item.risk, item.min_yuan, item.needs_assessment,
                                    item.qualified_investor) for item in data.product_shelf}
    return rules, data.suitability


def product_rules() -> dict[str, ProductRule]:
    """The shelf's product lines and their rules, in the deck's order.

    Examples
    --------
    >>> product_rules()["信托"].min_fen
    100000000
    """
    return dict(_suitability()[0])


def _risk(level: int) -> str:
    return f"R{level}（{_suitability()[1].risk_levels[level - 1]}）"


def unsuitable_reason(line: str, aum: int, risk_level: int | None, risk_valid: bool | None) -> str | None:
    """Why ``line`` may not be offered to a customer with total assets ``aum`` (分), or None if it may.

    ``risk_level`` is the assessed tolerance 1–5 (None or 0: never assessed).

    Examples
    --------
    >>> unsuitable_reason("信托", 9_800_000, 5, True)
    '起购金额 1,000,000 元，高于客户总资产 98,000 元'
    >>> unsuitable_reason("基金", 9_800_000, 2, True)
    '产品风险 R3（中）高于客户的风险承受能力 C2'
    >>> unsuitable_reason("基金", 9_800_000, 4, False)
    '风险测评已过有效期：请先请客户重新测评'
    >>> unsuitable_reason("定存", 9_800_000, None, None) is None
    True
    """
    rules, suitability = _suitability()
    rule = rules[line]
    if rule.min_fen > aum:
        return f"起购金额 {format_amount(rule.min_fen, '元', 0)} 元，高于客户总资产 {format_amount(aum, '元', 0)} 元"
    if rule.qualified_investor and aum < suitability.qualified_investor_yuan:
        limit = format_amount(suitability.qualified_investor_yuan, "万元", 0)
        return f"仅面向合格投资者：客户总资产不足 {limit} 万元"
    if rule.needs_assessment:
        if not risk_level:
            return "客户没有做过风险测评：请先请客户测评"
        if not risk_valid:
            return "风险测评已过有效期：请先请客户重新测评"
        if rule.risk > risk_level:
            return f"产品风险 {_risk(rule.risk)}高于客户的风险承受能力 C{risk_level}"
    return None


def suitability_table():
    """The shelf's rules as a table: 产品, 类别, 风险等级, 起购金额（元）, 须风险测评, 仅合格投资者.

    Examples
    --------
    >>> suitability_table().loc["信托", "仅合格投资者"]
    '是'
    """
    import pandas as pd

    rows = [{"产品": r.line, "类别": r.kind, "风险等级": _risk(r.risk), "起购金额（元）": format_amount(r.min_fen, "元", 0),
             "须风险测评": "是" if r.needs_assessment else "否", "仅合格投资者": "是" if r.qualified_investor else "否"}
            for r in _suitability()[0].values()]
    return pd.DataFrame(rows).set_index("产品")


def suitability_notes():
    """What each check stands for, with its source and the year of the rule (— for common practice).

    Examples
    --------
    >>> suitability_notes().loc["风险测评", "年份"]
    '2017 年'
    """
    import pandas as pd

    rows = [{"规则": n.topic, "内容": n.rule, "依据": n.source, "年份": f"{n.year} 年" if n.year else "—"}
            for n in _suitability()[1].notes]
    return pd.DataFrame(rows).set_index("规则")
