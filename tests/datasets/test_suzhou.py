"""The deck's published Suzhou tables, rebuilt from the five-band file, digit for digit."""

from decimal import Decimal

import tiering_lib as tl


def test_five_band_file_totals(suzhou_bands):
    assert suzhou_bands.total_households == 7_439_432
    # the five printed amounts sum to 3107282.89882 万元, printed as 3107282.899
    assert tl.fen_to_unit(suzhou_bands.total_amount, "万元") == Decimal("3107282.89882")
    printed_total = tl.load_published("suzhou_bands").row("total")
    assert int(printed_total["households"]) == suzhou_bands.total_households


def test_five_band_table_matches_published(suzhou_bands):
    cmp = tl.compare_with_published(suzhou_bands, tl.load_published("suzhou_bands"))
    assert len(cmp.cells) == 6 * 4
    assert cmp.all_match, cmp.mismatches


def test_three_class_table_rebuilt_digit_for_digit(suzhou_bands, three):
    rebuilt = tl.reaggregate(suzhou_bands, three)
    published = tl.load_published("suzhou_classes")
    cmp = tl.compare_with_published(rebuilt, published)
    assert len(cmp.cells) == 4 * 4
    assert cmp.all_match, cmp.mismatches
    # spot checks against the printed text, spelled out
    assert published.row("A")["amount_wan"] == "296269.299"
    assert tl.round_half_up(tl.fen_to_unit(rebuilt.amount_of("A"), "万元"), 3) == Decimal("296269.299")
    assert rebuilt.households == (6_519_865, 911_094, 8_473)


def test_comparison_detects_a_wrong_digit(suzhou_bands, three):
    rebuilt = tl.reaggregate(suzhou_bands, three)
    tampered = tl.table_from_bands(three, rebuilt.households, (rebuilt.amounts[0] + 100_000, *rebuilt.amounts[1:]))
    cmp = tl.compare_with_published(tampered, tl.load_published("suzhou_classes"))
    assert not cmp.all_match
    assert {c["label"] for c in cmp.mismatches} >= {"C类客户（0-1万）"}


def test_derived_average_balances(suzhou_bands):
    # SEED_NOTES §3: about 495, 18,981, 74,456, 292,045 and 2,086,886 元
    got = [round(float(suzhou_bands.average_balance(c))) for c in suzhou_bands.scheme.codes]
    assert got == [495, 18_981, 74_456, 292_045, 2_086_886]


def test_customer_profile():
    p = tl.load_customer_profile().set_index("key")
    three = p.loc[["retired", "no_stable_income", "migrant_workers"], "share_pct"].sum()
    assert three == p.loc["three_groups", "share_pct"] == Decimal(56)
    assert Decimal(100) - three == p.loc["other_44", "share_pct"] == Decimal(44)
    groups = p[p["dimension"] == "group"]["share_pct"]
    assert sum(groups) == Decimal(100), "the three groups and the other 44% make up all customers"


def test_customer_profile_tables_show_the_printed_totals_beside_the_computed_ones():
    checks = tl.customer_profile_checks().frame
    assert list(checks["课件印出"]) == ["56%", "另外的44%"] and set(checks["一致"]) == {"✓"}
    shown = tl.customer_profile_table(["within_other_44"]).frame
    assert list(shown["占比"]) == ["20%"] and "两种读法" in shown["说明"].iloc[0]
    assert "<th>0</th>" not in tl.customer_profile_table()._repr_html_()
