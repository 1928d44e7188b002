"""Reading CSV exports: encodings per row, stray quotes, cell counts, separators, pipes and size limits."""

from __future__ import annotations

import os
import threading

import pytest
from helpers.exports import RAW_NAME, csv_bytes

import tiering_lib as tl
from tiering_lib.io import decoding, sources


def load(data: bytes, **options) -> tl.LoadResult:
    return tl.load_branch_export(data, name="测试.csv", **options)


def outcome(result: tl.LoadResult) -> tuple[list, list]:
    accepted = list(zip(result.row_numbers.tolist(), result.balances.tolist()))
    return accepted, [(r.row, r.reason) for r in result.rejected]


# -- encodings: decided by the file, checked row by row --------------------------------------
def test_a_gbk_row_inside_a_utf8_file_is_reported_not_garbled():
    data = "客户号,姓名,余额\nK1,张三,100\n".encode() + "K2,李四,200\n".encode("gbk") + "K3,王五,300\n".encode()
    result = load(data)
    assert result.encoding == "UTF-8"
    assert outcome(result) == ([(2, 10000), (4, 30000)], [(3, "mixed_encoding")])
    assert "李" not in repr(result.rejected) and "\ufffd" not in repr(result.rejected)


def test_a_utf8_row_inside_a_gbk_file_is_reported_not_garbled():
    data = "客户号,姓名,余额\nK1,张三,100\n".encode("gbk") + "K2,欧阳娜娜,200\n".encode() + "K3,王五,300\n".encode("gbk")
    result = load(data)
    assert result.encoding == "GB18030/GBK"
    assert outcome(result) == ([(2, 10000), (4, 30000)], [(3, "mixed_encoding")])


def test_undecodable_bytes_are_reported_per_row_never_replaced():
    data = "客户号,姓名,余额\nK1,张三,100\n".encode() + b"K2,\xff\xfe\x80,200\n" + "K3,王五,300\n".encode()
    result = load(data)
    assert outcome(result) == ([(2, 10000), (4, 30000)], [(3, "undecodable")])
    assert "UTF-8" in result.rejected[0].detail
    assert any("无法解码的字节或混用了编码" in n for n in result.notes)


def test_a_file_of_garbage_is_an_encoding_error():
    with pytest.raises(tl.BranchFileError) as info:
        load(bytes(range(128, 256)) * 20 + b"\n" + bytes(range(255, 127, -1)) * 20)
    assert info.value.kind == "encoding"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding):
    data = "客户号\t余额\r\nK1\t5\r\nK2\t6\r\n".encode(encoding)
    result = load(data)
    assert result.balances.tolist() == [500, 600] and result.encoding == "UTF-16"


def test_a_file_with_carriage_returns_only():
    result = load(b"ID,balance\rK1,5\rK2,6\r")
    assert outcome(result) == ([(2, 500), (3, 600)], [])


def test_explicit_encoding_that_does_not_fit_most_rows_is_refused():
    with pytest.raises(tl.BranchFileError, match="不能按 utf-8 解码") as info:
        load(csv_bytes([["客户号", "姓名", "余额"], ["K1", "张三", "1"]], "gbk"), encoding="utf-8")
    assert info.value.kind == "encoding"


# -- quotes -----------------------------------------------------------------------------------
def test_a_stray_opening_quote_never_swallows_the_rest_of_the_file():
    lines = ["客户号,姓名,余额", 'K1,"张三,100'] + [f"K{i},李四,{i}" for i in range(2, 200)]
    result = load(("\n".join(lines) + "\n").encode())
    assert result.rows_read == 199
    assert outcome(result)[1] == [(2, "bad_quotes")]
    assert result.row_numbers.tolist() == list(range(3, 201))
    assert any("引号没有配对" in n for n in result.notes)


def test_a_stray_quote_closed_rows_later_still_gives_every_row():
    text = '客户号,姓名,余额\nK1,"张三,100\nK2,李四,200\nK3,王五",300\nK4,赵六,400\n'
    assert outcome(load(text.encode())) == ([(3, 20000), (5, 40000)], [(2, "bad_quotes"), (4, "bad_quotes")])


def test_a_stray_quote_past_the_first_megabyte_is_found(monkeypatch):
    monkeypatch.setattr(decoding, "_CHUNK", 1000)  # many chunks: the record crosses chunk boundaries
    lines = ["客户号,余额"] + [f"K{i},{i}" for i in range(1, 300)]
    lines[150] = 'K150,"150'
    result = load(("\n".join(lines) + "\n").encode())
    assert result.rows_read == 299 and outcome(result)[1] == [(151, "bad_quotes")]


def test_a_cell_with_line_breaks_is_read_and_reported():
    rows = [["客户号", "地址", "余额"], ["K1", "北京市\n海淀区", "100"], ["K2", "上海", "200"]]
    result = load(csv_bytes(rows))
    assert outcome(result) == ([(2, 10000), (4, 20000)], [])
    assert result.lines_read == 4
    assert any(n.startswith("有 1 行的格子里有换行，一行占了多个物理行（第 2 行）") for n in result.notes)


