"""Which column of a branch export holds what: header synonyms and explicit mappings.

Exports name their columns in many ways (客户号, 客户编号, 账号 …; 余额, 存款余额,
日均余额, 金融资产 …), in Chinese or English, sometimes with the unit in the
header (``存款余额(元)``, ``余额(万元)``).  :func:`resolve_columns` finds the
column of each field from :data:`COLUMN_SYNONYMS`, or from an explicit mapping
``{"balance": "日均余额"}`` (field names may also be given in Chinese,
``{"余额": "日均余额"}``).

Fields: ``balance`` (required), ``customer_id``, ``name``, ``id_card`` and
``phone``.  Two candidate balance columns are an error (the numbers differ; say
which one to use); for the other fields the best-ranked synonym wins.  Every
column that looks like a name, ID-card or phone column is masked, used or not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping, Sequence

from tiering_lib.errors import ColumnProblem

__all__ = ["FIELDS", "FIELD_LABELS", "COLUMN_SYNONYMS", "ColumnPlan", "resolve_columns", "normalize_header"]

#: Fields the loader understands, in the order reports show them.
FIELDS = ("customer_id", "name", "id_card", "phone", "balance")

#: Chinese label of each field (also accepted as a key of an explicit mapping).
FIELD_LABELS = {"customer_id": "客户号", "name": "姓名", "id_card": "证件号", "phone": "手机号", "balance": "余额"}

#: Header synonyms of each field, best first (compared after :func:`normalize_header`).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "客户号", "客户编号", "客户代码", "客户id", "客户账号", "账号", "账户", "卡号", "customer_id",
        "customerid", "cust_id", "client_id", "id", "account", "account_no",
    ),
    "name": ("姓名", "客户姓名", "客户名称", "户名", "名称", "name", "customer_name"),
    "id_card": (
        "证件号", "证件号码", "身份证号", "身份证号码", "身份证", "证件", "id_card", "id_number", "idno",
    ),
    "phone": ("手机号", "手机号码", "手机", "移动电话", "联系电话", "电话", "联系方式", "phone", "mobile", "tel"),
    "balance": (
        "余额", "存款余额", "日均余额", "月日均余额", "账户余额", "当前余额", "资产余额", "金融资产",
        "金融资产余额", "总资产", "balance", "deposit_balance", "amount", "aum",
    ),
}

_UNIT_TAIL = re.compile(r"^(.+?)[\(\[/_\-]?(亿元|万元|元|万)\)?\]?$")
_UNIT_NAMES = {"亿元": "亿元", "万元": "万元", "万": "万元", "元": "元"}
_DROP = re.compile(r"[\s*:]+")
_FIELD_KEYS = {**{f: f for f in FIELDS}, **{v: k for k, v in FIELD_LABELS.items()}}


def normalize_header(text: object) -> tuple[str, str | None]:
    """A header as compared with the synonyms, and the unit it states (or None).

    Examples
    --------
    >>> normalize_header(" 存款余额（万元） ")
    ('存款余额', '万元')
    >>> normalize_header("Customer ID")
    ('customerid', None)
    """
    key = _DROP.sub("", unicodedata.normalize("NFKC", "" if text is None else str(text))).lower()
    match = _UNIT_TAIL.match(key)
    if match and any(match.group(1) in names for names in COLUMN_SYNONYMS.values()):
        return match.group(1), _UNIT_NAMES[match.group(2)]
    return key, None


_SYNONYM_RANK = {
    field: {normalize_header(name)[0]: rank for rank, name in enumerate(names)}
    for field, names in COLUMN_SYNONYMS.items()
}


@dataclass(frozen=True)
class ColumnPlan:
    """Where each field is in a header row.

    Attributes
    ----------
    index : dict
        Field → column position (0-based) for the fields found.
    roles : tuple
        For every column, the field whose masking applies (``None`` for other
        columns): every name/ID/phone-like column is masked, used or not.
    unit : str or None
        The unit the balance header states, if any.
    notes : tuple of str
        Choices made that a reader should know about (in Chinese).
    """

    index: dict[str, int]
    roles: tuple[str | None, ...]
    unit: str | None
    notes: tuple[str, ...]


def _field_key(key: str) -> str:
    try:
        return _FIELD_KEYS[key]
    except KeyError:
        raise ColumnProblem(
            "bad_mapping", f"列映射里的字段“{key}”不认识;可用的字段:{'、'.join(_FIELD_KEYS)}"
        ) from None


def resolve_columns(header: Sequence[object], mapping: Mapping[str, str | None] | None = None) -> ColumnPlan:
    """Find the column of each field in a header row.

    Parameters
    ----------
    header : sequence
        The header cells.
    mapping : mapping, optional
        Field → header text, overriding the synonyms; ``None`` as the header
        means "this file has no such column".

    Raises
    ------
    ColumnProblem
        ``kind`` ``"no_balance_column"``, ``"ambiguous_column"``,
        ``"unknown_column"`` (a mapped header is not in the file) or
        ``"bad_mapping"``.

    Examples
    --------
    >>> plan = resolve_columns(["客户编号", "户名", "日均余额(万元)"])
    >>> plan.index, plan.unit
    ({'customer_id': 0, 'name': 1, 'balance': 2}, '万元')
    """
    cells = ["" if h is None else str(h).strip() for h in header]
    keys = [normalize_header(h) for h in cells]
    index: dict[str, int] = {}
    notes: list[str] = []
    skip: set[str] = set()
    for key, wanted in (mapping or {}).items():
        field = _field_key(key)
        if wanted is None:
            skip.add(field)
            continue
        target = normalize_header(wanted)[0]
        hits = [i for i, c in enumerate(cells) if c == str(wanted).strip()] or [
            i for i, k in enumerate(keys) if k[0] == target
        ]
        if not hits:
            raise ColumnProblem(
                "unknown_column", f"列映射指定的列“{wanted}”不在表头里;表头是:{'、'.join(cells)},请改用其中的列名"
            )
        index[field] = hits[0]
    roles: list[str | None] = [None] * len(cells)
    for field in FIELDS:
        ranked = sorted(
            (rank, i) for i, (k, _) in enumerate(keys) if (rank := _SYNONYM_RANK[field].get(k)) is not None
        )
        for _, i in ranked:
            if roles[i] is None and field != "balance":
                roles[i] = field
        if field in index or field in skip:
            continue
        free = [(rank, i) for rank, i in ranked if i not in index.values()]
        if not free:
            continue
        if field == "balance" and len(free) > 1:
            names = "、".join(f"“{cells[i]}”" for _, i in free)
            raise ColumnProblem(
                "ambiguous_column",
                f"有 {len(free)} 列都像余额:{names};请指定用哪一列,"
                f"例如 columns={{'余额': '{cells[free[0][1]]}'}}(命令行:--column 余额={cells[free[0][1]]})",
            )
        index[field] = free[0][1]
        if len(free) > 1:
            others = "、".join(f"“{cells[i]}”" for _, i in free[1:])
            notes.append(f"{FIELD_LABELS[field]}用了“{cells[free[0][1]]}”列(另有 {others})")
    if "balance" not in index:
        raise ColumnProblem(
            "no_balance_column",
            f"找不到余额列;表头是:{'、'.join(cells) or '(空)'}。请把余额列命名为“余额”“存款余额”"
            f"“日均余额”等,或指定列名,例如 columns={{'余额': '列名'}}(命令行:--column 余额=列名)",
        )
    for field, i in index.items():
        if field != "balance":
            roles[i] = field
    roles[index["balance"]] = None
    return ColumnPlan(
        index={f: index[f] for f in FIELDS if f in index},
        roles=tuple(roles),
        unit=keys[index["balance"]][1],
        notes=tuple(notes),
    )
