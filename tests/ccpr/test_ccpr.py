"""CCPR: standards, quiz grading, Ms Lin's intervention model, the self-assessment, charts and widgets."""

from __future__ import annotations

import warnings
from fractions import Fraction

import matplotlib.pyplot as plt
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tiering_lib as tl

SHORT = ("方便", "亲切", "个人化", "立即响应")


@pytest.fixture(scope="module")
def cases():
    return tl.load_cases()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- standards ------------------------------------------------------------------------------------


def test_four_standards_in_the_decks_order():
    assert [s.code for s in tl.CCPR_STANDARDS] == ["convenient", "care", "personalized", "realtime"]
    assert "".join(s.letter for s in tl.CCPR_STANDARDS) == "CCPR"
    assert [s.name_zh for s in tl.CCPR_STANDARDS] == ["让客户更方便", "对客户更亲切", "个人化", "立即响应"]
    assert all(s.actions_zh and s.reasoning_zh for s in tl.CCPR_STANDARDS)
    assert list(tl.ccpr_table()["英文"]) == ["Convenient", "Care", "Personalized", "Realtime"]


@pytest.mark.parametrize("alias, code", [
    ("convenient", "convenient"), ("Convenient", "convenient"), ("让客户更方便", "convenient"), ("方便", "convenient"),
    ("亲切", "care"), ("CARE", "care"), ("个人化", "personalized"), (" 立即响应 ", "realtime"), ("立即响应（Realtime）", "realtime"),
])
def test_standard_aliases(alias, code):
    assert tl.ccpr_standard(alias).code == code


@pytest.mark.parametrize("bad", ["C", "speed", "", None, 3])
def test_unknown_standard(bad):
    with pytest.raises(tl.TieringError, match="的 CCPR 标准"):
        tl.ccpr_standard(bad)


# -- quiz grading ---------------------------------------------------------------------------------


def test_every_quiz_grades_its_answer_right_and_every_other_option_wrong(cases):
    for case in cases:
        questions = tl.quiz_questions(case)
        assert questions["standard"][1] == SHORT
        assert questions["touchpoint"][1] == case.touchpoints
        key = tl.ccpr_standard(case.quiz_standard).short_zh
        for option in SHORT:
            fb = tl.grade_standard(case, option)
            assert fb.correct is (option == key)
            assert case.quiz_explanation in fb.message_zh
            assert fb.message_zh.startswith("正确" if option == key else "不对")
        for tp in case.touchpoints:
            fb = tl.grade_touchpoint(case, tp)
            assert fb.correct is (tp == case.quiz_touchpoint)
            assert case.key_event.note in fb.message_zh


def test_quiz_wording_follows_whether_the_key_step_broke_or_honoured(cases):
    by_id = {c.id: c for c in cases}
    assert "失误" in tl.quiz_questions(by_id["address"])["standard"][0]
    assert "做对" in tl.quiz_questions(by_id["remittance"])["standard"][0]


def test_feedback_explains_a_wrong_but_related_answer(cases):
    address = next(c for c in cases if c.id == "address")
    # The phone call also broke Convenient and Realtime, but the key failure was at the branch counter.
    fb = tl.grade_touchpoint(address, "卡中心电话")
    assert fb.correct is False
    assert "“卡中心电话”处也违背了“方便”、“立即响应”" in fb.message_zh and "关键的失误发生在“网点柜台”" in fb.message_zh
    assert "没有违背哪条标准" in tl.grade_touchpoint(address, "转投他行").message_zh
    assert "本案也涉及“立即响应”" in tl.grade_standard(address, "立即响应").message_zh
    assert "“亲切”不是本案的关键" in tl.grade_standard(address, "care").message_zh


def test_unanswered_and_nonsense_answers(cases):
    case = cases[0]
    assert tl.grade_standard(case, None).correct is None
    assert tl.grade_touchpoint(case, None).correct is None
    assert tl.grade_standard(case, "速度").correct is False
    fb = tl.grade_touchpoint(case, "火星")
    assert fb.correct is False and "本案没有“火星”这个接触点" in fb.message_zh
    assert 'class="ccpr-feedback"' in fb._repr_html_()


