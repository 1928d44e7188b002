"""A branch's measures: name lists against capacity, the scorecard, the watch list with managers,
alert tasks in one day of a plan, and the migration explorer redrawing from its controls."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import tiering_lib as tl


@pytest.fixture(scope="module")
def branch():
    book = tl.synthesize_branch()
    later = tl.next_month(book)
    return book, later, tl.migrate(book.ids, book.aum, later.ids, later.balances, book.scheme)


def test_monthly_contacts_is_customers_times_30_over_the_interval(branch):
    book, _, _ = branch
    s = tl.load_plan_settings()
    by_hand = sum(Fraction(int(((book.rm != "") & (book.tier == c)).sum()) * 30, d) for c, d in s.contact_days.items())
    assert tl.monthly_contacts(book) == by_hand
    assert tl.monthly_contacts(book, s.with_changes(contact_days={"C": 45})) > by_hand


def test_workload_table_adds_up_and_every_listed_customer_is_on_one_list(branch):
    book, _, _ = branch
    frame = tl.rm_workload_table(book).frame.set_index("客户经理")
    managers = book.managers()
    assert list(frame.index) == [*managers, "合计"]
    assert frame.loc[managers, "名单合计（户）"].sum() == frame.loc["合计", "名单合计（户）"] == int((book.rm != "").sum())
    for code in ("A1", "A2", "B", "C"):
        assert frame.loc["合计", f"{code}类（户）"] == int(((book.rm != "") & (book.tier == code)).sum())
    s = tl.load_plan_settings()
    assert frame.loc["合计", "容量（次/月）"] == s.capacity_per_day * 21 * len(managers)
    load = float(tl.monthly_contacts(book)) / (s.capacity_per_day * 21 * len(managers))
    assert frame.loc["合计", "负荷"] == f"{100 * load:.1f}%"


def test_managers_needed_rounds_up(branch):
    book, _, _ = branch
    s = tl.load_plan_settings()
    needed = tl.monthly_contacts(book, s) / (s.capacity_per_day * 21)
    assert tl.managers_needed(book, s) == math.ceil(needed)
    assert tl.managers_needed(book, s, working_days=1) == math.ceil(tl.monthly_contacts(book, s) / s.capacity_per_day)


def test_scorecard_has_the_three_key_metrics(branch):
    book, _, _ = branch
    frame = tl.branch_scorecard(book).frame
    assert frame["关键指标"].tolist() == ["客户总资产", "交叉销售率", "办理业务等候时间"]
    assert sum(int(v.replace(",", "")) for v in frame["客户数（户）"]) == book.n
    assert "；" in frame.loc[1, "本网点现值"] and ";" not in frame.loc[1, "本网点现值"]


def test_branch_watch_list_names_each_customers_manager(branch):
    book, _, m = branch
    frame = tl.branch_watch_list(book, m).frame
    rm = dict(zip(book.ids.tolist(), book.rm.tolist()))
    assert len(frame) == len(m.watch_list())
    assert all(rm[k] == r for k, r in zip(frame["客户号"], frame["客户经理"]))


def test_one_day_of_a_plan_counts_its_alert_tasks(branch):
    book, _, m = branch
    plan = tl.maintenance_plan(book, "RM02", alerts=tl.alert_tasks(book, m))
    table = tl.plan_day_table(plan)
    first_day = [t for d, t in plan.scheduled if d == 0]
    assert table.frame["客户号"].tolist() == [t.customer_id for t in first_day]
    alerts = sum("流失预警" in t.note for t in first_day)
    assert table.caption == f"第1天：安排联系 {len(first_day)} 位客户，其中来自流失预警名单的 {alerts} 位"
    assert alerts > 0


def _count(explorer) -> str:
    *_, watch = explorer.widget.children
    return watch.value.split("流失预警：", 1)[1].split(" ", 1)[0]


def test_migration_explorer_redraws_the_watch_list_from_its_rule(branch):
    book, later, m = branch
    explorer = tl.migration_explorer(book, later)
    scheme, rule_box, _, matrix, chart, watch = explorer.widget.children
    _, lowest, drop, tier_drop, lost = rule_box.children
    assert _count(explorer) == str(len(m.watch_list()))
    drop.value, tier_drop.value = 50, False
    assert _count(explorer) == str(len(m.watch_list(tl.AlertRule(None, Fraction(1, 2), False, True))))
    lost.value = False
    assert _count(explorer) == str(len(m.watch_list(tl.AlertRule(None, Fraction(1, 2), False, False))))
    lowest.value = "A1"
    assert _count(explorer) == str(len(m.watch_list(tl.AlertRule("A1", Fraction(1, 2), False, False))))
    before = chart.value
    scheme.value = "suzhou_three_class"
    three = tl.migrate(book.ids, book.aum, later.ids, later.balances, tl.builtin_scheme("suzhou_three_class"))
    assert [v for _, v in lowest.options] == ["A", "B", "C"] and lowest.value == "B"
    assert _count(explorer) == str(len(three.watch_list(tl.AlertRule("B", Fraction(1, 2), False, False))))
    assert "A2类" not in matrix.value and chart.value != before
    assert tl.watch_rule("B", 35).drop_share == Fraction(7, 20)


def test_explorer_picture_shows_the_default_state(branch):
    book, later, m = branch
    html = tl.migration_explorer(book, later)._repr_mimebundle_()["text/html"]
    assert 'class="tl-static-picture"' in html and f"流失预警：{len(m.watch_list()):,} 位客户" in html
    assert "（控件）" not in html and np.all([label in html for label in ("D类", "新增", "流失")])
