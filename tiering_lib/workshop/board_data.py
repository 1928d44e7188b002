"""What the progress board shows: every learner's saved progress, chapter by chapter.

Each learner's results are in ``~/我的练习/.tiering/progress.json`` (:mod:`tiering_lib.course.progress`),
in a home folder only that learner can read.  The board runs as root, so it reads each file *as that
learner* (:func:`read_as`: effective user and group switched for the read), which keeps a learner from
making the board read anything of someone else's through a symbolic link; only regular files up to 1 MB
are read, and a file that cannot be read or parsed shows as "无法读取" instead of failing the board.
"""

from __future__ import annotations

import json
import os
import pwd
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tiering_lib.course.lab import LEARNER_WORKSPACE
from tiering_lib.course.progress_view import chapter_progress
from tiering_lib.course.workspace import STATE_DIR
from tiering_lib.workshop.accounts import display_name

__all__ = ["MAX_BYTES", "progress_path", "read_as", "learner_rows"]

MAX_BYTES = 1_000_000


def progress_path(home: str | Path) -> Path:
    """Where a learner's progress is saved, given their home folder.

    Examples
    --------
    >>> progress_path("/home/learner01").as_posix()
    '/home/learner01/我的练习/.tiering/progress.json'
    """
    return Path(home) / LEARNER_WORKSPACE / STATE_DIR / "progress.json"


@contextmanager
def _as_user(uid: int, gid: int) -> Iterator[None]:
    if os.geteuid() != 0 or uid == 0:
        yield
        return
    os.setegid(gid)
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def read_as(path: Path, uid: int, gid: int) -> str | None:
    """The text of a regular file of at most :data:`MAX_BYTES`, read with ``uid``'s rights; None if absent."""
    with _as_user(uid, gid):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        except FileNotFoundError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                raise ValueError("not a small regular file")
            return os.read(fd, MAX_BYTES + 1).decode("utf-8")
        finally:
            os.close(fd)


def _records(name: str) -> tuple[dict[str, Any], str | None]:
    try:
        entry = pwd.getpwnam(name)
        text = read_as(progress_path(entry.pw_dir), entry.pw_uid, entry.pw_gid)
        if text is None:
            return {}, None
        records = json.loads(text).get("exercises", {})
        if not isinstance(records, dict):
            raise ValueError("exercises is not a mapping")
        return {k: v for k, v in records.items() if isinstance(v, dict)}, None
    except (KeyError, OSError, ValueError, AttributeError):
        return {}, "无法读取"


def learner_rows(names: list[str]) -> list[dict[str, Any]]:
    """One row per learner: account, display name, problem (or None), and :func:`chapter_progress`.

    Examples
    --------
    >>> (row,) = learner_rows(["no-such-account-here"])
    >>> row["name"], row["problem"], len(row["chapters"]) > 0
    ('no-such-account-here', '无法读取', True)
    """
    rows = []
    for name in sorted(names):
        records, problem = _records(name)
        chapters = chapter_progress(records)
        rows.append({
            "name": name,
            "display": display_name(name),
            "problem": problem,
            "chapters": chapters,
            "done": sum(c["done"] for c in chapters),
            "correct": sum(c["correct"] for c in chapters),
            "shown": sum(c["shown"] for c in chapters),
        })
    return rows
