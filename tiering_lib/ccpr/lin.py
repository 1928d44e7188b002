"""Ms Lin's case (是谁让她"信用破产") as a what-if model: had the bank phoned earlier, or sent the statement.

The deck's facts: 700 元 due in January, no statement received, a phone call
only in April (700 元 due, 1 元 late fee), paid at once, card destroyed and
sent back, a gold card offered and refused, and in September a mortgage
refused because the bank had reported her to the joint credit card centre.

The deck does not say *when* the bank reported her.  The model assumes it
reports an account once it has been overdue for ``report_after_months`` full
months (default 3: January → April), in that month, before a payment made in
the same month — the smallest rule under which the deck's April call still
ends in the report.  Other assumptions, also stated in the notebook:

* Ms Lin pays as soon as she knows (the deck: "得知该情况后,林小姐便将它缴清");
  with the January statement she pays on time; with neither a statement nor a
  call she learns of the debt only when her mortgage is refused in September;
* the late fee is the deck's 1 元 whenever she pays late;
* once she has been overdue she destroys the card (the deck's reaction: no
  other account there for automatic payment, so it could happen again), and the
  bank's gold-card call follows.

Everything is pure and exact (money in 分).
"""

from __future__ import annotations

from dataclasses import dataclass

from tiering_lib.ccpr.case_model import CaseEvent
from tiering_lib.core.money import format_amount, to_fen
from tiering_lib.display import escape
from tiering_lib.errors import DataError

__all__ = [
    "LIN_AMOUNT_DUE",
    "LIN_LATE_FEE",
    "LIN_DECK_CALL_MONTH",
    "LIN_REPORT_AFTER_MONTHS",
    "LinScenario",
    "lin_scenario",
    "lin_call_table",
]

#: Amount due in January, in 分 (the deck: 700 元).
LIN_AMOUNT_DUE = to_fen("700")
#: Late fee, in 分 (the deck: 1 元).
LIN_LATE_FEE = to_fen("1")
#: The month the bank phoned in the deck (April).
LIN_DECK_CALL_MONTH = 4
#: Assumption: the bank reports an account overdue this many full months.
LIN_REPORT_AFTER_MONTHS = 3
_DUE_MONTH = 1
_MORTGAGE_MONTH = 9
_WHO = ("林小姐", "发卡银行")


@dataclass(frozen=True)
class LinScenario:
    """The outcome of one what-if for Ms Lin (build with :func:`lin_scenario`).

    Attributes
    ----------
    statement_sent : bool
        Whether the January statement reached her.
    call_month : int or None
        Month (1–9) the bank phoned, or ``None`` for no call.
    informed_month : int
        Month she learned of the debt.
    informed_by : str
        How: ``"账单"``, ``"银行来电"`` or ``"房贷申请被拒"``.
    months_overdue : int
        Full months between the due month and her payment.
    late_fee : int
        Late fee in 分.
    reported : bool
        Whether she was reported to the joint credit card centre.
    card_kept : bool
        Whether she keeps the card.
    timeline : tuple of CaseEvent
        The recomputed timeline (``at`` = months since January).
    """

    statement_sent: bool
    call_month: int | None
    report_after_months: int
    informed_month: int
    informed_by: str
    months_overdue: int
    late_fee: int
    reported: bool
    card_kept: bool
    timeline: tuple[CaseEvent, ...]
    time_unit: str = "月"

    @property
    def mortgage_ok(self) -> bool:
        """Whether her mortgage application in September goes ahead."""
        return not self.reported

    @property
    def title(self) -> str:
        """A title for the timeline chart."""
        if self.statement_sent:
            return "林小姐：假如一月账单按时寄到"
        if self.call_month is None:
            return "林小姐：假如银行一直没有来电"
        deck = "（课件中的情况）" if self.call_month == LIN_DECK_CALL_MONTH else ""
        return f"林小姐：银行在{self.call_month}月来电{deck}"

    def rows(self) -> list[tuple[str, str]]:
        """The outcome as (item, value) pairs, in Chinese."""
        return [
            ("林小姐得知欠款", f"{self.informed_month}月（{self.informed_by}）"),
            ("逾期月数", f"{self.months_overdue} 个月"),
            ("违约金", f"{format_amount(self.late_fee, '元', 2)} 元"),
            ("报送联合信用卡中心", "是" if self.reported else "否"),
            ("9月申请房贷", "正常受理" if self.mortgage_ok else "受阻：五年内不能办房贷、信贷"),
            ("信用卡", "继续使用" if self.card_kept else "销毁寄回，客户流失"),
        ]

    @property
    def assumption_zh(self) -> str:
        """The model's reporting assumption, in Chinese (the deck does not say when she was reported)."""
        return f"模型假设：逾期满 {self.report_after_months} 个月，银行当月报送联合信用卡中心（课件没有说明报送时间）。"

    def _repr_html_(self) -> str:
        body = "".join(
            f'<tr><td style="text-align:left;padding:2px 8px">{escape(k)}</td>'
            f'<td style="text-align:left;padding:2px 8px"><b>{escape(v)}</b></td></tr>'
            for k, v in self.rows()
        )
        return (
            f'<div class="ccpr-lin"><b>{escape(self.title)}</b>'
            f'<table style="border-collapse:collapse">{body}</table>'
            f'<p style="color:#57606a;font-size:90%">{escape(self.assumption_zh)}</p></div>'
        )

    def __repr__(self) -> str:
        return "\n".join([self.title, *(f"{k}：{v}" for k, v in self.rows()), self.assumption_zh])


