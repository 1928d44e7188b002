"""Validation of a case file's content (schema: ``casestudies/README.md``).

:func:`case_from_dict` checks the parsed YAML of one file and builds a frozen
:class:`~tiering_lib.ccpr.case_model.Case`; the first problem found raises a
:class:`~tiering_lib.ccpr.case_model.CaseError` naming the file and the field
(``timeline[2].at``) and saying what to do.  Standard library only.
"""

from __future__ import annotations

import re
from typing import Any

from tiering_lib.ccpr.case_model import SOURCES, TIME_UNITS, Case, CaseEvent, CasePerson
from tiering_lib.ccpr.standards import CCPR_STANDARDS, ccpr_standard
from tiering_lib.errors import CaseError, TieringError

__all__ = ["case_from_dict", "case_id_from_file"]

_TOP = {
    "id": str, "title": str, "source": str, "source_note": str, "standards": list,
    "customer_group": str, "time_unit": str, "summary": str, "people": list, "units": list,
    "timeline": list, "root_cause": str, "consequence": dict, "questions": list,
    "model_answers": list, "good_practice": dict, "quiz": dict,
}
_PERSON = {"name": str, "role": str}
_EVENT = {"at": (int, float), "when": str, "who": (list, str), "touchpoint": str, "label": str, "what": str}
_EVENT_OPTIONAL = {"breaks": (list, str), "honours": (list, str), "note": str}
_CONSEQUENCE = {"customer": str, "bank": str}
_GOOD = {"summary": str, "steps": list}
_QUIZ = {"standard": str, "touchpoint": str, "explanation": str}
_FILE = re.compile(r"^(?:\d+_)?([a-z0-9_]+)\.ya?ml$")
_TYPE_NAMES = {str: "text", list: "a list", dict: "a mapping (key: value)", int: "a number", float: "a number"}


def case_id_from_file(name: str) -> str | None:
    """The case id a file name stands for (``"01_address.yaml"`` → ``"address"``), or None.

    Examples
    --------
    >>> case_id_from_file("01_address.yaml"), case_id_from_file("Bad-Name.yaml")
    ('address', None)
    """
    m = _FILE.match(name)
    return m.group(1) if m else None


