"""A small streaming ``.xlsx`` writer for large reports (the project's own: measured, not assumed).

A report of a million customers must be written in seconds.  Measured on the
2-core workshop machine (November 2026), writing 200,000 rows × 8 columns:

=======================================  ========
this writer                              ≈ 1.5 s
XlsxWriter, ``constant_memory`` mode     ≈ 9.3 s
openpyxl, ``write_only`` mode            ≈ 14.8 s
=======================================  ========

(openpyxl needs about 70 s for a million rows.)  It also escapes every value
and never writes a formula: XlsxWriter's plain ``write()`` turns text starting
with ``=`` into a formula unless told not to, and a branch export is untrusted
input.  This writer streams each worksheet's XML straight into the zip file:
text as inline strings, numbers as exact decimal text, a header row in bold
and frozen, column widths and four number formats.  Nothing else of the format
is used, so the files open in Excel, WPS, LibreOffice and openpyxl.

Sheet names follow Excel's rules (1–31 characters, none of ``[]:*?/\\``, not
starting or ending with an apostrophe, unique ignoring case).

A cell value is ``str``, ``int``, ``Decimal``, :class:`Number` (exact decimal
text) or ``None`` (an empty cell); a number's format comes from its column's
style.  Characters that XML 1.0 cannot
hold are replaced by ``\ufffd``, and text longer than Excel's limit of 32,767
UTF-16 units (what Excel counts: a character outside the Basic Multilingual
Plane counts twice) is cut.

A new file is created with the permissions the umask allows (like any file a
program creates), and an existing file is never replaced unless asked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Sequence

from tiering_lib.errors import DataError
from tiering_lib.io.output_files import new_temp_file, publish, refuse_existing
from tiering_lib.io.xlsx_package import NS, NS_R, XML_HEAD, escape, package_parts, zip_entry

__all__ = ["Sheet", "Number", "Money", "write_xlsx", "check_sheet_name", "STYLE", "MAX_ROWS"]

#: Style ids: plain, bold (header), money ``#,##0.00``, percent ``0.000%``, count ``#,##0``.
STYLE = {"plain": 0, "bold": 1, "money": 2, "percent": 3, "count": 4}
#: Rows per worksheet in Excel (header included).
MAX_ROWS = 1_048_576
_MAX_TEXT = 32_767
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text that needs nothing done: no markup characters, no control characters, no space at either end.
# (At most 16,383 characters: no more than 32,766 UTF-16 units, whatever the characters.)
_PLAIN_TEXT = re.compile("[^\\s&<>\"\x00-\x1f\ud800-\udfff\ufffe\uffff](?:[^&<>\"\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]{0,16381}[^\\s&<>\"\x00-\x1f\ud800-\udfff\ufffe\uffff])?")

class Number(str):
    """A number already written as exact decimal text, e.g. ``Number("12345.67")``."""

    __slots__ = ()


class Money(Number):
    """A :class:`Number` always shown as money (``#,##0.00``), whatever its column's style."""

    __slots__ = ()


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a name, a header row, data rows and per-column styles/widths.

    ``rows`` is any iterable of row sequences (a generator keeps memory flat).
    """

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]
    styles: Sequence[str] = ()
    widths: Sequence[float] = ()

    def __post_init__(self) -> None:
        check_sheet_name(self.name)


_BAD_SHEET_CHARS = frozenset("[]:*?/\\")


def check_sheet_name(name: str) -> str:
    """``name`` if Excel accepts it as a worksheet name, else a :class:`DataError` saying why.

    Examples
    --------
    >>> check_sheet_name("客户明细（2）")
    '客户明细（2）'
    >>> check_sheet_name("明细/2024")
    Traceback (most recent call last):
    ...
    tiering_lib.errors.DataError: 工作表名“明细/2024”含有 Excel 不允许的字符 /；不能使用 [ ] : * ? / \\
    """
    if not name or len(name) > 31:
        raise DataError(f"工作表名“{name}”应有 1 到 31 个字符（现有 {len(name)} 个）")
    bad = sorted(set(name) & _BAD_SHEET_CHARS)
    if bad:
        raise DataError(f"工作表名“{name}”含有 Excel 不允许的字符 {' '.join(bad)}；不能使用 [ ] : * ? / \\")
    if name.startswith("'") or name.endswith("'"):
        raise DataError(f"工作表名“{name}”不能以单引号开头或结尾")
    return name


def _column_letters(n: int) -> list[str]:
    out = []
    for i in range(n):
        name, k = "", i + 1
        while k:
            k, r = divmod(k - 1, 26)
            name = chr(65 + r) + name
        out.append(name)
    return out


def _attr(style: int) -> str:
    return f' s="{style}"' if style else ""


def cut_text(value: str, limit: int = _MAX_TEXT) -> str:
    """``value`` cut to at most ``limit`` UTF-16 units (ending in "…" when cut), never inside a surrogate pair.

    Examples
    --------
    >>> len(cut_text("😀" * 20_000).encode("utf-16-le")) // 2
    32767
    """
    if len(value) <= limit // 2:
        return value
    units = value.encode("utf-16-le", "surrogatepass")
    if len(units) // 2 <= limit:
        return value
    kept = units[: (limit - 1) * 2]
    if 0xD8 <= kept[-1] <= 0xDB:  # the high half of a pair: drop it
        kept = kept[:-2]
    return kept.decode("utf-16-le", "surrogatepass") + "…"


def _safe_text(value: str) -> str:
    """Text as the content of ``<t>``: illegal characters replaced, cut at Excel's limit, escaped."""
    return escape(cut_text(_ILLEGAL.sub("\ufffd", value)))


def _text_cell(ref: str, value: str, attr: str) -> str:
    if _PLAIN_TEXT.fullmatch(value) is None:
        value = _safe_text(value)
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f'<c r="{ref}" t="inlineStr"{attr}><is><t{space}>{value}</t></is></c>'


def _number(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(int(value))


_MONEY = _attr(STYLE["money"])


def _sheet_parts(sheet: Sheet, progress: Callable[[str, int], None] | None) -> Iterable[str]:
    width = max(len(sheet.header), len(sheet.styles), 1)
    letters = _column_letters(width)
    attrs = [_attr(STYLE[s]) for s in sheet.styles] + [""] * (width - len(sheet.styles))
    yield XML_HEAD + f"<worksheet {NS} {NS_R}>"
    yield (
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    )
    if sheet.widths:
        cols = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths)
        )
        yield f"<cols>{cols}</cols>"
    yield "<sheetData>"
    bold = _attr(STYLE["bold"])
    head = "".join(_text_cell(f"{letters[i]}1", str(h), bold) for i, h in enumerate(sheet.header))
    yield f'<row r="1">{head}</row>'
    buf: list[str] = []
    plain = _PLAIN_TEXT.fullmatch
    for r, row in enumerate(sheet.rows, 2):
        if r > MAX_ROWS:
            raise ValueError(f"sheet {sheet.name!r} has more than {MAX_ROWS - 1} data rows")
        if len(row) > len(letters):
            letters = _column_letters(len(row))
            attrs += [""] * (len(row) - len(attrs))
        cells = []
        for i, v in enumerate(row):
            cls = v.__class__
            if cls is str:
                if not v:
                    continue
                if plain(v) is None:
                    cells.append(_text_cell(f"{letters[i]}{r}", v, ""))
                else:
                    cells.append(f'<c r="{letters[i]}{r}" t="inlineStr"><is><t>{v}</t></is></c>')
            elif cls is Number or cls is int:
                cells.append(f'<c r="{letters[i]}{r}"{attrs[i]}><v>{v}</v></c>')
            elif cls is Money:
                cells.append(f'<c r="{letters[i]}{r}"{_MONEY}><v>{v}</v></c>')
            elif v is not None:
                cells.append(f'<c r="{letters[i]}{r}"{attrs[i]}><v>{_number(v)}</v></c>')
        buf.append(f'<row r="{r}">{"".join(cells)}</row>')
        if len(buf) >= 2000:
            yield "".join(buf)
            buf.clear()
            if progress is not None and r % 100_000 < 2000:
                progress(sheet.name, r - 1)
    if buf:
        yield "".join(buf)
    yield "</sheetData></worksheet>"


