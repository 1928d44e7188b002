"""A warehouse input: which file, which format, which columns, in which unit.

Warehouse tables arrive typed: Parquet (a file, or a folder of part files as
Spark writes them), or CSV whose balance column holds plain numbers
(``12345.67``).  :func:`locate` checks the path and finds the format;
:func:`plan_columns` picks the balance and customer-number columns from the
file's schema (or takes the names given) and decides the unit.  Balances
stored as binary floating point (``DOUBLE``) are refused: they cannot carry
every 分 exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from tiering_lib.core.money import UNITS
from tiering_lib.errors import DataError
from tiering_lib.io.columns import COLUMN_SYNONYMS, normalize_header

__all__ = ["WarehouseInput", "locate", "plan_columns", "type_category", "FORMATS"]

#: File formats read, by suffix.
FORMATS = {".parquet": "parquet", ".parq": "parquet", ".csv": "csv"}

#: Header names taken as the customer number when none is given (never an account or card number).
ID_NAMES = ("客户号", "客户编号", "客户代码", "客户id", "customer_id", "customerid", "cust_id", "client_id", "id")

_INTEGER = re.compile(r"(u?(tiny|small|big|huge)?int(eger)?|long|short|byte)(\d+)?")


@dataclass(frozen=True)
class WarehouseInput:
    """A typed input file and how to read its balances.

    Attributes
    ----------
    path : Path
        The file, or a folder of Parquet part files.
    format : str
        ``"parquet"`` or ``"csv"``.
    size_bytes : int
        Size on disk (all part files of a folder).
    balance_column, id_column : str, str or None
        Column names as in the file.
    unit : str
        Unit of the balance column (``"分"``, ``"元"``, ``"万元"``, ``"亿元"``).
    kind : str
        ``"integer"``, ``"decimal"`` or ``"text"`` (see :data:`tiering_lib.core.sql.COLUMN_KINDS`).
    uri : str or None
        A path on a cluster's storage (``hdfs://…``, ``s3a://…``), read by Spark only.
    """

    path: Path
    format: str
    size_bytes: int
    balance_column: str = ""
    id_column: str | None = None
    unit: str = "元"
    kind: str = "integer"
    uri: str | None = None

    @property
    def name(self) -> str:
        """The file name, without folders (what messages show)."""
        return self.uri.rstrip("/").rsplit("/", 1)[-1] if self.uri else self.path.name

    @property
    def location(self) -> str:
        """The path as the engines read it: a cluster URI (``hdfs://…``) as given, else the local path."""
        return self.uri or str(self.path)

    @property
    def parquet_files(self) -> list[str]:
        """The Parquet files to read (the file itself, or a folder's ``*.parquet`` parts; a URI as given)."""
        if self.uri:
            return [self.uri]
        if self.path.is_dir():
            return sorted(str(p) for p in self.path.rglob("*.parquet") if not p.name.startswith(("_", ".")))
        return [str(self.path)]


def locate(source: str | Path) -> WarehouseInput:
    """Check that ``source`` exists and find its format.

    Raises
    ------
    DataError
        When the file is missing, empty or not Parquet/CSV (message in Chinese).

    Examples
    --------
    >>> locate("没有这个文件.parquet")
    Traceback (most recent call last):
    ...
    tiering_lib.errors.DataError: 没有这个文件.parquet：找不到这个文件；请检查文件名和所在的文件夹
    """
    path = Path(source)
    if not path.exists():
        raise DataError(f"{path.name}：找不到这个文件；请检查文件名和所在的文件夹")
    if path.is_dir():
        parts = [p for p in path.rglob("*.parquet") if not p.name.startswith(("_", "."))]
        if not parts:
            raise DataError(f"{path.name}：这个文件夹里没有 .parquet 文件")
        return WarehouseInput(path, "parquet", sum(p.stat().st_size for p in parts))
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            f"{path.name}：数据仓库的输入应是 Parquet（.parquet）或 CSV（.csv）文件；"
            "网点导出的 Excel 文件请用 tl.load_branch_export 读取"
        )
    size = path.stat().st_size
    if size == 0:
        raise DataError(f"{path.name}：文件是空的")
    return WarehouseInput(path, fmt, size)


