"""The progress board: per learner and chapter, from saved progress read with the learner's own rights."""

from __future__ import annotations

import json
import os
import pwd
import re
import subprocess

import pytest

from tiering_lib.course.progress_view import chapter_progress
from tiering_lib.workshop.board import page_html, table_html
from tiering_lib.workshop.board_data import learner_rows, progress_path, read_as


def _row(name, records, problem=None):
    chapters = chapter_progress(records)
    return {"name": name, "display": name, "problem": problem, "chapters": chapters,
            "done": sum(c["done"] for c in chapters), "correct": sum(c["correct"] for c in chapters),
            "shown": sum(c["shown"] for c in chapters)}


def test_chapter_counts_follow_the_marks():
    records = {
        "03.1": {"tries": 2, "correct": True, "shown": False},
        "03.2": {"tries": 1, "correct": False, "shown": False, "guess": "B"},
        "03.3": {"tries": 0, "correct": False, "shown": True},
        "05.1": {"tries": 1, "correct": False, "shown": False},
    }
    rows = {r["chapter"]: r for r in chapter_progress(records)}
    assert (rows["03"]["done"], rows["03"]["correct"], rows["03"]["shown"]) == (3, 1, 1)
    assert (rows["05"]["done"], rows["05"]["correct"]) == (1, 0)
    assert rows["00"]["done"] == 0 and rows["03"]["marks"]["03.1"] == "✓" and rows["03"]["marks"]["03.3"] == "◎"
    assert sum(r["exercises"] for r in rows.values()) == len({i for r in rows.values() for i in r["marks"]})


def test_the_table_shows_each_learner_per_chapter_and_escapes_names():
    html = table_html([_row("learner01", {"00.1": {"tries": 1, "correct": True}}), _row("<x>", {}, "无法读取")])
    cell = re.search(r"<tr data-learner=\"learner01\">.*?data-chapter=\"00\">([^<]*)</td>", html).group(1)
    assert cell.startswith("1/1") and "对 1" in cell
    assert "<x>" not in html and "&lt;x&gt;" in html and "无法读取" in html
    assert table_html([]) == "<p>还没有学员账户。</p>"
    page = page_html([])
    assert 'fetch("table"' in page and "每 5 秒自动更新" in page


root_only = pytest.mark.skipif(os.geteuid() != 0, reason="reading as another account needs root")


@pytest.fixture
def two_accounts():
    names = ["wsb01", "wsb02"]
    for name in names:
        subprocess.run(["useradd", "--create-home", "--key", "HOME_MODE=0700", name], check=True)
    yield [pwd.getpwnam(n) for n in names]
    for name in names:
        subprocess.run(["userdel", "--remove", name], capture_output=True)


def _as(entry, *command):
    subprocess.run(["runuser", "-u", entry.pw_name, "--", *command], check=True)


@root_only
def test_the_board_reads_each_learners_progress_as_that_learner(two_accounts):
    one, two = two_accounts
    path = progress_path(one.pw_dir)
    _as(one, "mkdir", "-p", str(path.parent))
    _as(one, "sh", "-c", f"echo '{json.dumps({'exercises': {'00.1': {'tries': 1, 'correct': True}}})}' > '{path}'")
    # learner 2 points their progress at learner 1's file, and at a FIFO that would block a reader
    mine = progress_path(two.pw_dir)
    _as(two, "mkdir", "-p", str(mine.parent))
    _as(two, "ln", "-s", str(path), str(mine))
    rows = {r["name"]: r for r in learner_rows(["wsb01", "wsb02"])}
    assert rows["wsb01"]["problem"] is None and rows["wsb01"]["correct"] == 1
    assert rows["wsb02"]["problem"] == "无法读取" and rows["wsb02"]["done"] == 0  # learner 2 cannot read it
    _as(two, "rm", str(mine))
    _as(two, "mkfifo", str(mine))
    assert learner_rows(["wsb02"])[0]["problem"] == "无法读取"
    assert read_as(progress_path(two.pw_dir).with_name("none.json"), two.pw_uid, two.pw_gid) is None
    assert os.geteuid() == 0 and os.getegid() == 0  # rights restored after each read
