"""Tier migration between two month-ends: conservation, the diagonal, transposition, the watch list."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tiering_lib as tl
from tiering_lib.core.migration import AlertRule, migrate

WAN = 1_000_000  # 分 in one 万元

keys = st.lists(st.text("KLMN0123", min_size=1, max_size=3), unique=True, max_size=40)
balance = st.integers(min_value=0, max_value=2_000 * WAN) | st.sampled_from([0, WAN, 5 * WAN, 20 * WAN, 50 * WAN])


@st.composite
def two_months(draw):
    old = draw(keys)
    new = draw(st.lists(st.sampled_from(old), unique=True) if old else st.just([]))
    new = new + [k + "新" for k in draw(keys) if k + "新" not in new]
    ob = draw(st.lists(balance, min_size=len(old), max_size=len(old)))
    nb = draw(st.lists(balance, min_size=len(new), max_size=len(new)))
    return old, ob, new, nb


@settings(max_examples=150, deadline=None)
@given(two_months(), st.sampled_from(["suzhou_three_class", "core_four_class", "suzhou_five_band"]))
def test_every_customer_of_each_month_is_counted_once(months, name):
    old, ob, new, nb = months
    scheme = tl.builtin_scheme(name)
    m = migrate(old, ob, new, nb, scheme)
    hh = m.household_matrix()
    n = len(scheme.tiers)
    assert hh[:n, :].sum() == len(old) and hh[:, :n].sum() == len(new)
    assert hh[n, n] == 0
    # rows are last month's table, columns this month's
    assert hh[:n, :].sum(axis=1).tolist() == list(tl.table_from_balances(ob, scheme).households)
    assert hh[:, :n].sum(axis=0).tolist() == list(tl.table_from_balances(nb, scheme).households)
    money = m.balance_matrix()
    assert [sum(r[c] for r in money) for c in range(n)] == list(tl.table_from_balances(nb, scheme).amounts)
    assert sum(money[r][n] for r in range(n)) == sum(ob[i] for i in m.lost.tolist())


@settings(max_examples=100, deadline=None)
@given(two_months())
def test_swapping_the_months_transposes_the_household_matrix(months):
    old, ob, new, nb = months
    scheme = tl.builtin_scheme("core_four_class")
    forward = migrate(old, ob, new, nb, scheme).household_matrix()
    backward = migrate(new, nb, old, ob, scheme).household_matrix()
    assert (backward == forward.T).all()


def test_the_same_tier_in_both_months_is_on_the_diagonal(four):
    balances = [0, 1 * WAN, 5 * WAN, 20 * WAN, 50 * WAN, 49 * WAN]
    ids = [f"K{i}" for i in range(len(balances))]
    later = [b + 1 for b in balances]  # one 分 more: no boundary is crossed upward except none
    m = migrate(ids, balances, ids, later, four)
    hh = m.household_matrix()
    assert (hh == np.diag(np.diag(hh))).all() and np.diag(hh)[:5].tolist() == [1, 1, 1, 2, 1]


def test_a_hand_worked_example(three):
    # A: 30万 → 15万 (down one), B: 5万 → 25万 (up one), C: 5千 → gone, D: new with 2万
    m = migrate(["A", "B", "C"], [30 * WAN, 5 * WAN, 500_000], ["B", "A", "D"], [25 * WAN, 15 * WAN, 2 * WAN], three)
    assert m.codes == ("C", "B", "A")
    assert m.household_matrix().tolist() == [[0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [0, 1, 0, 0]]
    money = m.balance_matrix()
    assert money[2][1] == 15 * WAN and money[1][2] == 25 * WAN and money[0][3] == 500_000 and money[3][1] == 2 * WAN
    assert [str(m.old_keys[o]) for o, _ in m.upgraded()] == ["B"]
    assert [str(m.old_keys[o]) for o, _ in m.downgraded()] == ["A"]


def test_watch_list_follows_the_rule(four):
    old = ["K1", "K2", "K3", "K4", "K5"]
    ob = [100 * WAN, 60 * WAN, 30 * WAN, 25 * WAN, 10 * WAN]
    new = ["K1", "K2", "K3", "K5"]
    nb = [80 * WAN, 45 * WAN, 29 * WAN, 1 * WAN]  # K1 -20%, K2 -25% and A1→A2, K3 -3%, K4 gone, K5 (B) -90%
    m = migrate(old, ob, new, nb, four)
    watched = {str(m.old_keys[e["old"]]): e["reasons"] for e in m.watch_list()}  # C and above by default
    assert watched == {"K2": ["降级（A1→A2）"], "K4": ["流失"], "K5": ["余额下降超过 30%", "降级（B→C）"]}
    strict = m.watch_list(AlertRule(lowest_tier="A2", drop_share=Fraction(1, 10)))
    assert [str(m.old_keys[e["old"]]) for e in strict] == ["K4", "K1", "K2"]  # largest fall first
    shares = m.watch_list(AlertRule(lowest_tier="B", on_tier_drop=False, on_lost=False))
    assert [str(m.old_keys[e["old"]]) for e in shares] == ["K5"]
    assert shares[0]["share"] == Fraction(9, 10)


def test_bad_months_are_refused(three):
    with pytest.raises(tl.DataError, match="重复的客户号"):
        migrate(["K1", "K1"], [1, 2], [], [], three)
    with pytest.raises(tl.DataError, match="空的客户号"):
        migrate(["K1"], [1], [" "], [1], three)
    with pytest.raises(tl.DataError, match="下降比例"):
        AlertRule(drop_share=Fraction(3, 2))
