"""The learner's first minutes, in a real Chromium against JupyterLab started by ``python -m tiering_lib lab``.

``make lab`` opens 00_导读 from the learner's own workspace in a Chinese interface; nothing in the workspace
shows an answer, solution code or a trainer note; an exercise answered wrong gives a hint without the answer,
answered right is saved, and 00's progress table shows it ticked after the kernel was restarted.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest
from helpers.lab import open_notebook, restart_kernel, run_all_cells, screenshot, wait_for_text

from tiering_lib.course.agenda import chapter_notebooks
from tiering_lib.course.exercises import get_exercise

pytestmark = pytest.mark.browser

FIRST = "00_导读.ipynb"
CHAPTER = "03_分层逻辑.ipynb"
MENUS = ["文件", "编辑", "查看", "运行", "内核", "设置", "帮助"]


def _active_notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def test_make_lab_opens_00_from_the_learner_workspace_in_chinese(learner_lab, learner_page):
    page = learner_page
    workspace = learner_lab.workspace
    assert "学员版" in learner_lab.output and str(workspace) in learner_lab.output
    assert sorted(p.name for p in workspace.glob("*.ipynb")) == [p.name for p in chapter_notebooks()]
    opened = learner_lab.opened_file.read_text(encoding="utf-8")
    assert opened == learner_lab.url  # the browser was sent to the printed link
    assert urllib.parse.unquote(opened.split("?")[0]).endswith(f"/lab/tree/{FIRST}")

    page.goto(opened)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_timeout(2_000)  # let JupyterLab finish restoring its layout
    assert page.locator(".lm-DockPanel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first.inner_text() == FIRST
    assert page.locator(".jp-Launcher").count() == 0  # no Launcher on first open
    assert page.locator(".jp-toast-container .Toastify__toast").count() == 0  # no news or update pop-up
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert all(m in menus for m in MENUS), menus
    files = page.locator(".jp-DirListing-itemName").all_inner_texts()
    assert CHAPTER in files and "notebooks" not in files  # the file browser shows the workspace itself
    screenshot(page, "learner_00_first_page")

    # Before anything runs, every interactive cell shows its static picture, never a repr.
    text = _active_notebook(page).inner_text()
    assert "VBox(" not in text and "Interactive" not in text
    assert _active_notebook(page).locator(".tl-static-picture").count() == 2  # the lookup and exercise 00.1
    _active_notebook(page).locator(".tl-static-picture").first.scroll_into_view_if_needed()
    screenshot(page, "learner_00_static_picture")


def test_nothing_in_the_learner_workspace_gives_an_answer_away(learner_lab, learner_page):
    page = learner_page
    for path in sorted(learner_lab.workspace.glob("*.ipynb")):
        raw = path.read_text(encoding="utf-8")
        assert "讲师提示" not in raw, path.name
        for cell in json.loads(raw)["cells"]:
            stored = json.dumps(cell.get("outputs", []), ensure_ascii=False)
            assert "正确!" not in stored and "答对了" not in stored and "tl-feedback" not in stored, path.name
            if "solution" in cell["metadata"].get("tags", []) and cell["cell_type"] == "code":
                assert "".join(cell["source"]).rstrip().endswith("= None"), path.name
    open_notebook(page, learner_lab, CHAPTER)
    text = _active_notebook(page).inner_text()
    assert "讲师提示" not in text and "参考答案" not in text.replace("参考答案见讲师版", "")
    assert "amount_at_or_above(threshold" not in text  # the 进阶 model solution
    for exercise_id in ("03.1", "03.3", "03.4", "03.6", "03.7"):
        ex = get_exercise(exercise_id)
        assert f"答案：{ex.answer_text()}" not in text
    assert _active_notebook(page).locator(".tl-static-picture").count() == 9  # explorer and eight exercises
    screenshot(page, "learner_03_before_running")


def test_wrong_answer_gets_a_hint_then_right_answer_is_ticked_after_a_restart(learner_lab, learner_page):
    page = learner_page
    ex = get_exercise("03.4")
    answer = ex.answer_text()  # e.g. "13 万元", computed from the data
    number = answer.split()[0]
    open_notebook(page, learner_lab, CHAPTER)
    run_all_cells(page)
    widget = _active_notebook(page).locator(".tl-exercise-03-4")
    widget.scroll_into_view_if_needed()
    box = widget.locator("input[type=text]")
    box.fill("20")  # the slider's default position is not the answer
    widget.locator(".tl-exercise-check").click()
    wait_for_text(page, ".tl-exercise-03-4 .tl-exercise-feedback", "提示")
    feedback = widget.locator(".tl-exercise-feedback").inner_text()
    assert "还不对" in feedback and number not in feedback
    screenshot(page, "learner_03_wrong_answer_hint")

    box.fill(number)
    widget.locator(".tl-exercise-check").click()
    wait_for_text(page, ".tl-exercise-03-4 .tl-exercise-feedback", "答对了")
    screenshot(page, "learner_03_right_answer")
    record = json.loads((learner_lab.workspace / ".tiering" / "progress.json").read_text(encoding="utf-8"))
    assert record["exercises"]["03.4"]["tries"] == 2 and record["exercises"]["03.4"]["correct"] is True

    # 先猜再运行: the guess is saved before the computed result is revealed
    predict = _active_notebook(page).locator(".tl-exercise-03-2")
    predict.scroll_into_view_if_needed()
    assert predict.locator(".tl-exercise-reveal").count() == 0
    guess = next(o for o in get_exercise("03.2").answer.resolved() if o.value != get_exercise("03.2").expected())
    predict.get_by_text(guess.label, exact=True).click()
    predict.locator(".tl-exercise-check").click()
    wait_for_text(page, ".tl-exercise-03-2 .tl-exercise-reveal", "含下限、不含上限")
    predict.locator(".tl-exercise-reveal").scroll_into_view_if_needed()
    screenshot(page, "learner_03_predict_reveal")
    record = json.loads((learner_lab.workspace / ".tiering" / "progress.json").read_text(encoding="utf-8"))
    assert record["exercises"]["03.2"]["guess"] == guess.label

    restart_kernel(page)
    run_all_cells(page)
    wait_for_text(page, ".tl-exercise-03-4 .tl-exercise-last", "已答对")

    open_notebook(page, learner_lab, FIRST)
    run_all_cells(page)
    table = _active_notebook(page).locator("table.tl-table").filter(has_text="各题").first
    table.scroll_into_view_if_needed()
    row = table.locator("tr", has_text="03 分层逻辑").inner_text()
    assert "03.4✓" in row and "03.2△" in row and "03.1○" in row
    screenshot(page, "learner_00_progress_table")
