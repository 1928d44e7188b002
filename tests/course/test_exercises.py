"""Exercises: answers are read and checked, hints never give the answer away, the widget saves every result."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

import tiering_lib as tl
from tiering_lib.course.answers import Choice, Number, Text, normalize_text, parse_number
from tiering_lib.course.exercises import AFTER_TWO_TRIES, exercise_ids, get_exercise, judge
from tiering_lib.course.progress import progress_store

WIDGET_IDS = [i for i in exercise_ids() if get_exercise(i).answer is not None]
PYTHON = re.compile(r"tl\.|\(\)|\bbook\b|\.households|_of\(|\[\d\]|import |=\s|\bsb\b")


@pytest.fixture(autouse=True)
def own_workspace(tmp_path, monkeypatch):
    """Each test saves its results in a workspace of its own."""
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))


def test_00_and_03_are_widget_exercises_with_at_least_one_per_objective():
    assert "00.1" in WIDGET_IDS
    in_03 = [i for i in WIDGET_IDS if i.startswith("03.")]
    assert len(in_03) >= len(tl.notebook_header(_chapter("03")).objectives)
    predict = [i for i in in_03 if get_exercise(i).predict]
    assert predict, "03 has a 先猜再运行 question"


def _chapter(number: str):
    from tiering_lib.course.agenda import chapter_notebooks

    return next(p for p in chapter_notebooks() if p.name.startswith(number))


def _wrong_answers(ex):
    expected = ex.expected()
    if ex.answer.kind == "choice":
        return [o.label for o in ex.answer.resolved() if o.value != expected]
    if ex.answer.kind == "number":
        tolerance = Fraction(str(ex.answer.tolerance))
        base = Fraction(str(expected))
        return [f"{float(base + tolerance + 1):.2f}", f"{float(base - tolerance - 7):.2f}"]
    return ["完全不对"]


@pytest.mark.parametrize("exercise_id", WIDGET_IDS)
def test_the_expected_answer_is_accepted_and_wrong_ones_get_hints_without_the_answer(exercise_id):
    ex = get_exercise(exercise_id)
    expected = ex.expected()
    shown = ex.answer_text(expected)
    assert judge(ex, shown if ex.answer.kind != "number" else shown.split()[0].replace(",", "")).correct is True
    for hint in ex.hints:
        assert shown not in hint, hint
        assert not PYTHON.search(hint), f"a hint needs Python: {hint}"
    if ex.answer.kind == "number":
        bare = shown.split()[0]
        for hint in ex.hints:
            assert not re.search(rf"(?<![\d.,]){re.escape(bare)}(?![\d.,])", hint), hint
    for tries, wrong in enumerate(_wrong_answers(ex)):
        verdict = judge(ex, wrong, tries_before=tries)
        assert verdict.correct is False, wrong
        assert shown not in verdict.message_zh and "提示" in verdict.message_zh
        assert (AFTER_TWO_TRIES in verdict.message_zh) == (tries >= 1)


@pytest.mark.parametrize("exercise_id", [i for i in WIDGET_IDS if get_exercise(i).answer.kind == "choice"])
def test_a_wrong_options_explanation_does_not_name_the_right_one(exercise_id):
    ex = get_exercise(exercise_id)
    right = ex.answer.option_for(ex.expected())
    assert right is not None, "the computed answer is one of the options"
    for option in ex.answer.resolved():
        if option.value != right.value:
            assert right.label not in option.explanation


def test_unreadable_answers_are_not_counted_and_say_what_to_enter():
    assert judge(get_exercise("03.1"), None).correct is None
    verdict = judge(get_exercise("03.4"), "十三")
    assert verdict.correct is None and "万元" in verdict.message_zh


def test_untouched_defaults_do_not_pass_where_exploring_is_the_task():
    explorer_default_a_threshold = tl.builtin_scheme("suzhou_three_class").tier("A").lower // 1_000_000
    assert judge(get_exercise("03.4"), str(explorer_default_a_threshold)).correct is False


def test_expected_answers_follow_the_data_not_typed_constants(monkeypatch):
    """Change the target share of 03.4 and the answer moves with the data."""
    from tiering_lib.course.banks import tier_logic

    before = get_exercise("03.4").expected()
    monkeypatch.setattr(tier_logic, "A_SHARE_TARGET", Fraction(10, 100))
    after = get_exercise("03.4").expected()
    assert after > before
    sb = tl.SortedBalances(tl.synthesize_population(tl.load_suzhou_bands()))  # the population, independently
    assert Fraction(sb.amount_at_or_above(after * 1_000_000)[1], sb.total) >= Fraction(10, 100)
    assert Fraction(sb.amount_at_or_above((after + 1) * 1_000_000)[1], sb.total) < Fraction(10, 100)


def test_numbers_and_texts_are_read_the_way_people_type_them():
    assert parse_number("1,234.5 元", "元") == Fraction(12345, 10)
    assert parse_number("１３万元", "万元") == 13 and parse_number("13 元", "万元") is None
    assert parse_number("12.5%", "%") == Fraction(25, 2) and parse_number("", "元") is None
    assert Number("万元").show(13) == "13 万元" and Number("%", places=1).show(Fraction(1, 8) * 100) == "12.5%"
    assert Text().matches(normalize_text(" 交叉 销售率"), ("交叉销售率", "交叉销售")) is True
    assert Choice((tl.course.answers.Option("甲", 1),)).read("甲") == 1


def test_the_code_route_still_checks_and_saves_progress(tmp_path):
    result = tl.check("03.4", get_exercise("03.4").expected())
    assert result.correct is True and "答对了" in result._repr_html_()
    assert progress_store(tmp_path).get("03.4")["correct"] is True
    assert tl.check("03.4", None).correct is None and progress_store(tmp_path).get("03.4")["tries"] == 1


def _widget_parts(w):
    title, answer_box, buttons, feedback = w.widget.children
    return answer_box, buttons.children, feedback


def test_the_widget_gives_a_hint_then_accepts_then_saves(tmp_path):
    ex = get_exercise("03.1")
    w = tl.exercise("03.1")
    box, (check, show), feedback = _widget_parts(w)
    right = ex.answer.option_for(ex.expected()).label
    box.value = next(o.label for o in ex.answer.resolved() if o.label != right)
    check.click()
    assert "提示" in feedback.value and right not in feedback.value
    box.value = right
    check.click()
    assert "答对了" in feedback.value
    assert progress_store(tmp_path).get("03.1") == {
        "tries": 2, "correct": True, "shown": False, "answer": right, "guess": None,
    }
    show.click()
    assert right in feedback.value and progress_store(tmp_path).get("03.1")["shown"] is True
    again = tl.exercise("03.1")  # as after a kernel restart
    assert "上次的结果" in again.widget.children[0].value
    assert "上次的结果" in again._repr_mimebundle_()["text/html"]


def test_a_predict_question_saves_the_guess_before_revealing(tmp_path):
    ex = get_exercise("03.2")
    w = tl.exercise("03.2")
    box, (guess,), feedback = _widget_parts(w)
    assert guess.description.startswith("记下我的猜测") and feedback.value == ""
    wrong = next(o.label for o in ex.answer.resolved() if o.value != ex.expected())
    box.value = wrong
    guess.click()
    record = progress_store(tmp_path).get("03.2")
    assert record["guess"] == wrong and record["correct"] is False
    assert "tl-exercise-reveal" in feedback.value and "<table" in feedback.value  # the computed result
    assert guess.disabled and box.disabled


def test_an_exercise_without_a_widget_form_says_so(monkeypatch):
    from tiering_lib.course import exercises

    code_only = exercises.Exercise("99.1", "一道只能写代码作答的练习", lambda: 1, None, "提示")
    monkeypatch.setitem(exercises._REGISTRY, "99.1", code_only)
    with pytest.raises(tl.TieringError, match="tl.check"):
        tl.exercise("99.1")
    with pytest.raises(tl.TieringError, match="没有编号"):
        tl.exercise("99.9")


@pytest.mark.parametrize("chapter", ["01", "02"])
def test_01_and_02_ask_at_least_one_widget_question_per_objective_and_one_to_predict(chapter):
    ids = [i for i in WIDGET_IDS if i.startswith(chapter + ".")]
    assert len(ids) >= len(tl.notebook_header(_chapter(chapter)).objectives)
    assert any(get_exercise(i).predict for i in ids)


def test_the_two_readings_of_the_deck_follow_the_profile_data(monkeypatch):
    """01.3 multiplies the printed 44% and 20%: change the data and the answer moves with it."""
    from tiering_lib.course.banks import why_tier

    assert get_exercise("01.3").expected() == Fraction(44 * 20, 100)
    profile = why_tier._profile()
    profile.loc["other_44", "share_pct"] = 50
    monkeypatch.setattr(why_tier, "_profile", lambda: profile)
    assert get_exercise("01.3").expected() == 10


@pytest.mark.parametrize("exercise_id", [i for i in WIDGET_IDS if get_exercise(i).predict])
def test_every_predict_question_reveals_a_table_computed_from_data(exercise_id):
    from helpers.typography import programmer_output

    revealed = get_exercise(exercise_id).reveal()
    # a table or a figure from the data, or (09.7) the message the library itself shows when the report is saved twice
    shown = "<table" in revealed or re.search(r"<b>[\d,.]+%?</b>", revealed) or 'class="tl-report-saved"' in revealed
    assert shown and not programmer_output(revealed)
