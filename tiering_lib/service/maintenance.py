"""Customer maintenance (客户维护流程, deck §9): plan settings and the information score.

The deck's process has four steps: 建立维护关系 (one relationship manager per
mid/high-end customer), 管理客户信息 (complete, accurate information),
制定日常维护计划并执行 (a daily plan), 突发事件处理 (incidents that signal
churn).  This module holds what the plan is made from:

* :class:`PlanSettings` — contact frequency by tier, capacity, plan length,
  event thresholds (defaults in ``data/maintenance.yaml``);
* :func:`info_completeness` — a 0–100 score, the weighted share of the
  customer-information fields on file, and :func:`missing_info`.

The plan itself is in :mod:`tiering_lib.service.plan`; reports and export in
:mod:`tiering_lib.service.plan_report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from tiering_lib.errors import PlanError

__all__ = [
    "PlanSettings",
    "load_plan_settings",
    "info_weights",
    "info_completeness",
    "missing_info",
    "info_scores",
]

_FILE = "data/maintenance.yaml"


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
            raise PlanError(f"每天可联系人数（capacity_per_day）至少为 1，这里是 {self.capacity_per_day}")
        if self.days < 1:
            raise PlanError(f"计划天数（days）至少为 1（1 = 日计划，5 = 周计划），这里是 {self.days}")
        for code, d in self.contact_days.items():
            if d < 1:
                raise PlanError(f"层级 {code} 的联系间隔至少为 1 天，这里是 {d}")
        if [c for c, _ in self.reasons] != ["outflow", "maturity", "overdue", "routine"]:
            raise PlanError(f"{_FILE}：plan.reasons 应依次列出 outflow、maturity、overdue、routine")

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

        from tiering_lib.core.money import fen_to_unit

        rows = [(f"{code}类客户联系频率", f"每 {d} 天一次") for code, d in self.contact_days.items()]
        rows += [
            ("每日容量", f"{self.capacity_per_day} 位客户"),
            ("计划天数", f"{self.days} 个工作日" + ("（日计划）" if self.days == 1 else "")),
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
    """The workbook's default plan settings (``plan`` of ``data/maintenance.yaml``).

    Raises
    ------
    ConfigError
        If the file is malformed, naming the field.

    Examples
    --------
    >>> s = load_plan_settings()
    >>> s.capacity_per_day, s.days, s.contact_days["A1"]
    (10, 5, 14)
    """
    from tiering_lib.service.settings_schema import load_maintenance

    plan = load_maintenance().plan
    return PlanSettings(
        contact_days=dict(plan.contact_days),
        capacity_per_day=plan.capacity_per_day,
        days=plan.days,
        maturity_lead_days=plan.maturity_lead_days,
        outflow_min=plan.large_outflow_min_yuan,
        outflow_share=Fraction(plan.large_outflow_min_share),
        low_info_score=plan.low_info_score,
        reasons=tuple((r.code, r.label) for r in plan.reasons),
    )


def info_weights() -> dict[str, int]:
    """Weight of each customer-information field (they sum to 100; checked when the file is read).

    Examples
    --------
    >>> w = info_weights()
    >>> sum(w.values()), w["联系电话"]
    (100, 15)
    """
    from tiering_lib.service.settings_schema import load_maintenance

    return {f.field: f.weight for f in load_maintenance().info_fields}


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
        raise PlanError(f"信息表的形状是 {arr.shape}，但权重有 {w.size} 个")
    total = int(w.sum())
    if total <= 0:
        raise PlanError("权重合计应大于 0")
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
