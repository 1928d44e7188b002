"""Driving the workshop server from a test: install it as ``make`` does, create accounts, start, log in, stop.

Everything goes through the project's own commands (``make workshop-install``, ``python -m tiering_lib
workshop …``) with the workshop environment's Python, on 127.0.0.1 only.  Test accounts are named
``wst01`` … (trainer ``wsttrainer``) and are removed by :meth:`Workshop.remove`.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers import ROOT
from helpers.lab import free_port

PREFIX = "wst"
TRAINER = "wsttrainer"
SLIPS = "登录条.html"


_PROJECT: list[Path] = []


def project() -> Path:
    """The project folder the workshop runs from: this checkout when every account can read it (the learners'
    servers run from it), else a copy under /tmp (a checkout under /root, say)."""
    if not _PROJECT:
        from tiering_lib.workshop.server import readable_by_everyone

        root = ROOT
        if readable_by_everyone(ROOT / "Makefile"):
            import shutil
            import tempfile

            root = Path(tempfile.mkdtemp(prefix="workshop-project-")) / "project"
            shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".git", ".venv", ".venv-workshop", "node_modules", "build"))
            os.chmod(root.parent, 0o755)
        _PROJECT.append(root)
    return _PROJECT[0]


def python() -> Path:
    return project() / ".venv-workshop" / "bin" / "python"


def proxy() -> Path:
    return project() / "workshop" / "node_modules" / ".bin" / "configurable-http-proxy"


def install() -> None:
    """``make workshop-install``: the workshop environment and the proxy from the npm registry (once)."""
    subprocess.run(["make", "--no-print-directory", "workshop-install"], cwd=project(), check=True,
                   capture_output=True, timeout=900)


def workshop(*args: str, user: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m tiering_lib workshop ARGS`` (as ``user`` if given) and return the finished process."""
    command = [str(python()), "-m", "tiering_lib", "workshop", *args]
    if user:
        command = ["runuser", "-u", user, "--", *command]
    return subprocess.run(command, cwd=project(), capture_output=True, text=True, timeout=timeout)


def passwords(slips: Path) -> dict[str, str]:
    """Account → password, read off the printed slips page."""
    text = slips.read_text(encoding="utf-8")
    return dict(re.findall(r"账户：<code>(\w+)</code><br>\s*密码：<code>([\w-]+)</code>", text))


@dataclass
class Workshop:
    """A workshop server started by ``workshop start`` in its own process group (so Ctrl+C can be sent)."""

    state: Path
    port: int
    proc: subprocess.Popen | None = None
    output: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180) -> str:
        """Start it and wait for the banner; return what it printed."""
        self.output = []
        self.proc = subprocess.Popen(
            [str(python()), "-m", "tiering_lib", "workshop", "start", "--port", str(self.port),
             "--state", str(self.state), "--proxy", str(proxy())],
            cwd=project(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            start_new_session=True,
        )
        deadline = time.time() + timeout
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.output.append(line)
            if "停止：按 Ctrl+C" in line:
                threading.Thread(target=lambda: self.output.extend(self.proc.stdout), daemon=True).start()
                return "".join(self.output)
        self.proc.kill()
        raise RuntimeError("the workshop did not start:\n" + "".join(self.output[-40:]))

    def ctrl_c(self, timeout: float = 120) -> int:
        """What Ctrl+C in the trainer's terminal does: SIGINT to the whole foreground process group."""
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.proc.wait(timeout=timeout)

    def uids(self) -> set[int]:
        import pwd

        out = set()
        for name in passwords(self.state / SLIPS):
            try:
                out.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                pass
        return out

    def remove(self) -> None:
        """Stop whatever still runs, then delete the test accounts and their homes."""
        if self.proc and self.proc.poll() is None:
            self.ctrl_c()
        workshop("stop", "--state", str(self.state))
        workshop("remove-accounts", "--state", str(self.state), "--yes")


def login(page, base: str, name: str, password: str) -> None:
    """Log in through the hub's real login form."""
    page.goto(f"{base}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")


def add_cell_and_run(page, code: str) -> None:
    """In the open notebook: a new code cell below the selected one, ``code`` typed in, run with Shift+Enter."""
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    notebook.locator(".jp-Cell").first.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")


def listening_tcp_ports(uid: int) -> list[int]:
    """TCP ports on which processes of ``uid`` listen (read from /proc, as root)."""
    from tiering_lib.workshop.accounts import processes_of

    inodes = set()
    for pid in processes_of({uid}):
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            pass
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.append(int(fields[1].rsplit(":", 1)[1], 16))
    return sorted(ports)
