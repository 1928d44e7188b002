"""Exercises of notebook 07 (客户贡献与财富客群), answered in widgets without code.

Expected answers are computed from the synthetic branch and the course's
contribution assumptions, from the suitability rules of ``data/wealth_segments.yaml``
and from the deck's growth system (``data/growth_system.yaml``) through the library.
"""

from __future__ import annotations

from fractions import Fraction

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

_WAN = 1_000_000  # 分 in one 万元


def _book():
    from tiering_lib.service.branch import synthesize_branch

    return synthesize_branch()


def _d_cost_centres() -> tuple[int, int]:
    """(D-class customers, of whom cost centres) under the course's default assumptions."""
    from tiering_lib.service.contribution import customer_contribution

    book = _book()
    d = book.tier == "D"
    return int(d.sum()), int((customer_contribution(book).cost_centre & d).sum())


# ---------------------------------------------------------------- 1. contribution
_SHARE_BINS = (("不到一半", 0, Fraction(1, 2)), ("一半到八成", Fraction(1, 2), Fraction(8, 10)),
               ("八成到九成五", Fraction(8, 10), Fraction(95, 100)), ("九成五以上", Fraction(95, 100), None))


def _d_reveal() -> str:
    from tiering_lib.core.money import format_percent, to_decimal

    n, centres = _d_cost_centres()
    return (
        f"<p>合成网点按本课程的假设：D 类客户（1万元以下）共 <b>{n:,}</b> 户，其中成本中心 <b>{centres:,}</b> 户，"
        f"占 <b>{format_percent(to_decimal(Fraction(centres, n)), 1)}</b>。</p>"
    )


@register(
    "07.1",
    "按本课程的贡献假设，合成网点的 D 类客户（1万元以下）中，成本中心（年贡献小于 0）大约占多少？先猜，再看结果。",
    answer=Choice(tuple(Option(label, label) for label, _, _ in _SHARE_BINS)),
    predict=True,
    reveal=_d_reveal,
    explain=lambda e: "余额几百元的客户，一年的息差收入只有几元，来一次柜台的成本就超过了它。",
)
def _d_cost_centre_share() -> str:
    n, centres = _d_cost_centres()
    share = Fraction(centres, n)
    return next(label for label, low, high in _SHARE_BINS if share >= low and (high is None or share < high))


@register(
    "07.2",
    "如果每次柜台服务成本从 5 元升到 8 元（其他假设不变），全网点的成本中心一共有多少户？",
    "用 tl.contribution_scenario（book, 2.0, 1.0, 8, 10），再数 .cost_centre 为真的客户。",
    hints=(
        "用上面的“调一调假设”小工具：只把“每次柜台服务成本（元）”拖到 8，其他滑块不动。",
        "看“按客户经营ABC”表格的“合计”一行，读“成本中心（户）”。",
    ),
    answer=Number("户", tolerance=0),
    explain=lambda e: "柜台成本一涨，原来刚好打平的客户也变成了成本中心：把简单业务分流到自助设备和手机银行，是降低成本的办法。",
)
def _cost_centres_at_8_yuan() -> int:
    from tiering_lib.service.contribution import contribution_scenario

    return int(contribution_scenario(_book(), "2.0", "1.0", "8", "10").cost_centre.sum())


# ---------------------------------------------------------------- 2. suitability
def _why_not(line: str, aum_wan: Fraction, level: int, valid: bool) -> str:
    """The kind of rule that stops ``line`` for this customer ('' if it may be offered)."""
    from tiering_lib.service.suitability import unsuitable_reason

    why = unsuitable_reason(line, int(aum_wan * _WAN), level, valid) or ""
    for kind, word in (("起购", "起购金额"), ("合格", "合格投资者"), ("过期", "有效期"), ("风险", "风险承受能力"),
                       ("未测", "没有做过")):
        if word in why:
            return kind
    return ""


_TRUST_OPTIONS = (
    Option("可以：信托是他所在客群推荐的产品，他的风险测评也够", "可以（客群推荐）",
           "客群推荐只是谈话的起点；推荐之前还要看产品本身的门槛。"),
    Option("不可以：他的风险测评已过有效期", "过期", "题目说他的风险测评在有效期内。"),
    Option("不可以：起购金额远高于他的总资产", "起购",
           "集合资金信托单笔认购不低于 100 万元，他的总资产才十万元左右；何况信托只面向合格投资者。"),
    Option("可以：只要客户自己愿意买", "可以（客户愿意）", "适当性规则要求银行把关，不是客户愿意就行。"),
)


