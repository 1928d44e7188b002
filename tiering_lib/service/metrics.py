"""The key metric of each segment (deck §5), computed from a branch book or a queue run.

* 高端 — 客户总资产 (total assets under management, AUM) and its change;
* 中端 — 交叉销售率 (cross-sell rate), by two definitions that the workbook states:

  - ``"products_per_customer"``: the average number of product lines a
    customer holds, counting the savings account (活期) and every line of the
    shelf (基金 证券 债券 定存 信托 外汇 保险): ``sum(lines held) / customers``;
  - ``"two_or_more"``: the share of customers holding two or more product
    lines (the account plus at least one more);

* 普通 — 办理业务等候时间 (waiting time at the counter), from a queue simulation.

Money is exact (分, Python ints); rates are :class:`~fractions.Fraction`.
Waiting times are minutes (floats: time is measured, not counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from tiering_lib.core.money import exact_sum, format_amount, format_percent, round_half_up, to_decimal
from tiering_lib.errors import DataError

__all__ = [
    "CROSS_SELL_DEFINITIONS",
    "AumChange",
    "aum_change",
    "products_per_customer",
    "share_two_or_more",
    "cross_sell_rate",
    "cross_sell_table",
    "waiting_stats",
    "key_metrics_table",
]

#: The two definitions of the cross-sell rate, with their Chinese statement.
CROSS_SELL_DEFINITIONS: dict[str, str] = {
    "products_per_customer": "人均持有产品数 = 客户持有的产品线（含活期账户）总数 ÷ 客户数",
    "two_or_more": "持有两类及以上产品的客户占比 = 持有 ≥2 条产品线的客户数 ÷ 客户数",
}


@dataclass(frozen=True)
class AumChange:
    """Total assets (分) of a group of customers at two dates, and the change.

    Attributes
    ----------
    before, after : int
        Total assets 30 days ago and today, 分.
    customers : int
        Customers in the group (by today's tier).
    """

    before: int
    after: int
    customers: int

    @property
    def change(self) -> int:
        """``after - before``, 分."""
        return self.after - self.before

    @property
    def rate(self) -> Fraction | None:
        """The change as an exact share of ``before`` (None if ``before`` is 0)."""
        return Fraction(self.change, self.before) if self.before else None

    def __str__(self) -> str:
        rate = "—" if self.rate is None else format_percent(to_decimal(self.rate), 2)
        return (
            f"{self.customers} 户：{format_amount(self.before, '万元', 2)} → "
            f"{format_amount(self.after, '万元', 2)} 万元（变化 {rate}）"
        )


def aum_change(book: Any, segment: str | None = "高端") -> AumChange:
    """Total assets of a segment's customers 30 days ago and today (high-end key metric).

    Parameters
    ----------
    book : BranchBook
    segment : str or None
        ``"高端"`` (default), ``"中端"``, ``"普通"``, or ``None`` for everyone.
        Customers belong to the segment of *today's* tier.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> ch = aum_change(synthesize_branch(scale=20000), None)
    >>> ch.change == ch.after - ch.before
    True
    """
    mask = np.ones(book.n, dtype=bool) if segment is None else book.segment == segment
    return AumChange(
        before=exact_sum(book.aum_prev[mask]),
        after=exact_sum(book.aum[mask]),
        customers=int(mask.sum()),
    )


def _held_matrix(held: Sequence[Sequence[bool]] | np.ndarray) -> np.ndarray:
    arr = np.asarray(held, dtype=bool)
    if arr.ndim != 2:
        raise DataError(f"holdings must be a table (customers x product lines), got shape {arr.shape}")
    return arr


def products_per_customer(held: Sequence[Sequence[bool]] | np.ndarray) -> Fraction:
    """Average number of product lines held per customer (exact).

    Examples
    --------
    >>> products_per_customer([[1, 0, 0], [1, 1, 0], [1, 1, 1]])
    Fraction(2, 1)
    """
    arr = _held_matrix(held)
    if arr.shape[0] == 0:
        raise DataError("cross-sell rate of no customers is undefined; select at least one customer")
    return Fraction(int(arr.sum()), arr.shape[0])


def share_two_or_more(held: Sequence[Sequence[bool]] | np.ndarray) -> Fraction:
    """Share of customers holding two or more product lines (exact).

    Examples
    --------
    >>> share_two_or_more([[1, 0, 0], [1, 1, 0], [1, 1, 1]])
    Fraction(2, 3)
    """
    arr = _held_matrix(held)
    if arr.shape[0] == 0:
        raise DataError("cross-sell rate of no customers is undefined; select at least one customer")
    return Fraction(int((arr.sum(axis=1) >= 2).sum()), arr.shape[0])


def cross_sell_rate(book: Any, segment: str | None = "中端", definition: str = "two_or_more") -> Fraction:
    """The cross-sell rate of a segment's customers (mid-end key metric).

    Parameters
    ----------
    book : BranchBook
    segment : str or None
        ``"中端"`` by default; ``None`` for the whole book.
    definition : str
        ``"two_or_more"`` or ``"products_per_customer"`` (see
        :data:`CROSS_SELL_DEFINITIONS`).

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> cross_sell_rate(book, None, "products_per_customer") >= 1
    True
    """
    if definition not in CROSS_SELL_DEFINITIONS:
        raise DataError(f"unknown cross-sell definition {definition!r}; use one of {list(CROSS_SELL_DEFINITIONS)}")
    held = book.held if segment is None else book.held[book.segment == segment]
    if definition == "two_or_more":
        return share_two_or_more(held)
    return products_per_customer(held)


def cross_sell_table(book: Any):
    """Both cross-sell definitions for every segment and for the whole book.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> cross_sell_table(synthesize_branch(scale=20000)).index.tolist()
    ['高端客户', '中端客户', '普通客户', '全部客户']
    """
    import pandas as pd

    from tiering_lib.core.schemes import SEGMENTS

    rows = []
    for seg in [*SEGMENTS, None]:
        m = np.ones(book.n, dtype=bool) if seg is None else book.segment == seg
        held = book.held[m]
        rows.append(
            {
                "客户级别": "全部客户" if seg is None else f"{seg}客户",
                "客户数": int(m.sum()),
                "人均持有产品数（类）": str(round_half_up(to_decimal(products_per_customer(held)), 2)) if m.any() else "—",
                "持有两类及以上产品的客户占比": format_percent(to_decimal(share_two_or_more(held)), 1) if m.any() else "—",
            }
        )
    return pd.DataFrame.from_records(rows).set_index("客户级别")


def waiting_stats(waits: Sequence[float] | np.ndarray, limit_minutes: float = 15) -> dict[str, float]:
    """Summary of waiting times in minutes: n, mean, median, P90, max and share above ``limit``.

    Examples
    --------
    >>> s = waiting_stats([0, 0, 10, 20], limit_minutes=15)
    >>> s["mean"], s["median"], s["over_limit"]
    (7.5, 5.0, 0.25)
    """
    arr = np.asarray(waits, dtype=float)
    if arr.size == 0:
        return {"n": 0, "mean": float("nan"), "median": float("nan"), "p90": float("nan"),
                "max": float("nan"), "over_limit": float("nan")}
    return {
        "n": int(arr.size),
        "mean": float(arr.mean()),
        "median": float(np.median(arr)),
        "p90": float(np.quantile(arr, 0.9)),
        "max": float(arr.max()),
        "over_limit": float((arr > limit_minutes).mean()),
    }


def key_metrics_table(book: Any, queue_result: Any = None):
    """One row per segment: 管理重点, 关键指标 and its value in this branch.

    Parameters
    ----------
    book : BranchBook
    queue_result : QueueResult, optional
        A queue run for the mass customers' waiting time; without one that
        cell says so.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> key_metrics_table(synthesize_branch(scale=20000))["关键指标"].tolist()
    ['客户总资产', '交叉销售率', '办理业务等候时间']
    """
    import pandas as pd

    from tiering_lib.service.content import service_matrix

    rows = []
    for seg in service_matrix():
        name = seg["segment"]
        if name == "高端":
            ch = aum_change(book, name)
            rate = "—" if ch.rate is None else format_percent(to_decimal(ch.rate), 2)
            value = f"{format_amount(ch.after, '万元', 2)} 万元（30 天前 {format_amount(ch.before, '万元', 2)} 万元，变化 {rate}）"
        elif name == "中端":
            two = cross_sell_rate(book, name, "two_or_more")
            per = cross_sell_rate(book, name, "products_per_customer")
            value = (
                f"持有两类及以上产品的客户占 {format_percent(to_decimal(two), 1)}；"
                f"人均持有 {round_half_up(to_decimal(per), 2)} 类产品"
            )
        else:
            if queue_result is None:
                value = "需要排队模拟（见本笔记本第 5 节）"
            else:
                s = waiting_stats(queue_result.waits(name))
                value = f"平均 {s['mean']:.1f} 分钟，90% 的客户不超过 {s['p90']:.1f} 分钟"
        rows.append(
            {
                "客户级别": f"{name}客户",
                "客户数": int((book.segment == name).sum()),
                "管理重点": seg["focus"],
                "关键指标": seg["key_metric"],
                "本网点数值": value,
            }
        )
    return pd.DataFrame.from_records(rows)
