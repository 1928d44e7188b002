"""Progress: results saved in the workspace's JSON file, read back after a restart, shown as 00's table."""

from __future__ import annotations

import json

import pytest

import tiering_lib as tl
from tiering_lib.course.exercises import exercise_ids
from tiering_lib.course.progress import WORKSPACE_ENV, ProgressStore, progress_store, workspace_dir


def test_the_workspace_comes_from_the_environment_else_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKSPACE_ENV, str(tmp_path / "我的练习"))
    assert workspace_dir() == tmp_path / "我的练习"
    monkeypatch.delenv(WORKSPACE_ENV)
    monkeypatch.chdir(tmp_path)
    assert workspace_dir() == tmp_path
    assert progress_store().path == tmp_path / ".tiering" / "progress.json"


def test_tries_answers_guesses_and_shown_answers_are_saved(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    store.record_try("03.4", "20", correct=False)
    store.record_try("03.4", "13", correct=True)
    store.record_try("03.4", "12", correct=False)  # once right, it stays right
    store.record_guess("03.2", "B", correct=False)
    store.record_guess("03.2", "A2", correct=True)  # the first guess is the one kept
    store.record_shown("03.7")
    again = ProgressStore(tmp_path / "p.json").load()  # as a new kernel reads it
    assert again["03.4"] == {"tries": 3, "correct": True, "shown": False, "answer": "12", "guess": None}
    assert again["03.2"]["guess"] == "B" and again["03.2"]["correct"] is True
    assert again["03.7"]["shown"] is True and again["03.7"]["tries"] == 0
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["version"] == 1


def test_a_broken_progress_file_gets_a_chinese_message(tmp_path):
    (tmp_path / "p.json").write_text("{", encoding="utf-8")
    with pytest.raises(tl.TieringError, match="进度文件坏了"):
        ProgressStore(tmp_path / "p.json").load()


def test_the_progress_table_counts_each_chapter_from_the_registry_and_the_saved_results(tmp_path):
    store = progress_store(tmp_path)
    store.record_try("03.1", "只有 B 类", correct=False)
    store.record_try("03.4", "13", correct=True)
    store.record_shown("03.7")
    table = tl.progress_table(tmp_path)
    frame = table.frame
    assert list(frame.columns) == ["章", "练习（个）", "已做（个）", "答对（个）", "看过答案（个）", "各题"]
    row = frame[frame["章"].str.startswith("03 ")].iloc[0]
    n03 = len([i for i in exercise_ids() if i.startswith("03.")])
    assert (row["练习（个）"], row["已做（个）"], row["答对（个）"], row["看过答案（个）"]) == (n03, 3, 1, 1)
    assert "03.1✗" in row["各题"] and "03.4✓" in row["各题"] and "03.7◎" in row["各题"] and "03.2○" in row["各题"]
    assert frame["练习（个）"].sum() == len(exercise_ids())
    html = table._repr_html_()
    assert "<th" in html and ">0<" not in html.split("<tbody>")[0]  # no 0..n row numbers
    untouched = tl.progress_table(tmp_path / "空")
    assert untouched.frame["已做（个）"].sum() == 0
