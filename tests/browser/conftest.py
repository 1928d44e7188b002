"""Real-browser tests: Debian's Chromium, driven by Playwright, against JupyterLab started as ``make lab`` does.

Two servers per session, each started by ``python -m tiering_lib lab`` (the command ``make lab`` runs), each
with an empty JupyterLab user-settings folder, so what the tests see comes from the settings the project
ships (Chinese interface, no news pop-up, every cell in the page):

* ``learner_lab`` — the learner edition, run from a folder whose path has Chinese characters and a space,
  with its default workspace ``我的练习``; the browser it "opens" is a recorder, so the tests can check the
  page ``make lab`` opens;
* ``lab`` — the trainer edition (``--trainer``), for the tests of the other chapters' widgets.

Under CI (``CI=true``) a missing browser or Playwright fails the run; elsewhere those tests are skipped.
Screenshots go to ``build/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from helpers.lab import start_lab

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

RECORD_BROWSER = """import sys
from pathlib import Path
Path(sys.argv[1]).write_text(sys.argv[2], encoding="utf-8")
"""


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


def _chromium() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    _missing("Chromium is not installed (Debian/Ubuntu: apt-get install chromium)")
    raise AssertionError  # unreachable


def _env(work: Path) -> dict[str, str]:
    """The test's own JupyterLab user settings (empty) and runtime folder; progress goes to the workspace."""
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(work / "user-settings"), JUPYTER_RUNTIME_DIR=str(work / "runtime"))
    env.pop("TIERING_WORKSPACE", None)  # the lab command sets it for its kernels
    return env


@pytest.fixture(scope="session")
def learner_lab(tmp_path_factory):
    """The learner edition, started like ``make lab`` from a folder named ``培训 资料``; yields a LabServer.

    ``opened_file`` (an attribute added here) holds the URL the command asked the browser to open.
    """
    _chromium()
    work = tmp_path_factory.mktemp("learner")
    folder = work / "培训 资料"
    folder.mkdir()
    recorder = work / "record_browser.py"
    recorder.write_text(RECORD_BROWSER, encoding="utf-8")
    opened = work / "opened.txt"
    env = _env(work)
    env["BROWSER"] = f'{sys.executable} "{recorder}" "{opened}" %s'
    server = start_lab(folder / "我的练习", env, cwd=folder)
    server.opened_file = opened
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """The trainer edition (``lab --trainer --no-browser``) on a temporary workspace; yields a LabServer."""
    _chromium()
    work = tmp_path_factory.mktemp("trainer")
    workspace = work / "讲师版"
    server = start_lab(workspace, _env(work), "--trainer", "--no-browser", "--workspace", str(workspace))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    chromium = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def _page(browser, base: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    # Nothing outside this machine: block every request that is not to the local server.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


@pytest.fixture
def page(browser, lab):
    context, pg = _page(browser, lab.base)
    yield pg
    context.close()


@pytest.fixture
def learner_page(browser, learner_lab):
    context, pg = _page(browser, learner_lab.base)
    yield pg
    context.close()