def _event(month: int, touchpoint: str, label: str, what: str, breaks=(), honours=(), note="", who=_WHO):
    return CaseEvent(month - _DUE_MONTH, f"{month}月", tuple(who), touchpoint, label, what,
                     tuple(breaks), tuple(honours), note)


def lin_scenario(
    statement_sent: bool = False,
    call_month: int | None = LIN_DECK_CALL_MONTH,
    report_after_months: int = LIN_REPORT_AFTER_MONTHS,
) -> LinScenario:
    """What happens to Ms Lin if the bank sends the statement, or phones in a given month.

    Parameters
    ----------
    statement_sent : bool
        Whether the January statement reaches her (the deck: it did not).
    call_month : int or None
        Month 1–9 in which the bank phones her (the deck: 4, April); ``None`` for no call.
    report_after_months : int
        Assumption: full months overdue after which the bank reports her (default 3).

    Returns
    -------
    LinScenario

    Raises
    ------
    DataError
        If ``call_month`` is not 1–9 or ``report_after_months`` is not 1–8.

    Examples
    --------
    >>> deck = lin_scenario()            # the deck: no statement, call in April
    >>> deck.months_overdue, deck.reported, deck.mortgage_ok, deck.late_fee
    (3, True, False, 100)
    >>> lin_scenario(call_month=2).reported
    False
    >>> lin_scenario(statement_sent=True).late_fee
    0
    """
    _check_months(call_month, report_after_months)
    if statement_sent:
        informed, by = _DUE_MONTH, "账单"
    elif call_month is not None:
        informed, by = call_month, "银行来电"
    else:
        informed, by = _MORTGAGE_MONTH, "房贷申请被拒"
    overdue = informed - _DUE_MONTH
    reported = overdue >= report_after_months
    card_kept = overdue == 0
    events = _statement_events(statement_sent)
    if reported:
        events.append(_report_event(report_after_months))
    if not statement_sent:
        events += _call_events(call_month, overdue, report_after_months)
    if not card_kept:
        events += _leaving_events(informed)
    if call_month is not None or statement_sent:
        events.append(_mortgage_event(reported))
    timeline = tuple(sorted(events, key=lambda e: e.at))  # stable: same-month events keep their order
    fee = LIN_LATE_FEE if overdue else 0
    return LinScenario(bool(statement_sent), call_month, report_after_months, informed, by, overdue, fee,
                       reported, card_kept, timeline)


