"""The day's timetable: chapters and breaks in order, then the slack (机动时间) left before the day ends."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT

import tiering_lib as tl
from tiering_lib.course.agenda import DEFAULT_BREAKS, SLACK_LABEL, chapter_notebooks

#: The time budget of every chapter (teaching, exercises) in minutes, as planned for the course.
BUDGET = {
    "00": (10, 5), "01": (15, 10), "02": (20, 15), "03": (20, 25), "04": (15, 15), "05": (35, 25),
    "06": (20, 15), "07": (20, 15), "08": (20, 15), "09": (15, 20), "10": (20, 25),
}


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _write_chapters(folder, budget):
    for number, (teach, practise) in budget.items():
        title = f"# {number} 第{number}章\n**学习目标**\n- 能够做到\n\n**预计时长**：讲授 {teach} 分钟 · 练习 {practise} 分钟\n"
        nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": title}]}
        (folder / f"{number}_第{number}章.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return folder


def _check_continuous(day, start, end):
    """Rows follow each other without gaps, from start to end, and each row's minutes match its times."""
    now = _minutes(start)
    for span, minutes in zip(day.index, day["时长（分钟）"]):
        begin, finish = span.split("–")
        assert _minutes(begin) == now and _minutes(finish) - _minutes(begin) == minutes
        now = _minutes(finish)
    assert now == _minutes(end)


def test_the_planned_course_leaves_25_minutes_of_slack(tmp_path):
    day = tl.workshop_schedule("09:00", notebook_dir=_write_chapters(tmp_path, BUDGET))
    _check_continuous(day, "09:00", "17:30")
    assert list(day["内容"])[-1] == SLACK_LABEL and day["时长（分钟）"].iloc[-1] == 25
    content = list(day["内容"])
    for name, earliest, minutes in DEFAULT_BREAKS:  # each break once, at the first gap at or after its time
        row = content.index(name)
        assert day["时长（分钟）"].iloc[row] == minutes
        assert _minutes(day.index[row][:5]) >= _minutes(earliest)
        assert _minutes(day.index[row - 1][:5]) < _minutes(earliest)
    assert content.index("上午茶歇") < content.index("午餐") < content.index("下午茶歇")


def test_the_slack_follows_the_end_of_the_day(tmp_path):
    folder = _write_chapters(tmp_path, BUDGET)
    assert tl.workshop_schedule("09:00", end="17:45", notebook_dir=folder)["时长（分钟）"].iloc[-1] == 40
    exact = tl.workshop_schedule("09:00", end="17:05", notebook_dir=folder)
    assert exact["内容"].iloc[-1] == SLACK_LABEL and exact["时长（分钟）"].iloc[-1] == 0


def test_a_day_that_does_not_fit_says_by_how_much_in_chinese(tmp_path):
    folder = _write_chapters(tmp_path, {**BUDGET, "05": (65, 25)})  # 30 minutes more than planned
    with pytest.raises(tl.TieringError, match=r"比 17:30 晚 0?5 分钟.*预计时长") as err:
        tl.workshop_schedule("09:00", notebook_dir=folder)
    assert "17:35" in str(err.value) and "Traceback" not in str(err.value)


def test_the_course_as_it_stands_fits_the_day():
    day = tl.workshop_schedule()
    _check_continuous(day, "09:00", "17:30")
    titles = [tl.notebook_header(p).title for p in chapter_notebooks(ROOT / "notebooks")]
    assert [c for c in day["内容"] if c not in {b[0] for b in DEFAULT_BREAKS} | {SLACK_LABEL}] == titles


def test_the_whole_course_leaves_at_least_20_minutes_of_slack():
    day = tl.workshop_schedule()
    assert day["内容"].iloc[-1] == SLACK_LABEL and day["时长（分钟）"].iloc[-1] >= 20
