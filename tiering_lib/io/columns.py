"""Which column of a branch export holds what: header synonyms, explicit mappings, masking roles.

Exports name their columns in many ways (客户号, 客户编号, 账号 …; 余额, 存款余额,
日均余额, 金融资产 …), in Chinese or English, sometimes with the unit in the
header (``存款余额(元)``, ``余额(万元)``).  :func:`resolve_columns` finds the
column of each field from :data:`COLUMN_SYNONYMS`, or from an explicit mapping
``{"balance": "日均余额"}`` (field names may also be given in Chinese,
``{"余额": "日均余额"}``).

Fields: ``balance`` (required), ``customer_id``, ``name``, ``id_card`` and
``phone``.  Two candidate balance columns are an error (the numbers differ; say
which one to use); for the other fields the best-ranked synonym wins.

Every column also gets a *role* that decides how its cells are shown
(:mod:`tiering_lib.io.row_masking`): the fields, ``"account"`` (card and
account numbers), ``"address"`` and ``"text"`` (free text: hidden whole),
``"plain"`` (branch, date, currency, product …: personal numbers masked) or
``None`` (not recognised: hidden whole, like free text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping, Sequence

from tiering_lib.errors import ColumnProblem

__all__ = [
    "FIELDS", "FIELD_LABELS", "COLUMN_SYNONYMS", "ROLE_SYNONYMS", "ColumnPlan", "resolve_columns",
    "normalize_header", "role_of",
]

#: Fields the loader understands, in the order reports show them.
FIELDS = ("customer_id", "name", "id_card", "phone", "balance")

#: Chinese label of each field (also accepted as a key of an explicit mapping).
FIELD_LABELS = {"customer_id": "客户号", "name": "姓名", "id_card": "证件号", "phone": "手机号", "balance": "余额"}

_ACCOUNT = (
    "客户账号", "账号", "帐号", "账户", "帐户", "卡号", "银行卡号", "账户号", "账户号码", "卡号码", "卡折号",
    "存款账号", "account", "account_no", "accountno", "account_number", "acct_no", "card_no", "cardno",
)

#: Header synonyms of each field, best first (compared after :func:`normalize_header`).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "客户号", "客户编号", "客户代码", "客户id", "customer_id", "customerid", "cust_id", "client_id", "id",
        *_ACCOUNT,
    ),
    "name": (
        "姓名", "客户姓名", "客户名称", "户名", "名称", "name", "customer_name", "客户名", "账户名称", "账户名",
        "开户名", "开户人", "持卡人", "户主", "持有人", "联系人", "联系人姓名", "客户", "account_name", "holder",
    ),
    "id_card": (
        "证件号", "证件号码", "身份证号", "身份证号码", "身份证", "证件", "id_card", "id_number", "idno",
        "身份证件号码", "证照号码", "护照号", "护照号码", "护照", "passport", "passport_no",
    ),
    "phone": (
        "手机号", "手机号码", "手机", "移动电话", "联系电话", "电话", "联系方式", "phone", "mobile", "tel",
        "电话号码", "固定电话", "座机", "家庭电话", "住宅电话", "单位电话", "办公电话", "联系人电话", "传真",
        "telephone", "fax",
    ),
    "balance": (
        "余额", "存款余额", "日均余额", "月日均余额", "账户余额", "当前余额", "资产余额", "金融资产",
        "金融资产余额", "总资产", "balance", "deposit_balance", "amount", "aum",
    ),
}

#: Headers of columns that are not fields but whose meaning decides how they are shown.
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("经办人", "代理人", "客户经理", "理财经理", "负责人", "配偶", "紧急联系人", "contact", "manager"),
    "address": (
        "地址", "住址", "家庭住址", "家庭地址", "联系地址", "通讯地址", "通信地址", "居住地址", "户籍地址",
        "单位地址", "邮寄地址", "工作单位", "单位名称", "邮箱", "电子邮箱", "email", "e-mail", "mail", "address",
    ),
    "text": (
        "备注", "说明", "摘要", "附言", "附注", "描述", "用途", "留言", "批注", "意见", "情况说明",
        "remark", "remarks", "note", "notes", "memo", "comment", "comments", "description",
    ),
    "plain": (
        "开户网点", "网点", "所属网点", "网点名称", "网点号", "机构", "机构名称", "所属机构", "机构号", "开户机构",
        "支行", "开户行", "营业网点", "币种", "货币", "日期", "开户日期", "统计日期", "数据日期", "导出日期",
        "起息日", "到期日", "产品", "产品名称", "产品类型", "账户类型", "存款类型", "存款种类", "类型",
        "客户类型", "客户等级", "等级", "星级", "层级", "状态", "账户状态", "序号", "branch", "currency",
        "date", "product", "type", "status", "level", "seq",
    ),
}

_UNIT_TAIL = re.compile(r"^(.+?)[\(\[/_\-]?(亿元|万元|元|万)\)?\]?$")
_UNIT_NAMES = {"亿元": "亿元", "万元": "万元", "万": "万元", "元": "元"}
_DROP = re.compile(r"[\s*:/]+")
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
_ACCOUNT_KEYS = frozenset(normalize_header(name)[0] for name in _ACCOUNT)
_ROLES = {normalize_header(n)[0]: role for role, names in ROLE_SYNONYMS.items() for n in names}
_ROLES.update({k: field for field, ranks in _SYNONYM_RANK.items() for k in ranks})
_ROLES.update({k: "account" for k in _ACCOUNT_KEYS})


def role_of(header: object) -> str | None:
    """The role a header's meaning gives its column when it is not a used field (None: not recognised).

    Examples
    --------
    >>> role_of("联系人"), role_of("卡号"), role_of("备注"), role_of("开户网点"), role_of("QQ")
    ('name', 'account', 'text', 'plain', None)
    """
    return _ROLES.get(normalize_header(header)[0])


@dataclass(frozen=True)
class ColumnPlan:
    """Where each field is in a header row, and how each column is shown.

    Attributes
    ----------
    index : dict
        Field → column position (0-based) for the fields found.
    roles : tuple
        For every column, its role: a field name for the fields used,
        else :func:`role_of` its header.
    unit : str or None
        The unit the balance header states, if any.
    notes : tuple of str
        Choices made that a reader should know about (in Chinese).
    key_is_personal : bool
        The customer-number column is a card/account, ID-card or phone
        column: every key is replaced by a pseudonym.
    """

    index: dict[str, int]
    roles: tuple[str | None, ...]
    unit: str | None
    notes: tuple[str, ...]
    key_is_personal: bool = False


def _field_key(key: str) -> str:
    try:
        return _FIELD_KEYS[key]
    except KeyError:
        raise ColumnProblem(
            "bad_mapping", f"列映射里的字段“{key}”不认识；可用的字段：{'、'.join(_FIELD_KEYS)}"
        ) from None


def _mapped(cells: list[str], keys: list[str], mapping: Mapping[str, str | None]) -> tuple[dict[str, int], set[str]]:
    """Fields placed by an explicit mapping, and the fields it says are absent."""
    index: dict[str, int] = {}
    skip: set[str] = set()
    for key, wanted in mapping.items():
        field = _field_key(key)
        if wanted is None:
            skip.add(field)
            continue
        target = normalize_header(wanted)[0]
        hits = [i for i, c in enumerate(cells) if c == str(wanted).strip()] or [
            i for i, k in enumerate(keys) if k == target
        ]
        if not hits:
            raise ColumnProblem("unknown_column", f"列映射指定的列“{wanted}”不在表头里")
        index[field] = hits[0]
    return index, skip


def _by_synonyms(cells: list[str], keys: list[str], index: dict[str, int], skip: set[str]) -> list[str]:
    """Place the fields not mapped from their synonyms (into ``index``); return notes."""
    notes = []
    for field in FIELDS:
        if field in index or field in skip:
            continue
        ranked = sorted((rank, i) for i, k in enumerate(keys) if (rank := _SYNONYM_RANK[field].get(k)) is not None)
        free = [(rank, i) for rank, i in ranked if i not in index.values()]
        if not free:
            continue
        if field == "balance" and len(free) > 1:
            names = "、".join(f"“{cells[i]}”" for _, i in free)
            raise ColumnProblem(
                "ambiguous_column",
                f"有 {len(free)} 列都像余额：{names}；请指定用哪一列，"
                f"例如 columns={{'余额': '{cells[free[0][1]]}'}}（命令行：--column 余额={cells[free[0][1]]}）",
            )
        index[field] = free[0][1]
        if len(free) > 1:
            others = "、".join(f"“{cells[i]}”" for _, i in free[1:])
            notes.append(f"{FIELD_LABELS[field]}用了“{cells[free[0][1]]}”列（另有 {others}）")
    return notes


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
        ``"unknown_column"`` (a mapped header is not in the row) or
        ``"bad_mapping"``.  Messages quote only headers the row was
        recognised by, never other cells.

    Examples
    --------
    >>> plan = resolve_columns(["客户编号", "户名", "日均余额（万元）", "备注"])
    >>> plan.index, plan.unit, plan.roles
    ({'customer_id': 0, 'name': 1, 'balance': 2}, '万元', ('customer_id', 'name', 'balance', 'text'))
    """
    cells = ["" if h is None else str(h).strip() for h in header]
    keys = [normalize_header(h)[0] for h in cells]
    index, skip = _mapped(cells, keys, mapping or {})
    notes = _by_synonyms(cells, keys, index, skip)
    if "balance" not in index:
        raise ColumnProblem("no_balance_column", "找不到余额列")
    roles = [_ROLES.get(k) for k in keys]
    for field, i in index.items():
        roles[i] = field
    key = index.get("customer_id")
    personal = key is not None and _ROLES.get(keys[key]) in ("account", "id_card", "phone", "name")
    return ColumnPlan(
        index={f: index[f] for f in FIELDS if f in index},
        roles=tuple(roles),
        unit=normalize_header(cells[index["balance"]])[1],
        notes=tuple(notes),
        key_is_personal=personal,
    )
