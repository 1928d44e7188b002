"""Settings of the branch queue: counters, arrivals, service times and the VIP window.

:class:`QueueConfig` holds them (rates per hour, times in minutes) and
:func:`default_queue_config` builds them from ``data/branch_assumptions.yaml``
and a branch book: a segment's arrivals per hour are its customers' counter
visits a year ÷ working days ÷ opening hours.  The simulation is in
:mod:`tiering_lib.service.queue`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from tiering_lib.core.schemes import SEGMENTS
from tiering_lib.core.synthesis import SYNTH_SEED
from tiering_lib.errors import QueueError

__all__ = ["QUEUE_SEED", "QueueConfig", "default_queue_config"]

#: Default seed of the queue simulation.
QUEUE_SEED = SYNTH_SEED


@dataclass(frozen=True)
class QueueConfig:
    """Counters, arrivals and service times of one branch (rates per hour, times in minutes)."""

    arrivals_per_hour: dict[str, float] = field(default_factory=lambda: {"高端": 0.2, "中端": 4.0, "普通": 30.0})
    mean_service_minutes: dict[str, float] = field(default_factory=lambda: {"高端": 12.0, "中端": 8.0, "普通": 5.0})
    windows: int = 4
    vip_window: bool = True
    vip_window_serves_others: bool = True
    vip_segments: tuple[str, ...] = ("高端", "中端")  # who counts as 贵宾: the course's reading, not the deck's
    service_shape: float = 2.0
    open_minutes: int = 480

    def __post_init__(self) -> None:
        if not isinstance(self.windows, (int, np.integer)) or self.windows < 1:
            raise QueueError(f"窗口数应是不小于 1 的整数，这里是 {self.windows!r}")
        if self.open_minutes <= 0:
            raise QueueError(f"营业时长（open_minutes）应大于 0，这里是 {self.open_minutes!r}")
        if self.service_shape <= 0:
            raise QueueError(f"办理时长的形状参数（service_shape）应大于 0，这里是 {self.service_shape!r}")
        for seg in [*self.arrivals_per_hour, *self.vip_segments]:
            if seg not in SEGMENTS:
                raise QueueError(f"没有客户级别 {seg!r}；客户级别有：{list(SEGMENTS)}")
        for seg, rate in self.arrivals_per_hour.items():
            if not rate >= 0:
                raise QueueError(f"{seg}每小时到达人数不能为负，这里是 {rate!r}")
            if rate > 0 and not self.mean_service_minutes.get(seg, 0) > 0:
                raise QueueError(f"{seg}有客户到达，但平均办理时长不大于 0")

    def with_changes(self, **changes: Any) -> "QueueConfig":
        """A copy with some fields changed (validated again).

        Examples
        --------
        >>> QueueConfig().with_changes(windows=2).windows
        2
        """
        return replace(self, **changes)

    def to_frame(self):
        """The settings as a table (项目, 取值), in Chinese.

        Examples
        --------
        >>> QueueConfig().to_frame().loc["窗口数", "取值"]
        '4'
        """
        import pandas as pd

        rows = [
            ("窗口数", f"{self.windows}"),
            ("贵宾窗口", "开设（1号窗口）" if self.vip_window else "不设"),
            ("贵宾窗口空闲时叫普通号", "是" if self.vip_window_serves_others else "否"),
            ("算作贵宾的客户（本课程的解读）", "、".join(f"{s}客户" for s in self.vip_segments)),
            ("营业时间", f"{self.open_minutes} 分钟"),
        ]
        rows += [(f"{s}客户到达", f"每小时 {r:g} 人") for s, r in self.arrivals_per_hour.items()]
        rows += [(f"{s}客户平均办理时间", f"{m:g} 分钟") for s, m in self.mean_service_minutes.items()]
        rows.append(("窗口繁忙程度（负荷）", f"{self.load:.0%}"))
        return pd.DataFrame(rows, columns=["项目", "取值"]).set_index("项目")

    @property
    def load(self) -> float:
        """Offered work per window: service minutes arriving per minute ÷ windows (ρ)."""
        work = sum(r * self.mean_service_minutes.get(s, 0) for s, r in self.arrivals_per_hour.items()) / 60
        return work / self.windows


def default_queue_config(book: Any = None) -> QueueConfig:
    """The queue of ``data/branch_assumptions.yaml``, with arrivals from a branch book.

    Arrivals per hour of a segment = its customers' counter visits per year
    ÷ working days per year ÷ opening hours.

    Parameters
    ----------
    book : BranchBook, optional
        The synthetic branch by default.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> cfg = default_queue_config(synthesize_branch(scale=20000))
    >>> cfg.windows, cfg.vip_window
    (4, True)
    """
    from tiering_lib.service.branch_schema import load_branch_assumptions

    spec = load_branch_assumptions().queue
    if book is None:
        from tiering_lib.service.branch import synthesize_branch

        book = synthesize_branch()
    hours = spec.open_minutes / 60
    rates = {}
    for seg in SEGMENTS:
        visits = int(book.visits_per_year[book.segment == seg].sum())
        rates[seg] = round(visits / spec.working_days_per_year / hours, 2)
    return QueueConfig(
        arrivals_per_hour=rates,
        mean_service_minutes={s: float(v) for s, v in spec.mean_service_minutes.items()},
        windows=spec.windows,
        vip_window=spec.vip_window,
        vip_window_serves_others=spec.vip_window_serves_others,
        vip_segments=spec.vip_segments,
        service_shape=float(spec.service_shape),
        open_minutes=spec.open_minutes,
    )
