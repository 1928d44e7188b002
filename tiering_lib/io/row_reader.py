"""Accept or reject each data row of a branch export (duplicates are settled afterwards).

Accepted rows are kept column by column, compactly (:class:`~tiering_lib.io.packed.TextColumn`,
``array``), already masked; a rejected row becomes a
:class:`~tiering_lib.io.load_result.RejectedRow` with its masked cells.  A row
is never accepted when its number of cells differs from the header's (a CSV
row), when it has content past the header's last column (an Excel row), or
when the reader reported a problem with it.
"""

from __future__ import annotations

from array import array
from typing import Any, Callable, Iterable

from tiering_lib.errors import AmountError
from tiering_lib.io.amounts import amount_message, parse_amount
from tiering_lib.io.columns import ColumnPlan
from tiering_lib.io.csv_records import Record
from tiering_lib.io.load_result import RejectedRow
from tiering_lib.io.packed import BLOCK, TextColumn
from tiering_lib.io.privacy import HIDDEN, mask_id_card, mask_name, mask_phone
from tiering_lib.io.reasons import REJECT_REASONS, ROW_PROBLEMS
from tiering_lib.io.row_masking import RowMasker, amount_cell, cell_text

__all__ = ["RowReader", "PROGRESS_EVERY", "REST_SEP"]

#: Rows between two calls of the ``progress`` callback.
PROGRESS_EVERY = 100_000
#: Separator of the other cells of an accepted row, kept for showing it if it turns out a duplicate.
REST_SEP = "\x1e"

_TOTAL_WORDS = ("合计", "总计", "小计")
_TOTAL_EN = frozenset({"total", "subtotal", "grandtotal", "sum"})
_TOTAL_FIRST = frozenset("合总小tTsS \u3000")
_FIELD_MASKS = {"name": mask_name, "id_card": mask_id_card, "phone": mask_phone}


def _blank(cells: list[Any]) -> bool:
    for c in cells:
        if c is None:
            continue
        if c.__class__ is not str or (c and not c.isspace()):
            return False
    return True


def _is_total(text: str) -> bool:
    if not text or text[0] not in _TOTAL_FIRST:  # the common case, kept fast
        return False
    t = text.replace(" ", "").replace("\u3000", "").lower()
    return t.startswith(_TOTAL_WORDS) or t.rstrip("：：") in _TOTAL_EN


def _amount_detail(reason: str, value: Any) -> str:
    """Why a balance cell was refused, quoting it only as it may be shown (cut at 40 characters)."""
    text = amount_cell(value)
    if text == HIDDEN:
        return f"{REJECT_REASONS[reason]}（格子的内容不像金额，已隐藏）"
    return amount_message(reason, text if len(text) <= 40 else text[:40] + "…")


