"""Tier a warehouse table at any scale: :func:`tier_warehouse` with the memory, DuckDB or Spark engine.

Every engine answers with the same :class:`~tiering_lib.DistributionTable`
(households and amounts in 分, to the 分) and the same count of rejected rows
per reason, so a data team can move from a notebook to DuckDB on a laptop to a
Spark cluster without the table changing.  ``engine="auto"`` uses the
in-memory path while the input fits the memory budget and DuckDB beyond it.
"""

from __future__ import annotations

import html
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from tiering_lib.core.scheme_files import builtin_scheme
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.tables import DistributionTable
from tiering_lib.errors import DataError
from tiering_lib.io.engines import ENGINES, Engine, estimated_memory
from tiering_lib.io.reasons import REJECT_REASONS
from tiering_lib.io.warehouse_input import FORMATS, WarehouseInput, locate, plan_columns
from tiering_lib.io.warehouse_report import Output, summary_notes, write_outputs

__all__ = ["WarehouseResult", "tier_warehouse", "choose_engine", "DEFAULT_MEMORY_BUDGET"]

#: Memory the in-memory engine may use before ``engine="auto"`` switches to DuckDB; also DuckDB's memory limit.
DEFAULT_MEMORY_BUDGET = 1 << 30


@dataclass(frozen=True, eq=False)
class WarehouseResult:
    """A warehouse file tiered: the table, the rows read and rejected, and the files written.

    Attributes
    ----------
    input : WarehouseInput
        The file and how its balances were read.
    engine : str
        ``"memory"``, ``"duckdb"`` or ``"spark"``.
    table : DistributionTable
        The accepted customers under the scheme (amounts in 分).
    rows_read : int
    rejected : dict
        Rejected rows per reason code (see :data:`tiering_lib.REJECT_REASONS`), only reasons that occur.
    seconds : float
        Time taken (reading and tiering, and writing when a report was asked for).
    outputs : tuple of Output
        Files written (empty without ``report``).
    notes : tuple of str
        What was decided and why (Chinese).
    """

    input: WarehouseInput
    engine: str
    table: DistributionTable
    rows_read: int
    rejected: dict[str, int]
    seconds: float
    outputs: tuple[Output, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.n_accepted + self.n_rejected != self.rows_read:  # every engine's promise; a bug if broken
            raise AssertionError(f"{self.n_accepted} accepted + {self.n_rejected} rejected != {self.rows_read} read")

    @property
    def n_accepted(self) -> int:
        """Customers tiered."""
        return self.table.total_households

    @property
    def n_rejected(self) -> int:
        """Rows rejected, all reasons."""
        return sum(self.rejected.values())

    def summary_line(self) -> str:
        """``文件(引擎)：读取 N 行 = 接受 A 行 + 拒绝 R 行`` (Chinese)."""
        return (
            f"{self.input.name}（{self.engine} 引擎）：读取 {self.rows_read:,} 行 = "
            f"接受 {self.n_accepted:,} 行 + 拒绝 {self.n_rejected:,} 行"
        )

    def messages(self) -> list[str]:
        """What a command line prints: the summary line, each rejection reason, each file written."""
        lines = [self.summary_line()]
        lines += [f"  拒绝：{REJECT_REASONS[r]} {n:,} 行" for r, n in self.rejected.items()]
        return lines + list(self.notes) + [o.message() for o in self.outputs]

    def summary(self):
        """Rows read, accepted, rejected and each reason, as a DataFrame (项目， 行数)."""
        import pandas as pd

        rows = [("读取的数据行", self.rows_read), ("接受", self.n_accepted), ("拒绝", self.n_rejected)]
        rows += [(f"  拒绝：{REJECT_REASONS[r]}", n) for r, n in self.rejected.items()]
        return pd.DataFrame(rows, columns=["项目", "行数"]).set_index("项目")

    def __repr__(self) -> str:
        return f"<WarehouseResult {self.summary_line()}>"

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(m)}</li>" for m in self.messages()[1:])
        return (
            f"<p><b>{html.escape(self.summary_line())}</b></p>{self.table.to_display()._repr_html_()}"
            f"<ul>{items}</ul>"
        )


def open_engine(name: str, *, memory_limit: int | None = None, spark_master: str | None = None) -> Engine:
    """A new engine by name (``"memory"``, ``"duckdb"`` or ``"spark"``).

    Raises
    ------
    DataError
        For an unknown name, or when the engine's package is not installed.
    """
    if name == "memory":
        from tiering_lib.io.engine_memory import MemoryEngine

        return MemoryEngine()
    if name == "duckdb":
        from tiering_lib.io.engine_duckdb import DuckDBEngine

        return DuckDBEngine(memory_limit=memory_limit)
    if name == "spark":
        from tiering_lib.io.engine_spark import SparkEngine

        return SparkEngine(master=spark_master)
    raise DataError(f"分层引擎“{name}”不认识；可用：{'、'.join(ENGINES)}")


