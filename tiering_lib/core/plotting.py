"""Charts of tiering results (matplotlib).  Each takes ``ax=None`` and returns the Axes.

Labels are Chinese: call :func:`tiering_lib.use_chinese_fonts` first.
"""

from __future__ import annotations

import numpy as np

from tiering_lib.core.concentration import gini, gini_banded, lorenz_banded, lorenz_points
from tiering_lib.core.sorted_balances import SortedBalances
from tiering_lib.core.tables import DistributionTable
from tiering_lib.display import PALETTE, new_axes

__all__ = [
    "plot_shares",
    "plot_lorenz",
    "plot_average_balance",
    "plot_customer_profile",
    "chinese_amount_label",
]

HOUSEHOLD_COLOUR = PALETTE["households"]
AMOUNT_COLOUR = PALETTE["amount"]


def plot_shares(table: DistributionTable, ax=None, title: str | None = None):
    """Households' share against balances' share, one pair of bars per tier.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_shares(tl.load_suzhou_bands())
    >>> len(ax.patches)
    10
    """
    ax = new_axes(ax)
    tiers = table.scheme.display_tiers()
    labels = [t.name_zh for t in tiers]
    hh = [100 * float(table.household_share(t.code)) for t in tiers]
    amt = [100 * float(table.amount_share(t.code)) for t in tiers]
    y = np.arange(len(tiers))
    h = 0.38
    bars1 = ax.barh(y - h / 2, hh, height=h, color=HOUSEHOLD_COLOUR, label="户数占比")
    bars2 = ax.barh(y + h / 2, amt, height=h, color=AMOUNT_COLOUR, label="金额占比")
    for bars in (bars1, bars2):
        ax.bar_label(bars, labels=[f"{b.get_width():.3f}%" for b in bars], padding=3, fontsize=8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ax.set_xlabel("占比（%）")
    ax.set_title(title or f"户数占比与金额占比：{table.scheme.title_zh}")
    ax.legend(loc="best")
    return ax


def plot_lorenz(data: SortedBalances | DistributionTable, ax=None, label: str | None = None):
    """The Lorenz curve with the equality line and the Gini coefficient in the legend.

    ``data`` is customer-level (:class:`SortedBalances`, exact) or banded
    (:class:`DistributionTable`, points at band edges joined by straight lines,
    i.e. equal balances within a band).

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_lorenz(tl.load_suzhou_bands())
    >>> ax.get_xlabel()
    '户数累计占比'
    """
    ax = new_axes(ax, figsize=(5, 5))
    if isinstance(data, DistributionTable):
        x, y = lorenz_banded(data)
        g = gini_banded(data, "equal")
        text = label or f"按档汇总（档内相等），基尼系数 {g:.3f}"
        ax.plot(x, y, marker="o", color=PALETTE["primary"], label=text)
    else:
        x, y = lorenz_points(data)
        g = gini(data)
        ax.plot(x, y, color=AMOUNT_COLOUR, label=label or f"逐户数据，基尼系数 {g:.3f}")
    if not any(line.get_label() == "绝对平均线" for line in ax.get_lines()):
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="绝对平均线")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel("户数累计占比")
    ax.set_ylabel("余额累计占比")
    ax.set_title("洛伦兹曲线：存款余额的集中程度")
    ax.legend(loc="upper left", fontsize=8)
    return ax


def chinese_amount_label(value: float) -> str:
    """A round amount as bank staff write it on an axis: 1千, 1万, 10万, 100万, 1000万, 1亿.

    Examples
    --------
    >>> [chinese_amount_label(v) for v in (100, 1_000, 10_000, 1_000_000, 100_000_000)]
    ['100', '1千', '1万', '100万', '1亿']
    """
    if value >= 1e8:
        return f"{value / 1e8:g}亿"
    if value >= 1e4:
        return f"{value / 1e4:g}万"
    if value >= 1e3:
        return f"{value / 1e3:g}千"
    return f"{value:g}"


def _label_log_axis(axis) -> None:
    """Ticks at powers of ten labelled 千/万/亿 instead of 10³, no minor labels."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(base=10))
    axis.set_major_formatter(FuncFormatter(lambda v, _: chinese_amount_label(v)))
    axis.set_minor_formatter(NullFormatter())


def plot_average_balance(table: DistributionTable, ax=None):
    """Average balance per household of each tier (元, logarithmic axis).

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_average_balance(tl.load_suzhou_bands())
    >>> [round(float(p.get_height())) for p in ax.patches][:2]
    [495, 18981]
    """
    ax = new_axes(ax)
    tiers = [t for t in table.scheme.tiers if table.households_of(t.code)]
    values = [float(table.average_balance(t.code)) for t in tiers]
    bars = ax.bar([t.name_zh for t in tiers], values, color=HOUSEHOLD_COLOUR)
    ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=2, fontsize=8)
    ax.set_yscale("log")
    _label_log_axis(ax.yaxis)
    ax.set_ylabel("户均余额（元，对数刻度）")
    ax.set_title("各档户均余额")
    ax.tick_params(axis="x", labelsize=8)
    return ax


def plot_customer_profile(profile, dimension: str, ax=None, title: str | None = None):
    """Bars of one dimension of the postal customer profile (deck §2), in % of all customers.

    Parameters
    ----------
    profile : pandas.DataFrame
        From :func:`tiering_lib.load_customer_profile`.
    dimension : str
        ``"source"``, ``"group"`` (with ``"age"``/``"origin"`` likewise).

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_customer_profile(tl.load_customer_profile(), "source")
    >>> [float(p.get_width()) for p in ax.patches]
    [72.0, 21.0, 1.2]
    """
    rows = profile[profile["dimension"] == dimension]
    if rows.empty:
        raise ValueError(f"no rows of dimension {dimension!r} in the profile")
    ax = new_axes(ax, figsize=(7, 0.6 + 0.5 * len(rows)))
    values = [float(v) for v in rows["share_pct"]]
    bars = ax.barh(list(rows["label_zh"]), values, color=HOUSEHOLD_COLOUR)
    ax.bar_label(bars, labels=[f"{v:g}%" for v in values], padding=3, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("占全部客户的比例（%）")
    ax.set_title(title or dimension)
    return ax
