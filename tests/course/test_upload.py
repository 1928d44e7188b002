"""The upload route of notebook 09: bytes in (GBK CSV, xlsx), a clear message for a file that is not an export."""

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


@pytest.mark.parametrize("name, kind", [("报表.pdf", "PDF"), ("名单.docx", "Word"), ("旧表.xls", "旧版 Excel"), ("数据", "没有扩展名")])
def test_a_file_that_is_not_an_export_gets_a_clear_message(name, kind):
    with pytest.raises(tl.BranchFileError) as caught:
        tl.load_upload(b"\x00\x01", name)
    assert caught.value.kind == "unsupported" and kind in str(caught.value) and ".xlsx" in str(caught.value)


def test_the_upload_widget_loads_the_chosen_file_and_says_so():
    up = tl.upload_branch_export()
    button, message = up.children
    sample = read_bytes("branch_export_messy.csv")
    button.value = ({"name": "messy.csv", "type": "text/csv", "size": len(sample), "content": memoryview(sample),
                     "last_modified": NOW},)
    assert up.name == "messy.csv" and up.result.n_accepted + up.result.n_rejected == up.result.rows_read
    assert "已读入" in message.value and f"{up.result.n_accepted:,}" in message.value
    button.value = ({"name": "x.pdf", "type": "application/pdf", "size": 3, "content": memoryview(b"%PD"),
                     "last_modified": NOW},)
    assert up.result is None and "PDF" in message.value
