"""A CCPR self-assessment for the learner's own branch.

Three statements per standard, each rated 1 (完全不符合) to 5 (完全符合).  A
standard's score is the exact mean of its ratings (a Fraction, shown to one
decimal); the weakest standard is the one with the lowest score (ties keep
the deck's order C, C, P, R) and the improvement directions for it are the
course's, built on the deck's reasoning (:data:`tiering_lib.CCPR_STANDARDS`,
``actions_zh``; shown as 本课程补充).  The statements are the course's too.  Pure and exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from tiering_lib.ccpr.standards import CCPR_STANDARDS, CcprStandard, ccpr_standard
from tiering_lib.core.money import to_decimal
from tiering_lib.display import escape
from tiering_lib.errors import DataError, TieringError

__all__ = [
    "SELF_ASSESSMENT_STATEMENTS",
    "RATING_LABELS",
    "EXAMPLE_RATINGS",
    "SelfAssessment",
    "score_self_assessment",
    "self_assessment_table",
]

#: The statements rated for each standard (by the standard's code).
SELF_ASSESSMENT_STATEMENTS: dict[str, tuple[str, ...]] = {
    "convenient": (
        "客户在本网点能办结的业务，我们不会让他跑第二趟，也不会推给其他部门。",
        "我们定期以客户的身份把常办业务走一遍，删去不必要的环节和材料。",
        "营业时间和办理渠道（自助设备、手机银行、上门服务）照顾到了上班族、外出务工人员和行动不便的老人。",
    ),
    "care": (
        "员工能叫出常来客户的称呼，见到客户主动问候。",
        "老年客户在自助设备前遇到困难时，总有员工陪在旁边，而不是只指向机器。",
        "客户今天不买产品，员工也一样耐心、友好。",
    ),
    "personalized": (
        "我们为中高端客户建立了客户档案，记下他们的需求、偏好和拒绝过的产品。",
        "柜台和客户经理联系客户前会先看档案，不重复推荐客户拒绝过的产品。",
        "我们按客户的生活和经营节奏（备货、学费、养老金发放日等）主动提出建议。",
    ),
    "realtime": (
        "大堂经理能在现场识别贵宾客户和急办客户，并及时分流。",
        "客户的地址、电话等信息变更后，当天就在各系统生效。",
        "账户出现异常（逾期、退信、代扣失败）时，几天之内就有人主动联系客户。",
    ),
}

#: Heading of the improvement directions: they are the course's, built on the deck's reasoning.
IMPROVEMENT_HEADING = "改进方向（本课程补充，依据课件对这条标准的说法）"

#: What each rating means.
RATING_LABELS = {1: "完全不符合", 2: "不太符合", 3: "一般", 4: "比较符合", 5: "完全符合"}

#: An example branch's ratings (the widget's starting point; replace with your own).
EXAMPLE_RATINGS: dict[str, tuple[int, ...]] = {
    "convenient": (4, 3, 3),
    "care": (4, 4, 5),
    "personalized": (3, 2, 3),
    "realtime": (3, 2, 2),
}


@dataclass(frozen=True)
class SelfAssessment:
    """The scored self-assessment (build with :func:`score_self_assessment`).

    Attributes
    ----------
    ratings : dict
        Standard code → its ratings, in statement order.
    scores : dict
        Standard code → exact mean rating (Fraction).
    """

    ratings: dict[str, tuple[int, ...]]
    scores: dict[str, Fraction]

    @property
    def weakest(self) -> CcprStandard:
        """The standard with the lowest score (the first in CCPR order on a tie)."""
        low = min(self.scores.values())
        return next(s for s in CCPR_STANDARDS if self.scores[s.code] == low)

    @property
    def tied_weakest(self) -> tuple[CcprStandard, ...]:
        """Every standard sharing the lowest score."""
        low = min(self.scores.values())
        return tuple(s for s in CCPR_STANDARDS if self.scores[s.code] == low)

    def score_text(self, code: str) -> str:
        """A standard's score rounded half up to one decimal, e.g. ``'2.3'``."""
        f = self.scores[code]
        return str(to_decimal(f, 1))

    def weakest_statements(self) -> tuple[str, ...]:
        """The weakest standard's statements with its lowest rating."""
        code = self.weakest.code
        low = min(self.ratings[code])
        return tuple(t for t, r in zip(SELF_ASSESSMENT_STATEMENTS[code], self.ratings[code]) if r == low)

    def summary_zh(self) -> str:
        """The verdict as one paragraph of Chinese text."""
        parts = "，".join(f"{s.short_zh} {self.score_text(s.code)} 分" for s in CCPR_STANDARDS)
        tied = self.tied_weakest
        head = f"四项得分：{parts}。"
        if len(tied) == len(CCPR_STANDARDS):
            return head + "四项得分相同，没有明显的短板；可以从第一条标准“让客户更方便”做起。"
        names = "、".join(f"“{s.name_zh}”" for s in tied)
        tie = "（并列最低，先从第一项做起）" if len(tied) > 1 else ""
        return head + f"最弱的是{names}{tie}。"

    def _repr_html_(self) -> str:
        w = self.weakest
        actions = "".join(f"<li>{escape(a)}</li>" for a in w.actions_zh)
        low = "".join(f"<li>{escape(t)}</li>" for t in self.weakest_statements())
        return (
            f'<div class="ccpr-assessment"><p>{escape(self.summary_zh())}</p>'
            f"<p><b>“{escape(w.name_zh)}”里得分最低的说法</b></p><ul>{low}</ul>"
            f"<p><b>{IMPROVEMENT_HEADING}</b></p><ol>{actions}</ol></div>"
        )

    def __repr__(self) -> str:
        w = self.weakest
        lines = [self.summary_zh(), f"“{w.name_zh}”里得分最低的说法："]
        lines += [f"  - {t}" for t in self.weakest_statements()]
        lines.append(f"{IMPROVEMENT_HEADING}：")
        lines += [f"  {i}. {a}" for i, a in enumerate(w.actions_zh, start=1)]
        return "\n".join(lines)