class RowReader:
    """Reads the data rows after the header (see the module description).

    Attributes after :meth:`read`: ``rows``, ``balances`` (分) and ``hashes``
    (of the shown customer numbers) as ``array("q")``; ``texts`` (field →
    :class:`TextColumn`, masked); ``rest`` (the other cells, masked);
    ``rejected`` (list of RejectedRow); ``rows_read``; ``last_line`` (the
    last line of the last data row); ``cell_counts`` (cells per row of the rows
    rejected for their number of cells).
    """

    def __init__(self, plan: ColumnPlan, masker: RowMasker, width: int, unit: str, text_cells: bool,
                 encoding: Callable[[], str] = str) -> None:
        self.plan, self.masker, self.width, self.unit = plan, masker, width, unit
        self.text_cells, self.encoding = text_cells, encoding
        self.rows, self.balances, self.hashes = array("q"), array("q"), array("q")
        self.fields = [f for f in ("customer_id", "name", "id_card", "phone") if f in plan.index]
        self.texts = {f: TextColumn() for f in self.fields}
        used = {plan.index[f] for f in self.fields}
        self.rest_columns = [i for i in range(width) if i not in used]
        self.rest = TextColumn()
        # What _row does for each accepted row, prepared once: (append, cell position, mask) per masked field.
        self._masked = [
            (self.texts[f].pending.append, plan.index[f], _FIELD_MASKS[f]) for f in self.fields if f != "customer_id"
        ]
        self._key = plan.index.get("customer_id")
        self._balance = plan.index["balance"]
        self._rest_is_balance = self.rest_columns == [self._balance]
        self._add_row, self._add_balance, self._add_hash = self.rows.append, self.balances.append, self.hashes.append
        self._add_rest, self._keys = self.rest.pending.append, masker.keys
        self._add_key = self.texts["customer_id"].pending.append if self._key is not None else None
        self.rejected: list[RejectedRow] = []
        self.above_rejected = 0
        self.rows_read = 0
        self.last_line = 0
        self.cell_counts: dict[int, int] = {}

    # -- rejections --------------------------------------------------------------------
    def reject(self, row: int, reason: str, detail: str, cells: list[Any], aligned: bool = True) -> None:
        shown = self.masker.aligned(cells) if aligned else self.masker.misaligned(cells)
        self.rejected.append(RejectedRow(row, reason, detail, shown))

    def _problem(self, row: int, problem: str, cells: list[Any]) -> None:
        self.reject(row, problem, ROW_PROBLEMS[problem].format(encoding=self.encoding()), cells, aligned=False)

    def _misfit(self, row: int, cells: list[Any]) -> bool:
        """Reject a row whose cells do not line up with the header; True if rejected."""
        n, width = len(cells), self.width
        if self.text_cells:
            self.cell_counts[n] = self.cell_counts.get(n, 0) + 1
            self.reject(row, "cell_count", f"表头有 {width} 列，本行有 {n} 列（金额里的千分位逗号可能没加引号）", cells, False)
            return True
        if n > width and not _blank(cells[width:]):
            self.reject(row, "extra_cells", f"表头有 {width} 列，本行第 {width + 1} 列以后还有内容", cells, False)
            return True
        return False

    # -- the loop --------------------------------------------------------------------------
    def read(self, records: Iterable[Record], progress: Callable[[int], None] | None = None) -> None:
        """Read every record after the header."""
        pending: list[int] = []
        width, text_cells, row_of = self.width, self.text_cells, self._row
        count = data = last = 0
        for row, cells, problem, lines in records:
            count += 1
            if not count % BLOCK:
                self._seal()
            if progress is not None and not count % PROGRESS_EVERY:
                progress(count)
            first = cells[0] if cells else None
            if problem is None and not (first and (first.__class__ is not str or not first.isspace())) and _blank(cells):
                pending.append(row)
                continue
            if pending:  # blank rows between data rows are rejected; after the last one they are not data
                self.rejected += [RejectedRow(blank, "empty_row", "整行为空", ()) for blank in pending]
                data += len(pending)
                pending.clear()
            data += 1
            last = row + lines - 1
            if problem is not None:
                self._problem(row, problem, cells)
            elif len(cells) != width and self._misfit(row, cells):
                continue
            else:
                row_of(row, cells if text_cells else self._as_text(cells))
        self.rows_read, self.last_line = data, last
        self._seal()

    def above_header(self, above: list[Record], header_row: int, row_like: Callable[[list[str]], bool]) -> None:
        """Rows above the header: unreadable ones and ones that look like data are rejected, titles are not data."""
        self.above_rejected = 0
        for row, cells, problem, _ in above:
            if problem is None and not self.text_cells and _blank(cells[self.width :]):
                cells = self._as_text(cells)  # an Excel row, padded: it lines up with the header
            if problem is not None:
                self._problem(row, problem, cells)
            elif row_like([cell_text(c) for c in cells]):
                detail = f"这一行在第 {header_row} 行的表头上方，却像一行客户数据；请确认表头的位置"
                self.reject(row, "above_header", detail, cells, aligned=len(cells) == self.width)
            else:
                continue  # a title line
            self.above_rejected += 1
            self.rows_read += 1

    def _seal(self) -> None:
        for col in (*self.texts.values(), self.rest):
            col.seal()

    def _as_text(self, cells: list[Any]) -> list[Any]:
        """An Excel row: padded to the header's width, every cell but the balance as text."""
        width, bi = self.width, self.plan.index["balance"]
        cells = (cells + [None] * (width - len(cells)))[:width]
        return [c if i == bi else cell_text(c) for i, c in enumerate(cells)]

    def _row(self, row: int, cells: list[Any]) -> None:
        """One row that lines up with the header: accept it, or reject it for its content."""
        ii, bi, first = self._key, self._balance, cells[0]
        cid = cells[ii].strip() if ii is not None else ""
        if (first[:1] in _TOTAL_FIRST or cid[:1] in _TOTAL_FIRST) and self._total(cells, cid):
            return self.reject(row, "total_row", "合计/小计行不是客户", cells)
        if ii is not None and not cid:
            return self.reject(row, "missing_id", "客户号为空", cells)
        try:
            fen = parse_amount(cells[bi], self.unit)
        except AmountError as err:
            return self.reject(row, err.reason, _amount_detail(err.reason, cells[bi]), cells)
        self._add_row(row)
        self._add_balance(fen)
        if ii is not None:
            shown = self._keys(cid)
            self._add_key(shown)
            self._add_hash(hash(shown))
        for add, i, mask in self._masked:
            add(mask(cells[i]))
        if self._rest_is_balance:
            self._add_rest(cells[bi] if cells[bi].__class__ is str else cell_text(cells[bi]))
        elif self.rest_columns:
            self._add_rest(self._rest(cells, bi))

    def _total(self, cells: list[str], cid: str) -> bool:
        ni = self.plan.index.get("name")
        return _is_total(cells[0]) or _is_total(cid) or (ni is not None and _is_total(cells[ni]))

    def _rest(self, cells: list[Any], bi: int) -> str:
        maskers = self.masker.maskers
        parts = [cell_text(cells[i]).strip() if i == bi else maskers[i](cells[i]) for i in self.rest_columns]
        return REST_SEP.join(p.replace(REST_SEP, "\ufffd") for p in parts)

    def cells_of(self, position: int, values: dict[str, str], rest: str) -> tuple[str, ...]:
        """The masked cells of the accepted row at ``position``, from its fields and its other cells."""
        out = [""] * self.width
        for f, v in values.items():
            out[self.plan.index[f]] = v
        for i, v in zip(self.rest_columns, rest.split(REST_SEP) if self.rest_columns else ()):
            out[i] = v
        while out and not out[-1]:
            out.pop()
        return tuple(out)
