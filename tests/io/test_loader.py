"""The branch-export loader: every row accepted or rejected with a reason, whole-file errors, formats."""

from __future__ import annotations

import pytest
from helpers.exports import FORMATS, all_hidden, csv_bytes, export_bytes, make_branch_exports, write_export, xlsx_bytes

import tiering_lib as tl
from tiering_lib.io.loader import SAMPLE_EXPORTS

HEADER = ["客户号", "姓名", "余额"]
GOOD_1 = ["K001", "张三", "1,200.50"]
GOOD_2 = ["K002", "李四", "3万"]

# One bad row of each kind the loader rejects: (row, reason).
BAD_ROWS = {
    "not_a_number": (["K009", "王五", "待核实"], "not_a_number"),
    "negative": (["K009", "王五", "-100.00"], "negative"),
    "accounting_negative": (["K009", "王五", "(100.00)"], "negative"),
    "missing_balance": (["K009", "王五", ""], "missing_balance"),
    "dash_balance": (["K009", "王五", "--"], "missing_balance"),
    "scientific": (["K009", "王五", "1.23457E+11"], "scientific"),
    "sub_fen": (["K009", "王五", "12.345"], "sub_fen"),
    "too_large": (["K009", "王五", "20000000000"], "too_large"),
    "bad_grouping": (["K009", "王五", "1,23"], "not_a_number"),
    "missing_id": (["", "王五", "100"], "missing_id"),
    "total_row": (["合计", "", "1000"], "total_row"),
    "extra_cells": (["K009", "王五", "56", "000.00"], "cell_count"),  # "extra_cells" in Excel
    "duplicate_row": (["K001", "张三", "1200.50"], "duplicate_row"),
}


def load(data: bytes, **options) -> tl.LoadResult:
    return tl.load_branch_export(data, name="测试.csv", **options)


def assert_conserved(result: tl.LoadResult) -> None:
    """Every data row accounted once: accepted or rejected, the row numbers all different."""
    rows = sorted([*result.row_numbers.tolist(), *(r.row for r in result.rejected)])
    assert result.n_accepted + result.n_rejected == result.rows_read
    assert len(set(rows)) == len(rows) and all(r > result.header_row for r in rows)


# -- bad rows, in every format -------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", sorted(BAD_ROWS))
def test_each_bad_row_is_rejected_with_its_reason_and_row_number(tmp_path, kind, fmt):
    bad, reason = BAD_ROWS[kind]
    if fmt == "xlsx" and reason == "cell_count":
        reason = "extra_cells"
    path = write_export(tmp_path, [HEADER, GOOD_1, bad, GOOD_2], fmt)
    result = tl.load_branch_export(path)
    assert_conserved(result)
    assert result.rows_read == 3
    assert [(r.row, r.reason) for r in result.rejected] == [(3, reason)]
    assert result.row_numbers.tolist() == [2, 4]
    assert result.balances.tolist() == [120050, 3_000_000]
    if reason in ("cell_count", "extra_cells"):  # cells that do not line up: only amount-like ones shown
        assert result.rejected[0].cells == ("（已隐藏）", "（已隐藏）", "56", "000.00")
    else:
        assert result.rejected[0].cells[0] == bad[0]  # a plain customer number is shown
    assert result.source == path.name


@pytest.mark.parametrize("fmt", FORMATS)
def test_conflicting_duplicates_are_all_rejected(tmp_path, fmt):
    path = write_export(tmp_path, [HEADER, GOOD_1, GOOD_2, ["K001", "张三", "999"]], fmt)
    result = tl.load_branch_export(path)
    assert_conserved(result)
    assert [(r.row, r.reason) for r in result.rejected] == [(2, "duplicate_conflict"), (4, "duplicate_conflict")]
    assert result.customer_ids == ("K002",)
    assert "第 2、4 行" in result.rejected[0].detail


@pytest.mark.parametrize("fmt", FORMATS)
def test_interior_blank_row_is_rejected_trailing_blank_rows_are_not_data(tmp_path, fmt):
    path = write_export(tmp_path, [HEADER, GOOD_1, [], GOOD_2, [], ["", "", ""]], fmt)
    result = tl.load_branch_export(path)
    assert_conserved(result)
    assert result.rows_read == 3
    assert [(r.row, r.reason) for r in result.rejected] == [(3, "empty_row")]


