"""The synthetic second month-end and the watch list feeding the maintenance plan."""

from __future__ import annotations

import collections

import numpy as np
import pytest

import tiering_lib as tl
from tiering_lib.service.next_month import load_next_month_assumptions, next_month


@pytest.fixture(scope="module")
def months():
    book = tl.synthesize_branch()
    later = next_month(book)
    return book, later, tl.migrate(book.ids, book.aum, later.ids, later.balances, book.scheme)


def test_the_next_month_is_seeded_and_whole_fen(months):
    book, later, _ = months
    again = next_month(book)
    assert (again.ids == later.ids).all() and (again.balances == later.balances).all()
    assert later.balances.dtype == np.int64 and (later.balances >= 0).all()
    assert len(set(later.ids.tolist())) == len(later)


def test_flows_are_realistic(months):
    book, later, m = months
    a = load_next_month_assumptions()
    steps = collections.Counter(m.steps().tolist())
    assert steps[0] > 0.9 * len(m.pairs)  # most stay in their tier
    assert steps[1] + steps[-1] > 0 and steps[2] + steps[-2] > 0  # some move one tier, a few two
    assert steps[1] + steps[-1] > steps[2] + steps[-2]
    assert 0.5 * float(a.new_customers) * book.n < m.added.size < 1.5 * float(a.new_customers) * book.n
    assert 0 < m.lost.size < 0.05 * book.n


def test_alerts_join_the_relationship_managers_plan(months):
    book, _, m = months
    alerts = tl.alert_tasks(book, m)
    assert alerts and {t.customer_id for t in alerts} <= set(book.ids[book.rm != ""].tolist())
    watched = {str(m.old_keys[e["old"]]) for e in m.watch_list()}
    assert {t.customer_id for t in alerts} == {k for k in watched if book.rm[book.index_of(k)]}
    rm = alerts[0].rm
    plain, with_alerts = tl.maintenance_plan(book, rm), tl.maintenance_plan(book, rm, alerts=alerts)
    with_alerts.check()
    alerted = {t.customer_id for t in alerts if t.rm == rm}
    assert alerted <= {t.customer_id for t in with_alerts.tasks}
    assert len({t.customer_id for t in with_alerts.tasks}) == len(with_alerts.tasks)  # merged, not doubled
    urgent = sum(1 for t in with_alerts.tasks if t.reasons[0] == "outflow" and t.due_day <= 0)
    first_day = [t.reasons[0] for d, t in with_alerts.scheduled if d == 0]
    assert first_day[: min(urgent, with_alerts.capacity)] == ["outflow"] * min(urgent, with_alerts.capacity)
    assert len(with_alerts.tasks) >= len(plain.tasks)
    assert all("流失预警" in t.note for t in with_alerts.tasks if t.customer_id in alerted)
