"""Notebook 09 shows branch data only masked: no name, ID, phone or card number of the sample exports, and no
free-text note, appears anywhere in the stored notebook or its learner edition; every row is accounted for."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from helpers import ROOT

import tiering_lib as tl
from tiering_lib.course.editions import learner_edition
from tiering_lib.datasets.files import read_bytes
from tiering_lib.io.loader import SAMPLE_EXPORTS

NOTEBOOK = ROOT / "notebooks" / "09_用自己的数据.ipynb"
PERSONAL_HEADERS = {"客户姓名", "户名", "证件号码", "身份证号", "手机号码", "联系电话", "卡号", "客户经理", "备注"}


def _rows(name: str) -> list[list[str]]:
    data = read_bytes(name)
    text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") or name.endswith("cards.csv") else data.decode("gbk")
    return list(csv.reader(io.StringIO(text)))


def personal_values() -> set[str]:
    """Every personal value in the sample exports: whole cells of personal columns, and numbers inside notes."""
    values: set[str] = set()
    for name in SAMPLE_EXPORTS.values():
        rows = _rows(name)
        start = next(i for i, r in enumerate(rows) if PERSONAL_HEADERS & set(r))
        header = rows[start]
        for row in rows[start + 1:]:
            for h, cell in zip(header, row):
                if h in PERSONAL_HEADERS and len(cell.strip()) >= 2:
                    values.add(cell.strip())
                values.update(re.findall(r"\d{11,}", cell) if h == "备注" else ())
    return values


@pytest.fixture(scope="module")
def shown():
    source = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return {
        "trainer": json.dumps(source, ensure_ascii=False),
        "learner": json.dumps(learner_edition(source), ensure_ascii=False),
    }


def test_the_samples_hold_personal_data_to_look_for():
    values = personal_values()
    assert len(values) > 1_000
    assert any(len(v) == 19 for v in values) and any(len(v) == 18 for v in values)  # cards and ID numbers
    assert any("配偶" in v or "联系人" in v for v in values)  # free-text notes naming people


@pytest.mark.parametrize("edition", ["trainer", "learner"])
def test_no_personal_value_of_the_samples_is_shown(shown, edition):
    text = shown[edition]
    leaked = sorted(v for v in personal_values() if v in text)
    assert leaked == []


def test_every_row_is_accounted_for_in_the_stored_reports(shown):
    for kind in SAMPLE_EXPORTS:
        r = tl.load_sample_export(kind)
        assert r.rows_read == r.n_accepted + r.n_rejected
        if kind != "cards":  # cards is shown through its privacy table and problem rows
            line = f"读取 {r.rows_read:,} 行 = 接受 {r.n_accepted:,} 行 + 拒绝 {r.n_rejected:,} 行"
            assert line in shown["learner"], kind


def test_a_wrong_file_name_shows_one_short_box_not_library_code():
    source = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    errors = [o for c in source["cells"] if c["cell_type"] == "code" for o in c["outputs"] if o["output_type"] == "error"]
    [error] = errors
    assert error["ename"] == "BranchFileError" and len(error["traceback"]) == 3
    assert "找不到这个文件" in error["traceback"][1] and "File " not in "".join(error["traceback"])
