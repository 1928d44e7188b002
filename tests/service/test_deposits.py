"""The deposit calculator: the net yield with business tax on gross interest, the deck's figures, the speech's data."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

import tiering_lib as tl
from tiering_lib.datasets.files import data_file


def test_business_tax_falls_on_gross_interest_income_not_on_the_spread():
    a = tl.DepositAssumptions()
    # 2.0% spread − 5% × 4.0% gross interest − 0.5% provisions, worked by hand
    assert a.business_tax_on_balance_pct == Decimal("0.2")
    assert a.net_yield_pct == Decimal("1.3")
    assert a.deposit_rate_pct == Decimal("2.0")
    # the same spread on a higher asset yield pays more tax: 5% × 6.0% = 0.3%
    higher = tl.DepositAssumptions(asset_yield_pct=Decimal("6"))
    assert higher.net_yield_pct == Decimal("1.2")
    # a tax on the spread would have given 2.0 × 0.95 − 0.5 = 1.4; the calculator does not do that
    assert a.net_yield_pct != a.spread_pct * Decimal("0.95") - a.provisions_pct
    untaxed = tl.DepositAssumptions(business_tax_pct=Decimal(0))
    assert untaxed.net_yield_pct == untaxed.spread_pct - untaxed.provisions_pct


def test_the_defaults_reproduce_every_figure_of_the_speech():
    result = tl.deposit_profit(profile=tl.DECK_PROFILE)
    table = tl.compare_with_quote(result)
    assert table["在课件范围内"].tolist() == ["是"] * 4
    assert table.loc["第二年利润（亿元）", "本计算器"] == "7.61"
    assert table.loc["息差扣营业税后，提准备金前（%）", "本计算器"] == "1.80"
    assert result.profit_year2 == Decimal("585") * Decimal("0.013")


def test_the_year_one_average_balance_by_hand():
    uniform = tl.deposit_profit(profile="均匀增长")
    # 48.75亿 a month, each month's money there for 11.5, 10.5, …, 0.5 of 12 months: 48.75 × 72 / 12
    assert uniform.average_balance_year1 == Decimal("292.5")
    deck = tl.monthly_inflows(Decimal("585"), tl.DECK_PROFILE)
    assert deck[0] == 100 and deck[5] == 200 and deck[1:5] == [0] * 4
    assert deck[6:] == [Decimal("47.5")] * 6 and sum(deck) == 585
    late = tl.deposit_profit(profile="后高前低")
    early = tl.deposit_profit(profile="前高后低")
    assert late.profit_year1 < uniform.profit_year1 < early.profit_year1
    assert late.profit_year2 == uniform.profit_year2 == early.profit_year2


def test_invalid_assumptions_get_chinese_messages():
    with pytest.raises(tl.DataError, match="息差.*不能高于资产收益率"):
        tl.DepositAssumptions(asset_yield_pct=Decimal("1.5"))
    with pytest.raises(tl.DataError, match="准备金及其他成本不能是负数"):
        tl.DepositAssumptions(provisions_pct=Decimal("-0.1"))
    with pytest.raises(tl.DataError, match="没有“随便”这种增长节奏"):
        tl.monthly_inflows(Decimal(585), "随便")
    with pytest.raises(tl.DataError, match="净收益率为零或负数"):
        tl.deposits_needed_for(Decimal(46), tl.DepositAssumptions(provisions_pct=Decimal("1.8")))


def test_deposits_needed_for_the_fee_income():
    needed = tl.deposits_needed_for(Decimal(46))
    assert abs(needed * Decimal("0.013") - 46) < Decimal("1e-20")
    assert round(needed) == 3538


def test_the_speech_data_holds_600_and_every_row_has_five_fields():
    text = data_file("deposits_vs_fees_2005.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert {len(r) for r in rows} == {5}
    quote = tl.load_executive_quote()
    assert quote["deposit_growth_earlier_year"] == 600 and quote["deposit_growth_2005"] == 585
    table = tl.executive_quote_table()
    assert "以前我们一年增600亿储蓄存款" in table.frame["课件原话"].tolist()
    assert "<th>0</th>" not in table._repr_html_()
    fee = table.frame.set_index("课件原话").loc["去年赚了46个亿的中间收入", "含义"]
    assert "不是扣除成本后的利润" in fee


def test_the_assumption_table_says_where_each_value_comes_from():
    frame = tl.DepositAssumptions().to_frame()
    assert frame.loc["息差", "来源"] == "本课程假设" and frame.loc["准备金及其他成本", "来源"] == "本课程假设"
    assert "2005" in frame.loc["营业税率", "来源"] and "利息收入全额" in frame.loc["营业税率", "单位"]
    assert frame.loc["营业税率", "数值"] == "5" and frame.loc["第一年新增存款", "数值"] == "585"
    assert frame.loc["净收益率", "数值"] == "1.30"


def test_the_explorer_hides_an_invalid_state_and_recovers():
    tl.use_chinese_fonts()
    box = tl.deposit_profit_explorer()
    growth, asset, spread, tax, prov, profile, message, summary, chart = box.children
    assert "7.61 亿元" in summary.value and message.value == ""
    spread.value = 3.0
    asset.value = 2.5
    assert chart.layout.display == "none" and summary.layout.display == "none"
    assert "息差" in message.value and "资产收益率" in message.value
    asset.value = 6.0
    assert chart.layout.display is None and message.value == ""
    assert "0.30%" in summary.value  # 5% of a 6.0% asset yield


def test_fee_profit_what_if_by_hand():
    table = tl.fee_profit_what_if((100, 50))
    assert table.frame["中间业务利润（亿元）"].tolist() == ["46.0", "23.0"]
    # 23亿 at a 1.3% net yield: 23 / 0.013 = 1,769.2亿
    assert table.frame["存款要达到同样利润（亿元）"].tolist() == [3538, 1769]
    assert table.frame["相当于 2005 年新增存款（倍）"].tolist() == ["6.0", "3.0"]
