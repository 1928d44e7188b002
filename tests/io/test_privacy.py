"""Masking of ID-card numbers, phone numbers and names, and that raw values never leave the loader."""

from __future__ import annotations

import openpyxl
import pytest
from helpers.exports import RAW_ID, RAW_ID_X, RAW_NAME, RAW_PHONE, csv_bytes, leaks, report_texts, xlsx_bytes
from hypothesis import given, settings
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


@pytest.mark.parametrize(
    "raw, masked",
    [("E12345678", "E******78"), ("护照 E12345678", "***********"), ("张三", "**"), ("11010119900307123x", "110***********123x")],
)
def test_mask_id_card_of_passports_and_of_text(raw, masked):
    assert tl.mask_id_card(raw) == masked


@pytest.mark.parametrize(
    "text, raw",
    [
        ("身份证号：910101199003071234", "910101199003071234"),
        ("证件 910101 19900307 1234 已核", "910101 19900307 1234"),
        ("ID 9101-0119-9003-0712-34", "9101-0119-9003-0712-34"),
        ("旧证 910101900307123", "910101900307123"),
        ("手机 106.1234.5678", "106.1234.5678"),
        ("手机+86 106 1234 5678", "106 1234 5678"),
        ("座机（0512）65123456转8001", "65123456"),
        ("电话 021-6512-3456", "021-6512-3456"),
        ("卡号6222 0212 3456 7890 123", "6222 0212 3456 7890 123"),
        ("卡号 6222021234567890", "6222021234567890"),
        ("账号 62220212345678901234", "62220212345678901234"),
        ("护照号EA1234567", "EA1234567"),
        ("护照 G12345678", "G12345678"),
        ("护照：E 12345678", "E 12345678"),
        ("电话：65123456", "65123456"),
        ("座机 6512345", "6512345"),
        ("邮箱 zhangsan1990@example.com", "zhangsan1990"),
        ("全角１０６１２３４５６７８", "１０６１２３４５６７８"),
    ],
)
def test_mask_text_finds_personal_numbers_however_written(text, raw):
    masked = tl.mask_text(text)
    assert raw not in masked
    assert tl.mask_text(masked) == masked


@pytest.mark.parametrize("text", ["1,234,567.89", "2024-06-30", "93010000001", "余额 12.5万", "K001", "第 3 季度 2024"])
def test_mask_text_leaves_amounts_dates_and_codes(text):
    assert tl.mask_text(text) == text


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


@given(st.text(alphabet="0123456789", min_size=1, max_size=25))
def test_the_fast_check_of_digit_keys_agrees_with_mask_text(key):
    from tiering_lib.io.privacy import has_personal_number
    from tiering_lib.io.row_masking import KeyMasker

    shown = KeyMasker()(key)
    assert (shown != key) == has_personal_number(key), key


def test_customer_numbers_are_kept_plain_or_replaced_by_a_stable_pseudonym():
    from tiering_lib.io.row_masking import KeyMasker

    keys, other = KeyMasker(), KeyMasker()
    assert [keys(k) for k in ("K001", "93010000001", "C-2024/001")] == ["K001", "93010000001", "C-2024/001"]
    personal = [RAW_ID, RAW_PHONE, "6222021234567890", "E12345678", RAW_NAME, "0512-65123456"]
    shown = [keys(k) for k in personal]
    assert all(s.startswith("化名-") and len(s) == 19 for s in shown)
    assert len(set(shown)) == len(shown)
    assert [keys(k) for k in personal] == shown  # stable within one reading
    assert [other(k) for k in personal] != shown  # a fresh key for each reading
    assert KeyMasker(all_personal=True)("K001").startswith("化名-")


@given(st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True))
def test_an_id_keeps_only_its_first_three_and_last_four(number):
    masked = tl.mask_id_card(number)
    assert len(masked) == 18 and masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert set(masked[3:-4]) == {"*"}


@given(
    number=st.from_regex(r"1[0-9]{10}", fullmatch=True),
    before=st.text(alphabet="客户电话：， ab", max_size=5),
    after=st.text(alphabet="客户电话：， ab", max_size=5),
)
def test_mask_text_hides_any_mobile_number(number, before, after):
    masked = tl.mask_text(before + number + after)
    assert number not in masked
    assert number[:3] + "****" + number[-4:] in masked


