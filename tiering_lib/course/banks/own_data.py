"""Exercises of notebook 09 (your own branch data), answered in widgets without code.

Every expected answer is computed from the synthetic sample exports through the
loader, the report and the deck's maintenance process: what the loader does
with a row, what a wrong unit does to the tiers, what the report hides and how
pseudonyms behave, what saving twice does.  Hints never need Python and never
name the answer (tests/course checks both).
"""

from __future__ import annotations

from functools import lru_cache

from tiering_lib.course.answers import Choice, Number, Option
from tiering_lib.course.exercises import register

SCIENTIFIC_CELL = "1.23457E+11"  # the messy sample's cell that Excel turned into scientific notation
CELL_WITH_UNIT, HEADER_UNIT = "8.6万", "万元"  # 09.4: a cell that states its unit, under a 万元 header


@lru_cache(maxsize=4)
def _sample(kind: str, unit: str | None = None):
    from tiering_lib.io.loader import load_sample_export

    return load_sample_export(kind, unit=unit)


def _core():
    from tiering_lib.core.scheme_files import builtin_scheme

    return builtin_scheme("core_four_class")


def _a_households(unit: str | None = None) -> int:
    table = _sample("messy", unit).table(_core())
    return table.households_of("A1") + table.households_of("A2")


def _html(table) -> str:
    return table._repr_html_()


# ---------------------------------------------------------------- 09.1 a cell in scientific notation
def _scientific_reveal() -> str:
    import pandas as pd

    from tiering_lib.display import Table

    m = _sample("messy")
    rows = [{"行号": r.row, "原因": r.reason_zh, "说明": r.detail} for r in m.rejected if SCIENTIFIC_CELL in r.cells]
    return (
        f"<p>这一行在“问题数据”里（全文件读取 {m.rows_read:,} 行 = 接受 {m.n_accepted:,} 行 + "
        f"拒绝 {m.n_rejected:,} 行，一行不少）：</p>" + _html(Table(pd.DataFrame(rows)))
    )


@register(
    "09.1",
    f"“乱”导出里有一位客户的余额写成了 {SCIENTIFIC_CELL}（在 Excel 里打开 CSV 再保存，长数字就会变成这样）。"
    "读入时，这一行会怎样？先猜，再看结果。",
    answer=Choice((
        Option("按 123,457,000,000 元采用，这位客户分进 A 类", "accepted"),
        Option("整个文件读不了，要先把这一格改好", "file_error"),
        Option("这一行不采用，写明原因，列进“问题数据”", "rejected"),
        Option("这一行被悄悄跳过，报告里看不到", "dropped"),
    )),
    predict=True,
    reveal=_scientific_reveal,
    explain=lambda e: "科学计数法只留下 6 位有效数字，后面几位已经丢了，谁也不知道原来是多少：不能猜，"
    "只能回系统重新导出。其余各行照常读取，这一行也不会悄悄消失。",
)
def _scientific_row() -> str:
    m = _sample("messy")
    if any(SCIENTIFIC_CELL in r.cells and r.reason == "scientific" for r in m.rejected):
        return "rejected"
    return "dropped" if m.n_accepted + m.n_rejected < m.rows_read else "accepted"


# ---------------------------------------------------------------- 09.2 the same customer twice
@register(
    "09.2",
    "“乱”导出里有一位客户的客户号出现了两次，两个余额不一样，两行都没有被采用。"
    "同事说：“取余额大的那一行就行，省得客户被分低了。”你怎么看？",
    hints=(
        "两个余额哪一个对，报告自己能判断吗？谁才能判断？",
        "想一想课件对客户维护流程中“管理客户信息”这一步的要求：客户信息要怎样？",
    ),
    answer=Choice((
        Option("同意：取余额大的那一行，客户不会被分低，也不用麻烦系统", "larger",
               "哪个余额对，只有系统知道。取大值可能把客户分高，专属客户经理、定期联络这些有限的服务就会投错人。"),
        Option("回系统核实后重新导出；核实之前，这位客户不计入任何一层", "verify",
               "课件要求管理客户信息要“确保客户信息完整、准确”。报告不替系统猜：问题交给负责数据的同事在系统里改正。"),
        Option("把两行的余额加起来算作一位客户，活期、定期都算上", "sum",
               "也许一行是活期、一行是定期，该相加；也可能是两位客户被错配了同一个客户号。不核实就相加，同样是在猜。"),
        Option("直接删掉这两行，让报告看起来干净、没有问题", "delete",
               "删掉了，就没有人知道还有这位客户：问题没解决，还少算了一位客户。每一行都有交代，正是为了让问题看得见。"),
    )),
)
def _duplicate_policy() -> str:
    m = _sample("messy")
    rows = [r for r in m.rejected if r.reason == "duplicate_conflict"]
    keys = {r.cells[0] for r in rows}
    accepted = set(m.customer_ids or ())
    return "verify" if rows and not keys & accepted else "larger"