# -- whole-file problems, in every format ---------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "rows, kind",
    [
        ([["客户号", "姓名", "电话"], ["K1", "张三", "1"]], "no_balance_column"),
        ([["客户号", "余额", "日均余额"], ["K1", "1", "2"]], "ambiguous_column"),
        ([HEADER], "no_rows"),
        ([HEADER, [], []], "no_rows"),
        ([[], ["", ""]], "empty"),
    ],
)
def test_whole_file_problems_raise_one_clear_error(tmp_path, rows, kind, fmt):
    path = write_export(tmp_path, rows, fmt)
    with pytest.raises(tl.BranchFileError) as info:
        tl.load_branch_export(path)
    assert info.value.kind == kind
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)
    assert isinstance(info.value, tl.DataError)


def test_no_balance_column_message_lists_recognised_headers_and_says_what_to_do():
    with pytest.raises(tl.BranchFileError, match="第 1 行像表头（认出的列：客户号、姓名、电话）.*columns=") as info:
        load(csv_bytes([["客户号", "姓名", "电话"], ["K1", "张三", "1"]]))
    assert info.value.source == "测试.csv"


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old_excel"),
        (b"\xc0\x80\xff\xfe\xfd,\x80\x80\xff\n", "encoding"),
        (b"PK\x03\x04 not really a zip", "unreadable"),
    ],
)
def test_unusable_bytes(data, kind):
    with pytest.raises(tl.BranchFileError) as info:
        load(data)
    assert info.value.kind == kind
    assert str(info.value).startswith("测试.csv：")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(tl.BranchFileError, match="找不到这个文件") as info:
        tl.load_branch_export(tmp_path / "没有这个.csv")
    assert info.value.kind == "not_found"
    with pytest.raises(tl.BranchFileError) as info:
        tl.load_branch_export(tmp_path)
    assert info.value.kind == "unreadable"


def test_no_such_sheet_names_the_sheets():
    data = xlsx_bytes({"说明": [["本表为导出说明"]], "明细": [HEADER, GOOD_1]})
    with pytest.raises(tl.BranchFileError, match="“说明”、“明细”") as info:
        load(data, sheet="客户")
    assert info.value.kind == "no_sheet"
    result = load(data, sheet="明细")
    assert (result.sheet, result.n_accepted) == ("明细", 1)


def test_first_sheet_is_read_by_default():
    data = xlsx_bytes({"明细": [HEADER, GOOD_1], "其他": [HEADER, GOOD_2, GOOD_2]})
    assert load(data).sheet == "明细"


def test_hidden_sheets_are_skipped_unless_named():
    data = xlsx_bytes({"旧数据": [HEADER, GOOD_2], "明细": [HEADER, GOOD_1]}, hidden={"旧数据"})
    result = load(data)
    assert (result.sheet, result.balances.tolist()) == ("明细", [120050])
    assert "跳过了隐藏的工作表：“旧数据”（要读它，请指定工作表名）" in result.notes
    assert load(data, sheet="旧数据").balances.tolist() == [3_000_000]
    with pytest.raises(tl.BranchFileError, match="所有工作表都是隐藏的") as info:
        load(all_hidden(xlsx_bytes({"甲": [HEADER, GOOD_1]})))
    assert info.value.kind == "no_sheet"


@pytest.mark.parametrize(
    "options, kind",
    [
        ({"unit": "美元"}, "bad_option"),
        ({"sheet": "明细"}, "bad_option"),  # a CSV has no sheets
        ({"encoding": "no-such-codec"}, "bad_option"),
        ({"columns": {"余额": "日均"}}, "unknown_column"),
        ({"columns": {"金额": "余额"}}, "bad_mapping"),
    ],
)
def test_bad_options(options, kind):
    with pytest.raises(tl.BranchFileError) as info:
        load(csv_bytes([HEADER, GOOD_1]), **options)
    assert info.value.kind == kind


def test_wrong_explicit_encoding():
    with pytest.raises(tl.BranchFileError, match="utf-8") as info:
        load(csv_bytes([HEADER, GOOD_1], "gbk"), encoding="utf-8")
    assert info.value.kind == "encoding"
    assert load(csv_bytes([HEADER, GOOD_1], "gbk"), encoding="gbk").n_accepted == 1


# -- formats, headers, units ------------------------------------------------------------
@pytest.mark.parametrize(
    "fmt, shown",
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8（带 BOM）"),
        ("gbk", "GB18030/GBK"),
        ("gb18030", "GB18030/GBK"),
        ("utf-16", "UTF-16"),
        ("xlsx", "xlsx"),
    ],
)
def test_every_format_reads_the_same(fmt, shown):
    result = load(export_bytes([HEADER, GOOD_1, GOOD_2], fmt))
    assert result.encoding == shown
    assert result.balances.tolist() == [120050, 3_000_000]
    assert result.customer_ids == ("K001", "K002")
    assert result.names == ("张*", "李*")


