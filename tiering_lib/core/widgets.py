"""Interactive explorers (ipywidgets).  Thin: each callback calls one library function.

* :func:`threshold_explorer` — sliders for a scheme's thresholds; the table and
  chart are recomputed with :meth:`SortedBalances.table` (the fast path).
* :func:`deposit_profit_explorer` — the deposits-versus-fees calculator.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt

from tiering_lib.core.plotting import plot_shares
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.sorted_balances import SortedBalances
from tiering_lib.core.tables import DistributionTable
from tiering_lib.display import png_bytes
from tiering_lib.errors import TieringError

__all__ = ["threshold_explorer", "explorer_table", "balance_lookup"]

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
        chart.value = png_bytes(fig)

    for s in sliders:
        s.observe(update, names="value")
    update()
    return widgets.VBox([unit, *sliders, message, table_html, chart])


def balance_lookup(scheme: TierScheme, value_yuan: int = 10_000):
    """Type or slide a balance (元) and see which tier of ``scheme`` it falls in (via ``tier_codes``)."""
    from tiering_lib.core.classify import tier_codes

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
