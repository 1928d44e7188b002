"""Saving a report into the learner's folder (notebook 09): never over an existing file unless asked, a Chinese
message naming only the file, a look inside the saved file; the widget around it."""

from __future__ import annotations

import pytest

import tiering_lib as tl
from tiering_lib.course.report_saver import default_report_name


@pytest.fixture(scope="module")
def report():
    return tl.tier_report(tl.load_sample_export("messy"))


def test_saved_into_the_workspace_with_a_look_inside(report, tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))
    saved = tl.save_report(report)
    assert saved.saved and saved.path == tmp_path / "分层报告_branch_export_messy.xlsx" and saved.path.exists()
    assert "报告已保存到练习文件夹：“分层报告_branch_export_messy.xlsx”" in saved.message
    assert [s.n_rows for s in saved.preview.sheets] == [6, report.result.n_accepted, report.result.n_rejected]
    html = saved._repr_html_()
    assert str(tmp_path) not in html and "tl-report-saved" in html and "tl-feedback" not in html


def test_an_existing_file_is_kept_unless_replacing_is_asked(report, tmp_path):
    target = tmp_path / "网点报告.xlsx"
    target.write_bytes(b"last month's report")
    refused = tl.save_report(report, "网点报告", folder=tmp_path)
    assert not refused.saved and refused.preview is None and target.read_bytes() == b"last month's report"
    assert refused.message.startswith("练习文件夹里已经有“网点报告.xlsx”，没有覆盖它。") and "覆盖同名文件" in refused.message
    assert str(tmp_path) not in refused.message and sorted(p.name for p in tmp_path.iterdir()) == ["网点报告.xlsx"]
    replaced = tl.save_report(report, "网点报告.xlsx", overwrite=True, folder=tmp_path)
    assert replaced.saved and "替换了同名的旧文件" in replaced.message and target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("name", ["", "   ", "a/b", "报告:1", "..", "问题?"])
def test_a_name_that_cannot_be_a_file_name_is_refused_in_chinese(report, tmp_path, name):
    saved = tl.save_report(report, name, folder=tmp_path)
    assert not saved.saved and saved.path is None and "不能用作文件名" in saved.message
    assert list(tmp_path.iterdir()) == []


def test_the_widget_saves_then_refuses_then_replaces(report, tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))
    saver = tl.report_saver(report)
    (name, overwrite, button), result = saver.children[0].children, saver.children[1]
    assert name.value == default_report_name(report) and overwrite.value is False and result.value == ""
    button.click()
    assert "报告已保存" in result.value and "客户明细" in result.value
    button.click()
    assert "没有覆盖它" in result.value
    overwrite.value = True
    button.click()
    assert "替换了同名的旧文件" in result.value
    assert sorted(p.name for p in tmp_path.iterdir()) == [default_report_name(report)]


def test_the_static_picture_shows_the_name_box_and_the_button(report):
    html = tl.report_saver(report)._repr_mimebundle_()["text/html"]
    assert "tl-static-picture" in html and "保存报告" in html and default_report_name(report) in html
    assert "覆盖同名文件" in html
