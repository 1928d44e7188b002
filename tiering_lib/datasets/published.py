"""The tables the deck prints, as printed, and cell-by-cell checks of computed tables against them.

Published figures are kept as the printed text (``data/suzhou_2012_02_*.csv``),
so no digit is lost; :func:`compare_with_published` rounds each computed value
to as many decimals as the deck printed and compares the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tiering_lib.core.money import round_half_up, to_decimal
from tiering_lib.core.tables import TOTAL_LABEL, DistributionTable
from tiering_lib.datasets.files import read_dataset
from tiering_lib.errors import DataError

__all__ = ["PublishedTable", "load_published", "Comparison", "compare_with_published"]

_PUBLISHED = {
    "suzhou_bands": ("suzhou_2012_02_bands.csv", "band", "suzhou_five_band"),
    "suzhou_classes": ("suzhou_2012_02_classes.csv", "class", "suzhou_three_class"),
}


@dataclass(frozen=True)
class PublishedTable:
    """A table as the deck prints it: one dict of printed text per row, 合计 last."""

    name: str
    scheme_name: str
    rows: tuple[dict[str, str], ...]

    def row(self, label_or_code: str) -> dict[str, str]:
        """The printed row with this code or label (``'total'`` or ``'合计'`` for the total)."""
        for r in self.rows:
            if label_or_code in (r["code"], r["label"]):
                return r
        raise DataError(f"公开表 {self.name!r} 没有 {label_or_code!r} 这一行")


def load_published(name: str) -> PublishedTable:
    """A published table: ``"suzhou_bands"`` (five bands) or ``"suzhou_classes"`` (A/B/C).

    Examples
    --------
    >>> load_published("suzhou_classes").row("A")["amount_share"]
    '9.535%'
    """
    if name not in _PUBLISHED:
        raise DataError(f"没有名为 {name!r} 的公开表；可选：{list(_PUBLISHED)}")
    filename, label_col, scheme_name = _PUBLISHED[name]
    rows = []
    for r in read_dataset(filename):
        rows.append(
            {
                "code": r["code"],
                "label": r[label_col],
                "amount_wan": r["amount_wan"],
                "amount_share": r["amount_share"],
                "households": r["households"],
                "household_share": r["household_share"],
            }
        )
    return PublishedTable(name, scheme_name, tuple(rows))


def _places(printed: str) -> int:
    digits = printed.rstrip("%")
    return len(digits.split(".")[1]) if "." in digits else 0


def _as_printed(value: Decimal | Fraction, printed: str, percent: bool) -> str:
    value = to_decimal(value)
    if percent:
        value = value * 100
    text = str(round_half_up(value, _places(printed)))
    return text + "%" if percent else text


@dataclass(frozen=True, repr=False)
class Comparison:
    """Cell-by-cell comparison of a computed table with a published one.

    ``cells`` holds one dict per compared cell: row label, column, printed
    text, computed value rounded to the printed decimals, and ``match``.
    """

    name: str
    cells: tuple[dict[str, Any], ...]

    @property
    def all_match(self) -> bool:
        """True when every printed digit is reproduced."""
        return all(c["match"] for c in self.cells)

    @property
    def mismatches(self) -> list[dict[str, Any]]:
        """The cells that differ."""
        return [c for c in self.cells if not c["match"]]

    def to_frame(self):
        """The comparison as a pandas DataFrame (one row per cell)."""
        import pandas as pd

        frame = pd.DataFrame(list(self.cells))
        frame.columns = ["类别", "栏目", "课件印出", "计算结果（按印出位数）", "一致"]
        frame["一致"] = frame["一致"].map({True: "✓", False: "✗"})
        return frame

    def verdict(self) -> str:
        """One sentence: how many printed figures the computed table reproduces.

        Examples
        --------
        >>> from tiering_lib import load_suzhou_bands
        >>> compare_with_published(load_suzhou_bands(), load_published("suzhou_bands")).verdict()
        '全部 24 个数字与课件一致 ✓'
        """
        if self.all_match:
            return f"全部 {len(self.cells)} 个数字与课件一致 ✓"
        return f"有 {len(self.mismatches)} 个数字与课件不一致 ✗"

    def _repr_html_(self) -> str:
        from tiering_lib.display import Table, escape

        return f"<p><b>{escape(self.verdict())}</b></p>" + Table(self.to_frame())._repr_html_()

    def __repr__(self) -> str:
        from tiering_lib.display import Table

        return f"{self.verdict()}\n{Table(self.to_frame())!r}"


_COLUMNS = (
    ("amount_wan", "金额（万元）", False),
    ("amount_share", "金额占比", True),
    ("households", "户数（户）", False),
    ("household_share", "户数占比", True),
)


def compare_with_published(table: DistributionTable, published: PublishedTable) -> Comparison:
    """Compare every printed cell with the computed table, to the printed decimals.

    Amounts are rounded half up to as many decimals as the deck printed
    (``'296269.299'`` → 3), shares likewise, households must be equal.

    Raises
    ------
    DataError
        If the table's scheme is not the one the published table uses.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, load_suzhou_bands, reaggregate
    >>> three = reaggregate(load_suzhou_bands(), builtin_scheme("suzhou_three_class"))
    >>> compare_with_published(three, load_published("suzhou_classes")).all_match
    True
    """
    if table.scheme.name != published.scheme_name:
        raise DataError(
            f"公开表 {published.name!r} 用的是方案 {published.scheme_name!r}，"
            f"计算出的表用的是 {table.scheme.name!r}"
        )
    computed = {r["code"] or "total": r for r in table.rows()}
    cells = []
    for printed in published.rows:
        row = computed[printed["code"]]
        label = TOTAL_LABEL if printed["code"] == "total" else printed["label"]
        for key, column, percent in _COLUMNS:
            text = printed[key]
            if key == "households":
                value = str(row["households"])
            elif key == "amount_wan":
                value = _as_printed(row["amount_wan"], text, False)
            else:
                value = _as_printed(row[key], text, True)
            cells.append(
                {"label": label, "column": column, "printed": text, "computed": value, "match": value == text}
            )
    return Comparison(published.name, tuple(cells))
