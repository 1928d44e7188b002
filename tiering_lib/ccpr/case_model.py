"""CCPR case studies as data: the frozen :class:`Case` a case file becomes, and the file-name rule.

The file format and its validation are in :mod:`tiering_lib.ccpr.case_schema`;
reading files and folders is in :mod:`tiering_lib.ccpr.cases`.  Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CasePerson", "CaseEvent", "Case", "SOURCES", "TIME_UNITS", "case_id_from_file"]

#: Allowed values of ``source``: the training deck, or written for this course.
SOURCES = ("课件", "本课程编写")
#: Allowed values of ``time_unit`` (the unit of every event's ``at``).
TIME_UNITS = ("分钟", "小时", "天", "月")
_FILE_NAME = re.compile(r"^(?:\d+_)?([a-z0-9_]+)\.ya?ml$")


def case_id_from_file(name: str) -> str | None:
    """The case id a file name ``NN_<id>.yaml`` stands for (``"01_address.yaml"`` → ``"address"``), or None.

    Examples
    --------
    >>> case_id_from_file("01_address.yaml"), case_id_from_file("Bad-Name.yaml")
    ('address', None)
    """
    m = _FILE_NAME.match(name)
    return m.group(1) if m else None


@dataclass(frozen=True)
class CasePerson:
    """A person or bank unit in a case."""

    name: str
    role: str


@dataclass(frozen=True)
class CaseEvent:
    """One event of a case's timeline.

    Attributes
    ----------
    at : int or float
        Elapsed time since the first event, in the case's ``time_unit``.
    when : str
        The time as the story tells it ("一月份", "一个月后").
    who : tuple of str
        Names of the people and units involved.
    touchpoint : str
        Where the customer meets the bank (接触点).
    label : str
        A few words for the timeline chart.
    what : str
        What happened.
    breaks, honours : tuple of str
        Codes of the CCPR standards the event breaks or honours.
    note : str
        Why it breaks or honours them (shown as the quiz explanation).
    """

    at: int | float
    when: str
    who: tuple[str, ...]
    touchpoint: str
    label: str
    what: str
    breaks: tuple[str, ...] = ()
    honours: tuple[str, ...] = ()
    note: str = ""

    @property
    def effect(self) -> str:
        """``"breaks"``, ``"honours"`` (breaks win when both) or ``"neutral"``."""
        return "breaks" if self.breaks else "honours" if self.honours else "neutral"


@dataclass(frozen=True)
class Case:
    """A validated case study (build with :func:`load_case` / :func:`load_cases`)."""

    id: str
    title: str
    source: str
    source_note: str
    standards: tuple[str, ...]
    customer_group: str
    time_unit: str
    summary: str
    people: tuple[CasePerson, ...]
    units: tuple[CasePerson, ...]
    timeline: tuple[CaseEvent, ...]
    root_cause: str
    consequence_customer: str
    consequence_bank: str
    questions: tuple[str, ...]
    model_answers: tuple[str, ...]
    good_practice_summary: str
    good_practice_steps: tuple[str, ...]
    quiz_standard: str
    quiz_touchpoint: str
    quiz_explanation: str
    quiz_kind: str
    file: str

    @property
    def written_for_course(self) -> bool:
        """Whether the case was written for this course (not taken from the deck)."""
        return self.source == "本课程编写"

    @property
    def source_label(self) -> str:
        """``'课件案例'`` or ``'本课程编写'``, as the notebook shows it."""
        return "本课程编写" if self.written_for_course else "课件案例"

    @property
    def touchpoints(self) -> tuple[str, ...]:
        """The touchpoints of the timeline, in order of first appearance."""
        return tuple(dict.fromkeys(e.touchpoint for e in self.timeline))

    @property
    def key_event(self) -> CaseEvent:
        """The first event at the quiz's touchpoint that breaks/honours the quiz's standard."""
        return next(
            e for e in self.timeline
            if e.touchpoint == self.quiz_touchpoint and self.quiz_standard in getattr(e, self.quiz_kind)
        )

    @property
    def elapsed(self) -> int | float:
        """Time from the first to the last event, in ``time_unit``."""
        return self.timeline[-1].at - self.timeline[0].at

    def __repr__(self) -> str:
        return f"<案例 {self.id}：{self.title}（{self.source_label}）>"

    def _repr_html_(self) -> str:
        from tiering_lib.ccpr.case_display import story_html

        return story_html(self)

    def analysis(self):
        """The case's analysis (standards per event, root cause, good practice) for display."""
        from tiering_lib.ccpr.case_display import CaseAnalysis

        return CaseAnalysis(self)
