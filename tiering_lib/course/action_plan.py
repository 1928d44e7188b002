"""Each learner's branch action plan (本网点客户分层管理行动计划): the template, the plan and its checks.

The trainer's template is ``data/action_plan_template.yaml`` (or a file of their
own), checked by :class:`ActionPlanTemplate` when it is read: the tier standards
offered, the relationship managers and their name lists (名单制), the hours of the
贵宾窗口 and the 理财室, contact intervals by tier, the three key metrics' targets,
the meeting routines and how many concrete actions to write.  The learner fills
an :class:`ActionPlan` in a form (:mod:`tiering_lib.course.action_plan_form`);
:func:`plan_problems` says what is still missing or does not add up;
:func:`plan_sections` lays the plan out as the tables that both the Excel file
and the printable page show (:mod:`tiering_lib.course.action_plan_export`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

from tiering_lib.course.action_plan_template import load_action_plan_template, scheme_named
from tiering_lib.service.branch_measures import MONTH_DAYS, WORKING_DAYS

__all__ = ["Action", "ActionPlan", "action_problems", "plan_problems", "plan_sections", "default_contact_days",
           "tier_counts", "monthly_routine_contacts", "scheme_title", "meetings_table"]

_scheme = scheme_named


def scheme_title(name: str) -> str:
    """A scheme's Chinese title with full-width punctuation, as learners read it.

    Examples
    --------
    >>> scheme_title("core_four_class")
    '零售业务客户分层核心体系（A/B/C/D，A类以50万再分）'
    """
    return _scheme(name).title_zh


@dataclass(frozen=True)
class Action:
    """One concrete action: what, who is responsible, done by when."""

    what: str = ""
    owner: str = ""
    due: date | None = None


@dataclass(frozen=True)
class ActionPlan:
    """What a learner decided for their branch (see the module description)."""

    title: str
    branch: str
    scheme: str
    rm_count: int
    list_size: int
    contacts_per_day: int
    vip_window: tuple[str, str]
    wealth_room: tuple[str, str]
    contact_days: Mapping[str, int]
    targets: tuple[tuple[str, str, str, Decimal], ...]  # (segment, label, unit, target)
    meetings: tuple[Any, ...]
    actions: tuple[Action, ...] = field(default=())

    @classmethod
    def from_template(cls, template: Any, branch: str = "") -> "ActionPlan":
        """The plan as the template fills it in, with empty actions.

        Examples
        --------
        >>> ActionPlan.from_template(load_action_plan_template()).contact_days["A1"]
        14
        """
        rm, hours = template.relationship_managers, template.service_hours
        return cls(
            template.title, branch, template.schemes[0], rm.count, rm.list_size, rm.contacts_per_day,
            (hours.vip_window.opens, hours.vip_window.closes), (hours.wealth_room.opens, hours.wealth_room.closes),
            dict(template.contact_days),
            tuple((t.segment, t.target_label, t.unit, t.target) for t in template.scorecard),
            tuple(template.meetings), tuple(Action() for _ in range(template.actions.count)),
        )


def default_contact_days(template: Any, scheme_name: str) -> dict[str, int]:
    """Contact intervals for the served tiers of any scheme: the template's, by where each tier starts.

    Examples
    --------
    >>> default_contact_days(load_action_plan_template(), "suzhou_three_class")
    {'A': 30, 'B': 90}
    """
    base = _scheme(template.schemes[0])
    scheme = _scheme(scheme_name)
    out = {}
    for tier in reversed(scheme.tiers):
        if tier.segment not in ("高端", "中端"):
            continue
        home = next(t for t in base.tiers if t.lower <= tier.lower and (t.upper is None or tier.lower < t.upper))
        out[tier.code] = template.contact_days.get(home.code, max(template.contact_days.values()))
    return out


def tier_counts(balances: Any, scheme_name: str) -> dict[str, int]:
    """Customers per tier of a scheme, from balances in 分.

    Examples
    --------
    >>> tier_counts([500_000, 30_000_000], "suzhou_three_class")
    {'C': 1, 'B': 0, 'A': 1}
    """
    from tiering_lib.core.classify import tier_codes

    codes = list(tier_codes(balances, _scheme(scheme_name)))
    return {t.code: codes.count(t.code) for t in _scheme(scheme_name).tiers}


def action_problems(action: Action) -> list[str]:
    """What one action still lacks: the action itself, an owner, a date.

    Examples
    --------
    >>> action_problems(Action("回访流失预警客户", "", None))
    ['负责人', '完成日期']
    """
    missing = [name for name, value in (("行动内容", action.what.strip()), ("负责人", action.owner.strip())) if not value]
    return missing + ([] if action.due else ["完成日期"])


def monthly_routine_contacts(plan: ActionPlan, counts: Mapping[str, int]) -> Fraction:
    """Routine contacts a month (30 days) that the plan's intervals ask for, given customers per tier."""
    return sum((Fraction(counts.get(c, 0) * MONTH_DAYS, d) for c, d in plan.contact_days.items()), Fraction(0))