def test_quiz_card_lists_every_option(cases):
    text = repr(tl.quiz_card(cases[1]))
    assert "立即响应" in text and " / ".join(cases[1].touchpoints) in text


# -- Ms Lin ---------------------------------------------------------------------------------------


def test_lin_default_is_the_decks_story():
    s = tl.lin_scenario()
    assert (s.statement_sent, s.call_month) == (False, 4)
    assert (s.informed_month, s.months_overdue, s.late_fee) == (4, 3, 100)
    assert s.reported and not s.mortgage_ok and not s.card_kept
    assert s.timeline[-1].touchpoint == "房贷申请" and s.timeline[-1].breaks == ("realtime",)
    assert "受阻" in dict(s.rows())["9月申请房贷"]


@pytest.mark.parametrize("month, overdue, reported", [
    (1, 0, False), (2, 1, False), (3, 2, False), (4, 3, True), (6, 5, True), (9, 8, True),
])
def test_lin_call_month(month, overdue, reported):
    s = tl.lin_scenario(call_month=month)
    assert (s.months_overdue, s.reported, s.mortgage_ok) == (overdue, reported, not reported)
    assert s.late_fee == (100 if overdue else 0)
    assert s.card_kept is (overdue == 0)


def test_lin_statement_and_no_call():
    sent = tl.lin_scenario(statement_sent=True, call_month=None)
    assert (sent.months_overdue, sent.late_fee, sent.reported, sent.card_kept) == (0, 0, False, True)
    assert sent.timeline[0].honours == ("realtime",)
    assert tl.lin_scenario(statement_sent=True, call_month=7) == tl.lin_scenario(statement_sent=True, call_month=7)
    silent = tl.lin_scenario(call_month=None)
    assert (silent.informed_month, silent.informed_by, silent.reported) == (9, "房贷申请被拒", True)
    assert not any(e.touchpoint == "催缴电话" for e in silent.timeline)


def test_lin_stricter_bank():
    assert tl.lin_scenario(call_month=2, report_after_months=1).reported
    assert not tl.lin_scenario(call_month=4, report_after_months=4).reported


@pytest.mark.parametrize("kwargs", [{"call_month": 0}, {"call_month": 10}, {"call_month": 2.0}, {"call_month": True},
                                    {"report_after_months": 0}, {"report_after_months": 9}])
def test_lin_bad_input(kwargs):
    with pytest.raises(tl.DataError):
        tl.lin_scenario(**kwargs)


@given(st.booleans(), st.one_of(st.none(), st.integers(1, 9)), st.integers(1, 8))
def test_lin_properties(statement, month, rule):
    s = tl.lin_scenario(statement, month, rule)
    ats = [e.at for e in s.timeline]
    assert ats == sorted(ats) and ats[0] == 0 and ats[-1] == 8
    assert s.reported == (s.months_overdue >= rule)
    assert s.late_fee == (tl.to_fen("1") if s.months_overdue else 0)
    assert any(e.touchpoint == "联合信用卡中心" for e in s.timeline) == s.reported
    if statement:
        assert s.months_overdue == 0
    elif month is not None:
        assert s.months_overdue == month - 1


def test_lin_call_table():
    t = tl.lin_call_table()
    assert list(t.index) == [f"{m}月" for m in range(1, 10)] + ["不打电话"]
    assert list(t["报送联合信用卡中心"]) == ["否"] * 3 + ["是"] * 7


# -- self-assessment ------------------------------------------------------------------------------


def test_example_scores_by_hand():
    a = tl.score_self_assessment(tl.EXAMPLE_RATINGS)
    assert a.scores == {"convenient": Fraction(10, 3), "care": Fraction(13, 3),
                        "personalized": Fraction(8, 3), "realtime": Fraction(7, 3)}
    assert [a.score_text(c) for c in a.scores] == ["3.3", "4.3", "2.7", "2.3"]
    assert a.weakest.code == "realtime"
    assert a.weakest_statements() == tl.SELF_ASSESSMENT_STATEMENTS["realtime"][1:]
    assert "最弱的是“立即响应”" in repr(a) and a.weakest.actions_zh[0] in repr(a)


