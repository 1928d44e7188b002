"""Every widget builder returns its live widget with a static picture of its state: never a Python repr."""

from __future__ import annotations

import pytest

import tiering_lib as tl
from tiering_lib.core.widget_picture import PLAIN_TEXT, Interactive
from tiering_lib.course.editions import WIDGET_VIEW


@pytest.fixture(scope="module")
def small_population(suzhou_bands):
    return tl.SortedBalances(tl.synthesize_population(suzhou_bands, scale=100))


BUILDERS = {
    "threshold_explorer": lambda sb: tl.threshold_explorer(sb, tl.builtin_scheme("suzhou_three_class")),
    "balance_lookup": lambda sb: tl.balance_lookup(tl.builtin_scheme("suzhou_five_band")),
    "queue_explorer": lambda sb: tl.queue_explorer(days=2),
    "contribution_explorer": lambda sb: tl.contribution_explorer(),
    "deposit_profit_explorer": lambda sb: tl.deposit_profit_explorer(),
    "case_quiz": lambda sb: tl.case_quiz(tl.load_case("address")),
    "lin_explorer": lambda sb: tl.lin_explorer(),
    "self_assessment_explorer": lambda sb: tl.self_assessment_explorer(),
    "exercise": lambda sb: tl.exercise("03.4"),
    "upload_branch_export": lambda sb: tl.upload_branch_export(),
}
WITH_CHART = {"threshold_explorer", "queue_explorer", "deposit_profit_explorer", "lin_explorer", "self_assessment_explorer"}


@pytest.mark.parametrize("name", BUILDERS)
def test_builder_returns_the_live_widget_with_its_static_picture(name, small_population, tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))
    widget = BUILDERS[name](small_population)
    assert isinstance(widget, Interactive)
    bundle = widget._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == widget.widget.model_id  # live in a running notebook
    assert bundle["text/plain"] == PLAIN_TEXT and repr(widget) == PLAIN_TEXT
    html = bundle["text/html"]
    assert 'class="tl-static-picture"' in html and "Shift + Enter" in html
    assert "VBox(" not in html and "（控件）" not in html  # every part drawn, nothing left as a repr
    if name in WITH_CHART:
        assert "data:image/png;base64," in html


def test_the_picture_shows_the_default_state_of_the_controls(small_population):
    html = tl.threshold_explorer(small_population, tl.builtin_scheme("suzhou_three_class"))._repr_mimebundle_()["text/html"]
    assert "B类下限（万元）" in html and "A类下限（万元）" in html
    assert "A类：20万以上" in html and "<table" in html


def test_an_invalid_threshold_order_hides_the_stale_table_and_chart(small_population):
    explorer = tl.threshold_explorer(small_population, tl.builtin_scheme("suzhou_three_class"))
    unit, b_slider, a_slider, message, table, chart = explorer.children
    before = table.value
    b_slider.value = 30  # B下限 above A下限 (20)
    assert table.layout.display == "none" and chart.layout.display == "none"
    assert "门槛顺序不对" in message.value and table.value == before  # not recomputed, only hidden
    picture = explorer._repr_mimebundle_()["text/html"]
    assert "<table" not in picture and "data:image/png" not in picture and "门槛顺序不对" in picture
    b_slider.value = 2
    assert table.layout.display is None and message.value == "" and "B类：2万-20万（不含）" in table.value


def test_explorer_labels_every_tier_the_same_way(small_population):
    table = tl.explorer_table(small_population, tl.builtin_scheme("core_four_class"), [1, 5, 20, 60])
    assert [t.name_zh for t in table.scheme.tiers] == [
        "D类：0-1万（不含）", "C类：1万-5万（不含）", "B类：5万-20万（不含）", "A2类：20万-60万（不含）", "A1类：60万以上",
    ]
