"""Building the slides and handouts once per test session (``tools/handouts``), and serving a folder locally.

The build goes to ``build/handouts`` and ``build/slides``, as ``make handouts`` / ``make slides`` do, so the
first-page PNGs (``build/handouts/预览/``) and the browser tests' screenshots stay to be looked at.
Under CI (``CI=true``) a missing Chromium, Playwright or ``npm ci`` fails the tests; elsewhere they are skipped.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from helpers import ROOT

TOOLS = ROOT / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))


def require_build_tools() -> None:
    """Skip (or, under CI, fail) when the browser or the npm assets are missing."""
    from handouts import NODE_MODULES

    missing = []
    if not Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists():
        missing.append("Chromium (apt-get install chromium)")
    if not (NODE_MODULES / "reveal.js").is_dir() or not (NODE_MODULES / "mermaid").is_dir():
        missing.append("the npm assets (make slides, or npm ci in tools/handouts)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("playwright")
    if missing:
        reason = "cannot build slides and handouts: missing " + ", ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def build(what: str) -> Path:
    """Run ``python -m handouts WHAT`` (the command ``make slides`` / ``make handouts`` runs) into build/WHAT.

    In a process of its own: the build drives Chromium through Playwright's sync API, which cannot start
    inside a test session that already has a browser open.
    """
    require_build_tools()
    out = ROOT / "build" / what
    env = dict(os.environ, PYTHONPATH=str(TOOLS))
    run = subprocess.run(
        [sys.executable, "-m", "handouts", what, "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, f"make {what} failed:\n{run.stdout}\n{run.stderr}"
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no request log in the test output
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
