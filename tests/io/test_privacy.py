"""Masking of ID-card numbers, phone numbers and names, and that raw values never leave the loader."""

from __future__ import annotations

import openpyxl
import pytest
from helpers.exports import RAW_ID, RAW_ID_X, RAW_NAME, RAW_PHONE, csv_bytes, xlsx_bytes
from hypothesis import given
from hypothesis import strategies as st

import tiering_lib as tl


@pytest.mark.parametrize(
    "raw, masked",
    [
        ("110101199003071234", "110***********1234"),
        ("11010119900307123X", "110***********123X"),
        ("110101900307123", "110********7123"),  # old 15-digit number
        ("１１０１０１１９９００３０７１２３４", "110***********1234"),  # full-width digits
        (" 110101 19900307 1234 ", "110***********1234"),
        ("1234567", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_card(raw, masked):
    assert tl.mask_id_card(raw) == masked


@pytest.mark.parametrize(
    "raw, masked",
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("008613812345678", "138****5678"),
        ("0512-65123456", "051*****3456"),
        ("１３８１２３４５６７８", "138****5678"),
        ("123456", "******"),
        ("", ""),
    ],
)
def test_mask_phone(raw, masked):
    assert tl.mask_phone(raw) == masked


@pytest.mark.parametrize(
    "raw, masked",
    [("张三", "张*"), ("欧阳娜娜", "欧***"), ("李", "*"), (" 王 小 明 ", "王**"), ("John Smith", "J********"), ("", "")],
)
def test_mask_name(raw, masked):
    assert tl.mask_name(raw) == masked


def test_mask_text_finds_numbers_in_free_text_and_leaves_amounts():
    text = f"客户{RAW_NAME}手机{RAW_PHONE},证件{RAW_ID};余额 1,234,567.89 元,账户 6222"
    masked = tl.mask_text(text)
    assert RAW_PHONE not in masked and RAW_ID not in masked
    assert "106****5678" in masked and "910***********1234" in masked
    assert "1,234,567.89" in masked and "6222" in masked


_DIGITS = st.text(alphabet="0123456789", min_size=0, max_size=25)


@given(st.one_of(_DIGITS, st.text(max_size=25)))
def test_masking_is_idempotent(value):
    for mask in (tl.mask_id_card, tl.mask_phone, tl.mask_name, tl.mask_text):
        once = mask(value)
        assert mask(once) == once


@given(st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True))
def test_an_id_keeps_only_its_first_three_and_last_four(number):
    masked = tl.mask_id_card(number)
    assert len(masked) == 18 and masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert set(masked[3:-4]) == {"*"}


@given(
    number=st.from_regex(r"1[0-9]{10}", fullmatch=True),
    before=st.text(alphabet="客户电话:, ab", max_size=5),
    after=st.text(alphabet="客户电话:, ab", max_size=5),
)
def test_mask_text_hides_any_mobile_number(number, before, after):
    masked = tl.mask_text(before + number + after)
    assert number not in masked
    assert number[:3] + "****" + number[-4:] in masked


# -- raw values never leave the loader ------------------------------------------------------
ROWS = [
    ["客户号", "姓名", "身份证号", "手机号", "余额", "备注"],
    ["K1", RAW_NAME, RAW_ID, RAW_PHONE, "1,000.00", "正常"],
    ["K2", "测试乙", RAW_ID_X, "10712345678", "abc", f"请联系 {RAW_PHONE}"],  # rejected: not a number
    ["K3", "测试丙", "930101199001010011", "10812345678", f"{RAW_PHONE}", ""],  # a phone in the balance column
]
RAW = [RAW_NAME, RAW_ID, RAW_ID_X, RAW_PHONE, "10712345678", "930101199001010011", "10812345678", "测试乙", "测试丙"]


def _assert_no_raw(text: str) -> None:
    for raw in RAW:
        assert raw not in text, raw


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_nothing_raw_in_any_display(fmt):
    data = csv_bytes(ROWS, "gbk") if fmt == "csv" else xlsx_bytes({"明细": ROWS})
    result = tl.load_branch_export(data, name="隐私.csv")
    assert result.n_accepted == 1 and result.n_rejected == 2
    scheme = tl.builtin_scheme("core_four_class")
    shown = [
        repr(result),
        result._repr_html_(),
        result.customers_frame(scheme).to_string(),
        result.rejected_frame().to_string(),
        result.summary().to_string(),
        repr(result.rejected),
        repr((result.names, result.id_cards, result.phones)),
        tl.tier_report(result, scheme)._repr_html_(),
    ]
    for text in shown:
        _assert_no_raw(text)
    assert result.names == ("欧***",)


def test_nothing_raw_in_the_report(tmp_path):
    result = tl.load_branch_export(csv_bytes(ROWS), name="隐私.csv")
    path = tl.tier_report(result).save(tmp_path / "报告.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    book.close()
    assert cells
    _assert_no_raw("\n".join(cells))
    assert "910***********1234" in cells and "106****5678" in cells
