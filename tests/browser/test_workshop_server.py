"""A room of two on loopback, in a real Chromium, against the workshop server started as ``make workshop`` does.

The trainer creates two learner accounts and prints the slips; learner 1 logs in through the hub's login
form, lands in their own learner-edition workspace in Chinese and answers one exercise; learner 2 cannot
open learner 1's files, neither by URL nor by a shell command in a notebook cell; the trainer's board shows
learner 1's answer and refuses learner 2; a wrong password is refused; Ctrl+C stops everything, and after a
restart learner 1's work is still there.  Needs root (Linux accounts) and npm (the proxy); ``.ci/run`` has both.
"""

from __future__ import annotations

import json
import os
import pwd
import urllib.parse
from pathlib import Path

import pytest
from helpers.lab import run_all_cells, screenshot, wait_for_text
from helpers.workshop import (PREFIX, SLIPS, TRAINER, Workshop, add_cell_and_run, install, listening_tcp_ports, login,
                              passwords, workshop)

from tiering_lib.course.agenda import chapter_notebooks
from tiering_lib.course.exercises import get_exercise
from tiering_lib.workshop.server import leftovers

pytestmark = pytest.mark.browser

L1, L2 = f"{PREFIX}01", f"{PREFIX}02"
FIRST = "00_导读.ipynb"
UPLOAD = "网点导出.csv"
KERNEL_IDLE = "() => /\\| (Idle|空闲)/.test(document.querySelector('.jp-StatusBar-Widget')?.innerText || '')"
MENUS = ["文件", "编辑", "查看", "运行", "内核", "设置", "帮助"]


def _need_root():
    if os.geteuid() != 0:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the workshop tests need root under CI")
        pytest.skip("the workshop server needs root (Linux accounts, one per learner)")


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """Two learners and a trainer, accounts made by ``workshop accounts``; the server started; all removed after."""
    _need_root()
    install()
    from helpers.lab import free_port

    hub = Workshop(tmp_path_factory.mktemp("workshop") / "state", free_port())
    try:
        made = workshop("accounts", "--count", "2", "--prefix", PREFIX, "--trainer", TRAINER,
                        "--state", str(hub.state), "--address", f"{hub.base}/")
        assert made.returncode == 0, made.stdout + made.stderr
        hub.start()
        yield hub
    finally:
        hub.remove()


def _context(browser, base):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    context.set_default_timeout(120_000)
    return context


def test_accounts_are_private_linux_users_with_printable_slips(room):
    slips = room.state / SLIPS
    assert oct(slips.stat().st_mode & 0o777) == "0o600"
    text = slips.read_text(encoding="utf-8")
    assert text.count('class="slip"') == 3 and "dashed" in text and f"{room.base}/" in text
    pw = passwords(slips)
    assert set(pw) == {TRAINER, L1, L2} and len(set(pw.values())) == 3
    for name in (L1, L2, TRAINER):
        home = pwd.getpwnam(name).pw_dir
        assert oct(os.stat(home).st_mode & 0o777) == "0o700", name


def test_a_wrong_password_is_refused(room, browser):
    context = _context(browser, room.base)
    page = context.new_page()
    login(page, room.base, L1, "wrong-" + passwords(room.state / SLIPS)[L1])
    page.wait_for_selector(".login_error")
    assert "/hub/login" in page.url and "/user/" not in page.url
    screenshot(page, "workshop_wrong_password")
    context.close()