def test_utf16_without_bom():
    data = "客户号\t余额\nK1\t5\n".encode("utf-16-le")
    assert load(data).balances.tolist() == [500]


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_delimiters(delimiter):
    result = load(csv_bytes([HEADER, GOOD_1, GOOD_2], delimiter=delimiter))
    assert result.balances.tolist() == [120050, 3_000_000]


@pytest.mark.parametrize(
    "header, field",
    [
        ("客户编号", "customer_id"),
        ("账号", "customer_id"),
        ("Customer ID", "customer_id"),
        ("户名", "name"),
        ("身份证号码", "id_card"),
        ("联系电话", "phone"),
        ("存款余额", "balance"),
        ("日均余额", "balance"),
        ("金融资产", "balance"),
        ("Balance", "balance"),
    ],
)
def test_header_synonyms(header, field):
    other = "余额" if field != "balance" else "客户号"
    result = load(csv_bytes([[header, other], ["1", "2"]]))
    assert result.columns[field] == header


def test_explicit_mapping_chooses_between_two_balance_columns():
    rows = [["客户号", "存款余额", "日均余额（万元）"], ["K1", "100", "2"]]
    assert load(csv_bytes(rows), columns={"余额": "日均余额（万元）"}).balances.tolist() == [2_000_000]
    assert load(csv_bytes(rows), columns={"balance": "存款余额"}).balances.tolist() == [10_000]


def test_mapping_can_say_a_field_is_absent():
    result = load(csv_bytes([["账号", "余额"], ["A1", "1"], ["A1", "2"]]), columns={"客户号": None})
    assert result.customer_ids is None and result.n_accepted == 2
    assert "没有客户号列，无法检查重复的客户" in result.notes


@pytest.mark.parametrize(
    "header, unit, expected",
    [
        ("余额", None, 150),
        ("余额（万元）", None, 1_500_000),
        ("余额（万元）", None, 1_500_000),
        ("余额/万元", None, 1_500_000),
        ("余额（元）", None, 150),
        ("余额", "万元", 1_500_000),
        ("余额（万元）", "元", 150),
    ],
)
def test_unit_from_header_or_option(header, unit, expected):
    result = load(csv_bytes([["客户号", header], ["K1", "1.5"]]), unit=unit)
    assert result.balances.tolist() == [expected]


def test_explicit_unit_against_header_is_noted():
    result = load(csv_bytes([["客户号", "余额（万元）"], ["K1", "1.5"]]), unit="元")
    assert any("表头“余额（万元）”写的单位是万元" in n for n in result.notes)


def test_cell_unit_wins_over_column_unit():
    result = load(csv_bytes([["客户号", "余额（万元）"], ["K1", "500元"], ["K2", "2"]]))
    assert result.balances.tolist() == [50_000, 2_000_000]


def test_title_lines_above_the_header_keep_original_row_numbers():
    rows = [["某支局客户余额明细"], ["导出日期", "2024-06-30"], [], HEADER, GOOD_1, ["K2", "李四", "x"]]
    result = load(csv_bytes(rows))
    assert result.header_row == 4
    assert result.row_numbers.tolist() == [5]
    assert [(r.row, r.reason) for r in result.rejected] == [(6, "not_a_number")]


def test_excel_number_cells():
    data = xlsx_bytes({"明细": [HEADER, ["K1", "张三", 1234.5], ["K2", "李四", 20000], [3, "王五", 0.1]]})
    result = load(data)
    assert result.balances.tolist() == [123450, 2_000_000, 10]
    assert result.customer_ids == ("K1", "K2", "3")


@pytest.mark.parametrize(
    "text, unit, fen",
    [
        ("12345.67", "元", 1234567),
        ("12,345.67", "元", 1234567),
        ("１２，３４５．６７", "元", 1234567),
        ("12.5万", "元", 12_500_000),
        ("12.5 万元", "元", 12_500_000),
        ("¥3,000元", "元", 300_000),
        ("RMB 3000", "元", 300_000),
        ("1 234 567.5", "元", 123_456_750),
        ("1亿", "元", 10_000_000_000),
        ("3", "万元", 3_000_000),
        ("0.000001", "万元", 1),
        ("-0", "元", 0),
        (".5", "元", 50),
        ("+12", "元", 1200),
    ],
)
def test_parse_amount(text, unit, fen):
    assert tl.parse_amount(text, unit) == fen


@pytest.mark.parametrize(
    "value, reason",
    [("", "missing_balance"), ("abc", "not_a_number"), ("1.2e5", "scientific"), ("0.001", "sub_fen"),
     ("-1", "negative"), ("100-", "negative"), ("9" * 40, "too_large"), (float("nan"), "not_a_number"),
     (True, "not_a_number"), (None, "missing_balance"), ("12万5", "not_a_number")],
)
def test_parse_amount_refusals(value, reason):
    with pytest.raises(tl.AmountError) as info:
        tl.parse_amount(value)
    assert info.value.reason == reason


