"""Notebook 03 in a real JupyterLab: move the A-class threshold, see the library's numbers; put the thresholds
out of order and the stale table and chart disappear until the order is right again."""

from __future__ import annotations

import pytest
from helpers.lab import open_notebook, run_all_cells, screenshot, wait_for_text

import tiering_lib as tl

pytestmark = pytest.mark.browser

NOTEBOOK = "03_分层逻辑.ipynb"


def expected_a_row(thresholds_wan):
    sb = tl.SortedBalances(tl.synthesize_population(tl.load_suzhou_bands()))
    table = tl.explorer_table(sb, tl.builtin_scheme("suzhou_three_class"), thresholds_wan)
    row = table.to_display().iloc[0]  # A first
    return row["户数（户）"], row["金额占比"]


def test_moving_the_a_threshold_updates_the_table_and_a_wrong_order_hides_it(page, lab):
    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page)
    explorer = page.locator(".jp-OutputArea-output .tl-threshold-explorer").first
    explorer.wait_for()
    handles = explorer.locator(".widget-slider .noUi-handle")
    assert handles.count() == 2
    table = explorer.locator(".widget-html table").first
    chart = explorer.locator("img.widget-image").first
    households_20, share_20 = expected_a_row([1, 20])
    assert households_20 in table.inner_text()  # the default thresholds as the deck's table

    handles.nth(1).focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # 20万 -> 25万
    households_25, share_25 = expected_a_row([1, 25])
    assert households_25 != households_20
    wait_for_text(page, ".tl-threshold-explorer .widget-html table", share_25)
    text = table.inner_text()
    assert households_25 in text and share_25 in text
    assert "A类：25万以上" in text and "B类：1万-25万（不含）" in text and "C类：0-1万（不含）" in text
    assert explorer.locator(".widget-readout").nth(1).inner_text().strip() == "25"
    assert chart.get_attribute("src").startswith("blob:")  # the chart was redrawn
    screenshot(page, "03_threshold_explorer")

    # B下限 above A下限: the table and chart of the last valid state must not stay on screen.
    handles.nth(0).focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")  # 1万 -> 31万, above A's 25万
    wait_for_text(page, ".tl-threshold-explorer .tl-invalid", "门槛顺序不对")
    assert not table.is_visible() and not chart.is_visible()
    explorer.scroll_into_view_if_needed()
    screenshot(page, "03_threshold_explorer_invalid_order")

    for _ in range(29):
        page.keyboard.press("ArrowLeft")  # back to 2万: valid again, recomputed
    households_2_25, share_2_25 = expected_a_row([2, 25])
    page.wait_for_function(
        "() => { const t = document.querySelector('.tl-threshold-explorer .widget-html table');"
        " return t && t.offsetParent !== null && t.innerText.includes('B类：2万-25万'); }",
        timeout=30_000,
    )
    assert explorer.locator(".tl-invalid").count() == 0 and chart.is_visible()
    assert households_2_25 in table.inner_text()
