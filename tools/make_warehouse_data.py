"""Make account-level warehouse data at any scale: N customers as one Parquet file.

Everything here is synthetic.  The file is written in chunks, so 100 million rows
never sit in memory at once: each chunk is the synthetic Suzhou population
(:func:`tiering_lib.synthesize_population` on :func:`tiering_lib.load_suzhou_bands`,
the February-2012 balance structure) at a scale of ``1:chunk_scale``, drawn with
its own seed (``seed + chunk number``) and shuffled.  So the file has the Suzhou
shape scaled up: any whole number ``k`` of chunks holds exactly ``k`` times the
(scaled) Suzhou table, and the last, partial chunk is a random part of one more.

Columns: ``customer_id`` (BIGINT, 1 … N, a made-up number, not an account or
card number) and ``balance_fen`` (BIGINT, 分), or with ``--unit 元``
``balance_yuan`` (DECIMAL(18,2), 元).  Written with pyarrow (the ``test`` extra).

Run from the repository root, e.g. (the benchmarks write under ``build/``,
which git ignores)::

    python tools/make_warehouse_data.py build/warehouse/customers_100m.parquet --customers 100000000
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

from tiering_lib import SYNTH_SEED, load_suzhou_bands, scaled_bands, synthesize_population

#: Rows per Parquet row group (DuckDB and Spark read row groups in parallel).
ROW_GROUP = 1 << 20


def chunk_size(chunk_scale: int = 1) -> int:
    """Customers in one chunk: the Suzhou population at ``1:chunk_scale`` (7,439,432 at 1:1)."""
    return sum(scaled_bands(load_suzhou_bands(), chunk_scale)[0])


def _schema(unit: str):
    import pyarrow as pa

    balance = ("balance_fen", pa.int64()) if unit == "分" else ("balance_yuan", pa.decimal128(18, 2))
    return pa.schema([("customer_id", pa.int64()), balance])


def _table(ids: np.ndarray, fen: np.ndarray, unit: str):
    import pyarrow as pa
    import pyarrow.compute as pc

    balance = pa.array(fen, pa.int64())
    if unit == "元":  # exact: the whole 分 as decimals, times 0.01
        cent = pa.scalar(Decimal("0.01"), pa.decimal128(3, 2))
        balance = pc.multiply(balance.cast(pa.decimal128(19, 0)), cent).cast(pa.decimal128(18, 2))
    return pa.Table.from_arrays([pa.array(ids, pa.int64()), balance], schema=_schema(unit))


def write_population(
    path: str | Path,
    customers: int,
    *,
    seed: int = SYNTH_SEED,
    unit: str = "分",
    chunk_scale: int = 1,
    progress=None,
) -> Path:
    """Write ``customers`` synthetic customers to one Parquet file, chunk by chunk.

    Parameters
    ----------
    path : str or path
        The ``.parquet`` file to write (its folder is created).
    customers : int
        Number of rows.
    seed : int
        Seed of the first chunk; chunk ``k`` uses ``seed + k``.
    unit : str
        ``"分"`` (``balance_fen`` BIGINT) or ``"元"`` (``balance_yuan`` DECIMAL(18,2)).
    chunk_scale : int
        Each chunk is the Suzhou population at ``1:chunk_scale``.
    progress : callable, optional
        ``progress(rows_written)`` after each chunk.
    """
    import pyarrow.parquet as pq

    if unit not in ("分", "元"):
        raise ValueError(f"unit must be 分 or 元, got {unit!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    bands = load_suzhou_bands()
    written, chunk = 0, 0
    with pq.ParquetWriter(path, _schema(unit), compression="snappy") as writer:
        while written < customers:
            fen = synthesize_population(bands, scale=chunk_scale, seed=seed + chunk)[: customers - written]
            ids = np.arange(written + 1, written + fen.size + 1, dtype=np.int64)
            writer.write_table(_table(ids, fen, unit), row_group_size=ROW_GROUP)
            written += fen.size
            chunk += 1
            if progress is not None:
                progress(written)
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic customers (Suzhou shape) as Parquet.")
    parser.add_argument("out", help="the .parquet file to write")
    parser.add_argument("--customers", type=int, required=True, help="number of customers (rows)")
    parser.add_argument("--seed", type=int, default=SYNTH_SEED)
    parser.add_argument("--unit", choices=("分", "元"), default="分")
    parser.add_argument("--chunk-scale", type=int, default=1, help="each chunk is the Suzhou population at 1:N")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = write_population(
        args.out, args.customers, seed=args.seed, unit=args.unit, chunk_scale=args.chunk_scale,
        progress=lambda n: print(f"{n:,} rows", file=sys.stderr, flush=True),
    )
    print(f"{path}: {args.customers:,} customers, {path.stat().st_size / 2**20:,.0f} MB, "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