def type_category(type_name: str) -> str:
    """``"integer"``, ``"decimal"``, ``"float"``, ``"text"`` or ``"other"`` for a DuckDB or Spark type name.

    Examples
    --------
    >>> [type_category(t) for t in ("BIGINT", "decimal(38,2)", "DOUBLE", "string", "DATE")]
    ['integer', 'decimal', 'float', 'text', 'other']
    """
    t = type_name.strip().lower()
    if _INTEGER.fullmatch(t):
        return "integer"
    if t.startswith(("decimal", "numeric")):
        return "decimal"
    if t in ("double", "float", "real", "float4", "float8"):
        return "float"
    if t in ("varchar", "string", "text") or t.startswith(("varchar(", "char")):
        return "text"
    return "other"


def _key(name: str) -> str:
    key, _ = normalize_header(name)
    return re.sub(r"[_\-(\[]?(fen|yuan|分|元|万元)[)\]]?$", "", key)


def _stated_unit(name: str) -> str | None:
    text = unicodedata.normalize("NFKC", name).strip().lower()
    if re.search(r"(_|\b)fen$|[(\[（]？分[)\]）]?$", text):
        return "分"
    unit = normalize_header(name)[1]
    if unit is None and re.search(r"(_|\b)yuan$", text):
        return "元"
    return unit


def _pick(columns: Sequence[str], wanted: str | None, synonyms: Sequence[str], what: str, source: str) -> str | None:
    if wanted is not None:
        if wanted not in columns:
            raise DataError(f"{source}：没有名为“{wanted}”的列；文件中的列是：{'、'.join(columns)}")
        return wanted
    keys = {normalize_header(s)[0] for s in synonyms}
    hits = [c for c in columns if _key(c) in keys]
    if what == "余额" and len(hits) > 1:
        raise DataError(f"{source}：有 {len(hits)} 列都像余额（{'、'.join(hits)}）；请指定用哪一列作余额")
    return hits[0] if hits else None


def plan_columns(
    base: WarehouseInput,
    schema: Sequence[tuple[str, str]],
    *,
    balance_column: str | None = None,
    id_column: str | None = None,
    unit: str | None = None,
) -> WarehouseInput:
    """The input with its balance column, customer-number column, unit and column kind decided.

    Parameters
    ----------
    base : WarehouseInput
        From :func:`locate`.
    schema : sequence of (name, type name)
        The file's columns as the engine reads them.
    balance_column, id_column : str, optional
        Column names; found from the usual header names (余额, balance …; 客户号, customer_id …) if not given.
    unit : str, optional
        Unit of the balances; else the unit the column name states (``余额(万元)``, ``balance_fen``), else 元.

    Raises
    ------
    DataError
        When a named column is missing, no balance column is found, or the
        balances are floating point or of a type that is not a number.
    """
    names = [n for n, _ in schema]
    types = dict(schema)
    balance = _pick(names, balance_column, COLUMN_SYNONYMS["balance"], "余额", base.name)
    if balance is None:
        raise DataError(
            f"{base.name}：找不到余额列；文件中的列是：{'、'.join(names)}。请指定哪一列是余额"
        )
    ident = _pick(names, id_column, ID_NAMES, "客户号", base.name)
    category = type_category(types[balance])
    if base.format == "csv":
        category = "text"
    if category == "float":
        raise DataError(
            f"{base.name}：余额列“{balance}”是浮点数（{types[balance]}），无法保证精确到分；"
            "请在数据仓库中把余额存为 DECIMAL(38,2)（元）或 BIGINT（分）后再导出"
        )
    if category == "other":
        raise DataError(f"{base.name}：余额列“{balance}”的类型是 {types[balance]}，不是数字；请检查列名")
    unit = unit or _stated_unit(balance) or "元"
    if unit not in UNITS:
        raise DataError(f"余额单位“{unit}”不认识；可用：{'、'.join(UNITS)}")
    return replace(base, balance_column=balance, id_column=ident, unit=unit, kind=category)
