"""The upload route of notebook 09: bytes in (GBK CSV, xlsx), a clear message for a file that is not an export,
the balance unit and column chosen in the widget, and the sample export when nothing was uploaded."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import tiering_lib as tl
from tiering_lib.datasets.files import read_bytes

NOW = datetime(2026, 11, 29, tzinfo=timezone.utc)


def test_a_gbk_csv_is_read_from_its_bytes():
    data = "客户号,姓名,余额(元)\nK001,张三,\"12,000.50\"\nK002,李四,300\n".encode("gbk")
    result = tl.load_upload(data, "网点导出.csv")
    assert result.n_accepted == 2 and result.balances.tolist() == [1_200_050, 30_000]


def test_an_xlsx_export_is_read_from_its_bytes():
    from helpers.exports import xlsx_bytes

    result = tl.load_upload(xlsx_bytes({"客户": [["客户号", "余额"], ["K1", 100], ["K2", 250.5]]}), "导出.xlsx")
    assert result.n_accepted == 2


@pytest.mark.parametrize(
    "name, kind", [("报表.pdf", "这是 PDF 文件"), ("名单.docx", "这是 Word 文件"), ("旧表.xls", "这是旧版 Excel（.xls）文件"),
                   ("数据", "这是没有扩展名的文件"), ("图.webp", "这是“.webp”类型的文件")],
)
def test_a_file_that_is_not_an_export_gets_a_clear_message(name, kind):
    with pytest.raises(tl.BranchFileError) as caught:
        tl.load_upload(b"\x00\x01", name)
    message = str(caught.value)
    assert caught.value.kind == "unsupported" and message.startswith(f"{name}：{kind}，") and ".xlsx" in message
    assert ("另存为" in message) == (name.endswith(".xls"))


def _choose(up, name: str, content: bytes) -> None:
    button = up.children[0].children[0]
    button.value = ({"name": name, "type": "", "size": len(content), "content": memoryview(content),
                     "last_modified": NOW},)


def _parts(up):
    (button, unit, column), message = up.children[0].children, up.children[1]
    return unit, column, message


def test_the_upload_widget_loads_the_chosen_file_and_says_so():
    up = tl.upload_branch_export()
    unit, column, message = _parts(up)
    _choose(up, "messy.csv", read_bytes("branch_export_messy.csv"))
    r = up.result
    assert up.name == "messy.csv" and r.n_accepted + r.n_rejected == r.rows_read
    assert "已读入" in message.value and f"接受 {r.n_accepted:,} 行 + 拒绝 {r.n_rejected:,} 行" in message.value
    assert up.or_sample("clean") is r
    _choose(up, "x.pdf", b"%PD")
    assert up.result is None and "PDF" in message.value
    assert up.or_sample("clean").source == "branch_export_clean.csv"  # nothing usable uploaded: the sample


def test_choosing_the_unit_reads_the_same_file_again():
    up = tl.upload_branch_export()
    unit, column, message = _parts(up)
    _choose(up, "网点.csv", "客户号,余额\nK1,3\nK2,25\n".encode("gbk"))
    assert up.result.balances.tolist() == [300, 2_500] and "余额单位：元" in message.value
    unit.value = "万元"
    assert up.result.balances.tolist() == [3_000_000, 25_000_000] and "余额单位：万元" in message.value
    unit.value = ""  # 自动识别
    assert up.result.balances.tolist() == [300, 2_500]


def test_two_balance_columns_are_settled_in_the_widget_not_in_code():
    up = tl.upload_branch_export()
    unit, column, message = _parts(up)
    _choose(up, "两列.csv", "客户号,日均余额,存款余额\nK1,100,200\n".encode())
    assert up.result is None and "“存款余额”、“日均余额”" in message.value
    assert "“余额列”框" in message.value and "columns=" not in message.value and "--column" not in message.value
    column.value = "存款"
    assert up.result is None and "“存款”不在表头里" in message.value
    column.value = "存款余额"
    assert up.result.balances.tolist() == [20_000] and "已读入" in message.value


def test_the_static_picture_shows_the_button_and_the_options():
    html = tl.upload_branch_export()._repr_mimebundle_()["text/html"]
    assert "选择文件" in html and "余额单位" in html and "自动识别" in html and "余额列" in html
