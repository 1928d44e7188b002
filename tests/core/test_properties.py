"""Hypothesis properties of classification, tables, re-aggregation and schemes."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tiering_lib as tl

balances = st.lists(st.integers(min_value=0, max_value=10**12), max_size=200)


@st.composite
def schemes(draw):
    bounds = draw(st.lists(st.integers(min_value=1, max_value=10**11), min_size=0, max_size=6, unique=True))
    bounds = sorted(bounds)
    lowers = [0, *bounds]
    tiers = [{"code": f"T{i}", "lower": str(lo)} for i, lo in enumerate(lowers)]
    return tl.scheme_from_dict({"name": "h", "unit": "分", "tiers": tiers})


@settings(max_examples=150, deadline=None)
@given(balances, schemes())
def test_every_customer_in_exactly_one_tier(bs, scheme):
    idx = tl.classify(bs, scheme)
    assert idx.shape == (len(bs),)
    for b, i in zip(bs, idx):
        hits = [t.contains(b) for t in scheme.tiers]
        assert sum(hits) == 1 and hits[i]


@settings(max_examples=150, deadline=None)
@given(balances, schemes())
def test_tables_conserve_counts_and_amounts(bs, scheme):
    t = tl.table_from_balances(bs, scheme)
    assert t.total_households == len(bs)
    assert t.total_amount == sum(bs)
    assert tl.SortedBalances(bs).table(scheme) == t


@settings(max_examples=100, deadline=None)
@given(balances, schemes(), st.randoms(use_true_random=False))
def test_tables_do_not_depend_on_order(bs, scheme, rnd):
    shuffled = list(bs)
    rnd.shuffle(shuffled)
    assert tl.table_from_balances(shuffled, scheme) == tl.table_from_balances(bs, scheme)


@settings(max_examples=100, deadline=None)
@given(balances, schemes(), st.data())
def test_reaggregation_conserves_and_agrees_with_direct_tiering(bs, fine, data):
    # a coarse scheme made of a subset of the fine scheme's edges
    keep = data.draw(st.lists(st.sampled_from(fine.thresholds), unique=True)) if fine.thresholds else []
    lowers = [0, *sorted(keep)]
    coarse = tl.scheme_from_dict({"name": "c", "unit": "分", "tiers": [{"code": f"C{i}", "lower": str(v)} for i, v in enumerate(lowers)]})
    t_fine = tl.table_from_balances(bs, fine)
    t_coarse = tl.reaggregate(t_fine, coarse)
    assert t_coarse.total_households == t_fine.total_households
    assert t_coarse.total_amount == t_fine.total_amount
    assert t_coarse == tl.table_from_balances(bs, coarse)


tier_specs = st.lists(
    st.fixed_dictionaries(
        {"code": st.text(min_size=0, max_size=2)},
        optional={
            "lower": st.one_of(st.integers(-5, 10**6), st.text(max_size=4), st.none()),
            "upper": st.one_of(st.integers(-5, 10**6), st.none()),
            "segment": st.sampled_from(["高端", "中端", "普通", "超级"]),
        },
    ),
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(tier_specs, st.none(), st.integers(), st.text(max_size=3)))
def test_invalid_schemes_raise_only_the_library_error(tiers):
    try:
        s = tl.scheme_from_dict({"name": "h", "tiers": tiers})
    except tl.SchemeError:
        return
    # whatever was accepted is a valid scheme: starts at 0, contiguous, open top, unique codes
    assert s.tiers[0].lower == 0 and s.tiers[-1].upper is None
    assert all(a.upper == b.lower for a, b in zip(s.tiers, s.tiers[1:]))
    assert len(set(s.codes)) == len(s.codes)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=60).filter(lambda xs: sum(xs) > 0))
def test_gini_between_zero_and_one_and_matches_pairs(xs):
    g = tl.gini(xs)
    x = np.array(xs, dtype=float)
    brute = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert 0 <= g < 1 and abs(g - brute) < 1e-9
