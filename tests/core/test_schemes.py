import json

import pytest

import tiering_lib as tl


def test_builtin_schemes_shape(three, four, five):
    assert three.codes == ("C", "B", "A")
    assert three.thresholds == (1_000_000, 20_000_000)
    assert four.codes == ("D", "C", "B", "A2", "A1")
    assert four.thresholds == (1_000_000, 5_000_000, 20_000_000, 50_000_000)
    assert five.thresholds == (1_000_000, 5_000_000, 20_000_000, 100_000_000)
    assert [t.name_zh for t in five.tiers] == ["0-1万（不含）", "1万-5万（不含）", "5万-20万（不含）", "20万-100万（不含）", "100万以上"]
    assert [t.code for t in three.display_tiers()] == ["A", "B", "C"]


def test_segments_and_service_keys(four):
    assert four.tier("A1").segment == "高端" and four.tier("A1").key_metric == "客户总资产"
    assert four.tier("C").key_metric == "交叉销售率"
    assert four.tier("D").key_metric == "办理业务等候时间"
    assert "专属客户经理" in four.tier("A2").service_keys
    assert "理财沙龙及客户联谊活动" in four.tier("B").service_keys


def test_half_open_bounds(five):
    t = five.tier("2")
    assert t.contains(1_000_000) and t.contains(4_999_999) and not t.contains(5_000_000)
    assert five.tier("5").contains(10**15)


def spec(*tiers, **extra):
    return {"name": "t", "unit": "元", "tiers": list(tiers), **extra}


@pytest.mark.parametrize(
    "tiers, message",
    [
        ([], "tiers 应是不为空的层级列表"),
        ([{"code": "A", "lower": 100}], "层级“A”：最低一层从 100 元开始，但必须从 0 开始"),
        ([{"code": "A", "lower": 0, "upper": 100}, {"code": "B", "lower": 200}], "层级“A”和层级“B”之间有空档"),
        ([{"code": "A", "lower": 0, "upper": 300}, {"code": "B", "lower": 200}], "层级“A”和层级“B”互相重叠"),
        ([{"code": "A", "lower": 0, "upper": 100}, {"code": "A", "lower": 100}], "层级代码“A”用了两次"),
        ([{"code": "A", "lower": 0, "upper": 100}, {"code": "B", "lower": 100, "upper": 500}], "层级“B”：最高一层到 500 元为止"),
        ([{"code": "A", "lower": 0}, {"code": "B", "lower": 0}], "都从 0 元开始"),
        ([{"code": "A", "lower": 0, "upper": 0}], "上限 0 元 不高于下限 0 元"),
        ([{"code": "A", "lower": "-5"}], "下限 lower 是负数"),
        ([{"code": "A", "lower": "abc"}], "金额“abc”不是数字"),
        ([{"code": "A"}], "层级“A”：缺少下限 lower"),
        ([{"code": "A", "lower": 0, "colour": "red"}], "不认识的键 “colour”"),
        ([{"code": "A", "lower": 0, "segment": "超高端"}], "客户级别“超高端”"),
        ([{"code": "A", "lower": 0, "upper": "1e400"}, {"code": "B", "lower": "1e400"}], "大得不合理"),
        ([{"code": "A", "lower": 0, "uper": 5}], "是不是“upper”"),
    ],
)
def test_invalid_schemes_name_tier_and_value(tiers, message):
    with pytest.raises(tl.SchemeError, match=message):
        tl.scheme_from_dict(spec(*tiers))


def test_upper_may_be_omitted_and_order_is_free():
    s = tl.scheme_from_dict(spec({"code": "H", "lower": "50000"}, {"code": "L", "lower": 0}))
    assert s.codes == ("L", "H") and s.tiers[0].upper == 5_000_000


def test_scheme_in_wan_and_round_trip(four):
    again = tl.scheme_from_dict(four.to_dict())
    assert again == four


def test_cannot_build_unvalidated():
    with pytest.raises(tl.SchemeError):
        tl.TierScheme("x", "x", ())


def test_with_thresholds(three):
    moved = three.with_thresholds([1_000_000, 30_000_000])
    assert moved.tier("A").lower == 30_000_000 and moved.tier("B").upper == 30_000_000
    assert moved.tier("C").name_zh == three.tier("C").name_zh
    assert moved.tier("A").name_zh == "A类（30万以上）"
    with pytest.raises(tl.SchemeError):
        three.with_thresholds([30_000_000, 1_000_000])
    with pytest.raises(tl.SchemeError):
        three.with_thresholds([1])


@pytest.mark.parametrize("suffix", [".yaml", ".toml", ".json"])
def test_load_scheme_files(tmp_path, suffix):
    body = {
        ".yaml": "name: mine\nunit: 万元\ntiers:\n  - {code: L, lower: 0}\n  - {code: H, lower: 2.5}\n",
        ".toml": 'name = "mine"\nunit = "万元"\n[[tiers]]\ncode = "L"\nlower = 0\n[[tiers]]\ncode = "H"\nlower = 2.5\n',
        ".json": json.dumps({"name": "mine", "unit": "万元", "tiers": [{"code": "L", "lower": 0}, {"code": "H", "lower": "2.5"}]}),
    }[suffix]
    path = tmp_path / f"mine{suffix}"
    path.write_text(body, encoding="utf-8")
    s = tl.load_scheme(path)
    assert s.thresholds == (2_500_000,)


def test_load_scheme_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntiers:\n  - {code: A, lower: 5}\n", encoding="utf-8")
    with pytest.raises(tl.SchemeError, match="bad.yaml.*必须从 0 开始"):
        tl.load_scheme(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("tiers: [", encoding="utf-8")
    with pytest.raises(tl.SchemeError, match="broken.yaml：不是有效的 YAML"):
        tl.load_scheme(broken)
    with pytest.raises(tl.SchemeError, match="无法读取方案文件"):
        tl.load_scheme(tmp_path / "missing.yaml")
    other = tmp_path / "scheme.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(tl.SchemeError, match="不认识的方案文件类型"):
        tl.load_scheme(other)


def test_unknown_builtin():
    with pytest.raises(tl.SchemeError, match="没有名为“nope”的内置方案"):
        tl.builtin_scheme("nope")
