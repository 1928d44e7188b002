"""Driving JupyterLab from a test: open a notebook, run every cell through the UI, take a screenshot.

Import in browser tests with ``from helpers.lab import open_notebook, run_all_cells, screenshot``;
the fixtures ``lab``, ``browser`` and ``page`` are in
``tests/browser/conftest.py``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
_WORKSPACES = itertools.count(1)


_KERNEL_IDLE = "() => /\\| Idle/.test(document.querySelector('.jp-StatusBar-Widget')?.innerText || '')"
_ALL_RUN = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')];
  const status = document.querySelector('.jp-StatusBar-Widget')?.innerText || '';
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.innerText)) && /\\| Idle/.test(status);
}"""


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def open_notebook(page, lab, name: str) -> None:
    """Open a notebook in a fresh workspace of its own and wait until its kernel is connected and idle.

    A fresh workspace (``/lab/workspaces/<unique>/tree/...&reset``) keeps JupyterLab from restoring the
    tabs an earlier test opened in the same server.
    """
    base, token, _ = lab
    workspace = f"t{next(_WORKSPACES)}"
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
    page.wait_for_function(_KERNEL_IDLE, timeout=120_000)


def run_all_cells(page, timeout_ms: int = 300_000) -> None:
    """Clear every output, then Run → Run All Cells through the menu; wait until every code cell has run.

    Clearing first makes completion visible: each code cell's prompt goes from ``[ ]:`` to ``[n]:``.
    """
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]"
        ".every(p => !/\\d/.test(p.innerText))"
    )
    _menu(page, "Run", "Run All Cells")
    page.wait_for_function(_ALL_RUN, timeout=timeout_ms)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
