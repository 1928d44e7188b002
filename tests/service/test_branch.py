"""The synthetic branch: consistent with Suzhou, seeded, one RM per mid/high-end customer."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from helpers.books import mini_book

import tiering_lib as tl


@pytest.fixture(scope="module")
def book():
    return tl.synthesize_branch()


def test_deposits_reproduce_the_scaled_suzhou_bands_to_the_fen(book):
    bands = tl.load_suzhou_bands()
    counts, amounts = tl.scaled_bands(bands, 1000)
    table = tl.table_from_balances(book.deposits, bands.scheme)
    assert list(table.households) == counts == [6520, 774, 137, 8, 1]
    assert list(table.amounts) == amounts
    assert len(book) == 7440


def test_total_assets_are_the_holdings_and_set_the_tier(book):
    assert (book.aum == book.holdings.sum(axis=1)).all()
    assert (book.aum >= book.deposits).all()
    assert (book.holdings >= 0).all()
    assert book.tier.tolist() == tl.tier_codes(book.aum, book.scheme).tolist()
    segments = {t.code: t.segment for t in book.scheme.tiers}
    assert all(segments[t] == s for t, s in zip(book.tier, book.segment))
    # every customer has a savings account with money in it (at most 90% of deposits is time deposit)
    assert (book.line("活期") > 0).all()


def test_same_seed_same_book_other_seed_other_book():
    a = tl.synthesize_branch(scale=5000, seed=1)
    b = tl.synthesize_branch(scale=5000, seed=1)
    c = tl.synthesize_branch(scale=5000, seed=2)
    assert (a.holdings == b.holdings).all() and (a.rm == b.rm).all()
    assert not (a.holdings.shape == c.holdings.shape and (a.holdings == c.holdings).all())


def test_one_relationship_manager_per_mid_and_high_end_customer(book):
    served = book.tier != "D"
    assert (book.rm[served] != "").all()
    assert (book.rm[~served] == "").all()
    sizes = [int((book.rm == r).sum()) for r in book.managers()]
    assert book.managers() == ["RM01", "RM02", "RM03", "RM04"]
    assert max(sizes) - min(sizes) <= 1
    assert sum(sizes) == int(served.sum())
    assert (book.days_since_contact[~served] == -1).all() and (book.days_since_contact[served] >= 0).all()


def test_events_are_consistent(book):
    has_td = book.line("定存") > 0
    assert ((book.maturity_day >= 0) == has_td).all()
    assert (book.maturity_day < 365).all()
    hit = book.outflow > 0
    assert hit.any()
    assert (book.aum_prev[hit] == book.aum[hit] + book.outflow[hit]).all()
    assert (book.tier[hit] != "D").all()
    assert ((book.outflow_days_ago > 0) == hit).all()
    assert book.info[:, book.info_fields.index("姓名")].all()


def test_ids_are_synthetic_and_nothing_looks_like_an_id_card_or_phone(book):
    assert len(set(book.ids.tolist())) == len(book)
    assert all(re.fullmatch(r"C\d{6}", i) for i in book.ids)
    text = book.to_frame().to_csv()
    assert not re.search(r"\d{17}[\dXx]", text)  # an 18-digit ID-card number
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text)  # an 11-digit mobile number


def test_select_of_rm_and_lookups(book):
    rm = book.of_rm("RM02")
    assert set(rm.rm.tolist()) == {"RM02"}
    first = rm.ids[0]
    assert book.index_of(first) == int(np.flatnonzero(book.ids == first)[0])
    with pytest.raises(tl.DataError, match="C999999"):
        book.index_of("C999999")
    with pytest.raises(tl.DataError, match="RM09"):
        book.of_rm("RM09")
    with pytest.raises(tl.DataError, match="没有产品线"):
        book.line("黄金")


def test_book_is_read_only_and_cached(book):
    assert tl.synthesize_branch() is book
    with pytest.raises(ValueError):
        book.aum[0] = 0
    mine = np.array([1, 2, 3])
    small = mini_book([{}, {}, {}])
    changed = dataclasses.replace(small, age=mine)
    assert mine.flags.writeable  # the caller's array is not frozen
    assert not changed.age.flags.writeable


def test_mini_book_products_text():
    b = mini_book([{"holdings": {"活期": 1000, "定存": 5000, "基金": 2000}}])
    assert b.products_text(0) == "活期、基金、定存"
    assert b.aum.tolist() == [800_000]
    assert b.tier.tolist() == ["D"]