# -- the sample exports -------------------------------------------------------------------
def test_sample_exports_are_what_the_seeded_script_makes():
    script = make_branch_exports()
    from importlib import resources

    folder = resources.files("tiering_lib.datasets.data")
    assert folder.joinpath(SAMPLE_EXPORTS["clean"]).read_bytes() == script.clean_export()
    assert folder.joinpath(SAMPLE_EXPORTS["messy"]).read_bytes() == script.messy_export()
    assert folder.joinpath(SAMPLE_EXPORTS["cards"]).read_bytes() == script.cards_export()


def test_clean_sample_is_gbk_and_all_good():
    result = tl.load_sample_export("clean")
    assert result.encoding == "GB18030/GBK"
    assert result.n_rejected == 0 and result.n_accepted == result.rows_read == 374
    assert set(result.columns) == {"customer_id", "name", "id_card", "phone", "balance"}


def test_messy_sample_has_every_kind_of_problem_once():
    result = tl.load_sample_export("messy")
    assert result.encoding == "UTF-8（带 BOM）" and result.header_row == 2
    counts = result.reason_counts()
    assert set(counts) == {
        "empty_row", "total_row", "cell_count", "missing_id", "missing_balance", "not_a_number", "scientific",
        "negative", "sub_fen", "duplicate_conflict", "duplicate_row",
    }
    assert counts["duplicate_conflict"] == 2 and sum(counts.values()) == 12
    assert result.lines_read == 163 and result.notes[0] == "文件共 163 行：第 1 行是标题等（不是数据），第 2 行是表头，数据 161 行"
    assert_conserved(result)


def test_cards_sample_is_keyed_by_card_with_free_text_and_a_manager():
    result = tl.load_sample_export("cards")
    assert result.encoding == "UTF-8" and result.header == ("卡号", "户名", "联系电话", "账户余额（元）", "客户经理", "备注")
    assert result.reason_counts() == {"missing_balance": 1, "not_a_number": 1, "duplicate_conflict": 2}
    assert all(k.startswith("化名-") for k in result.customer_ids)  # a card number is never a key as it is
    assert result.hidden_columns == (5,) and {r.cells[5:6] for r in result.rejected} <= {("（已隐藏）",), ("",), ()}
    managers = {r.cells[4] for r in result.rejected if r.cells[4:5] != ("",) and len(r.cells) > 4}
    assert managers and all(len(m) >= 2 and set(m[1:]) == {"*"} for m in managers)
    assert_conserved(result)


def test_load_result_refuses_broken_bookkeeping():
    good = load(csv_bytes([HEADER, GOOD_1]))
    from dataclasses import replace

    with pytest.raises(AssertionError):
        replace(good, rows_read=2)


def test_frames_and_table():
    result = load(csv_bytes([HEADER, GOOD_1, GOOD_2, ["K3", "王五", "x"]]))
    table = result.table(tl.builtin_scheme("suzhou_three_class"))
    assert (table.households, table.amounts) == ((1, 1, 0), (120050, 3_000_000, 0))
    frame = result.customers_frame(tl.builtin_scheme("suzhou_three_class"))
    assert frame["层级"].tolist() == ["C", "B"]
    assert frame["余额（元）"].tolist() == ["1,200.50", "30,000.00"]
    assert result.rejected_frame()["原因"].tolist() == ["余额不是数字"]
    assert result.summary().loc["拒绝", "行数"] == 1
    assert result.total_balance == 3_120_050


def test_no_header_found_names_only_what_was_recognised():
    rows = [["某支局客户明细"], ["客户号", "姓名", "日期", "自定义"], ["K1", "张三", "2024-06-30", "x"]]
    with pytest.raises(tl.BranchFileError) as info:
        load(csv_bytes(rows))
    assert info.value.kind == "no_balance_column"
    assert "第 2 行像表头（认出的列：客户号、姓名、日期，另有 1 列没有认出），但找不到余额列" in str(info.value)
    assert "自定义" not in str(info.value) and "张三" not in str(info.value)


def test_a_customer_number_repeated_many_times_names_only_some_rows():
    result = load(("客户号,余额\n" + "K1,1\n" * 20 + "K1,2\n").encode())
    assert result.n_rejected == 21 and result.n_accepted == 0
    assert result.rejected[0].detail == "客户号 K1 出现在 21 行（第 2、3、4、5、6、7、8、9、10、11 行等），余额不同，无法判断哪个对"
