from decimal import Decimal

import pytest

import tiering_lib as tl


@pytest.mark.parametrize(
    "value, unit, fen",
    [
        ("322918.32184", "万元", 322_918_321_840),
        ("239506.0009", "万元", 239_506_000_900),
        ("1", "亿元", 10_000_000_000),
        ("0.01", "元", 1),
        (10000, "元", 1_000_000),
        (" 5 ", "万元", 5_000_000),
        (Decimal("19.99"), "元", 1999),
    ],
)
def test_to_fen_exact(value, unit, fen):
    assert tl.to_fen(value, unit) == fen


@pytest.mark.parametrize("bad", [0.1, "abc", "1.001", "NaN", "inf", True])
def test_to_fen_refuses_inexact_or_non_numbers(bad):
    with pytest.raises(tl.DataError):
        tl.to_fen(bad)


def test_unknown_unit():
    with pytest.raises(tl.DataError, match="不认识单位“美元”"):
        tl.to_fen("1", "美元")


def test_round_trip_units():
    fen = 3_107_282_898_820
    assert tl.fen_to_unit(fen, "万元") == Decimal("3107282.89882")
    assert tl.fen_to_unit(fen, "亿元") == Decimal("310.728289882")
    assert tl.to_fen(tl.fen_to_unit(fen, "亿元"), "亿元") == fen
    assert str(tl.fen_to_unit(1_000_000, "元")) == "10000"


def test_formatting():
    assert tl.format_amount(322_918_321_840, "万元", 2) == "322,918.32"
    assert tl.format_amount(322_918_321_840, "万元", 2, suffix=True) == "322,918.32万元"
    assert tl.format_percent(Decimal("0.095347"), 3) == "9.535%"
    # half up, as Excel prints: 0.0000045 -> 0.0005% at 4 places... and 0.00045 at 3
    assert tl.format_percent(Decimal("0.0000045"), 4) == "0.0005%"
    assert tl.round_half_up(Decimal("2.5"), 0) == Decimal("3")
