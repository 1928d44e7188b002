"""Make the corpus of hostile branch exports, each with the outcome it must have.

Every file is built here, from text, so nothing binary is committed; run
``python tests/io/hostile/make_corpus.py FOLDER`` to write them all into FOLDER and
look at them.  ``tests/io/test_hostile.py`` runs each one through the ``tier`` command
and through the library and checks the expected outcome, that no traceback or internal
error appears, and that none of the case's planted personal values shows up anywhere:
in the report (every sheet, every cell), on the terminal, in any exception message, in
any display of the result.

All personal values are fake: ID-card numbers use region codes 9xxxxx, phones the
unused 10x prefix, names are made up.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

try:
    from helpers.exports import all_hidden, patch_xlsx, with_dimension, xlsx_bytes
except ImportError:  # run as a script: the tests folder is not on the path yet
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from helpers.exports import all_hidden, patch_xlsx, with_dimension, xlsx_bytes

NAMES = ["欧阳测试", "司马假名", "测试乙丙"]
IDS = ["910101199003071234", "92010119851231002X", "930101900307123"]
PHONES = ["10612345678", "10798765432"]
CARD = "6222021234567890123"


@dataclass
class Case:
    """A hostile file and what must come of it."""

    suffix: str
    build: Callable[[], bytes]
    exit: int = 0
    accepted: dict[int, int] | None = None  # row → balance in 分, every accepted row
    rejected: list[tuple[int, str]] | None = None  # (row, reason), every rejected row
    planted: list[str] = field(default_factory=list)
    args: list[str] = field(default_factory=list)
    message: str = ""  # in the one-line error (exit 1)


def text(lines: list[str], encoding: str = "utf-8", end: str = "\n") -> Callable[[], bytes]:
    return lambda: (end.join(lines) + end).encode(encoding)


def rows_csv(rows: list[list[str]], encoding: str = "utf-8") -> Callable[[], bytes]:
    def build() -> bytes:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return out.getvalue().encode(encoding)

    return build


def _free_text_rows() -> list[list[str]]:
    return [
        ["客户号", "户名", "余额", "备注", "联系人", "持卡人", "账户名称", "地址", "开户网点"],
        ["K1", NAMES[0], "100", f"身份证号:{IDS[0]}", NAMES[1], NAMES[2], f"{NAMES[0]}的账户", "某市某路 8 号", "城东支局"],
        ["K2", NAMES[1], "x", "证件 9201 0119 8512 3100 2X 电话 107.9876.5432", NAMES[0], NAMES[0], "个人", "某区", f"城西 {PHONES[0]}"],
        ["K3", NAMES[2], "5", f"座机(0512)65123456 卡号{CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:]} 护照E12345678", "", "", "", "", ""],
        ["K4", "某", "-1", f"请找{NAMES[2]}，邮箱 testuser@example.com", "", "", "", "", "城东支局"],
    ]


def _many(n: int, start: int = 2) -> list[str]:
    return [f"K{i},客户{i},{i}" for i in range(start, start + n)]


CASES: dict[str, Case] = {
    "stray_quote_unclosed": Case(
        ".csv", text(["客户号,姓名,余额", f'K1,"{NAMES[0]},100'] + _many(60, 2)),
        accepted={i + 1: i * 100 for i in range(2, 62)}, rejected=[(2, "bad_quotes")], planted=[NAMES[0]],
    ),
    "stray_quote_closed_later": Case(
        ".csv", text(["客户号,姓名,余额", f'K1,"{NAMES[0]},100', "K2,客户,200", f'K3,{NAMES[1]}",300', "K4,客户,400"]),
        accepted={3: 20000, 5: 40000}, rejected=[(2, "bad_quotes"), (4, "bad_quotes")], planted=NAMES[:2],
    ),
    "unquoted_thousands_separator": Case(
        ".csv", text(["客户号,姓名,余额,备注", f"K1,{NAMES[0]},1,234.56,", "K2,客户,5,"]),
        accepted={3: 500}, rejected=[(2, "cell_count")], planted=[NAMES[0]],
    ),
    "shifted_by_a_stray_comma": Case(
        ".csv", text(["客户号,姓名,余额,证件号", f"K1,{NAMES[0][:2]},{NAMES[0][2:]},100,{IDS[0]}", "K2,客户,5,"]),
        accepted={3: 500}, rejected=[(2, "cell_count")], planted=[NAMES[0][2:], IDS[0]],
    ),
    "unicode_digits": Case(
        ".csv", text(["客户号,余额", "K1,1000²", "K2,5①", "K3,١٢٣", "K4,１２３", "K5,𝟏𝟐"]),
        accepted={5: 12300}, rejected=[(2, "not_a_number"), (3, "not_a_number"), (4, "not_a_number"), (6, "not_a_number")],
    ),
    "five_thousand_digits": Case(
        ".csv", text(["客户号,余额", "K1," + "9" * 5000, "K2," + "0" * 5000 + "7", "K3,1"]),
        accepted={3: 700, 4: 100}, rejected=[(2, "too_large")],
    ),
    "mixed_encodings": Case(
        ".csv", lambda: "客户号,姓名,余额\nK1,客户,1\n".encode() + f"K2,{NAMES[1]},2\n".encode("gbk") + "K3,客户,3\n".encode(),
        accepted={2: 100, 4: 300}, rejected=[(3, "mixed_encoding")], planted=[NAMES[1]],
    ),
    "utf8_row_in_gbk": Case(
        ".csv", lambda: "客户号,姓名,余额\nK1,客户,1\n".encode("gbk") + f"K2,{NAMES[1]},2\n".encode() + "K3,客户,3\n".encode("gbk"),
        accepted={2: 100, 4: 300}, rejected=[(3, "mixed_encoding")], planted=[NAMES[1]],
    ),
    "undecodable_bytes": Case(
        ".csv", lambda: b"ID,balance\nK1,1\nK2,\xff\xfe\xfd2\nK3,3\n",
        accepted={2: 100, 4: 300}, rejected=[(3, "undecodable")],
    ),
    "title_with_semicolons": Case(
        ".csv", text(["导出;2024年6月;城东支局", "客户号,姓名,余额", f"K1,{NAMES[0]},\"1,200.50\""]),
        accepted={3: 120050}, rejected=[], planted=[NAMES[0]],
    ),
    "data_above_the_header": Case(
        ".csv", text([f"K0,{NAMES[0]},5", "某支局客户明细", f'K9,"{NAMES[1]},7', "客户号,姓名,余额", "K1,客户,1"]),
        accepted={5: 100}, rejected=[(1, "above_header"), (3, "bad_quotes")], planted=NAMES[:2],
    ),
    "carriage_returns_only": Case(".csv", text(["客户号,余额", "K1,1", "K2,2"], end="\r"), accepted={2: 100, 3: 200}, rejected=[]),
    "utf16_tabs": Case(".csv", text(["客户号\t余额", "K1\t1", "K2\t2"], "utf-16", "\r\n"), accepted={2: 100, 3: 200}, rejected=[]),
    "line_too_long": Case(
        ".csv", lambda: b"ID,balance\nK1," + b"7" * (1 << 21) + b"\nK2,2\n",
        accepted={3: 200}, rejected=[(2, "line_too_long")],
    ),
    "control_characters": Case(
        ".csv", rows_csv([["客户号", "姓名", "余额", "备注"], ["K1", "客\x00户\x07", "1", "a\x1bb\x0c"], ["K2", "x\r\ny", "2", "\x1e"]]),
        accepted={2: 100, 3: 200}, rejected=[],
    ),
    "formula_injection": Case(
        ".csv", rows_csv([["客户号", "姓名", "余额", "开户网点"], ["K1", '=HYPERLINK("http://x","点我")', "1", "=1+1"], ["K2", "@SUM(A1)", "x", "+cmd"]]),
        accepted={2: 100}, rejected=[(3, "not_a_number")],
    ),
    "free_text_columns": Case(
        ".csv", rows_csv(_free_text_rows()),
        accepted={2: 10000, 4: 500}, rejected=[(3, "not_a_number"), (5, "negative")],
        planted=[*NAMES, IDS[0], "9201 0119 8512 3100 2X", "107.9876.5432", PHONES[0], "65123456", CARD, "E12345678", "testuser"],
    ),
    "card_number_as_key": Case(
        ".csv", rows_csv([["卡号", "余额"], [CARD, "1"], ["6222021234567890124", "2"], [CARD, "1"]]),
        accepted={2: 100, 3: 200}, rejected=[(4, "duplicate_row")], planted=[CARD, "6222021234567890124"],
    ),
    "id_number_as_key": Case(
        ".csv", rows_csv([["客户号", "余额"], [IDS[0], "1"], [IDS[1], "2"], [IDS[0], "3"], ["K9", "4"]]),
        accepted={3: 200, 5: 400}, rejected=[(2, "duplicate_conflict"), (4, "duplicate_conflict")], planted=IDS[:2],
    ),
    "no_header": Case(
        ".csv", rows_csv([[NAMES[0], IDS[0], PHONES[0], "100"], [NAMES[1], IDS[1], PHONES[1], "200"]]),
        exit=1, message="找不到表头", planted=[*NAMES[:2], *IDS[:2], *PHONES],
    ),
    "empty_header_cell": Case(
        ".csv", rows_csv([["客户号", "姓名", "", ""], ["K1", NAMES[0], IDS[0], PHONES[0]]]),
        exit=1, message="找不到余额列", planted=[NAMES[0], IDS[0], PHONES[0]],
    ),
    "column_not_in_header": Case(
        ".csv", rows_csv([["客户号", "姓名", "余额"], ["K1", NAMES[0], PHONES[0]]]),
        exit=1, args=["--column", "余额=日均余额"], message="不在表头里", planted=[NAMES[0], PHONES[0]],
    ),
    "old_excel": Case(".xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, exit=1, message="旧版 Excel"),
    "empty_file": Case(".csv", lambda: b"", exit=1, message="文件是空的"),
    "html_disguised_as_xls": Case(
        ".xls", text(["<html><body><table>", f"<tr><td>客户号</td><td>姓名</td><td>余额</td></tr><tr><td>K1</td><td>{NAMES[0]}</td><td>5</td></tr>",
                      "</table></body></html>"]), exit=1, message="网页（HTML）", planted=[NAMES[0]],
    ),
    "quoted_customer_numbers": Case(
        ".csv", text(["客户号,余额", "'93010000001,1", '="93010000002",2', "'93010000001,1"]),
        accepted={2: 100, 3: 200}, rejected=[(4, "duplicate_row")],
    ),
    "xlsx_dimension_understated": Case(
        ".xlsx", lambda: with_dimension(xlsx_bytes({"明细": [["客户号", "余额"]] + [[f"K{i}", i] for i in range(1, 31)]}), "A1:B2"),
        accepted={i + 1: i * 100 for i in range(1, 31)}, rejected=[],
    ),
    "xlsx_hidden_first_sheet": Case(
        ".xlsx", lambda: xlsx_bytes({"旧": [["客户号", "余额"], ["K0", 999]], "明细": [["客户号", "姓名", "余额"], ["K1", NAMES[0], 5]]}, hidden={"旧"}),
        accepted={2: 500}, rejected=[], planted=[NAMES[0]],
    ),
    "xlsx_all_sheets_hidden": Case(
        ".xlsx", lambda: all_hidden(xlsx_bytes({"明细": [["客户号", "余额"], ["K1", 5]]})), exit=1, message="所有工作表都是隐藏的",
    ),
    "xlsx_float_noise_and_personal_cells": Case(
        ".xlsx", lambda: xlsx_bytes({"明细": [["客户号", "姓名", "余额", "备注"], ["K1", NAMES[0], 0.1 + 0.2, IDS[0]],
                                             ["K2", NAMES[1], 0.001, PHONES[0]], [IDS[2], NAMES[2], 1234567.1 * 3, None]]}),
        accepted={2: 30, 4: 370370130}, rejected=[(3, "sub_fen")], planted=[*NAMES, IDS[0], IDS[2], PHONES[0]],
    ),
    "xlsx_long_text": Case(
        ".xlsx", lambda: patch_xlsx(xlsx_bytes({"明细": [["客户号", "备注", "余额"], ["K1", "LONG", 1], ["K2", "", 2]]}),
                                    "xl/worksheets/", lambda c: c.replace(b"LONG", "长".encode() * 40_000)),
        accepted={3: 200}, rejected=[(2, "field_too_long")],
    ),
}


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write every case's file into ``folder``; return name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, case in CASES.items():
        path = folder / f"{name}{case.suffix}"
        path.write_bytes(case.build())
        paths[name] = path
    return paths


if __name__ == "__main__":
    for name, path in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile_corpus")).items():
        print(f"{path}: {path.stat().st_size:,} bytes")
