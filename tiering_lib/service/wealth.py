"""Wealth segments (财富客户细分), the product shelf and cross-sell suggestions (deck §6).

The deck names four wealth segments — 中年资本导向型财富客户, 老年稳健型财富客户,
年轻的专业人士, 频繁交易者 — a product shelf (基金 证券 债券 定存 信托 外汇 保险) and
the private-adviser services (我的私人财富顾问).  Which products and services
suit which segment, and the rule that puts a customer into a segment, are the
workbook's design (``data/wealth_segments.yaml``, under ``workbook``):

* wealth customers have total assets of at least ``min_aum_yuan`` (5万元);
* 频繁交易者: ``frequent_trades_per_month`` trades or more, whatever the age;
* otherwise by age: 60+ 老年稳健型, under 35 年轻的专业人士, else 中年资本导向型.

A product gap is a product the customer's segment is recommended but the
customer does not hold; :mod:`tiering_lib.service.cross_sell` turns gaps into
suggestions that respect the suitability rules.
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from tiering_lib.errors import DataError

__all__ = [
    "NOT_WEALTH",
    "product_shelf",
    "wealth_segments",
    "assign_wealth_segments",
    "product_gaps",
    "segment_product_table",
    "adviser_services_table",
]

#: Segment label of customers below the wealth threshold.
NOT_WEALTH = "非财富客户"


def _file() -> Any:
    from tiering_lib.service.content_schema import load_wealth_segments

    return load_wealth_segments()


def product_shelf() -> tuple[str, ...]:
    """The deck's product shelf, in the deck's order (checked against the branch's product lines).

    Raises
    ------
    ConfigError
        If ``data/wealth_segments.yaml`` is malformed, naming the field.

    Examples
    --------
    >>> product_shelf()
    ('基金', '证券', '债券', '定存', '信托', '外汇', '保险')
    """
    return tuple(item.line for item in _file().product_shelf)


def wealth_segments() -> list[dict[str, Any]]:
    """The four segments: ``name``, ``rule``, ``products`` (``line``, ``reason``) and ``services``.

    Every product must be on the shelf and every service one of the deck's
    private-adviser services; every adviser service must suit some segment.

    Examples
    --------
    >>> [s["name"] for s in wealth_segments()][-1]
    '频繁交易者'
    """
    return [
        {
            "name": seg.name,
            "rule": seg.workbook.rule or "",
            "products": [p.model_dump(mode="json") for p in seg.workbook.products],
            "services": list(seg.workbook.services),
        }
        for seg in _file().segments
    ]


def _rules() -> dict[str, int]:
    r = _file().workbook_rules
    return {
        "min_aum": r.min_aum_yuan,
        "trades": r.frequent_trades_per_month,
        "elderly": r.elderly_from_age,
        "young": r.young_below_age,
    }


def assign_wealth_segments(book: Any) -> np.ndarray:
    """Each customer's wealth segment, or :data:`NOT_WEALTH` below the wealth threshold.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> seg = assign_wealth_segments(synthesize_branch(scale=20000))
    >>> sorted(set(seg.tolist()))[0]
    '中年资本导向型财富客户'
    """
    r = _rules()
    names = [s["name"] for s in wealth_segments()]
    middle, elderly, young, trader = names
    out = np.where(
        book.trades_per_month >= r["trades"],
        trader,
        np.where(book.age >= r["elderly"], elderly, np.where(book.age < r["young"], young, middle)),
    ).astype(object)
    out[book.aum < r["min_aum"]] = NOT_WEALTH
    return out


def segment_design(name: str) -> dict[str, Any]:
    """One segment of :func:`wealth_segments`, by name.

    Examples
    --------
    >>> segment_design("频繁交易者")["products"][0]["line"]
    '证券'
    """
    for s in wealth_segments():
        if s["name"] == name:
            return s
    raise DataError(f"没有财富客户细分 {name!r}；细分有：{[s['name'] for s in wealth_segments()]}")


def product_gaps(held: Iterable[str], segment: str) -> list[str]:
    """Products recommended for ``segment`` that are not in ``held``, most important first.

    Examples
    --------
    >>> product_gaps(["活期", "定存"], "老年稳健型财富客户")
    ['债券', '保险']
    """
    have = set(held)
    return [p["line"] for p in segment_design(segment)["products"] if p["line"] not in have]


def segment_product_table():
    """Segments × shelf: the recommended products ranked (1 = offer first), blank if not recommended.

    Examples
    --------
    >>> segment_product_table().loc["老年稳健型财富客户", "定存"]
    '1'
    """
    import pandas as pd

    shelf = product_shelf()
    rows = []
    for s in wealth_segments():
        rank = {p["line"]: str(k + 1) for k, p in enumerate(s["products"])}
        rows.append({"财富客群": s["name"], **{line: rank.get(line, "") for line in shelf}})
    return pd.DataFrame.from_records(rows).set_index("财富客群")


def adviser_services_table():
    """The deck's private-adviser services × segments (✓ where the workbook offers it).

    Examples
    --------
    >>> adviser_services_table().shape
    (12, 4)
    """
    import pandas as pd

    segs = wealth_segments()
    services = _file().private_adviser.services
    rows = [{"私人财富顾问服务": sv, **{s["name"]: ("✓" if sv in s["services"] else "") for s in segs}}
            for sv in services]
    return pd.DataFrame.from_records(rows).set_index("私人财富顾问服务")
