"""The catalogue of reasons a branch-export row is rejected (codes and their Chinese text).

Every rejected row carries one of these codes; reports and notebooks show the
Chinese text and list reasons in this order.
"""

from __future__ import annotations

__all__ = ["REJECT_REASONS"]

#: Why a row is rejected: reason code → Chinese description, in the order reports list them.
REJECT_REASONS: dict[str, str] = {
    "empty_row": "空行",
    "total_row": "合计/小计行",
    "extra_cells": "格子比表头多(金额里的逗号可能没加引号)",
    "missing_id": "客户号为空",
    "missing_balance": "余额为空",
    "not_a_number": "余额不是数字",
    "scientific": "余额是科学计数法(精度已丢失)",
    "negative": "余额为负数",
    "sub_fen": "余额精确到分以下",
    "too_large": "余额大得不合理(超过 100 亿元)",
    "duplicate_conflict": "客户号重复且余额不同",
    "duplicate_row": "重复记录(客户号和余额都相同)",
}