def test_ties_and_chinese_keys():
    tie = tl.score_self_assessment({"方便": [3, 3, 3], "亲切": [2, 2, 2], "个人化": [2, 2, 2], "立即响应": [5, 5, 5]})
    assert tie.weakest.code == "care" and [s.code for s in tie.tied_weakest] == ["care", "personalized"]
    assert "并列最低" in tie.summary_zh()
    flat = tl.score_self_assessment({s.code: [4, 4, 4] for s in tl.CCPR_STANDARDS})
    assert "没有明显的短板" in flat.summary_zh()
    assert tl.score_self_assessment({"方便": [5, 5, 4], "care": [4, 4, 5], "个人化": [3, 3, 3],
                                     "Realtime": [3, 3, 4]}).score_text("convenient") == "4.7"


@pytest.mark.parametrize("ratings, phrase", [
    ({"方便": [3, 3, 3], "亲切": [3, 3, 3], "个人化": [3, 3, 3]}, "缺少立即响应"),
    ({"方便": [3, 3], "亲切": [3, 3, 3], "个人化": [3, 3, 3], "立即响应": [3, 3, 3]}, "“方便”的评分：应有 3 个"),
    ({"方便": [3, 3, 6], "亲切": [3, 3, 3], "个人化": [3, 3, 3], "立即响应": [3, 3, 3]}, "“方便”第 3 项评分"),
    ({"方便": [3, 3, 3.5], "亲切": [3, 3, 3], "个人化": [3, 3, 3], "立即响应": [3, 3, 3]}, "应是 1 到 5 的整数"),
    ({"speed": [3, 3, 3]}, "的 CCPR 标准"),
])
def test_bad_ratings(ratings, phrase):
    with pytest.raises(tl.DataError, match=phrase):
        tl.score_self_assessment(ratings)


@given(st.lists(st.integers(1, 5), min_size=12, max_size=12))
def test_self_assessment_properties(values):
    ratings = {s.code: values[3 * i: 3 * i + 3] for i, s in enumerate(tl.CCPR_STANDARDS)}
    a = tl.score_self_assessment(ratings)
    assert all(1 <= v <= 5 for v in a.scores.values())
    assert a.scores[a.weakest.code] == min(a.scores.values())
    assert sum(a.scores.values()) * 3 == sum(values)


# -- charts ---------------------------------------------------------------------------------------


def _draw_without_warnings(ax):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.canvas.draw()


