"""Slide types (``metadata.slideshow.slide_type``) assigned from a notebook's structure.

The rules follow the notebook conventions (``notebooks/README.md``), so a chapter rewritten by a
maintainer gets sensible slides by running ``make slide-types`` again:

* the title cell, every ``#``/``##`` section, every exercise heading (``### 练习 …``) and ``## 要点`` start
  a **slide**; any other ``###`` heading starts a **subslide**;
* the setup cell (the first code cell, ``import tiering_lib as tl``) is **skip**, and so are model answers
  (``solution``), self-checks (``self-check``), the optional 进阶 route (``advanced`` and the Markdown cell that
  introduces it): they are not for the projector;
* trainer notes (``trainer-note``) are speaker **notes**;
* a cell with output after another cell with output starts a **subslide** (one chart or table per screen), and
  so does Markdown that follows a cell with output (the text introducing the next chart);
* anything else continues the current slide (``-``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ADVANCED_INTRO = "**进阶"
_EXERCISE = re.compile(r"^###\s*练习")
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")


def _source(cell: dict) -> str:
    return "".join(cell.get("source", "")).lstrip()


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _is_setup(cell: dict) -> bool:
    return cell["cell_type"] == "code" and _source(cell).startswith("import tiering_lib")


def _shows_output(cell: dict) -> bool:
    return cell["cell_type"] == "code" and bool(cell.get("outputs"))


def _fixed_type(cell: dict, index: int, first_code: int | None) -> str | None:
    """The type a cell has whatever comes before it, or None."""
    tags, text = _tags(cell), _source(cell)
    if "trainer-note" in tags:
        return "notes"
    if tags & {"solution", "self-check", "advanced"} or text.startswith(ADVANCED_INTRO):
        return "skip"
    if index == first_code and _is_setup(cell):
        return "skip"
    if cell["cell_type"] == "markdown":
        if index == 0 or re.match(r"^#{1,2}\s", text) or _EXERCISE.match(text):
            return "slide"
        if text.startswith("### "):
            return "subslide"
    return None


def assign_slide_types(notebook: dict) -> list[str]:
    """The slide type of every cell of ``notebook``, in order.

    Examples
    --------
    >>> md = lambda s, *tags: {"cell_type": "markdown", "source": s, "metadata": {"tags": list(tags)}}
    >>> code = lambda s, outputs=(): {"cell_type": "code", "source": s, "metadata": {}, "outputs": list(outputs)}
    >>> nb = {"cells": [md("# 03 标题"), code("import tiering_lib as tl"), md("## 1. 方案"),
    ...   code("t", [{}]), code("u", [{}]), md("说明"), code("v", [{}]), md("### 练习 03.1"),
    ...   code('tl.exercise("03.1")', [{}]), md("> **讲师提示**", "trainer-note"), md("## 要点")]}
    >>> assign_slide_types(nb)
    ['slide', 'skip', 'slide', '-', 'subslide', 'subslide', '-', 'slide', '-', 'notes', 'slide']
    """
    cells = notebook["cells"]
    first_code = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), None)
    types: list[str] = []
    previous_output = False  # the last cell on screen showed an output
    for index, cell in enumerate(cells):
        kind = _fixed_type(cell, index, first_code)
        if kind is None:
            starts_screen = previous_output and (_shows_output(cell) or cell["cell_type"] == "markdown")
            kind = "subslide" if starts_screen else "-"
        if kind not in ("skip", "notes"):
            previous_output = _shows_output(cell)
        types.append(kind)
    return types


def stored_slide_types(notebook: dict) -> list[str | None]:
    """The slide type stored in every cell's metadata (None where there is none)."""
    return [c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in notebook["cells"]]


def update_notebooks(paths: list[Path], write: bool = True) -> list[Path]:
    """Assign slide types to every cell of the notebooks at ``paths``; return those that were out of date.

    Only ``metadata.slideshow`` changes; the file keeps nbformat's layout (one-space indent, non-ASCII kept).
    With ``write=False`` nothing is written (``--check``).
    """
    stale = []
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        wanted = assign_slide_types(notebook)
        if stored_slide_types(notebook) == wanted:
            continue
        stale.append(path)
        if write:
            for cell, kind in zip(notebook["cells"], wanted):
                cell.setdefault("metadata", {})["slideshow"] = {"slide_type": kind}
            text = json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            path.write_text(text, encoding="utf-8")
    return stale
