"""Exercises of notebooks 06–08 (services and key metrics, contribution and wealth, maintenance).

Every expected answer is computed from the synthetic branch through the
library, never typed in.
"""

from __future__ import annotations

from fractions import Fraction

from tiering_lib.course.exercises import close_to, equal_to, register


def _book():
    from tiering_lib.service.branch import synthesize_branch

    return synthesize_branch()


@register(
    "06.1",
    "本网点中端客户中，持有两类及以上产品的客户占比是多少？（0 到 1 之间的数）",
    "用 tl.cross_sell_rate（book, \“中端\”， \“two_or_more\”）；它是一个分数，可以直接作为答案。",
    compare=close_to(0.0005),
    explain=lambda e: f"占比为 {float(e):.1%}。",
)
def _mid_cross_sell() -> Fraction:
    from tiering_lib.service.metrics import cross_sell_rate

    return cross_sell_rate(_book(), "中端", "two_or_more")


@register(
    "06.2",
    "其他设置不变，只开 3 个窗口时，普通客户的平均等候时间是多少分钟？（保留一位小数）",
    "用 tl.default_queue_config().with_changes(windows=3) 得到设置，再用 tl.simulate_queue(...)"
    " 模拟，取 .waits（\“普通\”）.mean（）。",
    compare=close_to(0.051),
)
def _three_windows_mass_wait() -> float:
    from tiering_lib.service.queue import simulate_queue
    from tiering_lib.service.queue_config import default_queue_config

    result = simulate_queue(default_queue_config(_book()).with_changes(windows=3))
    return round(float(result.waits("普通").mean()), 1)


@register(
    "07.1",
    "本网点 D 类客户（1万元以下）中，有多少户是成本中心（年贡献小于 0）？",
    "先 c = tl.customer_contribution（book），再数 c.cost_centre 与 book.tier == \"D\" 同时成立的客户。",
)
def _d_cost_centres() -> int:
    from tiering_lib.service.contribution import customer_contribution

    book = _book()
    c = customer_contribution(book)
    return int((c.cost_centre & (book.tier == "D")).sum())


@register(
    "07.2",
    "如果每次柜台服务成本从 5 元升到 8 元（其他假设不变），全网点的成本中心一共有多少户？",
    "用 tl.contribution_scenario（book, 2.0, 1.0, 8, 10），再数 .cost_centre 为真的客户。",
    compare=equal_to,
)
def _cost_centres_at_8_yuan() -> int:
    from tiering_lib.service.contribution import contribution_scenario

    return int(contribution_scenario(_book(), "2.0", "1.0", "8", "10").cost_centre.sum())


@register(
    "07.3",
    "总资产最高的那位客户，交叉销售建议中排在第一位的是什么产品？",
    "用 book.ids[book.aum.argmax()] 找到客户号，再看 tl.cross_sell_suggestions（book, 客户号）.gaps[0]。",
)
def _richest_first_gap() -> str:
    from tiering_lib.service.wealth import cross_sell_suggestions

    book = _book()
    return cross_sell_suggestions(book, str(book.ids[int(book.aum.argmax())])).gaps[0][0]


@register(
    "08.1",
    "客户经理 RM02 的客户中，信息完整度低于 60 分的有多少户？",
    "mine = book.of_rm（\“RM02\”），再用 tl.info_scores(mine) 得到每户分数，数一数小于 60 的。",
)
def _rm02_low_info() -> int:
    from tiering_lib.service.maintenance import info_scores

    return int((info_scores(_book().of_rm("RM02")) < 60).sum())


@register(
    "08.2",
    "RM02 每天至少要能联系多少位客户，本周（5 天）计划才没有任何顺延？",
    "从 10 开始逐个试：settings = tl.load_plan_settings().with_changes(capacity_per_day=c),"
    "看 tl.maintenance_plan(book, \"RM02\", settings).carried_over 是否为空。",
)
def _rm02_capacity_without_carry_over() -> int:
    from tiering_lib.service.maintenance import load_plan_settings
    from tiering_lib.service.plan import maintenance_plan

    book, base = _book(), load_plan_settings()
    capacity = 1
    while maintenance_plan(book, "RM02", base.with_changes(capacity_per_day=capacity)).carried_over:
        capacity += 1
    return capacity