def test_learner_works_in_their_own_chinese_workspace(room, browser):
    context = _context(browser, room.base)
    page = context.new_page()
    login(page, room.base, L1, passwords(room.state / SLIPS)[L1])
    page.wait_for_url(f"**/user/{L1}/lab/tree/**", timeout=180_000)
    assert urllib.parse.unquote(page.url).split("?")[0].endswith(f"/user/{L1}/lab/tree/{FIRST}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_function(KERNEL_IDLE)
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert all(m in menus for m in MENUS), menus
    files = set(page.locator(".jp-DirListing-itemName").all_inner_texts())
    assert files == {p.name for p in chapter_notebooks()}  # the workspace, and nothing of anyone else
    assert "讲师提示" not in page.locator(".jp-NotebookPanel").first.inner_text()

    run_all_cells(page)
    screenshot(page, "workshop_learner_ran_00")
    exercise = get_exercise("00.1")
    widget = page.locator(".tl-exercise-00-1")
    widget.scroll_into_view_if_needed()
    widget.get_by_text(exercise.answer_text(), exact=True).click()
    widget.locator(".tl-exercise-check").click()
    wait_for_text(page, ".tl-exercise-00-1 .tl-exercise-feedback", "答对了")
    screenshot(page, "workshop_learner_answered")
    saved = os.path.join(pwd.getpwnam(L1).pw_dir, "我的练习", ".tiering", "progress.json")
    assert json.load(open(saved, encoding="utf-8"))["exercises"]["00.1"]["correct"] is True
    # the kernel's channels are sockets in the learner's own runtime folder, not TCP ports another account could
    # subscribe to; what listens on TCP is the server and, per kernel, ipykernel's output pipe for forked
    # subprocesses (receive-only, each message checked against a random key)
    runtime = Path(pwd.getpwnam(L1).pw_dir) / ".local" / "share" / "jupyter" / "runtime"
    kernels = [json.loads(p.read_text()) for p in runtime.glob("kernel-*.json")]
    assert kernels and all(k["transport"] == "ipc" and k["ip"].startswith(str(runtime)) for k in kernels)
    assert len(listening_tcp_ports(pwd.getpwnam(L1).pw_uid)) <= 1 + len(kernels)

    # an uploaded branch file lands in the learner's own workspace, owned by the learner, readable by nobody else
    xsrf = next(c["value"] for c in context.cookies() if c["name"] == "_xsrf" and c["path"].startswith(f"/user/{L1}"))
    uploaded = page.request.put(
        f"{room.base}/user/{L1}/api/contents/{urllib.parse.quote(UPLOAD)}",
        data=json.dumps({"type": "file", "format": "text", "content": "客户号,余额\nK1,500\n"}),
        headers={"X-XSRFToken": xsrf, "Content-Type": "application/json"},
    )
    assert uploaded.status == 201, uploaded.text()
    on_disk = Path(pwd.getpwnam(L1).pw_dir) / "我的练习" / UPLOAD
    assert on_disk.stat().st_uid == pwd.getpwnam(L1).pw_uid and on_disk.stat().st_mode & 0o077 == 0
    context.close()


def test_another_learner_cannot_reach_those_files(room, browser):
    context = _context(browser, room.base)
    page = context.new_page()
    login(page, room.base, L2, passwords(room.state / SLIPS)[L2])
    page.wait_for_url(f"**/user/{L2}/lab/tree/**", timeout=180_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")

    # by URL: learner 1's files and API, with learner 2's login
    response = page.request.get(f"{room.base}/user/{L1}/api/contents/{urllib.parse.quote(FIRST)}")
    assert response.status in (403, 404) or "application/json" not in response.headers.get("content-type", "")
    page.goto(f"{room.base}/user/{L1}/lab/tree/{urllib.parse.quote(FIRST)}")
    page.wait_for_load_state()
    assert page.locator(".jp-NotebookPanel").count() == 0
    screenshot(page, "workshop_other_learner_by_url")

    # by a shell command and by Python in learner 2's own notebook
    page.goto(f"{room.base}/user/{L2}/lab/tree/{urllib.parse.quote(FIRST)}")
    page.wait_for_function(KERNEL_IDLE)
    home = pwd.getpwnam(L1).pw_dir
    add_cell_and_run(page, f"!ls {home}; echo exit=$?")
    wait_for_text(page, ".jp-OutputArea-output", "Permission denied")
    add_cell_and_run(page, f"open('{home}/我的练习/.tiering/progress.json').read()")
    wait_for_text(page, ".jp-OutputArea-output", "PermissionError")
    add_cell_and_run(page, f"!cat {home}/我的练习/{UPLOAD}; echo exit=$?")
    wait_for_text(page, ".jp-OutputArea-output", "exit=1")
    assert "K1,500" not in page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").inner_text()
    screenshot(page, "workshop_other_learner_shell")
    context.close()


def test_the_board_shows_learner_1_to_the_trainer_only(room, browser):
    context = _context(browser, room.base)
    page = context.new_page()
    login(page, room.base, L2, passwords(room.state / SLIPS)[L2])
    page.wait_for_url(f"**/user/{L2}/**", timeout=180_000)
    refused = page.goto(f"{room.base}/services/board/")
    assert refused.status == 403 or page.locator("table").count() == 0
    assert f"{L1}" not in page.content()
    context.close()

    context = _context(browser, room.base)
    page = context.new_page()
    login(page, room.base, TRAINER, passwords(room.state / SLIPS)[TRAINER])
    page.wait_for_url(f"**/user/{TRAINER}/**", timeout=180_000)
    page.goto(f"{room.base}/services/board/")
    row = page.locator(f"tr[data-learner='{L1}']")
    cell = row.locator("td[data-chapter='00']")
    assert cell.inner_text().startswith("1/1") and "对 1" in cell.inner_text()
    assert page.locator(f"tr[data-learner='{L2}'] td[data-chapter='00']").inner_text().startswith("0/1")
    assert page.locator(f"tr[data-learner='{TRAINER}']").count() == 0
    screenshot(page, "workshop_board")
    context.close()


def test_ctrl_c_stops_everything_and_work_survives_a_restart(room, browser):
    assert room.ctrl_c() == 0
    assert "工作坊已停止" in "".join(room.output)
    assert leftovers(room.state) == []
    from tiering_lib.workshop.accounts import processes_of

    assert processes_of(room.uids()) == []

    room.start()
    context = _context(browser, room.base)
    page = context.new_page()
    login(page, room.base, L1, passwords(room.state / SLIPS)[L1])
    page.wait_for_url(f"**/user/{L1}/lab/tree/**", timeout=180_000)
    page.wait_for_selector(".jp-DirListing-itemName")
    files = set(page.locator(".jp-DirListing-itemName").all_inner_texts())
    assert files == {p.name for p in chapter_notebooks()} | {UPLOAD}  # nothing offered again, nothing lost
    saved = os.path.join(pwd.getpwnam(L1).pw_dir, "我的练习", ".tiering", "progress.json")
    assert json.load(open(saved, encoding="utf-8"))["exercises"]["00.1"]["correct"] is True
    context.close()

    stopped = workshop("stop", "--state", str(room.state))
    assert stopped.returncode == 0 and "工作坊已停止" in stopped.stdout
    room.proc.wait(timeout=60)
    assert leftovers(room.state) == [] and processes_of(room.uids()) == []
