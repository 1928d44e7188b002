"""Helpers of the branch-data tests: write small exports in every supported format, scan what is shown.

Not a test module (no ``test_`` prefix); imported by the tests of ``tests/io``.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import zipfile
from pathlib import Path
from typing import Iterable

from helpers import ROOT

#: Every way a branch export may arrive: CSV encodings, and Excel.
FORMATS = ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "xlsx")

#: Fake personal data used by the tests (region 9xx, phone prefix 10x: no real person has them).
RAW_ID = "910101199003071234"
RAW_ID_X = "92010119851231002X"
RAW_PHONE = "10612345678"
RAW_NAME = "欧阳测试"


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]], hidden: Iterable[str] = ()) -> bytes:
    """A workbook written by openpyxl; sheets named in ``hidden`` are hidden."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value not in (None, ""):
                    ws.cell(r, c, value)
        if name in hidden:
            ws.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsxwriter_bytes(sheets: dict[str, list[list[object]]], hidden: Iterable[str] = ()) -> bytes:
    """The same workbook written by XlsxWriter (constant-memory mode, no formulas from text)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    shown = []
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    ws.write(r, c, value)
        if name in hidden:
            ws.hide()
        else:
            shown.append(ws)
    if shown:
        shown[0].activate()  # XlsxWriter never hides the active sheet
    book.close()
    return out.getvalue()


def patch_xlsx(data: bytes, part_prefix: str, patch) -> bytes:
    """An .xlsx with ``patch(bytes) -> bytes`` applied to every part whose name starts with ``part_prefix``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, patch(content) if item.filename.startswith(part_prefix) else content)
    return out.getvalue()


def with_dimension(data: bytes, ref: str) -> bytes:
    """An .xlsx whose sheets declare ``<dimension ref=...>`` (e.g. smaller than their data)."""

    def patch(content: bytes) -> bytes:
        content, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), content)
        return content if n else content.replace(b"<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>'.encode(), 1)

    return patch_xlsx(data, "xl/worksheets/sheet", patch)


def all_hidden(data: bytes) -> bytes:
    """An .xlsx whose every sheet is hidden (no program saves one; a hand-edited file can be)."""
    def patch(content: bytes) -> bytes:
        content = re.sub(rb'(<sheet [^>]*?)\s*state="[^"]*"', rb"\1", content)
        return content.replace(b"<sheet ", b'<sheet state="hidden" ')

    return patch_xlsx(data, "xl/workbook.xml", patch)


def export_bytes(rows: list[list[object]], fmt: str) -> bytes:
    """The rows as a file of format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "xlsx":
        return xlsx_bytes({"明细": rows})
    return csv_bytes([[("" if v is None else str(v)) for v in row] for row in rows], fmt)


def write_export(folder: Path, rows: list[list[object]], fmt: str, stem: str = "导出") -> Path:
    path = folder / f"{stem}.{'xlsx' if fmt == 'xlsx' else 'csv'}"
    path.write_bytes(export_bytes(rows, fmt))
    return path


def report_texts(path: Path) -> list[str]:
    """Every cell of every sheet of a workbook, as text (sheet names included)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        out = list(book.sheetnames)
        for ws in book.worksheets:
            ws.reset_dimensions()
            out += [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        return out
    finally:
        book.close()


def leaks(texts: Iterable[str], planted: Iterable[str]) -> list[str]:
    """The planted personal values found in any of ``texts`` (also with separators removed)."""
    texts = list(texts)
    squeezed = [re.sub(r"[\s\-.·()（）]", "", t) for t in texts]
    found = []
    for value in planted:
        bare = re.sub(r"[\s\-.·()（）]", "", value)
        if any(value in t for t in texts) or (len(bare) >= 6 and any(bare in t for t in squeezed)):
            found.append(value)
    return found


def make_branch_exports():
    """The data generator script ``tools/make_branch_exports.py``, imported as a module."""
    spec = importlib.util.spec_from_file_location("make_branch_exports", ROOT / "tools" / "make_branch_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
