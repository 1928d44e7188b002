"""Tier migration shown to a branch manager: the matrices as tables, who moved, the watch list, the heat map."""

from __future__ import annotations

from fractions import Fraction

import pytest
from helpers.plots import render

import tiering_lib as tl

WAN = 1_000_000  # 分 in one 万元

# Last month: a (C, 0.5万), b (A, 30万), d (B, 10万), e (B, 2万), f (A, 40万).
# This month: b falls to C, d rises to A, e stays B, f stays A (-40%), c is new (C, 1 分), a is lost.
OLD = (["a", "b", "d", "e", "f"], [WAN // 2, 30 * WAN, 10 * WAN, 2 * WAN, 40 * WAN])
NEW = (["b", "c", "d", "e", "f"], [WAN // 2, 1, 21 * WAN, 2 * WAN + 1, 24 * WAN])


@pytest.fixture
def moved(three):
    return tl.migrate(*OLD, *NEW, three)


def test_household_table_lays_out_rows_columns_and_totals(moved):
    frame = tl.migration_table(moved).frame
    assert list(frame.columns) == ["上月分层＼本月（户）", "C类", "B类", "A类", "流失", "合计"]
    assert frame.iloc[:, 0].tolist() == ["C类", "B类", "A类", "新增", "合计"]
    rows = frame.set_index("上月分层＼本月（户）")
    assert rows.loc["C类"].tolist() == [0, 0, 0, 1, 1]  # a lost
    assert rows.loc["B类"].tolist() == [0, 1, 1, 0, 2]  # e stays, d up
    assert rows.loc["A类"].tolist() == [1, 0, 1, 0, 2]  # b down, f stays
    assert rows.loc["新增"].tolist() == [1, 0, 0, 0, 1]
    assert rows.loc["合计"].tolist() == [2, 1, 2, 1, 6]  # this month's tiers; 5 of last month + 1 new
    assert "<th>0</th>" not in tl.migration_table(moved)._repr_html_()


def test_balance_table_in_wan_and_yuan_with_separators(moved):
    rows = tl.migration_table(moved, "balances").frame.set_index("上月分层＼本月（万元）")
    assert rows.loc["B类", "A类"] == "21.00" and rows.loc["C类", "流失"] == "0.50"  # lost: last month's balance
    assert rows.loc["A类", "合计"] == "24.50"  # b now 0.5万 + f now 24万
    yuan = tl.migration_table(moved, "balances", unit="元").frame.set_index("上月分层＼本月（元）")
    assert yuan.loc["B类", "A类"] == "210,000.00"
    assert yuan.loc["合计", "合计"] == "480,000.02"  # a 0.5万 (lost) + e, d, b, f now + c: 48万 and 2 分
    with pytest.raises(tl.DataError, match="单位"):
        tl.migration_table(moved, "balances", unit="亿元")


def test_summary_counts_each_kind_of_move(moved):
    frame = tl.migration_summary(moved).frame.set_index("变动")
    assert frame["户数（户）"].to_dict() == {"留在原层级": 2, "升级": 1, "降级": 1, "新增": 1, "流失": 1}
    assert frame.loc["流失", "总资产（万元）"] == "0.50"


def test_moved_lists_name_each_customer_once_largest_change_first(moved):
    assert tl.moved_customers(moved, "upgraded").frame["客户号"].tolist() == ["d"]
    down = tl.moved_customers(moved, "downgraded")
    assert down.caption == "降级客户：1 户"
    assert down.frame.iloc[0].tolist() == ["b", "A类", "C类", "30.00", "0.50", "-29.50"]
    assert tl.moved_customers(moved, "added").frame.iloc[0].tolist() == ["c", "—", "C类", "—", "0.00", "0.00"]
    assert tl.moved_customers(moved, "lost").frame.iloc[0].tolist() == ["a", "C类", "—", "0.50", "—", "-0.50"]
    with pytest.raises(tl.DataError):
        tl.moved_customers(moved, "stayed")


def test_a_limit_keeps_the_largest_changes_and_says_so(moved):
    both = tl.migrate(*OLD, ["b", "d"], [WAN // 2, 5 * WAN], tl.builtin_scheme("suzhou_three_class"))
    lost = tl.moved_customers(both, "lost", limit=2)
    assert lost.frame["客户号"].tolist() == ["f", "e"] and lost.caption == "流失客户：3 户（列出变化最大的 2 户）"


def test_watch_list_follows_the_rule(moved):
    default = tl.watch_list_table(moved, managers={"b": "RM01"})
    assert default.caption == "流失预警：2 位客户"
    assert default.frame["客户号"].tolist() == ["b", "f"]  # fell 29.5万, then 16万 (40%)
    assert default.frame["客户经理"].tolist() == ["RM01", "—"]
    assert default.frame.iloc[1]["预警原因"] == "余额下降超过 30%"
    strict = tl.watch_list_table(moved, tl.AlertRule(drop_share=Fraction(1, 2), on_tier_drop=False))
    assert strict.frame["客户号"].tolist() == ["b"] and "客户经理" not in strict.frame.columns
    only_a = tl.watch_list_table(moved, tl.AlertRule(lowest_tier="A", drop_share=Fraction(9, 10), on_lost=True))
    assert only_a.frame["客户号"].tolist() == ["b"]  # a (C) is lost but not watched
    with_c = tl.watch_list_table(moved, tl.AlertRule(lowest_tier="C"), limit=1)
    assert with_c.caption == "流失预警：3 位客户（列出下降最多的 1 位）" and len(with_c) == 1


def test_heat_map_labels_every_nonempty_cell(moved):
    ax = tl.plot_migration(moved)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["C类", "B类", "A类", "流失"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C类", "B类", "A类", "新增"]
    hh = moved.household_matrix()
    expected = sorted(str(int(v)) for v in hh.ravel() if v)
    assert sorted(t.get_text() for t in ax.texts) == expected
    assert ax.get_title() == "客户迁移矩阵：户数（户）"
    render(ax)


def test_balance_heat_map_shows_wan(moved):
    ax = tl.plot_migration(moved, "balances", title="测试")
    assert "21.0" in [t.get_text() for t in ax.texts] and ax.get_title() == "测试"
    assert "5,000" in [t.get_text() for t in tl.plot_migration(
        tl.migrate(["x"], [5_000 * WAN], ["x"], [5_000 * WAN], tl.builtin_scheme("suzhou_three_class")), "balances").texts]
    render(ax)
    with pytest.raises(tl.DataError):
        tl.plot_migration(moved, "people")


def test_five_band_scheme_labels_bands():
    m = tl.migrate(["x"], [WAN], ["x"], [6 * WAN], tl.builtin_scheme("suzhou_five_band"))
    assert tl.migration_table(m).frame.columns[1] == "第1档"
    assert tl.moved_customers(m, "upgraded").frame.iloc[0]["本月层级"] == "第3档"
