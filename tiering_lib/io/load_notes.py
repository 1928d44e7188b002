"""The notes of a read branch export (Chinese): how the file was read, and what was masked where.

They are shown under the validation report in a notebook and written under
the summary table of the Excel report, so a reader can check that nothing was
lost (how many lines, which were title, header, data) and what was hidden.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tiering_lib.io.columns import ColumnPlan
from tiering_lib.io.row_masking import RowMasker
from tiering_lib.io.row_reader import RowReader

__all__ = ["file_notes", "privacy_notes"]

_KEPT = {
    "name": "只保留第一个字",
    "id_card": "只保留前 3 位和后 4 位",
    "phone": "只保留前 3 位和后 4 位",
    "account": "只保留前 4 位和后 4 位",
}
_UNTRUSTED = ("cell_count", "extra_cells", "bad_quotes", "field_too_long", "line_too_long", "undecodable", "mixed_encoding")


def _quoted(names: list[str]) -> str:
    return "、".join(f"“{n}”" for n in names)


def _lines_note(reader: RowReader, records: Any, header_row: int) -> str:
    what = "工作表" if hasattr(records, "title") else "文件"
    lines = records.lines_read
    note = f"{what}共 {lines:,} 行："
    if header_row > 1:
        lines_above = f"第 {'1' if header_row == 2 else f'1–{header_row - 1}'} 行"
        listed = reader.above_rejected
        note += f"{lines_above}在表头上方（其中 {listed} 行像数据或无法读取，已列入“问题数据”），" if listed else (
            f"{lines_above}是标题等（不是数据），"
        )
    note += f"第 {header_row} 行是表头，数据 {reader.rows_read:,} 行"
    trailing = lines - max(reader.last_line, header_row)
    if trailing > 0:
        note += f"，末尾 {trailing:,} 个空行不是数据"
    return note


def _unit_notes(names: tuple[str, ...], plan: ColumnPlan, unit: str | None) -> list[str]:
    balance = names[plan.index["balance"]]
    if unit is None:
        source = f"取自表头“{balance}”" if plan.unit else "表头没写单位，按元"
        return [f"余额单位：{plan.unit or '元'}（{source}）"]
    notes = [f"余额单位：{unit}（按指定）"]
    if plan.unit and plan.unit != unit:
        notes.append(f"注意：表头“{balance}”写的单位是{plan.unit}，但按指定的{unit}读取")
    return notes


def _problem_notes(reader: RowReader) -> list[str]:
    notes = []
    counts = Counter(r.reason for r in reader.rejected)
    if reader.cell_counts and sum(reader.cell_counts.values()) * 2 > reader.rows_read:
        n, k = max(reader.cell_counts.items(), key=lambda item: item[1])
        notes.append(
            f"有 {k:,} 行都是 {n} 列，而表头是 {reader.width} 列：表头和数据行可能没有对齐"
            "（例如每行末尾多了一个分隔符）；请检查后重新导出"
        )
    if counts["bad_quotes"]:
        notes.append(f"有 {counts['bad_quotes']:,} 行的英文引号没有配对，已在“问题数据”中逐行列出；其余的行照常读取")
    if counts["undecodable"] + counts["mixed_encoding"]:
        k = counts["undecodable"] + counts["mixed_encoding"]
        notes.append(f"有 {k:,} 行有无法解码的字节或混用了编码，已逐行列出，没有读入")
    return notes


def file_notes(
    reader: RowReader, records: Any, header_row: int, names: tuple[str, ...], plan: ColumnPlan, unit: str | None
) -> list[str]:
    """How the file was read: lines, title and header rows, units, columns chosen, problems found."""
    notes = [_lines_note(reader, records, header_row)]
    if records.multiline:
        first = "、".join(str(r) for r in records.multiline[:5]) + ("…" if len(records.multiline) > 5 else "")
        notes.append(
            f"有 {len(records.multiline):,} 行的格子里有换行，一行占了多个物理行（第 {first} 行）；行号按每行开始的那一行计"
        )
    notes += _unit_notes(names, plan, unit)
    if "customer_id" not in plan.index:
        notes.append("没有客户号列，无法检查重复的客户")
    notes += list(plan.notes)
    skipped = getattr(records, "hidden_skipped", [])
    if skipped:
        notes.append(f"跳过了隐藏的工作表：{_quoted(skipped)}（要读它，请指定工作表名）")
    return notes + _problem_notes(reader)


def privacy_notes(
    reader: RowReader, masker: RowMasker, names: tuple[str, ...], plan: ColumnPlan, keep_text: bool
) -> list[str]:
    """What was masked, hidden or replaced by a pseudonym, column by column."""
    notes = []
    key = plan.index.get("customer_id")
    pseudonym = "换成了化名（“化名-”加 16 位编码；同一号码得到同一化名，可据此核对重复；化名每次读取都不同）"
    if key is not None and plan.key_is_personal:
        notes.append(f"客户号列“{names[key]}”是卡号、账号、证件号或电话：每个号码都{pseudonym}")
    elif masker.keys.pseudonyms:
        notes.append(f"像证件号、手机号、卡号的客户号（或不是编号的客户号）{pseudonym}")
    masked = [f"“{names[i]}”（{_KEPT[role]}）" for i, role in enumerate(plan.roles) if role in _KEPT and i < len(names)]
    if masked:
        notes.append("已脱敏的列：" + "、".join(masked))
    hidden = [names[i] for i in masker.hidden if i < len(names) and not names[i].startswith("（第 ")]
    if hidden and not keep_text:
        notes.append(
            f"整列隐藏（自由文本、地址或没有认出的列，可能含姓名）：{_quoted(hidden)}；要保留，读入时加 "
            "keep_text_columns=True（命令行：--keep-text-columns），其中的证件号、手机号、卡号仍会脱敏"
        )
    elif hidden:
        notes.append(
            f"按要求保留了自由文本列 {_quoted(hidden)}：其中的证件号、手机号、卡号、护照号和邮箱已脱敏，"
            "但姓名无法识别，报告请勿外传"
        )
    plain = [names[i] for i, role in enumerate(plan.roles) if role == "plain" and i < len(names)]
    if plain:
        notes.append(f"{_quoted(plain)}列中的证件号、手机号、卡号已脱敏")
    notes.append("余额格子里不像金额的内容已隐藏")
    if any(r.reason in _UNTRUSTED for r in reader.rejected):
        notes.append("与表头对不齐的行（格子数不同、引号或编码有问题）只显示像金额的格子，其余已隐藏")
    return notes
