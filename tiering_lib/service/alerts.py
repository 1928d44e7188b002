"""流失预警 → 突发事件处理: the migration watch list as contact tasks for the maintenance plan.

The deck's fourth maintenance step, 突发事件处理, is "及时有效的控制客户流失".  The watch list of a
tier migration (:meth:`~tiering_lib.core.migration.TierMigration.watch_list`) names the mid- and
high-end customers whose money fell sharply, who dropped a tier or who left; each becomes a contact task
of the plan's first reason (``outflow``, 大额资金流出(流失预警)), due today, for the customer's
relationship manager, with what happened as its note.
"""

from __future__ import annotations

from typing import Any

from tiering_lib.core.migration import AlertRule, TierMigration
from tiering_lib.core.migration_tables import watch_list_table
from tiering_lib.core.money import format_amount
from tiering_lib.service.plan import ContactTask, MaintenancePlan

__all__ = ["alert_tasks", "branch_watch_list", "plan_day_table"]


def _note(entry: dict, migration: TierMigration) -> str:
    before = int(migration.old_balances[entry["old"]])
    if entry["new"] is None:
        return f"流失预警：本月末已流失，上月末总资产 {format_amount(before, '万元', 2)} 万元"
    after = int(migration.new_balances[entry["new"]])
    change = f"总资产 {format_amount(before, '万元', 2)} → {format_amount(after, '万元', 2)} 万元"
    return f"流失预警：{change}（下降 {float(entry['share']):.0%}）；" + "，".join(entry["reasons"])


def alert_tasks(book: Any, migration: TierMigration, rule: AlertRule | None = None) -> list[ContactTask]:
    """One task per watched customer who has a relationship manager in ``book`` (last month's book).

    Examples
    --------
    >>> from tiering_lib import migrate, next_month, synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> later = next_month(book)
    >>> tasks = alert_tasks(book, migrate(book.ids, book.aum, later.ids, later.balances, book.scheme))
    >>> all(t.reasons == ("outflow",) and t.due_day == 0 and t.rm for t in tasks)
    True
    """
    row = {str(k): i for i, k in enumerate(book.ids.tolist())}
    rank = {code: k for k, code in enumerate(book.scheme.codes_top_down)}
    tasks = []
    for entry in migration.watch_list(rule):
        i = row.get(str(migration.old_keys[entry["old"]]))
        if i is None or not book.rm[i]:
            continue
        tier = str(book.tier[i])
        tasks.append(ContactTask(str(book.ids[i]), tier, str(book.rm[i]), ("outflow",), 0, 0,
                                 int(book.aum[i]), _note(entry, migration), rank[tier]))
    return tasks



def branch_watch_list(book: Any, migration: TierMigration, rule: AlertRule | None = None, limit: int | None = None):
    """The 流失预警 list with each customer's relationship manager (from last month's ``book``).

    ``limit`` shows the first rows only (largest fall first); the caption counts them all.

    Examples
    --------
    >>> from tiering_lib import migrate, next_month, synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> later = next_month(book)
    >>> t = branch_watch_list(book, migrate(book.ids, book.aum, later.ids, later.balances, book.scheme))
    >>> list(t.frame.columns)[:2]
    ['客户号', '客户经理']
    """
    managers = {str(k): str(r) for k, r in zip(book.ids.tolist(), book.rm.tolist()) if r}
    return watch_list_table(migration, rule, managers, limit)


def plan_day_table(plan: MaintenancePlan, day: int = 0):
    """One day of a plan, in the order the manager works it, saying how many contacts are 流失预警.

    Examples
    --------
    >>> from tiering_lib import maintenance_plan, synthesize_branch
    >>> t = plan_day_table(maintenance_plan(synthesize_branch(scale=20000), "RM01"))
    >>> list(t.frame.columns)
    ['顺序', '客户号', '层级', '事由', '应联系', '备注']
    """
    from tiering_lib.display import Table

    frame = plan.to_frame()
    frame = frame[frame["日程"] == plan.day_label(day)]
    alerts = int(frame["备注"].str.contains("流失预警").sum())
    caption = f"{plan.day_label(day)}：安排联系 {len(frame)} 位客户，其中来自流失预警名单的 {alerts} 位"
    return Table(frame[["顺序", "客户号", "层级", "事由", "应联系", "备注"]].reset_index(drop=True), caption)
