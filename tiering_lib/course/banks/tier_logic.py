"""Exercises of notebooks 00 (导读) and 03 (分层逻辑), answered in widgets without code.

Every expected answer, and every option list that depends on data, is
computed from the schemes, the synthetic Suzhou population and the deck's
service matrix through the library.  Hints never need Python and never name
the answer (tests/course checks both).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

_WAN = 1_000_000  # 分 in one 万元
RM_CAPACITY = 300  # households one dedicated relationship manager can look after (03.6's assumption)
A_SHARE_TARGET = Fraction(12, 100)  # 03.4: head office wants A to hold at least this share of balances


def _scheme(name: str):
    from tiering_lib.core.scheme_files import builtin_scheme

    return builtin_scheme(name)


def _code_of(yuan: int, scheme_name: str) -> str:
    from tiering_lib.core.classify import tier_codes

    return str(tier_codes([yuan * 100], _scheme(scheme_name))[0])


#: Whole-万元 A-class thresholds the exercises ask about (03.4 searches them all).
A_THRESHOLDS_WAN = range(1, 201)


@lru_cache(maxsize=1)
def _population_figures() -> tuple[dict[int, tuple[int, Fraction]], float]:
    """What the exercises need from the full-scale synthetic Suzhou population, computed once: households and
    share of balances at or above every threshold of :data:`A_THRESHOLDS_WAN`, and the Gini coefficient.

    The 7.4-million-customer population itself is not kept: the notebook holds its own copy (120 MB sorted), and
    a second one in every kernel of 02 and 03 cost a room of 30 on the workshop server 3.6 GB.
    """
    from tiering_lib.core.concentration import gini
    from tiering_lib.core.sorted_balances import SortedBalances
    from tiering_lib.core.synthesis import synthesize_population
    from tiering_lib.datasets.deck_tables import load_suzhou_bands

    sb = SortedBalances(synthesize_population(load_suzhou_bands()))
    shares = {}
    for wan in A_THRESHOLDS_WAN:
        households, amount = sb.amount_at_or_above(wan * _WAN)
        shares[wan] = households, Fraction(amount, sb.total)
    return shares, gini(sb)


def _a_class(threshold_wan: int) -> tuple[int, Fraction]:
    """Households and share of balances at or above ``threshold_wan`` 万元 (a whole number from 1 to 200)."""
    return _population_figures()[0][threshold_wan]


def _tier_options(scheme_name: str) -> tuple[Option, ...]:
    scheme = _scheme(scheme_name)
    if all(t.code.isdigit() for t in scheme.tiers):  # numbered bands, listed as the deck lists them
        return tuple(Option(f"第 {t.code} 档：{t.name_zh}", t.code) for t in scheme.tiers)
    return tuple(Option(f"{t.code}：{t.name_zh}", t.code) for t in reversed(scheme.tiers))


# ---------------------------------------------------------------- 00 导读
@register(
    "00.1",
    "余额正好 50,000 元的客户，属于苏州五档中的哪一档？",
    hints=(
        "看清“（不含）”的意思：“1万-5万（不含）”包含 1 万元，但不包含 5 万元。",
        "正好等于分界线的余额，属于分界线上面的那一档，还是下面的那一档？可以在上面的查询控件里输入 50000 验证。",
    ),
    answer=Choice(lambda: _tier_options("suzhou_five_band")),
    explain=lambda e: "“（不含）”表示上限不属于本档：正好 5 万元的客户属于从 5 万元开始的那一档。",
)
def _boundary_band() -> str:
    return _code_of(50_000, "suzhou_five_band")


# ---------------------------------------------------------------- 03 分层逻辑
def _mapping_options() -> tuple[Option, ...]:
    return (
        Option("只有 B 类", frozenset({"B"}),
               "核心体系的 B 类从 5 万元起，比苏州的 B 类窄：苏州 B 类里 1 万到 5 万元的客户去了哪里？"),
        Option("B 类和 C 类", frozenset({"B", "C"}),
               "苏州 B 类从 1 万到 20 万元；核心体系在 5 万元处把它分成两类。同样叫“B 类”，两套方案的范围并不一样。"),
        Option("A2 类和 B 类", frozenset({"A2", "B"}), "A2 类从 20 万元起，而苏州 B 类不到 20 万元，两者没有重叠。"),
        Option("C 类和 D 类", frozenset({"C", "D"}), "D 类是 1 万元以下，苏州 B 类从 1 万元起，不会有客户落进 D 类。"),
    )


@register(
    "03.1",
    "苏州三类方案里的 B 类客户（1 万元到 20 万元），放到核心体系四类方案里，会分在哪几类？",
    hints=(
        "对照两张方案表的“下限”和“上限”两列：苏州 B 类从多少元到多少元？",
        "核心体系在 1 万元和 20 万元之间还有一条分界线；分界线两边各是哪一类？",
    ),
    answer=Choice(_mapping_options),
)
def _suzhou_b_in_core() -> frozenset:
    b, core = _scheme("suzhou_three_class").tier("B"), _scheme("core_four_class")
    return frozenset(t.code for t in core.tiers if t.lower < b.upper and (t.upper is None or t.upper > b.lower))


def _boundary_reveal() -> str:
    from tiering_lib.core.classify import balances_from_text
    from tiering_lib.core.describe import tier_assignments
    from tiering_lib.core.scheme_files import builtin_scheme_names
    from tiering_lib.display import Table

    examples = ["9999.99", "10000", "49999.99", "50000", "199999.99", "200000", "500000", "1000000"]
    table = tier_assignments(balances_from_text(examples), [_scheme(n) for n in builtin_scheme_names()])
    return (
        "<p>同一批余额在三套方案里各属于哪一档（每一档<b>含下限、不含上限</b>）：</p>"
        + Table(table)._repr_html_()
    )


@register(
    "03.2",
    "余额正好 200,000 元的客户，在核心体系四类方案里属于哪一档？先猜，再看结果。",
    answer=Choice(lambda: _tier_options("core_four_class")),
    predict=True,
    reveal=_boundary_reveal,
    explain=lambda e: "20 万元是这一档的下限；每一档含下限，所以正好 20 万元的客户属于从 20 万元开始的那一档。",
)
def _core_code_200k() -> str:
    return _code_of(200_000, "core_four_class")


@register(
    "03.3",
    "核心体系里，C 类客户（1万元-5万元）的余额最多是多少元？（精确到分）",
    hints=(
        "“1万元-5万元”的上限也是“（不含）”：正好 5 万元的客户不在 C 类。",
        "银行记账精确到分（0.01 元）：比上限少一个最小单位，是多少元？",
    ),
    answer=Number("元", tolerance=0, places=2),
    explain=lambda e: "银行按“分”记账，所以 C 类的最高余额比 5 万元少 1 分。",
)
def _c_class_max() -> Fraction:
    return Fraction(_scheme("core_four_class").tier("C").upper - 1, 100)


@register(
    "03.4",
    "总行要求：A 类客户的余额合计至少占全部余额的 12%，同时 A 类客户越少越好。"
    "用上面的门槛探索器（合成数据）试一试：A 类门槛（整数万元）最高可以定在多少万元？",
    "用 sb.amount_at_or_above（门槛 * 1_000_000） 得到 A 类的户数和余额（分），余额除以 sb.total 就是占比。",
    hints=(
        "门槛越低，A 类客户越多，A 类的余额占比也越高。看表格里 A 类那一行的“金额占比”。",
        "从 20 万元开始把 A 类下限一格一格往下拖，找到金额占比第一次达到 12% 的位置。",
    ),
    answer=Number("万元", tolerance=0),
    explain=lambda t: f"门槛 {t} 万元时，A 类余额占比 {float(_a_class(t)[1]):.3%}；再高 1 万元就不到 12% 了。",
)
def _highest_threshold_for_target() -> int:
    return max(t for t in range(1, 201) if _a_class(t)[1] >= A_SHARE_TARGET)


_RATIO_BINS = (("不到 2 倍", 0, 2), ("2 到 4 倍", 2, 4), ("4 到 8 倍", 4, 8), ("8 倍以上", 8, None))


def _ratio_reveal() -> str:
    import pandas as pd

    from tiering_lib.core.money import format_percent, to_decimal
    from tiering_lib.display import Table

    rows = []
    for t in (20, 10):
        households, share = _a_class(t)
        rows.append(
            {"A 类门槛（万元）": t, "A 类户数（户）": households, "A 类余额占比": format_percent(to_decimal(share), 2)}
        )
    return Table(pd.DataFrame(rows))._repr_html_()


@register(
    "03.5",
    "如果把 A 类门槛从 20 万元降到 10 万元，A 类客户的户数会变成原来的多少倍（按合成数据）？先猜，再看结果。",
    answer=Choice(tuple(Option(label, label) for label, _, _ in _RATIO_BINS)),
    predict=True,
    reveal=_ratio_reveal,
    explain=lambda e: "门槛降一半，户数却成倍增加：余额越低的客户越多。A 类客户一多，专属服务就难以做到位。",
)
def _ratio_bin() -> str:
    ratio = Fraction(_a_class(10)[0], _a_class(20)[0])
    return next(label for label, low, high in _RATIO_BINS if ratio >= low and (high is None or ratio < high))


@register(
    "03.6",
    f"课件要求高端客户有专属客户经理。假设一位专属客户经理最多维护 {RM_CAPACITY} 户 A 类客户："
    "把 A 类门槛从 20 万元降到 10 万元，按合成数据，苏州一共要增加多少位专属客户经理？",
    hints=(
        "先读出两个门槛下 A 类的户数：上一题揭晓的表里有，也可以在门槛探索器里拖到 10 万元再看。",
        f"每个门槛下：户数 ÷ {RM_CAPACITY}，有余数就要多配一位（向上取整）；再把两个结果相减。",
    ),
    answer=Number("位", tolerance=1),
    explain=lambda n: "门槛要与服务能力相匹配：降低门槛之前，先算一算要多配多少人。",
)
def _extra_relationship_managers() -> int:
    def needed(t: int) -> int:
        return -(-_a_class(t)[0] // RM_CAPACITY)

    return needed(10) - needed(20)


def _segment_options() -> tuple[Option, ...]:
    return (
        Option("普通客户；看办理业务等候时间", ("普通", "办理业务等候时间"),
               "他抱怨的确实是排队，但分层看的是余额：8 万元不在普通客户的范围里。"),
        Option("中端客户；看办理业务等候时间", ("中端", "办理业务等候时间"), "级别判断对了；但等候时间是哪一级客户的关键指标？"),
        Option("中端客户；看交叉销售率", ("中端", "交叉销售率"),
               "8 万元落在 B 类（5万元-20万元），属于中端客户；中端客户管理重销售。他常来网点，正是介绍产品套餐的好机会。"),
        Option("高端客户；看客户总资产", ("高端", "客户总资产"), "高端客户从 20 万元起，8 万元还差得远。"),
    )


@register(
    "03.7",
    "一位客户存款余额 8 万元，每次来网点只办转账和缴费，常抱怨排队太久。"
    "按核心体系，他属于哪个客户级别？管理这一级客户，首先看哪个关键指标？",
    hints=(
        "先按余额定档：8 万元在核心体系的哪一类？这一类属于哪个客户级别？",
        "每个级别各有一个关键指标，看本节的表格；和他抱怨什么无关。",
    ),
    answer=Choice(_segment_options),
)
def _segment_and_metric() -> tuple[str, str]:
    tier = _scheme("core_four_class").tier(_code_of(80_000, "core_four_class"))
    return tier.segment, tier.key_metric


def _unique_service_keys() -> dict[str, str]:
    """Each segment's first service key that no other segment has (from the deck's service matrix)."""
    from tiering_lib.service.content import service_matrix

    matrix = service_matrix()
    out = {}
    for row in matrix:
        others = {k for r in matrix if r is not row for k in r["service_keys"]}
        out[row["segment"]] = next(k for k in row["service_keys"] if k not in others)
    return out


def _service_options() -> tuple[Option, ...]:
    options = [Option(key, key, f"“{key}”是课件给{segment}客户的服务关键点。") for segment, key in _unique_service_keys().items()]
    return tuple(sorted(options, key=lambda o: o.label))  # a stable order that does not follow the tiers


@register(
    "03.8",
    "一位客户的存款余额 30 万元。按核心体系，下面哪一项是课件列给他这一级客户的服务关键点？",
    hints=(
        "先定档：30 万元属于哪一类、哪个客户级别？",
        "再看本节的表格里这个级别的“服务关键点”。",
    ),
    answer=Choice(_service_options),
)
def _service_key_for_300k() -> str:
    tier = _scheme("core_four_class").tier(_code_of(300_000, "core_four_class"))
    return _unique_service_keys()[tier.segment]
