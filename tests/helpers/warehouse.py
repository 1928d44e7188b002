"""Typed warehouse files for the engine tests, and the answer they must give, worked out by hand."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Sequence

from hypothesis import strategies as st

import tiering_lib as tl

#: The largest balance accepted (100亿元, in 分); above it a row is rejected as too large.
MAX_FEN = 10**12


def boundary_values(scheme) -> list[int]:
    """Every bound of the scheme, one 分 either side, 0 and the largest balance accepted (and one above)."""
    near = {b + d for t in scheme.tiers[1:] for b in (t.lower,) for d in (-1, 0, 1)}
    return sorted(near | {0, 1, MAX_FEN, MAX_FEN + 1})


@st.composite
def schemes(draw):
    """A built-in scheme, or one with random thresholds (whole 分)."""
    base = tl.builtin_scheme(draw(st.sampled_from(tl.builtin_scheme_names())))
    if draw(st.booleans()):
        return base
    k = len(base.tiers) - 1
    cuts = draw(st.lists(st.integers(1, 10**9), min_size=k, max_size=k, unique=True))
    return base.with_thresholds(sorted(cuts))


@st.composite
def balances(draw, scheme, max_size: int = 60):
    """Balances in 分 (or None) with values exactly on, and next to, every boundary."""
    edges = boundary_values(scheme)
    value = st.one_of(
        st.sampled_from(edges),
        st.integers(0, 10**11),
        st.integers(-(10**7), -1),
        st.none(),
    )
    picked = draw(st.lists(value, max_size=max_size))
    return picked + edges  # every boundary at least once


def expected(values: Sequence[int | None], scheme):
    """(households, amounts, rejected) by the definition: each tier holds lower <= b < upper."""
    households = [0] * len(scheme.tiers)
    amounts = [0] * len(scheme.tiers)
    rejected: dict[str, int] = {}
    for v in values:
        reason = "missing_balance" if v is None else "negative" if v < 0 else "too_large" if v > MAX_FEN else None
        if reason:
            rejected[reason] = rejected.get(reason, 0) + 1
            continue
        (i,) = [k for k, t in enumerate(scheme.tiers) if t.contains(v)]
        households[i] += 1
        amounts[i] += v
    order = list(tl.REJECT_REASONS)
    return tuple(households), tuple(amounts), dict(sorted(rejected.items(), key=lambda kv: order.index(kv[0])))


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen).scaleb(-2)


def write_parquet(path: Path, values: Sequence[int | None], unit: str = "分", balance: str = "balance_fen",
                  ident: str | None = "customer_id") -> Path:
    """A Parquet file: an id column (1, 2, …) and the balances as BIGINT 分 or DECIMAL(38,2) 元."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if unit == "分":
        column = pa.array(values, pa.int64())
    else:
        column = pa.array([yuan(v) for v in values], pa.decimal128(38, 2))
    arrays, names = [column], [balance]
    if ident:
        arrays.insert(0, pa.array(range(1, len(values) + 1), pa.int64()))
        names.insert(0, ident)
    pq.write_table(pa.Table.from_arrays(arrays, names=names), path)
    return path


def write_csv(path: Path, texts: Sequence[str | None], balance: str = "余额", ident: str | None = "客户号") -> Path:
    """A UTF-8 CSV of balances written as text (``None`` as an empty cell)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow([ident, balance] if ident else [balance])
        for k, t in enumerate(texts, start=1):
            cell = "" if t is None else t
            out.writerow([f"C{k:06d}", cell] if ident else [cell])
    return path
