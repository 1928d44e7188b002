"""Charts for serving each tier: waiting times, contribution, the maintenance plan.

Each takes ``ax=None`` and returns the Axes; labels are Chinese (call
:func:`tiering_lib.use_chinese_fonts` first).
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from tiering_lib.core.money import exact_sum, round_half_up
from tiering_lib.core.schemes import SEGMENTS
from tiering_lib.display import PALETTE, SEGMENT_COLOURS, new_axes
from tiering_lib.service.deposits import DepositProfit, load_executive_quote

__all__ = [
    "plot_waiting_times",
    "plot_vip_comparison",
    "plot_contribution_by_tier",
    "plot_contribution_curve",
    "plot_plan_load",
]





def plot_waiting_times(result: Any, ax=None, limit_minutes: float = 15):
    """Share of each segment's customers served within x minutes (empirical distribution curves).

    Examples
    --------
    >>> from tiering_lib import QueueConfig, simulate_queue
    >>> r = simulate_queue(QueueConfig(arrivals_per_hour={"中端": 3.0, "普通": 20.0}, windows=3), days=2)
    >>> ax = plot_waiting_times(r)
    >>> [line.get_label() for line in ax.get_lines()][:2]
    ['中端客户', '普通客户']
    """
    ax = new_axes(ax)
    top = 0.0
    for seg in SEGMENTS:
        waits = np.sort(result.waits(seg))
        if waits.size == 0:
            continue
        share = np.arange(1, waits.size + 1) / waits.size * 100
        x = np.concatenate([[0.0], waits])
        y = np.concatenate([[0.0], share])
        ax.step(x, y, where="post", color=SEGMENT_COLOURS[seg], label=f"{seg}客户", linewidth=1.8)
        top = max(top, float(np.quantile(waits, 0.99)))
    ax.axvline(limit_minutes, color="grey", linestyle="--", linewidth=1)
    ax.text(limit_minutes, 3, f" {limit_minutes:g} 分钟", color="grey", fontsize=8)
    ax.set_xlim(0, max(top, limit_minutes) * 1.1)
    ax.set_ylim(0, 102)
    ax.set_xlabel("等候时间（分钟）")
    ax.set_ylabel("等候不超过该时间的客户（%）")
    cfg = result.config
    vip = "开设贵宾窗口" if cfg.vip_window else "不设贵宾窗口"
    ax.set_title(f"柜台等候时间：{cfg.windows} 个窗口，{vip}（{result.days} 个营业日）")
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return ax


def plot_vip_comparison(table: Any, ax=None):
    """Mean waits per segment with the VIP window off and on (a :func:`compare_vip_window` table).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"贵宾窗口": ["关", "开"], "客户级别": ["普通客户", "普通客户"],
    ...                   "平均等候（分钟）": [5.0, 6.0], "90%的客户不超过（分钟）": [9.0, 11.0]})
    >>> ax = plot_vip_comparison(t)
    >>> [float(p.get_height()) for p in ax.patches]
    [5.0, 6.0]
    """
    ax = new_axes(ax)
    if "客户级别" not in table.columns:  # the table as compare_vip_window returns it, indexed
        table = table.reset_index()
    segments = list(dict.fromkeys(table["客户级别"]))
    x = np.arange(len(segments))
    width = 0.38
    for k, (state, colour) in enumerate((("关", PALETTE["muted"]), ("开", PALETTE["primary"]))):
        part = table[table["贵宾窗口"] == state].set_index("客户级别")
        values = [float(part.loc[s, "平均等候（分钟）"]) if s in part.index else 0.0 for s in segments]
        bars = ax.bar(x + (k - 0.5) * width, values, width=width, color=colour, label=f"贵宾窗口{state}")
        ax.bar_label(bars, labels=[f"{v:.1f}" for v in values], padding=2, fontsize=8)
    ax.set_xticks(x, segments)
    ax.set_ylabel("平均等候（分钟）")
    ax.set_title("开设贵宾窗口前后的平均等候时间（同一批客户）")
    ax.legend()
    return ax


def plot_contribution_by_tier(contribution: Any, ax=None, order: tuple[str, ...] | None = None):
    """Total annual contribution per tier (万元); bars below zero are cost centres in aggregate.

    Examples
    --------
    >>> from tiering_lib import customer_contribution, synthesize_branch
    >>> ax = plot_contribution_by_tier(customer_contribution(synthesize_branch(scale=20000)))
    >>> len(ax.patches)
    5
    """
    ax = new_axes(ax)
    order = order or contribution.tier_order
    values, centres = [], []
    for code in order:
        m = contribution.tier == code
        values.append(exact_sum(contribution.contribution[m]) / 1_000_000)
        centres.append(int((contribution.cost_centre & m).sum()))
    colours = [PALETTE["primary"] if v >= 0 else PALETTE["amount"] for v in values]
    bars = ax.bar([f"{c}类" for c in order], values, color=colours)
    ax.bar_label(bars, labels=[f"{v:,.2f}\n成本中心 {n:,} 户" for v, n in zip(values, centres)], padding=2, fontsize=8)
    ax.axhline(0, color="black", linewidth=0.8)
    low, high = min(values + [0]), max(values + [0])
    pad = (high - low) * 0.25 or 1
    ax.set_ylim(low - pad, high + pad)
    ax.set_ylabel("年贡献（万元）")
    ax.set_title("合成网点各层客户的年贡献（收入 − 服务成本，按本课程的假设）")
    return ax


def plot_contribution_curve(contribution: Any, ax=None):
    """Cumulative contribution of customers sorted from the largest contributor down.

    The contributions come from the course's own assumptions (revenue rates and
    costs), usually on the synthetic branch; the title says so.

    Examples
    --------
    >>> from tiering_lib import customer_contribution, synthesize_branch
    >>> ax = plot_contribution_curve(customer_contribution(synthesize_branch(scale=20000)))
    >>> ax.get_xlabel()
    '客户累计占比（按贡献从高到低，%）'
    """
    ax = new_axes(ax)
    c = np.sort(contribution.contribution.astype(np.int64))[::-1]
    cum = np.concatenate([[0], np.cumsum(c)]) / 1_000_000
    x = np.arange(c.size + 1) / max(c.size, 1) * 100
    ax.plot(x, cum, color=PALETTE["primary"], linewidth=2)
    peak = int(np.argmax(cum))
    ax.scatter([x[peak]], [cum[peak]], color=PALETTE["amount"], zorder=3)
    ax.annotate(
        f"前 {x[peak]:.1f}% 的客户：{cum[peak]:,.2f} 万元",
        (x[peak], cum[peak]), textcoords="offset points", xytext=(12, -4), fontsize=9,
    )
    ax.annotate(
        f"全部客户：{cum[-1]:,.2f} 万元", (x[-1], cum[-1]), textcoords="offset points",
        xytext=(-110, 12), fontsize=9,
    )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("客户累计占比（按贡献从高到低，%）")
    ax.set_ylabel("累计年贡献（万元）")
    ax.set_title("合成网点的客户贡献累计曲线（按本课程的收入与成本假设）")
    ax.grid(alpha=0.3)
    return ax


def plot_plan_load(plan: Any, ax=None):
    """Per day of a maintenance plan: contacts scheduled, tasks left waiting, and the capacity.

    Examples
    --------
    >>> from tiering_lib import ContactTask, schedule_contacts
    >>> p = schedule_contacts([ContactTask(f"C{i:06d}", "C", "RM01", ("routine",), 3, 0) for i in range(5)], 2, 2)
    >>> ax = plot_plan_load(p)
    >>> [float(p.get_height()) for p in ax.patches]
    [2.0, 2.0, 3.0, 1.0]
    """
    ax = new_axes(ax)
    summary = plan.summary()
    labels = list(summary.index)
    done = summary["安排联系（户）"].astype(float).tolist()
    left = summary["顺延（户）"].astype(float).tolist()
    ax.bar(labels, done, color=PALETTE["primary"], label="当天安排联系")
    ax.bar(labels, left, bottom=done, color=PALETTE["carried"], label="到期未能安排（顺延）")
    ax.axhline(plan.capacity, color=PALETTE["amount"], linestyle="--", linewidth=1.2, label=f"每日容量 {plan.capacity} 户")
    for k, (d, l) in enumerate(zip(done, left)):
        ax.text(k, d + l, f"{int(d)} + {int(l)}", ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("客户数（户）")
    ax.set_title("维护计划：每天安排的联系与顺延的待办")
    ax.legend(loc="upper right", fontsize=8)
    ax.set_ylim(0, max([d + l for d, l in zip(done, left)] + [plan.capacity]) * 1.2)
    return ax


def plot_deposit_profit(result: DepositProfit, ax=None):
    """Month-end balance of the year's new deposits, and the two years' profits against fee income.

    The profits rest on the course's assumptions (:class:`DepositAssumptions`); the fee figure is
    the deck's 46亿 of income, before its costs, and the chart says both.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_deposit_profit(tl.deposit_profit())
    >>> len(ax.figure.axes)
    2
    """
    if ax is None:
        fig, (ax, ax2) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained", width_ratios=[3, 2])
    else:  # the right-hand panel is the figure's second Axes (created if missing)
        axes = ax.figure.axes
        ax2 = axes[1] if len(axes) > 1 else ax.figure.add_subplot(1, 2, 2)
    months = np.arange(1, 13)
    ax.bar(months, [float(b) for b in result.month_end_balance], color=PALETTE["households"], label="月末新增存款余额")
    ax.axhline(float(result.average_balance_year1), color=PALETTE["amount"], linestyle="--",
               label=f"全年平均余额 {float(result.average_balance_year1):.0f} 亿元")
    ax.set_xticks(months, [f"{m}月" for m in months], fontsize=8)
    ax.set_ylabel("亿元")
    ax.set_title(f"第一年：存款逐月进来（{result.profile}）")
    ax.legend(loc="upper left", fontsize=8)
    fee = load_executive_quote()["fee_income"]
    names = ["第一年利润", "第二年利润", "中间业务收入\n（收入，未扣成本）"]
    exact = [result.profit_year1, result.profit_year2, fee]
    bars = ax2.bar(names, [float(v) for v in exact], color=[PALETTE["households"], PALETTE["households"], PALETTE["amount"]])
    ax2.bar_label(bars, labels=[str(round_half_up(v, 2)) for v in exact], padding=2, fontsize=9)
    ax2.tick_params(axis="x", labelsize=8)
    ax2.margins(y=0.12)
    ax2.set_ylabel("亿元")
    ax2.set_title("存款利润（本课程假设）与中间业务收入", fontsize=10)
    return ax
