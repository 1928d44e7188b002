"""Driving JupyterLab from a test: start it the way ``make lab`` does, open a notebook, run it, restart it.

Import in browser tests with ``from helpers.lab import ...``; the fixtures ``lab``, ``learner_lab``,
``browser`` and ``page`` are in ``tests/browser/conftest.py``.  JupyterLab's interface is in Chinese
(the project's own settings), so menus are found by their Chinese labels.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
_WORKSPACES = itertools.count(1)

_KERNEL_IDLE = "() => /\\| (Idle|空闲)/.test(document.querySelector('.jp-StatusBar-Widget')?.innerText || '')"
_ALL_RUN = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const prompts = [...(panel || document).querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
  const status = document.querySelector('.jp-StatusBar-Widget')?.innerText || '';
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.innerText)) && /\\| (Idle|空闲)/.test(status);
}"""


@dataclass
class LabServer:
    """A JupyterLab started by ``python -m tiering_lib lab``: its process, printed link and workspace."""

    proc: subprocess.Popen
    url: str
    base: str
    token: str
    workspace: Path
    output: str

    def stop(self) -> None:
        """Stop the command and the JupyterLab (and kernels) it started, by process group."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(workspace: Path, env: dict[str, str], *extra: str, cwd: Path | None = None, timeout: float = 120) -> LabServer:
    """Run ``python -m tiering_lib lab --port … [extra]`` in ``cwd`` and wait for the link it prints.

    ``workspace`` is where the command is expected to work: pass ``--workspace`` in ``extra`` or let it
    default to ``我的练习`` (``讲师版``) in ``cwd``.
    """
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tiering_lib", "lab", "--port", str(port), *extra],
        env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        start_new_session=True,
    )
    lines: list[str] = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.strip().startswith("http://127.0.0.1:") and "token=" in line:
            url = line.strip()
            base = url.split("/lab/", 1)[0]
            token = url.rsplit("token=", 1)[1]
            # keep draining the output so the server never blocks on a full pipe
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            return LabServer(proc, url, base, token, workspace, "".join(lines))
    proc.kill()
    raise RuntimeError("the lab command printed no link:\n" + "".join(lines))


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def open_notebook(page, lab: LabServer, name: str) -> None:
    """Open a notebook in a fresh JupyterLab workspace of its own; wait until its kernel is idle.

    A fresh workspace (``/lab/workspaces/<unique>/tree/...&reset``) keeps JupyterLab from restoring the
    tabs an earlier test opened in the same server.
    """
    workspace = f"t{next(_WORKSPACES)}"
    page.goto(f"{lab.base}/lab/workspaces/{workspace}/tree/{name}?token={lab.token}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
    page.wait_for_function(_KERNEL_IDLE, timeout=120_000)


def run_all_cells(page, timeout_ms: int = 300_000) -> None:
    """Clear every output, then 运行 → 运行所有单元格; wait until every code cell has run.

    Clearing first makes completion visible: each code cell's prompt goes from ``[ ]:`` to ``[n]:``.
    """
    _menu(page, "编辑", "清除所有单元格的输出")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')]"
        ".every(p => !/\\d/.test(p.innerText))"
    )
    _menu(page, "运行", "运行所有单元格")
    page.wait_for_function(_ALL_RUN, timeout=timeout_ms)


def restart_kernel(page) -> None:
    """内核 → 重启内核…, confirm, and wait until the new kernel is idle."""
    _menu(page, "内核", "重启内核…")
    page.locator(".jp-Dialog-button.jp-mod-accept").click()
    time.sleep(1)
    page.wait_for_function(_KERNEL_IDLE, timeout=120_000)


def wait_for_text(page, selector: str, text: str, timeout_ms: int = 60_000) -> None:
    page.wait_for_function(
        "([sel, text]) => [...document.querySelectorAll(sel)].some(e => e.innerText.includes(text))",
        arg=[selector, text],
        timeout=timeout_ms,
    )


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
