"""Tables a learner reads about a branch export: rejected rows, first customers, what is masked and why, amounts.

Each function returns a :class:`~tiering_lib.display.Table` (shown without
pandas' 0, 1, 2 … row numbers, numbers with thousands separators, a unit in
every money header).  :class:`~tiering_lib.io.load_result.LoadResult` offers
the first three as methods (``result.rejected_table()`` …).

* :func:`rejected_table` — every rejected row: its row number in the file, the
  reason, what exactly is wrong, and its cells as the report shows them;
* :func:`customers_table` — the first accepted customers (masked), with tiers;
* :func:`privacy_table` — each column of the file: what it holds, how the
  report shows it, and why;
* :func:`amount_readings` — how balance cells are read (or why they are not).
"""

from __future__ import annotations

from typing import Any, Sequence

from tiering_lib.core.money import format_amount
from tiering_lib.display import Table
from tiering_lib.errors import AmountError
from tiering_lib.io.amounts import parse_amount
from tiering_lib.io.columns import role_of
from tiering_lib.io.privacy import HIDDEN
from tiering_lib.io.reasons import REJECT_REASONS
from tiering_lib.io.row_masking import HIDDEN_ROLES, PSEUDONYM_PREFIX

# LoadResult (tiering_lib.io.load_result) is named in annotations only: its table methods import this module.

__all__ = ["rejected_table", "customers_table", "privacy_table", "amount_readings"]

#: What a column holds, by its role (:func:`tiering_lib.io.columns.role_of`).
ROLE_MEANING = {
    "customer_id": "客户号",
    "name": "姓名",
    "id_card": "证件号",
    "phone": "电话",
    "balance": "余额",
    "account": "卡号、账号",
    "address": "地址、工作单位、邮箱",
    "text": "自由文本（备注、说明等）",
    "plain": "网点、日期、币种、产品等",
    None: "没有认出的列",
}

#: How a column of each role is shown, and why (Chinese).
SHOWN = {
    "name": ("只保留第一个字（如“张*”）", "姓名是个人信息；留一个字，网点内部核对时还能对上号"),
    "id_card": ("只保留前 3 位和后 4 位", "证件号是敏感的个人信息"),
    "phone": ("只保留前 3 位和后 4 位", "电话号码是个人信息"),
    "account": ("只保留前 4 位和后 4 位", "卡号、账号是敏感的个人信息"),
    "balance": ("原样显示；不像金额的内容（例如错位过来的姓名）隐藏", "分层按余额分，余额必须看得到"),
    "plain": ("原样显示，格子里的证件号、手机号、卡号脱敏", "这类信息认不出具体的人，但格子里偶尔夹着号码"),
    "text": (f"整列隐藏，显示为“{HIDDEN}”", "文字里可能写着姓名，而夹在文字里的姓名没有办法可靠地找出来"),
    "address": (f"整列隐藏，显示为“{HIDDEN}”", "地址、工作单位、邮箱足以认出具体的人"),
    None: (f"整列隐藏，显示为“{HIDDEN}”", "不知道这一列是什么，就按最严格的方式处理"),
}
_KEPT_TEXT = ("按要求保留，其中的证件号、手机号、卡号等脱敏", "读入时要求保留了这一列；其中的姓名无法识别，报告不要外传")
_PERSONAL_KEY = ("account", "id_card", "phone", "name")


def _roles(result: "LoadResult") -> list[str | None]:
    """The role of every column of the file, as the loader gave it (fields first, else the header's meaning)."""
    roles = [role_of(h) for h in result.header]
    taken: set[int] = set()
    for field, name in result.columns.items():
        i = next(i for i, h in enumerate(result.header) if h == name and i not in taken)
        roles[i] = field
        taken.add(i)
    return roles


