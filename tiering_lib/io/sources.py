"""Where a branch export's rows come from: a CSV in any usual encoding, or an Excel sheet.

The file is recognised by its content, not its name: an ``.xlsx`` starts with a
zip signature, an old ``.xls`` with the OLE signature (refused with advice), and
a CSV is decoded as UTF-8 (with or without BOM), UTF-16 (with a BOM, or
recognised by its zero bytes) or GB18030 (a superset of GBK, what Chinese Excel
writes).  Each encoding is checked over the whole file before any row is used,
so a decoding error can only be a whole-file problem.  Rows come out as
``(row_number, cells)`` pairs, numbered as Excel numbers rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
from datetime import date, datetime, time
from os import PathLike
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from tiering_lib.errors import BranchFileError

__all__ = ["Rows", "ENCODING_NAMES", "open_source", "sniff", "csv_rows", "xlsx_rows", "cell_text"]

#: Rows of a file: ``(row number, cells)``, the first row being 1.
Rows = Iterator[tuple[int, list[Any]]]
#: How each codec is named to learners.
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8(带 BOM)", "gb18030": "GB18030/GBK", "utf-16": "UTF-16"}

_LINES_SEARCHED = 20  # lines searched for the cell separator
_CHUNK = 1 << 20
_SAVE_AS = "请在 Excel 中“另存为”CSV UTF-8 或 .xlsx 后再试"


# -- the source: path or bytes ------------------------------------------------
def open_source(source: str | PathLike | bytes, name: str | None) -> tuple[str, str, Callable[[], IO[bytes]]]:
    """``(label for messages, name for reports, opener of a binary stream)`` of a path or bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "数据"
        return label, label, lambda: io.BytesIO(data)
    path = Path(source)
    label = str(source)
    if not path.exists():
        raise BranchFileError(label, "not_found", "找不到这个文件;请检查文件名和所在的文件夹")
    if path.is_dir():
        raise BranchFileError(label, "unreadable", "这是一个文件夹,不是文件;请给出导出文件本身")
    return label, name or path.name, lambda: open(path, "rb")


def _read_head(opener: Callable[[], IO[bytes]], label: str, size: int = 4096) -> bytes:
    try:
        with opener() as f:
            return f.read(size)
    except OSError as err:
        raise BranchFileError(label, "unreadable", f"无法读取文件({err.strerror or err});请检查文件权限") from None


def _decodes(opener: Callable[[], IO[bytes]], encoding: str) -> int | None:
    """None if the whole file decodes strictly, else the byte offset of the first error."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    with opener() as f:
        while True:
            chunk = f.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as err:
                return offset + max(err.start, 0)
            if not chunk:
                return None
            offset += len(chunk)


def sniff(opener: Callable[[], IO[bytes]], label: str, encoding: str | None) -> tuple[str, str | None]:
    """``("xlsx", None)`` or ``("csv", codec)``; a file that is neither raises :class:`BranchFileError`.

    Examples
    --------
    >>> import io
    >>> sniff(lambda: io.BytesIO("余额\\n1\\n".encode("gbk")), "t.csv", None)
    ('csv', 'gb18030')
    """
    head = _read_head(opener, label)
    if not head:
        raise BranchFileError(label, "empty", "文件是空的(0 字节);请重新导出")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx", None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BranchFileError(label, "old_excel", "这是旧版 Excel(.xls)文件,无法直接读取;" + _SAVE_AS)
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise BranchFileError(label, "bad_option", f"不认识编码“{encoding}”;可用 utf-8、gbk、gb18030") from None
        bad = _decodes(opener, encoding)
        if bad is not None:
            raise BranchFileError(label, "encoding", f"文件不能按 {encoding} 解码(第 {bad + 1} 字节出错);去掉编码选项让程序自动识别,或{_SAVE_AS}")
        return "csv", codec
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif head.count(0) > len(head) // 4:  # UTF-16 without a BOM: every other byte is 0
        candidates = ["utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"]
    else:
        candidates = ["utf-8", "gb18030"]
    for candidate in candidates:
        if _decodes(opener, candidate) is None:
            return "csv", candidate
    raise BranchFileError(
        label, "encoding", f"无法识别文件编码(不是 UTF-8,也不是 GBK/GB18030);{_SAVE_AS}"
    )


# -- rows of a CSV or an Excel sheet ------------------------------------------
def _delimiter(opener: Callable[[], IO[bytes]], encoding: str) -> str:
    with io.TextIOWrapper(opener(), encoding=encoding, newline="") as f:
        for _ in range(_LINES_SEARCHED):
            line = f.readline()
            if not line:
                break
            counts = {d: line.count(d) for d in (",", "\t", ";", "|")}
            best = max(counts, key=counts.get)
            if counts[best]:  # the first line with a separator (a title line may have none)
                return best
    return ","


def csv_rows(opener: Callable[[], IO[bytes]], encoding: str, label: str) -> Rows:
    """The rows of a CSV, the cell separator (``,`` tab ``;`` ``|``) taken from the first line that has one."""
    delimiter = _delimiter(opener, encoding)
    with io.TextIOWrapper(opener(), encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=delimiter)
        row = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                raise BranchFileError(
                    label, "unreadable", f"第 {row + 1} 行附近无法按 CSV 读取({err});多半是引号没有配对,请检查该行"
                ) from None
            row += 1
            yield row, cells


def xlsx_rows(opener: Callable[[], IO[bytes]], sheet: str | None, label: str) -> tuple[str, Rows]:
    """The name of the sheet read (the first by default) and its rows, cells as Excel stores them."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(opener(), read_only=True, data_only=True)
    except Exception as err:  # any parser error of a damaged file
        raise BranchFileError(label, "unreadable", f"不是有效的 Excel .xlsx 文件({type(err).__name__});{_SAVE_AS}") from None
    if sheet is None:
        ws = book.worksheets[0]
    elif sheet in book.sheetnames:
        ws = book[sheet]
    else:
        names = "、".join(f"“{n}”" for n in book.sheetnames)
        book.close()
        raise BranchFileError(label, "no_sheet", f"没有名为“{sheet}”的工作表;工作表有:{names},请从中选一张(命令行:--sheet 工作表名)")

    def rows() -> Rows:
        try:
            for row, cells in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                yield row, list(cells)
        except Exception as err:  # a damaged sheet
            raise BranchFileError(label, "unreadable", f"工作表“{ws.title}”已损坏,读到一半出错({type(err).__name__});{_SAVE_AS}") from None
        finally:
            book.close()

    return ws.title, rows()


# -- cells ----------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A cell as text: Excel numbers without a spurious ``.0``, dates in ISO form, None as ``""``."""
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
