"""The tier migration matrix as a heat map (matplotlib).  Takes ``ax=None`` and returns the Axes.

Rows are last month's tiers then 新增, columns this month's tiers then 流失, in
scheme order (lowest first), as in :func:`~tiering_lib.core.migration_tables.migration_table`.
Each cell is coloured by its share of its row (where last month's customers of
a tier went; for 新增, where the new customers landed) on a square-root scale,
so the few customers who moved stand out next to the many who stayed; each
non-empty cell is labelled with its count.  Labels are Chinese: call
:func:`tiering_lib.use_chinese_fonts` first.
"""

from __future__ import annotations

import numpy as np

from tiering_lib.core.migration import LOST, NEW, TierMigration
from tiering_lib.core.money import fen_to_unit
from tiering_lib.display import new_axes
from tiering_lib.errors import DataError

__all__ = ["plot_migration"]


def _labels(migration: TierMigration) -> list[str]:
    return [f"第{c}档" if c.isdigit() else f"{c}类" for c in migration.codes]


def _cell_text(value: int, kind: str) -> str:
    if kind == "households":
        return f"{value:,}"
    wan = float(fen_to_unit(value, "万元"))
    return f"{wan:,.0f}" if wan >= 100 else f"{wan:,.1f}"


def plot_migration(migration: TierMigration, kind: str = "households", ax=None, title: str | None = None):
    """Heat map of the migration matrix: households (户) or balances (万元).

    Parameters
    ----------
    migration : TierMigration
    kind : str
        ``"households"`` or ``"balances"``.
    ax : matplotlib Axes, optional
    title : str, optional

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, migrate
    >>> m = migrate(["a", "b"], [500_00, 30_000_000], ["b", "c"], [5_000_00, 1], builtin_scheme("suzhou_three_class"))
    >>> ax = plot_migration(m)
    >>> [t.get_text() for t in ax.texts]
    ['1', '1', '1']
    """
    from matplotlib.patches import Rectangle

    if kind not in ("households", "balances"):
        raise DataError(f"kind 应为 households 或 balances，现在是 {kind!r}")
    cells = migration.household_matrix() if kind == "households" else migration.balance_matrix()
    values = np.array([[int(v) for v in row] for row in cells], dtype=float)
    values[-1, -1] = 0  # 新增 × 流失: nobody can be both
    rows = values.sum(axis=1, keepdims=True)
    shares = np.divide(values, rows, out=np.zeros_like(values), where=rows > 0)
    n = len(migration.codes)
    ax = new_axes(ax, figsize=(6.4, 4.8))
    shown = np.ma.masked_where(values == 0, np.sqrt(shares))
    ax.imshow(shown, cmap="Blues", vmin=0, vmax=1.15, aspect="auto")
    for r in range(n + 1):
        for c in range(n + 1):
            if values[r, c]:
                dark = shares[r, c] > 0.45
                ax.text(c, r, _cell_text(int(cells[r][c]), kind), ha="center", va="center", fontsize=9,
                        color="white" if dark else "#1f2328")
    for k in range(n):  # the diagonal: customers who stayed in their tier
        ax.add_patch(Rectangle((k - 0.46, k - 0.46), 0.92, 0.92, fill=False, edgecolor="#b8860b", linewidth=1.5, zorder=3))
    ax.set_xticks(range(n + 1), [*_labels(migration), LOST])
    ax.set_yticks(range(n + 1), [*_labels(migration), NEW])
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xlabel("本月分层")
    ax.set_ylabel("上月分层")
    ax.set_xticks(np.arange(-0.5, n + 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n + 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.axhline(n - 0.5, color="#57606a", linewidth=1)
    ax.axvline(n - 0.5, color="#57606a", linewidth=1)
    unit = "户数（户）" if kind == "households" else "总资产（万元；流失列为上月末）"
    ax.set_title(title or f"客户迁移矩阵：{unit}", pad=12)
    return ax
