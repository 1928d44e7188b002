"""The case schema's messages (a typo gets the nearest field, a wrong type its path) and HTML escaping of case text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import tiering_lib as tl
from tiering_lib.ccpr.case_display import story_html

GOOD = Path(__file__).resolve().parent / "fixtures" / "cases" / "good" / "01_minimal.yaml"
SCRIPT = "<script>alert(1)</script>"


def _good() -> dict:
    return yaml.safe_load(GOOD.read_text(encoding="utf-8"))


def _load(tmp_path: Path, data: dict, name: str = "01_minimal.yaml") -> tl.Case:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tl.load_case(str(path))


@pytest.mark.parametrize(
    "where, typo, meant",
    [((), "summery", "summary"), (("timeline", 1), "touchpiont", "touchpoint"), (("quiz",), "explantion", "explanation"),
     (("consequence",), "customr", "customer")],
)
def test_a_misspelt_field_is_named_with_the_field_meant(tmp_path, where, typo, meant):
    data = _good()
    parent = data
    for key in where:
        parent = parent[key]
    parent[typo] = parent.pop(meant)
    with pytest.raises(tl.CaseError) as info:
        _load(tmp_path, data)
    path = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in (*where, typo)).lstrip(".")
    assert (info.value.file, info.value.field) == ("01_minimal.yaml", path)
    assert f"是不是想写 {meant}？" in info.value.problem


def test_a_field_unlike_any_known_one_lists_the_known_fields(tmp_path):
    data = _good()
    data["people"][0]["xyz"] = "?"
    with pytest.raises(tl.CaseError) as info:
        _load(tmp_path, data)
    assert info.value.field == "people[0].xyz"
    assert "可用的字段：name、role" in info.value.problem


@pytest.mark.parametrize(
    "change, field, phrase",
    [
        (lambda d: d["timeline"][2].update(at="五天后"), "timeline[2].at", "应为数字，现在是 “五天后”"),
        (lambda d: d["timeline"][0].update(at=True), "timeline[0].at", "应为数字"),
        (lambda d: d["timeline"][1].update(who=["客户甲", 3]), "timeline[1].who[1]", "应为文字，现在是 3"),
        (lambda d: d.update(questions="问题出在哪里？"), "questions", "应为列表"),
        (lambda d: d.update(consequence="多跑一趟"), "consequence", "应为一组“字段：值”"),
        (lambda d: d["good_practice"].update(steps=[]), "good_practice.steps", "至少要有 1 项"),
        (lambda d: d.update(title=None), "title", "没有填写"),
        (lambda d: d["quiz"].update(standard="speed"), "quiz.standard", "“speed”不是 CCPR 的标准"),
        (lambda d: d["timeline"][2].update(honours=["care", "fast"]), "timeline[2].honours[1]", "“fast”不是 CCPR 的标准"),
    ],
)
def test_a_wrong_value_names_its_field_path(tmp_path, change, field, phrase):
    data = _good()
    change(data)
    with pytest.raises(tl.CaseError) as info:
        _load(tmp_path, data)
    assert info.value.field == field
    assert phrase in info.value.problem
    assert str(info.value).startswith(f"01_minimal.yaml：{field}：")


def test_one_standard_or_one_name_may_be_written_without_a_list(tmp_path):
    data = _good()
    data["timeline"][1]["who"] = "客户甲"
    data["timeline"][2]["honours"] = "亲切"
    case = _load(tmp_path, data)
    assert case.timeline[1].who == ("客户甲",)
    assert case.timeline[2].honours == ("care",)
    assert case.timeline[0] == tl.load_case(str(GOOD)).timeline[0]


def test_loading_a_case_imports_pydantic_only_when_a_file_is_read():
    code = (
        "import sys, tiering_lib as tl; tl.Case; tl.quiz_questions; tl.PlanSettings; tl.info_completeness; "
        "assert 'pydantic' not in sys.modules; tl.load_case('address'); assert 'pydantic' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_case_text_is_escaped_in_every_html_view(tmp_path):
    data = _good()
    data["title"] = f"标题{SCRIPT}"
    data["summary"] = f"经过{SCRIPT}"
    data["people"][0]["name"] = SCRIPT
    for event in data["timeline"]:
        event["who"] = [SCRIPT if w == "客户甲" else w for w in event["who"]]
    data["timeline"][0]["touchpoint"] = data["quiz"]["touchpoint"] = f"柜台{SCRIPT}"
    data["timeline"][0]["note"] = f"原因{SCRIPT}"
    data["root_cause"] = SCRIPT
    data["good_practice"]["steps"] = [SCRIPT]
    data["quiz"]["explanation"] = f"解释{SCRIPT}"
    case = _load(tmp_path, data)
    assert case.title == f"标题{SCRIPT}"  # kept as written; escaped only when shown
    views = {
        "story": story_html(case),
        "analysis": case.analysis()._repr_html_(),
        "quiz card": tl.quiz_card(case)._repr_html_(),
        "feedback": tl.grade_touchpoint(case, f"柜台{SCRIPT}")._repr_html_()
        + tl.grade_touchpoint(case, SCRIPT)._repr_html_() + tl.grade_standard(case, "方便")._repr_html_(),
    }
    quiz = tl.case_quiz(case)
    quiz.children[1].children[1].value = "方便"
    quiz.children[2].children[1].value = f"柜台{SCRIPT}"
    views["quiz widget"] = "".join(_html_values(quiz))
    for name, html in views.items():
        assert "<script" not in html, name
        assert "&lt;script&gt;" in html, name


def _html_values(widget) -> list[str]:
    import ipywidgets

    values = [widget.value] if isinstance(widget, ipywidgets.HTML) else []
    for child in getattr(widget, "children", ()):
        values += _html_values(child)
    return values
