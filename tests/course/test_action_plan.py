"""Each learner's branch action plan: the trainer's template is checked, the plan says what is missing,
the export holds the plan (Excel and a printable page) and never overwrites a file, the form drives it all."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

import tiering_lib as tl
from tiering_lib.datasets import files

DEFAULT = files.load_yaml_dataset("action_plan_template.yaml")


@pytest.fixture(autouse=True)
def own_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path / "我的练习"))
    (tmp_path / "我的练习").mkdir()


def _template_file(tmp_path: Path, change) -> Path:
    data = copy.deepcopy(DEFAULT)
    change(data)
    path = tmp_path / "我的模板.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _problem(tmp_path, change) -> tl.ConfigError:
    with pytest.raises(tl.ConfigError) as info:
        tl.load_action_plan_template(_template_file(tmp_path, change))
    assert info.value.file == "我的模板.yaml"
    return info.value


def _filled(branch: str = "城东支局") -> tl.ActionPlan:
    plan = tl.ActionPlan.from_template(tl.load_action_plan_template(), branch)
    actions = (tl.Action("回访流失预警客户", "各客户经理", date(2026, 12, 15)),
               tl.Action("公示贵宾窗口叫号规则", "大堂经理", date(2026, 12, 20)),
               tl.Action("新晋 A 类客户指定客户经理", "支行行长", date(2026, 12, 31)))
    return tl.ActionPlan(**{**plan.__dict__, "actions": actions})


def test_the_shipped_template_is_valid_and_fills_the_plan():
    t = tl.load_action_plan_template()
    plan = tl.ActionPlan.from_template(t, "城东支局")
    assert plan.scheme == t.schemes[0] == DEFAULT["schemes"][0]
    assert dict(plan.contact_days) == DEFAULT["contact_days"]
    assert plan.rm_count == DEFAULT["relationship_managers"]["count"]
    assert [m.name for m in plan.meetings] == [m["name"] for m in DEFAULT["meetings"]]
    assert len(plan.actions) == DEFAULT["actions"]["count"]
    assert plan.targets[1][3] == Decimal(DEFAULT["scorecard"][1]["target"])


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["schemes"].__setitem__(0, "five_class"), "schemes[0]", "没有名为 five_class"),
        (lambda d: d["contact_days"].pop("B"), "contact_days", "缺少 B 类"),
        (lambda d: d["contact_days"].__setitem__("D", 180), "contact_days.D", "不是 core_four_class 中设客户经理的层级"),
        (lambda d: d["contact_days"].__setitem__("C", 0), "contact_days.C", "应 ≥ 1"),
        (lambda d: d["scorecard"][1].__setitem__("metric", "客户总资产"), "scorecard[1].metric", "关键指标是交叉销售率"),
        (lambda d: d["scorecard"][2].__setitem__("segment", "中端"), "scorecard[1].segment", "写了不止一次"),
        (lambda d: d["scorecard"][0].__setitem__("target", 1.5), "scorecard[0].target", "带引号"),
        (lambda d: d["service_hours"]["vip_window"].__setitem__("opens", "9点"), "service_hours.vip_window.opens", "24 小时制"),
        (lambda d: d["service_hours"]["wealth_room"].__setitem__("closes", "08:00"), "service_hours.wealth_room.closes", "应晚于"),
        (lambda d: d["meetings"].append(dict(d["meetings"][0])), "meetings[0].name", "晨会"),
        (lambda d: d["actions"].__setitem__("count", 0), "actions.count", "应 ≥ 1"),
        (lambda d: d["relationship_managers"].__setitem__("list_sise", 300), "relationship_managers.list_sise", "list_size"),
    ],
)
def test_a_broken_template_names_the_file_the_field_and_what_to_do(tmp_path, change, field, words):
    error = _problem(tmp_path, change)
    assert error.field == field and words in error.problem, str(error)
    assert "data/README.md" in str(error)


def test_an_unreadable_template_file_is_a_clear_error(tmp_path):
    path = tmp_path / "坏模板.yaml"
    path.write_bytes("title: [未闭合".encode("utf-8"))
    with pytest.raises(tl.ConfigError, match="坏模板.yaml.*UTF-8 编码的 YAML"):
        tl.load_action_plan_template(path)


def test_problems_name_what_is_missing_and_what_does_not_add_up():
    plan = tl.ActionPlan.from_template(tl.load_action_plan_template())
    problems = tl.plan_problems(plan)
    assert problems[0] == "还没有填写网点名称" and problems[1].startswith("行动 1：还缺行动内容、负责人、完成日期")
    assert tl.plan_problems(_filled()) == []
    counts = {"A1": 300, "A2": 300, "B": 300, "C": 300, "D": 9999}
    crowded = tl.plan_problems(_filled(), counts)
    assert any(p.startswith("名单容量 4 × 250 = 1,000 户，少于要上名单的中高端客户 1,200 户") for p in crowded)
    assert any(p.startswith("例行联系每月约") and "超过 4 位客户经理的容量 840 次" in p for p in crowded)
    late = tl.ActionPlan(**{**_filled().__dict__, "vip_window": ("17:00", "09:00"), "meetings": ()})
    assert tl.plan_problems(late) == ["还没有选择任何例会", "贵宾窗口的结束时间 09:00 应晚于开始时间 17:00"]
    assert tl.action_problems(tl.Action("回访", "王", None)) == ["完成日期"]


def test_sections_lay_out_the_standard_and_the_contact_frequency():
    plan = _filled()
    sections = dict((title, rows) for title, _, rows in tl.plan_sections(plan, {"A1": 2, "A2": 7, "B": 147, "C": 764, "D": 1}))
    tiers = {row[0]: row for row in sections["分层标准与联系频率"]}
    assert tiers["A1类"][3] == "每 14 天一次" and tiers["D类"][3].startswith("不设客户经理") and tiers["C类"][4] == "764"
    assert sections["基本信息"][-1] == ["例行联系（次/月）", f"{2 * 30 / 14 + 7 + 147 * 30 / 60 + 764 * 30 / 90:,.1f}"]
    assert "A/B/C/D，A类" in sections["基本信息"][1][1]  # full-width comma in the standard's title


def test_export_writes_the_plan_to_excel_and_a_printable_page(tmp_path):
    saved = tl.export_action_plan(_filled(), made_on=date(2026, 12, 1))
    folder = tmp_path / "我的练习" / "行动计划"
    assert saved.xlsx == folder / "城东支局_分层管理行动计划.xlsx" and saved.html.parent == folder
    book = openpyxl.load_workbook(saved.xlsx)
    assert book.sheetnames == ["基本信息", "分层标准与联系频率", "关键指标记分卡", "会议制度", "行动"]
    actions = [[c.value for c in row] for row in book["行动"].iter_rows()]
    assert actions[0] == ["序号", "行动", "负责人", "完成日期"]
    assert actions[1] == ["1", "回访流失预警客户", "各客户经理", "2026-12-15"]
    assert [r[0].value for r in book["会议制度"].iter_rows()][1:] == [m["name"] for m in DEFAULT["meetings"]]
    page = saved.html.read_text(encoding="utf-8")
    for needed in ("@font-face", 'url("NotoSansSC-Regular.otf")', "@page", "@media print", "城东支局",
                   "公示贵宾窗口叫号规则", "制定日期：2026-12-01", "支行行长：", "每 14 天一次"):
        assert needed in page, needed
    assert "待补充" not in page
    font = folder / "NotoSansSC-Regular.otf"
    assert font.read_bytes() == tl.chinese_font_path().read_bytes()
    assert "行动计划/城东支局_分层管理行动计划.xlsx" in saved._repr_html_() and str(tmp_path) not in saved._repr_html_()


def test_an_incomplete_plan_is_exported_with_what_is_missing(tmp_path):
    saved = tl.export_action_plan(tl.ActionPlan.from_template(tl.load_action_plan_template()), tmp_path / "out")
    assert saved.xlsx.name == "本网点_分层管理行动计划.xlsx"
    sheet = openpyxl.load_workbook(saved.xlsx)["待补充"]
    assert [r[0].value for r in sheet.iter_rows()][:2] == ["还缺什么", "还没有填写网点名称"]
    assert "<h2>待补充</h2>" in saved.html.read_text(encoding="utf-8")


def test_nothing_is_ever_overwritten(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    mine = folder / "城东支局_分层管理行动计划.html"
    mine.write_text("我自己改过的计划", encoding="utf-8")
    (folder / "NotoSansSC-Regular.otf").write_bytes(b"not a font")
    first = tl.export_action_plan(_filled(), folder)
    second = tl.export_action_plan(_filled(), folder)
    assert mine.read_text(encoding="utf-8") == "我自己改过的计划"
    assert (folder / "NotoSansSC-Regular.otf").read_bytes() == b"not a font"
    assert [first.xlsx.name, second.xlsx.name] == ["城东支局_分层管理行动计划（2）.xlsx", "城东支局_分层管理行动计划（3）.xlsx"]
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted(
        [mine.name, "NotoSansSC-Regular.otf", first.xlsx.name, first.html.name, second.xlsx.name, second.html.name])
    weird = tl.export_action_plan(tl.ActionPlan(**{**_filled().__dict__, "branch": '城东/支局:*?"'}), folder)
    assert weird.xlsx.name == "城东支局_分层管理行动计划（4）.xlsx" and weird.xlsx.parent == folder


def test_the_form_previews_the_plan_and_exports_it(tmp_path):
    book = tl.synthesize_branch()
    form = tl.action_plan_form(book.aum)
    c = form.widget.controls
    preview = next(w for w in form.widget.children if "tl-plan-preview" in w._dom_classes)
    assert "要上名单的客户 920 户" in preview.value and "还没有填写网点名称" in preview.value
    c["branch"].value = "城东支局"
    c["rm_count"].value = 3
    assert "3 位，每人名单不超过 250 户" in preview.value and "少于要上名单的中高端客户 920 户" in preview.value
    c["scheme"].value = "suzhou_three_class"
    assert [w.description for w in c["contacts"].children] == ["A类客户每隔（天）", "B类客户每隔（天）"]
    c["contacts"].children[1].value = 60
    assert tl.read_form(form).contact_days == {"A": 30, "B": 60} and "每 60 天一次" in preview.value
    what, owner, due = c["actions"][0].children
    what.value, owner.value, due.value = "回访流失预警客户", "各客户经理", date(2026, 12, 15)
    c["meetings"][0].value = False
    plan = tl.read_form(form)
    assert plan.actions[0] == tl.Action("回访流失预警客户", "各客户经理", date(2026, 12, 15))
    assert [m.name for m in plan.meetings] == [m["name"] for m in DEFAULT["meetings"]][1:]
    export = next(w for w in form.widget.children if hasattr(w, "children") and w.children
                  and getattr(w.children[0], "description", "") == "导出 Excel 和打印页").children[0]
    export.click()
    export.click()
    folder = tmp_path / "我的练习" / "行动计划"
    assert (folder / "城东支局_分层管理行动计划.xlsx").exists() and (folder / "城东支局_分层管理行动计划（2）.html").exists()
    texts = [w.value for w in form.widget.children if isinstance(getattr(w, "value", None), str)]
    assert any("已保存到你的练习文件夹" in t and "城东支局_分层管理行动计划（2）.xlsx" in t for t in texts)


def test_a_trainers_template_changes_the_form(tmp_path):
    path = _template_file(tmp_path, lambda d: (d["actions"].__setitem__("count", 2), d.__setitem__("title", "城东支局三季度计划")))
    form = tl.action_plan_form(template=tl.load_action_plan_template(path))
    assert len(form.widget.controls["actions"]) == 2 and tl.read_form(form).title == "城东支局三季度计划"
    html = form._repr_mimebundle_()["text/html"]
    assert "年/月/日" in html and "（控件）" not in html and 'class="tl-static-picture"' in html
