"""The hostile corpus (``hostile/make_corpus.py``): expected outcomes, and no planted personal value anywhere.

Each file goes through the ``tier`` command (in this process, as ``python -m tiering_lib``
runs it) and through the library.  Scanned for the planted values: every cell and sheet
name of the report, the terminal output, every exception message, and every display of
the result a notebook could show.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

import openpyxl
import pytest
from helpers.exports import leaks, report_texts

import tiering_lib as tl
from tiering_lib.cli import main

_SPEC = importlib.util.spec_from_file_location("make_corpus", Path(__file__).parent / "hostile" / "make_corpus.py")
corpus = sys.modules["make_corpus"] = importlib.util.module_from_spec(_SPEC)  # dataclasses look it up
_SPEC.loader.exec_module(corpus)


def _options(args: list[str]) -> dict:
    columns = dict(a.split("=", 1) for a in args[1::2]) if args[:1] == ["--column"] else None
    return {"columns": columns} if columns else {}


def _displays(result: tl.LoadResult) -> list[str]:
    scheme = tl.builtin_scheme("core_four_class")
    return [
        repr(result), result._repr_html_(), *result.notes, repr(result.rejected), repr(result.header),
        result.rejected_frame().to_string(), result.customers_frame(scheme).to_string(), result.summary().to_string(),
        repr(result.customer_ids), repr(result.names), tl.tier_report(result, scheme)._repr_html_(),
    ]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return corpus.write_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", list(corpus.CASES))
def test_hostile_file_through_the_command(name, files, tmp_path):
    case = corpus.CASES[name]
    out, stdout, stderr = tmp_path / "报告.xlsx", io.StringIO(), io.StringIO()
    code = main(["tier", str(files[name]), "--out", str(out), "-q", *case.args], stdout, stderr)
    terminal = stdout.getvalue() + stderr.getvalue()
    assert code == case.exit, terminal
    assert "Traceback" not in terminal and "内部错误" not in terminal
    if case.exit:
        assert stdout.getvalue() == "" and not out.exists()
        assert len(stderr.getvalue().splitlines()) == 1 and case.message in stderr.getvalue()
        assert leaks([terminal], case.planted) == []
        return
    assert stderr.getvalue() == "" and stdout.getvalue().startswith("已写出报告")
    assert leaks([terminal, *report_texts(out)], case.planted) == []
    book = openpyxl.load_workbook(out)  # not read-only: cell types are seen
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


@pytest.mark.parametrize("name", list(corpus.CASES))
def test_hostile_file_through_the_library(name, files):
    case = corpus.CASES[name]
    try:
        result = tl.load_branch_export(files[name], **_options(case.args))
    except tl.TieringError as err:
        assert case.exit == 1, str(err)
        assert case.message in str(err)
        assert leaks([str(err), repr(err), repr(err.args)], case.planted) == []
        return
    assert case.exit == 0
    accepted = dict(zip(result.row_numbers.tolist(), result.balances.tolist()))
    assert accepted == case.accepted
    assert [(r.row, r.reason) for r in result.rejected] == case.rejected
    assert result.n_accepted + result.n_rejected == result.rows_read
    assert leaks(_displays(result), case.planted) == []
