"""Notebook 05 in a real JupyterLab: click quiz answers and see the feedback; change Ms Lin's call month."""

from __future__ import annotations

import pytest
from helpers.lab import open_notebook, run_all_cells, screenshot

import tiering_lib as tl

pytestmark = pytest.mark.browser

NOTEBOOK = "05_CCPR客户体验.ipynb"


def _wait_for_text(page, selector: str, text: str) -> None:
    page.wait_for_function(
        "([sel, text]) => [...document.querySelectorAll(sel)].some(e => e.innerText.includes(text))",
        arg=[selector, text],
        timeout=30_000,
    )


def test_quiz_answer_shows_feedback(page, lab):
    case = tl.load_case("address")  # the first quiz of the notebook
    right = tl.grade_standard(case, "方便").message_zh
    wrong_tp = tl.grade_touchpoint(case, "卡中心电话").message_zh

    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page)
    quiz = page.locator(".jp-OutputArea-output .ccpr-quiz").first
    quiz.wait_for()
    standard = quiz.locator(".ccpr-quiz-standard")
    assert standard.locator(".ccpr-feedback").count() == 0  # nothing answered yet

    standard.get_by_role("button", name="方便", exact=True).click()
    _wait_for_text(page, ".ccpr-quiz .ccpr-quiz-standard .ccpr-feedback", "正确")
    assert standard.locator(".ccpr-feedback").inner_text().strip() == right

    touchpoint = quiz.locator(".ccpr-quiz-touchpoint")
    touchpoint.get_by_role("button", name="卡中心电话", exact=True).click()
    _wait_for_text(page, ".ccpr-quiz .ccpr-quiz-touchpoint .ccpr-feedback", "不对")
    assert touchpoint.locator(".ccpr-feedback").inner_text().strip() == wrong_tp
    quiz.scroll_into_view_if_needed()
    screenshot(page, "05_ccpr_quiz")

    # Ms Lin's intervention explorer: a call in February keeps her off the blacklist.
    explorer = page.locator(".jp-OutputArea-output .ccpr-lin-explorer").first
    explorer.scroll_into_view_if_needed()
    assert "受阻" in explorer.inner_text()  # the deck's story: a call in April
    chart = explorer.locator("img.widget-image")  # the timeline chart
    assert chart.count() == 1
    before = chart.get_attribute("src")
    explorer.locator("select").select_option(label="2月")
    _wait_for_text(page, ".ccpr-lin-explorer", "林小姐:银行在2月来电")
    page.wait_for_function(  # the chart is redrawn too
        "(before) => [...document.querySelectorAll('.ccpr-lin-explorer img.widget-image')]"
        ".every(i => i.src !== before && i.complete && i.naturalHeight > 0)",
        arg=before,
        timeout=30_000,
    )
    text = explorer.inner_text()
    for item, value in tl.lin_scenario(call_month=2).rows():  # the same rows the library computes
        assert f"{item}\t{value}" in text
    assert "受阻" not in text
    screenshot(page, "05_lin_explorer")
