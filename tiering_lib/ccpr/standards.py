"""CCPR: the deck's four standards of customer relationship management, as data.

The deck (§8 of the seed notes) reports a consultancy's study of customers'
experience at bank touch points (接触点), summed up as four standards:

* C — Convenient, 让客户更方便 (case 永远改不了的地址; management inertia);
* C — Care, 对客户更亲切 (care over technology);
* P — Personalized, 个人化 ("one bank per customer");
* R — Realtime, 立即响应 (case 是谁让她"信用破产"; people and technology).

The two Cs share a letter, so code refers to a standard by its English word
(``"convenient"``, ``"care"``, ``"personalized"``, ``"realtime"``); learners
may also write its Chinese short name (``"方便"``, ``"亲切"``, ``"个人化"``,
``"立即响应"``) or full name.  :func:`ccpr_standard` accepts all of them.

The reasoning of each standard is the deck's (paraphrased); the improvement
directions (``actions_zh``) are the course's own, built on that reasoning.

"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tiering_lib.errors import TieringError

__all__ = [
    "CcprStandard",
    "CCPR_STANDARDS",
    "ccpr_standard",
    "ccpr_table",
]


@dataclass(frozen=True)
class CcprStandard:
    """One of the four CCPR standards.

    Attributes
    ----------
    code : str
        English word used in code and case files, e.g. ``"convenient"``.
    letter : str
        Its letter in "CCPR".
    name_en : str
        English name, as the deck prints it (``"Convenient"``).
    name_zh : str
        The deck's Chinese name (``"让客户更方便"``).
    short_zh : str
        Short Chinese name used in charts and quizzes (``"方便"``).
    reasoning_zh : tuple of str
        The deck's reasoning, one point per item (paraphrased, not quoted).
    actions_zh : tuple of str
        Improvement directions for a branch, written for this course from the
        deck's reasoning (not the deck's text: shown to learners as 本课程补充).
    """

    code: str
    letter: str
    name_en: str
    name_zh: str
    short_zh: str
    reasoning_zh: tuple[str, ...]
    actions_zh: tuple[str, ...]

    @property
    def label_zh(self) -> str:
        """Short name with the English word, e.g. ``'方便（Convenient）'``."""
        return f"{self.short_zh}（{self.name_en}）"


#: The four standards in the deck's order.
CCPR_STANDARDS: tuple[CcprStandard, ...] = (
    CcprStandard(
        "convenient", "C", "Convenient", "让客户更方便", "方便",
        (
            "管理惰性是影响银行做到“更方便”的主要原因：管理者只从自身角度设计流程和制度，不考虑或很少考虑客户的感受。",
            "多种报表、授权把风险责任加到业务流程中，结果风险没有控制住，手续却越来越繁琐；咨询热线也需要反思。",
            "减少管理惰性的最好办法，是在设计流程和制度时经常换位思考。",
        ),
        (
            "设计或检查流程时换位思考：以客户身份把常办业务走一遍，数一数客户要跑几趟、等多久。",
            "清理只为管理方便而设的报表、授权和环节，不把风险责任转嫁给客户。",
            "能在网点办结的业务就在网点办结，不把客户推给其他部门（首问负责）。",
            "反思咨询热线：客户打一次电话，能不能把事情办完。",
        ),
    ),
    CcprStandard(
        "care", "C", "Care", "对客户更亲切", "亲切",
        (
            "即便产品不是最好（一家银行不可能永远保证产品最好），银行和客户间优质的关系也会让客户依旧忠诚。",
            "客户也许无法判断哪一种信用卡更适合他，但他能判断哪一家银行的工作人员更亲切和友好。",
            "不能过分依赖“技术”，“用心”最重要。",
        ),
        (
            "把“用心”放在“技术”前面：引导客户使用机具时陪在旁边，不会用的直接安排人工办理。",
            "让每位员工都比同业更亲切、友好：称呼客户、主动问候、耐心解释。",
            "产品不占优势时，靠优质的关系留住客户，而不是只比价格和收益。",
        ),
    ),
    CcprStandard(
        "personalized", "P", "Personalized", "个人化", "个人化",
        (
            "每个客户都希望被重视。",
            "建立客户档案是前提，要注意收集客户个人化的信息；充分挖掘网上银行在个性化服务方面的优势。",
            "挪威联合银行提出“每个客户一家银行”：把每个客户作为独立单元，通过行为追踪分析发现其行为模式与偏好，制定相应的应对策略和营销方案。",
        ),
        (
            "为中高端客户建立客户档案，及时记录需求、偏好和已拒绝过的产品。",
            "联系客户之前先看档案，按客户的生活和经营节奏提出建议。",
            "用交易行为找出客户的模式和偏好（“每个客户一家银行”），定制服务方案。",
        ),
    ),
    CcprStandard(
        "realtime", "R", "Realtime", "立即响应", "立即响应",
        (
            "银行的快速反应机制主要包括两个方面：人和技术。",
            "人的响应：网点客户现场识别及分流、危机处理、一站式服务。",
            "技术的响应：客户信息及时更新，业务信息及时知悉。",
            "林小姐的案例：银行如能提前电话告知她还款，就不会发生后面的事。",
        ),
        (
            "网点现场识别客户并分流：大堂经理先问清业务，急办和贵宾客户及时引导。",
            "出了问题第一时间联系客户（危机处理），提前告知，而不是事后“讲道理”。",
            "提供一站式服务，客户的一件事由一个人负责到底。",
            "客户信息变更当天生效，账户异常（逾期、退信）当天有人知道、有人跟进。",
        ),
    ),
)

_ALIASES: dict[str, str] = {}
for _s in CCPR_STANDARDS:
    for _alias in (_s.code, _s.name_en.lower(), _s.name_zh, _s.short_zh, _s.label_zh):
        _ALIASES[_alias] = _s.code


def ccpr_standard(name: Any) -> CcprStandard:
    """The CCPR standard called ``name`` (English word, Chinese short or full name).

    Raises
    ------
    TieringError
        If ``name`` is not one of the four standards; the message lists them.

    Examples
    --------
    >>> ccpr_standard("亲切").code
    'care'
    >>> ccpr_standard("Realtime").name_zh
    '立即响应'
    """
    if isinstance(name, CcprStandard):
        return name
    key = str(name).strip()
    code = _ALIASES.get(key) or _ALIASES.get(key.lower())
    if code is None:
        known = "、".join(f"{s.code}（{s.short_zh}）" for s in CCPR_STANDARDS)
        raise TieringError(f"没有名为 {name!r} 的 CCPR 标准；可选：{known}")
    return next(s for s in CCPR_STANDARDS if s.code == code)


def ccpr_table():
    """The four standards as a table: letter, names and the deck's reasoning (paraphrased).

    Returns
    -------
    pandas.DataFrame
        Indexed by 标准 (the Chinese name); columns 字母, 英文, 课件的理由（概括）.

    Examples
    --------
    >>> ccpr_table().index.tolist()
    ['让客户更方便', '对客户更亲切', '个人化', '立即响应']
    """
    import pandas as pd

    rows = [[s.name_zh, s.letter, s.name_en, "".join(s.reasoning_zh)] for s in CCPR_STANDARDS]
    return pd.DataFrame(rows, columns=["标准", "字母", "英文", "课件的理由（概括）"]).set_index("标准")
