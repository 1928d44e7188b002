from fractions import Fraction

import numpy as np
import pytest

import tiering_lib as tl


def brute_gini(x):
    x = np.asarray(x, dtype=float)
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())


def test_gini_hand_values():
    assert tl.gini([5, 5, 5]) == 0.0
    assert tl.gini([0, 0, 0, 4]) == pytest.approx(0.75, abs=1e-15)
    assert tl.gini([1, 2, 3, 4]) == pytest.approx(0.25, abs=1e-15)


def test_gini_matches_brute_force():
    rng = np.random.default_rng(1)
    x = rng.integers(0, 10_000, size=300)
    assert tl.gini(x) == pytest.approx(brute_gini(x), rel=1e-12)


def test_gini_needs_positive_total():
    with pytest.raises(tl.DataError):
        tl.gini([0, 0])


def test_lorenz_and_top_share():
    x, y = tl.lorenz_points([1, 1, 2, 6], max_points=5)
    assert x.tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert y.tolist() == [0, 0.1, 0.2, 0.4, 1]
    assert tl.top_share([1, 1, 2, 6], 25) == Fraction(3, 5)
    assert tl.top_share([1, 1, 2, 6], 0) == 0


def test_banded_bounds_contain_synthetic_population(suzhou_bands, pop_small):
    # the synthetic population is one distribution the bands allow: its Gini lies within the bounds
    bounds = tl.gini_bounds(suzhou_bands)
    full = tl.synthesize_population(suzhou_bands, scale=1, seed=7)
    g = tl.gini(full)
    assert bounds.lowest <= g <= bounds.highest
    assert bounds.lowest == pytest.approx(0.8086675905638507, abs=1e-12)


def test_equal_assumption_matches_lorenz_polygon(suzhou_bands):
    # Gini of the piecewise-linear Lorenz curve through the band points = the "equal" Gini
    x, y = tl.lorenz_banded(suzhou_bands)
    area = sum((x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2 for i in range(len(x) - 1))
    assert 1 - 2 * area == pytest.approx(tl.gini_banded(suzhou_bands, "equal"), abs=1e-12)


def test_band_distribution_reproduces_bands(suzhou_bands):
    for assumption in ("equal", "extreme"):
        pts = tl.band_distribution(suzhou_bands, assumption)
        assert sum(c for _, c in pts) == suzhou_bands.total_households
        assert sum(v * c for v, c in pts) == suzhou_bands.total_amount
    with pytest.raises(tl.DataError):
        tl.band_distribution(suzhou_bands, "uniform")


def test_top_share_banded_reading(suzhou_bands):
    # the top 0.004% of households are exactly the 100万以上 band under either assumption...
    low, high = tl.top_share_banded(suzhou_bands, 100 * 272 / 7_439_432)
    assert low == pytest.approx(float(Fraction(suzhou_bands.amounts[-1], suzhou_bands.total_amount)))
    assert low <= high
