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
from tiering_lib.core.money import format_amount
from tiering_lib.service.plan import ContactTask

__all__ = ["alert_tasks"]


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