def _check_fields(data: Any, spec: dict, optional: dict, file: str, where: str) -> dict:
    """Check a mapping has exactly the fields of ``spec`` (+ ``optional``), of the right types."""
    label = where or "the file"
    if not isinstance(data, dict):
        raise CaseError(file, where, f"expected a mapping of fields (key: value), got {type(data).__name__}")
    for key in data:
        if key not in spec and key not in optional:
            import difflib

            close = difflib.get_close_matches(str(key), [*spec, *optional], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CaseError(file, f"{where}.{key}".lstrip("."), f"unknown field {key!r}{hint}; remove or rename it")
    for key in spec:
        if key not in data or data[key] is None:
            raise CaseError(file, f"{where}.{key}".lstrip("."), f"missing field {key!r} in {label}")
    for key, value in data.items():
        expected = spec.get(key) or optional.get(key)
        path = f"{where}.{key}".lstrip(".")
        types = expected if isinstance(expected, tuple) else (expected,)
        if value is None and key in optional:
            continue
        if not isinstance(value, types) or isinstance(value, bool):
            want = " or ".join(dict.fromkeys(_TYPE_NAMES[t] for t in types))
            raise CaseError(file, path, f"expected {want}, got {value!r}")
        if isinstance(value, str) and not value.strip():
            raise CaseError(file, path, "is empty; write the text or remove the field")
        if isinstance(value, list) and not value:
            raise CaseError(file, path, "is an empty list; give at least one item")
    return data


def _texts(items: list, file: str, where: str) -> tuple[str, ...]:
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise CaseError(file, f"{where}[{i}]", f"expected a non-empty text, got {item!r}")
    return tuple(s.strip() for s in items)


def _standards(value: Any, file: str, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    codes = []
    for i, item in enumerate(items):
        try:
            codes.append(ccpr_standard(item).code)
        except TieringError:
            known = "、".join(f"{s.code}({s.short_zh})" for s in CCPR_STANDARDS)
            path = where if isinstance(value, str) else f"{where}[{i}]"
            raise CaseError(file, path, f"unknown CCPR standard {item!r}; use one of {known}") from None
    return tuple(dict.fromkeys(codes))


def _people(items: list, file: str, where: str) -> tuple[CasePerson, ...]:
    out = []
    for i, item in enumerate(items):
        d = _check_fields(item, _PERSON, {}, file, f"{where}[{i}]")
        out.append(CasePerson(d["name"].strip(), d["role"].strip()))
    return tuple(out)


def _event(item: Any, i: int, case_standards: tuple[str, ...], names: set[str], file: str) -> CaseEvent:
    where = f"timeline[{i}]"
    d = _check_fields(item, _EVENT, _EVENT_OPTIONAL, file, where)
    if d["at"] < 0:
        raise CaseError(file, f"{where}.at", f"{d['at']} is negative; times count from the first event (0)")
    who = _texts([d["who"]] if isinstance(d["who"], str) else d["who"], file, f"{where}.who")
    for j, name in enumerate(who):
        if name not in names:
            raise CaseError(
                file, f"{where}.who[{j}]",
                f"{name!r} is not listed in people or units; add it there or fix the spelling",
            )
    effects = {}
    for key in ("breaks", "honours"):
        codes = _standards(d[key], file, f"{where}.{key}") if d.get(key) is not None else ()
        for code in codes:
            if code not in case_standards:
                raise CaseError(file, f"{where}.{key}", f"{code!r} is not listed in the case's standards; add it there")
        effects[key] = codes
    note = (d.get("note") or "").strip()
    if (effects["breaks"] or effects["honours"]) and not note:
        raise CaseError(file, f"{where}.note", "missing: an event that breaks or honours a standard needs a note saying why")
    return CaseEvent(
        d["at"], d["when"].strip(), who, d["touchpoint"].strip(), d["label"].strip(), d["what"].strip(),
        effects["breaks"], effects["honours"], note,
    )


def _quiz_kind(timeline: tuple[CaseEvent, ...], standard: str, touchpoint: str, file: str) -> str:
    if touchpoint not in {e.touchpoint for e in timeline}:
        known = "、".join(dict.fromkeys(e.touchpoint for e in timeline))
        raise CaseError(file, "quiz.touchpoint", f"{touchpoint!r} is not a touchpoint of the timeline ({known})")
    at_tp = [e for e in timeline if e.touchpoint == touchpoint]
    kinds = {k for e in at_tp for k in ("breaks", "honours") if standard in getattr(e, k)}
    if len(kinds) != 1:
        problem = "no event there breaks or honours it" if not kinds else "events there both break and honour it"
        raise CaseError(
            file, "quiz",
            f"the answer ({standard!r} at {touchpoint!r}) must be unambiguous, but {problem}; "
            "fix the quiz or the timeline's breaks/honours",
        )
    return kinds.pop()


def case_from_dict(data: Any, file: str) -> Case:
    """Validate the parsed content of one case file (``file`` is its name, for messages).

    Raises
    ------
    CaseError
        On the first problem found; see casestudies/README.md for the list.
    """
    m = _FILE.match(file)
    if m is None:
        raise CaseError(file, "", "name case files NN_<id>.yaml, the id in lowercase letters, digits and _")
    d = _check_fields(data, _TOP, {}, file, "")
    if d["id"] != m.group(1):
        raise CaseError(file, "id", f"{d['id']!r} differs from the file name; name the file NN_{d['id']}.yaml")
    if d["source"] not in SOURCES:
        raise CaseError(file, "source", f"{d['source']!r}: must be one of {' / '.join(SOURCES)}")
    if d["time_unit"] not in TIME_UNITS:
        raise CaseError(file, "time_unit", f"{d['time_unit']!r}: must be one of {' / '.join(TIME_UNITS)}")
    standards = _standards(d["standards"], file, "standards")
    people = _people(d["people"], file, "people")
    units = _people(d["units"], file, "units")
    names = [p.name for p in (*people, *units)]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup:
        raise CaseError(file, "people", f"{dup!r} is listed twice in people/units; names must be unique")
    timeline = tuple(_event(item, i, standards, set(names), file) for i, item in enumerate(d["timeline"]))
    for i in range(1, len(timeline)):
        if timeline[i].at < timeline[i - 1].at:
            raise CaseError(
                file, f"timeline[{i}].at",
                f"{timeline[i].at} is earlier than timeline[{i - 1}].at = {timeline[i - 1].at}; "
                "list events in time order",
            )
    if timeline[0].at != 0:
        raise CaseError(file, "timeline[0].at", f"{timeline[0].at}: the first event must be at 0")
    cons = _check_fields(d["consequence"], _CONSEQUENCE, {}, file, "consequence")
    good = _check_fields(d["good_practice"], _GOOD, {}, file, "good_practice")
    questions = _texts(d["questions"], file, "questions")
    answers = _texts(d["model_answers"], file, "model_answers")
    if len(answers) != len(questions):
        raise CaseError(
            file, "model_answers",
            f"{len(answers)} answers for {len(questions)} questions; give one model answer per question",
        )
    quiz = _check_fields(d["quiz"], _QUIZ, {}, file, "quiz")
    q_std = _standards(quiz["standard"], file, "quiz.standard")[0]
    if q_std not in standards:
        raise CaseError(file, "quiz.standard", f"{q_std!r} is not listed in the case's standards")
    kind = _quiz_kind(timeline, q_std, quiz["touchpoint"].strip(), file)
    return Case(
        d["id"], d["title"].strip(), d["source"], d["source_note"].strip(), standards,
        d["customer_group"].strip(), d["time_unit"], d["summary"].strip(), people, units, timeline,
        d["root_cause"].strip(), cons["customer"].strip(), cons["bank"].strip(), questions, answers,
        good["summary"].strip(), _texts(good["steps"], file, "good_practice.steps"),
        q_std, quiz["touchpoint"].strip(), quiz["explanation"].strip(), kind, file,
    )
