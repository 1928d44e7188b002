"""Interactive explorers (ipywidgets).  Thin: each callback calls one library function.

* :func:`threshold_explorer` — sliders for a scheme's thresholds (门槛); the
  table and chart are recomputed with :meth:`SortedBalances.table` (the fast
  path).  While the sliders are out of order, the table and chart are hidden,
  so a stale result is never shown next to settings it does not belong to.
* :func:`balance_lookup` — which tier a balance falls in.

Both return an :class:`~tiering_lib.core.widget_picture.Interactive`: the live
widget, with a static picture of its default state for stored notebooks.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import matplotlib.pyplot as plt

from tiering_lib.core.plotting import plot_shares
from tiering_lib.core.schemes import TierScheme, bounds_label, validated_scheme
from tiering_lib.core.sorted_balances import SortedBalances
from tiering_lib.core.tables import DistributionTable
from tiering_lib.core.widget_picture import Interactive
from tiering_lib.display import png_bytes
from tiering_lib.errors import TieringError

__all__ = ["threshold_explorer", "explorer_table", "balance_lookup"]

_WAN = 1_000_000  # 分 in one 万元


def explorer_table(balances: SortedBalances, scheme: TierScheme, thresholds_wan: list[int]) -> DistributionTable:
    """The table the threshold explorer shows for thresholds given in whole 万元.

    Every tier is labelled the same way, by its code and its current bounds
    (``"B类：1万-20万(不含)"``), so moved and unmoved tiers read alike.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> sb = tl.SortedBalances([500_000, 5_000_000, 30_000_000])
    >>> t = explorer_table(sb, tl.builtin_scheme("suzhou_three_class"), [1, 25])
    >>> t.households, [tier.name_zh for tier in t.scheme.tiers]
    ((1, 1, 1), ['C类：0-1万（不含）', 'B类：1万-25万（不含）', 'A类：25万以上'])
    """
    moved = scheme.with_thresholds([int(t) * _WAN for t in thresholds_wan])
    tiers = [replace(t, name_zh=f"{t.code}类：{bounds_label(t.lower, t.upper)}") for t in moved.tiers]
    labelled = validated_scheme(moved.name, moved.title_zh, tiers, moved.display_descending, moved.source)
    return balances.table(labelled)


def threshold_explorer(balances: SortedBalances, scheme: TierScheme, max_wan: int = 200) -> Interactive:
    """Sliders (万元) for each threshold (门槛) of ``scheme``; a live table and chart below.

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
            raise TieringError(f"层级 {tier.code!r}：分层探索器的滑块以整万元移动，门槛须是整万元")
        sliders.append(
            widgets.IntSlider(
                value=tier.lower // _WAN, min=1, max=max_wan, step=1,
                description=f"{tier.code}类下限（万元）", style={"description_width": "initial"},
                continuous_update=False, layout=widgets.Layout(width="480px"),
            )
        )
    unit = widgets.HTML(value="<i>滑块单位：万元。每一类包含它的下限，不包含上一类的下限（即“（不含）”）。</i>")
    message = widgets.HTML()
    table_html = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="640px"))
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    fig.subplots_adjust(left=0.24, right=0.97, top=0.9, bottom=0.14)
    plt.close(fig)  # drawn only into the Image widget, never shown by the inline backend

    def update(_change=None):
        values = [s.value for s in sliders]
        valid = all(b > a for a, b in zip(values, values[1:]))
        for result in (table_html, chart):  # never show a result next to settings it does not belong to
            result.layout.display = None if valid else "none"
        if not valid:
            names = "、".join(s.description.split("（")[0] for s in sliders)
            message.value = (
                f"<div class='tl-invalid' style='color:#b00;font-weight:bold'>门槛顺序不对：{names}必须一个比一个高。"
                "表格和图已暂时隐藏，请调整滑块。</div>"
            )
            return
        message.value = ""
        table = explorer_table(balances, scheme, values)
        table_html.value = f'<div class="jp-RenderedHTMLCommon">{table._repr_html_()}</div>'
        ax.clear()
        plot_shares(table, ax=ax, title="调整门槛后的户数占比与金额占比")
        chart.value = png_bytes(fig)

    for s in sliders:
        s.observe(update, names="value")
    update()
    box = widgets.VBox([unit, *sliders, message, table_html, chart])
    box.add_class("tl-threshold-explorer")
    return Interactive(box)


def balance_lookup(scheme: TierScheme, value_yuan: int = 10_000) -> Interactive:
    """Type or slide a balance (元) and see which tier of ``scheme`` it falls in (via ``tier_codes``).

    Examples
    --------
    >>> import tiering_lib as tl
    >>> lookup = balance_lookup(tl.builtin_scheme("suzhou_five_band"), value_yuan=50_000)
    >>> lookup.children[2].value
    '余额 50,000 元 → <b>5万-20万（不含）</b>'
    """
    from tiering_lib.core.classify import tier_codes

    box = widgets.BoundedIntText(value=value_yuan, min=0, max=10_000_000, step=1, description="余额（元）")
    slider = widgets.IntSlider(value=value_yuan, min=0, max=300_000, step=5_000, description="或拖动",
                               continuous_update=False, layout=widgets.Layout(width="480px"))
    widgets.jslink((box, "value"), (slider, "value"))
    answer = widgets.HTML()

    def update(_change=None):
        code = tier_codes([box.value * 100], scheme)[0]
        answer.value = f"余额 {box.value:,} 元 → <b>{scheme.tier(code).name_zh}</b>"

    box.observe(update, names="value")
    update()
    lookup = widgets.VBox([box, slider, answer])
    lookup.add_class("tl-balance-lookup")
    return Interactive(lookup)