def test_timeline_chart(cases):
    lin = next(c for c in cases if c.id == "lin_credit")
    ax = tl.plot_case_timeline(lin)
    _draw_without_warnings(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(lin.touchpoints)
    counts = {c.get_label(): len(c.get_offsets()) for c in ax.collections}
    assert counts == {"违背标准": 5, "做到标准": 0, "其他事件": 2}
    assert ax.get_xlabel() == "经过时间（月）" and ax.get_title(loc="left") == lin.title
    texts = [t.get_text() for t in ax.texts]
    assert "四月才来电催缴（四月份）" in texts and not any("违背：" in t for t in texts)


def test_timeline_chart_of_a_scenario_names_standards():
    fig, ax = plt.subplots()
    assert tl.plot_case_timeline(tl.lin_scenario(call_month=2), ax=ax, show_standards=True) is ax
    _draw_without_warnings(ax)
    assert any("做到：立即响应" in t.get_text() for t in ax.texts)


def test_radar_chart():
    ax = tl.plot_ccpr_radar(tl.score_self_assessment(tl.EXAMPLE_RATINGS))
    _draw_without_warnings(ax)
    ys = list(ax.lines[0].get_ydata())
    assert ys[0] == ys[-1] and [round(y, 4) for y in ys[:4]] == [3.3333, 4.3333, 2.6667, 2.3333]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[3] == "立即响应\n2.3 分"
    assert len(ax.collections[-1].get_offsets()) == 1  # the weakest standard is marked
    fig, flat = plt.subplots()
    with pytest.raises(tl.TieringError, match="polar"):
        tl.plot_ccpr_radar(tl.EXAMPLE_RATINGS, ax=flat)


# -- widgets (thin; driven in a real browser by tests/browser/test_ccpr_quiz.py) -------------------


def test_quiz_widget_shows_feedback(cases):
    quiz = tl.case_quiz(cases[0])
    assert "ccpr-quiz" in quiz._dom_classes
    std, tp = quiz.children[1], quiz.children[2]
    assert std.children[1].value is None and std.children[2].value == ""
    std.children[1].value = "亲切"
    assert "不对" in std.children[2].value
    tp.children[1].value = cases[0].quiz_touchpoint
    assert "正确" in tp.children[2].value


def test_lin_explorer_recomputes_outcome_and_chart():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would fail here
        box = tl.lin_explorer()
        statement, call = box.children[0].children
        outcome, chart = box.children[1], box.children[2]
        assert "课件中的情况" in outcome.value and "受阻" in outcome.value
        first_png = bytes(chart.value)
        assert first_png.startswith(b"\x89PNG")
        call.value = 2
        assert tl.lin_scenario(call_month=2)._repr_html_() == outcome.value
        assert bytes(chart.value) != first_png
        call.value = 0  # "不打电话"
        assert "假如银行一直没有来电" in outcome.value
        statement.value = True
        assert "假如一月账单按时寄到" in outcome.value
    assert plt.get_fignums() == []  # nothing left for the inline backend to show


def test_self_assessment_explorer():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        box = tl.self_assessment_explorer()
        sliders = [w for row in box.children if isinstance(row, type(box.children[-1]))
                   for w in row.children if hasattr(w, "max")]
        chart, verdict = box.children[-1].children
        assert len(sliders) == 12 and [s.value for s in sliders[:3]] == list(tl.EXAMPLE_RATINGS["convenient"])
        assert "最弱的是“立即响应”" in verdict.value
        for s in sliders[9:]:  # realtime all 5
            s.value = 5
        assert "最弱的是“个人化”" in verdict.value and bytes(chart.value).startswith(b"\x89PNG")
    with pytest.raises(tl.DataError):
        tl.self_assessment_explorer({"方便": [9, 9, 9]})


# -- exercises ------------------------------------------------------------------------------------


def test_exercises_05(tmp_path, monkeypatch):
    from tiering_lib.course.banks.ccpr import CASE_EXERCISES
    from tiering_lib.course.exercises import expected_answer, get_exercise

    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))
    assert expected_answer("05.1") == "convenient" and get_exercise("05.1").predict
    assert sorted(CASE_EXERCISES.values()) == sorted(c.id for c in tl.load_cases())  # every case is asked
    for exercise_id, case_id in CASE_EXERCISES.items():
        case = tl.load_case(case_id)
        assert expected_answer(exercise_id) == (case.quiz_touchpoint, case.quiz_standard)
        assert tl.check(exercise_id, tl.key_step_options(case)[0].label).correct is (
            tl.key_step_options(case)[0].is_key)
    assert expected_answer("05.8") == 3 and tl.check("05.8", "4 月").correct is False  # April: the deck's call
    assert expected_answer("05.9") == "自动还款"
    assert expected_answer("05.11") == "personalized" and tl.check("05.11", "立即响应（Realtime）").correct is False


def test_key_step_options_never_name_the_key_step_in_a_wrong_option(cases):
    for case in cases:
        options = tl.key_step_options(case)
        [key] = [o for o in options if o.is_key]
        assert (key.touchpoint, key.standard) == (case.quiz_touchpoint, case.quiz_standard)
        assert len(options) == 4 and len({o.label for o in options}) == 4
        assert key.explanation == case.quiz_explanation
        order = [case.touchpoints.index(o.touchpoint) for o in options]
        assert order == sorted(order)
        for o in options:
            if not o.is_key:
                assert key.label not in o.explanation
                marked = [c for e in case.timeline if e.touchpoint == o.touchpoint for c in getattr(e, case.quiz_kind)]
                # "确实也" is said only of what really happened; "并没有" and "不是" only of what did not
                assert ("确实也" in o.explanation) == (o.standard in marked)
    positions = {[o.is_key for o in tl.key_step_options(c)].index(True) for c in cases}
    assert len(positions) > 1, "the key step is not always in the same place"
    assert "‘信用破产’" in tl.key_step_question(next(c for c in cases if c.id == "lin_credit"))
