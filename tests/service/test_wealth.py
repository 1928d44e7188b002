"""Wealth segments, the product shelf and cross-sell suggestions."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.books import mini_book
from helpers.tables import column_sum

import tiering_lib as tl

WEALTHY = {"活期": 60_000, "定存": 20_000}  # 8万元: class B, a wealth customer


def test_shelf_is_the_decks_and_matches_the_product_lines():
    assert tl.product_shelf() == ("基金", "证券", "债券", "定存", "信托", "外汇", "保险")
    assert tl.PRODUCT_LINES == ("活期", *tl.product_shelf())


def test_four_segments_cover_every_adviser_service():
    segs = tl.wealth_segments()
    assert [s["name"] for s in segs] == ["中年资本导向型财富客户", "老年稳健型财富客户", "年轻的专业人士", "频繁交易者"]
    table = tl.adviser_services_table()
    assert table.shape == (12, 4)
    assert ((table == "✓").sum(axis=1) >= 1).all()
    products = tl.segment_product_table()
    assert products.loc["频繁交易者", "证券"] == "1"
    assert products.loc["老年稳健型财富客户", "信托"] == ""


def test_segment_rules_by_hand():
    b = mini_book(
        [
            {"holdings": WEALTHY, "age": 45},
            {"holdings": WEALTHY, "age": 60},
            {"holdings": WEALTHY, "age": 34},
            {"holdings": WEALTHY, "age": 70, "trades": 8},
            {"holdings": WEALTHY, "age": 35, "trades": 7},
            {"holdings": {"活期": 49_999}, "age": 45},  # below 5万: not a wealth customer
        ]
    )
    assert tl.assign_wealth_segments(b).tolist() == [
        "中年资本导向型财富客户", "老年稳健型财富客户", "年轻的专业人士", "频繁交易者", "中年资本导向型财富客户",
        tl.NOT_WEALTH,
    ]


def test_gaps_follow_the_segments_order():
    assert tl.product_gaps(["活期", "定存"], "老年稳健型财富客户") == ["债券", "保险"]
    assert tl.product_gaps(["活期", "基金", "证券", "外汇", "债券"], "频繁交易者") == []
    with pytest.raises(tl.DataError, match="没有财富客户细分 '学生'"):
        tl.product_gaps([], "学生")


def test_cross_sell_suggestions_for_one_customer():
    b = mini_book([{"holdings": {"活期": 60_000, "基金": 10_000}, "age": 30},
                   {"holdings": {"活期": 100}, "age": 30}])
    s = tl.cross_sell_suggestions(b, "C000001")
    assert s.segment == "年轻的专业人士"
    assert s.held == ("活期", "基金")
    assert [g[0] for g in s.gaps] == ["保险", "定存"]  # 外汇 needs a risk assessment this customer lacks
    assert s.not_now == (("外汇", "客户没有做过风险测评：请先请客户测评"),)
    assert s.services == ("财富规划", "投资市场分析", "境外投资")
    assert list(s.to_frame()["建议产品"]) == ["保险", "定存"]
    assert "C000001" in s._repr_html_() and "暂不适合推荐" in s._repr_html_()
    with pytest.raises(tl.DataError, match="低于财富客户门槛"):
        tl.cross_sell_suggestions(b, "C000002")


def test_segment_overview_counts_every_wealth_customer():
    book = tl.synthesize_branch()
    seg = tl.assign_wealth_segments(book)
    table = tl.segment_overview(book)
    assert column_sum(table["客户数（户）"]) == int((seg != tl.NOT_WEALTH).sum())
    assert ((book.aum >= 5_000_000) == (seg != tl.NOT_WEALTH)).all()


@pytest.mark.parametrize(
    "aum, risk, valid, offered, refused",
    [
        # the case: about 9.8万 of assets is far below a trust's minimum, whatever the risk tolerance
        (98_000, 5, True, ["基金", "保险", "债券", "定存"], {"信托": "起购金额 1,000,000 元"}),
        (98_000, 2, True, ["保险", "债券", "定存"], {"基金": "高于客户的风险承受能力 C2", "信托": "起购金额"}),
        (98_000, 4, False, ["保险", "债券", "定存"], {"基金": "已过有效期", "信托": "起购金额"}),
        (2_000_000, 5, True, ["基金", "保险", "债券", "定存"], {"信托": "仅面向合格投资者"}),
        (3_500_000, 4, True, ["基金", "信托", "保险", "债券", "定存"], {}),
        (3_500_000, 3, True, ["基金", "保险", "债券", "定存"], {"信托": "R4（中高）高于客户的风险承受能力 C3"}),
    ],
)
def test_suggestions_respect_minimums_qualified_investors_and_risk(aum, risk, valid, offered, refused):
    b = mini_book([{"holdings": {"活期": aum}, "age": 45, "risk": risk, "risk_valid": valid}])
    s = tl.cross_sell_suggestions(b, "C000001")
    assert s.segment == "中年资本导向型财富客户"
    assert [line for line, _ in s.gaps] == offered
    assert {line for line, _ in s.not_now} == set(refused)
    for line, why in s.not_now:
        assert refused[line] in why


def test_no_suggestion_in_the_synthetic_branch_breaks_a_rule():
    book = tl.synthesize_branch()
    rules = tl.product_rules()
    seg = tl.assign_wealth_segments(book)
    for i in np.flatnonzero(seg != tl.NOT_WEALTH):
        for line, _ in tl.cross_sell_suggestions(book, book.ids[i]).gaps:
            rule = rules[line]
            assert book.aum[i] >= rule.min_fen
            if rule.needs_assessment:
                assert book.risk_valid[i] and book.risk_level[i] >= rule.risk


def test_a_suggestion_shows_itself_in_chinese_never_as_a_repr():
    b = mini_book([{"holdings": {"活期": 98_000}, "age": 45, "risk": 4, "risk_valid": False}])
    s = tl.cross_sell_suggestions(b, "C000001")
    bundle = s._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert "CrossSellSuggestion(" not in bundle["text/plain"] and "(" not in bundle["text/plain"]
    assert "总资产 9.80 万元" in bundle["text/plain"] and "信托（起购金额 1,000,000 元" in bundle["text/plain"]
    assert "<li>信托：起购金额" in bundle["text/html"] and "风险测评</b>：C4（已过有效期）" in bundle["text/html"]


def test_the_overview_offers_only_what_suitability_allows():
    book = tl.synthesize_branch()
    table = tl.segment_overview(book)
    seg = tl.assign_wealth_segments(book)
    held_back = offered = 0
    for i in np.flatnonzero(seg != tl.NOT_WEALTH):
        s = tl.cross_sell_suggestions(book, book.ids[i])
        held_back += len(s.not_now)
        offered += sum(line == "信托" for line, _ in s.gaps)
    assert column_sum(table["暂不适合推荐（户次）"]) == held_back > 0
    assert offered == 0  # nobody in the synthetic branch may be offered a trust
    assert not table["最常见的可推荐产品"].str.startswith("信托").any()


def test_suitability_rules_name_their_source_and_dated_ones_their_year():
    notes = tl.suitability_notes()
    assert notes.loc["起购金额", "年份"] == "2009 年" and notes.loc["合格投资者", "年份"] == "2018 年"
    assert notes.loc["风险测评", "年份"] == "2017 年"
    assert (notes["依据"] != "").all()
    assert notes.loc["起点金额", "年份"] == "—" and "本课程" in notes.loc["起点金额", "依据"]
