"""The DuckDB engine: embedded, out of core, for Parquet and CSV files larger than memory.

DuckDB streams the file through the tally query (:func:`~tiering_lib.core.sql_queries.tally_sql`)
in parallel and keeps only a few rows of state, so a 100-million-row file needs
little memory; ``memory_limit`` caps what it may use, and anything it has to
spill (when writing the details) goes to a private temporary folder that is
removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator, Sequence

from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.sql import quote_literal
from tiering_lib.core.sql_queries import details_sql, tally_sql
from tiering_lib.errors import DataError
from tiering_lib.io.engines import Tally, detail_labels, sql_options, tally_from_rows
from tiering_lib.io.reasons import REJECT_REASONS
from tiering_lib.io.warehouse_input import WarehouseInput

__all__ = ["DuckDBEngine", "read_header", "SOURCE_VIEW"]

#: Name of the view the queries read.
SOURCE_VIEW = "tiering_source"
_BATCH = 50_000


def read_header(path: Path) -> list[str]:
    """The header cells of a UTF-8 CSV file (first row).

    Raises
    ------
    DataError
        When the file is not UTF-8 or has no header.
    """
    import csv

    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f), [])
    except UnicodeDecodeError:
        raise DataError(f"{path.name}：不是 UTF-8 编码的 CSV；数据仓库导出请用 UTF-8") from None
    if not header:
        raise DataError(f"{path.name}：第一行是空的，没有表头")
    return header


def _failure(inp: WarehouseInput, err: Exception) -> DataError:
    # The engine's own message may quote a line of the file (customer data): name only its type.
    return DataError(
        f"{inp.name}：DuckDB 无法读取这个文件（{type(err).__name__}）；Parquet 文件请确认没有损坏，"
        "CSV 文件请确认是 UTF-8 编码、逗号分隔、第一行是表头、每行格数与表头相同"
    )


class DuckDBEngine:
    """Tier with an embedded DuckDB database (in memory, spilling to a temporary folder).

    Parameters
    ----------
    memory_limit : int, optional
        Bytes DuckDB may use (its default is 80% of the machine's memory).
    threads : int, optional
        Worker threads (default: one per core).
    """

    name = "duckdb"

    def __init__(self, memory_limit: int | None = None, threads: int | None = None) -> None:
        try:
            import duckdb
        except ImportError:
            raise DataError("DuckDB 引擎需要 duckdb 软件包；请运行 make lab 或 pip install duckdb 安装") from None
        self._errors = duckdb.Error
        self._tmp = tempfile.mkdtemp(prefix="tiering-duckdb-")
        config: dict[str, Any] = {"temp_directory": self._tmp, "preserve_insertion_order": False}
        if memory_limit:
            config["memory_limit"] = f"{max(int(memory_limit) // 2**20, 64)}MB"
        if threads:
            config["threads"] = int(threads)
        self.con = duckdb.connect(":memory:", config=config)
        self._source: WarehouseInput | None = None

    def _view(self, inp: WarehouseInput) -> None:
        key = (inp.path, inp.format)
        if self._source is not None and (self._source.path, self._source.format) == key:
            return
        try:
            if inp.format == "parquet":
                rel = self.con.read_parquet(inp.parquet_files)
            else:
                header = read_header(inp.path)
                columns = {name: "VARCHAR" for name in header}
                if len(columns) != len(header):
                    raise DataError(f"{inp.name}：表头里有重名的列；请先改成各不相同的列名")
                rel = self.con.read_csv(
                    str(inp.path), header=True, columns=columns, auto_detect=False,
                    delimiter=",", quotechar='"', escapechar='"', encoding="utf-8",
                )
            rel.create_view(SOURCE_VIEW, replace=True)
        except self._errors as err:
            raise _failure(inp, err) from err
        self._source = inp

    def query(self, inp: WarehouseInput, sql: str):
        """Run ``sql`` on the input (the view ``tiering_source``); engine errors become a :class:`DataError`."""
        self._view(inp)
        try:
            return self.con.execute(sql)
        except self._errors as err:
            raise _failure(inp, err) from err

    def schema(self, inp: WarehouseInput) -> list[tuple[str, str]]:
        """Column names and DuckDB type names, in file order."""
        self._view(inp)
        rel = self.con.table(SOURCE_VIEW)
        return [(name, str(t)) for name, t in zip(rel.columns, rel.types)]

    def tally(self, inp: WarehouseInput, scheme: TierScheme) -> Tally:
        """Households, amounts and rejected rows in one pass over the file; rows read counted apart."""
        sql = tally_sql(scheme, SOURCE_VIEW, inp.balance_column, **sql_options(inp, "duckdb"))
        rows = self.query(inp, sql).fetchall()
        (rows_read,) = self.query(inp, f"SELECT COUNT(*) FROM {SOURCE_VIEW}").fetchone()
        return tally_from_rows(rows, len(scheme.tiers), inp.unit, rows_read)

    def _details(self, inp: WarehouseInput, scheme: TierScheme, which: str, layout: str = "sheet") -> str:
        return details_sql(
            scheme, SOURCE_VIEW, inp.balance_column, which=which, layout=layout, id_column=inp.id_column,
            names=detail_labels(inp.unit), reason_labels=REJECT_REASONS, **sql_options(inp, "duckdb"),
        )

    def iter_details(self, inp: WarehouseInput, scheme: TierScheme, which: str) -> Iterator[Sequence[Any]]:
        """Rows of the accepted (``which="accepted"``) or rejected customers, streamed."""
        cursor = self.query(inp, self._details(inp, scheme, which))
        while rows := cursor.fetchmany(_BATCH):
            yield from rows

    def write_parquet(self, inp: WarehouseInput, scheme: TierScheme, which: str, path: Path) -> Path:
        """Write the details to one Parquet file (the compact layout; DuckDB streams it, memory stays flat)."""
        sql = self._details(inp, scheme, which, "parquet")
        self.query(inp, f"COPY ({sql}) TO {quote_literal(str(path))} (FORMAT parquet)")
        return path

    def close(self) -> None:
        """Close the database and remove its temporary folder."""
        self.con.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
