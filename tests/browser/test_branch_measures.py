"""Notebook 10 in a real JupyterLab: change the 流失预警 rule in the migration explorer and the watch list
follows with the library's count; fill in the action plan and export it into the workspace."""

from __future__ import annotations

from fractions import Fraction

import pytest
from helpers.lab import open_notebook, run_all_cells, screenshot, wait_for_text

import tiering_lib as tl

pytestmark = pytest.mark.browser

NOTEBOOK = "10_支局客户分层管理措施.ipynb"
COUNT = ".svc-migration-explorer .svc-watch-count"


def _watched(drop: Fraction, on_tier_drop: bool) -> str:
    book = tl.synthesize_branch()
    later = tl.next_month(book)
    m = tl.migrate(book.ids, book.aum, later.ids, later.balances, book.scheme)
    return f"流失预警：{len(m.watch_list(tl.AlertRule(None, drop, on_tier_drop, True))):,} 位客户"


def test_changing_the_alert_rule_changes_the_watch_list_and_the_plan_is_exported(page, lab):
    default, no_drop, half = (_watched(Fraction(3, 10), True), _watched(Fraction(3, 10), False),
                              _watched(Fraction(1, 2), False))
    assert len({default, no_drop, half}) == 3
    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page)
    explorer = page.locator(".jp-OutputArea-output .svc-migration-explorer").first
    explorer.wait_for()
    wait_for_text(page, COUNT, default)
    first_row = explorer.locator(".svc-watch-count + div table tbody tr").first.inner_text()

    explorer.locator(".widget-checkbox", has_text="降级也预警").locator("input").click()
    wait_for_text(page, COUNT, no_drop)
    handle = explorer.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # 30% -> 50%
    wait_for_text(page, COUNT, half)
    assert explorer.locator(".widget-readout").first.inner_text().strip() == "50"
    assert explorer.locator(COUNT.split(" ", 1)[1]).inner_text().strip() == half
    assert "D类" in explorer.locator(".widget-html table").first.inner_text()  # the matrix stays
    assert first_row  # the list had rows before the change
    explorer.scroll_into_view_if_needed()
    screenshot(page, "10_migration_explorer")

    form = page.locator(".jp-OutputArea-output .tl-action-plan").first
    form.locator("input[placeholder='例如：城东支局']").fill("城西支局")
    form.locator("input[placeholder='例如：城东支局']").press("Enter")
    wait_for_text(page, ".tl-action-plan .tl-plan-preview", "城西支局")
    form.locator(".tl-plan-export").click()
    wait_for_text(page, ".tl-action-plan", "已保存到你的练习文件夹")
    folder = lab.workspace / "行动计划"
    assert (folder / "城西支局_分层管理行动计划.xlsx").exists()
    assert (folder / "城西支局_分层管理行动计划.html").exists()
    form.scroll_into_view_if_needed()
    screenshot(page, "10_action_plan")
