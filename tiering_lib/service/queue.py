"""The branch queue (柜台排队): a seeded discrete-event simulation of a branch's counters.

Customers of each segment (高端/中端/普通) arrive as a Poisson process while the
branch is open, each with a gamma-distributed service time.  ``windows``
counters serve them.  With the VIP window on (deck §9: 设立贵宾服务窗口), window
1 is the VIP window and the VIP segments (by default 中高端: 高端 and 中端) queue
for it separately.  The rules, applied every time a customer arrives or a
window frees, in this order:

1. the VIP window calls the next VIP customer;
2. every other free window calls whoever has waited longest, VIP or not;
3. a VIP window with no VIP waiting calls the next ordinary customer, if
   ``vip_window_serves_others`` (always after closing).

So a VIP window adds priority for VIPs and never takes a window away from
them.  Each queue is first come, first served.  Doors close after ``open_minutes``:
nobody arrives later, and everyone inside is still served (the branch works
over time).  So every arrival is either served (called to a window before
closing) or still queued at closing — :meth:`QueueResult.check` tests it.

Randomness: one :func:`numpy.random.default_rng` stream per (seed, day,
segment), so changing the windows or the VIP window leaves the customers
(arrivals and service times) exactly the same, and changing one segment's
arrivals leaves the other segments' customers the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tiering_lib.core.schemes import SEGMENTS
from tiering_lib.display import with_thousands
from tiering_lib.errors import QueueError
from tiering_lib.service.counters import simulate_counters
from tiering_lib.service.metrics import waiting_stats
from tiering_lib.service.queue_config import QUEUE_SEED, QueueConfig, default_queue_config

__all__ = ["QueueResult", "simulate_counters", "simulate_queue", "compare_vip_window", "queue_scenario"]


@dataclass(frozen=True, eq=False)
class QueueResult:
    """Every arrival of a simulation: segment, day, and minutes after opening.

    ``start`` is the minute the customer is called to ``window``; the wait is
    ``start - arrival`` and the end of service ``start + service``.
    """

    config: QueueConfig
    days: int
    segment: np.ndarray
    day: np.ndarray
    arrival: np.ndarray
    service: np.ndarray
    start: np.ndarray
    window: np.ndarray

    @property
    def n(self) -> int:
        """Number of arrivals."""
        return int(self.arrival.size)

    def waits(self, segment: str | None = None) -> np.ndarray:
        """Waiting minutes, of one segment or of everyone."""
        w = self.start - self.arrival
        return w if segment is None else w[self.segment == segment]

    @property
    def queued_at_close(self) -> np.ndarray:
        """Whether each arrival was still waiting when the doors closed."""
        return self.start >= self.config.open_minutes

    def overtime_minutes(self) -> float:
        """Average minutes per day the counters work after closing."""
        end = self.start + self.service
        per_day = [max(0.0, float(end[self.day == d].max()) - self.config.open_minutes)
                   for d in range(self.days) if (self.day == d).any()]
        return float(np.mean(per_day)) if per_day else 0.0

    def check(self) -> None:
        """Raise :class:`QueueError` unless every invariant of the simulation holds.

        Every arrival is served before closing or still queued at closing (and
        then served after it), nobody is called before arriving, and no window
        serves two customers at once.
        """
        close = self.config.open_minutes
        served = self.start < close
        if np.isnan(self.start).any():
            raise QueueError("an arrival was never called to a window")
        if int(served.sum()) + int(self.queued_at_close.sum()) != self.n:
            raise QueueError("some arrival is neither served nor queued at closing")
        if (self.start < self.arrival).any():
            raise QueueError("a customer was called before arriving")
        if (self.window < 0).any() or (self.window >= self.config.windows).any():
            raise QueueError("a customer was served at a window that does not exist")
        for d in range(self.days):
            for w in range(self.config.windows):
                m = (self.day == d) & (self.window == w)
                s = np.sort(self.start[m])
                e = (self.start + self.service)[m][np.argsort(self.start[m], kind="stable")]
                if (s[1:] < e[:-1] - 1e-9).any():
                    raise QueueError(f"window {w + 1} served two customers at once on day {d + 1}")

    def summary(self, limit_minutes: float = 15):
        """Waiting times per segment as a DataFrame (minutes, rounded to 0.1).

        Columns: 到达（人次）, 平均等候, 中位数, 90%的客户不超过, 最长等候 (minutes),
        等候超过 ``limit`` 分钟的占比, 关门时仍在排队 (arrivals).
        """
        import pandas as pd

        rows = []
        for seg in SEGMENTS:
            m = self.segment == seg
            if not m.any():
                continue
            s = waiting_stats(self.waits(seg), limit_minutes)
            rows.append(
                {
                    "客户级别": f"{seg}客户",
                    "到达（人次）": s["n"],
                    "平均等候（分钟）": round(s["mean"], 1),
                    "中位数（分钟）": round(s["median"], 1),
                    "90%的客户不超过（分钟）": round(s["p90"], 1),
                    "最长等候（分钟）": round(s["max"], 1),
                    f"等候超过{limit_minutes:g}分钟的占比": f"{s['over_limit'] * 100:.1f}%",
                    "关门时仍在排队（人次）": int((self.queued_at_close & m).sum()),
                }
            )
        return with_thousands(pd.DataFrame.from_records(rows).set_index("客户级别"))


def simulate_queue(config: QueueConfig | None = None, *, days: int = 20, seed: int = QUEUE_SEED) -> QueueResult:
    """Simulate ``days`` working days at the counters (pooled into one result).

    Parameters
    ----------
    config : QueueConfig, optional
        :func:`default_queue_config` by default.
    days : int
        Working days to simulate; more days give steadier distributions.
    seed : int
        The same seed gives the same customers.

    Examples
    --------
    >>> cfg = QueueConfig(arrivals_per_hour={"普通": 6.0}, windows=1, vip_window=False)
    >>> r = simulate_queue(cfg, days=2, seed=1)
    >>> r.check(); bool((r.waits() >= 0).all())
    True
    """
    if config is None:
        config = default_queue_config()
    if days < 1:
        raise QueueError(f"模拟天数（days）至少为 1，这里是 {days}")
    close = config.open_minutes
    segs = [s for s in SEGMENTS if config.arrivals_per_hour.get(s, 0) > 0]
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("segment", "day", "arrival", "service", "start", "window")}
    for d in range(days):
        seg_l, arr_l, svc_l = [], [], []
        for s in segs:
            rng = np.random.default_rng([seed, d, list(SEGMENTS).index(s)])
            count = rng.poisson(config.arrivals_per_hour[s] * close / 60)
            mean = config.mean_service_minutes[s]
            arr_l.append(np.sort(rng.uniform(0, close, count)))
            svc_l.append(rng.gamma(config.service_shape, mean / config.service_shape, count))
            seg_l.append(np.full(count, s, dtype=object))
        segment = np.concatenate(seg_l) if seg_l else np.zeros(0, dtype=object)
        arrival = np.concatenate(arr_l) if arr_l else np.zeros(0)
        service = np.concatenate(svc_l) if svc_l else np.zeros(0)
        order = np.argsort(arrival, kind="stable")
        segment, arrival, service = segment[order], arrival[order], service[order]
        vip = np.isin(segment, list(config.vip_segments))
        start, window = simulate_counters(
            arrival, service, vip, config.windows, close, config.vip_window, config.vip_window_serves_others
        )
        for key, value in (("segment", segment), ("day", np.full(arrival.size, d)), ("arrival", arrival),
                           ("service", service), ("start", start), ("window", window)):
            parts[key].append(value)
    joined = {k: np.concatenate(v) for k, v in parts.items()}
    return QueueResult(config=config, days=days, **joined)


def compare_vip_window(config: QueueConfig | None = None, *, days: int = 20, seed: int = QUEUE_SEED):
    """Mean and 90th-percentile waits per segment with the VIP window off and on (same customers).

    Examples
    --------
    >>> cfg = QueueConfig(arrivals_per_hour={"中端": 3.0, "普通": 20.0}, windows=3)
    >>> t = compare_vip_window(cfg, days=2)
    >>> list(t.index.names), list(t.columns)
    (['贵宾窗口', '客户级别'], ['平均等候（分钟）', '90%的客户不超过（分钟）'])
    """
    import pandas as pd

    config = default_queue_config() if config is None else config
    frames = []
    for on in (False, True):
        table = simulate_queue(config.with_changes(vip_window=on), days=days, seed=seed).summary()
        part = table[["平均等候（分钟）", "90%的客户不超过（分钟）"]].reset_index()
        part.insert(0, "贵宾窗口", "开" if on else "关")
        frames.append(part)
    return pd.concat(frames, ignore_index=True).set_index(["贵宾窗口", "客户级别"])


def queue_scenario(
    base: QueueConfig,
    *,
    windows: int,
    mass_per_hour: float,
    mid_per_hour: float,
    vip_window: bool,
    vip_window_serves_others: bool,
    days: int = 20,
    seed: int = QUEUE_SEED,
) -> QueueResult:
    """The queue with the settings the queue explorer's controls offer (what the widget calls).

    Examples
    --------
    >>> base = QueueConfig(arrivals_per_hour={"高端": 0.5, "中端": 4.0, "普通": 20.0})
    >>> r = queue_scenario(base, windows=3, mass_per_hour=20, mid_per_hour=4, vip_window=True,
    ...                    vip_window_serves_others=True, days=2)
    >>> r.config.windows, r.config.arrivals_per_hour["普通"]
    (3, 20.0)
    """
    rates = dict(base.arrivals_per_hour)
    rates["普通"] = float(mass_per_hour)
    rates["中端"] = float(mid_per_hour)
    config = base.with_changes(
        windows=int(windows),
        arrivals_per_hour=rates,
        vip_window=bool(vip_window),
        vip_window_serves_others=bool(vip_window_serves_others),
    )
    return simulate_queue(config, days=days, seed=seed)
