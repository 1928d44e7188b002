"""Notebook 05 in a real JupyterLab: answer a case's key-step exercise wrong, then right; change Ms Lin's call month."""

from __future__ import annotations

import pytest
from helpers.lab import open_notebook, run_all_cells, screenshot, wait_for_text

import tiering_lib as tl
from tiering_lib.course.exercises import get_exercise

pytestmark = pytest.mark.browser

NOTEBOOK = "05_CCPR客户体验.ipynb"
CASE_EXERCISE = "05.2"  # the key step of "永远改不了的地址", the first case of the notebook


def test_case_exercise_gives_a_hint_then_accepts_and_the_lin_explorer_recomputes(page, lab):
    ex = get_exercise(CASE_EXERCISE)
    right = ex.answer.option_for(ex.expected())
    wrong = next(o for o in ex.answer.resolved() if o.value != right.value)

    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page)
    css = f".tl-exercise-{CASE_EXERCISE.replace('.', '-')}"
    widget = page.locator(f".jp-OutputArea-output {css}").first
    widget.wait_for()
    widget.scroll_into_view_if_needed()
    assert widget.locator(".tl-exercise-feedback").count() == 0 or widget.locator(".tl-exercise-feedback").inner_text() == ""

    widget.get_by_text(wrong.label, exact=True).click()
    widget.locator(".tl-exercise-check").click()
    wait_for_text(page, f"{css} .tl-exercise-feedback", "提示")
    feedback = widget.locator(".tl-exercise-feedback").inner_text()
    assert "还不对" in feedback and right.label not in feedback  # a hint, never the answer
    screenshot(page, "05_case_exercise_hint")

    widget.get_by_text(right.label, exact=True).click()
    widget.locator(".tl-exercise-check").click()
    wait_for_text(page, f"{css} .tl-exercise-feedback", "答对了")
    assert tl.load_case("address").quiz_explanation[:20] in widget.locator(".tl-exercise-feedback").inner_text()
    screenshot(page, "05_case_exercise_right")

    # Ms Lin's intervention explorer: a call in February keeps her off the blacklist.
    explorer = page.locator(".jp-OutputArea-output .ccpr-lin-explorer").first
    explorer.scroll_into_view_if_needed()
    assert "受阻" in explorer.inner_text()  # the deck's story: a call in April
    chart = explorer.locator("img.widget-image")  # the timeline chart
    assert chart.count() == 1
    before = chart.get_attribute("src")
    explorer.locator("select").select_option(label="2月")
    wait_for_text(page, ".ccpr-lin-explorer", tl.lin_scenario(call_month=2).title)
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
