"""Notebook 10's exercises: one per objective at least, a 先猜再运行 on the matrix, judgement questions,
and expected answers that follow the data (untouched defaults of the explorer do not pass)."""

from __future__ import annotations

from fractions import Fraction

import pytest

import tiering_lib as tl
from tiering_lib.course.agenda import chapter_notebooks
from tiering_lib.course.exercises import exercise_ids, get_exercise, judge

IDS = [i for i in exercise_ids() if i.startswith("10.")]


@pytest.fixture(autouse=True)
def own_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))


@pytest.fixture(scope="module")
def branch():
    book = tl.synthesize_branch()
    later = tl.next_month(book)
    return book, later, tl.migrate(book.ids, book.aum, later.ids, later.balances, book.scheme)


def test_one_widget_exercise_per_objective_and_few_copied_numbers():
    header = tl.notebook_header(next(p for p in chapter_notebooks() if p.name.startswith("10_")))
    assert all(get_exercise(i).answer is not None for i in IDS)
    assert len(IDS) >= len(header.objectives)
    assert [i for i in IDS if get_exercise(i).predict] == ["10.3"]
    judgement = [i for i in IDS if get_exercise(i).answer.kind == "choice" and not get_exercise(i).predict]
    assert judgement == ["10.1", "10.5", "10.7"]
    copied = ["10.4"]  # read off the matrix (adding four cells): at most a quarter
    assert len(copied) <= len(IDS) / 4


def test_the_name_list_is_the_deck_s_one_to_one_step():
    assert get_exercise("10.1").expected() == tl.maintenance_process_table().index[0]


def test_capacity_what_if_is_computed_from_the_halved_intervals(branch):
    book, _, _ = branch
    s = tl.load_plan_settings()
    halved = s.with_changes(contact_days={c: d // 2 for c, d in s.contact_days.items()}, capacity_per_day=8)
    expected = get_exercise("10.2").expected()
    assert expected == tl.managers_needed(book, halved)
    assert expected > tl.managers_needed(book, s)
    assert judge(get_exercise("10.2"), str(len(book.managers()))).correct is (expected == len(book.managers()))


def test_the_prediction_compares_the_c_row(branch):
    _, _, m = branch
    k = m.codes.index("C")
    row = m.household_matrix()[k]
    expected = get_exercise("10.3").expected()
    assert expected == ("降到 D 类的更多" if row[k - 1] > row[k + 1] else "升到 B 类的更多")
    assert f"<b>{int(row[k - 1]):,}</b>" in get_exercise("10.3").reveal()


def test_new_mid_and_high_end_customers_are_the_new_row_from_c_up(branch):
    _, later, m = branch
    c_lower = tl.builtin_scheme("core_four_class").tier("C").lower
    added = later.balances[m.added]
    assert get_exercise("10.4").expected() == int((added >= c_lower).sum())


def test_the_first_call_is_the_highest_tier_of_the_four(branch):
    book, _, m = branch
    ex = get_exercise("10.5")
    options = ex.answer.resolved()
    assert len(options) == 4 and len({o.value for o in options}) == 4
    tier_of = dict(zip(book.ids.tolist(), book.tier.tolist()))
    rank = {c: k for k, c in enumerate(book.scheme.codes_top_down)}
    assert ex.expected() == min((o.value for o in options), key=lambda k: rank[tier_of[k]])
    assert sum(rank[tier_of[o.value]] == rank[tier_of[ex.expected()]] for o in options) == 1, "one clear answer"
    assert ex.answer.option_for(ex.expected()).label != options[0].label


def test_untouched_explorer_defaults_do_not_answer_10_6(branch):
    _, _, m = branch
    ex = get_exercise("10.6")
    assert ex.expected() == len(m.watch_list(tl.AlertRule(None, Fraction(1, 2), on_tier_drop=False)))
    assert judge(ex, str(len(m.watch_list()))).correct is False  # the explorer's default list
    assert judge(ex, str(len(m.watch_list(tl.AlertRule(None, Fraction(1, 2)))))).correct is False  # only the slider


def test_answers_follow_the_data(monkeypatch):
    from tiering_lib.course.banks import branch_measures

    before = get_exercise("10.6").expected()
    monkeypatch.setattr(branch_measures, "EXPLORED_DROP", Fraction(9, 10))
    assert get_exercise("10.6").expected() < before
    capacity = get_exercise("10.2").expected()
    monkeypatch.setattr(branch_measures, "TIGHT_CAPACITY", 4)
    assert get_exercise("10.2").expected() > capacity


def test_the_complete_action_is_the_one_without_problems():
    ex = get_exercise("10.7")
    right = ex.answer.option_for(ex.expected())
    assert "还缺" not in right.explanation
    assert all("还缺" in o.explanation for o in ex.answer.resolved() if o.label != right.label)
