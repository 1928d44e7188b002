"""Balance cells: only ASCII and full-width digits are digits, Excel float noise, absurd lengths."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tiering_lib as tl
from tiering_lib.io.amounts import MAX_BALANCE_FEN


@pytest.mark.parametrize(
    "text",
    [
        "1000²",  # superscript two: NFKC would make it 10002
        "5①",  # circled one: NFKC would make it 51
        "١٢٣",  # Arabic-Indic digits
        "۱۲۳",  # Extended Arabic-Indic digits
        "१२३",  # Devanagari digits
        "１２³",
        "12½",
        "Ⅻ",
        "𝟏𝟐𝟑",  # mathematical bold digits
    ],
)
def test_only_ascii_and_full_width_digits_are_digits(text):
    with pytest.raises(tl.AmountError) as info:
        tl.parse_amount(text)
    assert info.value.reason == "not_a_number"


@pytest.mark.parametrize(
    "text, fen",
    [("１２３", 12300), ("１２，３４５．６７", 1234567), ("－１２", None), ("￥１，０００元", 100000), ("1\u00a0234\u00a0567", 123456700)],
)
def test_full_width_forms_still_read(text, fen):
    if fen is None:
        with pytest.raises(tl.AmountError, match="负数"):
            tl.parse_amount(text)
    else:
        assert tl.parse_amount(text) == fen


@pytest.mark.parametrize("cell", ["0" * 5000 + "1", "9" * 5000, "1" + "0" * 4999 + ".5", "0." + "0" * 5000 + "1", "1," * 2500 + "000"])
def test_a_five_thousand_digit_cell_is_a_rejected_row_not_a_crash(cell):
    if cell.startswith("0" * 5000):
        assert tl.parse_amount(cell) == 100
        return
    with pytest.raises(tl.AmountError) as info:
        tl.parse_amount(cell)
    assert info.value.reason in ("too_large", "sub_fen", "not_a_number")


def test_huge_python_numbers_are_refused_without_printing_them():
    with pytest.raises(tl.AmountError, match="位数过多") as info:
        tl.parse_amount(10**5000)
    assert info.value.reason == "too_large"
    for value in (Decimal("1E+5000"), Decimal("1E-5000"), Decimal("-1E+99999")):
        with pytest.raises(tl.AmountError):
            tl.parse_amount(value)


@pytest.mark.parametrize(
    "value, fen",
    [
        (0.1 + 0.2, 30),  # 0.30000000000000004
        (1234567.1 * 3, 370370130),  # 3703701.3000000003
        (0.07 * 100, 700),  # 7.000000000000001
        (1.1 + 2.2, 330),
        (9999999999.99, 999999999999),
        (0.3 - 0.1 - 0.2, 0),  # -2.7755575615628914e-17
        (sum([0.1] * 1000), 10_000),  # 99.9999999999986
        (1e-20, 0),
        (1e-7, None),
        (12345678.905, None),  # a real half 分
        (0.001, None),
        (-0.5, None),
    ],
)
def test_excel_float_noise_is_a_whole_fen_real_fractions_of_a_fen_are_not(value, fen):
    if fen is None:
        with pytest.raises(tl.AmountError) as info:
            tl.parse_amount(value)
        assert info.value.reason == ("negative" if value < 0 else "sub_fen")
    else:
        assert tl.parse_amount(value) == fen


@given(st.integers(0, MAX_BALANCE_FEN), st.integers(0, 3))
def test_a_whole_fen_as_a_float_plus_noise_is_read_exactly(fen, ulps):
    import math

    value = fen / 100
    for _ in range(ulps):
        value = math.nextafter(value, math.inf)
    assert tl.parse_amount(value) == fen


def test_wan_column_floats():
    assert tl.parse_amount(0.000001, "万元") == 1
    assert tl.parse_amount(12.3456 * 3, "万元") == 37_036_800  # 37.0368万元 = 370,368 元
    assert tl.parse_amount(1.1 + 2.2, "万元") == 3_300_000
