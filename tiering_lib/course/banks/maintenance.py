"""Exercises of notebook 08 (客户维护流程), answered in widgets without code.

Expected answers are computed from the deck's maintenance process and the
course's plan settings, information weights and incident checklist
(``data/maintenance.yaml``), and from the synthetic branch's plan, through the library.
"""

from __future__ import annotations

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

#: 08.2: the fields a customer has on file.
RECORDED = ("姓名", "联系电话", "出生日期", "风险测评结果")
#: 08.3: the relationship manager whose weekly plan is planned.
RM = "RM02"


def _book():
    from tiering_lib.service.branch import synthesize_branch

    return synthesize_branch()


# ---------------------------------------------------------------- 1. the deck's process
def _process_options() -> tuple[Option, ...]:
    from tiering_lib.service.content import maintenance_guide

    steps = maintenance_guide()["process"]
    return tuple(Option(p["step"], p["step"], f"课件说这一步的目的是：{p['purpose']}。") for p in steps)


@register(
    "08.1",
    "RM02 的一位 B 类客户 8 天前从本行转走了 18 万多元，占他 30 天前总资产的七成。"
    "这首先是课件客户维护流程中哪一步要处理的事？",
    hints=(
        "对照第 2 节表格里四个步骤的“目的”：哪一个目的说的是客户可能要离开？",
        "大笔资金突然流出，是客户流失的信号。",
    ),
    answer=Choice(_process_options),
)
def _step_for_a_large_outflow() -> str:
    from tiering_lib.service.content import maintenance_guide

    return next(p["step"] for p in maintenance_guide()["process"] if "客户流失" in p["purpose"])


# ---------------------------------------------------------------- 2. customer information
def _score() -> int:
    from tiering_lib.service.maintenance import info_weights

    return sum(w for field, w in info_weights().items() if field in RECORDED)


@register(
    "08.2",
    f"一位客户只登记了{'、'.join(RECORDED)}，其余信息都没有登记。按本课程的权重，他的信息完整度是多少分？",
    hints=(
        "信息完整度就是已登记的各项信息的权重之和；权重见第 4 节的表格。",
        f"把这 {len(RECORDED)} 项的权重一项一项加起来。",
    ),
    answer=Number("分", tolerance=0),
    explain=lambda e: "低于“信息不全的标准”，维护计划的备注会请客户经理先补权重大的信息。",
)
def _information_score() -> int:
    return _score()


# ---------------------------------------------------------------- 3. the plan
@register(
    "08.3",
    f"{RM} 每天至少要能联系多少位客户，本周（5 个工作日）的计划才没有任何顺延事项？",
    "从 10 开始逐个试：settings = tl.load_plan_settings（）.with_changes（capacity_per_day=c），"
    f"看 tl.maintenance_plan（book, \"{RM}\", settings）.carried_over 是否为空。",
    hints=(
        "本周一共有多少件到期待办？把每日汇总里五天的“安排联系”加起来，再加上最后一天还剩下的“顺延”。",
        "这些事要在 5 个工作日里做完：每天至少做几件？除不尽时要多做一件。",
    ),
    answer=Number("位", tolerance=0),
    explain=lambda e: f"每天 {e} 位：课件要求“计划和规范”，联系频率和每天的容量要对得上。",
)
def _capacity_without_carry_over() -> int:
    from tiering_lib.service.maintenance import load_plan_settings
    from tiering_lib.service.plan import maintenance_plan

    book, base = _book(), load_plan_settings()
    capacity = 1
    while maintenance_plan(book, RM, base.with_changes(capacity_per_day=capacity)).carried_over:
        capacity += 1
    return capacity


_ORDER_OPTIONS = (
    Option("计划先看事由：大额资金流出（流失预警）排在定期存款到期前面；同一事由里才是层级高的在前", "reason",
           "本课程的排序把“及时有效的控制客户流失”放在最前面，同一事由里才“紧抓高端客户”。"
           "这是本课程的设计，网点可以按自己的规定改。"),
    Option("这位 C 类客户的总资产比那位 B 类客户多", "assets", "总资产要到事由、层级和应联系的日子都相同时才比。"),
    Option("这位 C 类客户应联系的日子更早", "due", "两位客户今天都该联系了；应联系的日子排在事由和层级之后才比。"),
    Option("计划只看层级，C 类排在 B 类前面", "tier", "核心体系里 B 类比 C 类高：如果只看层级，B 类客户会排在前面。"),
)


@register(
    "08.4",
    "本周第一天的名单里，一位 C 类客户（大额资金流出）排在一位 B 类客户（定期存款到期）前面。为什么？",
    hints=(
        "看第 5 节“优先顺序”那一行，以及排序规则那段话：先比什么，再比什么？",
        "两位客户的“事由”不同：哪个事由排在前面？",
    ),
    answer=Choice(_ORDER_OPTIONS),
)
def _why_c_before_b() -> str:
    from tiering_lib.service.maintenance import load_plan_settings
    from tiering_lib.service.plan import ContactTask, schedule_contacts

    codes = [c for c, _ in load_plan_settings().reasons]
    tiers = list(_book().scheme.codes_top_down)
    c_task = ContactTask("C000001", "C", RM, ("outflow",), codes.index("outflow"), 0, 10_000_000, "", tiers.index("C"))
    b_task = ContactTask("C000002", "B", RM, ("maturity",), codes.index("maturity"), 0, 5_000_000, "", tiers.index("B"))
    first = schedule_contacts([b_task, c_task], capacity_per_day=1, days=1).scheduled[0][1]
    return "reason" if first is c_task else "tier"


# ---------------------------------------------------------------- 4. incidents
def _checklist():
    from tiering_lib.service.plan_report import incident_checklist

    return incident_checklist()


def _incident_options() -> tuple[Option, ...]:
    table = _checklist()
    later = {
        "转投他行": "客户是对服务不满，不是被别家的产品吸引走的。",
        "回访": "回访要在问题解决以后；现在问题还没有解决。",
        "汇总": "月底汇总是支行行长的事，客户的问题今天就要有人管。",
        "对服务不满": "客户对服务不满：要让支行行长知道，并当面解决。",
    }
    options = []
    for step, row in table.iloc[3:].iterrows():
        why = next(text for key, text in later.items() if key in row["做什么"])
        options.append(Option(f"{row['做什么']}（{row['时限']}，{row['负责人']}）", int(step), why))
    return tuple(options)


@register(
    "08.5",
    "客户经理当天就给这位客户打了电话，把原因记进了客户信息：客户对上次办一笔业务要跑三趟很不满。"
    "按本课程的处理清单（本课程的设计），接下来做什么、最迟什么时候完成？",
    hints=(
        "清单的第 3 步先判断类型：这位客户属于哪一种？",
        "找到清单里写着这种类型的那一步，看它的时限和负责人。",
    ),
    answer=Choice(_incident_options),
)
def _next_incident_step() -> int:
    table = _checklist()
    return int(next(step for step, row in table.iterrows() if row["做什么"].startswith("对服务不满")))
