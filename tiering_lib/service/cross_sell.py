"""Cross-sell suggestions (交叉销售建议) that respect suitability (适当性).

A suggestion starts from a *gap*: a product the customer's wealth segment is
recommended (:mod:`tiering_lib.service.wealth`, the workbook's design) that the
customer does not hold, in the segment's order.  A gap is offered only if the
customer may be offered the product at all (:mod:`tiering_lib.service.suitability`:
the product's minimum, qualified investors, a valid risk assessment at least as
high as the product's risk); the others are listed apart, each with the reason,
and are not offered now.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from tiering_lib.core.money import exact_sum, format_amount, to_decimal
from tiering_lib.display import escape, with_thousands
from tiering_lib.errors import DataError
from tiering_lib.service.suitability import unsuitable_reason
from tiering_lib.service.wealth import NOT_WEALTH, assign_wealth_segments, product_shelf, segment_design, wealth_segments

__all__ = ["CrossSellSuggestion", "cross_sell_suggestions", "segment_overview"]


@dataclass(frozen=True)
class CrossSellSuggestion:
    """Cross-sell suggestions for one customer: the gaps that may be offered, those that may not, the services.

    ``gaps`` and ``not_now`` are ``(product line, reason)`` pairs: the reason to offer it, or why not now.
    ``aum`` is the customer's total assets (分).
    """

    customer_id: str
    segment: str
    held: tuple[str, ...]
    gaps: tuple[tuple[str, str], ...]
    services: tuple[str, ...]
    not_now: tuple[tuple[str, str], ...] = ()
    assessment: str = ""
    aum: int | None = None

    def to_frame(self):
        """The products to offer as a DataFrame indexed by 顺序: 建议产品, 理由."""
        import pandas as pd

        return pd.DataFrame(
            [{"顺序": k + 1, "建议产品": line, "理由": why} for k, (line, why) in enumerate(self.gaps)],
            columns=["顺序", "建议产品", "理由"],
        ).set_index("顺序")

    def _lines(self) -> list[tuple[str, str]]:
        """(heading, text) pairs shared by the HTML and the plain text."""
        assets = "" if self.aum is None else f"，总资产 {format_amount(self.aum, '万元', 2)} 万元"
        lines = [("客户", f"{self.customer_id}（{self.segment}{assets}）"), ("已持有", "、".join(self.held))]
        if self.assessment:
            lines.append(("风险测评", self.assessment))
        return lines

    def _repr_html_(self) -> str:
        head = "".join(f"<p><b>{escape(k)}</b>：{escape(v)}</p>" for k, v in self._lines())
        body = self.to_frame().to_html() if self.gaps else "<p>眼下没有可以推荐的产品。</p>"
        if self.not_now:
            items = "".join(f"<li>{escape(line)}：{escape(why)}</li>" for line, why in self.not_now)
            body += f"<p><b>暂不适合推荐（适当性）</b>：</p><ul>{items}</ul>"
        services = f"<p><b>可提供的私人财富顾问服务</b>：{escape('、'.join(self.services)) or '—'}</p>"
        return head + body + services

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": self.text()}

    def text(self) -> str:
        """The suggestion as plain Chinese text (what a reader without HTML sees).

        Examples
        --------
        >>> s = CrossSellSuggestion("C000001", "老年稳健型财富客户", ("活期",), (("债券", "国债"),), ("遗产安排",),
        ...                         (("基金", "风险测评已过有效期"),), "C2（已过有效期）")
        >>> print(s.text())
        客户：C000001（老年稳健型财富客户）
        已持有：活期
        风险测评：C2（已过有效期）
        建议产品：1. 债券（国债）
        暂不适合推荐：基金（风险测评已过有效期）
        可提供的私人财富顾问服务：遗产安排
        """
        lines = [f"{k}：{v}" for k, v in self._lines()]
        offers = "；".join(f"{k + 1}. {line}（{why}）" for k, (line, why) in enumerate(self.gaps))
        lines.append(f"建议产品：{offers or '眼下没有'}")
        if self.not_now:
            lines.append("暂不适合推荐：" + "；".join(f"{line}（{why}）" for line, why in self.not_now))
        lines.append(f"可提供的私人财富顾问服务：{'、'.join(self.services) or '—'}")
        return "\n".join(lines)


def _assessment(book: Any, row: int) -> tuple[int, bool]:
    level = int(book.risk_level[row]) if book.risk_level is not None else 0
    valid = bool(book.risk_valid[row]) if book.risk_valid is not None else False
    return level, valid


def _split(book: Any, row: int, segment: str) -> tuple[tuple[str, ...], list, list]:
    """Held lines, and the segment's gaps split into (offer, reason) and (not now, why)."""
    from tiering_lib.service.book import PRODUCT_LINES

    held = tuple(p for p, h in zip(PRODUCT_LINES, book.held[row]) if h)
    level, valid = _assessment(book, row)
    offers, not_now = [], []
    for p in segment_design(segment)["products"]:
        if p["line"] in held:
            continue
        why = unsuitable_reason(p["line"], int(book.aum[row]), level, valid)
        (offers if why is None else not_now).append((p["line"], p["reason"] if why is None else why))
    return held, offers, not_now


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
    row = book.index_of(customer_id)
    segment = assign_wealth_segments(book.select([row]))[0]
    if segment == NOT_WEALTH:
        raise DataError(
            f"客户 {customer_id} 的总资产低于财富客户门槛；"
            "产品建议只面向财富客户（B 类及以上）"
        )
    held, offers, not_now = _split(book, row, segment)
    level, valid = _assessment(book, row)
    assessment = f"C{level}（{'在有效期内' if valid else '已过有效期'}）" if level else "没有做过"
    return CrossSellSuggestion(customer_id, segment, held, tuple(offers), tuple(segment_design(segment)["services"]),
                               tuple(not_now), assessment, int(book.aum[row]))


