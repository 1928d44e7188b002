"""Notebook 09 in a real Chromium against the learner's JupyterLab: Run All goes past the deliberate file-name
typo (one short Chinese box); an export of more than 10 MB, a GBK CSV and an Excel file come in through the upload
button as bytes (no "not UTF-8" dialog); a PDF gets a Chinese message; and the report is saved into the learner's
own folder — once, and not again over itself."""

from __future__ import annotations

import pytest
from helpers.exports import csv_bytes, xlsx_bytes
from helpers.lab import open_notebook, run_all_cells, screenshot, wait_for_text

pytestmark = pytest.mark.browser

NOTEBOOK = "09_用自己的数据.ipynb"
GBK_CSV = csv_bytes([["客户号", "姓名", "余额（元）"], ["K001", "欧阳测试", "12,000.50"], ["K002", "李四", "300"]], "gbk")
BIG_CSV = ("客户号,余额\n" + "".join(f"K{i:08d},{i % 99_991}.{i % 100:02d}\n" for i in range(600_000))).encode("gbk")
XLSX = xlsx_bytes({"明细": [["客户号", "户名", "余额"], ["K1", "张三", 100], ["K2", "李四", 250.5], ["K3", "王五", "待核实"]]})


def _notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def _choose(page, name: str, mime: str, content: bytes) -> None:
    """Click 选择文件 and pick a file in the browser's file chooser, as a learner does."""
    with page.expect_file_chooser() as chooser:
        page.locator(".tl-upload .widget-upload").first.click()
    chooser.value.set_files(files=[{"name": name, "mimeType": mime, "buffer": content}])


def _run_cell_containing(page, code: str) -> None:
    cell = _notebook(page).locator(".jp-CodeCell", has_text=code).first
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


def test_upload_a_gbk_csv_and_an_excel_file_then_save_the_report_once(learner_lab, learner_page):
    page = learner_page
    open_notebook(page, learner_lab, NOTEBOOK)
    run_all_cells(page)  # waits until every code cell has run: the deliberate error does not stop Run All

    typo = _notebook(page).locator(".jp-CodeCell", has_text="我的网点导出.xlsx").first.locator(".jp-OutputArea-output")
    shown = typo.inner_text()
    assert "出错了（不是程序故障）" in shown and "找不到这个文件" in shown
    assert "Traceback" not in shown and "File " not in shown and "loader.py" not in shown

    upload = _notebook(page).locator(".jp-OutputArea-output .tl-upload").first
    upload.wait_for()
    _choose(page, "大文件.csv", "text/csv", BIG_CSV)  # over tornado's default 10 MB websocket limit
    wait_for_text(page, ".tl-upload", "已读入“大文件.csv”", timeout_ms=120_000)
    _choose(page, "网点导出.csv", "text/csv", GBK_CSV)
    wait_for_text(page, ".tl-upload", "已读入“网点导出.csv”")
    assert "接受 2 行 + 拒绝 0 行" in upload.inner_text()
    assert page.locator(".jp-Dialog").count() == 0  # no "not UTF-8" dialog: the file never reaches a text viewer
    _choose(page, "报表.pdf", "application/pdf", b"%PDF-1.4")
    wait_for_text(page, ".tl-upload", "这是 PDF 文件，不能当作客户数据读取")
    _choose(page, "网点导出.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XLSX)
    wait_for_text(page, ".tl-upload", "已读入“网点导出.xlsx”")
    upload.scroll_into_view_if_needed()
    screenshot(page, "09_upload_xlsx")

    _run_cell_containing(page, 'upload.or_sample("clean")')  # the learner runs the next cell: their file is used
    wait_for_text(page, ".jp-OutputArea-output", "网点导出.xlsx（xlsx，工作表“明细”")
    text = _notebook(page).inner_text()
    assert "读取 3 行 = 接受 2 行 + 拒绝 1 行" in text and "欧阳测试" not in text and "张三" not in text

    saver = _notebook(page).locator(".jp-OutputArea-output .tl-report-saver").first
    saver.scroll_into_view_if_needed()
    target = learner_lab.workspace / "分层报告_branch_export_clean.xlsx"  # the report of Run All (the sample)
    try:
        saver.locator("button", has_text="保存报告").click()
        wait_for_text(page, ".tl-report-saver", "报告已保存到练习文件夹")
        assert target.exists() and "客户明细" in saver.inner_text()
        screenshot(page, "09_report_saved")
        saver.locator("button", has_text="保存报告").click()
        wait_for_text(page, ".tl-report-saver", "没有覆盖它")
        assert str(learner_lab.workspace) not in saver.inner_text()
    finally:
        target.unlink(missing_ok=True)
