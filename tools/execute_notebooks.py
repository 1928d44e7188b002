"""Execute notebooks top to bottom in a fresh kernel and store their outputs (``make notebooks``).

nbclient records the state of every widget while it runs (with ``store_widget_state=False`` it
crashes on Output widgets, nbclient issue #24); that state is removed before saving, so committed
notebooks hold outputs but no widget state, and execution timing metadata is dropped so that a
re-run changes nothing that did not really change.

Usage: python tools/execute_notebooks.py NOTEBOOK [NOTEBOOK ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
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
