"""Wealth segments (财富客户细分), the product shelf and cross-sell suggestions (deck §6).

The deck names four wealth segments — 中年资本导向型财富客户, 老年稳健型财富客户,
年轻的专业人士, 频繁交易者 — a product shelf (基金 证券 债券 定存 信托 外汇 保险) and
the private-adviser services (我的私人财富顾问).  Which products and services
suit which segment, and the rule that puts a customer into a segment, are the
workbook's design (``data/wealth_segments.yaml``, under ``workbook``):

* wealth customers have total assets of at least ``min_aum_yuan`` (5万元);
* 频繁交易者: ``frequent_trades_per_month`` trades or more, whatever the age;
* otherwise by age: 60+ 老年稳健型, under 35 年轻的专业人士, else 中年资本导向型.

A cross-sell suggestion is a *gap*: a product the customer's segment is
recommended but the customer does not hold, in the segment's order, and that
the customer may be offered at all (:mod:`tiering_lib.service.suitability`:
the product's minimum, qualified investors, a valid risk assessment at least
as high as the product's risk).  Gaps that fail those rules are listed apart,
each with the reason, and are not offered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable

import numpy as np

from tiering_lib.core.money import exact_sum, to_decimal
from tiering_lib.errors import DataError
from tiering_lib.service.suitability import unsuitable_reason

__all__ = [
    "NOT_WEALTH",
    "product_shelf",
    "wealth_segments",
    "assign_wealth_segments",
    "product_gaps",
    "CrossSellSuggestion",
    "cross_sell_suggestions",
    "segment_product_table",
    "adviser_services_table",
    "segment_overview",
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


def _segment(name: str) -> dict[str, Any]:
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
    return [p["line"] for p in _segment(segment)["products"] if p["line"] not in have]


@dataclass(frozen=True)
class CrossSellSuggestion:
    """Cross-sell suggestions for one customer: the gaps in their holdings and the adviser services."""

    customer_id: str
    segment: str
    held: tuple[str, ...]
    gaps: tuple[tuple[str, str], ...]
    services: tuple[str, ...]
    not_now: tuple[tuple[str, str], ...] = ()
    assessment: str = ""

    def to_frame(self):
        """The gaps as a DataFrame: 顺序, 建议产品, 理由."""
        import pandas as pd

        return pd.DataFrame(
            [{"顺序": k + 1, "建议产品": line, "理由": why} for k, (line, why) in enumerate(self.gaps)],
            columns=["顺序", "建议产品", "理由"],
        ).set_index("顺序")

    def _repr_html_(self) -> str:
        import html

        head = (
            f"<p><b>{html.escape(self.customer_id)}</b>({html.escape(self.segment)})"
            f"已持有：{html.escape('、'.join(self.held))}</p>"
        )
        if not self.gaps:
            body = "<p>眼下没有可以推荐的产品。</p>"
        else:
            body = self.to_frame().to_html()
        if self.assessment:
            head += f"<p>风险测评：{html.escape(self.assessment)}</p>"
        if self.not_now:
            items = "".join(f"<li>{html.escape(line)}:{html.escape(why)}</li>" for line, why in self.not_now)
            body += f"<p>暂不适合推荐（适当性）：</p><ul>{items}</ul>"
        services = f"<p>可提供的私人财富顾问服务：{html.escape('、'.join(self.services)) or '—'}</p>"
        return head + body + services


def cross_sell_suggestions(book: Any, customer_id: str) -> CrossSellSuggestion:
    """What to offer one customer next, from the gaps between their holdings and their segment.

    Raises
    ------
    DataError
        If the customer is not a wealth customer (total assets below the threshold).

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> rich = book.ids[int(book.aum.argmax())]
    >>> cross_sell_suggestions(book, rich).customer_id == rich
    True
    """
    from tiering_lib.service.book import PRODUCT_LINES

    row = book.index_of(customer_id)
    segment = assign_wealth_segments(book.select([row]))[0]
    if segment == NOT_WEALTH:
        raise DataError(
            f"客户 {customer_id} 的总资产低于财富客户门槛；"
            "产品建议只面向财富客户（B 类及以上）"
        )
    held = tuple(p for p, h in zip(PRODUCT_LINES, book.held[row]) if h)
    seg = _segment(segment)
    level = int(book.risk_level[row]) if book.risk_level is not None else 0
    valid = bool(book.risk_valid[row]) if book.risk_valid is not None else False
    offers, not_now = [], []
    for p in seg["products"]:
        if p["line"] in held:
            continue
        why = unsuitable_reason(p["line"], int(book.aum[row]), level, valid)
        (offers if why is None else not_now).append((p["line"], p["reason"] if why is None else why))
    assessment = f"C{level}（{'在有效期内' if valid else '已过有效期'}）" if level else "没有做过"
    return CrossSellSuggestion(customer_id, segment, held, tuple(offers), tuple(seg["services"]), tuple(not_now),
                               assessment)


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


def segment_overview(book: Any):
    """Per wealth segment: customers, average total assets, cross-sell rate and the commonest gap.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> list(segment_overview(synthesize_branch(scale=20000)).columns)[:2]
    ['客户数', '户均总资产（万元）']
    """
    import pandas as pd

    from tiering_lib.core.money import format_percent, round_half_up
    from tiering_lib.service.book import PRODUCT_LINES
    from tiering_lib.service.metrics import share_two_or_more

    seg = assign_wealth_segments(book)
    rows = []
    shelf = product_shelf()
    for s in wealth_segments():
        m = seg == s["name"]
        n = int(m.sum())
        recommended = [p["line"] for p in s["products"]]  # the gaps of product_gaps(), segment read once
        gaps: Counter[str] = Counter()
        n_gaps = 0
        for row in np.flatnonzero(m):
            held = {p for p, h in zip(PRODUCT_LINES, book.held[row]) if h}
            g = [line for line in recommended if line not in held]
            n_gaps += len(g)
            gaps.update(g)
        common = sorted(gaps.items(), key=lambda kv: (-kv[1], shelf.index(kv[0])))
        total = exact_sum(book.aum[m])
        rows.append(
            {
                "财富客群": s["name"],
                "客户数": n,
                "户均总资产（万元）": f"{round_half_up(to_decimal(Fraction(total, n)) / 1_000_000, 2):,}" if n else "—",
                "持有两类及以上产品": format_percent(to_decimal(share_two_or_more(book.held[m])), 1) if n else "—",
                "人均产品缺口（类）": str(round_half_up(to_decimal(Fraction(n_gaps, n)), 1)) if n else "—",
                "最常见的缺口": f"{common[0][0]}（{common[0][1]} 户）" if common else "—",
            }
        )
    return pd.DataFrame.from_records(rows).set_index("财富客群")
