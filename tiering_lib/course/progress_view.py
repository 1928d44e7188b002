"""The progress table of 00_导读, and the same per-chapter counts for the trainer's board.

:func:`chapter_progress` turns one learner's saved records into per-chapter counts (exercises, done, right,
answer shown, each exercise's mark); :func:`progress_table` shows them to the learner, and the workshop's
progress board (:mod:`tiering_lib.workshop.board_data`) shows them for a whole room.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiering_lib.course.progress import LEGEND, MARKS, mark, progress_store

__all__ = ["chapter_progress", "progress_table"]


def chapter_progress(records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Per chapter with exercises: its number, title, and counts of exercises done, right and answer shown.

    Parameters
    ----------
    records : dict
        One learner's saved results, exercise id → record (:meth:`ProgressStore.load`).

    Returns
    -------
    list of dict
        Keys ``chapter`` ("03"), ``title``, ``exercises``, ``done``, ``correct``, ``shown`` and ``marks``
        (exercise id → its mark, see :data:`tiering_lib.course.progress.MARKS`), in chapter order.

    Examples
    --------
    >>> rows = chapter_progress({"03.4": {"tries": 2, "correct": True, "shown": False}})
    >>> row = next(r for r in rows if r["chapter"] == "03")
    >>> row["done"], row["correct"], row["shown"], row["marks"]["03.4"]
    (1, 1, 0, '✓')
    """
    from tiering_lib.course.agenda import chapter_notebooks, notebook_header
    from tiering_lib.course.exercises import exercise_ids

    titles = {p.name[:2]: notebook_header(p).title for p in chapter_notebooks()}
    rows = []
    for chapter in sorted({i.split(".")[0] for i in exercise_ids()}):
        ids = [i for i in exercise_ids() if i.split(".")[0] == chapter]
        marks = {i: mark(records.get(i)) for i in ids}
        rows.append({
            "chapter": chapter,
            "title": titles.get(chapter, chapter),
            "exercises": len(ids),
            "done": sum(m != MARKS["todo"] for m in marks.values()),
            "correct": sum(bool(records.get(i, {}).get("correct")) for i in ids),
            "shown": sum(m == MARKS["shown"] for m in marks.values()),
            "marks": marks,
        })
    return rows


def progress_table(folder: str | Path | None = None):
    """Chapters with their exercises done, answered right and answer shown, from the saved progress.

    Returns
    -------
    tiering_lib.display.Table
        Columns 章, 练习（个）, 已做（个）, 答对（个）, 看过答案（个）, 各题; one row per
        chapter that has exercises, and the legend of the marks as its caption.
    """
    import pandas as pd

    from tiering_lib.display import Table

    rows = [{
        "章": row["title"],
        "练习（个）": row["exercises"],
        "已做（个）": row["done"],
        "答对（个）": row["correct"],
        "看过答案（个）": row["shown"],
        "各题": "　".join(f"{i}{m}" for i, m in row["marks"].items()),
    } for row in chapter_progress(progress_store(folder).load())]
    return Table(pd.DataFrame(rows), caption=f"我的学习进度（{LEGEND}）")