def _remote_input(source: str) -> WarehouseInput:
    suffix = Path(source.rstrip("/").rsplit("/", 1)[-1]).suffix.lower()
    return WarehouseInput(Path(source.rstrip("/").rsplit("/", 1)[-1]), FORMATS.get(suffix, "parquet"), 0, uri=source)


def choose_engine(inp: WarehouseInput, engine: str, memory_budget: int) -> tuple[str, str | None]:
    """The engine to use and, for ``"auto"``, the reason (Chinese).

    Examples
    --------
    >>> from pathlib import Path
    >>> choose_engine(WarehouseInput(Path("x.parquet"), "parquet", 10**9), "auto", 2**30)[0]
    'duckdb'
    """
    if engine not in ENGINES:
        raise DataError(f"分层引擎“{engine}”不认识；可用：{'、'.join(ENGINES)}")
    if engine != "auto":
        return engine, None
    need = estimated_memory(inp)
    mb = f"约 {need / 2**20:,.0f} MB，内存预算 {memory_budget / 2**20:,.0f} MB"
    if need > memory_budget:
        return "duckdb", f"自动选择了 DuckDB 引擎：整份数据读入内存需要{mb}，DuckDB 可以分块处理"
    return "memory", f"自动选择了内存引擎：整份数据读入内存需要{mb}"


def tier_warehouse(
    source: str | os.PathLike,
    scheme: TierScheme | str = "core_four_class",
    *,
    engine: str = "auto",
    balance_column: str | None = None,
    unit: str | None = None,
    id_column: str | None = None,
    memory_budget: int = DEFAULT_MEMORY_BUDGET,
    spark_master: str | None = None,
    report: str | os.PathLike | None = None,
    overwrite: bool = False,
) -> WarehouseResult:
    """Tier a typed warehouse file (Parquet, or CSV with plain-number balances) with any engine.

    Parameters
    ----------
    source : str or path
        A ``.parquet`` file, a folder of Parquet part files, or a UTF-8
        ``.csv``; with ``engine="spark"`` also a cluster path (``hdfs://…``).
    scheme : TierScheme or str
        A scheme or the name of a built-in one.
    engine : str
        ``"auto"`` (memory while the input fits ``memory_budget``, else
        DuckDB), ``"memory"``, ``"duckdb"`` or ``"spark"``.
    balance_column, id_column : str, optional
        Column names; found from the usual names (余额, balance, balance_fen …;
        客户号, customer_id …) when not given.
    unit : str, optional
        Unit of the balances (``"分"``, ``"元"``, ``"万元"``); by default the
        unit the column name states (``balance_fen`` → 分), else 元.
    memory_budget : int
        Bytes: the in-memory engine's budget for ``"auto"``, and DuckDB's memory limit.
    spark_master : str, optional
        Spark master URL (``local[*]`` by default; any cluster URL).
    report : str or path, optional
        Summary workbook (``.xlsx``) to write, with the details in it or as Parquet beside it.
    overwrite : bool
        Replace report files that already exist (otherwise an error).

    Returns
    -------
    WarehouseResult

    Raises
    ------
    DataError
        With a Chinese message naming the file or column, for an input that cannot be used.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "客户.csv").write_text("客户号,余额\\n1,500.00\\n2,-3\\n3,300000\\n", encoding="utf-8")
    >>> r = tier_warehouse(folder / "客户.csv", "suzhou_three_class")
    >>> r.table.households, r.rejected
    ((1, 0, 1), {'negative': 1})
    """
    started = time.perf_counter()
    scheme = builtin_scheme(scheme) if isinstance(scheme, str) else scheme
    remote = "://" in str(source)
    if remote and engine != "spark":
        raise DataError(f"{source}：集群上的路径只能用 Spark 引擎读取（engine=\"spark\"）")
    inp = _remote_input(str(source)) if remote else locate(source)
    name, why = choose_engine(inp, engine, memory_budget)
    runner = open_engine(name, memory_limit=memory_budget, spark_master=spark_master)
    try:
        inp = plan_columns(inp, runner.schema(inp), balance_column=balance_column, id_column=id_column, unit=unit)
        tally = runner.tally(inp, scheme)
        table = DistributionTable(scheme, tally.households, tally.amounts)
        notes = [why] if why else []
        outputs: tuple[Output, ...] = ()
        if report is not None:
            counts = {"accepted": table.total_households, "rejected": sum(tally.rejected.values())}
            lines = summary_notes(scheme, inp, name, tally.rows_read, tally.rejected) + notes
            outputs = write_outputs(runner, inp, scheme, table, lines, counts, Path(report), overwrite=overwrite)
    finally:
        runner.close()
    return WarehouseResult(
        inp, name, table, tally.rows_read, tally.rejected, time.perf_counter() - started, outputs, tuple(notes)
    )
