"""Learner-facing Chinese follows GB/T 15834, renders, and never shows a learner programmer output.

What a learner, trainer or branch manager reads is checked where it is made: the notebooks' Markdown and stored
outputs (the learner edition's, for reprs), the case files, the text of the data files, every string the library
can put on a chart, widget, table or message, the command line's help and messages, and the report sheets.
ASCII stays in code, numbers and English (see ``helpers.typography``).
"""

from __future__ import annotations

import ast
import csv
import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from helpers.exports import report_texts
from helpers.typography import programmer_output, punctuation_problems, unrendered_markdown

from tiering_lib.course.editions import learner_edition

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FENCED = re.compile(r"^```.*?^```", re.S | re.M)
#: Simulated raw exports: they copy what a core system writes, half-width marks included, and are read, not shown.
RAW_EXPORTS = ("branch_export_clean.csv", "branch_export_messy.csv")
#: Regular expressions: their brackets and colons are code, not punctuation.
REGEX = re.compile(r"\(\?|\\[sdwb(\[\-.]|\[[^\]\n]*[:：,，()（）][^\]\n]*\]")
CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
#: Interval notation around f-string values, [a, b) and [a, b]: mathematics, not prose.
INTERVAL = re.compile(r"\[字, 字[\])]")
#: SQL printed for the data team (appendix): code.
SQL = re.compile(r"^(?:\s*--[^\n]*\n)*\s*(?:SELECT|WITH|CASE|CREATE|INSERT)\b")


def _cells(path: Path, kind: str) -> list[dict]:
    return [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == kind]


def _output_texts(cell: dict) -> list[str]:
    """What a reader sees of a code cell's stored outputs: plain text, streams and the text of HTML."""
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and not SQL.match("".join(out["text"])):
            texts.append("".join(out["text"]))
        data = out.get("data", {})
        if "text/html" in data:
            page = "".join(data["text/html"])
            page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
            texts.append(html.unescape(re.sub(r"<[^>]+>", " ", page)))
        elif "text/plain" in data:
            texts.append("".join(data["text/plain"]))
    return texts