# ---------------------------------------------------------------- 09.3 the wrong unit
def _wrong_unit_bins() -> tuple[tuple[str, int, int], ...]:
    n = _sample("messy").n_accepted
    return (
        ("还是这么几户，差不了多少", 0, 10),
        ("十几户到几十户", 10, 50),
        ("五十户以上，但不是全部", 50, n),
        (f"全部 {n:,} 位客户都成了 A 类", n, n + 1),
    )


def _wrong_unit_reveal() -> str:
    import pandas as pd

    from tiering_lib.display import Table

    right, wrong = _sample("messy").table(_core()), _sample("messy", "万元").table(_core())
    rows = [
        {"层级": t.name_zh, "按元读（户）": right.households_of(t.code), "误按万元读（户）": wrong.households_of(t.code)}
        for t in reversed(_core().tiers)
    ]
    return _html(Table(pd.DataFrame(rows), caption="“乱”导出按核心体系分层，两种读法的户数"))


@register(
    "09.3",
    "如果把“乱”导出的余额误当成万元读入（其实是元），核心体系的 A 类客户（A1 和 A2 合计）会变成多少户？先猜，再看结果。",
    answer=Choice(lambda: tuple(Option(label, label) for label, _, _ in _wrong_unit_bins())),
    predict=True,
    reveal=_wrong_unit_reveal,
    explain=lambda e: f"单位错一级，金额就差一万倍：A 类客户从 {_a_households():,} 户变成 {_a_households('万元'):,} 户，"
    "原来 1 万元以下的客户一下子成了“高端客户”。读数据之前，先确认单位。",
)
def _wrong_unit_bin() -> str:
    n = _a_households("万元")
    return next(label for label, low, high in _wrong_unit_bins() if low <= n < high)


# ---------------------------------------------------------------- 09.4 a cell that states its unit
@register(
    "09.4",
    f"另一家网点的导出，余额列的表头是“余额（{HEADER_UNIT}）”，其中一格写着“{CELL_WITH_UNIT}”。"
    "按本节的规则，这位客户的余额是多少元？",
    hints=(
        "格子里自己写了单位时，以谁为准：格子，还是表头？",
        "“万”已经写在格子里，就不再按表头的万元再换算一次。",
    ),
    answer=Number("元", tolerance=0),
    explain=lambda e: "格子里写了单位，就以格子为准；表头的单位只管没写单位的格子。",
)
def _cell_unit_wins() -> int:
    from tiering_lib.io.amounts import parse_amount

    return parse_amount(CELL_WITH_UNIT, HEADER_UNIT) // 100


# ---------------------------------------------------------------- 09.5 which column is hidden whole
def _hidden_reveal() -> str:
    return "<p>示例导出“cards”的每一列在报告中怎样显示：</p>" + _html(_sample("cards").privacy_table())


@register(
    "09.5",
    "示例导出“cards”有 卡号、户名、联系电话、账户余额、客户经理、备注 六列。报告里哪一列会整列隐藏，"
    "只显示“（已隐藏）”？先猜，再看结果。",
    answer=Choice((
        Option("户名", "户名"),
        Option("备注", "备注"),
        Option("卡号", "卡号"),
        Option("客户经理", "客户经理"),
    )),
    predict=True,
    reveal=_hidden_reveal,
    explain=lambda e: f"“{e}”是自由文本：里面可能写着配偶、联系人的姓名，而夹在文字里的姓名没有办法可靠地找出来，"
    "所以默认整列隐藏。户名、客户经理只保留第一个字，卡号换成化名。",
)
def _hidden_column() -> str:
    c = _sample("cards")
    [hidden] = [c.header[i] for i in c.hidden_columns]
    return hidden


