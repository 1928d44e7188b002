"""Execute notebooks top to bottom in a fresh kernel and store their outputs (``make notebooks``).

nbclient records the state of every widget while it runs (with ``store_widget_state=False`` it
crashes on Output widgets, nbclient issue #24); that state is removed before saving, and so is every
live widget view (``application/vnd.jupyter.widget-view+json``), so a stored widget cell keeps the
static picture of its default state that the library's widgets put beside the view.  Execution timing
metadata is dropped so that a re-run changes nothing that did not really change.

The kernel saves self-check results in an empty temporary workspace (``TIERING_WORKSPACE``), so
stored outputs never depend on anyone's progress.

Usage: python tools/execute_notebooks.py NOTEBOOK [NOTEBOOK ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tiering_lib.course.editions import strip_widget_views
from tiering_lib.course.progress import WORKSPACE_ENV


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="tiering-progress-") as workspace:
        os.environ[WORKSPACE_ENV] = workspace  # the kernel inherits it
        client = NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            strip_widget_views(cell)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for name in argv:
        path = Path(name)
        print(f"executing {path} ...", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
