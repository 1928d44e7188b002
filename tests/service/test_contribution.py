"""Customer contribution and 客户经营ABC: exact money, hand-worked customers, totals add up."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from helpers.books import mini_book
from helpers.tables import column_sum, whole
from hypothesis import given, settings
from hypothesis import strategies as st

import tiering_lib as tl


@pytest.fixture(scope="module")
def assumptions():
    return tl.load_contribution_assumptions()


def test_default_assumptions_are_read_exactly(assumptions):
    assert assumptions.spread == {"活期": Fraction(1, 50), "定存": Fraction(1, 100)}
    assert assumptions.fee_rate["基金"] == Fraction(8, 1000)
    assert (assumptions.account_cost, assumptions.visit_cost, assumptions.contact_cost) == (1000, 500, 3000)
    assert (assumptions.threshold_b, assumptions.threshold_a) == (50_000, 500_000)
    assert assumptions.contact_days["C"] == 90


def test_one_customer_by_hand(assumptions):
    # tier C (1-5万) with an RM: 活期 40,000 元, 基金 5,000 元 (total 45,000 元), 10 counter visits a year
    b = mini_book([{"holdings": {"活期": 40_000, "基金": 5_000}, "visits": 10, "rm": "RM01"}])
    c = tl.customer_contribution(b, assumptions)
    assert c.spread_revenue.tolist() == [80_000]  # 40,000 元 × 2% = 800 元
    assert c.fee_revenue.tolist() == [4_000]  # 5,000 元 × 0.8% = 40 元
    rm_cost = 12_167  # 365/90 contacts × 30 元 = 121.666… 元 → 121.67 元 (half up)
    assert c.cost.tolist() == [1_000 + 10 * 500 + rm_cost]
    assert c.contribution.tolist() == [84_000 - 18_167]
    assert c.abc.tolist() == ["B"]  # 658.33 元 ≥ 500 元
    assert not c.cost_centre[0]


def test_a_small_mass_customer_is_a_cost_centre(assumptions):
    # tier D, no RM: 活期 800 元 → 16 元 of spread; cost 10 元 + 8 × 5 元 = 50 元
    c = tl.customer_contribution(mini_book([{"holdings": {"活期": 800}, "visits": 8}]), assumptions)
    assert c.contribution.tolist() == [1_600 - 5_000]
    assert c.cost_centre.tolist() == [True] and c.abc.tolist() == ["C"]


def test_half_fen_rounds_up(assumptions):
    # 0.25 元 × 2% = 0.005 元 = 0.5 分 → 1 分
    b = mini_book([{"holdings": {"活期": 0}}])
    holdings = b.holdings.copy()
    holdings[0, 0] = 25
    import dataclasses

    b = dataclasses.replace(b, holdings=holdings, aum=holdings.sum(axis=1))
    assert tl.customer_contribution(b, assumptions).spread_revenue.tolist() == [1]


def test_abc_thresholds_are_inclusive():
    c = np.array([-1, 0, 49_999, 50_000, 499_999, 500_000])
    assert tl.abc_classes(c, 50_000, 500_000).tolist() == ["C", "C", "C", "B", "B", "A"]
    assert tl.ABC_NAMES == {"C": "需求型伙伴/普通客户", "B": "重点客户", "A": "VIP客户"}


@st.composite
def small_books(draw):
    n = draw(st.integers(1, 12))
    rows = []
    for i in range(n):
        lines = draw(st.dictionaries(st.sampled_from(tl.PRODUCT_LINES), st.integers(0, 3_000_000), max_size=4))
        lines.setdefault("活期", draw(st.integers(0, 50_000)))
        rows.append({"holdings": lines, "visits": draw(st.integers(0, 40)),
                     "rm": draw(st.sampled_from(["", "RM01"]))})
    return mini_book(rows)


@settings(max_examples=80, deadline=None)
@given(small_books(), st.integers(0, 3000), st.decimals("0", "0.05", places=4))
def test_contribution_totals_add_up(book, visit_cost, spread):
    a = tl.load_contribution_assumptions().with_changes(visit_cost=visit_cost, spread={"活期": str(spread)})
    c = tl.customer_contribution(book, a)
    assert (c.contribution == c.spread_revenue + c.fee_revenue - c.cost).all()
    assert c.total() == sum(int(v) for v in c.revenue) - sum(int(v) for v in c.cost)
    # each line's revenue is the exact product rounded half up
    expected = [
        round_half_up_fen(int(x) * a.spread["活期"]) for x in book.line("活期")
    ]
    demand_only = a.with_changes(spread={"定存": "0"}, fee_rate={k: "0" for k in a.fee_rate})
    assert tl.customer_contribution(book, demand_only).spread_revenue.tolist() == expected
    by_class = c.by_class()
    assert column_sum(by_class["客户数（户）"].iloc[:-1]) == whole(by_class.loc["合计", "客户数（户）"]) == book.n
    assert column_sum(by_class["成本中心（户）"].iloc[:-1]) == int(c.cost_centre.sum())
    assert column_sum(c.by_tier()["客户数（户）"].iloc[:-1]) == book.n
    expected_abc = tl.abc_classes(c.contribution, a.threshold_b, a.threshold_a)
    assert c.abc.tolist() == expected_abc.tolist()


def round_half_up_fen(x: Fraction) -> int:
    return int((x * 2 + 1) // 2)


def test_branch_totals_and_cost_centres():
    book = tl.synthesize_branch()
    c = tl.customer_contribution(book)
    table = c.by_tier()
    parts = [c.contribution[book.tier == t] for t in ("A1", "A2", "B", "C", "D")]
    assert sum(int(v) for p in parts for v in p) == c.total()
    assert whole(table.loc["合计", "成本中心（户）"]) == int(c.cost_centre.sum())
    d = book.tier == "D"
    assert int((c.cost_centre & d).sum()) > 0.9 * int(d.sum())  # most small accounts cost more than they earn
    assert not c.cost_centre[book.tier == "A1"].any()


def test_relationship_price_by_hand():
    assert tl.relationship_price(1500, "C", 0) == 1500
    assert tl.relationship_price(1500, "C", 5) == 1350  # 10% for 5 full years
    assert tl.relationship_price(1500, "C", 30) == 1200  # loyalty capped at 20%
    assert tl.relationship_price(1500, "B", 12) == 450  # 50% + 20%
    assert tl.relationship_price(1500, "A", 0) == 0
    assert tl.relationship_price(999, "B", 0) == 500  # 499.5 分 → 500 分
    with pytest.raises(tl.DataError, match="没有 'D' 类客户的折扣"):
        tl.relationship_price(1500, "D", 0)
    table = tl.pricing_table()
    assert table.loc["柜台跨行汇款（每笔）", "重点客户·10年（元）"] == "4.50"


def test_scenario_reads_slider_floats_exactly():
    book = tl.synthesize_branch(scale=20000)
    exact = tl.load_contribution_assumptions().with_changes(
        spread={"活期": Decimal("0.018"), "定存": Decimal("0.012")}, visit_cost=750, account_cost=1200)
    a = tl.contribution_scenario(book, 1.8, 1.2, 7.5, 12.0)
    b = tl.customer_contribution(book, exact)
    assert (a.contribution == b.contribution).all()


def test_bad_assumptions_are_refused(assumptions):
    with pytest.raises(tl.DataError, match="写成带引号的文字"):
        assumptions.with_changes(spread={"活期": 0.02})
    with pytest.raises(tl.DataError, match="VIP客户的门槛.*低于重点客户的门槛"):
        assumptions.with_changes(threshold_a=100, threshold_b=200)
    with pytest.raises(tl.DataError, match="visit_cost 不能是负数"):
        assumptions.with_changes(visit_cost=-1)
