"""What reading a branch export gives: accepted customers, rejected rows with reasons.

Nothing is lost: every data row of the file is either accepted (a customer
with a balance in 分) or rejected with a reason, its original row number and
its (masked) content, and ``n_accepted + n_rejected == rows_read`` always.
A problem with the whole file raises :class:`BranchFileError` instead.

Personal data is masked when the file is read (:mod:`tiering_lib.io.row_masking`),
so a :class:`LoadResult` never holds a raw value that could leak into a
notebook, a message or a report.  Accepted customers are held column by
column, compactly (:class:`~tiering_lib.io.packed.TextColumn`), so millions of
them fit in memory.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from tiering_lib.core.money import format_amount
from tiering_lib.io.columns import FIELD_LABELS
from tiering_lib.io.reasons import REJECT_REASONS

__all__ = ["RejectedRow", "LoadResult"]


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """One row that was not accepted.

    Attributes
    ----------
    row : int
        Its row number: the sheet's row in Excel; in a CSV, the line of the
        file it starts on (the same as Excel's row unless a cell above holds
        a line break).
    reason : str
        A key of :data:`REJECT_REASONS`.
    detail : str
        What exactly is wrong (Chinese, masked).
    cells : tuple of str
        The row's content as text, with names, ID-card and phone numbers masked.
    """

    row: int
    reason: str
    detail: str
    cells: tuple[str, ...]

    @property
    def reason_zh(self) -> str:
        """The reason in Chinese."""
        return REJECT_REASONS[self.reason]


@dataclass(frozen=True, eq=False)
class LoadResult:
    """A branch export, read: accepted customers (masked) and rejected rows.

    Build with :func:`tiering_lib.load_branch_export`.  Accepted customers are
    held column by column, in file order; ``balances`` are in 分.

    Attributes
    ----------
    source : str
        File name (without folders) or the name given to the data.
    encoding : str
        How the file was read, e.g. ``"GB18030/GBK"``, ``"UTF-8（带 BOM）"``, ``"xlsx"``.
    sheet : str or None
        The worksheet read, for an Excel file.
    header_row : int
        Row number of the header.
    header : tuple of str
        The header cells as written.
    columns : dict
        Field → header text of the columns used.
    unit : str
        Unit the balance column was read in (元 or 万元).
    rows_read : int
        Data rows between the header and the last non-empty row.
    row_numbers, balances : numpy.ndarray
        Row number and balance (分) of each accepted customer.
    texts : mapping
        Field (``customer_id``, ``name``, ``id_card``, ``phone``) → its
        values per accepted customer, masked; see :attr:`customer_ids` …
    rejected : tuple of RejectedRow
        Sorted by row number.
    notes : tuple of str
        Observations about the whole file (Chinese), including what was masked.
    lines_read : int
        Physical lines of the file (rows of the sheet) read, title and header included.
    hidden_columns : tuple of int
        Positions of the columns hidden whole (free text, not recognised).
    """

    source: str
    encoding: str
    sheet: str | None
    header_row: int
    header: tuple[str, ...]
    columns: dict[str, str]
    unit: str
    rows_read: int
    row_numbers: np.ndarray
    balances: np.ndarray
    texts: Mapping[str, Any]
    rejected: tuple[RejectedRow, ...]
    notes: tuple[str, ...] = field(default=())
    lines_read: int = 0
    hidden_columns: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.n_accepted + self.n_rejected != self.rows_read:  # the loader's promise; a bug if broken
            raise AssertionError(
                f"{self.source}: {self.n_accepted} accepted + {self.n_rejected} rejected != {self.rows_read} rows read"
            )

    def _field(self, name: str) -> tuple[str, ...] | None:
        values = self.texts.get(name)
        return None if values is None else tuple(values)

    @property
    def customer_ids(self) -> tuple[str, ...] | None:
        """Customer number of each accepted customer (a pseudonym when it is personal); None without the column."""
        return self._field("customer_id")

    @property
    def names(self) -> tuple[str, ...] | None:
        """Masked name of each accepted customer; None when the file has no name column."""
        return self._field("name")

    @property
    def id_cards(self) -> tuple[str, ...] | None:
        """Masked ID-card number of each accepted customer; None without the column."""
        return self._field("id_card")

    @property
    def phones(self) -> tuple[str, ...] | None:
        """Masked phone number of each accepted customer; None without the column."""
        return self._field("phone")

    @property
    def n_accepted(self) -> int:
        """Number of accepted customers."""
        return int(self.balances.size)

    @property
    def n_rejected(self) -> int:
        """Number of rejected rows."""
        return len(self.rejected)

    @property
    def total_balance(self) -> int:
        """Sum of the accepted balances, in 分 (exact)."""
        return sum(self.balances.tolist())

    def reason_counts(self) -> dict[str, int]:
        """Rejected rows per reason code, in the order of :data:`REJECT_REASONS` (reasons that occur only)."""
        counts = Counter(r.reason for r in self.rejected)
        return {reason: counts[reason] for reason in REJECT_REASONS if counts[reason]}

    def table(self, scheme):
        """The distribution table of the accepted customers under ``scheme``.

        Examples
        --------
        >>> from tiering_lib import builtin_scheme, load_branch_export
        >>> r = load_branch_export("客户号,余额\\n1,500\\n2,30万\\n".encode(), name="例子.csv")
        >>> r.table(builtin_scheme("suzhou_three_class")).households
        (1, 0, 1)
        """
        from tiering_lib.core.tables import table_from_balances

        return table_from_balances(self.balances, scheme)

    # -- frames for display --------------------------------------------------
    def summary(self):
        """The validation report as a DataFrame: rows read, accepted, rejected, then each reason."""
        import pandas as pd

        rows = [("读取的数据行", self.rows_read), ("接受", self.n_accepted), ("拒绝", self.n_rejected)]
        rows += [(f"  拒绝：{REJECT_REASONS[k]}", n) for k, n in self.reason_counts().items()]
        frame = pd.DataFrame(rows, columns=["项目", "行数"]).set_index("项目")
        return frame

    def column_names(self, width: int | None = None) -> list[str]:
        """Names of the file's columns as reports show them (hidden ones marked), padded to ``width``."""
        names = [h + ("（已隐藏）" if i in self.hidden_columns else "") for i, h in enumerate(self.header)]
        names += [f"（多出的第 {i + 1} 列）" for i in range(len(names), width or 0)]
        return _unique(names)

    def rejected_frame(self):
        """Rejected rows as a DataFrame: 行号, 原因, 说明 and the row's (masked) cells."""
        import pandas as pd

        width = max([len(self.header), *(len(r.cells) for r in self.rejected)])
        records = [
            [r.row, r.reason_zh, r.detail, *r.cells, *[""] * (width - len(r.cells))] for r in self.rejected
        ]
        return pd.DataFrame(records, columns=["行号", "原因", "说明", *self.column_names(width)])

    def customers_frame(self, scheme=None):
        """Accepted customers as a DataFrame (masked), with their tier if ``scheme`` is given.

        Columns: 行号, then 客户号 / 姓名 / 证件号 / 手机号 where the file has
        them, 余额（元） as exact text, and 层级 / 层级名称 with a scheme.
        """
        import pandas as pd

        data: dict[str, Any] = {"行号": self.row_numbers}
        for fld in ("customer_id", "name", "id_card", "phone"):
            if fld in self.texts:
                data[FIELD_LABELS[fld]] = list(self.texts[fld])
        data["余额（元）"] = [format_amount(int(b), "元", 2) for b in self.balances]
        if scheme is not None:
            from tiering_lib.core.classify import classify

            idx = classify(self.balances, scheme)
            data["层级"] = np.array(scheme.codes, dtype=object)[idx]
            data["层级名称"] = np.array([t.name_zh for t in scheme.tiers], dtype=object)[idx]
        return pd.DataFrame(data)

    # -- tables for learners (tiering_lib.io.result_tables) -----------------------------
    def rejected_table(self):
        """Every rejected row as a table a learner reads (see :func:`~tiering_lib.io.result_tables.rejected_table`)."""
        from tiering_lib.io.result_tables import rejected_table

        return rejected_table(self)

    def customers_table(self, scheme=None, rows: int = 5):
        """The first accepted customers, masked (see :func:`~tiering_lib.io.result_tables.customers_table`)."""
        from tiering_lib.io.result_tables import customers_table

        return customers_table(self, scheme, rows)

    def privacy_table(self):
        """What each column holds and how the report shows it (see :func:`~tiering_lib.io.result_tables.privacy_table`)."""
        from tiering_lib.io.result_tables import privacy_table

        return privacy_table(self)

    def _summary_line(self) -> str:
        where = f"，工作表“{self.sheet}”" if self.sheet else ""
        return (
            f"{self.source}（{self.encoding}{where}，表头在第 {self.header_row} 行，余额单位 {self.unit}）："
            f"读取 {self.rows_read:,} 行 = 接受 {self.n_accepted:,} 行 + 拒绝 {self.n_rejected:,} 行"
        )

    def __repr__(self) -> str:
        return f"读入的客户余额表：{self._summary_line()}"

    def _repr_html_(self) -> str:
        parts = [f"<p><b>{html.escape(self._summary_line())}</b></p>"]
        used = "，".join(f"{FIELD_LABELS[f]} ← “{h}”" for f, h in self.columns.items())
        parts.append(f"<p>使用的列：{html.escape(used)}</p>")
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in self.notes) + "</ul>")
        parts.append(self.summary().to_html())
        return "\n".join(parts)


def _unique(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for n in names:
        seen[n] += 1
        out.append(n if seen[n] == 1 else f"{n}（{seen[n]}）")
    return out
