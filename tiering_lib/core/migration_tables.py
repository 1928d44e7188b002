"""Tier migration as tables a branch manager reads: the two matrices, who moved, the watch list.

Every function takes a :class:`~tiering_lib.core.migration.TierMigration` and
returns a :class:`~tiering_lib.display.Table` (no 0..n row numbers, thousands
separators, a unit in the headers):

* :func:`migration_table` — households (户) or balances (万元 or 元): rows are
  last month's tiers then 新增 and 合计, columns this month's tiers then 流失
  and 合计, tiers in scheme order (lowest first, so the diagonal runs down to
  the right: to its right moved up, to its left moved down);
* :func:`migration_summary` — stayed, up, down, new, lost: households and balances;
* :func:`moved_customers` — the upgraded, downgraded, new or lost customers;
* :func:`watch_list_table` — the 流失预警 list of an :class:`~tiering_lib.core.migration.AlertRule`.

Customer keys are shown as given: pass keys that are not personal data
(the synthetic branch's ``C000123``, or keys masked when the file was read).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from tiering_lib.core.migration import LOST, NEW, TOTAL, AlertRule, TierMigration
from tiering_lib.core.money import exact_sum, format_amount, format_percent, to_decimal
from tiering_lib.display import Table
from tiering_lib.errors import DataError

__all__ = ["migration_table", "migration_summary", "moved_customers", "watch_list_table", "MOVES"]

#: The lists of :func:`moved_customers`, with their Chinese names.
MOVES: dict[str, str] = {"upgraded": "升级客户", "downgraded": "降级客户", "added": "新增客户", "lost": "流失客户"}
_UNITS = ("万元", "元")


def _tier_label(migration: TierMigration, k: int) -> str:
    code = migration.codes[k]
    return f"第{code}档" if code.isdigit() else f"{code}类"


def migration_table(migration: TierMigration, kind: str = "households", unit: str = "万元") -> Table:
    """The household (户) or balance matrix, with 新增, 流失 and totals.

    Parameters
    ----------
    migration : TierMigration
    kind : str
        ``"households"`` or ``"balances"`` (this month's total assets; for 流失,
        last month's: the money that left).
    unit : str
        ``"万元"`` (two decimals) or ``"元"`` (two decimals), for balances.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, migrate
    >>> m = migrate(["a", "b"], [500_00, 30_000_000], ["b", "c"], [5_000_00, 1], builtin_scheme("suzhou_three_class"))
    >>> print(migration_table(m))
    上月分层＼本月（户） C类 B类 A类 流失 合计
                C类   0  0  0  1  1
                B类   0  0  0  0  0
                A类   1  0  0  0  1
                新增   1  0  0  0  1
                合计   2  0  0  1  3
    """
    import pandas as pd

    if kind not in ("households", "balances"):
        raise DataError(f"kind 应为 households 或 balances，现在是 {kind!r}")
    if unit not in _UNITS:
        raise DataError(f"金额单位应为 {'、'.join(_UNITS)} 之一，现在是“{unit}”")
    n = len(migration.codes)
    cells = migration.household_matrix().tolist() if kind == "households" else migration.balance_matrix()
    cells = [[int(v) for v in row] + [sum(int(v) for v in row)] for row in cells]
    cells.append([sum(row[c] for row in cells) for c in range(n + 2)])
    rows = [_tier_label(migration, k) for k in range(n)] + [NEW, TOTAL]
    columns = [_tier_label(migration, k) for k in range(n)] + [LOST, TOTAL]
    if kind == "households":
        first = "上月分层＼本月（户）"
        body = cells
    else:
        first = f"上月分层＼本月（{unit}）"
        body = [[format_amount(v, unit, 2) for v in row] for row in cells]
    frame = pd.DataFrame(body, columns=columns)
    frame.insert(0, first, rows)
    return Table(frame)


def migration_summary(migration: TierMigration) -> Table:
    """Customers who stayed in their tier, moved up or down, are new or lost: households and total assets.

    Total assets are this month's, except for 流失 (last month's).

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, migrate
    >>> m = migrate(["a", "b"], [500_00, 30_000_000], ["b", "c"], [5_000_00, 1], builtin_scheme("suzhou_three_class"))
    >>> migration_summary(m).frame["户数（户）"].tolist()
    [0, 0, 1, 1, 1]
    """
    import pandas as pd

    steps = migration.steps()
    new_of = migration.pairs[:, 1]
    groups = [
        ("留在原层级", migration.new_balances[new_of[steps == 0]]),
        ("升级", migration.new_balances[new_of[steps > 0]]),
        ("降级", migration.new_balances[new_of[steps < 0]]),
        (NEW, migration.new_balances[migration.added]),
        (LOST, migration.old_balances[migration.lost]),
    ]
    rows = [{"变动": name, "户数（户）": int(values.size), "总资产（万元）": format_amount(exact_sum(values), "万元", 2)}
            for name, values in groups]
    return Table(pd.DataFrame.from_records(rows))


def _amount(fen: int | None) -> str:
    return "—" if fen is None else format_amount(int(fen), "万元", 2)


def _label(migration: TierMigration, tier: int | None) -> str:
    return "—" if tier is None else _tier_label(migration, int(tier))


def _moved_rows(migration: TierMigration, which: str) -> list[tuple[str, int | None, int | None, int | None, int | None]]:
    """(key, old tier, new tier, old balance, new balance) of each customer of one list."""
    if which in ("upgraded", "downgraded"):
        pairs = migration.upgraded() if which == "upgraded" else migration.downgraded()
        return [(str(migration.old_keys[o]), int(migration.old_tier[o]), int(migration.new_tier[n]),
                 int(migration.old_balances[o]), int(migration.new_balances[n])) for o, n in pairs.tolist()]
    if which == "added":
        return [(str(migration.new_keys[n]), None, int(migration.new_tier[n]), None, int(migration.new_balances[n]))
                for n in migration.added.tolist()]
    return [(str(migration.old_keys[o]), int(migration.old_tier[o]), None, int(migration.old_balances[o]), None)
            for o in migration.lost.tolist()]


def moved_customers(migration: TierMigration, which: str, limit: int | None = None) -> Table:
    """The customers who moved up (``"upgraded"``), down (``"downgraded"``), are new (``"added"``) or lost (``"lost"``).

    Sorted by the size of the change in total assets, largest first (then by
    customer key); ``limit`` keeps the first rows and says so in the caption.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, migrate
    >>> m = migrate(["a", "b"], [500_00, 30_000_000], ["b", "c"], [5_000_00, 1], builtin_scheme("suzhou_three_class"))
    >>> t = moved_customers(m, "downgraded")
    >>> t.caption, t.frame.iloc[0].tolist()
    ('降级客户：1 户', ['b', 'A类', 'C类', '30.00', '0.50', '-29.50'])
    """
    import pandas as pd

    if which not in MOVES:
        raise DataError(f"which 应为 {'、'.join(MOVES)} 之一，现在是 {which!r}")
    rows = _moved_rows(migration, which)
    rows.sort(key=lambda r: (-abs((r[4] or 0) - (r[3] or 0)), r[0]))
    caption = f"{MOVES[which]}：{len(rows):,} 户"
    if limit is not None and len(rows) > limit:
        rows, caption = rows[:limit], caption + f"（列出变化最大的 {limit} 户）"
    records = [{"客户号": key, "上月层级": _label(migration, old), "本月层级": _label(migration, new),
                "上月总资产（万元）": _amount(before), "本月总资产（万元）": _amount(after),
                "变化（万元）": _amount((after or 0) - (before or 0))} for key, old, new, before, after in rows]
    columns = ["客户号", "上月层级", "本月层级", "上月总资产（万元）", "本月总资产（万元）", "变化（万元）"]
    return Table(pd.DataFrame.from_records(records, columns=columns), caption)


def watch_list_table(migration: TierMigration, rule: AlertRule | None = None,
                     managers: Mapping[str, str] | None = None, limit: int | None = None) -> Table:
    """The 流失预警 list of ``rule``: largest fall first, with the reasons.

    Parameters
    ----------
    migration : TierMigration
    rule : AlertRule, optional
        The default rule if omitted.
    managers : mapping, optional
        Customer key → relationship manager; adds a 客户经理 column.
    limit : int, optional
        Show the first rows only (the caption still counts every customer on the list).

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, migrate
    >>> m = migrate(["a", "b"], [500_00, 30_000_000], ["b", "c"], [5_000_00, 1], builtin_scheme("suzhou_three_class"))
    >>> t = watch_list_table(m, managers={"b": "RM01"})
    >>> t.caption, t.frame.iloc[0].tolist()
    ('流失预警：1 位客户', ['b', 'RM01', 'A类', 'C类', '30.00', '0.50', '98.3%', '余额下降超过 30%、降级（A→C）'])
    """
    import pandas as pd

    entries = migration.watch_list(rule)
    caption = f"流失预警：{len(entries):,} 位客户"
    if limit is not None and len(entries) > limit:
        entries, caption = entries[:limit], caption + f"（列出下降最多的 {limit} 位）"
    records = []
    for e in entries:
        key = str(migration.old_keys[e["old"]])
        new = None if e["new"] is None else int(migration.new_tier[e["new"]])
        record: dict[str, Any] = {"客户号": key}
        if managers is not None:
            record["客户经理"] = managers.get(key) or "—"
        record.update({
            "上月层级": _label(migration, migration.old_tier[e["old"]]),
            "本月层级": LOST if new is None else _label(migration, new),
            "上月总资产（万元）": _amount(int(migration.old_balances[e["old"]])),
            "本月总资产（万元）": "—" if e["new"] is None else _amount(int(migration.new_balances[e["new"]])),
            "下降比例": format_percent(to_decimal(Fraction(e["share"])), 1),
            "预警原因": "、".join(e["reasons"]),
        })
        records.append(record)
    columns = ["客户号", *(["客户经理"] if managers is not None else []), "上月层级", "本月层级",
               "上月总资产（万元）", "本月总资产（万元）", "下降比例", "预警原因"]
    return Table(pd.DataFrame.from_records(records, columns=columns), caption)
