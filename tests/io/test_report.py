"""The Excel report: the streaming xlsx writer and the three sheets built from a DistributionTable."""

from __future__ import annotations

import re
from decimal import Decimal

import openpyxl
import pytest
from helpers.exports import csv_bytes

import tiering_lib as tl
from tiering_lib.io import report as report_module
from tiering_lib.io.xlsx_writer import Number, Sheet, write_xlsx

ROWS = [
    ["客户号", "姓名", "余额"],
    ["K1", "张三", "500"],  # D
    ["K2", "李四", "2万"],  # C
    ["K3", "王五", "30万"],  # A2
    ["K4", "赵六", "60万"],  # A1
    ["K5", "钱七", "坏数据"],
]


@pytest.fixture()
def result():
    return tl.load_branch_export(csv_bytes(ROWS), name="网点.csv")


def test_writer_cells_styles_and_odd_text(tmp_path):
    long = "长" * 40_000
    emoji = "😀" * 20_000  # 40,000 UTF-16 units in 20,000 characters
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [
            Sheet("甲 & <乙>", ["文本", "金额", "占比", "户数"], [
                ["a\x01b", Number("12345.67"), Decimal("0.123456"), 7],
                [" 前后空格 ", None, None, 0],
                [long, Number("0.01"), Decimal("1"), 10**12],
                [emoji, None, None, None],
                ["a" * 16_383 + "😀" * 8_200, None, None, None],
            ], ["plain", "money", "percent", "count"], [10, 12, 8, 8]),
            Sheet("空表", ["只有表头"], []),
        ],
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["甲 & <乙>", "空表"]
    ws = book["甲 & <乙>"]
    assert [c.value for c in ws[1]] == ["文本", "金额", "占比", "户数"]
    assert ws[1][0].font.b
    assert ws["A2"].value == "a\ufffdb"
    assert ws["B2"].value == 12345.67 and ws["B2"].number_format == "#,##0.00"
    assert ws["C2"].number_format == "0.000%" and ws["D2"].number_format == "#,##0"
    assert ws["A3"].value == " 前后空格 " and ws["B3"].value is None and ws["D3"].value == 0
    assert len(ws["A4"].value) == 32_767 and ws["A4"].value.endswith("…")
    # Excel counts UTF-16 units: a character outside the BMP counts twice, and a pair is never cut in two.
    for cell, units in (("A5", 32_767), ("A6", 32_766)):
        value = ws[cell].value
        assert len(value.encode("utf-16-le")) // 2 == units and value.endswith("…") and "\ufffd" not in value
    assert ws["D4"].value == 10**12
    assert ws.freeze_panes == "A2"
    assert book["空表"].max_row == 1


def test_writer_never_replaces_a_file_unless_asked(tmp_path):
    target = tmp_path / "客户余额.xlsx"
    target.write_bytes(b"the original export")
    with pytest.raises(tl.TieringError, match=f"报告文件“{re.escape(str(target))}”已存在，没有覆盖它"):
        write_xlsx(target, [Sheet("s", ["h"], [["x"]])])
    assert target.read_bytes() == b"the original export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["客户余额.xlsx"]  # no temporary file left
    write_xlsx(target, [Sheet("s", ["h"], [["x"]])], overwrite=True)
    assert openpyxl.load_workbook(target)["s"]["A2"].value == "x"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_report_has_the_permissions_the_umask_gives(tmp_path, umask):
    import os

    old = os.umask(umask)
    try:
        path = write_xlsx(tmp_path / "r.xlsx", [Sheet("s", ["h"], [])])
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_writer_leaves_no_half_file(tmp_path):
    def rows():
        yield ["ok"]
        raise RuntimeError("interrupted")

    target = tmp_path / "r.xlsx"
    with pytest.raises(RuntimeError):
        write_xlsx(target, [Sheet("s", ["h"], rows())])
    assert list(tmp_path.iterdir()) == []


def test_summary_sheet_is_the_distribution_table(result, tmp_path):
    report = tl.tier_report(result, "core_four_class")
    sheets = tl.read_report(report.save(tmp_path / "报告.xlsx"))
    assert list(sheets) == ["分层汇总", "客户明细", "问题数据"]
    summary = sheets["分层汇总"]
    assert summary.columns.tolist() == ["类别", "金额（万元）", "金额占比", "户数（户）", "户数占比", "户均余额（元）"]
    # Display order A1, A2, B, C, D then 合计 (hand-computed: 60万, 30万, 0, 2万, 500元).
    assert summary["户数（户）"].tolist() == [1, 1, 0, 1, 1, 4]
    assert summary["金额（万元）"].tolist() == [60, 30, 0, 2, 0.05, 92.05]
    assert summary["类别"].iloc[-1] == "合计"
    assert summary["户均余额（元）"].tolist() == [600000, 300000, "—", 20000, 500, 230125]
    assert summary["金额占比"].iloc[0] == pytest.approx(60 / 92.05, abs=5e-7)


