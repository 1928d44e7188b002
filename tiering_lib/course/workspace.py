"""The learner's own folder of notebooks (their workspace), filled from the course without losing work.

:func:`prepare_workspace` writes one edition (学员版 or 讲师版) of every chapter
into a folder, and keeps a small manifest (``.tiering/manifest.json``) of what it
wrote: for each chapter, the file name and the SHA-256 of the edition it copied.
Run again after the course changed, it

* adds chapters that are new;
* leaves a chapter alone when its source did not change (whatever the learner
  did to their copy);
* offers a changed chapter *beside* the learner's copy, as
  ``03_分层逻辑（更新版）.ipynb``, and never replaces the learner's file;
* writes a chapter again only if the learner deleted their copy.

No file in the workspace is ever overwritten.  Progress (``.tiering/progress.json``,
see :mod:`tiering_lib.course.progress`) lives in the same hidden folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tiering_lib.course.agenda import chapter_notebooks
from tiering_lib.course.editions import LEARNER_DIR, TRAINER_DIR, learner_edition
from tiering_lib.errors import TieringError

__all__ = [
    "STATE_DIR",
    "MANIFEST",
    "UPDATED_SUFFIX",
    "WorkspaceReport",
    "prepare_workspace",
    "notebook_text",
]

#: Hidden folder in the workspace holding the manifest and the progress file.
STATE_DIR = ".tiering"
MANIFEST = "manifest.json"
#: Inserted before ``.ipynb`` in the name of a changed chapter offered beside the learner's copy.
UPDATED_SUFFIX = "（更新版）"


@dataclass
class WorkspaceReport:
    """What :func:`prepare_workspace` did, file names relative to the workspace."""

    folder: Path
    added: list[str] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary_zh(self) -> str:
        """One Chinese paragraph for the terminal.

        Examples
        --------
        >>> WorkspaceReport(Path("我的练习"), added=["00_导读.ipynb"]).summary_zh()
        '练习文件夹：我的练习\\n新加入 1 个笔记本：00_导读.ipynb'
        """
        lines = [f"练习文件夹：{self.folder}"]
        if self.added:
            lines.append(f"新加入 {len(self.added)} 个笔记本：{'、'.join(self.added)}")
        if self.offered:
            lines.append(
                f"课程有更新的章节，放在你的笔记本旁边（你的答案没有改动）：{'、'.join(self.offered)}"
            )
        if not self.added and not self.offered:
            lines.append("笔记本都是最新的，你的练习保持原样。")
        return "\n".join(lines)


def notebook_text(notebook: dict) -> str:
    """The JSON text a notebook is written as (stable, so equal notebooks hash equal)."""
    return json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_manifest(folder: Path) -> dict:
    path = folder / STATE_DIR / MANIFEST
    if not path.is_file():
        return {"chapters": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise TieringError(
            f"{path}：练习文件夹的记录文件坏了。请把它改名或删除后重新运行（你的笔记本不会受影响）。"
        ) from None
    data.setdefault("chapters", {})
    return data


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to a file that must not exist yet (never overwrites)."""
    with open(path, "x", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _free_updated_name(folder: Path, name: str, text: str) -> str | None:
    """The name to offer an updated chapter under, or None if an identical copy is already there."""
    stem = name[: -len(".ipynb")]
    for n in range(1, 100):
        candidate = f"{stem}{UPDATED_SUFFIX}.ipynb" if n == 1 else f"{stem}{UPDATED_SUFFIX[:-1]}{n}）.ipynb"
        path = folder / candidate
        if not path.exists():
            return candidate
        if path.read_text(encoding="utf-8") == text:
            return None
    raise TieringError(f"{folder}：更新版太多了，请先整理文件夹里的“{UPDATED_SUFFIX}”笔记本。")


def _edition(path: Path, trainer: bool) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return notebook_text(notebook if trainer else learner_edition(notebook))


def prepare_workspace(folder: str | Path, *, trainer: bool = False, source_dir: str | Path | None = None) -> WorkspaceReport:
    """Create or bring up to date a workspace with one edition of every chapter.

    Parameters
    ----------
    folder : str or Path
        The workspace (created if missing).
    trainer : bool
        The trainer edition (everything) instead of the learner edition.
    source_dir : str or Path, optional
        The course's notebooks; those shipped with the library by default.

    Returns
    -------
    WorkspaceReport

    Examples
    --------
    >>> import tempfile
    >>> ws = Path(tempfile.mkdtemp()) / "我的 练习"
    >>> report = prepare_workspace(ws)
    >>> report.added[0], prepare_workspace(ws).added
    ('00_导读.ipynb', [])
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise TieringError(f"{folder}：这不是一个文件夹，请换一个练习文件夹的名字。")
    (folder / STATE_DIR).mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(folder)
    edition = TRAINER_DIR if trainer else LEARNER_DIR
    if manifest.get("edition", edition) != edition:
        raise TieringError(f"{folder}：这个文件夹里是{manifest['edition']}，请换一个文件夹存放{edition}。")
    manifest["edition"] = edition
    report = WorkspaceReport(folder)
    for source in chapter_notebooks(source_dir):
        name, text = source.name, _edition(source, trainer)
        digest, known = _sha(text), manifest["chapters"].get(source.name)
        target = folder / name
        if not target.exists():
            _write_new(target, text)
            report.added.append(name)
        elif known and known["sha256"] == digest or target.read_text(encoding="utf-8") == text:
            report.unchanged.append(name)
        else:
            offered = _free_updated_name(folder, name, text)
            if offered:
                _write_new(folder / offered, text)
                report.offered.append(offered)
        manifest["chapters"][name] = {"sha256": digest}
    _atomic_write(folder / STATE_DIR / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    return report
