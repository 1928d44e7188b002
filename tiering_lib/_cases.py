"""CCPR case studies: load and validate the case files in ``casestudies/``.

One YAML file per case, named ``NN_<id>.yaml``; the schema and every error
this module raises are documented in ``casestudies/README.md``.  A case is
validated once, when it is loaded, into a frozen :class:`Case`, so nothing
downstream re-checks it.  Every error is a :class:`CaseError` naming the file
and the field at fault (``timeline[2].at``) and saying what to do.

Only the standard library is imported at module level; PyYAML is imported
when a file is read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._ccpr import CCPR_STANDARDS, ccpr_standard
from ._errors import DataError, TieringError

__all__ = [
    "CaseError",
    "CasePerson",
    "CaseEvent",
    "Case",
    "SOURCES",
    "TIME_UNITS",
    "default_case_dir",
    "load_case",
    "load_cases",
    "case_table",
    "standard_coverage",
]

#: Allowed values of ``source``: the training deck, or written for this course.
SOURCES = ("课件", "本课程编写")
#: Allowed values of ``time_unit`` (the unit of every event's ``at``).
TIME_UNITS = ("分钟", "小时", "天", "月")

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


class CaseError(DataError):
    """A case file is malformed; ``file`` and ``field`` say where.

    Attributes
    ----------
    file : str
        The file's name (e.g. ``"01_address.yaml"``).
    field : str
        The field at fault, as a path (``"timeline[2].at"``), or ``""`` for the whole file.
    """

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        where = f"{file}: {field}: " if field else f"{file}: "
        super().__init__(where + problem + " (schema: casestudies/README.md)")


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
        return f"<案例 {self.id}:{self.title}({self.source_label})>"

    def _repr_html_(self) -> str:
        from ._case_html import story_html

        return story_html(self)

    def analysis(self):
        """The case's analysis (standards per event, root cause, good practice) for display."""
        from ._case_html import CaseAnalysis

        return CaseAnalysis(self)


# -- validation -----------------------------------------------------------------------------------


def _check_fields(data: Any, spec: dict, optional: dict, file: str, where: str) -> dict:
    """Check a mapping has exactly the fields of ``spec`` (+ ``optional``), of the right types."""
    label = where or "the file"
    if not isinstance(data, dict):
        raise CaseError(file, where, f"expected a mapping of fields (key: value), got {type(data).__name__}")
    for key in data:
        if key not in spec and key not in optional:
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


# -- files ----------------------------------------------------------------------------------------


def default_case_dir() -> Path:
    """The workbook's ``casestudies/`` folder (next to the package in a source checkout).

    Examples
    --------
    >>> default_case_dir().name
    'casestudies'
    """
    path = Path(__file__).resolve().parent.parent / "casestudies"
    if not path.is_dir():
        raise TieringError(
            "cannot find the workbook's casestudies/ folder next to tiering_lib; "
            "install the workbook from its source folder with `make lab` (pip install -e .), "
            "or pass the folder explicitly: load_cases('path/to/casestudies')"
        )
    return path


def _read(path: Path) -> Case:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CaseError(path.name, "", f"not valid YAML{where}: {problem}; check indentation and quotes") from None
    return case_from_dict(data, path.name)


def _case_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise CaseError(str(folder.name), "", "no such folder; pass the folder that holds the case files")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    if not files:
        raise CaseError(str(folder.name), "", "no case files (*.yaml) in this folder")
    return files


def load_cases(folder: str | Path | None = None) -> tuple[Case, ...]:
    """Load and validate every case file of a folder, in file-name order.

    Parameters
    ----------
    folder : str or Path, optional
        The folder holding ``NN_<id>.yaml`` files; by default the workbook's
        ``casestudies/`` (:func:`default_case_dir`), found from any working directory.

    Raises
    ------
    CaseError
        If a file is malformed, two files share an id, or the folder has no case files.

    Examples
    --------
    >>> cases = load_cases()
    >>> cases[0].id, cases[0].source
    ('address', '课件')
    """
    folder = Path(folder) if folder is not None else default_case_dir()
    cases = [_read(p) for p in _case_files(folder)]
    seen: dict[str, str] = {}
    for case in cases:
        if case.id in seen:
            raise CaseError(case.file, "id", f"{case.id!r} is also the id of {seen[case.id]}; ids must be unique")
        seen[case.id] = case.file
    return tuple(cases)


def load_case(case_id: str, folder: str | Path | None = None) -> Case:
    """Load one case by its id (e.g. ``"address"``), or by the path of a case file.

    Examples
    --------
    >>> load_case("lin_credit").title
    '是谁让她“信用破产”'
    """
    path = Path(case_id)
    if path.suffix in (".yaml", ".yml"):
        if not path.is_file():
            raise CaseError(path.name, "", "no such file")
        return _read(path)
    folder = Path(folder) if folder is not None else default_case_dir()
    for p in _case_files(folder):
        m = _FILE.match(p.name)
        if m and m.group(1) == case_id:
            return _read(p)
    ids = [m.group(1) for p in _case_files(folder) if (m := _FILE.match(p.name))]
    raise CaseError(folder.name, "", f"no case with id {case_id!r}; known ids: {', '.join(ids)}")


def case_table(cases: tuple[Case, ...] | None = None):
    """One row per case: source, customer group, standards, events that break / honour a standard.

    Returns
    -------
    pandas.DataFrame
        Indexed by case id.

    Examples
    --------
    >>> case_table().loc["address", "来源"]
    '课件案例'
    """
    import pandas as pd

    cases = load_cases() if cases is None else cases
    rows = []
    for c in cases:
        rows.append([
            c.id, c.title, c.source_label, c.customer_group,
            "、".join(ccpr_standard(s).short_zh for s in c.standards),
            sum(1 for e in c.timeline if e.breaks), sum(1 for e in c.timeline if e.honours),
        ])
    columns = ["编号", "案例", "来源", "客户群体", "涉及的标准", "违背标准的事件", "做到标准的事件"]
    return pd.DataFrame(rows, columns=columns).set_index("编号")


def standard_coverage(cases: tuple[Case, ...] | None = None):
    """For each CCPR standard: how many cases concern it, break it, honour it.

    Returns
    -------
    pandas.DataFrame
        Indexed by the standard's Chinese name; columns 涉及的案例, 有违背的案例, 有做到的案例.

    Examples
    --------
    >>> int(standard_coverage().loc["对客户更亲切", "涉及的案例"]) >= 1
    True
    """
    import pandas as pd

    cases = load_cases() if cases is None else cases
    rows = []
    for s in CCPR_STANDARDS:
        rows.append([
            s.name_zh,
            sum(1 for c in cases if s.code in c.standards),
            sum(1 for c in cases if any(s.code in e.breaks for e in c.timeline)),
            sum(1 for c in cases if any(s.code in e.honours for e in c.timeline)),
        ])
    return pd.DataFrame(rows, columns=["标准", "涉及的案例", "有违背的案例", "有做到的案例"]).set_index("标准")
