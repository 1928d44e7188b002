"""The in-memory engine: today's path (numpy, :func:`~tiering_lib.core.tables.table_from_balances`).

It reads the whole balance column into memory, checks every balance with the
same rules the SQL engines apply (:func:`balance_reason` mirrors
:func:`~tiering_lib.core.sql.reason_sql`), and tiers the accepted balances
with :func:`~tiering_lib.core.tables.table_from_balances`.  Parquet is read
through DuckDB (a reader only: checks and tiering happen here), CSV with
Python's :mod:`csv`.  Right for files that fit in memory; ``engine="auto"``
switches to DuckDB above the memory budget.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

from tiering_lib.core.classify import classify
from tiering_lib.core.money import UNITS
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.sql import amount_literal
from tiering_lib.core.tables import table_from_balances
from tiering_lib.errors import DataError
from tiering_lib.io.amounts import MAX_BALANCE_FEN
from tiering_lib.io.engines import Tally, detail_labels, ordered_reasons
from tiering_lib.io.reasons import REJECT_REASONS
from tiering_lib.io.warehouse_input import WarehouseInput

__all__ = ["MemoryEngine", "balance_reason"]

_FOREIGN = re.compile(r"[^0-9eE.+-]")
_SCIENTIFIC = re.compile(r"[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)[eE][+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)")
_PLAIN = re.compile(r"([0-9]{1,20})(?:[.]([0-9]*))?")
#: Integer types whose values fit in int64 (read as numbers; anything else is read as text).
_INT64_TYPES = {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT"}


def balance_reason(text: str | None, unit: str = "元", max_fen: int | None = MAX_BALANCE_FEN) -> tuple[str | None, int]:
    """Why a balance written as text cannot be tiered, or ``(None, fen)`` when it can.

    The same rules, in the same order, as the SQL engines' checks.

    Examples
    --------
    >>> balance_reason(" 12.50 "), balance_reason("1e5"), balance_reason("1.234"), balance_reason(None)
    ((None, 1250), ('scientific', 0), ('sub_fen', 0), ('missing_balance', 0))
    """
    if text is None or not (t := text.strip(" ")):
        return "missing_balance", 0
    places = len(str(UNITS[unit])) - 1
    plain = _PLAIN.fullmatch(t)
    if plain and len(plain.group(2) or "") <= places:  # the common case, kept fast: digits, few decimals
        whole, frac = plain.groups()
        fen = int(whole) * UNITS[unit] + (int(frac.ljust(places, "0")) if frac else 0) * UNITS[unit] // 10**places
        return ("too_large", 0) if max_fen is not None and fen > max_fen else (None, fen)
    if _FOREIGN.search(t):
        return "not_a_number", 0
    if _SCIENTIFIC.fullmatch(t):
        return "scientific", 0
    if not _NUMBER.fullmatch(t):
        return "not_a_number", 0
    frac = t.partition(".")[2]
    if frac[places:].strip("0"):
        return "sub_fen", 0
    value = Decimal(t)
    if abs(value) >= Decimal(10) ** (38 - places):  # beyond DECIMAL(38, places)
        return "too_large", 0
    if value < 0:
        return "negative", 0
    fen = int(value * UNITS[unit])
    if max_fen is not None and fen > max_fen:
        return "too_large", 0
    return None, fen


class _Loaded:
    """Every row of one input: accepted balances (分) and rejected rows with reasons."""

    def __init__(self, n_rows: int, ids: list | None, fen: np.ndarray, ok: np.ndarray, reasons: dict, raw: dict):
        self.n_rows, self.ids, self.fen, self.ok, self.reasons, self.raw = n_rows, ids, fen, ok, reasons, raw


class MemoryEngine:
    """Tier in memory with numpy, the library's original path."""

    name = "memory"

    def __init__(self) -> None:
        self._cache: tuple[tuple, _Loaded] | None = None

    # -- reading -------------------------------------------------------------------
    def _duckdb(self, inp: WarehouseInput):
        from tiering_lib.io.engine_duckdb import DuckDBEngine

        return DuckDBEngine(threads=1)

    def schema(self, inp: WarehouseInput) -> list[tuple[str, str]]:
        """Column names and type names (CSV columns are text)."""
        if inp.format == "csv":
            from tiering_lib.io.engine_duckdb import read_header

            return [(name, "VARCHAR") for name in read_header(inp.path)]
        reader = self._duckdb(inp)
        try:
            return reader.schema(inp)
        finally:
            reader.close()

    def _columns(self, inp: WarehouseInput, with_ids: bool) -> tuple[list | None, list, np.ndarray | None]:
        """(ids, balances as text, int64 balances with a missing mask) in file order; one of the last two is used."""
        if inp.format == "csv":
            return self._csv_columns(inp, with_ids)
        reader = self._duckdb(inp)
        try:
            types = dict(reader.schema(inp))
            b = quote(inp.balance_column)
            ids = None
            if inp.id_column and with_ids:
                ids = _values(reader.query(inp, f"SELECT {quote(inp.id_column)} FROM tiering_source"))
            if types[inp.balance_column] in _INT64_TYPES:
                col = next(iter(reader.query(inp, f"SELECT {b} FROM tiering_source").fetchnumpy().values()))
                return ids, [], np.ma.asarray(col)
            return ids, _values(reader.query(inp, f"SELECT CAST({b} AS VARCHAR) FROM tiering_source")), None
        finally:
            reader.close()

    def _csv_columns(self, inp: WarehouseInput, with_ids: bool) -> tuple[list | None, list, None]:
        ids: list | None = [] if inp.id_column and with_ids else None
        texts: list = []
        with open(inp.path, newline="", encoding="utf-8-sig") as f:
            rows = csv.reader(f)
            header = next(rows)
            b, i = header.index(inp.balance_column), header.index(inp.id_column) if inp.id_column else -1
            for line, row in enumerate(rows, start=2):
                if not row:
                    continue  # a blank line is not a row (as in DuckDB and Spark)
                if len(row) != len(header):
                    raise DataError(f"{inp.name}：第 {line} 行有 {len(row)} 格，表头有 {len(header)} 格；请检查这一行")
                texts.append(row[b] or None)
                if ids is not None:
                    ids.append(row[i] or None)
        return ids, texts, None

    def _load(self, inp: WarehouseInput, with_ids: bool = False) -> _Loaded:
        key = (inp.path, inp.balance_column, inp.id_column, inp.unit, inp.kind)
        if self._cache and self._cache[0] == key and (self._cache[1].ids is not None or not with_ids):
            return self._cache[1]
        ids, texts, numbers = self._columns(inp, with_ids and inp.id_column is not None)
        reasons: dict[int, str] = {}
        raw: dict[int, str | None] = {}
        if numbers is not None:
            size = UNITS[inp.unit]
            values = numbers.filled(0).astype(np.int64)
            missing = np.ma.getmaskarray(numbers)
            verdict = [
                (missing, "missing_balance"),
                (~missing & (values < 0), "negative"),
                (~missing & (values > MAX_BALANCE_FEN // size), "too_large"),
            ]
            for mask, reason in verdict:
                for k in np.flatnonzero(mask).tolist():
                    reasons[k] = reason
                    raw[k] = None if reason == "missing_balance" else str(int(values[k]))
            ok = np.ones(values.size, dtype=bool)
            ok[list(reasons)] = False
            fen = values[ok] * size
        else:
            ok = np.ones(len(texts), dtype=bool)
            accepted = []
            for k, text in enumerate(texts):
                reason, value = balance_reason(text, inp.unit)
                if reason is None:
                    accepted.append(value)
                else:
                    ok[k], reasons[k], raw[k] = False, reason, text
            fen = np.array(accepted, dtype=np.int64)
        loaded = _Loaded(int(ok.size), ids, fen, ok, reasons, raw)
        self._cache = (key, loaded)
        return loaded

    # -- answers ---------------------------------------------------------------------
    def tally(self, inp: WarehouseInput, scheme: TierScheme) -> Tally:
        """Tier the accepted balances with :func:`table_from_balances`; count the rejected rows."""
        data = self._load(inp)
        table = table_from_balances(data.fen, scheme)
        counts: dict[str, int] = {}
        for reason in data.reasons.values():
            counts[reason] = counts.get(reason, 0) + 1
        return Tally(table.households, table.amounts, ordered_reasons(counts), data.n_rows)

    def iter_details(self, inp: WarehouseInput, scheme: TierScheme, which: str) -> Iterator[Sequence[Any]]:
        """Rows of the accepted or rejected customers, in file order (customer numbers as text)."""
        for row in self._rows(inp, scheme, which, "sheet"):
            yield row

    def _rows(self, inp: WarehouseInput, scheme: TierScheme, which: str, layout: str) -> Iterator[list]:
        data = self._load(inp, with_ids=True)
        text = (lambda v: None if v is None else str(v)) if layout == "sheet" else (lambda v: v)
        if which == "accepted":
            idx = classify(data.fen, scheme).tolist()
            ids = [data.ids[k] for k in np.flatnonzero(data.ok).tolist()] if data.ids is not None else None
            for n, (fen, i) in enumerate(zip(data.fen.tolist(), idx)):
                head = [] if ids is None else [text(ids[n])]
                tier = scheme.tiers[i]
                if layout == "sheet":
                    yield [*head, Decimal(fen).scaleb(-2), tier.code, tier.name_zh]
                else:
                    yield [*head, fen, tier.code]
        else:
            for k in sorted(data.reasons):
                head = [] if data.ids is None else [text(data.ids[k])]
                yield [*head, data.raw[k], REJECT_REASONS[data.reasons[k]]]

    def write_parquet(self, inp: WarehouseInput, scheme: TierScheme, which: str, path: Path) -> Path:
        """Write the details to Parquet in the compact layout of the SQL engines (through DuckDB)."""
        import pandas as pd

        labels = detail_labels(inp.unit)
        keys = (["id"] if inp.id_column else []) + (["amount", "code"] if which == "accepted" else ["raw", "reason"])
        frame = pd.DataFrame(list(self._rows(inp, scheme, which, "parquet")), columns=keys, dtype=object)
        writer = self._duckdb(inp)
        try:
            writer.con.register("details", frame)
            casts = []
            for key in keys:
                if key == "amount":
                    places, unit = len(str(UNITS[inp.unit])) - 1, inp.unit
                    value = "CAST(amount AS BIGINT)" if unit == "分" else (
                        f"CAST(CAST(amount AS DECIMAL(38,0)) * {amount_literal(1, unit)} AS DECIMAL(38,{places}))"
                    )
                elif key == "id":  # the type the file gives it
                    value = f"CAST(id AS {dict(self.schema(inp))[inp.id_column]})"
                else:
                    value = f"CAST({key} AS VARCHAR)"
                casts.append(f"{value} AS {quote(labels[key])}")
            writer.con.execute(f"COPY (SELECT {', '.join(casts)} FROM details) TO {literal(str(path))} (FORMAT parquet)")
        finally:
            writer.close()
        return path

    def close(self) -> None:
        """Forget the data read."""
        self._cache = None


def _values(cursor) -> list:
    """The one column of a DuckDB result as a list of Python values (``None`` for NULL)."""
    col = np.ma.asarray(next(iter(cursor.fetchnumpy().values())))
    mask = np.ma.getmaskarray(col)
    values = np.ma.getdata(col).tolist()
    return [None if m else v for v, m in zip(values, mask.tolist())] if mask.any() else values


def quote(name: str) -> str:
    from tiering_lib.core.sql import quote_identifier

    return quote_identifier(name, "duckdb")


def literal(text: str) -> str:
    from tiering_lib.core.sql import quote_literal

    return quote_literal(text, "duckdb")
