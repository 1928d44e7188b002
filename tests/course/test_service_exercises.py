"""The widget exercises of notebooks 06–08: one per objective, defaults that do not pass, answers from the data."""

from __future__ import annotations

import pytest
from helpers.books import mini_book

import tiering_lib as tl
from tiering_lib.course.exercises import exercise_ids, get_exercise, judge

CHAPTERS = ("06", "07", "08")


@pytest.fixture(autouse=True)
def own_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))


def _chapter(number: str):
    from tiering_lib.course.agenda import chapter_notebooks

    return next(p for p in chapter_notebooks() if p.name.startswith(number))


@pytest.mark.parametrize("number", CHAPTERS)
def test_every_objective_has_a_widget_exercise_and_the_notebook_shows_them_all(number):
    ids = [i for i in exercise_ids() if i.startswith(f"{number}.") and get_exercise(i).answer is not None]
    assert len(ids) >= len(tl.notebook_header(_chapter(number)).objectives)
    text = _chapter(number).read_text(encoding="utf-8")
    for i in ids:
        assert f'tl.exercise(\\"{i}\\")' in text, i


def test_predict_questions_in_06_and_07():
    assert [i for i in ("06.2", "06.4", "06.5", "07.1") if get_exercise(i).predict] == ["06.2", "06.4", "06.5", "07.1"]


def test_untouched_explorer_defaults_do_not_pass():
    cfg = tl.default_queue_config()
    default_mass_wait = tl.simulate_queue(cfg).summary().loc["普通客户", "平均等候（分钟）"]
    assert judge(get_exercise("06.3"), str(default_mass_wait)).correct is False
    default_centres = int(tl.customer_contribution(tl.synthesize_branch()).cost_centre.sum())
    assert judge(get_exercise("07.2"), str(default_centres)).correct is False
    assert judge(get_exercise("08.3"), str(tl.load_plan_settings().capacity_per_day)).correct is False


def test_answers_follow_the_data(monkeypatch):
    from tiering_lib.course.banks import maintenance, service

    monkeypatch.setattr(maintenance, "RECORDED", ("姓名", "联系电话"))
    weights = tl.info_weights()
    assert get_exercise("08.2").expected() == weights["姓名"] + weights["联系电话"]
    monkeypatch.setattr(service, "PERSUADED", 0)  # nobody persuaded: neither definition moves
    assert get_exercise("06.2").expected() == (False, False)


def test_the_suitability_exercises_agree_with_the_suggestions():
    trust = mini_book([{"holdings": {"活期": 98_000}, "age": 45, "risk": 4, "risk_valid": True}])
    s = tl.cross_sell_suggestions(trust, "C000001")
    assert any(line == "信托" and "起购金额" in why for line, why in s.not_now)
    assert get_exercise("07.3").expected() == "起购"
    fund = get_exercise("07.4")
    right = fund.answer.option_for(fund.expected()).label
    assert right.startswith("丙") and "C3，在有效期内" in right
    book = mini_book([{"holdings": {"活期": 60_000}, "age": 30, "risk": 3, "risk_valid": True}])
    assert "基金" in [line for line, _ in tl.cross_sell_suggestions(book, "C000001").gaps]


def test_the_plan_ranks_the_reason_before_the_tier_as_08_4_says():
    plan = tl.maintenance_plan(tl.synthesize_branch(), "RM02")
    first_day = plan.day_frame(1)
    outflow = first_day[first_day["事由"].str.startswith("大额资金流出")]
    maturity = first_day[first_day["事由"].str.startswith("定期存款到期")]
    assert (outflow["层级"] == "C").any() and (maturity["层级"] == "B").any()
    assert outflow[outflow["层级"] == "C"].index.max() < maturity[maturity["层级"] == "B"].index.min()
    assert get_exercise("08.4").expected() == "reason"
