"""What every tiering engine (memory, DuckDB, Spark) gives back, and how one is chosen.

An engine reads a :class:`~tiering_lib.io.warehouse_input.WarehouseInput` and
answers four questions: the file's columns (``schema``), the households and
exact amounts per tier with the rejected rows per reason (``tally``, one pass),
and the per-customer details, accepted or rejected, either as batches of rows
(``iter_details``, for an Excel sheet) or written straight to Parquet
(``write_parquet``, for more rows than Excel holds).

Engines load on first use: ``duckdb`` and ``pyspark`` are imported only by the
engine that needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol, Sequence

from tiering_lib.core.money import to_fen
from tiering_lib.core.schemes import TierScheme
from tiering_lib.io.amounts import MAX_BALANCE_FEN
from tiering_lib.io.reasons import REJECT_REASONS
from tiering_lib.io.warehouse_input import WarehouseInput

__all__ = [
    "ENGINES", "DETAIL_LABELS", "detail_labels", "Tally", "Engine", "tally_from_rows", "estimated_memory",
]

#: Engine names accepted by :func:`tiering_lib.tier_warehouse` (``"auto"`` chooses one of the others).
ENGINES = ("auto", "memory", "duckdb", "spark")

#: Column names of the per-customer details (Chinese, as in the branch report).
DETAIL_LABELS = {
    "id": "客户号",
    "balance": "余额（元）",
    "code": "层级",
    "name": "层级名称",
    "raw": "余额（原文）",
    "reason": "原因",
}



def detail_labels(unit: str) -> dict[str, str]:
    """:data:`DETAIL_LABELS` with the Parquet balance column named by its unit, e.g. ``余额(分)``."""
    return {**DETAIL_LABELS, "amount": f"余额（{unit}）"}


#: Bytes of memory the in-memory engine needs per byte of input on disk (measured on the synthetic data:
#: 40 bytes a customer from a Parquet file of 8.6 bytes a customer, 130 from a CSV file of 15 bytes).
MEMORY_FACTOR = {"csv": 12, "parquet": 8}


@dataclass(frozen=True)
class Tally:
    """Households and amounts (分) per tier, lowest tier first; rejected rows per reason; rows read.

    ``rows_read`` is counted on its own (not as the sum of the others), so
    ``accepted + rejected == rows_read`` is a real check.
    """

    households: tuple[int, ...]
    amounts: tuple[int, ...]
    rejected: dict[str, int]
    rows_read: int


class Engine(Protocol):
    """The methods :func:`tiering_lib.tier_warehouse` calls on an engine."""

    name: str

    def schema(self, inp: WarehouseInput) -> list[tuple[str, str]]: ...

    def tally(self, inp: WarehouseInput, scheme: TierScheme) -> Tally: ...

    def iter_details(self, inp: WarehouseInput, scheme: TierScheme, which: str) -> Iterator[Sequence[Any]]: ...

    def write_parquet(self, inp: WarehouseInput, scheme: TierScheme, which: str, path: Path) -> Path: ...

    def close(self) -> None: ...


def ordered_reasons(counts: dict[str, int]) -> dict[str, int]:
    """Reason counts in the order of :data:`REJECT_REASONS`, reasons that occur only."""
    return {r: counts[r] for r in REJECT_REASONS if counts.get(r)}


def tally_from_rows(rows: Iterable[Sequence[Any]], n_tiers: int, unit: str, rows_read: int) -> Tally:
    """A :class:`Tally` from the rows of :func:`~tiering_lib.core.sql_queries.tally_sql` (reason, tier, n, total).

    Examples
    --------
    >>> from decimal import Decimal
    >>> t = tally_from_rows([(None, 1, 2, Decimal("30000.00")), ("negative", None, 1, None)], 3, "元", 3)
    >>> t.households, t.amounts, t.rejected
    ((0, 2, 0), (0, 3000000, 0), {'negative': 1})
    """
    households, amounts = [0] * n_tiers, [0] * n_tiers
    rejected: dict[str, int] = {}
    for reason, tier, n, total in rows:
        if reason is None and tier is None:  # the scheme covers every amount >= 0; a bug if reached
            raise AssertionError(f"{n} accepted rows fell in no tier")
        if reason is None:
            households[int(tier)] += int(n)
            amounts[int(tier)] += to_fen(total, unit) if total is not None else 0
        else:
            rejected[str(reason)] = rejected.get(str(reason), 0) + int(n)
    return Tally(tuple(households), tuple(amounts), ordered_reasons(rejected), int(rows_read))


def sql_options(inp: WarehouseInput, dialect: str) -> dict[str, Any]:
    """The options of the SQL builders for this input (kind, unit, dialect, the 100亿元 limit)."""
    return {"kind": inp.kind, "unit": inp.unit, "dialect": dialect, "max_fen": MAX_BALANCE_FEN}


def estimated_memory(inp: WarehouseInput) -> int:
    """Bytes the in-memory engine would need for this input (its size on disk × :data:`MEMORY_FACTOR`)."""
    return inp.size_bytes * MEMORY_FACTOR[inp.format]