def plan_problems(plan: ActionPlan, counts: Mapping[str, int] | None = None, working_days: int = WORKING_DAYS) -> list[str]:
    """What is missing or does not add up, in Chinese; empty when the plan is complete.

    ``counts`` (customers per tier of the plan's standard) lets the check compare
    the name lists and the contact load with the relationship managers' capacity.

    Examples
    --------
    >>> plan = ActionPlan.from_template(load_action_plan_template(), "城东支局")
    >>> plan_problems(plan)[0]
    '行动 1：还缺行动内容、负责人、完成日期'
    """
    problems = [f"行动 {k}：还缺{'、'.join(missing)}"
                for k, a in enumerate(plan.actions, start=1) if (missing := action_problems(a))]
    if not plan.branch.strip():
        problems.insert(0, "还没有填写网点名称")
    if not plan.meetings:
        problems.append("还没有选择任何例会")
    for name, (opens, closes) in (("贵宾窗口", plan.vip_window), ("理财室", plan.wealth_room)):
        if opens >= closes:
            problems.append(f"{name}的结束时间 {closes} 应晚于开始时间 {opens}")
    if counts is not None:
        listed = sum(counts.get(c, 0) for c in plan.contact_days)
        if plan.rm_count * plan.list_size < listed:
            problems.append(f"名单容量 {plan.rm_count} × {plan.list_size:,} = {plan.rm_count * plan.list_size:,} 户，"
                            f"少于要上名单的中高端客户 {listed:,} 户")
        needed = monthly_routine_contacts(plan, counts)
        capacity = plan.rm_count * plan.contacts_per_day * working_days
        if needed > capacity:
            problems.append(f"例行联系每月约 {float(needed):,.0f} 次，超过 {plan.rm_count} 位客户经理的容量 {capacity:,} 次")
    return problems


def plan_sections(plan: ActionPlan, counts: Mapping[str, int] | None = None,
                  working_days: int = WORKING_DAYS) -> list[tuple[str, list[str], list[list[str]]]]:
    """The plan as tables ``(title, header, rows)``: what the Excel file and the printable page both show.

    Examples
    --------
    >>> [s[0] for s in plan_sections(ActionPlan.from_template(load_action_plan_template()))]
    ['基本信息', '分层标准与联系频率', '关键指标记分卡', '会议制度', '行动']
    """
    scheme = _scheme(plan.scheme)
    listed = None if counts is None else sum(counts.get(c, 0) for c in plan.contact_days)
    basics = [
        ["网点", plan.branch.strip() or "（未填写）"],
        ["分层标准", scheme_title(plan.scheme)],
        ["客户经理（名单制）", f"{plan.rm_count} 位，每人名单不超过 {plan.list_size:,} 户，名单容量 {plan.rm_count * plan.list_size:,} 户"
         + ("" if listed is None else f"；要上名单的客户 {listed:,} 户")],
        ["每位客户经理每天联系", f"{plan.contacts_per_day} 位客户（每月按 {working_days} 个工作日）"],
        ["贵宾窗口", f"{plan.vip_window[0]}–{plan.vip_window[1]}"],
        ["理财室", f"{plan.wealth_room[0]}–{plan.wealth_room[1]}"],
    ]
    if counts is not None:
        basics.append(["例行联系（次/月）", f"{float(monthly_routine_contacts(plan, counts)):,.1f}"])
    tiers = []
    for t in reversed(scheme.tiers):
        days = plan.contact_days.get(t.code)
        row = [f"{t.code}类", t.bounds_label(), t.segment or "—", f"每 {days} 天一次" if days else "不设客户经理（大堂和柜台服务）"]
        tiers.append(row + ([f"{counts.get(t.code, 0):,}"] if counts is not None else []))
    tier_header = ["层级", "总资产范围", "客户级别", "联系频率", *(["客户（户）"] if counts is not None else [])]
    targets = [[f"{seg}客户", label, f"{value}{'' if unit == '%' else ' '}{unit}"] for seg, label, unit, value in plan.targets]
    meetings = [[m.name, m.when, f"{m.minutes}", m.agenda] for m in plan.meetings]
    actions = [[str(k), a.what.strip() or "（待填写）", a.owner.strip() or "（待填写）", a.due.isoformat() if a.due else "（待填写）"]
               for k, a in enumerate(plan.actions, start=1)]
    return [
        ("基本信息", ["项目", "内容"], basics),
        ("分层标准与联系频率", tier_header, tiers),
        ("关键指标记分卡", ["客户级别", "指标与目标", "目标值"], targets),
        ("会议制度", ["会议", "时间", "时长（分钟）", "内容"], meetings),
        ("行动", ["序号", "行动", "负责人", "完成日期"], actions),
    ]


def meetings_table(template: Any = None):
    """The meeting routines of the template (the course's design): meeting, when, minutes, agenda.

    Examples
    --------
    >>> meetings_table().frame["会议"].tolist()[0]
    '晨会'
    """
    import pandas as pd

    from tiering_lib.display import Table

    t = load_action_plan_template() if template is None else template
    rows = [{"会议": m.name, "时间": m.when, "时长（分钟）": m.minutes, "内容": m.agenda} for m in t.meetings]
    return Table(pd.DataFrame.from_records(rows))
