"""Helpers of the branch-data tests: write small exports in every supported format.

Not a test module (no ``test_`` prefix); imported by test_loader.py, test_privacy.py,
test_cli.py and test_report.py.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

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


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value not in (None, ""):
                    ws.cell(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_bytes(rows: list[list[object]], fmt: str) -> bytes:
    """The rows as a file of format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "xlsx":
        return xlsx_bytes({"明细": rows})
    return csv_bytes([[("" if v is None else str(v)) for v in row] for row in rows], fmt)


def write_export(folder: Path, rows: list[list[object]], fmt: str, stem: str = "导出") -> Path:
    path = folder / f"{stem}.{'xlsx' if fmt == 'xlsx' else 'csv'}"
    path.write_bytes(export_bytes(rows, fmt))
    return path


def make_branch_exports():
    """The data generator script ``tools/make_branch_exports.py``, imported as a module."""
    spec = importlib.util.spec_from_file_location("make_branch_exports", ROOT / "tools" / "make_branch_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