# -- raw values never leave the loader ------------------------------------------------------
def _load(rows, **options):
    return tl.load_branch_export(csv_bytes(rows), name="隐私.csv", **options)


def test_free_text_and_unrecognised_columns_are_hidden_unless_kept():
    rows = [
        ["客户号", "余额", "备注", "联系人", "地址", "QQ", "开户网点"],
        ["K1", "x", f"客户{RAW_NAME}来电 {RAW_PHONE}", "测试乙", "北京市某路 1 号", "123456789", "城东支局"],
    ]
    hidden = _load(rows)
    assert hidden.rejected[0].cells == ("K1", "（已隐藏）", "（已隐藏）", "测**", "（已隐藏）", "（已隐藏）", "城东支局")
    assert hidden.hidden_columns == (2, 4, 5)
    assert any(n.startswith("整列隐藏（自由文本、地址或没有认出的列，可能含姓名）：“备注”、“地址”、“QQ”") for n in hidden.notes)
    kept = _load(rows, keep_text_columns=True)
    assert kept.rejected[0].cells[2] == f"客户{RAW_NAME}来电 106****5678"  # numbers still masked; names are not found
    assert kept.hidden_columns == ()
    assert any(n.startswith("按要求保留了自由文本列 “备注”、“地址”、“QQ”") for n in kept.notes)


@pytest.mark.parametrize(
    "header, value, shown",
    [
        ("联系人", "测试乙", "测**"), ("持卡人", RAW_NAME, "欧***"), ("账户名称", "测试丙公司", "测****"),
        ("户名", "测试丁", "测**"), ("卡号", "6222021234567890", "6222********7890"),
        ("账号", "62220212345678901", "6222*********8901"), ("护照号码", "E12345678", "E******78"),
        ("固定电话", "0512-65123456", "051*****3456"), ("家庭住址", "某市某路 8 号", "（已隐藏）"),
    ],
)
def test_columns_are_masked_by_their_meaning(header, value, shown):
    result = _load([["客户号", "余额", header], ["K1", "x", value]])
    assert result.rejected[0].cells[2] == shown


def test_a_card_number_as_the_customer_key_becomes_a_pseudonym_and_still_finds_duplicates():
    rows = [["卡号", "余额"], ["6222021234567890", "100"], ["6222021234567891", "5"], ["6222021234567890", "100"]]
    result = _load(rows)
    assert result.n_accepted == 2 and [r.reason for r in result.rejected] == ["duplicate_row"]
    first, second = result.customer_ids
    assert first.startswith("化名-") and second.startswith("化名-") and first != second
    assert first in result.rejected[0].detail and first == result.rejected[0].cells[0]
    assert any("客户号列“卡号”是卡号、账号、证件号或电话" in n for n in result.notes)


def test_id_numbers_used_as_customer_numbers_become_pseudonyms():
    rows = [["客户号", "余额"], [RAW_ID, "1"], ["K2", "2"], [RAW_ID, "3"]]
    result = _load(rows)
    assert result.customer_ids == ("K2",)
    assert [r.reason for r in result.rejected] == ["duplicate_conflict", "duplicate_conflict"]
    assert RAW_ID not in repr(result.rejected) and "化名-" in result.rejected[0].detail


def test_a_row_shifted_by_a_stray_comma_shows_no_name():
    rows = [["客户号", "姓名", "余额", "证件号"], ["K1", "测试", RAW_NAME, "100", RAW_ID]]  # the name typed with a comma
    result = _load(rows)
    assert result.rejected[0].reason == "cell_count"
    assert result.rejected[0].cells == ("（已隐藏）", "（已隐藏）", "（已隐藏）", "100", "910***********1234")
    rows = [["客户号", "姓名", "余额"], ["K1", "", RAW_NAME]]  # the name in the balance column
    result = _load(rows)
    assert RAW_NAME not in repr(result.rejected) and "内容不像金额，已隐藏" in result.rejected[0].detail


