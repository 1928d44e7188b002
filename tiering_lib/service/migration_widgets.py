"""The tier migration explorer (ipywidgets).  Thin: each callback calls library functions.

Change the tier scheme and the 流失预警 rule (lowest watched tier, share of the
fall, a tier dropped, customers lost); the household matrix, its heat map and
the watch list are redrawn at once.  The matrix comes from
:func:`~tiering_lib.core.migration.migrate` (one per scheme, kept), the table
from :func:`~tiering_lib.core.migration_tables.migration_table`, the chart from
:func:`~tiering_lib.core.migration_plotting.plot_migration` and the list from
:func:`~tiering_lib.service.alerts.branch_watch_list`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt

from tiering_lib.core.migration import AlertRule, TierMigration, migrate
from tiering_lib.core.migration_plotting import plot_migration
from tiering_lib.core.migration_tables import migration_table
from tiering_lib.core.scheme_files import builtin_scheme
from tiering_lib.core.widget_picture import Interactive
from tiering_lib.display import escape, png_bytes
from tiering_lib.service.alerts import branch_watch_list

__all__ = ["MIGRATION_SCHEMES", "migration_explorer", "watch_rule"]

#: The schemes the explorer offers (the deck's two tiering schemes).
MIGRATION_SCHEMES: tuple[str, ...] = ("core_four_class", "suzhou_three_class")
_STYLE = {"description_width": "150px"}


def watch_rule(lowest_tier: str, drop_percent: int, on_tier_drop: bool = True, on_lost: bool = True) -> AlertRule:
    """The alert rule the explorer's controls describe (the fall as whole percent).

    Examples
    --------
    >>> watch_rule("B", 50).drop_share
    Fraction(1, 2)
    """
    return AlertRule(lowest_tier, Fraction(int(drop_percent), 100), bool(on_tier_drop), bool(on_lost))


def _tier_options(migration: TierMigration) -> list[tuple[str, str]]:
    scheme = migration.scheme
    return [(f"{t.code}类及以上" if t.code != scheme.codes[-1] else f"只看{t.code}类", t.code)
            for t in reversed(scheme.tiers)]


def migration_explorer(book: Any, later: Any, schemes: Sequence[str] = MIGRATION_SCHEMES) -> Interactive:
    """Scheme and 流失预警 rule on the left; the matrix, its heat map and the watch list below.

    Parameters
    ----------
    book : BranchBook
        Last month's book (ids, total assets, relationship managers).
    later : MonthEnd
        This month-end (:func:`~tiering_lib.service.next_month.next_month`).
    schemes : sequence of str
        Built-in scheme names offered, the first shown first.
    """
    kept: dict[str, TierMigration] = {}

    def migration_for(name: str) -> TierMigration:
        if name not in kept:
            kept[name] = migrate(book.ids, book.aum, later.ids, later.balances, builtin_scheme(name))
        return kept[name]

    first = migration_for(schemes[0])
    titles = [(builtin_scheme(n).title_zh, n) for n in schemes]
    scheme = widgets.Dropdown(options=titles, value=schemes[0],
                              description="分层方案", style=_STYLE, layout=widgets.Layout(width="560px"))
    lowest = widgets.Dropdown(options=_tier_options(first),
                              value=first.codes[AlertRule().first_watched(first.scheme)],
                              description="预警的最低层级", style=_STYLE)
    drop = widgets.IntSlider(value=30, min=5, max=95, step=5, description="余额下降超过（%）", style=_STYLE,
                             continuous_update=False, layout=widgets.Layout(width="480px"))
    tier_drop = widgets.Checkbox(value=True, description="降级也预警（不论余额降了多少）", style=_STYLE,
                                 layout=widgets.Layout(width="auto"))
    lost = widgets.Checkbox(value=True, description="已流失的客户也列入", style=_STYLE, layout=widgets.Layout(width="auto"))
    matrix = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="560px"))
    watch = widgets.HTML()
    fig, ax = plt.subplots(figsize=(6.4, 4.8), layout="constrained")
    plt.close(fig)  # drawn only into the Image widget
    busy = {"scheme": False}

    def redraw_matrix(m: TierMigration) -> None:
        matrix.value = f'<div class="jp-RenderedHTMLCommon">{migration_table(m)._repr_html_()}</div>'
        ax.clear()
        plot_migration(m, ax=ax, title="合成网点：上月末到本月末的客户迁移（户数）")
        chart.value = png_bytes(fig)

    def redraw_watch(_change: Any = None) -> None:
        if busy["scheme"]:
            return
        m = migration_for(scheme.value)
        table = branch_watch_list(book, m, watch_rule(lowest.value, drop.value, tier_drop.value, lost.value))
        watch.value = (
            f'<div class="svc-watch-count" style="font-weight:bold;margin:6px 0">{escape(table.caption)}</div>'
            '<div class="jp-RenderedHTMLCommon" style="max-height:320px;overflow:auto">'
            f"{table._repr_html_().replace(f'<p><b>{escape(table.caption)}</b></p>', '')}</div>"
        )

    def on_scheme(_change: Any = None) -> None:
        m = migration_for(scheme.value)
        busy["scheme"] = True
        lowest.options = _tier_options(m)
        lowest.value = m.codes[AlertRule().first_watched(m.scheme)]
        busy["scheme"] = False
        redraw_matrix(m)
        redraw_watch()

    scheme.observe(on_scheme, names="value")
    for control in (lowest, drop, tier_drop, lost):
        control.observe(redraw_watch, names="value")
    on_scheme()
    rule_box = widgets.VBox([widgets.HTML("<b>流失预警规则</b>"), lowest, drop, tier_drop, lost])
    box = widgets.VBox([scheme, rule_box, widgets.HTML("<b>户数迁移矩阵</b>（行：上月分层；列：本月分层）"),
                        matrix, chart, watch])
    box.add_class("svc-migration-explorer")
    return Interactive(box)
