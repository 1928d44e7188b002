"""The branch queue: hand-worked days and the invariants of the simulation."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.tables import column_sum
from hypothesis import given, settings
from hypothesis import strategies as st

import tiering_lib as tl


def test_one_window_first_come_first_served():
    start, window = tl.simulate_counters([0, 1, 2], [5, 5, 5], [False] * 3, windows=1, close=60)
    assert start.tolist() == [0, 5, 10]
    assert (start - np.array([0, 1, 2])).tolist() == [0, 4, 8]  # waits
    assert window.tolist() == [0, 0, 0]


def test_two_windows_pick_the_free_one():
    start, window = tl.simulate_counters([0, 0, 1], [10, 3, 4], [False] * 3, windows=2, close=60)
    assert start.tolist() == [0, 0, 3]
    assert window.tolist() == [0, 1, 1]


def test_vip_window_serves_vips_first_and_others_when_idle():
    # ordinary at 0 (10 min), VIP at 1 (5 min), ordinary at 2 (5 min); window 0 is the VIP window
    args = ([0, 1, 2], [10, 5, 5], [False, True, False])
    start, window = tl.simulate_counters(*args, windows=2, close=60, vip_window=True)
    assert start.tolist() == [0, 1, 6]  # the VIP window is free at 6 and calls the ordinary customer
    assert window.tolist() == [1, 0, 0]
    start, window = tl.simulate_counters(*args, windows=2, close=60, vip_window=True,
                                         vip_window_serves_others=False)
    assert start.tolist() == [0, 1, 10]  # now the ordinary customer waits for window 2
    assert window.tolist() == [1, 0, 1]


def test_vip_jumps_the_queue_at_the_vip_window_only_when_it_is_on():
    # one window busy until 10; an ordinary customer arrives at 1, a VIP at 2
    args = ([0, 1, 2], [10, 5, 5], [False, False, True])
    on, _ = tl.simulate_counters(*args, windows=1, close=60, vip_window=True)
    off, _ = tl.simulate_counters(*args, windows=1, close=60, vip_window=False)
    assert on.tolist() == [0, 15, 10]
    assert off.tolist() == [0, 10, 15]


def test_ordinary_windows_call_whoever_waited_longest():
    # windows: 0 = VIP window (busy until 20), 1 = ordinary (busy until 10); VIP arrives at 1, ordinary at 2
    start, window = tl.simulate_counters([0, 0, 1, 2], [20, 10, 5, 5], [True, False, True, False],
                                         windows=2, close=60, vip_window=True)
    assert start.tolist() == [0, 0, 10, 15]
    assert window.tolist() == [0, 1, 1, 1]


def test_still_queued_at_closing_is_served_after_it():
    # a VIP-only window is the only window: the ordinary customer waits until the doors close
    start, window = tl.simulate_counters([0], [3], [False], windows=1, close=10, vip_window=True,
                                         vip_window_serves_others=False)
    assert start.tolist() == [10] and window.tolist() == [0]


def test_bad_input_is_refused():
    with pytest.raises(tl.QueueError, match="不营业"):
        tl.simulate_counters([0, 60], [1, 1], [False, False], windows=1, close=60)
    with pytest.raises(tl.QueueError, match="办理时长都应大于 0"):
        tl.simulate_counters([0], [0], [False], windows=1, close=60)
    with pytest.raises(tl.QueueError, match="窗口数应是不小于 1 的整数"):
        tl.QueueConfig(windows=0)
    with pytest.raises(tl.QueueError, match="没有客户级别 '贵宾'"):
        tl.QueueConfig(arrivals_per_hour={"贵宾": 1.0})
    with pytest.raises(tl.QueueError, match="模拟天数"):
        tl.simulate_queue(tl.QueueConfig(), days=0)


@st.composite
def days_at_the_counter(draw):
    n = draw(st.integers(0, 40))
    close = draw(st.integers(30, 300))
    arrival = draw(st.lists(st.floats(0, close - 1e-3, allow_nan=False), min_size=n, max_size=n))
    service = draw(st.lists(st.floats(0.1, 60, allow_nan=False), min_size=n, max_size=n))
    vip = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    windows = draw(st.integers(1, 4))
    return arrival, service, vip, windows, close, draw(st.booleans()), draw(st.booleans())


@settings(max_examples=150, deadline=None)
@given(days_at_the_counter())
def test_every_arrival_is_served_or_still_queued_at_closing(case):
    arrival, service, vip, windows, close, vip_window, others = case
    start, window = tl.simulate_counters(arrival, service, vip, windows, close, vip_window, others)
    n = len(arrival)
    cfg = tl.QueueConfig(windows=windows, vip_window=vip_window, vip_window_serves_others=others, open_minutes=close)
    result = tl.QueueResult(cfg, 1, np.array(["普通"] * n, dtype=object), np.zeros(n, dtype=int),
                            np.array(arrival, dtype=float), np.array(service, dtype=float), start, window)
    result.check()  # called, never early, one customer per window at a time
    served = start < close
    assert int(served.sum()) + int(result.queued_at_close.sum()) == n
    arr = np.array(arrival)
    vip_arr = np.array(vip, dtype=bool)
    # each queue is first come, first served
    queues = [vip_arr, ~vip_arr] if vip_window else [np.ones(n, dtype=bool)]
    for q in queues:
        order = np.argsort(arr[q], kind="stable")
        assert (np.diff(start[q][order]) >= -1e-9).all()
    if not vip_window:
        # nobody waits while a window is free: on arrival of a customer who waited, all windows were busy
        end = start + np.array(service)
        for k in np.flatnonzero(start > arr + 1e-9):
            busy = ((start <= arr[k] + 1e-12) & (end > arr[k] + 1e-12)).sum()
            assert busy >= windows


def test_simulation_is_seeded_and_keeps_the_customers_when_windows_change():
    cfg = tl.QueueConfig(arrivals_per_hour={"高端": 1.0, "中端": 4.0, "普通": 20.0}, windows=3)
    a = tl.simulate_queue(cfg, days=3, seed=7)
    b = tl.simulate_queue(cfg, days=3, seed=7)
    c = tl.simulate_queue(cfg.with_changes(windows=5, vip_window=False), days=3, seed=7)
    assert (a.start == b.start).all() and (a.arrival == b.arrival).all()
    assert (a.arrival == c.arrival).all() and (a.service == c.service).all()
    assert c.waits().mean() <= a.waits().mean()
    more_mass = tl.queue_scenario(cfg, windows=3, mass_per_hour=30, mid_per_hour=4, vip_window=True,
                                  vip_window_serves_others=True, days=3, seed=7)
    assert (more_mass.arrival[more_mass.segment == "中端"] == a.arrival[a.segment == "中端"]).all()
    for r in (a, c, more_mass):
        r.check()


def test_default_queue_from_the_branch_book():
    book = tl.synthesize_branch()
    cfg = tl.default_queue_config(book)
    visits = int(book.visits_per_year[book.segment == "普通"].sum())
    assert cfg.arrivals_per_hour["普通"] == round(visits / 250 / 8, 2)
    assert (cfg.windows, cfg.vip_window, cfg.vip_segments) == (4, True, ("高端", "中端"))
    result = tl.simulate_queue(cfg)
    result.check()
    table = result.summary()
    assert column_sum(table["到达（人次）"]) == result.n
    assert column_sum(table["关门时仍在排队（人次）"]) == int(result.queued_at_close.sum())
    assert result.overtime_minutes() >= 0


def test_fewer_windows_make_mass_customers_wait_longer():
    cfg = tl.default_queue_config()
    three = tl.simulate_queue(cfg.with_changes(windows=3), days=5)
    four = tl.simulate_queue(cfg, days=5)
    assert three.waits("普通").mean() > four.waits("普通").mean()


def test_compare_vip_window_uses_the_same_customers():
    cfg = tl.QueueConfig(arrivals_per_hour={"中端": 4.0, "普通": 20.0}, windows=3)
    t = tl.compare_vip_window(cfg, days=3)
    assert t.index.get_level_values("贵宾窗口").tolist() == ["关", "关", "开", "开"]
    off = tl.simulate_queue(cfg.with_changes(vip_window=False), days=3).summary()
    assert t.loc[("关", "普通客户"), "平均等候（分钟）"] == off.loc["普通客户", "平均等候（分钟）"]