@pytest.mark.parametrize(
    "rows, options",
    [
        ([[RAW_NAME, RAW_ID, RAW_PHONE], ["测试乙", RAW_ID_X, "10712345678"]], {}),  # no header at all
        ([["客户号", "姓名", "", ""], ["K1", RAW_NAME, RAW_ID, RAW_PHONE]], {}),  # an empty header cell
        ([["客户号", "姓名", "余额"], ["K1", RAW_NAME, RAW_PHONE]], {"columns": {"余额": "日均余额"}}),
        ([["客户", "电话", "金额x"], [RAW_NAME, RAW_PHONE, RAW_ID]] * 3, {"columns": {"姓名": "客户名"}}),
    ],
)
def test_whole_file_errors_quote_no_data(rows, options):
    with pytest.raises(tl.BranchFileError) as info:
        _load(rows, **options)
    for raw in (RAW_NAME, RAW_ID, RAW_ID_X, RAW_PHONE, "10712345678", "测试乙"):
        assert raw not in str(info.value), str(info.value)
        assert raw not in repr(info.value.args)


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
    assert "已脱敏的列：“姓名”（只保留第一个字）、“身份证号”（只保留前 3 位和后 4 位）、“手机号”（只保留前 3 位和后 4 位）" in cells


# -- property: whatever column a personal value is typed into, it is not shown ------------------
_SEP = st.sampled_from(["", " ", "-"])


@st.composite
def _id_number(draw):
    digits = "9" + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=16, max_size=16))) + draw(st.sampled_from("0123456789X"))
    sep = draw(_SEP)
    text = digits[:6] + sep + digits[6:14] + sep + digits[14:] if draw(st.booleans()) else digits
    return draw(st.sampled_from(["", "身份证：", "证件号 "])) + text, digits


@st.composite
def _phone(draw):
    digits = "10" + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))
    sep = draw(st.sampled_from(["", " ", "-", "."]))
    return draw(st.sampled_from(["", "+86 ", "手机"])) + digits[:3] + sep + digits[3:7] + sep + digits[7:], digits


@st.composite
def _card(draw):
    n = draw(st.integers(16, 19))
    digits = "6" + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=n - 1, max_size=n - 1)))
    sep = draw(_SEP)
    return sep.join(digits[i : i + 4] for i in range(0, n, 4)), digits


@st.composite
def _passport(draw):
    digits = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=8, max_size=8)))
    return draw(st.sampled_from(["E", "G", "护照E"])) + digits, digits


_NUMBERS = st.one_of(_id_number(), _phone(), _card(), _passport())
_NAMES = st.sampled_from(["欧阳测试", "司马假名", "测试乙丙", "端木某某"]).map(lambda n: (n, n))
# Column headers and what may be typed into them: a name only where no rule could show it.
_COLUMNS = {
    "客户号": st.one_of(_NUMBERS, _NAMES), "户名": st.one_of(_NUMBERS, _NAMES), "证件号码": _NUMBERS,
    "联系电话": _NUMBERS, "卡号": _NUMBERS, "家庭住址": st.one_of(_NUMBERS, _NAMES), "备注": st.one_of(_NUMBERS, _NAMES),
    "联系人": st.one_of(_NUMBERS, _NAMES), "自定义列": st.one_of(_NUMBERS, _NAMES), "开户网点": _NUMBERS,
    "余额": st.one_of(_NUMBERS, _NAMES),
}


@settings(max_examples=30, deadline=None)
@given(data=st.data(), columns=st.lists(st.sampled_from([c for c in _COLUMNS if c != "余额"]), min_size=1, max_size=5, unique=True))
def test_personal_values_in_any_column_never_reach_any_output(data, columns, tmp_path_factory):
    header = [*columns, "余额"]
    rows, planted = [], []
    for _ in range(data.draw(st.integers(1, 4))):
        row = []
        for column in header:
            if column == "余额" and data.draw(st.booleans()):
                row.append("100")
                continue
            shown, bare = data.draw(_COLUMNS[column])
            row.append(shown)
            planted.append(bare)
        rows.append(row)
    result = tl.load_branch_export(csv_bytes([header, *rows]), name="隐私.csv")
    path = tl.tier_report(result).save(tmp_path_factory.mktemp("r") / "报告.xlsx")
    shown = [repr(result), result._repr_html_(), result.rejected_frame().to_string(), *report_texts(path)]
    assert leaks(shown, planted) == []
