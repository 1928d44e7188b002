"""Every notebook's cells carry the slide type the maintainer tool assigns from the notebook's structure."""

from __future__ import annotations

import doctest
import json

import pytest
from helpers import ROOT
from helpers.handouts import TOOLS  # noqa: F401  (puts tools/ on sys.path)

from handouts import slide_types
from handouts.slide_types import SLIDE_TYPES, assign_slide_types, stored_slide_types, update_notebooks

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_slide_types_are_what_the_tool_assigns(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert stored_slide_types(notebook) == assign_slide_types(notebook), (
        f"{path.name}: slide types are out of date; run make slide-types"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_rules_give_each_chapter_a_usable_deck(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    types = assign_slide_types(notebook)
    assert set(types) <= set(SLIDE_TYPES)
    assert types[0] == "slide"  # the title
    for cell, kind in zip(notebook["cells"], types):
        tags = set(cell["metadata"].get("tags", []))
        text = "".join(cell["source"])
        if "trainer-note" in tags:
            assert kind == "notes"
        elif tags & {"solution", "self-check"}:
            assert kind == "skip"  # never a model answer on the projector
        elif text.startswith("## 要点") or text.startswith("### 练习"):
            assert kind == "slide"
    assert types.count("slide") >= 3


def test_the_tool_rewrites_only_slide_metadata_and_is_idempotent(tmp_path):
    source = ROOT / "notebooks" / "03_分层逻辑.ipynb"
    copy = tmp_path / source.name
    notebook = json.loads(source.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell["metadata"].pop("slideshow", None)
    copy.write_text(json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert update_notebooks([copy], write=False) == [copy]  # --check reports it, writes nothing
    assert "slideshow" not in copy.read_text(encoding="utf-8")
    assert update_notebooks([copy]) == [copy]
    assert copy.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert update_notebooks([copy]) == []


def test_docstring_examples():
    assert doctest.testmod(slide_types).failed == 0
