"""The maintenance process: information score, tasks, the plan (capacity, carry-over), export."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from helpers.books import FIELDS, mini_book
from helpers.tables import column_sum
from hypothesis import given, settings
from hypothesis import strategies as st

import tiering_lib as tl


def test_info_completeness_by_hand():
    assert tl.info_completeness([[True, False, True], [False, False, False]], [50, 25, 25]).tolist() == [75, 0]
    assert tl.info_completeness([[True, False, False], [True, True, False]], [1, 1, 1]).tolist() == [33, 67]
    assert tl.info_completeness([[True, False]], [5, 3]).tolist() == [63]  # 62.5 → 63 (half up)
    with pytest.raises(tl.PlanError):
        tl.info_completeness([[True]], [1, 1])
    weights = tl.info_weights()
    assert sum(weights.values()) == 100 and tuple(weights) == FIELDS


def test_missing_info_heaviest_first():
    info = [f not in ("联系电话", "风险测评结果", "家庭成员情况") for f in FIELDS]
    b = mini_book([{"info": info}])
    assert tl.missing_info(b, 0) == ["联系电话", "风险测评结果", "家庭成员情况"]
    assert tl.info_scores(b).tolist() == [60]


SETTINGS = tl.load_plan_settings()


def test_due_tasks_by_hand():
    b = mini_book(
        [
            # 1. B tier, a 60,000 元 outflow from 100,000 元 (60% ≥ 30%, ≥ 5万): a churn warning
            {"holdings": {"活期": 60_000}, "aum_prev": 100_000, "outflow": 60_000, "outflow_days": 3,
             "rm": "RM01", "since": 10},
            # 2. C tier, time deposit maturing in 3 days: call 7 days before, i.e. 4 days ago
            {"holdings": {"活期": 10_000, "定存": 20_000}, "maturity": 3, "rm": "RM01", "since": 0},
            # 3. C tier, last contact 100 days ago, every 90 days: 10 days overdue
            {"holdings": {"活期": 30_000}, "rm": "RM01", "since": 100},
            # 4. C tier, due on the plan's third day (90 - 88 = 2)
            {"holdings": {"活期": 30_000}, "rm": "RM01", "since": 88},
            # 5. C tier, not due this week (90 - 10 = 80)
            {"holdings": {"活期": 30_000}, "rm": "RM01", "since": 10},
            # 6. mass customer: no RM, no plan
            {"holdings": {"活期": 500}, "maturity": 0},
            # 7. small outflow (2 万 of 4 万): below 5 万, not a churn warning; contacted today
            {"holdings": {"活期": 20_000}, "aum_prev": 40_000, "outflow": 20_000, "rm": "RM01", "since": 0},
        ]
    )
    tasks = tl.due_tasks(b, SETTINGS)
    got = [(t.customer_id, t.reasons, t.due_day) for t in tasks]
    assert got == [
        ("C000001", ("outflow",), 0),
        ("C000002", ("maturity",), -4),
        ("C000003", ("overdue",), -10),
        ("C000004", ("routine",), 2),
    ]
    assert "3 天前流出 6.00 万元" in tasks[0].note


def test_low_information_asks_for_the_missing_fields():
    info = [f == "姓名" for f in FIELDS]
    b = mini_book([{"holdings": {"活期": 30_000}, "rm": "RM01", "since": 100, "info": info}])
    (task,) = tl.due_tasks(b, SETTINGS)
    assert "补充：联系电话、风险测评结果、联系地址" in task.note


def test_plan_by_hand_capacity_and_carry_over():
    rank = {code: k for k, code in enumerate(tl.builtin_scheme("core_four_class").codes_top_down)}

    def T(cid, tier, rm, reasons, reason_rank, due_day):
        return tl.ContactTask(cid, tier, rm, reasons, reason_rank, due_day, tier_rank=rank[tier])

    tasks = [
        T("C000005", "C", "RM01", ("routine",), 3, 0),
        T("C000004", "C", "RM01", ("overdue",), 2, -3),
        T("C000003", "A1", "RM01", ("routine",), 3, 1),
        T("C000002", "B", "RM01", ("outflow",), 0, 0),
        T("C000001", "C", "RM01", ("routine",), 3, 9),  # after the plan: not in it
    ]
    plan = tl.schedule_contacts(tasks, capacity_per_day=1, days=3)
    plan.check()
    assert [(d, t.customer_id) for d, t in plan.scheduled] == [(0, "C000002"), (1, "C000004"), (2, "C000003")]
    assert [t.customer_id for t in plan.carried_over] == ["C000005"]
    summary = plan.summary()
    assert summary["到期待办（户）"].tolist() == [3, 3, 2] and summary["顺延（户）"].tolist() == [2, 2, 1]
    frame = plan.to_frame()
    assert frame["顺延（天）"].tolist() == [0, 1, 1]
    assert frame["应联系"].tolist() == ["今天", "逾期 3 天", "第2天"]


tasks_strategy = st.lists(
    st.builds(
        tl.ContactTask,
        customer_id=st.sampled_from([f"C{i:06d}" for i in range(1, 9)]),
        tier=st.sampled_from(["A1", "A2", "B", "C"]),
        rm=st.just("RM01"),
        reasons=st.sampled_from([("outflow",), ("maturity",), ("overdue",), ("routine",)]),
        rank=st.integers(0, 3),
        due_day=st.integers(-5, 7),
        aum=st.integers(0, 10**9),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(tasks_strategy, st.integers(1, 6), st.integers(1, 6))
def test_plan_never_exceeds_capacity_and_drops_nothing(tasks, capacity, days):
    plan = tl.schedule_contacts(tasks, capacity, days)
    plan.check()
    per_day = [sum(1 for d, _ in plan.scheduled if d == k) for k in range(days)]
    assert max(per_day, default=0) <= capacity
    in_plan = [t for t in tasks if t.due_day < days]
    assert len(plan.scheduled) + len(plan.carried_over) == len(in_plan)
    assert sorted(map(repr, [t for _, t in plan.scheduled] + list(plan.carried_over))) == sorted(map(repr, in_plan))
    # urgency: nothing carried over is more urgent than something done on the last day it could have taken
    keys = [t.key() for t in plan.carried_over]
    assert keys == sorted(keys)
    for d, t in plan.scheduled:
        assert all(c.key() >= t.key() or c.due_day > d for c in plan.carried_over)
    assert plan.summary()["顺延（户）"].iloc[-1] == len(plan.carried_over)


def test_broken_plans_are_caught():
    T = tl.ContactTask
    a, b = T("C000001", "C", "RM01", ("routine",), 3, 0), T("C000002", "C", "RM01", ("routine",), 3, 0)
    with pytest.raises(tl.PlanError, match="capacity"):
        tl.MaintenancePlan(1, 1, (a, b), ((0, a), (0, b)), ()).check()
    with pytest.raises(tl.PlanError, match="add up"):
        tl.MaintenancePlan(1, 2, (a, b), ((0, a),), ()).check()  # b dropped
    with pytest.raises(tl.PlanError, match="spare capacity"):
        tl.MaintenancePlan(2, 2, (a, b), ((0, a), (1, b)), ()).check()
    with pytest.raises(tl.PlanError, match="capacity_per_day"):
        SETTINGS.with_changes(capacity_per_day=0)


def test_weekly_plan_of_the_branch():
    book = tl.synthesize_branch()
    for rm in book.managers():
        plan = tl.maintenance_plan(book, rm)
        plan.check()
        assert len(plan.scheduled) <= SETTINGS.capacity_per_day * SETTINGS.days
    plan = tl.maintenance_plan(book, "RM02")
    assert plan.scheduled[0][1].reasons[0] == "outflow"
    assert plan.carried_over, "the default RM02 plan should show a carry-over"
    daily = tl.maintenance_plan(book, "RM02", SETTINGS.with_changes(days=1))
    assert daily.day_label(0) == "今天" and len(daily.scheduled) == SETTINGS.capacity_per_day
    roomy = tl.maintenance_plan(book, "RM02", SETTINGS.with_changes(capacity_per_day=40))
    assert not roomy.carried_over


def test_export_csv_and_excel(tmp_path):
    plan = tl.maintenance_plan(tl.synthesize_branch(), "RM02")
    rows = tl.export_plan(plan, tmp_path / "plan.csv")
    raw = (tmp_path / "plan.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese
    back = pd.read_csv(tmp_path / "plan.csv", encoding="utf-8-sig")
    assert len(back) == rows["维护计划"] + rows["顺延事项"] == len(plan.tasks)
    assert (back["日程"] == "顺延").sum() == len(plan.carried_over)
    text = raw.decode("utf-8-sig")
    assert not re.search(r"\d{17}[\dXx]", text) and not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text)
    rows = tl.export_plan(plan, tmp_path / "plan.xlsx")
    sheets = pd.read_excel(tmp_path / "plan.xlsx", sheet_name=None)
    assert list(sheets) == ["维护计划", "顺延事项", "每日汇总"]
    assert len(sheets["维护计划"]) == len(plan.scheduled) and len(sheets["顺延事项"]) == len(plan.carried_over)
    with pytest.raises(tl.DataError, match="csv"):
        tl.export_plan(plan, tmp_path / "plan.txt")


def test_incidents_and_checklist():
    book = tl.synthesize_branch()
    incidents = tl.incident_list(book)
    hits = [t for rm in book.managers() for t in tl.due_tasks(book.of_rm(rm)) if "outflow" in t.reasons]
    assert sorted(incidents.index) == sorted(t.customer_id for t in hits)
    checklist = tl.incident_checklist()
    assert checklist["时限"].iloc[0] == "当天" and (checklist["完成"] == "☐").all()
    assert len(checklist) == 7
    table = tl.info_by_tier(book)
    assert column_sum(table["客户数（户）"]) == len(book)


def test_a_days_list_and_the_carried_list_are_numbered_from_one():
    plan = tl.maintenance_plan(tl.synthesize_branch(), "RM02")
    first = plan.day_frame(1)
    assert first.index.tolist() == list(range(1, len(first) + 1)) and "日程" not in first.columns
    assert first["客户号"].tolist() == [t.customer_id for d, t in plan.scheduled if d == 0]
    carried = plan.carried_frame()
    assert carried.index.name == "顺序" and carried["客户号"].tolist() == [t.customer_id for t in plan.carried_over]
    with pytest.raises(tl.PlanError, match="day 6"):
        plan.day_frame(6)


def test_information_gaps_are_the_lowest_scores_with_what_is_missing():
    book = tl.synthesize_branch().of_rm("RM02")
    scores = tl.info_scores(book)
    gaps = tl.info_gaps(book, 5)
    assert gaps["信息完整度（分）"].tolist() == sorted(scores.tolist())[:5]
    first = gaps.index[0]
    row = book.index_of(first)
    assert gaps.loc[first, "要补充的信息"] == "、".join(tl.missing_info(book, row))
    weights = tl.info_weights()
    assert gaps.loc[first, "信息完整度（分）"] + sum(weights[f] for f in tl.missing_info(book, row)) == 100
