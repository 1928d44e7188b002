"""Interactive explorers (ipywidgets).  Thin: each callback calls one library function.

* :func:`threshold_explorer` — sliders for a scheme's thresholds; the table and
  chart are recomputed with :meth:`SortedBalances.table` (the fast path).
* :func:`deposit_profit_explorer` — the deposits-versus-fees calculator.
"""

from __future__ import annotations

import io
from decimal import Decimal

import ipywidgets as widgets
import matplotlib.pyplot as plt

from ._deposits import DECK_PROFILE, GROWTH_PROFILES, DepositAssumptions, deposit_profit
from ._errors import TieringError
from ._fast import SortedBalances
from ._money import fen_to_unit, round_half_up
from ._plots import plot_deposit_profit, plot_shares
from ._schemes import TierScheme
from ._tables import DistributionTable

__all__ = ["threshold_explorer", "explorer_table", "deposit_profit_explorer", "balance_lookup"]

_WAN = 1_000_000  # 分 in one 万元


def explorer_table(balances: SortedBalances, scheme: TierScheme, thresholds_wan: list[int]) -> DistributionTable:
    """The table the threshold explorer shows for thresholds given in whole 万元.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> sb = tl.SortedBalances([500_000, 5_000_000, 30_000_000])
    >>> explorer_table(sb, tl.builtin_scheme("suzhou_three_class"), [1, 20]).households
    (1, 1, 1)
    """
    return balances.table(scheme.with_thresholds([int(t) * _WAN for t in thresholds_wan]))


def _png(fig) -> bytes:
    """Render a figure to PNG bytes (fixed size, no tight-bbox second pass: fast enough for sliders)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return buf.getvalue()


def threshold_explorer(balances: SortedBalances, scheme: TierScheme, max_wan: int = 200):
    """Sliders (万元) for each threshold of ``scheme``; a live table and chart below.

    Parameters
    ----------
    balances : SortedBalances
        Prepared once (sorting 7.4 million balances takes ~0.5 s); every move
        of a slider then costs microseconds for the table.
    scheme : TierScheme
        Gives the tiers and the starting thresholds (whole 万元).
    max_wan : int
        Upper end of the sliders, 万元.
    """
    sliders = []
    for tier in scheme.tiers[1:]:
        if tier.lower % _WAN:
            raise TieringError(f"tier {tier.code!r}: the explorer's sliders move in whole 万元")
        sliders.append(
            widgets.IntSlider(
                value=tier.lower // _WAN, min=1, max=max_wan, step=1,
                description=f"{tier.code}类下限", style={"description_width": "initial"},
                continuous_update=False, layout=widgets.Layout(width="480px"),
            )
        )
    unit = widgets.HTML(value="<i>滑块单位:万元。每一类包含其下限,不包含上一类的下限(即“(不含)”)。</i>")
    message = widgets.HTML()
    table_html = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="640px"))
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    fig.subplots_adjust(left=0.24, right=0.97, top=0.9, bottom=0.14)
    plt.close(fig)  # drawn only into the Image widget, never shown by the inline backend

    def update(_change=None):
        values = [s.value for s in sliders]
        if any(b <= a for a, b in zip(values, values[1:])):
            message.value = "<b style='color:#b00'>各档下限必须从低到高递增,请调整滑块。</b>"
            return
        message.value = ""
        table = explorer_table(balances, scheme, values)
        table_html.value = f'<div class="jp-RenderedHTMLCommon">{table._repr_html_()}</div>'
        ax.clear()
        plot_shares(table, ax=ax, title="调整阈值后的户数占比与金额占比")
        chart.value = _png(fig)

    for s in sliders:
        s.observe(update, names="value")
    update()
    return widgets.VBox([unit, *sliders, message, table_html, chart])


def deposit_profit_explorer():
    """Sliders for the deposit calculator's assumptions; the profits and a chart below."""
    a = DepositAssumptions()
    growth = widgets.IntSlider(value=int(a.growth_yi), min=50, max=1500, step=5, description="新增存款(亿元)")
    spread = widgets.FloatSlider(value=float(a.spread_pct), min=0.5, max=4.0, step=0.05, description="息差(%)")
    tax = widgets.FloatSlider(value=float(a.business_tax_pct), min=0, max=10, step=0.5, description="营业税(%)")
    prov = widgets.FloatSlider(value=float(a.provisions_pct), min=0, max=2, step=0.05, description="准备金等(%)")
    profile = widgets.Dropdown(options=[DECK_PROFILE, *GROWTH_PROFILES], value=DECK_PROFILE, description="增长节奏")
    controls = [growth, spread, tax, prov, profile]
    for c in controls:
        c.style = {"description_width": "initial"}
        c.continuous_update = False
    summary = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="760px"))
    fig, ax = plt.subplots(1, 2, figsize=(10, 3.8), width_ratios=[3, 2])
    fig.subplots_adjust(left=0.07, right=0.98, top=0.88, bottom=0.12, wspace=0.25)
    plt.close(fig)

    def update(_change=None):
        assumptions = DepositAssumptions(
            growth_yi=Decimal(growth.value),
            spread_pct=Decimal(str(round(spread.value, 2))),
            business_tax_pct=Decimal(str(round(tax.value, 1))),
            provisions_pct=Decimal(str(round(prov.value, 2))),
        )
        r = deposit_profit(assumptions, profile.value)
        summary.value = (
            f"净收益率 <b>{round_half_up(assumptions.net_yield_pct, 2)}%</b>;"
            f"第一年利润 <b>{round_half_up(r.profit_year1, 2)} 亿元</b>,"
            f"第二年利润 <b>{round_half_up(r.profit_year2, 2)} 亿元</b>"
        )
        for a in ax:
            a.clear()
        plot_deposit_profit(r, ax=ax[0])
        chart.value = _png(fig)

    for c in controls:
        c.observe(update, names="value")
    update()
    return widgets.VBox([*controls, summary, chart])


def balance_lookup(scheme: TierScheme, value_yuan: int = 10_000):
    """Type or slide a balance (元) and see which tier of ``scheme`` it falls in (via ``tier_codes``)."""
    from ._classify import tier_codes

    box = widgets.BoundedIntText(value=value_yuan, min=0, max=10_000_000, step=1, description="余额(元)")
    slider = widgets.IntSlider(value=value_yuan, min=0, max=300_000, step=5_000, description="或拖动",
                               continuous_update=False, layout=widgets.Layout(width="480px"))
    widgets.jslink((box, "value"), (slider, "value"))
    answer = widgets.HTML()

    def update(_change=None):
        code = tier_codes([box.value * 100], scheme)[0]
        answer.value = f"余额 {box.value:,} 元 → <b>{scheme.tier(code).name_zh}</b>"

    box.observe(update, names="value")
    update()
    return widgets.VBox([box, slider, answer])
