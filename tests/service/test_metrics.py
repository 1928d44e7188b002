"""The key metrics of §5: AUM and its change, cross-sell rate by two definitions, waiting time."""

from __future__ import annotations

from fractions import Fraction

import pytest
from helpers.books import mini_book
from helpers.tables import column_sum

import tiering_lib as tl


def test_cross_sell_rate_by_both_definitions_by_hand():
    held = [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 0, 0, 1]]
    assert tl.products_per_customer(held) == Fraction(8, 4) == 2
    assert tl.share_two_or_more(held) == Fraction(3, 4)
    with pytest.raises(tl.DataError):
        tl.products_per_customer([])
    with pytest.raises(tl.DataError):
        tl.share_two_or_more([1, 0, 1])


def test_cross_sell_rate_of_a_segment():
    b = mini_book(
        [
            {"holdings": {"活期": 20_000}},  # C, mid-end, one line
            {"holdings": {"活期": 20_000, "基金": 10_000}},  # C, two lines
            {"holdings": {"活期": 60_000, "定存": 10_000, "保险": 5_000}},  # B, three lines
            {"holdings": {"活期": 100, "基金": 1_000}},  # D: not mid-end
        ]
    )
    assert b.segment.tolist() == ["中端", "中端", "中端", "普通"]
    assert tl.cross_sell_rate(b, "中端", "two_or_more") == Fraction(2, 3)
    assert tl.cross_sell_rate(b, "中端", "products_per_customer") == Fraction(6, 3)
    assert tl.cross_sell_rate(b, None, "products_per_customer") == Fraction(8, 4)
    with pytest.raises(tl.DataError, match="交叉销售率口径"):
        tl.cross_sell_rate(b, "中端", "share")
    assert set(tl.CROSS_SELL_DEFINITIONS) == {"two_or_more", "products_per_customer"}


def test_aum_change_by_hand():
    b = mini_book(
        [
            {"holdings": {"活期": 300_000}, "aum_prev": 250_000},  # A2
            {"holdings": {"活期": 600_000}, "aum_prev": 650_000},  # A1
            {"holdings": {"活期": 1_000}, "aum_prev": 900},  # D
        ]
    )
    ch = tl.aum_change(b)
    assert (ch.before, ch.after, ch.customers) == (90_000_000, 90_000_000, 2)
    assert ch.change == 0 and ch.rate == 0
    everyone = tl.aum_change(b, None)
    assert everyone.change == 10_000 and everyone.rate == Fraction(10_000, 90_090_000)
    assert tl.aum_change(b, "中端").rate is None  # nobody: no rate
    assert "2 户" in str(ch)


def test_aum_change_of_the_branch_adds_up():
    book = tl.synthesize_branch()
    parts = [tl.aum_change(book, s) for s in ("高端", "中端", "普通")]
    whole = tl.aum_change(book, None)
    assert sum(p.before for p in parts) == whole.before
    assert sum(p.after for p in parts) == whole.after == int(book.aum.sum())


def test_waiting_stats_by_hand():
    s = tl.waiting_stats([0, 0, 10, 20, 30], limit_minutes=15)
    assert s["n"] == 5 and s["mean"] == 12 and s["median"] == 10 and s["max"] == 30
    assert s["over_limit"] == pytest.approx(0.4)
    assert s["p90"] == pytest.approx(26.0)  # linear interpolation between 20 and 30
    assert tl.waiting_stats([])["n"] == 0


def test_key_metrics_table_names_each_segments_metric():
    book = tl.synthesize_branch()
    r = tl.simulate_queue(tl.default_queue_config(book), days=2)
    t = tl.key_metrics_table(book, r)
    assert t["关键指标"].tolist() == ["客户总资产", "交叉销售率", "办理业务等候时间"]
    assert t["管理重点"].tolist() == ["重粘度", "重销售", "重交易"]
    assert column_sum(t["客户数（户）"]) == len(book)
    mean = tl.waiting_stats(r.waits("普通"))["mean"]
    assert f"{mean:.1f}" in t.loc["普通客户", "本网点数值"]
    assert "需要排队模拟" in tl.key_metrics_table(book).loc["普通客户", "本网点数值"]
