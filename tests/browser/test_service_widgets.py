"""Notebooks 06–08 in a real JupyterLab: the queue and contribution explorers follow their
controls with the library's numbers, and the Mermaid diagrams render."""

from __future__ import annotations

import pytest
from helpers.lab import open_notebook, run_all_cells, screenshot

import tiering_lib as tl

pytestmark = pytest.mark.browser

def _wait_for_text(page, selector: str, text: str) -> None:
    page.wait_for_function(
        "([sel, text]) => [...document.querySelectorAll(sel)].some(e => e.innerText.includes(text))",
        arg=[selector, text],
        timeout=60_000,
    )


def _wait_for_diagram(page, text: str) -> None:
    """Wait until a Mermaid diagram (JupyterLab draws it as an SVG image) shows ``text``."""
    page.wait_for_function(
        "(text) => [...document.querySelectorAll('.jp-RenderedMermaid img')]"
        ".some(i => decodeURIComponent(i.getAttribute('src') || '').includes(text))",
        arg=text,
        timeout=60_000,
    )


def test_queue_explorer_fewer_windows(page, lab):
    cfg = tl.default_queue_config()
    mass = cfg.arrivals_per_hour["普通"]
    mid = cfg.arrivals_per_hour["中端"]

    def mean_mass(windows: int) -> str:
        r = tl.queue_scenario(cfg, windows=windows, mass_per_hour=mass, mid_per_hour=mid,
                              vip_window=True, vip_window_serves_others=True)
        return f"{r.summary().loc['普通客户', '平均等候（分钟）']}"

    open_notebook(page, lab, "06_分层服务与关键指标.ipynb")
    run_all_cells(page)
    explorer = page.locator(".jp-OutputArea-output .svc-queue-explorer").first
    explorer.wait_for()
    _wait_for_text(page, ".svc-queue-explorer .widget-output table", mean_mass(4))
    handle = explorer.locator(".widget-slider .noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowLeft")  # 4 windows -> 3
    _wait_for_text(page, ".svc-queue-explorer .widget-output table", mean_mass(3))
    assert explorer.locator(".widget-readout").first.inner_text().strip() == "3"
    explorer.scroll_into_view_if_needed()
    screenshot(page, "06_queue_explorer")


def test_contribution_explorer_dearer_counter(page, lab):
    book = tl.synthesize_branch()

    def centres(visit_cost: float) -> str:
        table = tl.contribution_scenario(book, 2.0, 1.0, visit_cost, 10.0).by_class()
        return str(table.loc["合计", "成本中心（户）"])

    open_notebook(page, lab, "07_客户贡献与财富客群.ipynb")
    run_all_cells(page)
    explorer = page.locator(".jp-OutputArea-output .svc-contribution-explorer").first
    explorer.wait_for()
    _wait_for_text(page, ".svc-contribution-explorer .widget-output table", centres(5.0))
    handle = explorer.locator(".widget-slider .noUi-handle").nth(2)  # 每次柜台服务成本(元), step 0.5
    handle.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")  # 5.0 -> 8.0 元
    _wait_for_text(page, ".svc-contribution-explorer .widget-output table", centres(8.0))
    assert explorer.locator(".widget-readout").nth(2).inner_text().strip() == "8.0"
    # the two Mermaid diagrams (growth ladder, individual and group processes) are drawn
    _wait_for_diagram(page, "紧密合作")
    _wait_for_diagram(page, "群体流程")
    explorer.scroll_into_view_if_needed()
    screenshot(page, "07_contribution_explorer")


def test_maintenance_process_diagram_renders_and_the_plan_is_saved_in_the_workspace(page, lab):
    open_notebook(page, lab, "08_客户维护流程.ipynb")
    _wait_for_diagram(page, "突发事件处理")
    diagram = page.locator(".jp-RenderedMermaid").first
    diagram.scroll_into_view_if_needed()
    screenshot(page, "08_maintenance_process")
    saved = lab.workspace / "RM02_本周维护计划.xlsx"
    before = saved.read_bytes() if saved.exists() else None
    run_all_cells(page)
    export = page.locator(".jp-OutputArea-output .tl-plan-export").first
    export.wait_for()
    export.locator("button", has_text="保存为 Excel 文件").click()
    _wait_for_text(page, ".tl-plan-export", "已保存到练习文件夹")
    name = "RM02_本周维护计划.xlsx" if before is None else "RM02_本周维护计划（2）.xlsx"
    assert name in export.inner_text() and (lab.workspace / name).exists()
    assert before is None or saved.read_bytes() == before  # an earlier file is never overwritten
    export.scroll_into_view_if_needed()
    screenshot(page, "08_plan_export")
