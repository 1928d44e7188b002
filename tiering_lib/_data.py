"""Datasets shipped in ``data/`` (installed as ``tiering_lib.datasets``), and checks
of computed tables against the tables the deck prints.

Files are read with :mod:`importlib.resources`, so they load from any working
directory.  Published figures are kept as the printed text, so no digit is lost.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import Any

from ._errors import DataError
from ._money import fen_to_unit, round_half_up, to_fen
from ._schemes import builtin_scheme
from ._tables import TOTAL_LABEL, DistributionTable, table_from_bands

__all__ = [
    "read_dataset",
    "load_suzhou_bands",
    "PublishedTable",
    "load_published",
    "compare_with_published",
    "Comparison",
    "load_customer_profile",
]

_PUBLISHED = {
    "suzhou_bands": ("suzhou_2012_02_bands.csv", "band", "suzhou_five_band"),
    "suzhou_classes": ("suzhou_2012_02_classes.csv", "class", "suzhou_three_class"),
}


def read_dataset(filename: str, as_frame: bool = False):
    """Rows of a CSV file in ``data/`` as dicts of text (nothing converted).

    With ``as_frame=True`` the same text as a pandas DataFrame, for display.

    Raises
    ------
    DataError
        If there is no such file in ``data/``.

    Examples
    --------
    >>> read_dataset("suzhou_2012_02_classes.csv")[0]["amount_wan"]
    '296269.299'
    """
    path = resources.files("tiering_lib.datasets").joinpath(filename)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"data/{filename}: no such dataset shipped with the workbook") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if as_frame:
        import pandas as pd

        return pd.DataFrame(rows)
    return rows


def load_suzhou_bands() -> DistributionTable:
    """The Suzhou deposit balance structure, end of February 2012, five bands.

    Amounts are exact (分), read from the printed 万元 figures.

    Examples
    --------
    >>> t = load_suzhou_bands()
    >>> t.total_households
    7439432
    >>> fen_to_unit(t.total_amount, "万元")
    Decimal('3107282.89882')
    """
    scheme = builtin_scheme("suzhou_five_band")
    rows = [r for r in read_dataset("suzhou_2012_02_bands.csv") if r["code"] != "total"]
    codes = [r["code"] for r in rows]
    if codes != list(scheme.codes):
        raise DataError(f"data/suzhou_2012_02_bands.csv: band codes {codes} differ from the scheme's {list(scheme.codes)}")
    for r, tier in zip(rows, scheme.tiers):
        upper = to_fen(r["upper_yuan"]) if r["upper_yuan"] else None
        if (to_fen(r["lower_yuan"]), upper) != (tier.lower, tier.upper):
            raise DataError(f"data/suzhou_2012_02_bands.csv, band {r['band']}: bounds differ from the scheme")
    return table_from_bands(
        scheme,
        [int(r["households"]) for r in rows],
        [to_fen(r["amount_wan"], "万元") for r in rows],
    )


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
        raise DataError(f"published table {self.name!r} has no row {label_or_code!r}")


def load_published(name: str) -> PublishedTable:
    """A published table: ``"suzhou_bands"`` (five bands) or ``"suzhou_classes"`` (A/B/C).

    Examples
    --------
    >>> load_published("suzhou_classes").row("A")["amount_share"]
    '9.535%'
    """
    if name not in _PUBLISHED:
        raise DataError(f"no published table {name!r}; choose one of {list(_PUBLISHED)}")
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
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if percent:
        value = value * 100
    text = str(round_half_up(value, _places(printed)))
    return text + "%" if percent else text


@dataclass(frozen=True)
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
        frame.columns = ["类别", "栏目", "课件印出", "本库计算(按印出位数)", "一致"]
        frame["一致"] = frame["一致"].map({True: "✓", False: "✗"})
        return frame

    def _repr_html_(self) -> str:
        verdict = (
            f"<p><b>全部 {len(self.cells)} 个数字与课件一致 ✓</b></p>"
            if self.all_match
            else f"<p><b>有 {len(self.mismatches)} 个数字与课件不一致 ✗</b></p>"
        )
        return verdict + self.to_frame().to_html(index=False)


_COLUMNS = (
    ("amount_wan", "金额(万元)", False),
    ("amount_share", "金额占比", True),
    ("households", "户数(户)", False),
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
    >>> from tiering_lib import builtin_scheme, reaggregate
    >>> three = reaggregate(load_suzhou_bands(), builtin_scheme("suzhou_three_class"))
    >>> compare_with_published(three, load_published("suzhou_classes")).all_match
    True
    """
    if table.scheme.name != published.scheme_name:
        raise DataError(
            f"published table {published.name!r} uses scheme {published.scheme_name!r}, "
            f"the computed table uses {table.scheme.name!r}"
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


def load_customer_profile():
    """The postal office's customer sources and groups (deck §2) as a DataFrame.

    Columns: ``dimension`` (source/age/group/group_total/origin), ``key``,
    ``label_zh``, ``share_pct`` (Decimal, percent of all customers),
    ``printed_as`` and ``note``.

    Examples
    --------
    >>> p = load_customer_profile()
    >>> p.set_index("key").loc["natural", "share_pct"]
    Decimal('72')
    """
    import pandas as pd

    rows = read_dataset("postal_customer_profile.csv")
    for r in rows:
        r["share_pct"] = Decimal(r["share_pct"])
    return pd.DataFrame(rows)
