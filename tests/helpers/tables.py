"""Reading back numbers that display tables write with thousands separators ("6,520")."""

from __future__ import annotations


def whole(value) -> int:
    """A whole number as a display table shows it: ``"6,520"`` → 6520 (an int stays an int)."""
    return int(str(value).replace(",", ""))


def column_sum(column) -> int:
    """The sum of a display table's column of whole numbers."""
    return sum(whole(v) for v in column)