def _check_months(call_month: int | None, report_after_months: int) -> None:
    def whole(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    if call_month is not None and (not whole(call_month) or not 1 <= call_month <= _MORTGAGE_MONTH):
        raise DataError(f"call_month {call_month!r}：应是 1 到 9 的月份（1月至9月），不回访则为 None")
    if not whole(report_after_months) or not 1 <= report_after_months < _MORTGAGE_MONTH:
        raise DataError(f"report_after_months {report_after_months!r}：应是 1 到 8 的整数月数")


def _statement_events(statement_sent: bool) -> list[CaseEvent]:
    if statement_sent:
        return [
            _event(1, "账单寄送", "一月账单按时寄到", "一月的账单按时寄到，上面写明应缴 700 元和还款日。",
                   honours=["realtime"], note="业务信息及时送到客户手里，客户就能自己按时还款。"),
            _event(1, "还款", "按时还款", "林小姐按账单在还款日前缴清 700 元。", who=("林小姐",)),
        ]
    return [_event(1, "账单寄送", "一月账单没寄到", "一月有一笔 700 元应缴，账单却没有寄到。",
                   breaks=["realtime"], note="账单没有送到，银行没有察觉，也没有跟进。")]


def _report_event(report_after_months: int) -> CaseEvent:
    return _event(_DUE_MONTH + report_after_months, "联合信用卡中心", "被报送联合信用卡中心",
                  f"逾期满 {report_after_months} 个月，银行把她报送联合信用卡中心，事先没有告知她。",
                  breaks=["realtime"], note="报送前没有核实、没有告知一位并非恶意透支的客户。")


def _call_events(call_month: int | None, overdue: int, report_after_months: int) -> list[CaseEvent]:
    """The bank's call and her payment, or, with no call, the refused mortgage that tells her."""
    if call_month is None:
        return [
            _event(9, "房贷申请", "房贷受阻，才知欠款", "九月申请房贷时，她才知道一月的欠款从未缴清。",
                   breaks=["realtime"], note="直到房贷被拒，客户才知道自己欠款。"),
            _event(9, "还款", "缴清欠款", "林小姐缴清欠款和违约金。", who=("林小姐",)),
        ]
    late = overdue >= report_after_months
    return [
        _event(
            call_month, "催缴电话", f"{call_month}月{'才' if late else ''}来电{'催缴' if late else '提醒'}",
            f"银行来电：应缴 700 元{'，违约金 1 元' if overdue else ''}。",
            breaks=["realtime"] if late else [], honours=[] if late else ["realtime"],
            note="电话来得太晚，报送已经发生。" if late else "赶在报送之前提醒，一个电话就避免了后面的一切。",
        ),
        _event(call_month, "还款", "当即缴清", "林小姐得知后马上缴清欠款。", who=("林小姐",)),
    ]


def _leaving_events(informed: int) -> list[CaseEvent]:
    return [
        _event(informed, "卡片寄回", "销毁卡片寄回", "担心再次发生，她把卡片销毁寄回。", who=("林小姐",)),
        _event(informed, "挽留电话", "来电推金卡，被拒", "银行来电提出发金卡，她拒绝了。",
               breaks=["personalized"], note="挽留没有回应她真正担心的事。"),
    ]


def _mortgage_event(reported: bool) -> CaseEvent:
    if reported:
        return _event(9, "房贷申请", "房贷受阻", "九月申请房贷时，发现自己已成为各银行的拒绝往来客户。",
                      breaks=["realtime"], note="一笔 700 元的欠款，让她“信用破产”。")
    return _event(9, "房贷申请", "房贷正常受理", "九月申请房贷，信用记录良好，正常受理。", who=("林小姐",))


def lin_call_table(report_after_months: int = LIN_REPORT_AFTER_MONTHS):
    """Outcomes without the statement, for a call in each month 1–9 and for no call.

    Returns
    -------
    pandas.DataFrame
        One row per call month (``'1月'`` … ``'9月'``, ``'不打电话'``), columns as in
        :meth:`LinScenario.rows`.

    Examples
    --------
    >>> t = lin_call_table()
    >>> t.loc["3月", "报送联合信用卡中心"], t.loc["4月", "报送联合信用卡中心"]
    ('否', '是')
    """
    import pandas as pd

    index, rows = [], []
    for month in [*range(1, _MORTGAGE_MONTH + 1), None]:
        s = lin_scenario(False, month, report_after_months)
        index.append("不打电话" if month is None else f"{month}月")
        rows.append(dict(s.rows()[1:]))
    frame = pd.DataFrame(rows, index=pd.Index(index, name="银行来电的月份"))
    return frame
