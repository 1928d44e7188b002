"""Charts and explorers for serving each tier: Axes inspected, widgets built and moved."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pytest

import tiering_lib as tl


@pytest.fixture(autouse=True)
def fonts():
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*Glyph.*missing.*")
        yield
    plt.close("all")


def _draw(ax):
    ax.figure.canvas.draw()  # glyph warnings appear only when text is rendered


def test_waiting_times_curves_reach_100_percent():
    r = tl.simulate_queue(tl.default_queue_config())  # 20 days: a few high-end customers come too
    ax = tl.plot_waiting_times(r)
    _draw(ax)
    lines = [l for l in ax.get_lines() if l.get_label().endswith("客户")]
    assert [l.get_label() for l in lines] == ["高端客户", "中端客户", "普通客户"]
    assert all(abs(l.get_ydata()[-1] - 100) < 1e-9 for l in lines)
    assert ax.get_xlabel() == "等候时间（分钟）"


def test_vip_comparison_bars_are_the_tables_means():
    cfg = tl.QueueConfig(arrivals_per_hour={"中端": 4.0, "普通": 20.0}, windows=3)
    t = tl.compare_vip_window(cfg, days=2)
    ax = tl.plot_vip_comparison(t)
    _draw(ax)
    assert [float(p.get_height()) for p in ax.patches] == t["平均等候（分钟）"].tolist()


def test_contribution_charts():
    c = tl.customer_contribution(tl.synthesize_branch())
    ax = tl.plot_contribution_by_tier(c)
    _draw(ax)
    heights = [float(p.get_height()) for p in ax.patches]
    assert heights[-1] < 0 < heights[0]  # D costs more than it earns; A1 earns
    assert sum(heights) == pytest.approx(c.total() / 1_000_000)
    ax = tl.plot_contribution_curve(c)
    _draw(ax)
    y = ax.get_lines()[0].get_ydata()
    assert y[-1] == pytest.approx(c.total() / 1_000_000) and max(y) > y[-1]
    assert "合成网点" in ax.get_title() and "本课程" in ax.get_title()  # the course's assumptions, not a finding


def test_plan_load_chart():
    plan = tl.maintenance_plan(tl.synthesize_branch(), "RM02")
    ax = tl.plot_plan_load(plan)
    _draw(ax)
    s = plan.summary()
    heights = [float(p.get_height()) for p in ax.patches]
    assert heights == s["安排联系（户）"].tolist() + s["顺延（户）"].tolist()


def test_explorers_build_and_follow_their_controls():
    cfg = tl.QueueConfig(arrivals_per_hour={"中端": 4.0, "普通": 20.0}, windows=3)
    box = tl.queue_explorer(cfg, days=2)
    windows, mass, mid, vip, others = box.children[:5]
    assert (windows.value, vip.value) == (3, True)
    windows.value = 4  # runs the callback: queue_scenario with 4 windows
    mass.value = 30.0
    box2 = tl.contribution_explorer(tl.synthesize_branch(scale=20000))
    demand = box2.children[0]
    assert demand.value == pytest.approx(2.0)
    demand.value = 1.5