def _problems(texts, where: str) -> list[str]:
    return [f"{where}: {p}" for t in texts for p in punctuation_problems(t)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_prose_uses_full_width_punctuation_and_renders(path):
    problems, unrendered = [], []
    for i, cell in enumerate(_cells(path, "markdown")):
        prose = FENCED.sub("", "".join(cell["source"]))
        problems += _problems([prose], f"Markdown cell {i}")
        unrendered += unrendered_markdown(prose)
    assert not problems, "\n".join(problems[:20])
    assert not unrendered, unrendered


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_use_full_width_punctuation(path):
    problems = []
    for i, cell in enumerate(_cells(path, "code")):
        problems += _problems(_output_texts(cell), f"code cell {i}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_learner_edition_shows_no_programmer_output(path):
    nb = learner_edition(json.loads(path.read_text(encoding="utf-8")))
    found = []
    for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        for text in _output_texts(cell):
            found += [f"code cell {i}: {hit} in {text[:120]!r}" for hit in programmer_output(text)]
    assert not found, "\n".join(found[:20])


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.mark.parametrize("path", sorted((ROOT / "casestudies").rglob("*.yaml")) + sorted((ROOT / "data").glob("*.yaml")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_case_and_data_files_use_full_width_punctuation(path):
    text = path.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#") and _shown_text(line)]
    try:
        values = _strings(yaml.safe_load(text))
    except yaml.YAMLError:  # the deliberately broken case files of casestudies/bad/ are checked line by line
        values = [text]
    problems = _problems(values + comments, path.name)
    assert not problems, "\n".join(problems[:20])


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("path", [p for p in sorted((ROOT / "data").glob("*.csv")) if p.name not in RAW_EXPORTS],
                         ids=lambda p: p.name)
def test_every_csv_row_has_the_header_s_number_of_fields(path):
    rows = _csv_rows(path)
    widths = {len(r) for r in rows}
    assert len(rows) > 1 and widths == {len(rows[0])}, [
        (n, len(r), r[:3]) for n, r in enumerate(rows, 1) if len(r) != len(rows[0])][:5]


@pytest.mark.parametrize("kind", ["clean", "messy"])
def test_the_simulated_exports_misshapen_rows_are_planted_and_every_row_is_accounted_for(kind):
    """The raw exports keep what a core system writes (a title line, an unquoted 56,000.00, an empty line):
    the loader must account for each of their rows, which is what they are for (data/README.md)."""
    import tiering_lib as tl

    result = tl.load_sample_export(kind)
    assert result.rows_read == result.n_accepted + result.n_rejected > 0
    if kind == "messy":
        widths = sorted({len(r) for r in _csv_rows(ROOT / "data" / "branch_export_messy.csv")})
        assert widths == [0, 1, 6, 7]  # empty line, title line, the header's six, the row with one cell too many


@pytest.mark.parametrize("path", [p for p in sorted((ROOT / "data").glob("*.csv")) if p.name not in RAW_EXPORTS],
                         ids=lambda p: p.name)
def test_data_text_shown_to_learners_uses_full_width_punctuation(path):
    problems = _problems([cell for row in _csv_rows(path) for cell in row], path.name)
    assert not problems, "\n".join(problems[:20])


def _shown_text(text: str) -> bool:
    """Text a reader sees as Chinese: not a regular expression, not an English message naming a Chinese term."""
    return not REGEX.search(text) and len(CJK_CHAR.findall(text)) >= len(re.findall(r"[A-Za-z]", text))


def _library_strings(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        if path.name == "make_branch_exports.py":  # writes the simulated raw exports (see RAW_EXPORTS)
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value
            elif isinstance(node, ast.JoinedStr):  # an f-string as a whole: each {…} stands for a Chinese word
                text = "".join(v.value if isinstance(v, ast.Constant) else "字" for v in node.values)
                if CJK_CHAR.search(text.replace("字", "")) and not INTERVAL.search(text):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", text


@pytest.mark.parametrize("folder", ["tiering_lib", "tools"])
def test_every_string_the_code_can_show_uses_full_width_punctuation(folder):
    """Chart titles and labels, widget labels, feedback, table headers, messages: every literal in the code."""
    problems = [p for where, text in _library_strings(ROOT / folder) if _shown_text(text)
                for p in _problems([text], where)]
    assert not problems, "\n".join(problems[:20])


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tiering_lib", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_command_line_help_and_messages_use_full_width_punctuation(tmp_path):
    shown = [_run(*cmd, "--help", cwd=tmp_path).stdout for cmd in ([], ["tier"], ["migrate"], ["editions"], ["lab"])]
    (tmp_path / "坏.csv").write_text("客户号,余额\nK1,abc\n", encoding="utf-8")
    for args in (["tier", "没有这个文件.csv"], ["tier", "坏.csv", "--scheme", "nope"], ["tier", "坏.csv"],
                 ["migrate", "坏.csv", "坏.csv", "--alert-drop", "120"]):
        done = _run(*args, cwd=tmp_path)
        shown += [done.stdout, done.stderr]
        assert "Traceback" not in done.stderr, args
    problems = _problems(shown, "command line")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.slow
def test_report_sheets_use_full_width_punctuation(tmp_path):
    messy = ROOT / "data" / "branch_export_messy.csv"
    clean = ROOT / "data" / "branch_export_clean.csv"
    assert _run("tier", str(messy), "--out", "分层.xlsx", "-q", cwd=tmp_path).returncode == 0
    assert _run("migrate", str(clean), str(messy), "--out", "迁移.xlsx", "-q", cwd=tmp_path).returncode == 0
    problems = []
    for name in ("分层.xlsx", "迁移.xlsx"):
        problems += _problems(report_texts(tmp_path / name), name)
    assert not problems, "\n".join(problems[:20])