# ---------------------------------------------------------------- 09.6 pseudonyms
@register(
    "09.6",
    "“cards”导出用卡号当客户号，报告里换成了“化名-”加 16 位编码。下面哪种说法对？",
    hints=(
        "看“问题数据”里客户号重复的那两行：它们的化名一样吗？",
        "再运行一次读入“cards”的格子，看看同一位客户的化名变了没有。",
    ),
    answer=Choice((
        Option("化名就是加密后的卡号，需要查的时候可以解密还原成卡号", "reversible",
               "化名由每次读取时随机生成的密钥算出，密钥用完就丢掉了，谁也还原不了。"),
        Option("每一行随机给一个化名，同一张卡在两行里化名也不一样", "per_row",
               "那样就发现不了重复的客户了：看看“问题数据”里客户号重复的那两行。"),
        Option("化名在每份报告里都一样，可以用来逐月跟踪同一位客户", "stable",
               "化名每次读取都不一样：跨月对照，要回到系统里用原来的号码。"),
        Option("同一张卡在这份报告里化名相同，能查出重复；但还原不了卡号，也不能跨报告对照", "within",
               "报告要能核对重复，又不能泄露卡号：同一次读取里同号同名，换一次读取就全都变了。"),
    )),
)
def _pseudonyms() -> str:
    from tiering_lib.io.loader import load_sample_export

    first, second = load_sample_export("cards"), load_sample_export("cards")
    pair = [r.cells[0] for r in first.rejected if r.reason == "duplicate_conflict"]
    if len(set(pair)) != 1:
        return "per_row"
    return "within" if first.customer_ids[0] != second.customer_ids[0] else "stable"


# ---------------------------------------------------------------- 09.7 saving twice
_SAVE_OPTIONS = (
    Option("新报告覆盖旧文件", "overwritten"),
    Option("自动另存为一个新名字，例如加上“（1）”", "renamed"),
    Option("不保存，并说明文件已经存在、怎样才会覆盖", "refused"),
    Option("出现一大段红色的程序错误", "crashed"),
)


def _save_twice():
    """Save the messy report twice under one name in a temporary folder: what happened, and the second message."""
    import tempfile
    from pathlib import Path

    from tiering_lib.course.report_saver import save_report
    from tiering_lib.io.report import tier_report

    report = tier_report(_sample("messy"))
    with tempfile.TemporaryDirectory() as folder:
        first = save_report(report, "分层报告.xlsx", folder=folder)
        before = first.path.read_bytes()
        second = save_report(report, "分层报告.xlsx", folder=folder)
        files = sorted(p.name for p in Path(folder).iterdir())
        same = first.path.read_bytes() == before
    if second.saved:
        return ("renamed" if len(files) > 1 else "overwritten"), second
    return ("refused" if same and files == ["分层报告.xlsx"] else "overwritten"), second


def _save_reveal() -> str:
    return "<p>再保存一次时，笔记本里显示的是：</p>" + _save_twice()[1]._repr_html_()


@register(
    "09.7",
    "你已经把报告保存成“分层报告.xlsx”。没有勾选“覆盖同名文件”，又点了一次“保存报告”，会怎样？先猜，再看结果。",
    answer=Choice(_SAVE_OPTIONS),
    predict=True,
    reveal=_save_reveal,
    explain=lambda e: "报告绝不悄悄覆盖已有的文件：旧报告可能是上个月的，也可能已经改过、批注过。确实要替换时，要明确说出来。",
)
def _second_save() -> str:
    return _save_twice()[0]


# ---------------------------------------------------------------- 09.8 after the report: the deck's process
@register(
    "09.8",
    "报告做好了：“客户明细”里有每位客户的层级，“问题数据”里列着要核实的行。按课件的客户维护流程，接下来最该做的是什么？",
    hints=(
        "翻到第 08 章（或课件）的“客户维护流程”表：头两项是什么？",
        "分层是为了把有限的服务用在该用的客户身上；问题数据则要回到源头改正。",
    ),
    answer=Choice((
        Option("把“客户明细”发到网点的微信群，请客户经理们各自认领客户", "share",
               "报告虽已脱敏，仍是内部资料；课件要求给高端客户“提供个性化、私密化服务”，客户信息更不能随手转发。"),
        Option("先给全部客户打一遍营销电话，看看谁有理财需求", "call_all",
               "分层正是为了不再对所有客户一个样：普通客户重交易，关键指标是办理业务等候时间，不是电话营销。"),
        Option("为 A 类客户配专属客户经理、建立一对一的维护关系；问题数据交回系统核实", "maintain",
               "这正是课件“客户维护流程”表里的头两项：建立维护关系（一对一），管理客户信息（完整、准确）。"),
        Option("等“问题数据”全部核实完、报告里一个问题都没有了，再开始维护客户", "wait",
               "已经分好层的客户不必等：核实数据和维护客户可以同时进行。"),
    )),
)
def _next_step() -> str:
    from tiering_lib.service.content import maintenance_guide

    steps = [p["step"] for p in maintenance_guide()["process"]]
    return "maintain" if steps[:2] == ["建立维护关系", "管理客户信息"] else "wait"
