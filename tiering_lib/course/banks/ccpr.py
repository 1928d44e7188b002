"""Exercises of notebook 05 (CCPR), answered in widgets without code.

The key step of every case (where, and which standard) is asked from the case
file itself (:func:`~tiering_lib.ccpr.quiz.key_step_options`); Ms Lin's
exercises use her what-if model; the self-assessment exercise scores ratings
through :func:`~tiering_lib.ccpr.self_assessment.score_self_assessment`.
Nothing is typed in: change a case file and the answers follow.
"""

from __future__ import annotations

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

#: The deck's words asked about in 05.1 (they stand under one standard's reasoning).
DECK_PHRASE = "换位思考"
#: Exercise id → case id of the key-step questions, in the notebook's order.
CASE_EXERCISES = {
    "05.2": "address",
    "05.3": "home_visit",
    "05.4": "kiosk",
    "05.5": "stock_cycle",
    "05.6": "vip_window",
    "05.7": "lin_credit",
    "05.10": "remittance",
}
#: 05.11: the self-assessment's example ratings with these changed (standard → ratings).
WHAT_IF_RATINGS = {"realtime": (4, 4, 4)}


def _standards():
    from tiering_lib.ccpr.standards import CCPR_STANDARDS

    return CCPR_STANDARDS


# ---------------------------------------------------------------- 05.1 which standard says it
_WHAT_IT_SAYS = {
    "convenient": "“让客户更方便”之下，课件讲的是管理惰性：流程和制度只从管理者的角度设计，手续繁琐。",
    "care": "“对客户更亲切”之下，课件讲的是关系和用心：不能过分依赖技术。",
    "personalized": "“个人化”之下，课件讲的是客户档案和“每个客户一家银行”。",
    "realtime": "“立即响应”之下，课件讲的是人和技术的快速反应。",
}


def _standard_name(code: str) -> str:
    from tiering_lib.ccpr.standards import ccpr_standard

    return ccpr_standard(code).name_zh


def _standard_options() -> tuple[Option, ...]:
    return tuple(Option(s.label_zh, s.code, _WHAT_IT_SAYS[s.code]) for s in _standards())


def _ccpr_reveal() -> str:
    from tiering_lib.ccpr.standards import ccpr_table
    from tiering_lib.display import Table

    return "<p>四个标准和课件给出的理由（概括）：</p>" + Table(ccpr_table().reset_index())._repr_html_()


@register(
    "05.1",
    "课件说“减少管理惰性的最好办法就是在设计流程和制度时能经常换位思考”。这句话在 CCPR 的哪一条标准之下？先猜，再看结果。",
    answer=Choice(_standard_options),
    predict=True,
    reveal=_ccpr_reveal,
    explain=lambda e: f"课件把这句话放在“{_standard_name(e)}”之下：管理惰性让手续繁琐、让客户多跑路，"
    "解药是设计流程和制度时站到客户的位置上走一遍。",
)
def _standard_of_the_phrase() -> str:
    [code] = [s.code for s in _standards() if any(DECK_PHRASE in r for r in s.reasoning_zh)]
    return code


# ---------------------------------------------------------------- the key step of each case
_HINTS = {
    "breaks": (
        "看时间线图上的红色 ✕：哪几个接触点出了问题？再对照“经过”表，看每一步发生了什么。",
        "几个红色 ✕ 里，哪一步是后面一连串事情的起点，银行本可以、也最应该在那里做对？"
        "那一步让客户多跑了路、受了冷落、没被当作“这一位”客户，还是该知道的事没有及时知道？",
    ),
    "honours": (
        "看时间线图上的绿色圆点：哪几个接触点做对了？再对照“经过”表，看每一步发生了什么。",
        "几个绿色圆点里，哪一步最先把客户的难处接了过来，后面的好结果都从它开始？"
        "那一步让客户少跑了路、感到了用心、被当作“这一位”客户，还是第一时间得到了响应？",
    ),
}


def _case(case_id: str):
    from tiering_lib.ccpr.cases import load_case

    return load_case(case_id)


def _register_key_step(exercise_id: str, case_id: str) -> None:
    from tiering_lib.ccpr.quiz import key_step_options, key_step_question

    case = _case(case_id)

    def options() -> tuple[Option, ...]:
        return tuple(Option(o.label, (o.touchpoint, o.standard), o.explanation)
                     for o in key_step_options(_case(case_id)))

    def expected() -> tuple[str, str]:
        c = _case(case_id)
        return c.quiz_touchpoint, c.quiz_standard

    register(exercise_id, key_step_question(case), hints=_HINTS[case.quiz_kind], answer=Choice(options))(expected)


