import numpy as np
import pytest

import tiering_lib as tl


def test_full_scale_reproduces_published_bands_exactly(suzhou_bands, five):
    pop = tl.synthesize_population(suzhou_bands)  # 7,439,432 households
    assert pop.dtype == np.int64 and pop.size == 7_439_432
    t = tl.table_from_balances(pop, five)
    assert t.households == suzhou_bands.households
    assert t.amounts == suzhou_bands.amounts  # to the 分
    assert pop.min() >= 0


def test_every_balance_inside_its_band(pop_small, suzhou_bands, five):
    n, a = tl.scaled_bands(suzhou_bands, 100)
    t = tl.table_from_balances(pop_small, five)
    assert list(t.households) == n and list(t.amounts) == a


def test_scaled_versions_keep_averages(suzhou_bands):
    n, a = tl.scaled_bands(suzhou_bands, 100)
    assert n == [65_199, 7_743, 1_368, 82, 3]
    for count, amount, full_n, full_a in zip(n, a, suzhou_bands.households, suzhou_bands.amounts):
        assert abs(amount / count - full_a / full_n) <= 0.5 / count + 1e-9  # average kept to the 分
    n_big, _ = tl.scaled_bands(suzhou_bands, 10_000)
    assert n_big[-1] == 1  # a non-empty band keeps at least one household
    with pytest.raises(tl.DataError):
        tl.scaled_bands(suzhou_bands, 0)


def test_seeded_and_deterministic(suzhou_bands):
    a = tl.synthesize_population(suzhou_bands, scale=1000, seed=1)
    b = tl.synthesize_population(suzhou_bands, scale=1000, seed=1)
    c = tl.synthesize_population(suzhou_bands, scale=1000, seed=2)
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_shape_is_decreasing_within_lower_bands(pop_small):
    # documented shape: more small balances than large inside each band (averages below the middle)
    band = pop_small[(pop_small >= 1_000_000) & (pop_small < 5_000_000)]
    lower_half = (band < 3_000_000).mean()
    assert lower_half > 0.6


def test_top_band_pareto_tail(suzhou_bands):
    pop = tl.synthesize_population(suzhou_bands, scale=1)
    top = np.sort(pop[pop >= 100_000_000])
    assert top.size == 272 and top[-1] > 3 * 100_000_000  # a real tail, not all at the floor


def test_custom_table_with_impossible_band_is_refused(three):
    with pytest.raises(tl.DataError):
        tl.table_from_bands(three, [1, 0, 0], [2_000_000, 0, 0])
