"""Exercises of notebook 01 (为什么分层), answered in widgets without code.

The purposes of tiering come from ``data/tiering_purposes.yaml`` and the customer figures from
``data/postal_customer_profile.csv`` (both the deck's); every expected answer is computed from them.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

#: Who gains in 01.1's example: a purpose naming all of them is the one the example shows in full.
GAINERS = ("客户", "员工", "网点")
NOT_A_PURPOSE = "降低网点的服务成本"


def _purposes() -> list[str]:
    from tiering_lib.datasets.files import load_yaml_dataset

    return list(load_yaml_dataset("tiering_purposes.yaml")["purposes"])


def _profile():
    from tiering_lib.datasets.deck_tables import load_customer_profile

    return load_customer_profile().set_index("key")


# ---------------------------------------------------------------- 01.1 分层管理的目的
_PURPOSE_WHY = {
    "满意": "客户满意确实是其中一面；但例子里得到好处的不止客户一方。",
    "销售": "卖出产品、转来存款也是其中一面；再数一数例子里有几方得到了好处。",
}


def _purpose_options() -> tuple[Option, ...]:
    options = []
    for purpose in _purposes():
        if all(word in purpose for word in GAINERS):
            why = "客户得到了合适的服务，客户经理的业绩提高了，网点的存款和收入增加了：三方都有回报。"
        else:
            why = next((text for key, text in _PURPOSE_WHY.items() if key in purpose), "再数一数例子里有几方得到了好处。")
        options.append(Option(purpose, purpose, why))
    options.append(Option(NOT_A_PURPOSE, NOT_A_PURPOSE, "课件列出的三个目的里没有“降低成本”，例子里也没有说到成本。"))
    return tuple(sorted(options, key=lambda o: o.label))  # a stable order that does not follow the deck's


@register(
    "01.1",
    "客户经理为一位高端客户制定了综合金融服务规划方案：客户很满意，把在他行的存款也转了过来；客户经理的业绩上去了，"
    "网点的存款和中间业务收入也增加了。这个例子最完整地体现了课件列出的哪一个分层管理目的？",
    hints=(
        "例子里有几方得到了好处？客户、客户经理、网点，各得到了什么？",
        "课件列出的三个目的里，哪一个同时说到了这几方？",
    ),
    answer=Choice(_purpose_options),
)
def _purpose_of_the_example() -> str:
    return next(p for p in _purposes() if all(word in p for word in GAINERS))


# ---------------------------------------------------------------- 01.2 客户来源（先猜再运行）
_SUM_BINS = (("正好 100%", "="), ("不到 100%", "<"), ("超过 100%", ">"))


def _sources() -> list[tuple[str, Decimal]]:
    p = _profile()
    rows = p[p["dimension"] == "source"]
    return list(zip(rows["label_zh"], rows["share_pct"]))


def _sources_reveal() -> str:
    import pandas as pd

    from tiering_lib.display import Table

    sources = _sources()
    total = sum(share for _, share in sources)
    rows = [{"客户来源": label, "占全部客户": f"{share}%"} for label, share in sources]
    rows.append({"客户来源": "三项合计", "占全部客户": f"{total}%"})
    rows.append({"客户来源": "课件没有交代来源的部分", "占全部客户": f"{Decimal(100) - total}%"})
    return Table(pd.DataFrame(rows))._repr_html_()


def _sources_explain(_: str) -> str:
    total = sum(share for _, share in _sources())
    rest = Decimal(100) - total
    if rest > 0:
        return f"三项合计 {total}%，还有 {rest}% 的客户从哪里来，课件没有交代。读课件的数字，不要替它“补齐”。"
    return f"三项合计 {total}%。"


@register(
    "01.2",
    "课件列出三种客户来源：网点自然吸引、机构代办、职工宣传协储。这三项加起来是多少？先猜，再看结果。",
    answer=Choice(tuple(Option(label, value) for label, value in _SUM_BINS)),
    predict=True,
    reveal=_sources_reveal,
    explain=_sources_explain,
)
def _sources_sum() -> str:
    total = sum(share for _, share in _sources())
    return "=" if total == 100 else ("<" if total < 100 else ">")


# ---------------------------------------------------------------- 01.3 “另外的44%中……20%”的第二种读法
def _second_reading() -> Fraction:
    p = _profile()
    return Fraction(p.loc["other_44", "share_pct"]) * Fraction(p.loc["wealth_acquisition", "share_pct"]) / 100


@register(
    "01.3",
    "课件说：“另外的44%中，……‘财富获取导向型’占到了20%”。如果这 20% 指的是“这 44% 的客户中的 20%”，"
    "财富获取导向型客户占全部客户的百分之几？",
    hints=(
        "“44% 中的 20%”：先取出占全部客户 44% 的那部分客户，再取其中的 20%。",
        "两个百分数相乘，再写成“百分之几”。",
    ),
    answer=Number("%", tolerance="0.05", places=1),
    explain=lambda e: (
        f"按第二种读法只有 {float(e):.1f}%，不到第一种读法（占全部客户 20%）的一半。"
        "同一句话，两种读法差了一倍多：引用这个数字时，要说清是哪种口径。"
    ),
)
def _wealth_share_of_all_in_second_reading() -> Fraction:
    return _second_reading()


# ---------------------------------------------------------------- 01.4 谁是“财富获取导向型”
def _customer_options() -> tuple[Option, ...]:
    return (
        Option("每月来领养老金的退休教师", "retired", "退休职工是课件说的“银行现在不太关注的客户群”之一。"),
        Option("大学教授，更关注生活价值的周全性", "value_balance",
               "课件特意说，财富获取导向型“不同于高学历的‘价值平衡导向群体’（更加关注生活价值的周全性）”。"),
        Option("在菜市场开摊位、每天来存营业款的个体业主", "wealth_acquisition",
               "课件说财富获取导向型由“个体业主+自由职业+部分销售人员”组成，是一群高内在价值和高成长价值的客群。"),
        Option("在工地打工、每月往老家汇款的外地工人", "migrant_workers",
               "打工阶层是课件说的“前三类客群”之一；他们保持使用邮政汇款的习惯，但不是财富获取导向型。"),
    )


@register(
    "01.4",
    "按课件的描述，下面四位客户中，哪一位最可能属于“财富获取导向型”客群？",
    hints=(
        "回到课件原文：“财富获取导向型”由哪几类人组成？",
        "课件还特意把它和高学历、更关注生活价值周全性的一类人区分开。",
    ),
    answer=Choice(_customer_options),
)
def _wealth_acquisition_customer() -> str:
    p = _profile()
    return next(key for key, label in p["label_zh"].items() if "个体业主" in label)