for _id, _case_id in CASE_EXERCISES.items():
    _register_key_step(_id, _case_id)


# ---------------------------------------------------------------- Ms Lin's what-ifs
def _lin_explain(month: int) -> str:
    from tiering_lib.ccpr.lin import LIN_REPORT_AFTER_MONTHS

    return (f"最晚 {month} 月。模型假设银行在逾期满 {LIN_REPORT_AFTER_MONTHS} 个月时报送（课件没有说何时报送）；"
            "再晚一个月，一个电话就挽回不了了。")


@register(
    "05.8",
    "用上面的干预模拟试一试（一月账单照样没寄到）：银行最晚在几月打电话，林小姐仍能不被报送、九月的房贷照常受理？",
    "对 1 到 9 月逐月调用 tl.lin_scenario（call_month=m），找出 .reported 为 False 的最大月份。",
    hints=(
        "在干预模拟里把“银行来电”从一月起一个月一个月往后改，每次看结局里有没有被报送。",
        "找到还不会被报送的最后一个月：再晚一个月，结局就变了。默认的“4月”是课件里的情况。",
    ),
    answer=Number("月", tolerance=0),
    explain=_lin_explain,
)
def _latest_safe_call_month() -> int:
    from tiering_lib.ccpr.lin import lin_scenario

    return max(m for m in range(1, 10) if not lin_scenario(call_month=m).reported)


#: 05.9: what the relationship manager could do on the call, with the words that mark it in the case file.
_CALL_OPTIONS = (
    ("推荐她把卡升级为金卡", "金卡",
     "案例里银行正是在她销卡后来电推荐金卡，结果被拒绝：一张更高级的卡没有回应她担心的事。"),
    ("帮她开通自动还款（或还款到期的短信提醒）", "自动还款",
     "她销卡的理由，正是在该行没有其他存款户头、不能自动转账，担心再次逾期。"),
    ("提醒她：持卡人应当记得自己的每一笔交易", "每一笔交易",
     "这正是案例里银行后来说的话：把银行环节上的失误推给客户，既不“亲切”，也解决不了问题。"),
    ("减免 1 元违约金，别的不必多说", "减免",
     "1 元违约金不是她在意的；她在意的是这种事会不会再发生。"),
)


@register(
    "05.9",
    "假如银行二月就打电话提醒，林小姐缴清欠款、不会被报送。可按课件的说法，她还是担心“这种事情难免再次发生”。"
    "打这通电话时，客户经理最该多做哪一件事？",
    hints=(
        "再读一遍林小姐销卡的理由：她担心的到底是什么？",
        "能让“这种事”不再发生的做法，才回应了她的担心：这是把她当作“这一位”客户来服务。",
    ),
    answer=Choice(tuple(Option(label, key, why) for label, key, why in _CALL_OPTIONS)),
    explain=lambda e: "这就是“个人化”：回应这一位客户真正担心的事，而不是推一张更高级的卡。",
)
def _what_else_on_the_call() -> str:
    steps = " ".join(_case("lin_credit").good_practice_steps)
    [key] = [key for _, key, _ in _CALL_OPTIONS if key in steps]
    return key


# ---------------------------------------------------------------- 05.11 the self-assessment
def _what_if_result():
    from tiering_lib.ccpr.self_assessment import EXAMPLE_RATINGS, score_self_assessment

    return score_self_assessment({**EXAMPLE_RATINGS, **WHAT_IF_RATINGS})


def _weakest_options() -> tuple[Option, ...]:
    result = _what_if_result()
    low = min(result.scores.values())

    def why(code: str, short: str) -> str:
        rank = "四项里最低" if result.scores[code] == low else "不是四项里最低的"
        return f"改完以后，“{short}”得 {result.score_text(code)} 分，{rank}。"

    return tuple(Option(s.label_zh, s.code, why(s.code, s.short_zh)) for s in _standards())


@register(
    "05.11",
    "在上面的自评控件里（示例网点的评分），把“立即响应”的三句都改成 4 分，其余不动：这时最弱的是哪一项？",
    hints=(
        "拖动“立即响应”下面的三个滑块到 4，看右边“最弱的是……”那一句。",
        "每一项的得分是它三句话的平均分：逐项把三句的分数加起来再除以 3，比一比。",
    ),
    answer=Choice(_weakest_options),
    explain=lambda e: f"最弱的一项变成了“{_standard_name(e)}”，改进的重点也要跟着换：自评是为了找出下一步先做什么。",
)
def _weakest_standard_what_if() -> str:
    return _what_if_result().weakest.code
