"""The deck's service content as data: the §5, §6, §7, §9 files load and agree with the scheme."""

from __future__ import annotations

import pytest

import tiering_lib as tl
from tiering_lib.datasets import files


def test_service_matrix_agrees_with_the_core_scheme():
    rows = tl.service_matrix()
    scheme = tl.builtin_scheme("core_four_class")
    assert [r["segment"] for r in rows] == ["高端", "中端", "普通"]
    for r in rows:
        assert r["key_metric"] == tl.SEGMENTS[r["segment"]]
        for c in r["classes"]:
            assert tuple(r["service_keys"]) == scheme.tier(c["code"]).service_keys
    table = tl.service_matrix_table()
    assert table["管理重点"].tolist() == ["重粘度", "重销售", "重交易"]
    assert "A类客户 50万元以上" in table.loc["高端客户", "资产级别"]
    assert table.index.tolist() == ["高端客户", "中端客户", "普通客户"]


def test_drift_between_data_and_scheme_is_an_error(monkeypatch):
    data = files.load_yaml_dataset("tier_services.yaml")
    data["segments"][0]["service_keys"] = ["专属客户经理"]
    monkeypatch.setattr(files, "load_yaml_dataset", lambda name: data)
    with pytest.raises(tl.ConfigError) as info:
        tl.service_matrix()
    assert (info.value.file, info.value.field) == ("data/tier_services.yaml", "segments[0].service_keys")
    assert "A1 类的服务关键点不同" in info.value.problem


def test_a_missing_dataset_is_named():
    with pytest.raises(tl.DataError, match="没有附带这个数据文件"):
        files.load_yaml_dataset("nothing_here.yaml")


def test_copies_cannot_change_the_next_reader():
    first = files.load_yaml_dataset("maintenance.yaml")
    first["plan"]["capacity_per_day"] = 999
    assert tl.load_plan_settings().capacity_per_day == 10


def test_needs_quality_services_growth_and_maintenance():
    needs = tl.needs_strategies_table()
    assert needs.index.tolist() == ["大众客户", "VIP客户"]
    assert "专属客户经理" in needs.loc["VIP客户", "我们的方案/策略"]
    services = tl.quality_services_table()
    assert services.index.tolist() == ["柜台优先服务", "优惠服务", "专属服务场所服务", "专业理财客户经理服务", "咨询/增值服务"]
    # the deck runs the heading 专属服务场所服务 into its sentence; the sentence starts at 客户可以通过
    assert services.loc["专属服务场所服务", "课件原文"].startswith("客户可以通过专属服务场所")
    g = tl.growth_system()
    assert g["growth_ladder"]["reconstructed"] is True
    assert "80%" in g["individual_process"]["research"] and "60%" in g["group_process"]["research"]
    m = tl.maintenance_guide()
    assert [p["step"] for p in m["process"]] == ["建立维护关系", "管理客户信息", "制定日常维护计划并执行", "突发事件处理"]
    assert len(m["principles"]) == 7
