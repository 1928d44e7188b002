from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import tiering_lib as tl
from tiering_lib.core.tables import COLUMNS


def test_boundaries_exactly_on_a_threshold(five, three, four):
    # exactly 10,000 元 is in 1万-5万; exactly 200,000 元 is in A
    assert tl.tier_codes([tl.to_fen("10000")], five).tolist() == ["2"]
    assert tl.tier_codes([tl.to_fen("9999.99")], five).tolist() == ["1"]
    assert tl.tier_codes([tl.to_fen("200000")], three).tolist() == ["A"]
    assert tl.tier_codes([tl.to_fen("199999.99")], three).tolist() == ["B"]
    assert tl.tier_codes([tl.to_fen("500000"), tl.to_fen("499999.99")], four).tolist() == ["A1", "A2"]
    assert tl.tier_codes([0], four).tolist() == ["D"]


def test_classify_rejects_bad_balances(three):
    with pytest.raises(tl.DataError, match="1 个余额是负数.*第 1 个位置"):
        tl.classify([5, -1, 3], three)
    with pytest.raises(tl.DataError, match="小数.*balances_from_text"):
        tl.classify(np.array([1.5]), three)
    assert tl.classify([], three).size == 0


def test_balances_from_text():
    assert tl.balances_from_text(["1.5", "2"], "万元").tolist() == [1_500_000, 2_000_000]
    with pytest.raises(tl.DataError, match="第 1 个余额"):
        tl.balances_from_text(["1", "x"])


def test_hand_table(three):
    # C: 100 元 + 9,999.99 元; B: 10,000 元; A: 200,000 元 + 1,000,000 元
    balances = tl.balances_from_text(["100", "9999.99", "10000", "200000", "1000000"])
    t = tl.table_from_balances(balances, three)
    assert t.households == (2, 1, 2)
    assert t.amounts == (1_009_999, 1_000_000, 120_000_000)
    assert t.total_amount == 122_009_999
    assert t.amount_share("A") == Fraction(120_000_000, 122_009_999)
    assert t.household_share("C") == Fraction(2, 5)
    assert t.average_balance("A") == Fraction(600_000)
    rows = t.rows()
    assert [r["label"] for r in rows] == ["A类客户（20万以上）", "B类客户（1-20万）", "C类客户（0-1万）", "合计"]
    assert rows[-1]["amount_wan"] == Decimal("122.009999")


def test_display_layout(three):
    # lowest tier first: C has 2 households with 10 元, B 1 with 2万, A 1 with 30万
    t = tl.table_from_bands(three, [2, 1, 1], [1_000, 2_000_000, 30_000_000])
    d = t.to_display()
    assert list(d.columns) == list(COLUMNS)
    assert list(d.index) == ["A类客户（20万以上）", "B类客户（1-20万）", "C类客户（0-1万）", "合计"]
    assert d.loc["A类客户（20万以上）", "金额（万元）"] == "30.00"
    assert d.loc["A类客户（20万以上）", "户数占比"] == "25.000%"
    assert d.loc["合计", "户数（户）"] == "4"
    assert d.loc["C类客户（0-1万）", "户均余额（元）"] == "5"
    f = t.to_frame()
    assert f.loc["合计", "金额（万元）"] == Decimal("32.001")
    assert "<table" in t._repr_html_()


def test_empty_tier_average_is_dash(three):
    t = tl.table_from_bands(three, [1, 0, 0], [100, 0, 0])
    assert t.to_display().loc["A类客户（20万以上）", "户均余额（元）"] == "—"
    assert t.average_balance("A") is None


def test_table_from_bands_checks_consistency(three):
    with pytest.raises(tl.DataError, match="层级 'C'.*装不下"):
        tl.table_from_bands(three, [1, 0, 0], [1_000_000, 0, 0])  # 10,000 元 is not < 1万
    with pytest.raises(tl.DataError, match="层级 'A'"):
        tl.table_from_bands(three, [0, 0, 1], [0, 0, 100])
    with pytest.raises(tl.DataError, match="给了 2 个数.*有 3 层"):
        tl.table_from_bands(three, [1, 2], [1, 2])
    with pytest.raises(tl.DataError, match="层级 'C' 的户数是负数"):
        tl.table_from_bands(three, [-1, 0, 0], [0, 0, 0])
    with pytest.raises(tl.DataError, match="层级 'C' 的户数：1.0 不是整数"):
        tl.table_from_bands(three, [1.0, 0, 0], [0, 0, 0])


def test_reaggregate_needs_band_edges(suzhou_bands, four):
    # 50万 is not an edge of the five Suzhou bands: the 20万-100万 band would have to be split
    with pytest.raises(tl.SchemeError, match="层级 'A1'.*500000 元.*不是方案.*分档边界"):
        tl.reaggregate(suzhou_bands, four)


def test_sorted_balances_matches_direct(pop_small, four):
    sb = tl.SortedBalances(pop_small)
    assert sb.table(four) == tl.table_from_balances(pop_small, four)
    with pytest.raises(tl.SchemeError):
        sb.counts_amounts([5, 5])


def test_threshold_for_top_share():
    sb = tl.SortedBalances([100, 100, 800])
    assert sb.threshold_for_top_share(Fraction(8, 10)) == 800
    assert sb.amount_at_or_above(800) == (1, 800)
    sb = tl.SortedBalances([1, 2, 3, 4])  # total 10
    t = sb.threshold_for_top_share(0.5)  # top tier >= 4 holds 4/10; >= 3 would hold 7/10
    assert t == 4
