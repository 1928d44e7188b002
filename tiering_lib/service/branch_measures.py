"""A branch's measures (notebook 10): name lists against capacity, and the key metrics as one scorecard.

**Name lists (名单制) against capacity**: can the lists be served?

Each mid- or high-end customer is on exactly one relationship manager's list
(the deck's 建立维护关系: one-to-one).  Routine contacts follow the tier's
contact interval (``PlanSettings.contact_days``): a customer contacted every
``d`` days needs ``30 / d`` contacts a month (a month counted as 30 days, the
course's assumption).  A manager can make ``capacity_per_day`` contacts on each
of ``working_days`` working days a month.  The load is routine contacts over
capacity; what is left is for 突发事件处理, new customers and marketing.

**Scorecard**: :func:`branch_scorecard` puts the three key metrics (deck §5) of the
branch in one table, from :func:`~tiering_lib.service.metrics.key_metrics_table`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from tiering_lib.core.money import format_percent, round_half_up, to_decimal
from tiering_lib.service.maintenance import PlanSettings, load_plan_settings

__all__ = ["WORKING_DAYS", "MONTH_DAYS", "monthly_contacts", "rm_workload_table", "managers_needed", "branch_scorecard"]

#: Working days in a month (the course's assumption).
WORKING_DAYS = 21
#: Days in a month, for contacts a month (the course's assumption).
MONTH_DAYS = 30


def monthly_contacts(book: Any, settings: PlanSettings | None = None, rm: str | None = None) -> Fraction:
    """Routine contacts a month (exact) for the listed customers of one manager, or of all.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> monthly_contacts(book) == sum(monthly_contacts(book, rm=r) for r in book.managers())
    True
    """
    s = load_plan_settings() if settings is None else settings
    listed = book.rm != "" if rm is None else book.rm == rm
    total = Fraction(0)
    for code, days in s.contact_days.items():
        total += Fraction(int((listed & (book.tier == code)).sum()) * MONTH_DAYS, days)
    return total


def managers_needed(book: Any, settings: PlanSettings | None = None, working_days: int = WORKING_DAYS) -> int:
    """The fewest managers whose capacity covers every routine contact of the listed customers.

    Examples
    --------
    >>> from tiering_lib import load_plan_settings, synthesize_branch
    >>> book = synthesize_branch()
    >>> s = load_plan_settings()
    >>> managers_needed(book, s.with_changes(capacity_per_day=1)) > managers_needed(book, s)
    True
    """
    s = load_plan_settings() if settings is None else settings
    capacity = s.capacity_per_day * working_days
    return -(-monthly_contacts(book, s) // capacity)  # whole managers, rounded up


def rm_workload_table(book: Any, settings: PlanSettings | None = None, working_days: int = WORKING_DAYS):
    """Per manager: customers listed by tier, routine contacts a month, capacity a month, load.

    Parameters
    ----------
    book : BranchBook
    settings : PlanSettings, optional
        Contact intervals and capacity; ``data/maintenance.yaml`` by default.
    working_days : int
        Working days a month.

    Returns
    -------
    tiering_lib.display.Table
        One row per manager and a 合计 row.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> t = rm_workload_table(synthesize_branch(scale=20000))
    >>> t.frame["客户经理"].iloc[-1], list(t.frame.columns)[-3:]
    ('合计', ['例行联系（次/月）', '容量（次/月）', '负荷'])
    """
    import pandas as pd

    from tiering_lib.display import Table

    s = load_plan_settings() if settings is None else settings
    order = [c for c in book.scheme.codes_top_down if c in s.contact_days]
    rows = []
    for rm in [*book.managers(), "合计"]:
        mine = book.rm != "" if rm == "合计" else book.rm == rm
        needed = monthly_contacts(book, s, None if rm == "合计" else rm)
        managers = len(book.managers()) if rm == "合计" else 1
        capacity = s.capacity_per_day * working_days * managers
        row: dict[str, Any] = {"客户经理": rm}
        row.update({f"{c}类（户）": int((mine & (book.tier == c)).sum()) for c in order})
        row["名单合计（户）"] = int(mine.sum())
        row["例行联系（次/月）"] = str(round_half_up(to_decimal(needed), 1))
        row["容量（次/月）"] = capacity
        row["负荷"] = format_percent(to_decimal(needed / capacity), 1)
        rows.append(row)
    return Table(pd.DataFrame.from_records(rows))


def branch_scorecard(book: Any, queue_result: Any = None):
    """The branch's scorecard: each segment's customers, its key metric and the branch's value now.

    Parameters
    ----------
    book : BranchBook
    queue_result : QueueResult, optional
        A queue simulation of the branch, for the waiting time of 普通 customers.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> branch_scorecard(synthesize_branch(scale=20000)).frame["客户级别"].tolist()
    ['高端客户', '中端客户', '普通客户']
    """
    from tiering_lib.display import Table
    from tiering_lib.service.metrics import key_metrics_table

    frame = key_metrics_table(book, queue_result).reset_index().rename(columns={"本网点数值": "本网点现值"})
    return Table(frame[["客户级别", "客户数（户）", "管理重点", "关键指标", "本网点现值"]])
