"""Exercises of notebook 10 (支局客户分层管理措施), answered in widgets without code.

Every expected answer, and every option list that depends on data, is computed
from the synthetic branch, its next month-end, the plan settings and the deck's
maintenance process through the library.  Hints never need Python and never
name the answer (tests/course checks both).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from functools import lru_cache

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register
from tiering_lib.service.branch_measures import WORKING_DAYS

TIGHT_CAPACITY = 8  # 10.2: contacts a day left for routine contacts (the rest is marketing and counter work)
EXPLORED_DROP = Fraction(1, 2)  # 10.6: the share of fall the learner sets in the explorer


@lru_cache(maxsize=1)
def _branch():
    """The synthetic branch (last month), this month-end, and their migration under the book's scheme."""
    from tiering_lib.core.migration import migrate
    from tiering_lib.service.branch import synthesize_branch
    from tiering_lib.service.next_month import next_month

    book = synthesize_branch()
    later = next_month(book)
    return book, later, migrate(book.ids, book.aum, later.ids, later.balances, book.scheme)


# ---------------------------------------------------------------- 10.1 名单制 in the deck's process
_STEP_REASONS = {
    "管理客户信息": "这一步讲的是客户信息完整、准确；名单制回答的是“这位客户由谁负责”。",
    "制定日常维护计划并执行": "维护计划是在名单之上按频率和容量排日程；先要有名单，才谈得上计划。",
    "突发事件处理": "这一步讲的是及时控制客户流失，对应本章的流失预警名单。",
}


def _process_steps() -> list[tuple[str, str]]:
    from tiering_lib.service.settings_schema import load_maintenance

    return [(p.step, p.purpose) for p in load_maintenance().deck.process]


def _step_options() -> tuple[Option, ...]:
    options = [Option(step, step, _STEP_REASONS.get(step, "")) for step, _ in _process_steps()]
    return tuple(sorted(options, key=lambda o: o.label))  # not the deck's order


@register(
    "10.1",
    "本章的“名单制”：每位中高端客户都在一位、而且只在一位客户经理的名单上，由他负责定期联络。"
    "它落实的是课件客户维护流程中的哪一步？",
    hints=(
        "看课件维护流程每一步的“目的”：哪一步讲的是客户经理和客户之间是什么关系？",
        "名单制回答的是“这位客户由谁负责”：一位客户、一位客户经理。",
    ),
    answer=Choice(_step_options),
    explain=lambda e: "课件说这一步的目的是让客户经理与中高端客户形成一对一的维护关系；名单制把它落到每一位客户身上。",
)
def _name_list_step() -> str:
    return next(step for step, purpose in _process_steps() if "一对一" in purpose)


