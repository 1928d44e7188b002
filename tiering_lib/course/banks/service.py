"""Exercises of notebook 06 (分层服务与关键指标), answered in widgets without code.

Every expected answer is computed from the deck's service matrix or from the
synthetic branch and its queue through the library, never typed in.  Hints
never need Python and never name the answer (tests/course checks both).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

#: 06.2: how many mid-end customers the branch persuades to buy one more product line.
PERSUADED = 100


def _book():
    from tiering_lib.service.branch import synthesize_branch

    return synthesize_branch()


def _config():
    from tiering_lib.service.queue_config import default_queue_config

    return default_queue_config(_book())


@lru_cache(maxsize=8)
def _mean_waits(**changes) -> dict[str, float]:
    """Mean wait (minutes) per segment of the default queue with ``changes``, the same customers every time."""
    from tiering_lib.core.schemes import SEGMENTS
    from tiering_lib.service.queue import simulate_queue

    result = simulate_queue(_config().with_changes(**changes))
    return {s: float(result.waits(s).mean()) for s in SEGMENTS}


def _table(rows: list[dict]) -> str:
    import pandas as pd

    from tiering_lib.display import Table

    return Table(pd.DataFrame(rows))._repr_html_()


# ---------------------------------------------------------------- 1. key metrics
_MEASURES = {  # what a head of branch might look at, by the key metric it is (or is not)
    "客户总资产": "中端客户的总资产比上个月增长了多少",
    "": "本月新增的中端客户有多少户",
    "交叉销售率": "中端客户中持有两类及以上产品的客户占比",
    "办理业务等候时间": "中端客户在柜台的平均等候时间",
}


def _measure_options() -> tuple[Option, ...]:
    from tiering_lib.service.content import service_matrix

    whose = {row["key_metric"]: row["segment"] for row in service_matrix()}
    why = {
        "客户总资产": "总资产是课件给{}客户的关键指标：看的是客户“粘”不“粘”。",
        "办理业务等候时间": "等候时间是课件给{}客户的关键指标：他们要的是快。",
    }
    options = []
    for metric, label in _MEASURES.items():
        if metric in why:
            text = why[metric].format(whose[metric])
        elif metric:
            text = f"课件说{whose[metric]}客户管理重销售：同一位客户买了几类产品，正是销售做得怎样。"
        else:
            text = "户数多了不等于管得好：课件给每一级客户的关键指标里没有“新增户数”。"
        options.append(Option(label, metric, text))
    return tuple(options)


@register(
    "06.1",
    "支行行长想用一个数字检查客户经理对中端客户的工作做得怎样。按课件的核心体系，他首先应该看哪一个？",
    hints=(
        "课件说：高端客户管理重粘度，中端客户管理重什么？",
        "看第 1 节表格里“中端客户”那一行的“关键指标”，再想一想哪个数字量的是它。",
    ),
    answer=Choice(_measure_options),
)
def _mid_key_metric() -> str:
    from tiering_lib.service.content import service_matrix

    return next(row["key_metric"] for row in service_matrix() if row["segment"] == "中端")


# ---------------------------------------------------------------- 2. two cross-sell definitions
def _persuaded_rates() -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
    """(two or more, per customer) of the mid-end customers before and after the persuasion."""
    import numpy as np

    from tiering_lib.service.metrics import products_per_customer, share_two_or_more

    book = _book()
    held = book.held[book.segment == "中端"].copy()
    rows = np.flatnonzero(held.sum(axis=1) >= 3)[:PERSUADED]
    for r in rows:  # each buys the first line of the shelf they do not hold yet
        held[r, int(np.flatnonzero(~held[r])[0])] = True
    before = (share_two_or_more(book.held[book.segment == "中端"]), products_per_customer(book.held[book.segment == "中端"]))
    return before, (share_two_or_more(held), products_per_customer(held))


_CROSS_SELL_OPTIONS = (
    ("两种口径都上升", (True, True)),
    ("只有“两类及以上占比”上升，“人均持有产品数”不变", (True, False)),
    ("只有“人均持有产品数”上升，“两类及以上占比”不变", (False, True)),
    ("两种口径都不变", (False, False)),
)


def _cross_sell_reveal() -> str:
    from tiering_lib.core.money import format_percent, round_half_up, to_decimal

    (two0, per0), (two1, per1) = _persuaded_rates()
    rows = [
        {"情形": "说服之前", "持有两类及以上产品的客户占比": format_percent(to_decimal(two0), 2),
         "人均持有产品数（类）": str(round_half_up(to_decimal(per0), 3))},
        {"情形": "说服之后", "持有两类及以上产品的客户占比": format_percent(to_decimal(two1), 2),
         "人均持有产品数（类）": str(round_half_up(to_decimal(per1), 3))},
    ]
    return "<p>本网点中端客户的两种口径：</p>" + _table(rows)


@register(
    "06.2",
    f"网点说服了 {PERSUADED} 位已经持有三类及以上产品的中端客户，每人再多买一类产品。"
    "中端客户的交叉销售率，两种口径会怎样变化？先猜，再看结果。",
    answer=Choice(tuple(Option(label, value) for label, value in _CROSS_SELL_OPTIONS)),
    predict=True,
    reveal=_cross_sell_reveal,
    explain=lambda e: "这些客户本来就“不止一个账户”，所以“两类及以上占比”纹丝不动，只有人均数变大。"
    "两种口径看的是不同的事：报告时一定要写明口径。",
)
def _which_definition_moves() -> tuple[bool, bool]:
    (two0, per0), (two1, per1) = _persuaded_rates()
    return two1 > two0, per1 > per0


# ---------------------------------------------------------------- 3. the queue
@register(
    "06.3",
    "其他设置不变，只开 3 个窗口时，普通客户的平均等候时间是多少分钟？（保留一位小数）",
    "用 tl.default_queue_config（book）.with_changes（windows=3） 得到设置，再用 tl.simulate_queue 模拟，"
    "取 .waits（\"普通\"）.mean（）。",
    hints=(
        "用上面的排队小工具：把“窗口数”从 4 拖到 3，其他设置不动，看表格里“普通客户”那一行。",
        "读“平均等候（分钟）”那一列；默认的 4 个窗口不是这道题的设置。",
    ),
    answer=Number("分钟", tolerance="0.1", places=1),
    explain=lambda e: f"少开一个窗口，普通客户平均要等 {e} 分钟：窗口本来就忙时，少一个窗口的代价非常大。",
)
def _three_windows_mass_wait() -> float:
    return round(_mean_waits(windows=3)["普通"], 1)


_RATIO_BINS = (("差不多（不到 1.2 倍）", 0, 1.2), ("1.2 到 2 倍", 1.2, 2), ("2 到 4 倍", 2, 4), ("4 倍以上", 4, None))


def _strict_reveal() -> str:
    from tiering_lib.core.schemes import SEGMENTS

    shared, strict = _mean_waits(), _mean_waits(vip_window_serves_others=False)
    rows = [{"客户级别": f"{s}客户", "做法一：空闲时叫普通号（分钟）": round(shared[s], 1),
             "做法二：只为贵宾服务（分钟）": round(strict[s], 1)} for s in SEGMENTS]
    return "<p>开设贵宾窗口的两种做法，各层客户的平均等候时间（同一批客户）：</p>" + _table(rows)


@register(
    "06.4",
    "贵宾窗口的做法二：只为贵宾服务，空闲时也不叫普通号。和做法一（空闲时叫普通号）相比，"
    "普通客户的平均等候时间会变成原来的多少倍？先猜，再看结果。",
    answer=Choice(tuple(Option(label, label) for label, _, _ in _RATIO_BINS)),
    predict=True,
    reveal=_strict_reveal,
    explain=lambda e: "窗口本来就很忙时，专用的贵宾窗口等于拿走了普通客户的一个窗口；"
    "而普通客户的关键指标正是等候时间。",
)
def _strict_ratio_bin() -> str:
    ratio = _mean_waits(vip_window_serves_others=False)["普通"] / _mean_waits()["普通"]
    return next(label for label, low, high in _RATIO_BINS if ratio >= low and (high is None or ratio < high))


_CHANGE_BINS = (("明显变长（多等 1 分钟以上）", 1, None), ("差不多（相差不到 1 分钟）", -1, 1),
                ("明显变短（少等 1 分钟以上）", None, -1))


def _vip_reading_reveal() -> str:
    from tiering_lib.core.schemes import SEGMENTS

    both, high = _mean_waits(), _mean_waits(vip_segments=("高端",))
    rows = [{"客户级别": f"{s}客户", "中高端客户都算贵宾（分钟）": round(both[s], 1),
             "只有高端客户算贵宾（分钟）": round(high[s], 1)} for s in SEGMENTS]
    return "<p>谁算贵宾，各层客户的平均等候时间（做法一，同一批客户）：</p>" + _table(rows)


@register(
    "06.5",
    "课件没有说谁算“贵宾”。本课程把中高端客户都算作贵宾；如果网点只把高端客户算作贵宾"
    "（中端客户和普通客户一起排队），中端客户的平均等候时间会怎样？先猜，再看结果。",
    answer=Choice(tuple(Option(label, label) for label, _, _ in _CHANGE_BINS)),
    predict=True,
    reveal=_vip_reading_reveal,
    explain=lambda e: "中端客户不再算贵宾，就失去了优先，要和普通客户一起排队；高端客户很少来柜台，"
    "贵宾窗口多数时间在叫普通号。谁算贵宾是网点要自己定的规则，定了就要向客户说清楚。",
)
def _mid_wait_if_only_high_end_is_vip() -> str:
    change = _mean_waits(vip_segments=("高端",))["中端"] - _mean_waits()["中端"]
    return next(label for label, low, high in _CHANGE_BINS
                if (low is None or change >= low) and (high is None or change < high))
