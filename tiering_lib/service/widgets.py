"""Explorers for serving each tier (ipywidgets).  Thin: each callback calls one library function.

* :func:`queue_explorer` — windows, arrivals and the VIP window; the waiting
  times per segment come from :func:`queue_scenario`.
* :func:`contribution_explorer` — spreads and costs; contributions and
  classes come from :func:`contribution_scenario`.
* :func:`deposit_profit_explorer` — the deposit calculator's assumptions; the
  profits come from :func:`deposit_profit`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt

from tiering_lib.core.money import fen_to_unit, round_half_up
from tiering_lib.core.widget_picture import Interactive
from tiering_lib.display import escape, feedback_box, png_bytes, show_outputs
from tiering_lib.errors import DataError
from tiering_lib.service.contribution import contribution_scenario, load_contribution_assumptions
from tiering_lib.service.deposits import DECK_PROFILE, GROWTH_PROFILES, DepositAssumptions, deposit_profit
from tiering_lib.service.plotting import plot_deposit_profit, plot_waiting_times
from tiering_lib.service.queue import queue_scenario
from tiering_lib.service.queue_config import QUEUE_SEED, QueueConfig, default_queue_config

__all__ = ["queue_explorer", "contribution_explorer", "deposit_profit_explorer"]

_STYLE = {"description_width": "180px"}
_WIDE = widgets.Layout(width="560px")


def queue_explorer(config: QueueConfig | None = None, days: int = 20, seed: int = QUEUE_SEED):
    """Change windows, arrivals and the VIP window; see every segment's waiting time.

    Parameters
    ----------
    config : QueueConfig, optional
        Starting settings; :func:`default_queue_config` by default.
    days, seed
        Passed to :func:`queue_scenario` (the same customers for every setting).
    """
    base = default_queue_config() if config is None else config
    windows = widgets.IntSlider(value=base.windows, min=1, max=8, step=1, description="窗口数")
    mass = widgets.FloatSlider(value=base.arrivals_per_hour.get("普通", 0.0), min=0, max=60, step=0.5,
                               description="普通客户（人/小时）")
    mid = widgets.FloatSlider(value=base.arrivals_per_hour.get("中端", 0.0), min=0, max=20, step=0.5,
                              description="中端客户（人/小时）")
    vip = widgets.Checkbox(value=base.vip_window, description="开设贵宾窗口（1号窗口）")
    others = widgets.Checkbox(value=base.vip_window_serves_others, description="贵宾窗口空闲时叫普通号")
    controls = [windows, mass, mid, vip, others]
    for c in controls:
        c.style = _STYLE
        c.continuous_update = False
        c.layout = _WIDE  # wide enough for the checkboxes' labels too
    table_out = widgets.Output()
    chart_out = widgets.Output()

    def update(_change: Any = None) -> None:
        result = queue_scenario(
            base, windows=windows.value, mass_per_hour=mass.value, mid_per_hour=mid.value,
            vip_window=vip.value, vip_window_serves_others=others.value, days=days, seed=seed,
        )
        show_outputs(table_out, result.summary())
        ax = plot_waiting_times(result)
        show_outputs(chart_out, ax.figure)
        plt.close(ax.figure)

    for c in controls:
        c.observe(update, names="value")
    update()
    box = widgets.VBox([*controls, table_out, chart_out])
    box.add_class("svc-queue-explorer")
    return Interactive(box)


def contribution_explorer(book: Any = None):
    """Sliders for the spreads and the cost to serve; contributions by tier and by class below.

    Parameters
    ----------
    book : BranchBook, optional
        The synthetic branch by default.
    """
    if book is None:
        from tiering_lib.service.branch import synthesize_branch

        book = synthesize_branch()
    a = load_contribution_assumptions()
    demand = widgets.FloatSlider(value=float(a.spread["活期"] * 100), min=0, max=3, step=0.1, description="活期息差（%）")
    time_dep = widgets.FloatSlider(value=float(a.spread["定存"] * 100), min=0, max=3, step=0.1, description="定存息差（%）")
    visit = widgets.FloatSlider(value=float(fen_to_unit(a.visit_cost)), min=0, max=20, step=0.5,
                                description="每次柜台服务成本（元）")
    account = widgets.FloatSlider(value=float(fen_to_unit(a.account_cost)), min=0, max=30, step=1,
                                  description="每户账户年成本（元）")
    controls = [demand, time_dep, visit, account]
    for c in controls:
        c.style = _STYLE
        c.layout = _WIDE
        c.continuous_update = False
        c.readout_format = ".1f"
    tier_out = widgets.Output()
    class_out = widgets.Output()

    def update(_change: Any = None) -> None:
        result = contribution_scenario(book, demand.value, time_dep.value, visit.value, account.value)
        show_outputs(tier_out, result.by_tier())
        show_outputs(class_out, result.by_class())

    for c in controls:
        c.observe(update, names="value")
    update()
    box = widgets.VBox([*controls, widgets.HTML("<b>按层级</b>"), tier_out, widgets.HTML("<b>按客户经营ABC</b>"), class_out])
    box.add_class("svc-contribution-explorer")
    return Interactive(box)


def _deposit_summary(assumptions: DepositAssumptions, r) -> str:
    return (
        f"营业税 {round_half_up(assumptions.business_tax_on_balance_pct, 2)}%（折合存款余额），"
        f"净收益率 <b>{round_half_up(assumptions.net_yield_pct, 2)}%</b>；"
        f"第一年利润 <b>{round_half_up(r.profit_year1, 2)} 亿元</b>，"
        f"第二年利润 <b>{round_half_up(r.profit_year2, 2)} 亿元</b>"
    )


def deposit_profit_explorer():
    """Sliders for the deposit calculator's assumptions; the profits and a chart below.

    The asset yield, spread and provisions start at the course's assumptions, the tax rate at
    the 5% of 2005 (on gross interest income).  A spread above the asset yield is not a valid
    state: the result is hidden and a message says what to change.

    Examples
    --------
    >>> from tiering_lib.core.fonts import use_chinese_fonts
    >>> use_chinese_fonts()
    >>> box = deposit_profit_explorer()
    >>> growth, asset, spread, tax, prov, profile, message, summary, chart = box.children
    >>> spread.value = 1.5
    >>> "4.68 亿元" in summary.value
    True
    >>> asset.value = 1.0
    >>> chart.layout.display, "息差" in message.value
    ('none', True)
    """
    a = DepositAssumptions()
    growth = widgets.IntSlider(value=int(a.growth_yi), min=50, max=1500, step=5, description="新增存款（亿元）")
    asset = widgets.FloatSlider(value=float(a.asset_yield_pct), min=1.0, max=8.0, step=0.1,
                                description="资产收益率（%）")
    spread = widgets.FloatSlider(value=float(a.spread_pct), min=0.5, max=4.0, step=0.05, description="息差（%）")
    tax = widgets.FloatSlider(value=float(a.business_tax_pct), min=0, max=10, step=0.5,
                              description="营业税率（%，按利息收入全额）")
    prov = widgets.FloatSlider(value=float(a.provisions_pct), min=0, max=2, step=0.05,
                               description="准备金及其他成本（%）")
    profile = widgets.Dropdown(options=[DECK_PROFILE, *GROWTH_PROFILES], value=DECK_PROFILE, description="增长节奏")
    controls = [growth, asset, spread, tax, prov, profile]
    for c in controls:
        c.style = {"description_width": "initial"}
        c.continuous_update = False
    message = widgets.HTML()
    summary = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="760px"))
    fig, ax = plt.subplots(1, 2, figsize=(10, 3.8), width_ratios=[3, 2])
    fig.subplots_adjust(left=0.07, right=0.98, top=0.88, bottom=0.12, wspace=0.25)
    plt.close(fig)

    def update(_change=None):
        try:
            assumptions = DepositAssumptions(
                growth_yi=Decimal(growth.value),
                asset_yield_pct=Decimal(str(round(asset.value, 1))),
                spread_pct=Decimal(str(round(spread.value, 2))),
                business_tax_pct=Decimal(str(round(tax.value, 1))),
                provisions_pct=Decimal(str(round(prov.value, 2))),
            )
        except DataError as exc:
            message.value = feedback_box(None, escape(str(exc)), css_class="svc-deposit-invalid")
            summary.layout.display = chart.layout.display = "none"
            return
        message.value = ""
        summary.layout.display = chart.layout.display = None
        r = deposit_profit(assumptions, profile.value)
        summary.value = _deposit_summary(assumptions, r)
        for a in ax:
            a.clear()
        plot_deposit_profit(r, ax=ax[0])
        chart.value = png_bytes(fig)

    for c in controls:
        c.observe(update, names="value")
    update()
    box = widgets.VBox([*controls, message, summary, chart])
    box.add_class("svc-deposit-explorer")
    return Interactive(box)
