"""The schema of a case file (``casestudies/README.md``) as pydantic models, and :func:`case_from_dict`.

:class:`CaseFile` checks the parsed YAML of one file: field names and types
(unknown fields refused, with the nearest known name suggested), then the
cross-field rules (the id matches the file name, every name in ``who`` is
listed, every standard named is listed, the timeline is in time order from 0,
one model answer per question, an unambiguous quiz).  The first problem
raises a :class:`~tiering_lib.errors.CaseError` naming the file and the field
(``timeline[2].at``) and saying what to do, in Chinese.

This module imports pydantic: :mod:`tiering_lib.ccpr.cases` imports it only
when a file is read.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tiering_lib.ccpr.case_model import SOURCES, TIME_UNITS, Case, CaseEvent, CasePerson, case_id_from_file
from tiering_lib.ccpr.standards import CCPR_STANDARDS, ccpr_standard
from tiering_lib.datasets.validation import FileModel, Number, Text, rule_error, validate_file
from tiering_lib.errors import CaseError, TieringError

__all__ = ["CaseFile", "case_from_dict"]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _standard_code(value: str) -> str:
    try:
        return ccpr_standard(value).code
    except TieringError:
        known = "、".join(f"{s.code}（{s.short_zh}）" for s in CCPR_STANDARDS)
        raise PydanticCustomError(
            "unknown_standard", "“{value}”不是 CCPR 的标准；请写 {known} 之一", {"value": value, "known": known}
        ) from None


#: A non-empty list of standards (one standard alone is accepted too), without repeats.
Standards = Annotated[tuple[Text, ...], BeforeValidator(_one_or_many), Field(min_length=1)]
#: A non-empty list of texts.
Texts = Annotated[tuple[Text, ...], Field(min_length=1)]


class Person(FileModel):
    """A person or a bank unit: ``{name, role}``."""

    name: Text
    role: Text


class Event(FileModel):
    """One event of ``timeline``."""

    at: Number
    when: Text
    who: Annotated[tuple[Text, ...], BeforeValidator(_one_or_many), Field(min_length=1)]
    touchpoint: Text
    label: Text
    what: Text
    breaks: Standards | None = None
    honours: Standards | None = None
    note: Text | None = None

    @field_validator("at")
    @classmethod
    def _not_negative(cls, at: int | float) -> int | float:
        if at < 0:
            raise PydanticCustomError("negative", "{at} 是负数；时间从第一个事件（0）算起", {"at": at})
        return at

    @field_validator("breaks", "honours")
    @classmethod
    def _codes(cls, values: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return None if values is None else _codes_of(values)

    @model_validator(mode="after")
    def _note_says_why(self) -> "Event":
        if (self.breaks or self.honours) and not self.note:
            raise rule_error("note", "缺少字段 note；违背或做到某条标准的事件要写明原因")
        return self


def _codes_of(values: tuple[str, ...]) -> tuple[str, ...]:
    """Codes of standards given as words or names (an unknown one raises, naming its position)."""
    codes = []
    for i, value in enumerate(values):
        try:
            codes.append(_standard_code(value))
        except PydanticCustomError as err:
            raise rule_error(f"[{i}]", err.message()) from None
    return tuple(dict.fromkeys(codes))


class Consequence(FileModel):
    """``consequence``: what it cost (or brought) the customer and the bank."""

    customer: Text
    bank: Text


class GoodPractice(FileModel):
    """``good_practice``: what good looks like."""

    summary: Text
    steps: Texts


class Quiz(FileModel):
    """``quiz``: the key standard, the touchpoint and the explanation shown with the feedback."""

    standard: Text
    touchpoint: Text
    explanation: Text

    @field_validator("standard")
    @classmethod
    def _code(cls, value: str) -> str:
        return _standard_code(value)


def _effects(timeline: tuple[Any, ...], standard: str, touchpoint: str) -> set[str]:
    """What the events at ``touchpoint`` do to ``standard``: a subset of {"breaks", "honours"}."""
    return {k for e in timeline if e.touchpoint == touchpoint for k in ("breaks", "honours")
            if standard in (getattr(e, k) or ())}


class CaseFile(FileModel):
    """One case file (schema: ``casestudies/README.md``); validate with :func:`case_from_dict`."""

    id: Text
    title: Text
    source: Literal[SOURCES]
    source_note: Text
    standards: Standards
    customer_group: Text
    time_unit: Literal[TIME_UNITS]
    summary: Text
    people: Annotated[tuple[Person, ...], Field(min_length=1)]
    units: Annotated[tuple[Person, ...], Field(min_length=1)]
    timeline: Annotated[tuple[Event, ...], Field(min_length=1)]
    root_cause: Text
    consequence: Consequence
    questions: Texts
    model_answers: Texts
    good_practice: GoodPractice
    quiz: Quiz

    @field_validator("standards")
    @classmethod
    def _codes(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _codes_of(values)

    @model_validator(mode="after")
    def _id_is_the_file_name(self, info: ValidationInfo) -> "CaseFile":
        file = (info.context or {}).get("file", "")
        if file and case_id_from_file(file) != self.id:
            raise rule_error("id", f"“{self.id}”与文件名不一致；请把文件命名为 NN_{self.id}.yaml")
        return self

    @model_validator(mode="after")
    def _names_are_known(self) -> "CaseFile":
        names = [p.name for p in (*self.people, *self.units)]
        dup = next((n for n in names if names.count(n) > 1), None)
        if dup:
            raise rule_error("people", f"“{dup}”在 people/units 中出现了两次；名字不能重复")
        for i, event in enumerate(self.timeline):
            for j, name in enumerate(event.who):
                if name not in names:
                    raise rule_error(
                        f"timeline[{i}].who[{j}]", f"“{name}”没有列在 people 或 units 中；请补上，或改正写法"
                    )
        return self

    @model_validator(mode="after")
    def _standards_are_listed(self) -> "CaseFile":
        for i, event in enumerate(self.timeline):
            for key in ("breaks", "honours"):
                for code in getattr(event, key) or ():
                    if code not in self.standards:
                        raise rule_error(f"timeline[{i}].{key}", f"“{code}”没有列在本案的 standards 中；请在那里补上")
        return self

    @model_validator(mode="after")
    def _timeline_in_order(self) -> "CaseFile":
        t = self.timeline
        for i in range(1, len(t)):
            if t[i].at < t[i - 1].at:
                raise rule_error(
                    f"timeline[{i}].at", f"{t[i].at} 早于 timeline[{i - 1}].at = {t[i - 1].at}；请按时间顺序排列事件"
                )
        if t[0].at != 0:
            raise rule_error("timeline[0].at", f"{t[0].at}：第一个事件的时间必须是 0")
        return self

    @model_validator(mode="after")
    def _one_answer_per_question(self) -> "CaseFile":
        if len(self.model_answers) != len(self.questions):
            raise rule_error(
                "model_answers",
                f"{len(self.questions)} 道讨论题却有 {len(self.model_answers)} 个参考答案；请每题写一个参考答案",
            )
        return self

    @model_validator(mode="after")
    def _quiz_is_unambiguous(self) -> "CaseFile":
        q = self.quiz
        if q.standard not in self.standards:
            raise rule_error("quiz.standard", f"“{q.standard}”没有列在本案的 standards 中；请在那里补上")
        touchpoints = dict.fromkeys(e.touchpoint for e in self.timeline)
        if q.touchpoint not in touchpoints:
            raise rule_error(
                "quiz.touchpoint", f"“{q.touchpoint}”不是时间线上的接触点（{'、'.join(touchpoints)}）"
            )
        kinds = _effects(self.timeline, q.standard, q.touchpoint)
        if len(kinds) != 1:
            problem = "那里没有事件违背或做到它" if not kinds else "那里的事件既违背又做到它"
            raise rule_error(
                "quiz", f"答案（“{q.touchpoint}”处的“{q.standard}”）必须唯一，但{problem}；"
                "请修改 quiz 或时间线的 breaks/honours",
            )
        return self

    def to_case(self, file: str) -> Case:
        """The frozen :class:`~tiering_lib.ccpr.case_model.Case` of this file."""
        timeline = tuple(
            CaseEvent(e.at, e.when, e.who, e.touchpoint, e.label, e.what, e.breaks or (), e.honours or (), e.note or "")
            for e in self.timeline
        )
        q = self.quiz
        return Case(
            self.id, self.title, self.source, self.source_note, self.standards, self.customer_group,
            self.time_unit, self.summary, tuple(CasePerson(p.name, p.role) for p in self.people),
            tuple(CasePerson(p.name, p.role) for p in self.units), timeline, self.root_cause,
            self.consequence.customer, self.consequence.bank, self.questions, self.model_answers,
            self.good_practice.summary, self.good_practice.steps, q.standard, q.touchpoint, q.explanation,
            _effects(timeline, q.standard, q.touchpoint).pop(), file,
        )


def case_from_dict(data: Any, file: str) -> Case:
    """Validate the parsed content of one case file (``file`` is its name, for messages).

    Raises
    ------
    CaseError
        On the first problem found; see casestudies/README.md for the list.

    Examples
    --------
    >>> case_from_dict({"id": "x"}, "Bad-Name.yaml")
    Traceback (most recent call last):
    ...
    tiering_lib.errors.CaseError: Bad-Name.yaml：文件名应为 NN_<id>.yaml，id 只用小写字母、数字和 _（格式说明见 casestudies/README.md）
    """
    if case_id_from_file(file) is None:
        raise CaseError(file, "", "文件名应为 NN_<id>.yaml，id 只用小写字母、数字和 _")
    return validate_file(CaseFile, data, file, CaseError, context={"file": file}).to_case(file)
