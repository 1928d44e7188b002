"""The progress table of 00_导读: every chapter's exercises done, right and answer shown."""

from __future__ import annotations

from pathlib import Path

from tiering_lib.course.progress import LEGEND, MARKS, mark, progress_store

__all__ = ["progress_table"]


def progress_table(folder: str | Path | None = None):
    """Chapters with their exercises done, answered right and answer shown, from the saved progress.

    Returns
    -------
    tiering_lib.display.Table
        Columns 章, 练习（个）, 已做（个）, 答对（个）, 看过答案（个）, 各题; one row per
        chapter that has exercises, and the legend of the marks as its caption.
    """
    import pandas as pd

    from tiering_lib.course.agenda import chapter_notebooks, notebook_header
    from tiering_lib.course.exercises import exercise_ids
    from tiering_lib.display import Table

    records = progress_store(folder).load()
    titles = {p.name[:2]: notebook_header(p).title for p in chapter_notebooks()}
    rows = []
    for chapter in sorted({i.split(".")[0] for i in exercise_ids()}):
        ids = [i for i in exercise_ids() if i.split(".")[0] == chapter]
        marks = [mark(records.get(i)) for i in ids]
        rows.append({
            "章": titles.get(chapter, chapter),
            "练习（个）": len(ids),
            "已做（个）": sum(m != MARKS["todo"] for m in marks),
            "答对（个）": sum(bool(records.get(i, {}).get("correct")) for i in ids),
            "看过答案（个）": sum(m == MARKS["shown"] for m in marks),
            "各题": "　".join(f"{i}{m}" for i, m in zip(ids, marks)),
        })
    return Table(pd.DataFrame(rows), caption=f"我的学习进度（{LEGEND}）")
