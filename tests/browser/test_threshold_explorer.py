"""Notebook 03 in a real JupyterLab: move the A-class threshold slider, see the library's numbers."""

from __future__ import annotations

import pytest
from helpers.lab import open_notebook, run_all_cells, screenshot

import tiering_lib as tl

pytestmark = pytest.mark.browser

NOTEBOOK = "03_分层逻辑.ipynb"


def expected_a_row(thresholds_wan):
    sb = tl.SortedBalances(tl.synthesize_population(tl.load_suzhou_bands()))
    table = tl.explorer_table(sb, tl.builtin_scheme("suzhou_three_class"), thresholds_wan)
    row = table.to_display().iloc[0]  # A first
    return row["户数(户)"], row["金额占比"]


def test_moving_the_a_threshold_updates_the_table(page, lab):
    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page)
    explorer = page.locator(".jp-OutputArea-output .widget-vbox", has=page.locator(".widget-slider")).first
    explorer.wait_for()
    handles = explorer.locator(".widget-slider .noUi-handle")
    assert handles.count() == 2
    table = explorer.locator(".widget-html table").first
    households_20, share_20 = expected_a_row([1, 20])
    assert households_20 in table.inner_text()  # the default thresholds as the deck's table

    handles.nth(1).focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # 20万 -> 25万
    households_25, share_25 = expected_a_row([1, 25])
    assert households_25 != households_20
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel) && document.querySelector(sel).innerText.includes(text)",
        arg=[".widget-vbox .widget-html table", share_25],
        timeout=30_000,
    )
    text = table.inner_text()
    assert households_25 in text and share_25 in text
    assert explorer.locator(".widget-readout").nth(1).inner_text().strip() == "25"
    assert explorer.locator("img").first.get_attribute("src").startswith("blob:")  # the chart was redrawn
    screenshot(page, "03_threshold_explorer")
