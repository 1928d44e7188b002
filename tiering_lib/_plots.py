"""Charts of tiering results (matplotlib).  Each takes ``ax=None`` and returns the Axes.

Labels are Chinese: call :func:`tiering_lib.use_chinese_fonts` first.
"""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

from ._concentration import gini, gini_banded, lorenz_banded, lorenz_points
from ._deposits import DepositProfit, load_executive_quote
from ._fast import SortedBalances
from ._money import round_half_up
from ._tables import DistributionTable

__all__ = [
    "plot_shares",
    "plot_lorenz",
    "plot_average_balance",
    "plot_customer_profile",
    "plot_deposit_profit",
]

HOUSEHOLD_COLOUR = "#8fb3d9"
AMOUNT_COLOUR = "#d9534f"


def _axes(ax, figsize=(7.5, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def plot_shares(table: DistributionTable, ax=None, title: str | None = None):
    """Households' share against balances' share, one pair of bars per tier.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_shares(tl.load_suzhou_bands())
    >>> len(ax.patches)
    10
    >>> plt.close("all")
    """
    ax = _axes(ax)
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
    ax.set_xlabel("占比(%)")
    ax.set_title(title or f"户数占比与金额占比:{table.scheme.title_zh}")
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
    >>> plt.close("all")
    """
    ax = _axes(ax, figsize=(5, 5))
    if isinstance(data, DistributionTable):
        x, y = lorenz_banded(data)
        g = gini_banded(data, "equal")
        text = label or f"按档汇总(档内相等),基尼系数 {g:.3f}"
        ax.plot(x, y, marker="o", color="#2c5f8a", label=text)
    else:
        x, y = lorenz_points(data)
        g = gini(data)
        ax.plot(x, y, color=AMOUNT_COLOUR, label=label or f"逐户数据,基尼系数 {g:.3f}")
    if not any(line.get_label() == "绝对平均线" for line in ax.get_lines()):
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="绝对平均线")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel("户数累计占比")
    ax.set_ylabel("余额累计占比")
    ax.set_title("洛伦兹曲线:存款余额的集中程度")
    ax.legend(loc="upper left", fontsize=8)
    return ax


def plot_average_balance(table: DistributionTable, ax=None):
    """Average balance per household of each tier (元, logarithmic axis).

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_average_balance(tl.load_suzhou_bands())
    >>> [round(float(p.get_height())) for p in ax.patches][:2]
    [495, 18981]
    >>> plt.close("all")
    """
    ax = _axes(ax)
    tiers = [t for t in table.scheme.tiers if table.households_of(t.code)]
    values = [float(table.average_balance(t.code)) for t in tiers]
    bars = ax.bar([t.name_zh for t in tiers], values, color=HOUSEHOLD_COLOUR)
    ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=2, fontsize=8)
    ax.set_yscale("log")
    ax.set_ylabel("户均余额(元,对数刻度)")
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
    >>> plt.close("all")
    """
    rows = profile[profile["dimension"] == dimension]
    if rows.empty:
        raise ValueError(f"no rows of dimension {dimension!r} in the profile")
    ax = _axes(ax, figsize=(7, 0.6 + 0.5 * len(rows)))
    values = [float(v) for v in rows["share_pct"]]
    bars = ax.barh(list(rows["label_zh"]), values, color=HOUSEHOLD_COLOUR)
    ax.bar_label(bars, labels=[f"{v:g}%" for v in values], padding=3, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("占全部客户的比例(%)")
    ax.set_title(title or dimension)
    return ax


def plot_deposit_profit(result: DepositProfit, ax=None):
    """Month-end balance of the year's new deposits, and the two years' profits against fee income.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_deposit_profit(tl.deposit_profit())
    >>> len(ax.figure.axes)
    2
    >>> plt.close("all")
    """
    if ax is None:
        fig, (ax, ax2) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained", width_ratios=[3, 2])
    else:  # the right-hand panel is the figure's second Axes (created if missing)
        axes = ax.figure.axes
        ax2 = axes[1] if len(axes) > 1 else ax.figure.add_subplot(1, 2, 2)
    months = np.arange(1, 13)
    ax.bar(months, [float(b) for b in result.month_end_balance], color=HOUSEHOLD_COLOUR, label="月末新增存款余额")
    ax.axhline(float(result.average_balance_year1), color=AMOUNT_COLOUR, linestyle="--",
               label=f"全年平均余额 {float(result.average_balance_year1):.0f} 亿元")
    ax.set_xticks(months, [f"{m}月" for m in months], fontsize=8)
    ax.set_ylabel("亿元")
    ax.set_title(f"第一年:存款逐月进来({result.profile})")
    ax.legend(loc="upper left", fontsize=8)
    fee = load_executive_quote()["fee_income"]
    names = ["第一年利润", "第二年利润", "中间业务收入"]
    exact = [result.profit_year1, result.profit_year2, fee]
    bars = ax2.bar(names, [float(v) for v in exact], color=[HOUSEHOLD_COLOUR, HOUSEHOLD_COLOUR, AMOUNT_COLOUR])
    ax2.bar_label(bars, labels=[str(round_half_up(v, 2)) for v in exact], padding=2, fontsize=9)
    ax2.set_ylabel("亿元")
    ax2.set_title("存款利润与中间业务收入")
    return ax
