"""The records of a CSV export, with a stray quote unable to swallow the rest of the file.

Python's ``csv`` module reads the physical lines (strict quoting).  A record is
numbered by the physical line it starts on.  A record is a problem, reported
and never accepted, when:

* the ``csv`` module cannot read it (a quote in the wrong place), or its
  number of quote characters is odd (an unbalanced quote): ``"bad_quotes"``;
* a field is longer than Excel allows: ``"field_too_long"``;
* a line of it is flagged by the decoder (:mod:`tiering_lib.io.decoding`).

A quoted field may span lines (an address typed with line breaks).  When such
a record looks wrong — more than :data:`MAX_RECORD_LINES` lines, an error or
an odd number of quotes at its end, or a line inside the field that is a whole
row by itself, split at every separator (``row_like``: the header's number of
cells, a customer number and a readable balance) — the quote that opened it is
taken to be a stray one:
its first line is reported and reading starts again on the next line, so every
following row is read on its own.  (So a record whose line after a line break
looks like a complete row is reported, not read: the one case where valid CSV
is refused, since it cannot be told from a stray quote.)
"""

from __future__ import annotations

import csv
from typing import Any, Callable, Iterable, Iterator, Mapping

from tiering_lib.errors import ColumnProblem
from tiering_lib.io.columns import resolve_columns
from tiering_lib.io.decoding import Chunk

__all__ = ["CsvRecords", "Record", "choose_delimiter", "MAX_RECORD_LINES", "MAX_CELL_CHARS", "DELIMITERS"]

#: ``(row, cells, problem, physical lines)``: a record of the file; ``problem`` is None or a reason code.
Record = tuple[int, list[Any], "str | None", int]

#: Most physical lines one record may span before its opening quote is taken for a stray one.
MAX_RECORD_LINES = 50
#: Longest cell (Excel's limit, in UTF-16 units; a longer CSV cell cannot be a real export's).
MAX_CELL_CHARS = 32_767
#: Cell separators recognised, in order of preference.
DELIMITERS = (",", "\t", ";", "|")
_QUOTE = '"'


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF) if not text.isascii() else len(text)


