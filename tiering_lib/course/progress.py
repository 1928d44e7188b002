"""The learner's progress: every self-check result, saved in their workspace, and the table 00 shows.

Results are kept in ``<workspace>/.tiering/progress.json``.  The workspace is
the folder named by the ``TIERING_WORKSPACE`` environment variable (``python -m
tiering_lib lab`` sets it for every kernel), else the folder the kernel runs in
(a notebook's own folder).  One record per exercise::

    {"tries": 2, "correct": true, "shown": false, "answer": "13", "guess": null}

``tries`` counts checked answers (or the one guess of a 先猜再运行 question),
``correct`` stays true once the learner got it right, ``shown`` records that
the answer was shown (显示答案), ``guess`` the first guess of a 先猜再运行
question, recorded before the result was revealed.  The file is rewritten
atomically at each result, so closing the laptop loses nothing.  The table
00 shows is :func:`tiering_lib.course.progress_view.progress_table`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tiering_lib.errors import TieringError

__all__ = ["WORKSPACE_ENV", "ProgressStore", "workspace_dir", "progress_store", "mark", "MARKS", "LEGEND"]

#: Environment variable naming the learner's workspace.
WORKSPACE_ENV = "TIERING_WORKSPACE"
_STATE_DIR = ".tiering"  # the same hidden folder as the workspace manifest
_FILE = "progress.json"

#: How the progress table marks one exercise.
MARKS = {"correct": "✓", "guessed": "△", "shown": "◎", "tried": "✗", "todo": "○"}
LEGEND = "✓ 答对　△ 先猜再运行：猜过、没猜中　◎ 看过答案　✗ 还没答对　○ 还没做"


def workspace_dir() -> Path:
    """The learner's workspace: ``$TIERING_WORKSPACE``, else the current folder."""
    named = os.environ.get(WORKSPACE_ENV)
    return Path(named) if named else Path.cwd()


class ProgressStore:
    """The results of one learner, in one JSON file.

    Examples
    --------
    >>> import tempfile
    >>> store = ProgressStore(Path(tempfile.mkdtemp()) / "progress.json")
    >>> _ = store.record_try("03.1", "B", correct=False)
    >>> store.record_try("03.1", "A2", correct=True)["tries"]
    2
    >>> ProgressStore(store.path).get("03.1")["correct"]   # read back from the file
    True
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, dict[str, Any]]:
        """Every exercise's record (empty if nothing was saved yet)."""
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise TieringError(
                f"{self.path}：进度文件坏了，无法读取。请把它改名后重新运行本单元格（之前的进度会从零开始记录）。"
            ) from None
        return data.get("exercises", {})

    def get(self, exercise_id: str) -> dict[str, Any] | None:
        """The record of one exercise, or None."""
        return self.load().get(exercise_id)

    def _update(self, exercise_id: str, change) -> dict[str, Any]:
        records = self.load()
        record = records.setdefault(
            exercise_id, {"tries": 0, "correct": False, "shown": False, "answer": None, "guess": None}
        )
        change(record)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        text = json.dumps({"version": 1, "exercises": records}, ensure_ascii=False, indent=1, sort_keys=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.path)
        return dict(record)

    def record_try(self, exercise_id: str, answer: str, correct: bool) -> dict[str, Any]:
        """Save one checked answer."""

        def change(r: dict) -> None:
            r["tries"] += 1
            r["answer"] = answer
            r["correct"] = bool(r["correct"] or correct)

        return self._update(exercise_id, change)

    def record_guess(self, exercise_id: str, guess: str, correct: bool) -> dict[str, Any]:
        """Save the guess of a 先猜再运行 question (the first guess is kept)."""

        def change(r: dict) -> None:
            r["tries"] += 1
            if r["guess"] is None:
                r["guess"] = guess
            r["answer"] = guess
            r["correct"] = bool(r["correct"] or correct)

        return self._update(exercise_id, change)

    def record_shown(self, exercise_id: str) -> dict[str, Any]:
        """Save that the answer was shown."""
        return self._update(exercise_id, lambda r: r.update(shown=True))


def progress_store(folder: str | Path | None = None) -> ProgressStore:
    """The progress of the learner working in ``folder`` (the workspace by default)."""
    base = Path(folder) if folder is not None else workspace_dir()
    return ProgressStore(base / _STATE_DIR / _FILE)


def mark(record: dict[str, Any] | None) -> str:
    """One exercise's mark in the progress table (see :data:`MARKS`).

    Examples
    --------
    >>> mark(None), mark({"tries": 1, "correct": True, "shown": False}), mark({"tries": 1, "guess": "B"})
    ('○', '✓', '△')
    """
    if not record or not (record.get("tries") or record.get("shown")):
        return MARKS["todo"]
    if record.get("shown"):
        return MARKS["shown"]
    if record.get("correct"):
        return MARKS["correct"]
    return MARKS["guessed"] if record.get("guess") is not None else MARKS["tried"]