@pytest.mark.parametrize("line", ['K1,张"三,100', 'K1,"张三"x,100', 'K1,"张三,100'])
def test_unbalanced_quotes_in_one_line_are_rejected(line):
    result = load(f"客户号,姓名,余额\n{line}\nK2,李四,200\n".encode())
    assert outcome(result) == ([(3, 20000)], [(2, "bad_quotes")])


@pytest.mark.parametrize("length", [40_000, 200_000])
def test_an_implausibly_long_cell_is_rejected(length):
    rows = [["客户号", "备注", "余额"], ["K1", "长" * length, "100"], ["K2", "", "200"]]
    result = load(csv_bytes(rows))
    assert outcome(result) == ([(3, 20000)], [(2, "field_too_long")])


def test_an_implausibly_long_line_is_rejected_and_the_next_rows_read():
    data = b"ID,balance\nK1," + b"9" * (decoding.MAX_LINE_BYTES + 10) + b"\nK2,5\n"
    assert outcome(load(data)) == ([(3, 500)], [(2, "line_too_long")])


# -- cells and separators ---------------------------------------------------------------------
def test_an_unquoted_thousands_separator_is_never_read_as_a_smaller_balance():
    result = load("客户号,姓名,余额,备注\nK1,张三,1,234.56,\nK2,李四,5,\n".encode())
    assert outcome(result) == ([(3, 500)], [(2, "cell_count")])
    assert result.rejected[0].detail == "表头有 4 列，本行有 5 列（金额里的千分位逗号可能没加引号）"


def test_rows_with_fewer_cells_than_the_header_are_rejected():
    assert outcome(load("客户号,余额,备注\nK1,5\nK2,6,\n".encode())) == ([(3, 600)], [(2, "cell_count")])


def test_a_file_whose_rows_all_disagree_with_the_header_says_so():
    result = load("客户号,余额\nK1,5,\nK2,6,\nK3,7\n".encode())
    assert result.n_accepted == 1
    assert any(n.startswith("有 2 行都是 3 列，而表头是 2 列") for n in result.notes)


@pytest.mark.parametrize("title", ["导出;2024年6月;城东", "日期|2024-06-30|网点|城东", "说明\t模拟数据"])
def test_a_title_line_with_other_separators_does_not_decide_the_separator(title):
    result = load(f"{title}\n客户号,姓名,余额\nK1,张三,\"1,200.50\"\n".encode())
    assert (result.header_row, result.balances.tolist()) == (2, [120050])


@pytest.mark.parametrize("delimiter", ["\t", ";", "|"])
def test_other_separators_with_commas_in_cells(delimiter):
    data = csv_bytes([["客户号", "姓名", "余额"], ["K1", "张,三", "1,200.50"]], delimiter=delimiter)
    assert load(data).balances.tolist() == [120050]


def test_lines_read_counts_title_header_data_and_trailing_blank_lines():
    result = load("标题\n客户号,余额\nK1,1\n\nK2,2\n\n\n".encode())
    assert (result.lines_read, result.rows_read, result.header_row) == (7, 3, 2)
    assert result.notes[0] == "文件共 7 行：第 1 行是标题等（不是数据），第 2 行是表头，数据 3 行，末尾 2 个空行不是数据"


# -- where the bytes come from ------------------------------------------------------------------
def test_reading_from_a_pipe(tmp_path):
    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    data = csv_bytes([["客户号", "余额"], ["K1", "5"], ["K2", "6"]], "gbk")

    def write():
        with open(fifo, "wb") as f:
            f.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    result = tl.load_branch_export(fifo)
    writer.join()
    assert result.balances.tolist() == [500, 600] and result.encoding == "GB18030/GBK"


def test_an_endless_input_stops_at_the_limit(monkeypatch):
    monkeypatch.setattr(sources, "MAX_STREAM_BYTES", 3 * 2**20)
    with pytest.raises(tl.BranchFileError, match="输入超过 3 MB 仍未结束") as info:
        tl.load_branch_export("/dev/zero")
    assert info.value.kind == "too_large"


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "大.csv"
    path.write_bytes(b"ID,balance\n" + b"K1,1\n" * 1000)
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1000)
    with pytest.raises(tl.BranchFileError) as info:
        tl.load_branch_export(path)
    assert info.value.kind == "too_large"


def test_a_file_changed_while_it_is_read_is_refused(tmp_path):
    path = tmp_path / "导出.csv"
    path.write_bytes(b"ID,balance\nK1,1\n")
    source = sources.open_source(path)
    path.write_bytes(b"ID,balance\nK1,1\nK2,2\n")
    with pytest.raises(tl.BranchFileError) as info:
        source.open()
    assert info.value.kind == "changed"


def test_rows_above_the_header_that_look_like_data_are_rejected_not_lost():
    result = load("K0,张三,5\n某支局客户明细\n导出日期,2024-06-30\n客户号,姓名,余额\nK1,李四,1\n".encode())
    assert outcome(result) == ([(5, 100)], [(1, "above_header")])
    assert result.rows_read == 2
    assert result.notes[0].startswith("文件共 5 行：第 1–3 行在表头上方（其中 1 行像数据或无法读取，已列入“问题数据”）")


def test_personal_data_in_a_title_line_is_not_kept():
    result = load(f"客户经理：{RAW_NAME}\n客户号,余额\nK1,5\n".encode())
    assert RAW_NAME not in repr(result) + repr(result.notes) + repr(result.rejected) + repr(result.header)