def segment_overview(book: Any):
    """Per wealth segment: customers, average assets, cross-sell rate, gaps, and what suitability holds back.

    ``最常见的可推荐产品`` is the gap most often offered (it passes the suitability rules);
    ``暂不适合推荐（户次）`` counts the gaps that do not.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> list(segment_overview(synthesize_branch(scale=20000)).columns)[:2]
    ['客户数（户）', '户均总资产（万元）']
    """
    import pandas as pd

    from tiering_lib.core.money import format_percent, round_half_up
    from tiering_lib.service.metrics import share_two_or_more

    seg = assign_wealth_segments(book)
    shelf = product_shelf()
    rows = []
    for s in wealth_segments():
        m = seg == s["name"]
        n = int(m.sum())
        offered: Counter[str] = Counter()
        n_gaps = held_back = 0
        for row in np.flatnonzero(m):
            _, offers, not_now = _split(book, int(row), s["name"])
            n_gaps += len(offers) + len(not_now)
            held_back += len(not_now)
            offered.update(line for line, _ in offers)
        common = sorted(offered.items(), key=lambda kv: (-kv[1], shelf.index(kv[0])))
        rows.append(
            {
                "财富客群": s["name"],
                "客户数（户）": n,
                "户均总资产（万元）": f"{round_half_up(to_decimal(Fraction(exact_sum(book.aum[m]), n)) / 1_000_000, 2):,}"
                if n else "—",
                "持有两类及以上产品的占比": format_percent(to_decimal(share_two_or_more(book.held[m])), 1) if n else "—",
                "人均产品缺口（类）": str(round_half_up(to_decimal(Fraction(n_gaps, n)), 1)) if n else "—",
                "最常见的可推荐产品": f"{common[0][0]}（{common[0][1]} 户）" if common else "—",
                "暂不适合推荐（户次）": held_back,
            }
        )
    return with_thousands(pd.DataFrame.from_records(rows).set_index("财富客群"))