@register(
    "07.3",
    "一位 45 岁的客户，总资产 9.8 万元，风险测评 C4，在有效期内。按本课程的设计，信托是他所在客群"
    "（中年资本导向型财富客户）推荐的第二个产品。现在能向他推荐信托吗？",
    hints=(
        "看“适当性”那张表：信托的起购金额是多少？只面向哪些客户？",
        "把信托的起购金额和他的总资产比一比。",
    ),
    answer=Choice(_TRUST_OPTIONS),
)
def _trust_for_98k() -> str:
    return _why_not("信托", Fraction(98, 10), 4, True) or "可以（客群推荐）"


_FUND_CUSTOMERS = (  # (label, total assets 万元, assessed level, still valid)
    ("甲：总资产 30 万元，风险测评 C2，在有效期内", Fraction(30), 2, True),
    ("乙：总资产 8 万元，风险测评 C4，已过有效期", Fraction(8), 4, False),
    ("丙：总资产 6 万元，风险测评 C3，在有效期内", Fraction(6), 3, True),
    ("丁：总资产 200 万元，没有做过风险测评", Fraction(200), 0, False),
)
_WHY_TEXT = {
    "风险": "基金的风险等级高于这位客户的风险承受能力，钱多也不行。",
    "过期": "风险测评过了有效期，要先请客户重新测评，才能推荐。",
    "未测": "没有做过风险测评的客户，不能推荐需要测评的产品。",
    "起购": "起购金额高于客户的总资产。",
    "": "起购金额不高于总资产，风险测评在有效期内，承受能力也不低于基金的风险等级。",
}


def _fund_options() -> tuple[Option, ...]:
    return tuple(Option(label, label, _WHY_TEXT[_why_not("基金", aum, level, valid)])
                 for label, aum, level, valid in _FUND_CUSTOMERS)


@register(
    "07.4",
    "下面四位客户中，哪一位现在可以向他推荐基金？",
    hints=(
        "推荐基金之前要过三关：起购金额、风险测评是否在有效期内、风险承受能力够不够。",
        "看“适当性”表里基金的风险等级，再和每位客户的测评结果比一比（C 后面的数字要不低于 R 后面的数字）。",
    ),
    answer=Choice(_fund_options),
)
def _who_may_buy_a_fund() -> str:
    return next(label for label, aum, level, valid in _FUND_CUSTOMERS if _why_not("基金", aum, level, valid) == "")


# ---------------------------------------------------------------- 3. the deck's questions (思考题)
def _stage_options() -> tuple[Option, ...]:
    from tiering_lib.service.content import growth_system

    ladder = growth_system()["growth_ladder"]["stages"]
    return tuple(Option(f"{s['stage']}（{s['guarantee']}，{s['complaints']}）", s["stage"],
                        f"“{s['stage']}”这一级的抱怨处理是“{s['complaints']}”，保证是“{s['guarantee']}”：对照小王的做法看看。")
                 for s in ladder)


@register(
    "07.5",
    "课件的思考题：“你能准确定位在客户群成长的系统中位置吗？”客户经理小王和王先生认识三年：王先生有不满时，"
    "小王会主动打电话解释；答应的事大多做到了，但还不敢说“完全满意保证”；也还没有为他量身定做过方案。"
    "按上图（本课程对客户成长系统的整理），他们的关系在哪一级？",
    hints=(
        "先看抱怨处理：小王是等王先生来投诉，还是主动打电话？",
        "再看保证：“大多做到了”是无保证、部分保证，还是完全满意保证？",
    ),
    answer=Choice(_stage_options),
)
def _growth_stage() -> str:
    from tiering_lib.service.content import growth_system

    return next(s["stage"] for s in growth_system()["growth_ladder"]["stages"]
                if s["complaints"] == "主动的抱怨处理" and s["guarantee"] == "部分保证")


_TERMS = (("short", "短期"), ("mid", "中期"), ("long", "长期"))


def _process_options() -> tuple[Option, ...]:
    from tiering_lib.service.content import growth_system

    individual = growth_system()["individual_process"]
    return tuple(Option(f"{name}：{individual[key]}", key, f"课件说{name}要做的是：{individual[key]}")
                 for key, name in _TERMS)


@register(
    "07.6",
    "课件的思考题：“请确定你与客户的关系流程定位？”小王每个季度把王先生的需求变化整理一遍，"
    "发现他的孩子明年要出国留学，就提出了外汇和保险的方案。小王做的是课件个体流程的哪个阶段？",
    hints=(
        "个体流程分短期、中期、长期三个阶段：小王是在完成眼前的小交易，还是在分析需求变化？",
        "“每个季度整理一遍”“从中发现新需求”对应课件哪一段话？",
    ),
    answer=Choice(_process_options),
)
def _process_stage() -> str:
    from tiering_lib.service.content import growth_system

    individual = growth_system()["individual_process"]
    return next(key for key, _ in _TERMS if "需求变化" in individual[key])
