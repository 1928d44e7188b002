"""The settings files of data/: a malformed file raises ConfigError naming the file, the field path and what to do."""

from __future__ import annotations

import copy

import pytest

import tiering_lib as tl
from tiering_lib.datasets import files

ORIGINAL = files.load_yaml_dataset


@pytest.fixture
def edit(monkeypatch):
    """Serve an edited copy of one data/ file to every reader; returns the copy to edit."""

    def start(filename: str) -> dict:
        data = ORIGINAL(filename)
        monkeypatch.setattr(files, "load_yaml_dataset",
                            lambda name: copy.deepcopy(data) if name == filename else ORIGINAL(name))
        return data

    return start


def _error(call) -> tl.ConfigError:
    with pytest.raises(tl.ConfigError) as info:
        call()
    assert isinstance(info.value, tl.DataError)
    assert str(info.value).startswith(f"{info.value.file}：{info.value.field}：")
    return info.value


def test_a_wrong_type_in_maintenance_yaml_names_file_and_field(edit):
    edit("maintenance.yaml")["plan"]["capacity_per_day"] = "十"
    err = _error(tl.load_plan_settings)
    assert (err.file, err.field) == ("data/maintenance.yaml", "plan.capacity_per_day")
    assert err.problem == "应为整数，现在是 “十”"


def test_a_misspelt_settings_field_suggests_the_right_one(edit):
    plan = edit("maintenance.yaml")["plan"]
    plan["capacity_per_dya"] = plan.pop("capacity_per_day")
    err = _error(tl.load_plan_settings)
    assert (err.file, err.field) == ("data/maintenance.yaml", "plan.capacity_per_dya")
    assert "是不是想写 capacity_per_day？" in err.problem


@pytest.mark.parametrize(
    "filename, change, call, field, phrase",
    [
        ("maintenance.yaml", lambda d: d["plan"].update(days=0), tl.load_plan_settings, "plan.days", "应 ≥ 1"),
        ("maintenance.yaml", lambda d: d["info_fields"][1].update(weight=20), tl.info_weights,
         "info_fields", "weight 合计为 105，应为 100"),
        ("maintenance.yaml", lambda d: d["plan"]["contact_days"].update(A3=7), tl.load_plan_settings,
         "plan.contact_days.A3", "不是 core_four_class 方案的层级"),
        ("maintenance.yaml", lambda d: d["plan"]["reasons"].reverse(), tl.load_plan_settings, "plan.reasons", "依次为"),
        ("maintenance.yaml", lambda d: d["incident_checklist"][2].pop("owner"), tl.incident_checklist,
         "incident_checklist[2].owner", "缺少字段 owner"),
        ("contribution_assumptions.yaml", lambda d: d["spread"].update({"活期": 0.02}), tl.load_contribution_assumptions,
         "spread.活期", "带引号的文字"),
        ("contribution_assumptions.yaml", lambda d: d["cost"].update(account_yuan="10.005"),
         tl.load_contribution_assumptions, "cost.account_yuan", "最多写两位小数"),
        ("contribution_assumptions.yaml", lambda d: d["abc_thresholds_yuan"].update(A="100"),
         tl.load_contribution_assumptions, "abc_thresholds_yuan.A", "A 应不低于 B"),
        ("contribution_assumptions.yaml", lambda d: d["fee_rate"].pop("保险"), tl.load_contribution_assumptions,
         "fee_rate", "产品线“保险”"),
        ("contribution_assumptions.yaml", lambda d: d["pricing"]["discount_by_class"].update(B="1.5"), tl.pricing_table,
         "pricing.discount_by_class.B", "大于 1"),
        ("branch_assumptions.yaml", lambda d: d["queue"].update(windows="4"), tl.default_queue_config,
         "queue.windows", "应为整数"),
        ("branch_assumptions.yaml", lambda d: d["queue"].update(vip_segments=["高端", "VIP"]), tl.default_queue_config,
         "queue.vip_segments[1]", "不是客户级别"),
        ("branch_assumptions.yaml", lambda d: d["time_deposit"]["hold"].update(A2="1.5"), tl.synthesize_branch,
         "time_deposit.hold.A2", "大于 1"),
        ("branch_assumptions.yaml", lambda d: d["investments"].update(share_of_deposits=["0.5", "0.05"]),
         tl.synthesize_branch, "investments.share_of_deposits", "应从小到大"),
        ("branch_assumptions.yaml", lambda d: d["age_groups"][0].update(share="0.3"), tl.synthesize_branch,
         "age_groups", "share 合计为 1.05，应为 1"),
        ("branch_assumptions.yaml", lambda d: d["info_recorded"].update(always=["姓名", "身高"]), tl.synthesize_branch,
         "info_recorded.always[1]", "不是 data/maintenance.yaml 的 info_fields 中的信息项"),
        ("tier_services.yaml", lambda d: d["segments"][1]["classes"][0].update(code="A1"), tl.service_matrix,
         "segments[1].classes[0].code", "属于高端客户"),
        ("tier_services.yaml", lambda d: d["segments"][2].update(key_metric="客户总资产"), tl.service_matrix,
         "segments[2].key_metric", "办理业务等候时间"),
        ("growth_system.yaml", lambda d: d["growth_ladder"].update(reconstructed="yes"), tl.growth_system,
         "growth_ladder.reconstructed", "应为 true 或 false"),
        ("wealth_segments.yaml", lambda d: d["segments"][0]["workbook"]["products"][1].update(line="黄金"),
         tl.wealth_segments, "segments[0].workbook.products[1].line", "不在产品货架"),
        ("wealth_segments.yaml", lambda d: d["segments"][3]["workbook"]["services"].remove("结构型理财产品"),
         tl.adviser_services_table, "private_adviser.services", "结构型理财产品 没有分给任何客群"),
    ],
)
def test_a_broken_rule_names_file_and_field(edit, filename, change, call, field, phrase):
    change(edit(filename))
    # a scale of its own, so no cached book hides the file
    err = _error(lambda: call(scale=999) if call is tl.synthesize_branch else call())
    assert (err.file, err.field) == (f"data/{filename}", field)
    assert phrase in err.problem


def test_a_pricing_mapping_given_in_code_is_checked_like_the_file():
    pricing = ORIGINAL("contribution_assumptions.yaml")["pricing"]
    assert tl.relationship_price(1500, "B", 12, pricing) == 450
    pricing["loyalty_step_years"] = 0
    err = _error(lambda: tl.relationship_price(1500, "B", 12, pricing))
    assert (err.file, err.field) == ("pricing", "loyalty_step_years")


def test_the_shipped_files_validate():
    from tiering_lib.service import branch_schema, content_schema, settings_schema

    assert settings_schema.load_maintenance().plan.reasons[0].code == "outflow"
    assert settings_schema.load_contribution().abc_thresholds_yuan.A == 500_000  # 5,000 元 in 分
    assert branch_schema.load_branch_assumptions().queue.vip_segments == ("高端", "中端")
    assert len(content_schema.load_wealth_segments().private_adviser.services) == 12
    assert content_schema.load_growth_system().growth_ladder.reconstructed is True
    assert [r.segment for r in content_schema.load_tier_services().segments] == ["高端", "中端", "普通"]
