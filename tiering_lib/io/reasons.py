"""The catalogue of reasons a branch-export row is rejected (codes and their Chinese text).

Every rejected row carries one of these codes; reports and notebooks show the
Chinese text and list reasons in this order.
"""

from __future__ import annotations

__all__ = ["REJECT_REASONS", "ROW_PROBLEMS"]

#: Why a row is rejected: reason code → Chinese description, in the order reports list them.
REJECT_REASONS: dict[str, str] = {
    "empty_row": "空行",
    "total_row": "合计/小计行",
    "above_header": "表头上方的数据行",
    "cell_count": "格子数与表头不同（金额里的逗号可能没加引号）",
    "extra_cells": "表头以外的列还有内容",
    "bad_quotes": "引号没有配对",
    "field_too_long": "格子长得不合理",
    "line_too_long": "一行长得不合理",
    "undecodable": "有无法解码的字节",
    "mixed_encoding": "编码与文件其余部分不同",
    "missing_id": "客户号为空",
    "missing_balance": "余额为空",
    "not_a_number": "余额不是数字",
    "scientific": "余额是科学计数法（精度已丢失）",
    "negative": "余额为负数",
    "sub_fen": "余额精确到分以下",
    "too_large": "余额大得不合理（超过 100 亿元）",
    "duplicate_conflict": "客户号重复且余额不同",
    "duplicate_row": "重复记录（客户号和余额都相同）",
}

#: What to say about a row that could not be read as cells (the reader's problem codes).
ROW_PROBLEMS: dict[str, str] = {
    "bad_quotes": "本行的英文引号没有配对或位置不对（多半是格子里多了一个引号），没有读入；请检查这一行",
    "field_too_long": "本行有格子超过 32,767 个字符（Excel 的上限），不像导出的数据，没有读入",
    "line_too_long": "本行超过 1 MB，不像导出的数据，没有读入",
    "undecodable": "本行有无法按{encoding}解码的字节，没有读入；请检查这一行，或重新导出",
    "mixed_encoding": "本行的编码与文件其余部分（{encoding}）不同，文件混用了编码，没有读入；请统一编码后重新导出",
}
