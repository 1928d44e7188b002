"""The learner's workspace: created from the course, never overwritten, changed chapters offered beside."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import ROOT

import tiering_lib as tl
from tiering_lib.course.workspace import MANIFEST, STATE_DIR, UPDATED_SUFFIX, prepare_workspace


@pytest.fixture
def course(tmp_path):
    """A copy of the course's notebooks that a test may change (a course update)."""
    source = tmp_path / "课程"
    shutil.copytree(ROOT / "notebooks", source, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.py", "*.md"))
    return source


def _change_chapter(path, text="课程更新：新增一段。"):
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "source": text})
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def test_first_run_writes_the_learner_edition_of_every_chapter(tmp_path, course):
    ws = tmp_path / "我的 练习"
    report = prepare_workspace(ws, source_dir=course)
    names = [p.name for p in sorted(course.glob("[0-9][0-9]_*.ipynb"))]
    assert report.added == names and not report.offered
    text = (ws / "03_分层逻辑.ipynb").read_text(encoding="utf-8")
    assert "讲师提示" not in text and "trainer-note" not in text  # the learner edition
    manifest = json.loads((ws / STATE_DIR / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["edition"] == "学员版" and sorted(manifest["chapters"]) == names


def test_a_second_run_changes_nothing_and_keeps_the_learners_work(tmp_path, course):
    ws = tmp_path / "ws"
    prepare_workspace(ws, source_dir=course)
    mine = ws / "03_分层逻辑.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8").replace("练习 03.1", "练习 03.1（我的笔记）"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in ws.glob("*.ipynb")}
    report = prepare_workspace(ws, source_dir=course)
    assert report.added == [] and report.offered == []
    assert {p.name: p.read_bytes() for p in ws.glob("*.ipynb")} == before


def test_a_changed_chapter_is_offered_beside_the_learners_copy(tmp_path, course):
    ws = tmp_path / "ws"
    prepare_workspace(ws, source_dir=course)
    mine = ws / "03_分层逻辑.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8") + " ", encoding="utf-8")  # the learner's answers
    learners = mine.read_bytes()
    _change_chapter(course / "03_分层逻辑.ipynb")
    report = prepare_workspace(ws, source_dir=course)
    offered = f"03_分层逻辑{UPDATED_SUFFIX}.ipynb"
    assert report.offered == [offered] and report.added == []
    assert mine.read_bytes() == learners  # never replaced
    assert "课程更新：新增一段。" in (ws / offered).read_text(encoding="utf-8")
    assert "更新版" in report.summary_zh() and "没有改动" in report.summary_zh()
    # run again: nothing new; a further change gets a second name, the first offer stays as it was
    assert prepare_workspace(ws, source_dir=course).offered == []
    first_offer = (ws / offered).read_bytes()
    _change_chapter(course / "03_分层逻辑.ipynb", "第二次更新。")
    second = prepare_workspace(ws, source_dir=course).offered
    assert second == [f"03_分层逻辑{UPDATED_SUFFIX[:-1]}2）.ipynb"] and (ws / offered).read_bytes() == first_offer


def test_new_chapters_are_added_and_a_deleted_copy_comes_back(tmp_path, course):
    ws = tmp_path / "ws"
    prepare_workspace(ws, source_dir=course)
    (course / "10_新章节.ipynb").write_bytes((course / "01_为什么分层.ipynb").read_bytes())  # the course grew
    (ws / "01_为什么分层.ipynb").unlink()  # the learner threw their copy away
    report = prepare_workspace(ws, source_dir=course)
    assert report.added == ["01_为什么分层.ipynb", "10_新章节.ipynb"] and report.offered == []


def test_a_copy_made_without_the_manifest_is_not_overwritten(tmp_path, course):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "00_导读.ipynb").write_text("{}", encoding="utf-8")  # the learner's own file of that name
    report = prepare_workspace(ws, source_dir=course)
    assert (ws / "00_导读.ipynb").read_text(encoding="utf-8") == "{}"
    assert report.offered == [f"00_导读{UPDATED_SUFFIX}.ipynb"]


def test_the_trainer_edition_keeps_everything_and_lives_in_its_own_folder(tmp_path, course):
    ws = tmp_path / "讲师"
    prepare_workspace(ws, trainer=True, source_dir=course)
    assert "讲师提示" in (ws / "03_分层逻辑.ipynb").read_text(encoding="utf-8")
    with pytest.raises(tl.TieringError, match="讲师版"):
        prepare_workspace(ws, trainer=False, source_dir=course)


def test_a_broken_manifest_is_reported_not_guessed(tmp_path, course):
    ws = tmp_path / "ws"
    prepare_workspace(ws, source_dir=course)
    (ws / STATE_DIR / MANIFEST).write_text("{不是 JSON", encoding="utf-8")
    with pytest.raises(tl.TieringError, match="记录文件坏了"):
        prepare_workspace(ws, source_dir=course)
