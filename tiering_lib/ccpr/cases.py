"""CCPR case studies: load and validate the case files in ``casestudies/``.

One YAML file per case, named ``NN_<id>.yaml``; the schema and every error
raised are documented in ``casestudies/README.md``.  A case is validated once,
when it is loaded (:mod:`tiering_lib.ccpr.case_schema`), into a frozen
:class:`Case`, so nothing downstream re-checks it.  Every error is a
:class:`CaseError` naming the file and the field at fault and saying what to do.

Only the standard library is imported at module level; PyYAML and pydantic
are imported when a file is read, pandas when a table is made.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiering_lib.ccpr.case_model import Case, case_id_from_file
from tiering_lib.ccpr.standards import CCPR_STANDARDS, ccpr_standard
from tiering_lib.datasets.files import CASES_PACKAGE
from tiering_lib.errors import CaseError

__all__ = [
    "default_case_dir",
    "load_case",
    "load_cases",
    "case_table",
    "standard_coverage",
]


def default_case_dir():
    """The folder of the case files shipped with the workbook (``casestudies/``, installed as package data).

    Examples
    --------
    >>> default_case_dir().joinpath("01_address.yaml").is_file()
    True
    """
    from importlib import resources

    return resources.files(CASES_PACKAGE)


def _read(path: Any) -> Case:
    import yaml

    from tiering_lib.ccpr.case_schema import case_from_dict

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CaseError(path.name, "", f"不是有效的 YAML{where}：{problem}；请检查缩进和引号") from None
    return case_from_dict(data, path.name)


def _case_files(folder: Any) -> list[Any]:
    if not folder.is_dir():
        raise CaseError(str(folder.name), "", "没有这个文件夹；请给出存放案例文件的文件夹")
    files = sorted((p for p in folder.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)
    if not files:
        raise CaseError(str(folder.name), "", "这个文件夹里没有案例文件（*.yaml）")
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
            raise CaseError(case.file, "id", f"“{case.id}”也是 {seen[case.id]} 的 id；每个案例的 id 必须不同")
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
            raise CaseError(path.name, "", "没有这个文件；请检查路径")
        return _read(path)
    folder = Path(folder) if folder is not None else default_case_dir()
    for p in _case_files(folder):
        if case_id_from_file(p.name) == case_id:
            return _read(p)
    ids = [i for p in _case_files(folder) if (i := case_id_from_file(p.name))]
    raise CaseError(folder.name, "", f"没有 id 为“{case_id}”的案例；已有的 id：{'、'.join(ids)}")


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
    columns = ["编号", "案例", "来源", "客户群体", "涉及的标准", "违背标准的事件（件）", "做到标准的事件（件）"]
    return pd.DataFrame(rows, columns=columns).set_index("编号")


def standard_coverage(cases: tuple[Case, ...] | None = None):
    """For each CCPR standard: how many cases concern it, break it, honour it.

    Returns
    -------
    pandas.DataFrame
        Indexed by the standard's Chinese name; columns 涉及的案例（个）, 有违背的案例（个）, 有做到的案例（个）.

    Examples
    --------
    >>> int(standard_coverage().loc["对客户更亲切", "涉及的案例（个）"]) >= 1
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
    return pd.DataFrame(rows, columns=["标准", "涉及的案例（个）", "有违背的案例（个）", "有做到的案例（个）"]).set_index("标准")