def write_xlsx(
    path: str | os.PathLike,
    sheets: Sequence[Sheet],
    progress: Callable[[str, int], None] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write worksheets to an ``.xlsx`` file, atomically (a failed write leaves no half file).

    Parameters
    ----------
    path : str or path
        The file to write.
    sheets : sequence of Sheet
        In the order the workbook shows them; names are unique, at most 31 characters.
    progress : callable, optional
        ``progress(sheet_name, rows_written)``, about every 100,000 rows.
    overwrite : bool
        Replace ``path`` if it exists; by default an existing file is an error
        (:class:`~tiering_lib.errors.TieringError`) and is left as it was.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_xlsx(f"{d}/t.xlsx", [Sheet("表", ["名称", "金额"], [["甲", Decimal("1.50")]], ["plain", "money"])])
    ...     openpyxl.load_workbook(p)["表"]["B2"].value
    1.5
    """
    import zipfile

    path = Path(path)
    names = [s.name for s in sheets]
    folded = [n.casefold() for n in names]
    twice = sorted({n for n, f in zip(names, folded) if folded.count(f) > 1})
    if twice:
        raise DataError(f"工作表名重复（不区分大小写）：{'、'.join(twice)}")
    if not overwrite and path.exists():
        raise refuse_existing(path)
    fd, tmp = new_temp_file(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as f, zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name, xml in package_parts(names).items():
                zf.writestr(zip_entry(name), xml)  # fixed dates: the same report gives the same bytes
            for i, sheet in enumerate(sheets, 1):
                with zf.open(zip_entry(f"xl/worksheets/sheet{i}.xml"), "w", force_zip64=True) as out:
                    for part in _sheet_parts(sheet, progress):
                        out.write(part.encode("utf-8"))
        publish(tmp, path, overwrite)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
