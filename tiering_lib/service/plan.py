"""The relationship manager's maintenance plan (制定日常维护计划并执行, deck §9).

* :func:`due_tasks` — who is due for contact and why: a large outflow (a churn
  warning, handled first), a maturing time deposit, an overdue or a routine
  contact by the tier's contact interval;
* :func:`schedule_contacts` — the plan: day by day, the most urgent tasks that
  are due, at most ``capacity_per_day``; whatever does not fit is carried to
  the next day and, at the end of the plan, reported as carried over — never
  dropped.

Priority order: the reason (outflow, maturity, overdue, routine), then the
higher tier (the deck's principle 紧抓高端客户), then the earliest due day, then
larger total assets, then the customer id (so the order is total and stable).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping

import numpy as np

from tiering_lib.core.money import format_amount
from tiering_lib.errors import PlanError
from tiering_lib.service.maintenance import PlanSettings, info_scores, load_plan_settings, missing_info

__all__ = ["ContactTask", "due_tasks", "MaintenancePlan", "schedule_contacts", "merge_tasks", "maintenance_plan"]

@dataclass(frozen=True)
class ContactTask:
    """One customer due for contact, with every reason that applies.

    ``due_day`` is the working day it became due, counted from the plan's
    first day (0); negative means overdue before the plan starts.  ``rank``
    is the position of its first reason in the plan's order of reasons and
    ``tier_rank`` that of its tier from the top of the scheme (0 = highest).
    """

    customer_id: str
    tier: str
    rm: str
    reasons: tuple[str, ...]
    rank: int
    due_day: int
    aum: int = 0
    note: str = ""
    tier_rank: int = 0

    def key(self) -> tuple:
        """Sort key: most urgent first (reason, then higher tier, then earlier due, then larger assets)."""
        return (self.rank, self.tier_rank, self.due_day, -self.aum, self.customer_id)


def due_tasks(book: Any, settings: PlanSettings | None = None) -> list[ContactTask]:
    """Tasks of the customers with an RM that fall due before the plan ends, most urgent first.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> tasks = due_tasks(synthesize_branch(scale=20000))
    >>> all(t.due_day < load_plan_settings().days for t in tasks)
    True
    """
    s = load_plan_settings() if settings is None else settings
    codes = [c for c, _ in s.reasons]
    tier_rank = {code: k for k, code in enumerate(book.scheme.codes_top_down)}
    scores = info_scores(book)
    out = []
    for i in np.flatnonzero(book.rm != ""):
        tier = book.tier[i]
        found: dict[str, int] = {}
        if int(book.outflow[i]) >= s.outflow_min and Fraction(int(book.outflow[i])) >= s.outflow_share * int(book.aum_prev[i]):
            found["outflow"] = 0
        if book.maturity_day[i] >= 0 and book.maturity_day[i] - s.maturity_lead_days < s.days:
            found["maturity"] = int(book.maturity_day[i]) - s.maturity_lead_days
        if tier in s.contact_days:
            due = s.contact_days[tier] - int(book.days_since_contact[i])
            if due < 0:
                found["overdue"] = due
            elif due < s.days:
                found["routine"] = due
        if not found:
            continue
        notes = []
        if "outflow" in found:
            notes.append(f"{book.outflow_days_ago[i]} 天前流出 {format_amount(int(book.outflow[i]), '万元', 2)} 万元")
        if "maturity" in found:
            days = int(book.maturity_day[i])
            notes.append("定期今天到期" if days == 0 else f"定期 {days} 天后到期")
        if "overdue" in found:
            notes.append(f"已逾期 {-found['overdue']} 天")
        if scores[i] < s.low_info_score:
            notes.append("补充：" + "、".join(missing_info(book, i)[:3]))
        reasons = tuple(c for c in codes if c in found)
        out.append(
            ContactTask(str(book.ids[i]), str(tier), str(book.rm[i]), reasons, codes.index(reasons[0]),
                        min(found.values()), int(book.aum[i]), "；".join(notes), tier_rank[str(tier)])
        )
    return sorted(out, key=ContactTask.key)


@dataclass(frozen=True)
class MaintenancePlan:
    """A relationship manager's plan: what is done on which day, and what is carried over.

    Attributes
    ----------
    days, capacity : int
    tasks : tuple of ContactTask
        Every task due before the plan ends.
    scheduled : tuple of (day, ContactTask)
        In the order the RM works them (day 0 first).
    carried_over : tuple of ContactTask
        Due but not fitted in: they open the next plan, most urgent first.
    """

    days: int
    capacity: int
    tasks: tuple[ContactTask, ...]
    scheduled: tuple[tuple[int, ContactTask], ...]
    carried_over: tuple[ContactTask, ...]
    labels: Mapping[str, str] = field(default_factory=dict)

    def check(self) -> None:
        """Raise :class:`PlanError` unless the plan keeps its rules.

        No day exceeds the capacity; every task is scheduled once or carried
        over, none is lost or invented; no task is done before it is due; a
        day with spare capacity leaves nothing due behind.
        """
        per_day = [0] * self.days
        for day, task in self.scheduled:
            if not 0 <= day < self.days:
                raise PlanError(f"task of {task.customer_id} is on day {day}, outside the plan")
            if day < max(task.due_day, 0):
                raise PlanError(f"task of {task.customer_id} is done before it is due")
            per_day[day] += 1
        if max(per_day, default=0) > self.capacity:
            raise PlanError(f"a day has {max(per_day)} contacts, more than the capacity {self.capacity}")
        done = [t for _, t in self.scheduled]
        if sorted(done + list(self.carried_over), key=ContactTask.key) != sorted(self.tasks, key=ContactTask.key):
            raise PlanError("scheduled and carried-over tasks do not add up to the tasks due")
        for day in range(self.days):
            if per_day[day] < self.capacity:
                late = [t for d, t in self.scheduled if d > day and t.due_day <= day]
                late += [t for t in self.carried_over if t.due_day <= day]
                if late:
                    raise PlanError(f"day {day + 1} had spare capacity but left {late[0].customer_id} waiting")

    def day_label(self, day: int) -> str:
        """``'第1天'`` ... (or ``'今天'`` for a one-day plan)."""
        return "今天" if self.days == 1 else f"第{day + 1}天"

    def _reasons(self, task: ContactTask) -> str:
        return "、".join(self.labels.get(r, r) for r in task.reasons)

    def to_frame(self):
        """The scheduled contacts: 日程, 顺序, 客户号, 层级, 事由, 应联系, 备注."""
        import pandas as pd

        rows, order = [], {}
        for day, t in self.scheduled:
            order[day] = order.get(day, 0) + 1
            rows.append(
                {
                    "日程": self.day_label(day),
                    "顺序": order[day],
                    "客户号": t.customer_id,
                    "层级": t.tier,
                    "事由": self._reasons(t),
                    "应联系": _due_text(t.due_day),
                    "顺延（天）": day - max(t.due_day, 0),
                    "备注": t.note,
                }
            )
        columns = ["日程", "顺序", "客户号", "层级", "事由", "应联系", "顺延（天）", "备注"]
        return pd.DataFrame.from_records(rows, columns=columns)

    def carried_frame(self):
        """The tasks carried over to the next plan, most urgent first."""
        import pandas as pd

        rows = [
            {"客户号": t.customer_id, "层级": t.tier, "事由": self._reasons(t), "应联系": _due_text(t.due_day), "备注": t.note}
            for t in self.carried_over
        ]
        return pd.DataFrame.from_records(rows, columns=["客户号", "层级", "事由", "应联系", "备注"])

    def summary(self):
        """Per day: 到期待办 (due, including carried), 安排, 容量, 顺延到次日."""
        import pandas as pd

        rows = []
        for day in range(self.days):
            waiting = sum(1 for t in self.tasks if t.due_day <= day) - sum(1 for d, _ in self.scheduled if d < day)
            done = sum(1 for d, _ in self.scheduled if d == day)
            rows.append({"日程": self.day_label(day), "到期待办": waiting, "安排联系": done,
                         "容量": self.capacity, "顺延": waiting - done})
        return pd.DataFrame.from_records(rows).set_index("日程")


def _due_text(due_day: int) -> str:
    if due_day < 0:
        return f"逾期 {-due_day} 天"
    return "今天" if due_day == 0 else f"第{due_day + 1}天"


def schedule_contacts(tasks: Iterable[ContactTask], capacity_per_day: int, days: int,
             labels: Mapping[str, str] | None = None) -> MaintenancePlan:
    """Fit tasks into days: each day the most urgent due tasks, at most ``capacity_per_day``.

    Tasks due after the last day are not part of this plan; tasks due but not
    fitted in are carried over.

    Examples
    --------
    >>> ts = [ContactTask(f"C{i:06d}", "C", "RM01", ("routine",), 3, 0) for i in range(1, 4)]
    >>> p = schedule_contacts(ts, capacity_per_day=2, days=1)
    >>> [t.customer_id for _, t in p.scheduled], [t.customer_id for t in p.carried_over]
    (['C000001', 'C000002'], ['C000003'])
    """
    if capacity_per_day < 1 or days < 1:
        raise PlanError("capacity_per_day and days must be at least 1")
    due = sorted((t for t in tasks if t.due_day < days), key=ContactTask.key)
    pending = list(range(len(due)))  # positions in `due`, kept in order of urgency
    done: list[tuple[int, ContactTask]] = []
    for day in range(days):
        today = [k for k in pending if due[k].due_day <= day][:capacity_per_day]
        done.extend((day, due[k]) for k in today)
        taken = set(today)
        pending = [k for k in pending if k not in taken]
    carried = tuple(due[k] for k in pending)
    return MaintenancePlan(days, capacity_per_day, tuple(due), tuple(done), carried, dict(labels or {}))


def merge_tasks(tasks: list[ContactTask], extra: list[ContactTask]) -> list[ContactTask]:
    """``tasks`` with ``extra`` added; a customer in both keeps one task with both reasons and notes."""
    from dataclasses import replace

    by_id = {t.customer_id: t for t in tasks}
    for task in extra:
        known = by_id.get(task.customer_id)
        if known is None:
            by_id[task.customer_id] = task
            continue
        reasons = tuple(dict.fromkeys((*task.reasons, *known.reasons)))
        note = "；".join(n for n in (task.note, known.note) if n)
        by_id[task.customer_id] = replace(known, reasons=reasons, rank=min(task.rank, known.rank),
                                          due_day=min(task.due_day, known.due_day), note=note)
    return sorted(by_id.values(), key=ContactTask.key)


def maintenance_plan(book: Any, rm: str, settings: PlanSettings | None = None,
                     alerts: Iterable[ContactTask] = ()) -> MaintenancePlan:
    """The plan of one relationship manager (daily or weekly, as ``settings.days`` says).

    ``alerts`` are extra tasks of 突发事件处理, e.g. from the tier migration's watch list
    (:func:`tiering_lib.service.alerts.alert_tasks`); those of this manager join the plan,
    merged with the customer's other reasons.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> plan = maintenance_plan(book, "RM01")
    >>> plan.check(); len(plan.scheduled) + len(plan.carried_over) == len(plan.tasks)
    True
    """
    s = load_plan_settings() if settings is None else settings
    tasks = due_tasks(book.of_rm(rm), s)
    mine = [t for t in alerts if t.rm == rm]
    if mine:
        tasks = merge_tasks(tasks, mine)
    return schedule_contacts(tasks, s.capacity_per_day, s.days, dict(s.reasons))
