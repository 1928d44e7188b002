"""What a warehouse run writes: a summary workbook, and the details in it or beside it as Parquet.

The summary ``.xlsx`` (the project's streaming writer) always has the
分层汇总 sheet: the distribution table in the deck's layout, then notes (scheme,
file, engine, rows read = accepted + rejected, rejected rows per reason).  The
per-customer details go into the 客户明细 / 问题数据 sheets while they fit in
one Excel worksheet (:data:`DETAIL_ROW_LIMIT` rows); beyond that they are
written as Parquet beside the workbook (``<name>_客户明细.parquet``,
``<name>_问题数据.parquet``) and the notes say where and why.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tiering_lib.core.money import to_decimal
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.tables import COLUMNS, DistributionTable
from tiering_lib.errors import DataError
from tiering_lib.io.engines import DETAIL_LABELS, Engine
from tiering_lib.io.reasons import REJECT_REASONS
from tiering_lib.io.report import SHEET_NAMES
from tiering_lib.io.warehouse_input import WarehouseInput
from tiering_lib.io.xlsx_writer import MAX_ROWS, Sheet, write_xlsx

__all__ = ["DETAIL_ROW_LIMIT", "Output", "planned_paths", "write_outputs", "summary_notes"]

#: Detail rows one worksheet holds (Excel's 1,048,576 rows less the header); more go to Parquet.
DETAIL_ROW_LIMIT = MAX_ROWS - 1


@dataclass(frozen=True)
class Output:
    """One file (or Parquet folder) written.

    Attributes
    ----------
    what : str
        ``"summary"``, ``"accepted"`` or ``"rejected"``.
    path : Path
    rows : int
        Detail rows it holds (0 for the summary).
    format : str
        ``"xlsx"`` or ``"parquet"``.
    """

    what: str
    path: Path
    rows: int
    format: str

    def message(self) -> str:
        """One Chinese sentence saying what was written where (and why Parquet)."""
        label = {"accepted": SHEET_NAMES[1], "rejected": SHEET_NAMES[2]}.get(self.what, "")
        if self.what == "summary":
            return f"已写出分层汇总：{self.path}"
        if self.format == "xlsx":
            return f"{label} {self.rows:,} 行在汇总文件的“{label}”工作表中"
        folder = "文件夹（Spark 写出的分块文件）" if self.path.is_dir() else "文件"
        return (
            f"{label}有 {self.rows:,} 行，超过 Excel 一张工作表能放的 {DETAIL_ROW_LIMIT:,} 行，"
            f"已另存为 Parquet {folder}：{self.path}（可用 DuckDB、pandas 或 Spark 读取；"
            + ("余额保持数据中的原单位，层级只写代码，代码对应的名称见汇总表）" if self.what == "accepted" else "每行写明原因）")
        )


def planned_paths(report: Path) -> dict[str, Path]:
    """Where the summary and any Parquet details of ``report`` go."""
    stem = report.with_suffix("")
    return {
        "summary": report,
        "accepted": stem.with_name(f"{stem.name}_{SHEET_NAMES[1]}.parquet"),
        "rejected": stem.with_name(f"{stem.name}_{SHEET_NAMES[2]}.parquet"),
    }


def summary_notes(
    scheme: TierScheme, inp: WarehouseInput, engine: str, rows_read: int, rejected: dict[str, int]
) -> list[str]:
    """The lines under the summary table (Chinese)."""
    n_rejected = sum(rejected.values())
    lines = [
        f"分层方案：{scheme.title_zh}",
        f"数据文件：{inp.name}（{inp.format}，余额列“{inp.balance_column}”，单位 {inp.unit}）",
        f"分层引擎：{engine}",
        f"读取 {rows_read:,} 行：接受 {rows_read - n_rejected:,} 行，拒绝 {n_rejected:,} 行",
    ]
    lines += [f"  拒绝：{REJECT_REASONS[r]} {n:,} 行" for r, n in rejected.items()]
    lines.append("层级代码：" + "；".join(f"{t.code} = {t.name_zh}" for t in scheme.display_tiers()))
    return lines


def _summary_rows(table: DistributionTable, notes: list[str]) -> Iterator[list[object]]:
    for row in table.rows():
        avg = row["average_yuan"]
        yield [
            row["label"],
            row["amount_wan"],
            to_decimal(row["amount_share"], 6),
            row["households"],
            to_decimal(row["household_share"], 6),
            "—" if avg is None else to_decimal(avg, 2),
        ]
    yield []
    for line in notes:
        yield [line]


def _detail_sheet(name: str, inp: WarehouseInput, which: str, rows) -> Sheet:
    keys = ["id"] if inp.id_column else []
    keys += ["balance", "code", "name"] if which == "accepted" else ["raw", "reason"]
    styles = {"id": "plain", "balance": "money", "code": "plain", "name": "plain", "raw": "plain", "reason": "plain"}
    widths = {"id": 20, "balance": 16, "code": 8, "name": 24, "raw": 20, "reason": 30}
    return Sheet(name, [DETAIL_LABELS[k] for k in keys], rows, [styles[k] for k in keys], [widths[k] for k in keys])


def _clear(paths: list[Path], overwrite: bool) -> None:
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        names = "、".join(str(p) for p in existing)
        raise DataError(f"{names} 已经存在；请换一个报告文件名，或明确要求覆盖（overwrite=True）")
    for p in existing:
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def write_outputs(
    engine: Engine,
    inp: WarehouseInput,
    scheme: TierScheme,
    table: DistributionTable,
    notes: list[str],
    counts: dict[str, int],
    report: Path,
    *,
    overwrite: bool = False,
    limit: int | None = None,
) -> tuple[Output, ...]:
    """Write the summary workbook and the details; return what was written.

    ``counts`` holds the number of ``accepted`` and ``rejected`` rows; each
    set of details goes into the workbook up to ``limit`` rows
    (:data:`DETAIL_ROW_LIMIT` by default), else to Parquet beside it.
    """
    limit = DETAIL_ROW_LIMIT if limit is None else limit
    paths = planned_paths(report)
    if report.suffix.lower() != ".xlsx":
        raise DataError(f"{report}：汇总文件名应以 .xlsx 结尾")
    if not inp.uri and inp.path.exists() and report.exists() and report.resolve() == inp.path.resolve():
        raise DataError(f"{report}：报告不能覆盖输入文件；请换一个文件名")
    big = {w for w in ("accepted", "rejected") if counts[w] > limit}
    _clear([paths["summary"], *(paths[w] for w in big)], overwrite)
    outputs = []
    for which in sorted(big):
        engine.write_parquet(inp, scheme, which, paths[which])
        outputs.append(Output(which, paths[which], counts[which], "parquet"))
    placed = [Output(w, report, counts[w], "xlsx") for w in ("accepted", "rejected") if w not in big]
    notes = notes + [o.message() for o in outputs + placed]
    sheets = [
        Sheet(SHEET_NAMES[0], ["类别", *COLUMNS], _summary_rows(table, notes),
              ["plain", "money", "percent", "count", "percent", "money"], [26, 16, 12, 12, 12, 16]),
    ]
    for which, name in (("accepted", SHEET_NAMES[1]), ("rejected", SHEET_NAMES[2])):
        if which not in big:
            sheets.append(_detail_sheet(name, inp, which, engine.iter_details(inp, scheme, which)))
    write_xlsx(report, sheets)
    return (Output("summary", report, 0, "xlsx"), *outputs, *placed)