def _rating(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise DataError(f"{where}：评分 {value!r} 应是 1 到 5 的整数（1 = 完全不符合，5 = 完全符合）")
    return value


def score_self_assessment(ratings: Mapping[Any, Any]) -> SelfAssessment:
    """Score a CCPR self-assessment.

    Parameters
    ----------
    ratings : mapping
        For each of the four standards (English word or Chinese name), its
        ratings 1–5, one per statement of :data:`SELF_ASSESSMENT_STATEMENTS`.

    Returns
    -------
    SelfAssessment

    Raises
    ------
    DataError
        If a standard is missing or unknown, a count is wrong, or a rating is not 1–5.

    Examples
    --------
    >>> a = score_self_assessment(EXAMPLE_RATINGS)
    >>> a.weakest.short_zh, a.score_text("realtime"), a.scores["personalized"]
    ('立即响应', '2.3', Fraction(8, 3))
    >>> score_self_assessment({"方便": [5, 5, 5], "亲切": [1, 2, 3],
    ...                        "个人化": [4, 4, 4], "立即响应": [3, 3, 3]}).weakest.code
    'care'
    """
    given: dict[str, tuple[int, ...]] = {}
    for key, values in ratings.items():
        try:
            code = ccpr_standard(key).code
        except TieringError as exc:
            raise DataError(f"评分：{exc}") from None
        statements = SELF_ASSESSMENT_STATEMENTS[code]
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) != len(statements):
            raise DataError(f"“{key}”的评分：应有 {len(statements)} 个，每条表述一个，这里是 {values!r}")
        given[code] = tuple(_rating(v, f"“{key}”第 {i + 1} 项评分") for i, v in enumerate(values))
    missing = [s.short_zh for s in CCPR_STANDARDS if s.code not in given]
    if missing:
        raise DataError(f"评分：缺少{'、'.join(missing)}；四项标准都要评")
    ordered = {s.code: given[s.code] for s in CCPR_STANDARDS}
    scores = {code: Fraction(sum(r), len(r)) for code, r in ordered.items()}
    return SelfAssessment(ordered, scores)


def self_assessment_table():
    """The self-assessment's statements as a table, for print (the widget shows the same statements).

    Returns
    -------
    pandas.DataFrame
        Indexed by 标准 and 序号, one column 说法; three rows per standard, in CCPR order.

    Examples
    --------
    >>> t = self_assessment_table()
    >>> len(t), t.index[0][0]
    (12, '让客户更方便')
    """
    import pandas as pd

    rows = [
        [s.name_zh, i, text]
        for s in CCPR_STANDARDS
        for i, text in enumerate(SELF_ASSESSMENT_STATEMENTS[s.code], start=1)
    ]
    return pd.DataFrame(rows, columns=["标准", "序号", "说法"]).set_index(["标准", "序号"])