# ---------------------------------------------------------------- 10.2 capacity what-if
def _tight_settings():
    from tiering_lib.service.maintenance import load_plan_settings

    base = load_plan_settings()
    halved = {code: days // 2 for code, days in base.contact_days.items()}
    return base.with_changes(contact_days=halved, capacity_per_day=TIGHT_CAPACITY)


@register(
    "10.2",
    "总行要求中高端客户联系得更勤：每一层客户的联系间隔都缩短一半（联系次数加倍）。"
    f"同时客户经理每天只能安排 {TIGHT_CAPACITY} 次联系（其余时间做营销和柜面支持），每月按 {WORKING_DAYS} 个工作日。"
    "本网点至少需要几位客户经理，名单上的例行联系才排得开？",
    hints=(
        "先看名单与容量表的“合计”一行：现在每月要做多少次例行联系？间隔缩短一半，次数会怎样变？",
        f"一位客户经理每月能做 {TIGHT_CAPACITY} × {WORKING_DAYS} 次联系；用每月的总次数除以它，有余数就要多配一位。",
    ),
    answer=Number("位", tolerance=0),
    explain=lambda n: "联系频率和每日容量一改，需要的人手就变：定联系频率之前，先算一算名单排不排得开。",
)
def _managers_for_tight_plan() -> int:
    from tiering_lib.service.branch_measures import managers_needed

    return managers_needed(_branch()[0], _tight_settings(), working_days=WORKING_DAYS)


# ---------------------------------------------------------------- 10.3 predict the C row
_C_MOVES = ("升到 B 类的更多", "两者一样多", "降到 D 类的更多")


def _c_row() -> tuple[int, int, int]:
    m = _branch()[2]
    k = m.codes.index("C")
    row = m.household_matrix()[k]
    return int(row[k - 1]), int(row[k]), int(row[k + 1])


def _c_reveal() -> str:
    from tiering_lib.core.migration_tables import migration_table

    down, stay, up = _c_row()
    return (f"<p>上月的 C 类客户：本月降到 D 类 <b>{down:,}</b> 户，仍在 C 类 {stay:,} 户，升到 B 类 <b>{up:,}</b> 户。"
            "全网点的户数迁移矩阵（行：上月分层；列：本月分层）：</p>" + migration_table(_branch()[2])._repr_html_())


def _c_explain(expected: str) -> str:
    if expected == _C_MOVES[2]:
        return ("C 类的余额区间里，靠近下限 1 万元的客户比靠近上限 5 万元的多：余额稍有波动，"
                "跌破 1 万元的人就比涨过 5 万元的人多。层级的下限附近，正是要盯住的地方。")
    return "这一个月里，C 类客户向上走的并不比向下走的少：看看矩阵里其他层级是不是也这样。"


@register(
    "10.3",
    "上个月的 C 类客户（1万元-5万元）到了本月末，降到 D 类的和升到 B 类的，哪一种更多？先猜，再看结果。",
    answer=Choice(tuple(Option(label, label) for label in _C_MOVES)),
    predict=True,
    reveal=_c_reveal,
    explain=_c_explain,
)
def _c_more_down_or_up() -> str:
    down, _, up = _c_row()
    return _C_MOVES[2] if down > up else _C_MOVES[0] if up > down else _C_MOVES[1]


# ---------------------------------------------------------------- 10.4 read the 新增 row
@register(
    "10.4",
    "本月新增的客户里，一来就是中高端客户（C 类及以上）的有多少户？",
    hints=(
        "看户数迁移矩阵的“新增”一行：每一格是新客户落在本月的哪一层。",
        "把“新增”一行里 C 类、B 类、A2 类、A1 类四格加起来（不要加 D 类和“合计”）。",
    ),
    answer=Number("户", tolerance=0),
    explain=lambda n: "新客户一来就是中高端，说明有人带着钱来了：月度分析会上要确认他们都已经上了客户经理的名单。",
)
def _new_mid_or_high() -> int:
    m = _branch()[2]
    first = m.codes.index("C")
    return int(m.household_matrix()[-1, first:-1].sum())


# ---------------------------------------------------------------- 10.5 whom to call first
def _describe(m, entry) -> str:
    from tiering_lib.core.money import format_amount

    key, tier = str(m.old_keys[entry["old"]]), m.codes[m.old_tier[entry["old"]]]
    before = format_amount(int(m.old_balances[entry["old"]]), "万元", 2)
    if entry["new"] is None:
        return f"{key}：上月 {tier} 类，本月已流失，上月末总资产 {before} 万元"
    after = format_amount(int(m.new_balances[entry["new"]]), "万元", 2)
    new_tier = m.codes[m.new_tier[entry["new"]]]
    moved = f"，本月降到 {new_tier} 类" if new_tier != tier else f"，本月仍在 {tier} 类"
    return f"{key}：上月 {tier} 类，总资产 {before} → {after} 万元（下降 {float(entry['share']):.0%}）{moved}"


def _candidates() -> list[dict]:
    """Four watched customers that pull different ways: the one of the highest watched tier who still holds
    the most, against the largest share fallen, the largest amount lost and the largest fall of the tiers below."""
    m = _branch()[2]
    entries = m.watch_list()
    top = max(int(m.old_tier[e["old"]]) for e in entries)
    high = max((e for e in entries if m.old_tier[e["old"]] == top and e["new"] is not None),
               key=lambda e: int(m.new_balances[e["new"]]))
    lower = [e for e in entries if m.old_tier[e["old"]] < top]
    picks = [high,
             max((e for e in lower if e["new"] is not None), key=lambda e: (e["share"], e["fall"])),
             max((e for e in lower if e["new"] is None), key=lambda e: e["fall"])]
    rest = [e for e in lower if all(e is not p for p in picks)]
    picks.append(max(rest, key=lambda e: e["fall"]))
    return sorted(picks, key=lambda e: str(m.old_keys[e["old"]]), reverse=True)


def _first_call_options() -> tuple[Option, ...]:
    m = _branch()[2]
    picks = _candidates()
    top = max(int(m.old_tier[e["old"]]) for e in picks)
    out = []
    for e in picks:
        tier = m.codes[m.old_tier[e["old"]]]
        why = (f"他上月是 {tier} 类，在四位里层级最高：按“紧抓高端客户”的原则，先联系他，趁他还在本网点把他留住。"
               if m.old_tier[e["old"]] == top else
               f"他的情况确实紧急，当天也要联系；但他上月是 {tier} 类。四位都是流失预警，事由相同，"
               "按“紧抓高端客户”的原则，先看谁的层级最高。")
        out.append(Option(_describe(m, e), str(m.old_keys[e["old"]]), why))
    return tuple(out)


@register(
    "10.5",
    "月初的流失预警名单上有下面四位客户，都要在今天联系。按维护计划的排序规则"
    "（同样是流失预警时，层级高的先联系；课件的原则“紧抓高端客户”），客户经理应该先给谁打电话？",
    hints=(
        "四位都是流失预警，事由相同：接下来比的是什么？回想第 08 章维护计划的排序规则。",
        "比较四位客户上个月各在哪一层，而不是下降的比例或金额。",
    ),
    answer=Choice(_first_call_options),
    explain=lambda k: "同样是流失预警，层级高的客户先联系：他留下的资产和将来的贡献都更大。"
                      "下降比例大的、已经流失的客户也要在当天联系，只是排在后面。",
)
def _first_call() -> str:
    from tiering_lib.service.alerts import alert_tasks

    book, _, m = _branch()
    wanted = {str(m.old_keys[e["old"]]) for e in _candidates()}
    tasks = [t for t in alert_tasks(book, m) if t.customer_id in wanted]
    return min(tasks, key=lambda t: t.key()).customer_id


# ---------------------------------------------------------------- 10.6 explore the alert rule
@register(
    "10.6",
    "在上面的迁移探索器里，把“余额下降超过”调到 50%，再取消“降级也预警”（其余不变）。"
    "这时流失预警名单上还有多少位客户？",
    hints=(
        "默认设置下的人数不是答案：先把滑块拖到 50%，再点掉“降级也预警”前面的勾。",
        "名单上方的粗体字写着名单上一共有几位客户；两处都改好以后再读。",
    ),
    answer=Number("位", tolerance=0),
    explain=lambda n: "只看下降比例时，刚好跌破层级下限、降幅不大的客户就不在名单上了："
                      "规则定得越严，名单越短，漏掉的人也越多。",
)
def _watched_after_exploring() -> int:
    from tiering_lib.core.migration import AlertRule

    return len(_branch()[2].watch_list(AlertRule(None, EXPLORED_DROP, on_tier_drop=False, on_lost=True)))


# ---------------------------------------------------------------- 10.7 a concrete action
def _example_actions():
    from tiering_lib.course.action_plan import Action

    return (
        ("加强高端客户维护，提高客户满意度", Action("加强高端客户维护，提高客户满意度")),
        ("为 B 类以上流失预警客户逐一回访并记录原因；负责人：客户经理",
         Action("为 B 类以上流失预警客户逐一回访并记录原因", "客户经理")),
        ("为 B 类以上流失预警客户逐一回访并记录原因；负责人：各客户经理（名单上的客户各自负责）；本月 15 日前完成",
         Action("为 B 类以上流失预警客户逐一回访并记录原因", "各客户经理", date(2026, 12, 15))),
        ("设立贵宾窗口；本月 15 日前完成", Action("设立贵宾窗口", "", date(2026, 12, 15))),
    )


def _action_options() -> tuple[Option, ...]:
    from tiering_lib.course.action_plan import action_problems

    out = []
    for label, action in _example_actions():
        missing = action_problems(action)
        why = f"这一条还缺{'、'.join(missing)}：到了月末，没法检查它做没做、谁没做。" if missing else \
            "做什么、谁负责、何时完成都写清楚了，月度分析会上可以逐条检查。"
        out.append(Option(label, label, why))
    return tuple(out)


@register(
    "10.7",
    "行动计划里的“具体行动”要能检查：做什么、谁负责、何时完成。下面哪一条写得完整？",
    hints=(
        "逐条找三样东西：要做的事、负责的人、完成的日期。",
        "“提高满意度”这类话是目标，不是行动；只缺一样也不算完整。",
    ),
    answer=Choice(_action_options),
)
def _complete_action() -> str:
    from tiering_lib.course.action_plan import action_problems

    return next(label for label, action in _example_actions() if not action_problems(action))
