"""Saving a maintenance plan from notebook 08: a file in the learner's folder, never over an earlier one."""

from __future__ import annotations

import pandas as pd
import pytest

import tiering_lib as tl
from tiering_lib.course.plan_export import save_plan
from tiering_lib.core.widget_picture import PLAIN_TEXT


@pytest.fixture(scope="module")
def plan():
    return tl.maintenance_plan(tl.synthesize_branch(), "RM02")


@pytest.fixture(autouse=True)
def own_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path))


def test_the_buttons_save_excel_and_csv_in_the_workspace_and_never_overwrite(plan, tmp_path):
    w = tl.plan_export(plan, "RM02_本周维护计划")
    (excel, csv), message = w.children[0].children, w.children[1]
    excel.click()
    first = tmp_path / "RM02_本周维护计划.xlsx"
    sheets = pd.read_excel(first, sheet_name=None)
    assert list(sheets) == ["维护计划", "顺延事项", "每日汇总"] and len(sheets["维护计划"]) == len(plan.scheduled)
    assert "RM02_本周维护计划.xlsx" in message.value and f"维护计划 {len(plan.scheduled)} 行" in message.value
    assert str(tmp_path) not in message.value  # the file's name, never a machine path
    before = first.read_bytes()
    excel.click()
    assert (tmp_path / "RM02_本周维护计划（2）.xlsx").exists() and first.read_bytes() == before
    csv.click()
    back = pd.read_csv(tmp_path / "RM02_本周维护计划.csv", encoding="utf-8-sig")
    assert len(back) == len(plan.tasks)


def test_nothing_is_saved_until_a_button_is_pressed_and_the_picture_shows_the_buttons(plan, tmp_path):
    w = tl.plan_export(plan, "RM02_本周维护计划")
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"] == PLAIN_TEXT
    assert "保存为 Excel 文件" in bundle["text/html"] and "保存为 CSV 文件" in bundle["text/html"]
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_file_type_is_refused_in_chinese(plan, tmp_path):
    with pytest.raises(tl.DataError, match="只能保存为 Excel"):
        save_plan(plan, "计划", ".txt", tmp_path)
