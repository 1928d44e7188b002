"""Start and stop the workshop hub: checks with clear Chinese messages, then JupyterHub; nothing left behind.

:func:`check_can_start` refuses, in one Chinese sentence, what would fail later in an English log: not root,
the port taken, the proxy not installed, a Python the learners' accounts cannot run, a hub already running.
:func:`start_hub` writes the config file and starts JupyterHub; :func:`stop_hub` stops a running one by its
PID file (``make workshop-stop``); :func:`leftovers` lists any process of this workshop still alive after a
stop (a learner's server or kernel, the proxy, a service), and :func:`stop_hub` ends those too.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import time
import urllib.request
from pathlib import Path

from tiering_lib.errors import TieringError
from tiering_lib.workshop.accounts import processes_of, read_accounts
from tiering_lib.workshop.hub_config import WorkshopSettings, config_file_text, hub_config

__all__ = ["check_can_start", "port_is_free", "readable_by_everyone", "start_hub", "wait_until_ready",
           "stop_hub", "leftovers", "hub_pid"]

RUNNING = "running.json"


def port_is_free(host: str, port: int) -> bool:
    """Whether ``host:port`` can be listened on now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def readable_by_everyone(path: str | Path) -> Path | None:
    """The first folder or file on the way to ``path`` (symbolic links followed) another account cannot use.

    None when every account can reach and run ``path``.

    Examples
    --------
    >>> readable_by_everyone("/bin/sh") is None
    True
    """
    target = Path(os.path.realpath(path))
    for part in [*reversed(target.parents), target]:
        mode = part.stat().st_mode
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return part
    mode = target.stat().st_mode
    return None if mode & stat.S_IROTH and (stat.S_ISDIR(mode) or mode & stat.S_IXOTH) else target


def hub_pid(state: Path) -> int | None:
    """The PID of the hub running on ``state``, or None."""
    try:
        pid = int((state / "hub.pid").read_text().strip())
        status = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError):
        return None
    return None if status.rsplit(")", 1)[1].split()[0] in ("Z", "X") else pid  # an ended child is no hub


def check_can_start(s: WorkshopSettings) -> None:
    """Raise TieringError (Chinese) for anything that would keep the hub from serving the room."""
    if os.geteuid() != 0:
        raise TieringError(
            "工作坊服务器需要 root 权限：它要为每位学员建立 Linux 账户，并以学员的身份启动各自的 JupyterLab。"
            "请用 sudo make workshop（或以 root 身份）运行。"
        )
    running = hub_pid(s.state)
    if running:
        raise TieringError(f"工作坊已经在运行（进程 {running}）。要重新启动，请先运行 make workshop-stop。")
    if not port_is_free(s.host, s.port):
        raise TieringError(
            f"端口 {s.port}（地址 {s.host}）已被占用：请换一个端口，例如 make workshop PORT={s.port + 1}，"
            "或先关闭占用它的程序。"
        )
    if not Path(s.proxy).is_file():
        raise TieringError(
            f"没有找到 configurable-http-proxy（{s.proxy}）：请用 make workshop 启动，它会用 npm ci 安装；"
            "需要 Node.js 20 或更高版本和 npm。"
        )
    if shutil.which("node") is None:
        raise TieringError("没有找到 Node.js（node）：请安装 Node.js 20 或更高版本后再运行 make workshop。")
    for what in (s.python, _package_folder()):
        blocked = readable_by_everyone(what)
        if blocked:
            raise TieringError(
                f"学员的账户无法使用 {blocked}（只有它的所有者能进入）：工作坊的 Python 环境和项目文件夹必须"
                "所有账户都能读取。请把项目放在 /opt 或 /srv 这样的位置，用系统自带的 Python 建立环境"
                "（make workshop 用的是 WORKSHOP_PYTHON，默认 /usr/bin/python3）。"
            )


def _package_folder() -> Path:
    from importlib import resources

    return Path(str(resources.files("tiering_lib")))


def start_hub(s: WorkshopSettings, *, log: Path | None = None) -> subprocess.Popen:
    """Write ``jupyterhub_config.py`` into the state folder and start JupyterHub (check first)."""
    check_can_start(s)
    s.state.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(s.state, 0o700)
    config = s.state / "jupyterhub_config.py"
    config.write_text(config_file_text(hub_config(s)), encoding="utf-8")
    (s.state / RUNNING).write_text(json.dumps({"hub_port": s.hub_port, "url": s.public_url}), encoding="utf-8")
    out = open(log, "ab") if log else None
    try:
        return subprocess.Popen(
            [s.python, "-m", "jupyterhub", "-f", str(config)],
            cwd=s.state, stdout=out, stderr=subprocess.STDOUT if out else None,
            # Ctrl+C stops the hub even when this was started with SIGINT ignored (nohup, a background job):
            # the hub and the services it starts must be able to receive it
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    finally:
        if out:
            out.close()


def wait_until_ready(s: WorkshopSettings, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the hub answers through the proxy at its public address."""
    host = "127.0.0.1" if s.host in ("0.0.0.0", "") else ("[::1]" if s.host == "::" else s.host)
    url = f"http://{host}:{s.port}/hub/api/"
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=3)
            return
        except OSError:
            if proc.poll() is not None:
                raise TieringError("JupyterHub 没能启动，请看上面的英文日志。") from None
            if time.time() > deadline:
                raise TieringError(f"JupyterHub {timeout:.0f} 秒内没有启动完成，请看上面的日志。") from None
            time.sleep(0.3)


def _environ(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return b""


def leftovers(state: Path) -> list[int]:
    """Processes of the workshop on ``state`` still running: its accounts', its proxy, its services."""
    uids = set()
    for account in read_accounts(state):
        try:
            uids.add(pwd.getpwnam(account["name"]).pw_uid)
        except KeyError:
            pass
    found = set(processes_of(uids))
    try:
        hub_port = json.loads((state / RUNNING).read_text(encoding="utf-8"))["hub_port"]
    except (OSError, ValueError, KeyError):
        hub_port = None
    if hub_port:
        marker = f"127.0.0.1:{hub_port}/hub/api".encode()
        found |= {int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and marker in _environ(int(p.name))}
    try:
        proxy = int((state / "proxy.pid").read_text().strip())
        os.kill(proxy, 0)
        found.add(proxy)
    except (OSError, ValueError):
        pass
    found.discard(os.getpid())
    return sorted(found)


def _signal_all(pids: list[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def stop_hub(state: Path, timeout: float = 90) -> tuple[bool, int]:
    """Stop the hub on ``state`` (it stops every server and the proxy), then anything it left behind.

    Returns whether a hub was running, and how many leftover processes had to be ended.
    """
    pid = hub_pid(state)
    if pid:
        os.kill(pid, signal.SIGTERM)
        deadline = time.time() + timeout
        while hub_pid(state) == pid and time.time() < deadline:
            time.sleep(0.2)
        if hub_pid(state) == pid:
            os.kill(pid, signal.SIGKILL)
    deadline = time.time() + 5  # kernels notice their server is gone and end by themselves within a moment
    while leftovers(state) and time.time() < deadline:
        time.sleep(0.2)
    ended = leftovers(state)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        _signal_all(leftovers(state), sig)
        deadline = time.time() + 10
        while leftovers(state) and time.time() < deadline:
            time.sleep(0.2)
    return pid is not None, len(ended)
