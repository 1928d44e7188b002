"""The course as a whole: each notebook's header (objectives, time) and the workshop agenda."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tiering_lib.errors import TieringError

__all__ = [
    "NotebookHeader",
    "notebook_header",
    "course_agenda",
    "workshop_schedule",
    "glossary",
    "default_notebook_dir",
    "chapter_notebooks",
    "AGENDA_COLUMNS",
    "SLACK_LABEL",
]

_TIME = re.compile(r"\*\*预计时长\*\*[:：]\s*讲授\s*(\d+)\s*分钟\s*[·,，]\s*练习\s*(\d+)\s*分钟")


@dataclass(frozen=True)
class NotebookHeader:
    """What a notebook's title cell declares."""

    file: str
    title: str
    objectives: tuple[str, ...]
    teaching_minutes: int
    exercise_minutes: int

    @property
    def minutes(self) -> int:
        """Teaching plus exercise minutes."""
        return self.teaching_minutes + self.exercise_minutes


NOTEBOOKS_PACKAGE = "tiering_lib.course.notebooks"


def default_notebook_dir():
    """The course's source notebooks (``notebooks/``, installed as package data).

    Examples
    --------
    >>> chapter_notebooks()[0].name
    '00_导读.ipynb'
    """
    from importlib import resources

    return resources.files(NOTEBOOKS_PACKAGE)


def chapter_notebooks(folder=None) -> list:
    """The chapter notebooks ``NN_标题.ipynb`` of ``folder`` (the course's own by default), in order."""
    folder = Path(folder) if folder is not None else default_notebook_dir()
    pattern = re.compile(r"\d\d_.+\.ipynb")
    return sorted((p for p in folder.iterdir() if pattern.fullmatch(p.name)), key=lambda p: p.name)


def notebook_header(path) -> NotebookHeader:
    """Read the title cell of a notebook: title, 学习目标 and 预计时长.

    Raises
    ------
    TieringError
        If the first cell lacks the title, objectives or time (see notebooks/README.md).
    """
    path = Path(path) if isinstance(path, str) else path
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb.get("cells", [])
    if not cells or cells[0].get("cell_type") != "markdown":
        raise TieringError(f"{path.name}: the first cell must be the Markdown title cell")
    text = "".join(cells[0].get("source", ""))
    lines = text.splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else ""
    if not title:
        raise TieringError(f"{path.name}: the title cell must start with '# NN 标题'")
    objectives = []
    if "**学习目标**" in text:
        after = text.split("**学习目标**", 1)[1].splitlines()[1:]
        for line in after:
            if line.startswith("- "):
                objectives.append(line[2:].strip())
            elif line.strip():
                break
    if not objectives:
        raise TieringError(f"{path.name}: the title cell must list 学习目标 as '- ' bullets")
    m = _TIME.search(text)
    if not m:
        raise TieringError(f"{path.name}: the title cell must state '**预计时长**：讲授 N 分钟 · 练习 M 分钟'")
    return NotebookHeader(path.name, title, tuple(objectives), int(m.group(1)), int(m.group(2)))


AGENDA_COLUMNS = ("讲授（分钟）", "练习（分钟）", "合计（分钟）", "累计（分钟）")


def course_agenda(notebook_dir: str | Path | None = None):
    """The workshop agenda: one row per notebook with its minutes, summed from the headers.

    Returns
    -------
    pandas.DataFrame
        Indexed by 模块 (the notebooks' titles, then 合计); columns 讲授（分钟）,
        练习（分钟）, 合计（分钟）, 累计（分钟）.

    Examples
    --------
    >>> agenda = course_agenda()
    >>> agenda.index[0], list(agenda.columns) == list(AGENDA_COLUMNS)
    ('00 导读：如何使用本工作手册', True)
    """
    import pandas as pd

    rows, names = [], []
    running = 0
    for path in chapter_notebooks(notebook_dir):
        h = notebook_header(path)
        running += h.minutes
        names.append(h.title)
        rows.append([h.teaching_minutes, h.exercise_minutes, h.minutes, running])
    frame = pd.DataFrame(rows, columns=list(AGENDA_COLUMNS), index=pd.Index(names, name="模块"))
    totals = frame[list(AGENDA_COLUMNS[:3])].sum()
    frame.loc["合计"] = [int(totals.iloc[0]), int(totals.iloc[1]), int(totals.iloc[2]), running]
    return frame


#: Breaks of a one-day workshop: (name, earliest start "HH:MM", minutes).
DEFAULT_BREAKS = (("上午茶歇", "10:15", 15), ("午餐", "12:00", 60), ("下午茶歇", "14:45", 15))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


#: The row that closes the day: whatever time is left before the end, for questions and overruns.
SLACK_LABEL = "机动时间"


def workshop_schedule(
    start: str = "09:00",
    end: str = "17:30",
    breaks=DEFAULT_BREAKS,
    notebook_dir: str | Path | None = None,
):
    """A one-day timetable: every module in order with its 预计时长, breaks between modules, then 机动时间.

    A break is taken before the first module that would start at or after the
    break's earliest time.  Minutes come from the notebooks' headers, so the
    timetable follows the material; the last row, 机动时间 (slack), holds the
    minutes left until ``end``.

    Parameters
    ----------
    start, end : str
        The day's start and end, ``"HH:MM"``.
    breaks : sequence of (str, str, int)
        Name, earliest start ``"HH:MM"`` and minutes of each break, in order.
    notebook_dir : path, optional
        The notebooks (the course's own by default).

    Returns
    -------
    pandas.DataFrame
        Indexed by 时间 (``"09:00–09:20"``); columns 内容 and 时长（分钟）.

    Raises
    ------
    TieringError
        If the modules and breaks do not fit between ``start`` and ``end``.

    Examples
    --------
    >>> day = workshop_schedule("09:00")
    >>> day.index[0][:6], day["内容"].iloc[-1], day.index[-1][-5:]
    ('09:00–', '机动时间', '17:30')
    """
    import pandas as pd

    agenda = course_agenda(notebook_dir).drop(index="合计")
    now, last = _minutes(start), _minutes(end)
    pending = [(name, _minutes(at), length) for name, at, length in breaks]
    times, rows = [], []

    def add(content: str, length: int) -> None:
        nonlocal now
        times.append(f"{_clock(now)}–{_clock(now + length)}")
        rows.append([content, length])
        now += length

    for module, minutes in agenda["合计（分钟）"].items():
        while pending and now >= pending[0][1]:
            name, _, length = pending.pop(0)
            add(name, length)
        add(module, int(minutes))
    if now > last:
        taught = int(agenda["合计（分钟）"].sum())
        raise TieringError(
            f"一天排不下：各章合计 {taught} 分钟，加上茶歇和午餐，从 {start} 开始要到 {_clock(now)} 才结束，"
            f"比 {end} 晚 {now - last} 分钟。请缩短某几章开头的“预计时长”，或者把结束时间往后推。"
        )
    add(SLACK_LABEL, last - now)
    return pd.DataFrame(rows, columns=["内容", "时长（分钟）"], index=pd.Index(times, name="时间"))


def glossary():
    """The learners' glossary (``data/glossary.csv``): every term with its Chinese definition.

    Returns
    -------
    tiering_lib.display.Table
        Columns 术语 and 释义, shown without row numbers.

    Examples
    --------
    >>> g = glossary()
    >>> list(g.frame.columns), "门槛" in set(g.frame["术语"])
    (['术语', '释义'], True)
    """
    from tiering_lib.datasets.files import read_dataset
    from tiering_lib.display import Table

    return Table(read_dataset("glossary.csv", as_frame=True)[["术语", "释义"]])
