"""A synthetic Suzhou population that reproduces the published table exactly.

For every band of a banded table (by default the Suzhou five-band report) the
generator draws that band's number of households, each balance inside the
band, summing to the band's amount to the 分.  The published figures are the
only facts; the shape *inside* a band is an assumption, documented here and in
``data/README.md``:

* a bounded band ``[lower, upper)`` uses a truncated exponential density
  ``∝ exp(−λ·x)`` on the band, with ``λ`` solved so that its mean is the band's
  average balance (``λ > 0`` when the average is below the band's middle,
  which is the case for every Suzhou band: more small balances than large);
* the open top band uses a Pareto density from its lower bound with the tail
  index ``α = m / (m − lower)`` that gives the band's average ``m`` (α ≈ 1.92
  for Suzhou's 100万以上 band).

Draws are rounded to whole 分 and kept inside the band; the small remaining
difference to the band's exact amount is spread 1 分 at a time over randomly
chosen households that have room, so the band totals are exact.

At a scale of ``1:k`` each band keeps its average balance (to the 分) and has
``round(n / k)`` households (at least 1 when the band is not empty).
"""

from __future__ import annotations

import math

import numpy as np

from tiering_lib.core.tables import DistributionTable
from tiering_lib.errors import DataError

__all__ = ["SYNTH_SEED", "synthesize_population", "scaled_bands"]

#: Default seed: the Suzhou report's date, end of February 2012.
SYNTH_SEED = 20120229


def _mean_fraction(theta: float) -> float:
    """Mean of the truncated exponential exp(−θ·u) on [0, 1]."""
    if abs(theta) < 1e-6:
        return 0.5 - theta / 12
    return 1.0 / theta - 1.0 / math.expm1(theta)


def _solve_theta(target: float) -> float:
    """θ such that the mean on [0, 1] is ``target`` (0 < target < 1); decreasing in θ."""
    lo, hi = -600.0, 600.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if _mean_fraction(mid) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def scaled_bands(table: DistributionTable, scale: int = 1) -> tuple[list[int], list[int]]:
    """Households and amounts (分) per band at a scale of ``1:scale``.

    Each non-empty band keeps at least one household and its average balance
    (amount rounded half to even to the 分).

    Examples
    --------
    >>> from tiering_lib import load_suzhou_bands
    >>> n, a = scaled_bands(load_suzhou_bands(), 100)
    >>> n
    [65199, 7743, 1368, 82, 3]
    """
    if not isinstance(scale, int) or scale < 1:
        raise DataError(f"放大倍数应是不小于 1 的整数，这里是 {scale!r}")
    counts, amounts = [], []
    for n, a in zip(table.households, table.amounts):
        if n == 0:
            counts.append(0)
            amounts.append(0)
            continue
        m = max(1, (2 * n + scale) // (2 * scale)) if scale > 1 else n
        counts.append(m)
        amounts.append(round(a * m / n) if m != n else a)
    return counts, amounts


def _draw_band(rng: np.random.Generator, lower: int, upper: int | None, n: int, amount: int) -> np.ndarray:
    mean = amount / n
    if upper is None:
        if amount == n * lower:
            return np.full(n, lower, dtype=np.int64)
        alpha = mean / (mean - lower)
        x = lower * rng.random(n) ** (-1.0 / alpha) if lower > 0 else rng.exponential(mean, n)
        top = None
    else:
        top = upper - 1
        width = top - lower
        if width == 0:
            return np.full(n, lower, dtype=np.int64)
        theta = _solve_theta(min(max((mean - lower) / width, 1e-12), 1 - 1e-12))
        u = rng.random(n)
        if abs(theta) < 1e-9:
            frac = u
        else:
            frac = -np.log1p(u * math.expm1(-theta)) / theta
        x = lower + frac * width
    values = np.rint(x).astype(np.int64)
    np.clip(values, lower, top if top is not None else np.iinfo(np.int64).max // 4, out=values)
    # Rescale around the lower bound if the sum is far off, then fix the last 分.
    spare = int(values.sum()) - n * lower
    target = amount - n * lower
    if spare > 0 and abs(target - spare) > n:
        values = lower + np.rint((values - lower) * (target / spare)).astype(np.int64)
        np.clip(values, lower, top if top is not None else np.iinfo(np.int64).max // 4, out=values)
    diff = amount - int(values.sum())
    while diff != 0:
        step = 1 if diff > 0 else -1
        room = (values < top) if (step > 0 and top is not None) else (values > lower) if step < 0 else None
        candidates = np.flatnonzero(room) if room is not None else np.arange(n)
        if candidates.size == 0:
            raise DataError(f"余额区间 [{lower}, {upper}) 分内的 {n} 户装不下 {amount} 分")
        take = rng.permutation(candidates)[: min(abs(diff), candidates.size)]
        values[take] += step
        diff -= step * take.size
    return values


def synthesize_population(
    table: DistributionTable, *, scale: int = 1, seed: int = SYNTH_SEED, shuffle: bool = True
) -> np.ndarray:
    """Customer-level balances (分) that reproduce a banded table exactly.

    Parameters
    ----------
    table : DistributionTable
        Banded data, e.g. the Suzhou five-band report
        (:func:`tiering_lib.load_suzhou_bands`; :func:`tiering_lib.suzhou_population`
        is this function on that table).
    scale : int
        ``1`` for full size (7,439,432 households for Suzhou), ``100`` for 1:100.
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same population.
    shuffle : bool
        Mix the bands (a customer book is not sorted by balance).

    Returns
    -------
    numpy.ndarray of int64
        One balance per household, in 分.

    Examples
    --------
    >>> from tiering_lib import load_suzhou_bands, table_from_balances
    >>> bands = load_suzhou_bands()
    >>> pop = synthesize_population(bands, scale=1000)
    >>> table_from_balances(pop, bands.scheme).households
    (6520, 774, 137, 8, 1)
    """
    rng = np.random.default_rng(seed)
    counts, amounts = scaled_bands(table, scale)
    parts = [
        _draw_band(rng, tier.lower, tier.upper, n, a)
        for tier, n, a in zip(table.scheme.tiers, counts, amounts)
        if n
    ]
    out = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    if shuffle:
        rng.shuffle(out)
    return out
