"""Start JupyterLab for the course: Chinese menus, the learner's own workspace, straight to 00_导读.

``python -m tiering_lib lab`` (and ``make lab``) calls :func:`plan_lab` then
:func:`run_lab`.  Everything JupyterLab is told lives in two files shipped with
the library, in ``tiering_lib/course/lab_settings/``:

* ``overrides.json`` — JupyterLab's default settings (``LabApp.app_settings_dir``
  points at this folder): the interface in Simplified Chinese
  (``jupyterlab-language-pack-zh-cn``), no news or update pop-up, every cell
  kept in the page, autosave every minute;
* ``jupyter_server_config.json`` — the server (passed with ``--config``): only
  127.0.0.1, websocket messages up to 100 MB (tornado's default of 10 MB
  silently drops a larger file chosen in notebook 09's upload button), and a
  kernel idle for 30 minutes is shut down
  (``MappingKernelManager.cull_idle_timeout``; its notebook and saved progress
  stay), which frees the memory of chapters the learner has left: on a laptop,
  and on the workshop server, where each learner's JupyterLab gets the same
  settings (:mod:`tiering_lib.workshop`) and a room of 30 that kept every
  chapter's kernel would need more memory than the machine has.

The server gets a random token through the ``JUPYTER_TOKEN`` environment
variable (so it does not show in the process list), and the kernels get the
workspace in ``TIERING_WORKSPACE`` (where :mod:`tiering_lib.course.progress`
saves the learner's results).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import webbrowser
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

from tiering_lib.course.progress import WORKSPACE_ENV
from tiering_lib.course.workspace import STATE_DIR, WorkspaceReport, prepare_workspace
from tiering_lib.errors import TieringError

__all__ = [
    "LEARNER_WORKSPACE",
    "TRAINER_WORKSPACE",
    "FIRST_NOTEBOOK",
    "LabPlan",
    "lab_settings_dir",
    "plan_lab",
    "run_lab",
    "server_arguments",
    "server_environment",
]

#: Default workspaces, relative to the folder the command is run from (git-ignored).
LEARNER_WORKSPACE = "我的练习"
TRAINER_WORKSPACE = "讲师版"
#: The page the browser opens.
FIRST_NOTEBOOK = "00_导读.ipynb"
DEFAULT_PORT = 8888


def lab_settings_dir() -> Path:
    """The folder with ``overrides.json`` and ``jupyter_server_config.json``.

    Examples
    --------
    >>> sorted(p.name for p in lab_settings_dir().iterdir() if p.suffix == ".json")
    ['jupyter_server_config.json', 'overrides.json']
    """
    return Path(str(resources.files("tiering_lib.course").joinpath("lab_settings")))


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def choose_port(preferred: int | None = None) -> int:
    """``preferred`` (refused if taken), else 8888 or the next free port after it."""
    if preferred is not None:
        if not _port_is_free(preferred):
            raise TieringError(f"端口 {preferred} 已被占用：请换一个端口（--port），或先关闭正在运行的 JupyterLab。")
        return preferred
    for port in range(DEFAULT_PORT, DEFAULT_PORT + 50):
        if _port_is_free(port):
            return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class LabPlan:
    """How JupyterLab is started: the command, its environment and the page to open."""

    argv: list[str]
    env: dict[str, str]
    url: str
    base_url: str
    token: str
    workspace: Path
    trainer: bool
    open_browser: bool
    report: WorkspaceReport


def plan_lab(
    workspace: str | Path | None = None,
    *,
    trainer: bool = False,
    port: int | None = None,
    open_browser: bool = True,
    source_dir: str | Path | None = None,
) -> LabPlan:
    """Prepare the workspace and the JupyterLab command (nothing is started).

    Parameters
    ----------
    workspace : str or Path, optional
        ``我的练习`` (learner) or ``讲师版`` (trainer) in the current folder by default.
    trainer : bool
        Serve the trainer edition.
    port : int, optional
        8888, or the next free port, by default.
    open_browser : bool
        Open the first notebook in the default browser once the server is up.
    source_dir : str or Path, optional
        The course's notebooks (those shipped with the library by default).
    """
    folder = Path(workspace or (TRAINER_WORKSPACE if trainer else LEARNER_WORKSPACE)).resolve()
    report = prepare_workspace(folder, trainer=trainer, source_dir=source_dir)
    port = choose_port(port)
    token = secrets.token_hex(24)
    argv = [
        sys.executable, "-m", "jupyterlab",
        *server_arguments(folder),
        f"--ServerApp.port={port}",
        "--ServerApp.open_browser=False",
        "--ServerApp.answer_yes=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # JupyterLab refuses root otherwise; learners are not root, CI is
    env = dict(os.environ)
    env.update({"JUPYTER_TOKEN": token, **server_environment(folder)})
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/lab/tree/{urllib.parse.quote(FIRST_NOTEBOOK)}?token={token}"
    return LabPlan(argv, env, url, base, token, folder, trainer, open_browser, report)


def server_arguments(folder: Path) -> list[str]:
    """The command-line options every course JupyterLab gets: the shipped settings, the workspace, 00_导读.

    ``make lab`` and each learner's server on the workshop hub (:mod:`tiering_lib.workshop`) use these.

    Examples
    --------
    >>> [a.split("=")[0] for a in server_arguments(Path("我的练习"))]
    ['--config', '--LabApp.app_settings_dir', '--ServerApp.root_dir', '--LabApp.default_url']
    """
    settings = lab_settings_dir()
    return [
        f"--config={settings / 'jupyter_server_config'}",  # traitlets adds .py / .json
        f"--LabApp.app_settings_dir={settings}",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}",
    ]


def server_environment(folder: Path) -> dict[str, str]:
    """The environment variables of a course JupyterLab on ``folder`` (the workspace its kernels save to)."""
    return {
        WORKSPACE_ENV: str(folder),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / STATE_DIR / "lab-workspaces"),
        "PYTHONIOENCODING": "utf-8",
    }


def _wait_until_ready(plan: LabPlan, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{plan.base_url}/api/status?token={plan.token}", timeout=2)
            return
        except OSError:
            if proc.poll() is not None:
                raise TieringError("JupyterLab 没能启动，请看上面的英文日志；常见原因是端口被占用（换一个 --port）。") from None
            if time.time() > deadline:
                raise TieringError(f"JupyterLab {timeout:.0f} 秒内没有启动完成，请关闭本窗口后重试。") from None
            time.sleep(0.3)


def banner(plan: LabPlan) -> str:
    """What the terminal shows once JupyterLab is up (Chinese, with the link to 00_导读)."""
    edition = "讲师版（含参考答案和讲师提示）" if plan.trainer else "学员版"
    return "\n".join([
        f"客户分层工作手册：JupyterLab 已启动，打开的是{edition}。",
        plan.report.summary_zh(),
        "请在浏览器中打开下面的链接（浏览器没有自动打开时，复制整行粘贴到地址栏）：",
        f"    {plan.url}",
        "用完后回到这个窗口，按 Ctrl+C 关闭。你的练习和进度都保存在练习文件夹里。",
    ])


def run_lab(plan: LabPlan, stdout: TextIO | None = None) -> int:
    """Start JupyterLab as planned, print the link, open the browser; return when it stops."""
    stdout = stdout or sys.stdout
    proc = subprocess.Popen(plan.argv, env=plan.env, cwd=plan.workspace)
    if threading.current_thread() is threading.main_thread():  # stopped by its PID: stop JupyterLab too
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        _wait_until_ready(plan, proc)
        print(banner(plan), file=stdout, flush=True)
        if plan.open_browser:
            webbrowser.open(plan.url)
        return proc.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