def test_summary_notes(result, tmp_path):
    path = tl.tier_report(result).save(tmp_path / "报告.xlsx")
    ws = openpyxl.load_workbook(path)["分层汇总"]
    notes = [ws.cell(r, 1).value for r in range(9, ws.max_row + 1)]
    assert notes[0] == "分层方案：零售业务客户分层核心体系（A/B/C/D，A类以50万再分）"
    assert "读取 5 行：接受 4 行，拒绝 1 行（见“问题数据”表）" in notes
    assert "文件共 6 行：第 1 行是表头，数据 5 行" in notes
    assert "已脱敏的列：“姓名”（只保留第一个字）" in notes


def test_customer_and_problem_sheets(result, tmp_path):
    sheets = tl.read_report(tl.tier_report(result, "suzhou_three_class").save(tmp_path / "报告.xlsx"))
    customers = sheets["客户明细"]
    assert customers.columns.tolist() == ["行号", "客户号", "姓名（已脱敏）", "余额（元）", "层级", "层级名称"]
    assert customers["行号"].tolist() == [2, 3, 4, 5]
    assert customers["层级"].tolist() == ["C", "B", "A", "A"]
    assert customers["姓名（已脱敏）"].tolist() == ["张*", "李*", "王*", "赵*"]
    assert customers["余额（元）"].tolist() == [500, 20000, 300000, 600000]
    problems = sheets["问题数据"]
    assert problems.columns.tolist() == ["行号", "原因", "说明", "客户号", "姓名", "余额"]
    assert problems.values.tolist() == [[6, "余额不是数字", "余额不是数字（格子的内容不像金额，已隐藏）", "K5", "钱*", "（已隐藏）"]]


def test_customers_continue_on_a_second_sheet_past_the_row_limit(result, tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "MAX_ROWS", 4)  # 3 customers per sheet
    sheets = tl.read_report(tl.tier_report(result).save(tmp_path / "报告.xlsx"))
    assert list(sheets) == ["分层汇总", "客户明细", "客户明细（2）", "问题数据"]
    assert sheets["客户明细"]["行号"].tolist() == [2, 3, 4]
    assert sheets["客户明细（2）"]["行号"].tolist() == [5]


def test_problem_rows_continue_on_further_sheets_past_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "MAX_ROWS", 3)  # 2 rows per sheet
    rows = [["客户号", "余额"]] + [[f"K{i}", "坏"] for i in range(5)] + [["K9", "1"]]
    result = tl.load_branch_export(csv_bytes(rows), name="坏.csv")
    sheets = tl.read_report(tl.tier_report(result).save(tmp_path / "报告.xlsx"))
    assert list(sheets) == ["分层汇总", "客户明细", "问题数据", "问题数据（2）", "问题数据（3）"]
    assert [sheets[n]["行号"].tolist() for n in list(sheets)[2:]] == [[2, 3], [4, 5], [6]]
    assert sheets["客户明细"]["行号"].tolist() == [7]


def test_report_of_a_file_with_every_row_rejected(tmp_path):
    result = tl.load_branch_export(csv_bytes([["客户号", "余额"], ["K1", "x"]]), name="坏.csv")
    sheets = tl.read_report(tl.tier_report(result).save(tmp_path / "报告.xlsx"))
    assert sheets["客户明细"].empty
    assert sheets["分层汇总"]["户数（户）"].tolist() == [0, 0, 0, 0, 0, 0]


def test_tier_report_refuses_a_non_scheme(result):
    with pytest.raises(tl.SchemeError):
        tl.tier_report(result, "no_such_scheme")
    with pytest.raises(tl.DataError):
        tl.tier_report(result, 42)


def test_the_same_report_gives_the_same_bytes(result, tmp_path):
    report = tl.tier_report(result)
    first = report.save(tmp_path / "a.xlsx").read_bytes()
    assert report.save(tmp_path / "b.xlsx").read_bytes() == first


@pytest.mark.parametrize(
    "name, problem",
    [("", "1 到 31 个字符"), ("长" * 32, "1 到 31 个字符"), ("明细:2024", "不允许的字符 :"), ("a[1]", "不允许的字符 [ ]"),
     ("x?", "不允许的字符 ?"), ("'明细", "单引号"), ("a\\b", "不允许的字符 \\")],
)
def test_sheet_names_follow_excels_rules(name, problem):
    with pytest.raises(tl.DataError, match=re.escape(problem)):
        Sheet(name, ["a"], [])


def test_duplicate_sheet_names_are_refused(tmp_path):
    with pytest.raises(tl.DataError, match="工作表名重复"):
        write_xlsx(tmp_path / "x.xlsx", [Sheet("明细", ["a"], []), Sheet("明细", ["a"], [])])
    assert not list(tmp_path.iterdir())
