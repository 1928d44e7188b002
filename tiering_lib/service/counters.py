"""The counters of a branch for one day: who is called to which window, and when (deterministic).

:func:`simulate_counters` takes given customers (arrival minute, service
minutes, whether VIP) and applies the queue rules of
:mod:`tiering_lib.service.queue`, every time a customer arrives or a window
frees, in this order:

1. the VIP window calls the next VIP customer;
2. every other free window calls whoever has waited longest, VIP or not;
3. a VIP window with no VIP waiting calls the next ordinary customer, if
   ``vip_window_serves_others`` (always after closing).
"""

from __future__ import annotations

import heapq
from collections import deque
from typing import Sequence

import numpy as np

from tiering_lib.errors import QueueError

__all__ = ["simulate_counters"]


class _Day:
    """The state of one day at the counters: queues, busy windows, pending events (time, window)."""

    def __init__(self, arr: np.ndarray, svc: np.ndarray, windows: int, close: float, vip_window: bool,
                 serves_others: bool) -> None:
        self.arr, self.svc, self.close = arr, svc, close
        self.vip_window, self.serves_others = vip_window, serves_others
        self.start = np.full(arr.size, np.nan)
        self.window = np.full(arr.size, -1, dtype=np.int64)
        self.busy = [False] * windows
        self.vip_q: deque[int] = deque()
        self.gen_q: deque[int] = deque()
        self.events: list[tuple[float, int]] = [(float(close), -1)]  # -1 is the closing bell

    def call(self, t: float, w: int, queue: deque[int]) -> None:
        k = queue.popleft()
        self.start[k] = t
        self.window[k] = w
        self.busy[w] = True
        heapq.heappush(self.events, (t + float(self.svc[k]), w))

    def dispatch(self, t: float) -> None:
        vip_q, gen_q, busy, arr = self.vip_q, self.gen_q, self.busy, self.arr
        if self.vip_window and not busy[0] and vip_q:
            self.call(t, 0, vip_q)
        for w in range(1 if self.vip_window else 0, len(busy)):
            if not busy[w] and (gen_q or vip_q):
                # whoever has waited longest; ties go to the lower customer number
                if not vip_q or (gen_q and (arr[gen_q[0]], gen_q[0]) < (arr[vip_q[0]], vip_q[0])):
                    self.call(t, w, gen_q)
                else:
                    self.call(t, w, vip_q)
        if self.vip_window and not busy[0] and gen_q and (self.serves_others or t >= self.close):
            self.call(t, 0, gen_q)

    def run(self, is_vip: np.ndarray) -> None:
        order = np.argsort(self.arr, kind="stable")
        i, n = 0, self.arr.size
        while i < n or self.events:
            if self.events and (i >= n or self.events[0][0] <= self.arr[order[i]]):
                t, w = heapq.heappop(self.events)
                if w >= 0:
                    self.busy[w] = False
            else:
                k = int(order[i])
                t = float(self.arr[k])
                (self.vip_q if self.vip_window and is_vip[k] else self.gen_q).append(k)
                i += 1
            self.dispatch(t)


def simulate_counters(
    arrival: Sequence[float],
    service: Sequence[float],
    vip: Sequence[bool],
    windows: int,
    close: float,
    vip_window: bool = False,
    vip_window_serves_others: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Simulate one day at the counters for given customers (the deterministic core).

    Parameters
    ----------
    arrival : sequence of float
        Arrival minutes after opening, each in ``[0, close)``.
    service : sequence of float
        Service minutes (> 0).
    vip : sequence of bool
        Whether each customer may use the VIP window.
    windows : int
        Number of windows; window 0 is the VIP window when ``vip_window``.
    close : float
        Closing minute: no arrival after it; the VIP window serves anyone after it.

    Returns
    -------
    start, window : numpy.ndarray
        Minute each customer is called, and the window (0-based).

    Examples
    --------
    One window, three customers five minutes each:

    >>> start, window = simulate_counters([0, 1, 2], [5, 5, 5], [False] * 3, windows=1, close=60)
    >>> start.tolist(), window.tolist()
    ([0.0, 5.0, 10.0], [0, 0, 0])
    """
    arr = np.asarray(arrival, dtype=float)
    svc = np.asarray(service, dtype=float)
    is_vip = np.asarray(vip, dtype=bool)
    if not (arr.shape == svc.shape == is_vip.shape) or arr.ndim != 1:
        raise QueueError("arrival、service、vip 应是长度相同的三列数")
    if arr.size and (arr.min() < 0 or arr.max() >= close):
        raise QueueError(f"到达时间应在 [0, {close}) 分钟内：其他时间网点不营业")
    if arr.size and not (svc > 0).all():
        raise QueueError("每位客户的办理时长都应大于 0")
    if windows < 1:
        raise QueueError(f"窗口数至少为 1，这里是 {windows}")
    day = _Day(arr, svc, windows, close, vip_window, vip_window_serves_others)
    day.run(is_vip)
    return day.start, day.window