def _key_treatment(result: "LoadResult", header: str) -> tuple[str, str, str]:
    if role_of(header) in _PERSONAL_KEY:
        return (
            f"客户号（本身是{ROLE_MEANING[role_of(header)]}）",
            f"换成化名：“{PSEUDONYM_PREFIX}”加 16 位编码",
            "号码本身是个人信息；同一号码在同一份报告里化名相同，仍能核对重复客户，但无法还原，也不能与别的报告对照",
        )
    if any(k.startswith(PSEUDONYM_PREFIX) for k in result.customer_ids or ()):
        return ("客户号", "普通编号原样显示；像证件号、手机号、卡号的编号换成化名", "普通编号认不出是谁；号码是个人信息")
    return ("客户号", "原样显示", "网点内部的客户编号认不出是谁，回系统核对时要用")


def privacy_table(result: "LoadResult") -> Table:
    """Each column of the export: what it holds, how the report shows it, and why.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> t = privacy_table(tl.load_sample_export("cards"))
    >>> t.frame.set_index("列（表头）").loc["备注", "报告中怎样显示"]
    '整列隐藏，显示为“（已隐藏）”'
    """
    import pandas as pd

    rows = []
    for i, (header, role) in enumerate(zip(result.header, _roles(result))):
        if role == "customer_id":
            meaning, shown, why = _key_treatment(result, header)
        else:
            meaning = ROLE_MEANING.get(role, ROLE_MEANING[None])
            if role in HIDDEN_ROLES and i not in result.hidden_columns:
                shown, why = _KEPT_TEXT
            else:
                shown, why = SHOWN[role if role in SHOWN else None]
        rows.append({"列（表头）": header, "这一列是": meaning, "报告中怎样显示": shown, "为什么": why})
    caption = "“客户明细”只列客户号、姓名、证件号、手机号、余额和层级；其余各列只出现在“问题数据”里"
    return Table(pd.DataFrame(rows), caption=caption)


def rejected_table(result: "LoadResult") -> Table:
    """Every rejected row: row number in the file, reason, what is wrong, and its (masked) cells.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> t = rejected_table(tl.load_sample_export("messy"))
    >>> len(t), list(t.frame.columns[:3])
    (12, ['行号', '原因', '说明'])
    """
    return Table(result.rejected_frame(), caption=f"问题数据：{result.n_rejected:,} 行")


def customers_table(result: "LoadResult", scheme: Any = None, rows: int = 5) -> Table:
    """The first ``rows`` accepted customers as the report lists them (masked), with tiers if ``scheme`` is given.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> t = customers_table(tl.load_sample_export("clean"), rows=3)
    >>> len(t), t.frame["余额（元）"].tolist()
    (3, ['461.31', '37.88', '3,193.81'])
    """
    frame = result.customers_frame(scheme).head(rows)
    return Table(frame, caption=f"客户明细：前 {len(frame):,} 位（共 {result.n_accepted:,} 位）")


def amount_readings(cells: Sequence[str | tuple[str, str]], unit: str = "元") -> Table:
    """How balance cells are read: the amount in 元, or why the row would be rejected.

    Parameters
    ----------
    cells : sequence
        Cells as written; a ``(text, unit)`` pair gives that cell's column unit.
    unit : {"元", "万元"}
        The column unit of cells given as plain text.

    Examples
    --------
    >>> t = amount_readings(["12.5万", ("3", "万元"), "1.23457E+11"])
    >>> t.frame["读成（元）"].tolist()
    ['125,000.00', '30,000.00', '不采用']
    """
    import pandas as pd

    rows = []
    for cell in cells:
        text, column_unit = cell if isinstance(cell, tuple) else (cell, unit)
        try:
            read, why = format_amount(parse_amount(text, column_unit), "元", 2), ""
        except AmountError as err:
            read, why = "不采用", REJECT_REASONS[err.reason]
        rows.append({"格子里写的": text, "这一列的单位": column_unit, "读成（元）": read, "不采用的原因": why})
    return Table(pd.DataFrame(rows))
