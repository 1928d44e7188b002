"""Exercises of notebook 05 (CCPR): answers computed from the case files and Ms Lin's model."""

from __future__ import annotations

from typing import Any

from tiering_lib.ccpr.standards import ccpr_standard
from tiering_lib.course.exercises import register
from tiering_lib.errors import TieringError


def _same_standard(answer: Any, expected: str) -> bool:
    try:
        return ccpr_standard(answer).code == expected
    except TieringError:
        return False


def _same_ids(answer: Any, expected: list[str]) -> bool:
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return False
    items = list(answer)
    return len(items) == len(set(items)) and set(items) == set(expected)


@register(
    "05.1",
    "林小姐的案例：假如银行在 2 月就打电话提醒，她还会被报送到联合信用卡中心吗？",
    "用 tl.lin_scenario(call_month=2) 算一算，看结果的 .reported。",
    explain=lambda e: "二月来电时她只逾期一个月，缴清后不会被报送，九月的房贷也能正常受理。",
)
def _reported_if_called_in_february() -> bool:
    from tiering_lib.ccpr.lin import lin_scenario

    return lin_scenario(call_month=2).reported


@register(
    "05.2",
    "林小姐的案例：银行最晚在几月打电话，林小姐仍能避免被报送？",
    "对 1 到 9 月逐月调用 tl.lin_scenario（call_month=m），找出 .reported 为 False 的最大月份。",
    explain=lambda e: f"最晚 {e} 月；再晚一个月，逾期就满了模型假设的报送期限。",
)
def _latest_safe_call_month() -> int:
    from tiering_lib.ccpr.lin import lin_scenario

    return max(m for m in range(1, 10) if not lin_scenario(call_month=m).reported)


@register(
    "05.3",
    "在案例库里，哪一条 CCPR 标准被最多的案例违背过？",
    "用 tl.standard_coverage() 看“有违背的案例”一列，找出最大的一行；写它的中文名或简称都可以。",
    compare=_same_standard,
    explain=lambda e: f"是“{ccpr_standard(e).name_zh}”。",
)
def _most_broken_standard() -> str:
    from tiering_lib.ccpr.cases import load_cases

    cases = load_cases()
    counts = {}
    for case in cases:
        for code in dict.fromkeys(c for e in case.timeline for c in e.breaks):
            counts[code] = counts.get(code, 0) + 1
    top = max(counts.values())
    winners = [code for code in counts if counts[code] == top]
    if len(winners) != 1:
        raise TieringError(f"exercise 05.3 needs one most-broken standard, but {winners} tie; revise the exercise")
    return winners[0]


@register(
    "05.4",
    "案例库里，哪些案例展示了网点做对的地方（时间线里至少有一个“做到标准”的事件）？",
    "遍历 tl.load_cases（），看每个案例的 timeline 里有没有事件的 .honours 不为空；把这些案例的 .id 放进一个列表。",
    compare=_same_ids,
    explain=lambda e: f"共 {len(e)} 个：{'、'.join(e)}。",
)
def _cases_with_good_practice() -> list[str]:
    from tiering_lib.ccpr.cases import load_cases

    return [c.id for c in load_cases() if any(e.honours for e in c.timeline)]
