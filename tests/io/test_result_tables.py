"""Tables a learner reads about a branch export, and a look inside a saved report: what they claim is what happens."""

from __future__ import annotations

import re

import pytest
from helpers.exports import RAW_ID, RAW_NAME, RAW_PHONE, csv_bytes

import tiering_lib as tl
from tiering_lib.io.privacy import HIDDEN
from tiering_lib.io.report_preview import report_preview

MASKED_NAME = re.compile(r"^.\*+$")


def _column(result, header):
    i = result.header.index(header)
    return [r.cells[i] for r in result.rejected if len(r.cells) > i and r.cells[i]]


def _shown(table, header):
    return table.frame.set_index("列（表头）").loc[header, "报告中怎样显示"]


def test_privacy_table_of_the_cards_sample_says_what_the_rejected_rows_show():
    cards = tl.load_sample_export("cards")
    table = cards.privacy_table()
    assert list(table.frame["列（表头）"]) == list(cards.header)
    assert _shown(table, "卡号").startswith("换成化名") and all(k.startswith("化名-") for k in cards.customer_ids)
    assert all(v.startswith("化名-") for v in _column(cards, "卡号"))
    for header in ("户名", "客户经理"):
        assert _shown(table, header).startswith("只保留第一个字")
        assert _column(cards, header) and all(MASKED_NAME.match(v) for v in _column(cards, header))
    assert _shown(table, "联系电话") == "只保留前 3 位和后 4 位"
    assert all(re.fullmatch(r"\d{3}\*{4}\d{4}", v) for v in _column(cards, "联系电话"))
    assert _shown(table, "备注").startswith("整列隐藏") and set(_column(cards, "备注")) == {HIDDEN}
    assert "姓名" in table.frame.set_index("列（表头）").loc["备注", "为什么"]


def test_privacy_table_when_free_text_is_kept():
    cards = tl.load_sample_export("cards", keep_text_columns=True)
    assert _shown(cards.privacy_table(), "备注").startswith("按要求保留")
    assert HIDDEN not in _column(cards, "备注")


def test_privacy_table_of_every_kind_of_column():
    rows = [
        ["客户号", "姓名", "证件号码", "余额", "开户网点", "家庭住址", "QQ", "账号"],
        ["K1", RAW_NAME, RAW_ID, "坏", f"城东 {RAW_PHONE}", "某路 1 号", "12345", "6222020000000000001"],
        ["K2", "李四", RAW_ID, "100", "城西", "某路 2 号", "1", "6222020000000000002"],
        [RAW_PHONE, "王五", RAW_ID, "100", "城西", "某路 3 号", "1", "6222020000000000003"],
    ]
    result = tl.load_branch_export(csv_bytes(rows), name="各种列.csv")
    table = result.privacy_table()
    expected = {
        "客户号": "普通编号原样显示；像证件号、手机号、卡号的编号换成化名",
        "证件号码": "只保留前 3 位和后 4 位",
        "开户网点": "原样显示，格子里的证件号、手机号、卡号脱敏",
        "家庭住址": "整列隐藏，显示为“（已隐藏）”",
        "QQ": "整列隐藏，显示为“（已隐藏）”",
        "账号": "只保留前 4 位和后 4 位",
    }
    for header, shown in expected.items():
        assert _shown(table, header) == shown, header
    [bad] = result.rejected
    cells = dict(zip(result.header, bad.cells))
    assert RAW_PHONE not in cells["开户网点"] and cells["家庭住址"] == cells["QQ"] == HIDDEN
    assert cells["账号"].startswith("6222") and cells["账号"].endswith("0001") and "*" in cells["账号"]
    assert any(k.startswith("化名-") for k in result.customer_ids) and "K2" in result.customer_ids


def test_a_plain_customer_number_is_shown_as_it_is():
    messy = tl.load_sample_export("messy")
    assert _shown(messy.privacy_table(), "客户编号") == "原样显示"
    assert all(k.isdigit() for k in messy.customer_ids)


def test_rejected_and_customer_tables_have_no_row_numbers_of_pandas():
    messy = tl.load_sample_export("messy")
    rejected = messy.rejected_table()
    assert len(rejected) == messy.n_rejected and rejected.caption == f"问题数据：{messy.n_rejected} 行"
    assert "<th>0</th>" not in rejected._repr_html_()
    first = messy.customers_table(tl.builtin_scheme("core_four_class"), rows=3)
    assert len(first) == 3 and list(first.frame["行号"]) == messy.row_numbers[:3].tolist()
    assert "层级" in first.frame and first.caption == f"客户明细：前 3 位（共 {messy.n_accepted} 位）"


@pytest.mark.parametrize(
    "cell, unit, read, reason",
    [
        ("12.5万", "元", "125,000.00", ""),
        ("１２，３４５．６７", "元", "12,345.67", ""),
        ("3", "万元", "30,000.00", ""),
        ("8.6万", "万元", "86,000.00", ""),  # a unit in the cell wins over the column's
        ("1.23457E+11", "元", "不采用", "余额是科学计数法（精度已丢失）"),
        ("-1,200.00", "元", "不采用", "余额为负数"),
        ("12.345", "元", "不采用", "余额精确到分以下"),
    ],
)
def test_amount_readings(cell, unit, read, reason):
    row = tl.amount_readings([(cell, unit)]).frame.iloc[0]
    assert (row["读成（元）"], row["不采用的原因"], row["这一列的单位"]) == (read, reason, unit)


def test_a_saved_report_read_back_holds_the_masked_sheets_and_the_notes(tmp_path):
    cards = tl.load_sample_export("cards")
    path = tl.tier_report(cards).save(tmp_path / "报告.xlsx")
    preview = report_preview(path, rows=2)
    sizes = {s.name: s.n_rows for s in preview.sheets}
    assert sizes == {"分层汇总": 6, "客户明细": cards.n_accepted, "问题数据": cards.n_rejected}
    summary, customers, problems = preview.sheets
    assert any("备注" in n and "整列隐藏" in n for n in summary.notes)
    assert summary.table.frame.iloc[-1]["户数（户）"] == f"{cards.n_accepted:,}"
    assert summary.table.frame.iloc[-1]["金额占比"] == "100.000%"
    assert len(customers.table) == 2 and all(k.startswith("化名-") for k in customers.table.frame["客户号"])
    assert set(problems.table.frame["备注（已隐藏）"]) <= {HIDDEN, ""}
    html = preview._repr_html_()
    assert "文件“报告.xlsx”里有 3 张表" in html and str(tmp_path) not in html and "<th>0</th>" not in html
    assert str(preview).splitlines() == ["文件“报告.xlsx”里有 3 张表：", "分层汇总：6 行", "客户明细：75 行", "问题数据：4 行"]


def test_a_report_not_saved_yet_is_previewed_as_such_and_reads_in_chinese():
    messy = tl.load_sample_export("messy")
    report = tl.tier_report(messy)
    preview = report.preview(rows=1)
    assert str(preview).startswith("保存以后，Excel 文件里会有 3 张表：")
    assert [s.n_rows for s in preview.sheets] == [6, messy.n_accepted, messy.n_rejected]
    assert repr(report).startswith("分层汇总\n") and "TierReport(" not in repr(report)
    assert repr(messy).startswith("读入的客户余额表：branch_export_messy.csv") and "<" not in repr(messy)
