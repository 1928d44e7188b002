"""Charts of a branch export: what was rejected, and where the balances lie against the tiers.

Each function takes ``ax=None`` and returns the Axes; labels are Chinese, so call
:func:`tiering_lib.use_chinese_fonts` first.  The tier shares of a branch are drawn
by :func:`tiering_lib.plot_shares` (``plot_shares(result.table(scheme))``).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, NullFormatter

from tiering_lib.core.schemes import TierScheme
from tiering_lib.display import PALETTE, new_axes
from tiering_lib.io.load_result import LoadResult
from tiering_lib.io.reasons import REJECT_REASONS

__all__ = ["plot_rejections", "plot_balance_histogram", "yuan_tick_label"]

_BAR = PALETTE["amount"]
_HIST = PALETTE["households"]


def plot_rejections(result: LoadResult, ax=None):
    """Rejected rows per reason as horizontal bars, in the order of :data:`REJECT_REASONS`.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> ax = plot_rejections(tl.load_sample_export("messy"))
    >>> ax.get_title()
    '问题数据：12 行，按原因统计'
    """
    ax = new_axes(ax)
    counts = result.reason_counts()
    ax.set_title(f"问题数据：{result.n_rejected:,} 行，按原因统计")
    if not counts:
        ax.text(0.5, 0.5, "没有问题数据：每一行都被采用", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    labels = [REJECT_REASONS[k] for k in counts]
    values = list(counts.values())
    y = np.arange(len(values))
    bars = ax.barh(y, values, color=_BAR)
    ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3, fontsize=9)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, max(values) * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("行数")
    return ax


def yuan_tick_label(value: float, _pos: object = None) -> str:
    """A tick of a logarithmic 元 axis in Chinese units: 1, 10, 100, 1千, 1万, 10万, 100万, 1000万, 1亿.

    Examples
    --------
    >>> [yuan_tick_label(v) for v in (1, 100, 1_000, 10_000, 1_000_000, 100_000_000)]
    ['1', '100', '1千', '1万', '100万', '1亿']
    """
    for size, unit in ((100_000_000, "亿"), (10_000, "万"), (1_000, "千")):
        if value >= size:
            return f"{value / size:,g}{unit}"
    return f"{value:g}"


def plot_balance_histogram(result: LoadResult, scheme: TierScheme, ax=None, bins_per_decade: int = 5):
    """Histogram of the accepted balances on a logarithmic 元 axis, with the scheme's thresholds.

    Balances under 1 元 are counted in the leftmost bar.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> r = tl.load_sample_export("clean")
    >>> ax = plot_balance_histogram(r, tl.builtin_scheme("core_four_class"))
    >>> int(sum(p.get_height() for p in ax.patches)) == r.n_accepted
    True
    >>> ax.figure.canvas.draw(); "1万" in [t.get_text() for t in ax.get_xticklabels()]
    True
    """
    ax = new_axes(ax)
    yuan = np.maximum(result.balances / 100.0, 1.0)  # for drawing only; amounts stay exact elsewhere
    top = max(float(yuan.max()) if yuan.size else 10.0, max(t.lower for t in scheme.tiers) / 100.0) * 1.5
    edges = np.logspace(0, np.log10(top), max(int(np.log10(top) * bins_per_decade), 1) + 1)
    ax.hist(yuan, bins=edges, color=_HIST, edgecolor="white")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(yuan_tick_label))
    ax.xaxis.set_minor_formatter(NullFormatter())
    for tier in scheme.tiers[1:]:
        x = tier.lower / 100.0
        ax.axvline(x, color=_BAR, linestyle="--", linewidth=1)
        ax.annotate(
            f"{tier.code} ≥ {x / 10_000:g}万",
            (x, 1), xycoords=("data", "axes fraction"), xytext=(-2, -4), textcoords="offset points",
            rotation=90, ha="right", va="top", fontsize=8, color=_BAR,
        )
    below = int((result.balances < 100).sum())
    ax.set_xlabel("余额（元，对数刻度）" + (f"；不足 1 元的 {below} 户计入最左一格" if below else ""))
    ax.set_ylabel("户数")
    ax.set_title(f"余额分布与分层门槛：{scheme.title_zh}")
    return ax
