"""Customer maintenance (客户维护流程, deck §9): information score, tasks and the RM's plan.

The deck's process has four steps: 建立维护关系 (one relationship manager per
mid/high-end customer), 管理客户信息 (complete, accurate information),
制定日常维护计划并执行 (a daily plan), 突发事件处理 (incidents that signal
churn).  This module turns them into numbers:

* :func:`info_completeness` — a 0–100 score, the weighted share of the
  customer-information fields on file (weights in ``data/maintenance.yaml``);
* :func:`due_tasks` — who is due for contact and why: a large outflow (a churn
  warning, handled first), a maturing time deposit, an overdue or a routine
  contact by the tier's contact interval;
* :func:`schedule_contacts` — the plan: day by day, the most urgent tasks that are due,
  at most ``capacity_per_day``; whatever does not fit is carried to the next
  day and, at the end of the plan, reported as carried over — never dropped.

Priority order: the reason (outflow, maturity, overdue, routine), then the
higher tier (the deck's principle 紧抓高端客户), then the earliest due day, then
larger total assets, then the customer id (so the order is total and stable).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from ._errors import TieringError
from ._money import format_amount, to_fen
from ._service_data import load_yaml_dataset, require

__all__ = [
    "PlanError",
    "PlanSettings",
    "load_plan_settings",
    "info_weights",
    "info_completeness",
    "missing_info",
    "info_scores",
    "ContactTask",
    "due_tasks",
    "MaintenancePlan",
    "schedule_contacts",
    "maintenance_plan",
]

_FILE = "data/maintenance.yaml"
_TIER_ORDER = ("A1", "A2", "B", "C", "D")  # highest first


class PlanError(TieringError):
    """Bad plan settings, or a plan that breaks its own rules."""


@dataclass(frozen=True)
class PlanSettings:
    """How a relationship manager's plan is made (defaults in ``data/maintenance.yaml``).

    Attributes
    ----------
    contact_days : mapping
        Days between routine contacts, by tier code (tiers without an RM absent).
    capacity_per_day : int
        Contacts an RM can make in one working day.
    days : int
        Length of the plan in working days (1 = a daily plan, 5 = a weekly plan).
    maturity_lead_days : int
        Call this many days before a time deposit matures.
    outflow_min : int
        Smallest outflow (分) that counts as a churn warning ...
    outflow_share : Fraction
        ... if it is also at least this share of total assets 30 days ago.
    low_info_score : int
        Below this information score the plan asks for the missing fields.
    reasons : tuple of (code, label)
        Contact reasons, most urgent first.
    """

    contact_days: Mapping[str, int]
    capacity_per_day: int
    days: int
    maturity_lead_days: int
    outflow_min: int
    outflow_share: Fraction
    low_info_score: int
    reasons: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.capacity_per_day < 1:
            raise PlanError(f"capacity_per_day must be at least 1, got {self.capacity_per_day}")
        if self.days < 1:
            raise PlanError(f"days must be at least 1 (1 = daily plan, 5 = weekly plan), got {self.days}")
        for code, d in self.contact_days.items():
            if d < 1:
                raise PlanError(f"contact interval of tier {code} must be at least 1 day, got {d}")
        if [c for c, _ in self.reasons] != ["outflow", "maturity", "overdue", "routine"]:
            raise PlanError(f"{_FILE}: plan.reasons must list outflow, maturity, overdue, routine in that order")

    def with_changes(self, **changes: Any) -> "PlanSettings":
        """A copy with some settings changed; ``contact_days`` merges into the old intervals.

        Examples
        --------
        >>> load_plan_settings().with_changes(contact_days={"C": 180}).contact_days["C"]
        180
        """
        if "contact_days" in changes:
            changes["contact_days"] = {**self.contact_days, **changes["contact_days"]}
        return replace(self, **changes)

    def to_frame(self):
        """The settings as a table: 项目, 取值.

        Examples
        --------
        >>> load_plan_settings().to_frame().loc["每日容量", "取值"]
        '10 位客户'
        """
        import pandas as pd

        from ._money import fen_to_unit

        rows = [(f"{code}类客户联系频率", f"每 {d} 天一次") for code, d in self.contact_days.items()]
        rows += [
            ("每日容量", f"{self.capacity_per_day} 位客户"),
            ("计划天数", f"{self.days} 个工作日" + ("(日计划)" if self.days == 1 else "")),
            ("定期到期提前联系", f"{self.maturity_lead_days} 天"),
            ("大额流出预警", f"≥ {fen_to_unit(self.outflow_min, '万元')} 万元且 ≥ 30天前总资产的 "
                        f"{fen_to_unit(int(self.outflow_share * 10_000), '元')}%"),
            ("信息不全的标准", f"信息完整度 < {self.low_info_score} 分"),
            ("优先顺序", " > ".join(label for _, label in self.reasons)),
        ]
        return pd.DataFrame(rows, columns=["项目", "取值"]).set_index("项目")

    def label(self, code: str) -> str:
        """Chinese label of a reason code."""
        return dict(self.reasons)[code]


def load_plan_settings() -> PlanSettings:
    """The workbook's default plan settings.

    Examples
    --------
    >>> s = load_plan_settings()
    >>> s.capacity_per_day, s.days, s.contact_days["A1"]
    (10, 5, 14)
    """
    plan = require(load_yaml_dataset("maintenance.yaml"), "plan", _FILE)
    where = f"{_FILE}, plan"
    return PlanSettings(
        contact_days={k: int(v) for k, v in require(plan, "contact_days", where).items()},
        capacity_per_day=int(require(plan, "capacity_per_day", where)),
        days=int(require(plan, "days", where)),
        maturity_lead_days=int(require(plan, "maturity_lead_days", where)),
        outflow_min=to_fen(str(require(plan, "large_outflow_min_yuan", where))),
        outflow_share=Fraction(str(require(plan, "large_outflow_min_share", where))),
        low_info_score=int(require(plan, "low_info_score", where)),
        reasons=tuple((r["code"], r["label"]) for r in require(plan, "reasons", where)),
    )


def info_weights() -> dict[str, int]:
    """Weight of each customer-information field (they sum to 100).

    Examples
    --------
    >>> w = info_weights()
    >>> sum(w.values()), w["联系电话"]
    (100, 15)
    """
    fields = require(load_yaml_dataset("maintenance.yaml"), "info_fields", _FILE)
    weights = {require(f, "field", _FILE): int(require(f, "weight", _FILE)) for f in fields}
    if sum(weights.values()) != 100 or min(weights.values()) < 0:
        raise PlanError(f"{_FILE}: info_fields weights must be non-negative and sum to 100")
    return weights


def info_completeness(info: Sequence[Sequence[bool]] | np.ndarray, weights: Sequence[int]) -> np.ndarray:
    """Information score 0–100 per customer: the weighted share of fields on file, rounded half up.

    Parameters
    ----------
    info : bool matrix (customers × fields)
    weights : sequence of int, one per field

    Examples
    --------
    >>> info_completeness([[True, False, True], [False, False, False]], [50, 25, 25]).tolist()
    [75, 0]
    >>> info_completeness([[True, False, False]], [1, 1, 1]).tolist()   # 33.33 -> 33
    [33]
    """
    arr = np.asarray(info, dtype=bool)
    w = np.asarray(weights, dtype=np.int64)
    if arr.ndim != 2 or arr.shape[1] != w.size:
        raise PlanError(f"info has shape {arr.shape} but there are {w.size} weights")
    total = int(w.sum())
    if total <= 0:
        raise PlanError("the weights must add up to more than 0")
    have = arr.astype(np.int64) @ w
    return (200 * have + total) // (2 * total)


def missing_info(book: Any, row: int) -> list[str]:
    """Fields not on file for one customer, heaviest first.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> "姓名" in missing_info(synthesize_branch(scale=20000), 0)
    False
    """
    weights = info_weights()
    gone = [f for f, ok in zip(book.info_fields, book.info[row]) if not ok]
    return sorted(gone, key=lambda f: (-weights[f], book.info_fields.index(f)))


def info_scores(book: Any) -> np.ndarray:
    """Information score (0–100) of every customer of a book.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> int(info_scores(synthesize_branch(scale=20000)).min()) >= info_weights()["姓名"]
    True
    """
    weights = info_weights()
    return info_completeness(book.info, [weights[f] for f in book.info_fields])


@dataclass(frozen=True)
class ContactTask:
    """One customer due for contact, with every reason that applies.

    ``due_day`` is the working day it became due, counted from the plan's
    first day (0); negative means overdue before the plan starts.
    """

    customer_id: str
    tier: str
    rm: str
    reasons: tuple[str, ...]
    rank: int
    due_day: int
    aum: int = 0
    note: str = ""

    def key(self) -> tuple:
        """Sort key: most urgent first."""
        tier = _TIER_ORDER.index(self.tier) if self.tier in _TIER_ORDER else len(_TIER_ORDER)
        return (self.rank, tier, self.due_day, -self.aum, self.customer_id)


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
            notes.append(f"定期 {book.maturity_day[i]} 天后到期")
        if "overdue" in found:
            notes.append(f"已逾期 {-found['overdue']} 天")
        if scores[i] < s.low_info_score:
            notes.append("补充:" + "、".join(missing_info(book, i)[:3]))
        reasons = tuple(c for c in codes if c in found)
        out.append(
            ContactTask(str(book.ids[i]), str(tier), str(book.rm[i]), reasons, codes.index(reasons[0]),
                 min(found.values()), int(book.aum[i]), ";".join(notes))
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
                    "顺延(天)": day - max(t.due_day, 0),
                    "备注": t.note,
                }
            )
        columns = ["日程", "顺序", "客户号", "层级", "事由", "应联系", "顺延(天)", "备注"]
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


def maintenance_plan(book: Any, rm: str, settings: PlanSettings | None = None) -> MaintenancePlan:
    """The plan of one relationship manager (daily or weekly, as ``settings.days`` says).

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
    return schedule_contacts(tasks, s.capacity_per_day, s.days, dict(s.reasons))
