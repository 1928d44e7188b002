"""Build the two editions of the workbook from the one source in ``notebooks/``.

* 学员版 (learner edition): cells tagged ``trainer-note`` are removed; cells
  tagged ``solution`` keep their place but lose their content (code cells get
  a placeholder ``answer = None``-style line, Markdown cells a pointer to the
  trainer edition) and their outputs; outputs of cells tagged ``self-check``
  are cleared, since they showed the verdict on the model answer, and so is
  any other stored verdict (a feedback box).  Stored widget views are dropped
  everywhere, so every widget cell shows its static picture.
* 讲师版 (trainer edition): everything, unchanged.

The learner's own copy (``make lab``) is made from the learner edition by
:mod:`tiering_lib.course.workspace`.

Only the standard library is used (notebooks are JSON), so this runs anywhere.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

from tiering_lib.errors import TieringError

__all__ = ["learner_edition", "build_editions", "strip_widget_views", "LEARNER_DIR", "TRAINER_DIR", "WIDGET_VIEW"]

LEARNER_DIR = "学员版"
TRAINER_DIR = "讲师版"
SOLUTION_PLACEHOLDER_MD = "*（参考答案见讲师版。）*"
#: The output type of a live widget: meaningless once the kernel is gone.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Markers of a stored verdict on an answer (a feedback box of a self-check or quiz).
_VERDICT_MARKERS = ("tl-feedback", "tl-exercise-feedback", "ccpr-feedback", "正确！", "正确！")


def strip_widget_views(cell: dict) -> None:
    """Drop live-widget views from a code cell's outputs, keeping the static picture beside them."""
    kept = []
    for out in cell.get("outputs", []):
        data = out.get("data")
        if data and WIDGET_VIEW in data:
            data.pop(WIDGET_VIEW)
            if not data:
                continue
        kept.append(out)
    if "outputs" in cell:
        cell["outputs"] = kept


def _shows_verdict(output: dict) -> bool:
    text = json.dumps(output.get("data", output.get("text", "")), ensure_ascii=False)
    return any(marker in text for marker in _VERDICT_MARKERS)


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _placeholder_code(source: str) -> str:
    """Keep each ``name = ...`` assignment target of the solution, with ``None`` as the value."""
    names = []
    for line in source.splitlines():
        head = line.split("=", 1)[0].strip()
        if "=" in line and head.isidentifier() and not line.startswith((" ", "\t")) and head not in names:
            names.append(head)
    lines = ["# 在这里写出你的答案，然后运行本单元格和下面的自检单元格"]
    lines += [f"{n} = None" for n in names] or ["answer = None"]
    return "\n".join(lines)


def learner_edition(notebook: dict) -> dict:
    """The learner edition of one notebook (a new dict; the input is not changed).

    Examples
    --------
    >>> nb = {"cells": [
    ...   {"cell_type": "markdown", "metadata": {"tags": ["trainer-note"]}, "source": "讲师提示"},
    ...   {"cell_type": "code", "metadata": {"tags": ["solution"]}, "source": "answer = 42",
    ...    "outputs": [], "execution_count": 1}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    >>> out = learner_edition(nb)
    >>> len(out["cells"]), out["cells"][0]["source"].splitlines()[-1]
    (1, 'answer = None')
    """
    nb = copy.deepcopy(notebook)
    cells = []
    for cell in nb["cells"]:
        tags = _tags(cell)
        if "trainer-note" in tags:
            continue
        if "solution" in tags:
            source = "".join(cell.get("source", ""))
            if cell["cell_type"] == "code":
                cell["source"] = _placeholder_code(source)
                cell["outputs"] = []
                cell["execution_count"] = None
            else:
                cell["source"] = SOLUTION_PLACEHOLDER_MD
        if cell["cell_type"] == "code":
            strip_widget_views(cell)
            if "self-check" in tags or any(_shows_verdict(o) for o in cell.get("outputs", [])):
                cell["outputs"] = []
                cell["execution_count"] = None
        cells.append(cell)
    nb["cells"] = cells
    return nb


def _clear_previous_build(target: Path) -> None:
    """Empty a previous build of an edition; refuse a folder that holds anything but notebooks."""
    if target.exists():
        strangers = [p.name for p in target.iterdir() if p.suffix != ".ipynb" and p.name != ".ipynb_checkpoints"]
        if not target.is_dir() or strangers:
            raise TieringError(
                f"{target}：这个文件夹里有笔记本以外的文件（{'、'.join(strangers[:3]) or target.name}），"
                "不像是上次生成的版本，为免误删，没有改动它；请换一个输出文件夹"
            )
        shutil.rmtree(target)
    target.mkdir(parents=True)


def build_editions(source_dir: str | Path, out_dir: str | Path) -> dict[str, list[Path]]:
    """Write both editions of every notebook in ``source_dir`` below ``out_dir``.

    Returns
    -------
    dict
        ``{"学员版": [paths...], "讲师版": [paths...]}``.

    Raises
    ------
    TieringError
        If ``source_dir`` holds no notebook, or an edition folder below
        ``out_dir`` holds anything but notebooks (it is then left untouched).
    """
    source_dir, out_dir = Path(source_dir), Path(out_dir)
    sources = sorted(source_dir.glob("*.ipynb")) if source_dir.is_dir() else []
    if not sources:
        raise TieringError(f"{source_dir}：这里没有笔记本（.ipynb）；请给出课程笔记本所在的文件夹，如 notebooks")
    written: dict[str, list[Path]] = {LEARNER_DIR: [], TRAINER_DIR: []}
    for edition in written:
        _clear_previous_build(out_dir / edition)
    for path in sources:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for edition, content in ((TRAINER_DIR, nb), (LEARNER_DIR, learner_edition(nb))):
            dest = out_dir / edition / path.name
            dest.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written[edition].append(dest)
    return written
