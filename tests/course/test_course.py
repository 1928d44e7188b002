"""The course follows notebooks/README.md: headers, setup cell, tags, exercises with self-checks, editions."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT

import tiering_lib as tl
from tiering_lib.course.editions import build_editions, learner_edition
from tiering_lib.course.exercises import expected_answer

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ALLOWED_TAGS = {"solution", "self-check", "trainer-note", "nbval-ignore-output", "widget", "advanced", "raises-exception"}


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def src(cell):
    return "".join(cell["source"])


def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert names[:5] == ["00_导读.ipynb", "01_为什么分层.ipynb", "02_苏州数据.ipynb", "03_分层逻辑.ipynb", "04_存款与中收.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_skeleton(path):
    header = tl.notebook_header(path)
    assert 2 <= len(header.objectives) <= 4
    assert header.teaching_minutes > 0 and header.exercise_minutes >= 0
    assert header.title.startswith(path.name[:2])
    cs = cells(path)
    assert "**先修**" in src(cs[0])
    code = [c for c in cs if c["cell_type"] == "code"]
    assert src(code[0]).splitlines()[0] == "import tiering_lib as tl"
    assert "tl.use_chinese_fonts()" in src(code[0])
    assert cs[-1]["cell_type"] == "markdown" and src(cs[-1]).startswith("## 要点")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_path_hacks_and_known_tags(path):
    for c in cells(path):
        text = src(c)
        if c["cell_type"] == "code":
            assert "sys.path" not in text and "%run" not in text and "open(" not in text
            assert not text.rstrip().endswith(";"), "a trailing ';' does not hide output under nbval (see notebooks/README.md)"
        tags = set(c.get("metadata", {}).get("tags", []))
        assert tags <= ALLOWED_TAGS, tags
        if "trainer-note" in tags:
            assert c["cell_type"] == "markdown" and text.startswith("> **讲师提示**")
        if "nbval-ignore-output" in tags:
            assert len([l for l in text.splitlines() if l.strip()]) <= 2, "only a widget call may skip nbval"
        if "raises-exception" in tags:  # a library error shown on purpose: its short box, never a bug's traceback
            [error] = c["outputs"]
            assert error["output_type"] == "error" and issubclass(getattr(tl, error["ename"]), tl.TieringError)
            assert len(error["traceback"]) == 3 and "出错了" in error["traceback"][0]


HEADING = re.compile(r"^### 练习 (\d\d\.\d+)[(（]难度[:：]★[★☆]{2}[)）]", flags=re.M)


def _code_after(cs, i):
    return next(c for c in cs[i + 1:] if c["cell_type"] == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_heading_is_followed_by_its_widget_or_its_code_route(path):
    """A heading `### 练习 NN.k（难度：★☆☆）`, then `tl.exercise("NN.k")` (widget) or a solution and a self-check."""
    cs = cells(path)
    ids = tl.exercise_ids()
    number = path.name[:2]
    seen = []
    for i, c in enumerate(cs):
        m = HEADING.search(src(c)) if c["cell_type"] == "markdown" else None
        if not m:
            continue
        exercise_id = m.group(1)
        assert exercise_id.startswith(number + "."), exercise_id
        seen.append(exercise_id)
        if exercise_id not in ids:  # a discussion question: its model answer is a Markdown cell tagged solution
            assert cs[i + 1]["cell_type"] == "markdown" and "solution" in cs[i + 1]["metadata"].get("tags", [])
            continue
        nxt = _code_after(cs, i)
        tags = set(nxt.get("metadata", {}).get("tags", []))
        if "widget" in tags:
            assert src(nxt).strip() == f'tl.exercise("{exercise_id}")'
        else:
            assert "solution" in tags, src(nxt)
            check = cs[cs.index(nxt) + 1]
            assert "self-check" in check["metadata"].get("tags", [])
            assert src(check).strip().startswith(f'tl.check("{exercise_id}"')
    assert seen and len(seen) == len(set(seen))
    for c in cs:  # an optional 进阶 route checks an exercise of this notebook
        if {"advanced", "self-check"} <= set(c.get("metadata", {}).get("tags", [])):
            assert re.search(r'tl\.check\("(\d\d\.\d+)"', src(c)).group(1) in seen


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_registered_widget_exercise_of_a_notebook_appears_in_it(path):
    from tiering_lib.course.exercises import get_exercise

    text = "".join(src(c) for c in cells(path))
    for exercise_id in tl.exercise_ids():
        if exercise_id.startswith(path.name[:2] + ".") and get_exercise(exercise_id).answer is not None:
            assert f'tl.exercise("{exercise_id}")' in text


@pytest.mark.parametrize("exercise_id", tl.exercise_ids())
def test_each_exercise_accepts_its_expected_answer_and_refuses_nonsense(exercise_id):
    expected = expected_answer(exercise_id)
    assert tl.check(exercise_id, expected).correct is True
    assert tl.check(exercise_id, None).correct is None
    wrong = "完全不对" if isinstance(expected, str) else -123456789
    assert tl.check(exercise_id, wrong).correct is False


def test_check_results_render(tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))
    r = tl.check("03.4", 1)
    assert r.correct is False and "提示" in repr(r) and "<div" in r._repr_html_()


def test_agenda_sums_the_notebooks():
    agenda = tl.course_agenda()
    total = agenda.loc["合计"]
    headers = [tl.notebook_header(p) for p in NOTEBOOKS]
    assert list(agenda.index[:-1]) == [h.title for h in headers]
    assert total["合计（分钟）"] == sum(h.minutes for h in headers) == agenda["累计（分钟）"].iloc[-2]


def test_the_glossary_defines_every_term_in_chinese():
    g = tl.glossary().frame
    assert len(g) >= 30 and g["术语"].is_unique
    assert all(len(d) >= 8 and d.endswith("。") for d in g["释义"])
    for term in ("门槛", "（不含）", "关键指标", "交叉销售率", "先猜再运行"):
        assert term in set(g["术语"])


def test_header_errors_are_clear(tmp_path):
    bad = tmp_path / "99_x.ipynb"
    bad.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": "# 99 x\n", "metadata": {}}]}), encoding="utf-8")
    with pytest.raises(tl.TieringError, match="学习目标"):
        tl.notebook_header(bad)


def test_editions(tmp_path):
    written = build_editions(ROOT / "notebooks", tmp_path)
    every = sorted((ROOT / "notebooks").glob("*.ipynb"))  # the chapters and any appendix
    assert len(written["学员版"]) == len(written["讲师版"]) == len(every)
    for path in written["学员版"]:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for c in nb["cells"]:
            tags = set(c.get("metadata", {}).get("tags", []))
            assert "trainer-note" not in tags
            if "solution" in tags and c["cell_type"] == "code":
                assert c["outputs"] == [] and "= None" in c["source"]
                compile(c["source"], path.name, "exec")
            if "self-check" in tags:
                assert c["outputs"] == []
    trainer = json.loads((tmp_path / "讲师版" / "02_苏州数据.ipynb").read_text(encoding="utf-8"))
    source = json.loads((ROOT / "notebooks" / "02_苏州数据.ipynb").read_text(encoding="utf-8"))
    assert trainer["cells"] == source["cells"]


@pytest.mark.parametrize("name", ["04_存款与中收", "03_分层逻辑"])
def test_learner_edition_runs_top_to_bottom(name):
    """A learner who has not answered yet can still run the whole notebook."""
    import nbformat
    from nbclient import NotebookClient

    source = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    nb = nbformat.reads(json.dumps(learner_edition(source)), as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    checks = [c for c in nb.cells if "self-check" in c.metadata.get("tags", [])]
    assert all("还没有作答" in json.dumps(c.outputs, ensure_ascii=False) for c in checks)
    assert checks or name != "03_分层逻辑", "03's 进阶 route keeps a self-check cell"
