"""Synthesis of the full-scale Suzhou population (7,439,432 customers): at most 5 s and 600 MB peak."""

from __future__ import annotations

import time

import tiering_lib as tl
from _common import finish, peak_rss_mb, report

bands = tl.load_suzhou_bands()
baseline = peak_rss_mb()
t = time.perf_counter()
population = tl.synthesize_population(bands)
elapsed = time.perf_counter() - t
peak = peak_rss_mb()
assert population.size == 7_439_432
assert tl.table_from_balances(population, bands.scheme) == bands  # exact, to the 分
report("synthesis_customers", population.size, fmt="d")
report("synthesis_s", elapsed, limit=5.0)
report("synthesis_peak_rss_mb", peak, limit=600.0, fmt=".0f")
report("process_rss_before_synthesis_mb", baseline, fmt=".0f")
finish()