def _too_long(cells: list[str]) -> bool:
    return any(len(c) > MAX_CELL_CHARS // 2 and _utf16_units(c) > MAX_CELL_CHARS for c in cells)


class CsvRecords:
    """The records of decoded line chunks (an iterable; see the module description).

    ``row_like`` (set by the loader once the header is known: does a list of
    cells make a whole row?) lets a multi-line record be checked for
    swallowed rows;
    ``multiline`` lists the rows whose fields span lines; ``lines_read`` is
    read from ``counter`` (the :class:`~tiering_lib.io.decoding.Lines` the
    chunks come from).
    """

    def __init__(self, chunks: Iterable[Chunk], delimiter: str, counter: Any = None) -> None:
        self._chunks = chunks
        self.delimiter = delimiter
        self.counter = counter
        self.width: int | None = None
        self.row_like: Callable[[list[str]], bool] | None = None
        self.multiline: list[int] = []

    @property
    def lines_read(self) -> int:
        """Physical lines read so far."""
        return self.counter.lines_read if self.counter is not None else 0

    def __iter__(self) -> Iterator[Record]:
        buf: list[str] = []
        flags: dict[int, str] = {}
        base = 1
        for lines, new_flags in self._chunks:
            offset = len(buf)
            buf.extend(lines)
            flags.update({offset + i: p for i, p in new_flags.items()})
            done = yield from self._parse(buf, flags, base, final=False)
            del buf[:done]
            flags = {i - done: p for i, p in flags.items() if i >= done}
            base += done
        yield from self._parse(buf, flags, base, final=True)

    def _parse(self, buf: list[str], flags: dict[int, str], base: int, final: bool):
        """Yield the complete records of ``buf``; return how many lines they used."""
        pos, n = 0, len(buf)
        while pos < n:
            it = iter(buf)
            it.__setstate__(pos)
            reader = csv.reader(it, delimiter=self.delimiter, strict=True)
            seen = 0
            while pos < n:
                error = None
                try:
                    cells = next(reader)
                except csv.Error as err:
                    cells, error = None, str(err)
                except StopIteration:  # not expected: every line gives a record
                    return n
                used, seen = reader.line_num - seen, reader.line_num
                line = buf[pos]
                if used == 1 and error is None and _QUOTE not in line and len(line) <= MAX_CELL_CHARS // 2 and (
                    not flags or pos not in flags
                ):
                    yield base + pos, cells, None, 1  # the common case, kept fast
                    pos += 1
                    continue
                if error is not None and pos + used >= n and not final and used <= MAX_RECORD_LINES:
                    return pos  # a record cut at the end of the chunk: read it again with the next one
                restart = yield from self._judge(buf, flags, base, pos, used, cells, error)
                if restart:
                    pos += 1
                    break
                pos += used
        return pos

    def _judge(self, buf, flags, base, pos, used, cells, error):
        """Yield the record of ``buf[pos:pos + used]`` (or a problem); return True to read again from pos + 1."""
        span = buf[pos : pos + used]
        problem = next((flags[i] for i in range(pos, pos + used) if i in flags), None)
        if problem is not None:
            yield base + pos, _naive(span, self.delimiter), problem, used
            return False
        if used > 1 and self._stray(span, error):
            yield base + pos, _naive(span[:1], self.delimiter), "bad_quotes", 1
            return True
        if error is not None:
            problem = "field_too_long" if "field larger" in error else "bad_quotes"
        elif sum(line.count(_QUOTE) for line in span) % 2:
            problem = "bad_quotes"
        elif _too_long(cells):
            problem = "field_too_long"
        if problem is not None:
            yield base + pos, _naive(span, self.delimiter), problem, used
            return False
        if used > 1:
            self.multiline.append(base + pos)
        yield base + pos, cells, None, used
        return False

    def _stray(self, span: list[str], error: str | None) -> bool:
        """Whether a multi-line record was opened by a stray quote rather than a field with line breaks."""
        if error is not None or len(span) > MAX_RECORD_LINES or sum(line.count(_QUOTE) for line in span) % 2:
            return True
        if self.row_like is None:
            return False
        return any(self.row_like(line.rstrip("\r\n").split(self.delimiter)) for line in span[1:])


def _naive(lines: list[str], delimiter: str) -> list[str]:
    """Cells of lines that could not be read as CSV: split at every separator (for masked display only)."""
    return "".join(lines).rstrip("\r\n").split(delimiter)


# -- the separator ----------------------------------------------------------------------
def _header_at(lines: list[str], delimiter: str, mapping: Mapping[str, str | None] | None) -> tuple[int, int] | None:
    """``(record number, cells)`` of the first record of ``lines`` that is a header, if any."""
    reader = csv.reader(iter(lines), delimiter=delimiter)
    for k in range(20):
        try:
            cells = next(reader)
        except StopIteration:
            return None
        except csv.Error:
            continue
        try:
            resolve_columns(cells, mapping)
        except ColumnProblem as problem:
            if problem.kind in ("ambiguous_column", "bad_mapping"):
                return k, len(cells)
            continue
        return k, len(cells)
    return None


def choose_delimiter(lines: list[str], mapping: Mapping[str, str | None] | None = None) -> str:
    """The separator under which a header is found soonest (a title line may hold other separators).

    Examples
    --------
    >>> choose_delimiter(["导出;2024年6月\\n", "客户号,姓名,余额\\n", "K1,张三,1\\n"])
    ','
    """
    sample = [line for line in lines[:200] if line.strip()]
    found = {d: _header_at(sample, d, mapping) for d in DELIMITERS}
    hits = [(at[0], -at[1], DELIMITERS.index(d), d) for d, at in found.items() if at is not None]
    if hits:
        return min(hits)[3]
    counts = {d: sum(line.count(d) for line in sample[:20]) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","
