"""The tier migration report of two month-end exports: an Excel workbook.

Sheets, in order:

* 迁移矩阵 — the household matrix: a header row (上月分层, this month's tier codes in scheme
  order, 流失, 合计), one row per last month's tier code, then 新增 and 合计; below it, after an
  empty row, the balance matrix in the same layout (元: this month's balances, last month's in the
  流失 column); then notes: scheme, files, rows read/accepted/rejected, alert rule, privacy;
* 升级客户, 降级客户, 新增客户, 流失客户 — the customers who moved, with both months' tier and
  balance and their row numbers;
* 流失预警 — the watch list of the alert rule, largest fall first;
* 问题数据 — every rejected row of either file, with which file, its row number, reason and masked
  content.

Every sheet past Excel's row limit continues on （2）….  Customer numbers are shown as the loader
shows them (plain codes as they are, personal numbers as pseudonyms shared by both files of the
report).  Build with :func:`migration_report`, write with :meth:`MigrationReport.save`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from tiering_lib.core.migration import LOST, NEW, TOTAL, AlertRule, TierMigration, migrate
from tiering_lib.core.money import to_decimal
from tiering_lib.core.schemes import TierScheme
from tiering_lib.errors import DataError
from tiering_lib.io.load_result import LoadResult
from tiering_lib.io.report import parts, yuan
from tiering_lib.io.xlsx_writer import Money, Sheet, write_xlsx

__all__ = ["MigrationReport", "migration_report", "MIGRATION_SHEETS"]

#: The report's sheets, in order.
MIGRATION_SHEETS = ("迁移矩阵", "升级客户", "降级客户", "新增客户", "流失客户", "流失预警", "问题数据")
#: First cell of each matrix's header row.
CORNER = "上月分层"


def _keys(result: LoadResult, month: str) -> tuple[str, ...]:
    keys = result.customer_ids
    if keys is None:
        raise DataError(f"{result.source}：{month}的文件没有客户号列，无法与另一个月逐户比对；请导出带客户号的文件")
    return keys


@dataclass(frozen=True, eq=False)
class MigrationReport:
    """Two month-end exports of one branch matched by customer, ready to be saved as Excel."""

    old: LoadResult
    new: LoadResult
    migration: TierMigration
    rule: AlertRule

    # -- 迁移矩阵 ---------------------------------------------------------------------------
    def _matrix_rows(self, matrix: list[list[object]], money: bool) -> Iterator[list[object]]:
        codes = self.migration.codes
        n = len(codes)
        cell = (lambda fen: Money(yuan(fen))) if money else int
        rows = [*codes, NEW]
        for r, label in enumerate(rows):
            values = [matrix[r][c] for c in range(n + 1)]
            yield [label, *(cell(v) for v in values), cell(sum(values))]
        totals = [sum(matrix[r][c] for r in range(n + 1)) for c in range(n + 1)]
        yield [TOTAL, *(cell(v) for v in totals), cell(sum(totals))]

    def notes(self) -> list[str]:
        """The lines written under the matrices (Chinese)."""
        o, n, rule = self.old, self.new, self.rule
        watched = self.migration.codes[rule.first_watched(self.migration.scheme)]
        return [
            f"分层方案：{self.migration.scheme.title_zh}；行是上月分层（另加“新增”），列是本月分层（另加“流失”）",
            "第一张表是户数；第二张表是余额（元）：各格为这些客户本月末的余额，“流失”列为流失客户上月末的余额",
            f"上月：{o.source}，读取 {o.rows_read:,} 行：接受 {o.n_accepted:,} 行，拒绝 {o.n_rejected:,} 行",
            f"本月：{n.source}，读取 {n.rows_read:,} 行：接受 {n.n_accepted:,} 行，拒绝 {n.n_rejected:,} 行",
            "两个月按客户号逐户比对；同一文件里重复的客户号列入“问题数据”",
            f"流失预警：上月在 {watched} 类及以上的客户，余额下降超过 {float(rule.drop_share):.0%}"
            + ("、降了层级" if rule.on_tier_drop else "") + ("或已流失" if rule.on_lost else ""),
            "姓名、证件号、手机号已脱敏；卡号、账号、证件号当客户号时换成化名（两个文件用同一套化名，本报告之外无法还原）",
        ]

    def _matrix_sheet(self) -> Sheet:
        m = self.migration
        header = [CORNER, *m.codes, LOST, TOTAL]

        def rows() -> Iterator[list[object]]:
            yield from self._matrix_rows(m.household_matrix().tolist(), money=False)
            yield []
            yield header
            yield from self._matrix_rows(m.balance_matrix(), money=True)
            yield []
            for line in self.notes():
                yield [line]

        return Sheet(MIGRATION_SHEETS[0], header, rows(), ["plain"] + ["count"] * (len(header) - 1),
                     [12] + [16] * (len(header) - 1))

    # -- who moved -----------------------------------------------------------------------------
    def _moved_rows(self, pairs: np.ndarray) -> Iterator[list[object]]:
        m, codes = self.migration, self.migration.codes
        old, new = pairs[:, 0], pairs[:, 1]
        columns = zip(m.new_keys[new].tolist(), m.old_tier[old].tolist(), m.new_tier[new].tolist(),
                      m.old_balances[old].tolist(), m.new_balances[new].tolist(),
                      self.old.row_numbers[old].tolist(), self.new.row_numbers[new].tolist())
        for key, t0, t1, before, after, r0, r1 in columns:
            yield [key, codes[t0], codes[t1], yuan(before), yuan(after), yuan(after - before), r0, r1]

    def _single_rows(self, positions: np.ndarray, month: str) -> Iterator[list[object]]:
        m, codes = self.migration, self.migration.codes
        keys, tiers, balances = (m.new_keys, m.new_tier, m.new_balances) if month == "new" else \
            (m.old_keys, m.old_tier, m.old_balances)
        rows = (self.new if month == "new" else self.old).row_numbers
        for key, tier, fen, row in zip(keys[positions].tolist(), tiers[positions].tolist(),
                                       balances[positions].tolist(), rows[positions].tolist()):
            yield [key, codes[tier], yuan(fen), row]

    def _watch_rows(self) -> Iterator[list[object]]:
        m, codes = self.migration, self.migration.codes
        for e in m.watch_list(self.rule):
            old, new = e["old"], e["new"]
            after = None if new is None else int(m.new_balances[new])
            yield [m.old_keys[old], codes[m.old_tier[old]], LOST if new is None else codes[m.new_tier[new]],
                   yuan(int(m.old_balances[old])), "—" if after is None else yuan(after), yuan(e["fall"]),
                   to_decimal(Fraction(e["share"]), 4), "；".join(e["reasons"]), int(self.old.row_numbers[old])]

    def _same_header(self) -> bool:
        return tuple(self.old.header) == tuple(self.new.header)

    def _problem_rows(self) -> Iterator[list[object]]:
        for label, result in (("上月", self.old), ("本月", self.new)):
            if result.rejected and not self._same_header():  # cells follow this file's own columns
                yield [f"{label}：{result.source}", "", "（表头）", "本文件的列名", *result.column_names()]
            for r in result.rejected:
                yield [f"{label}：{result.source}", r.row, r.reason_zh, r.detail, *r.cells]

    def sheets(self) -> list[Sheet]:
        """The worksheets, in order."""
        m = self.migration
        moved = ["客户号", "上月分层", "本月分层", "上月余额（元）", "本月余额（元）", "变化（元）", "上月行号", "本月行号"]
        moved_styles = ["plain", "plain", "plain", "money", "money", "money", "count", "count"]
        single = ["客户号", "分层", "余额（元）", "行号"]
        watch = ["客户号", "上月分层", "本月分层", "上月余额（元）", "本月余额（元）", "下降（元）", "下降比例", "原因", "上月行号"]
        out = [self._matrix_sheet()]
        for name, pairs in ((MIGRATION_SHEETS[1], m.upgraded()), (MIGRATION_SHEETS[2], m.downgraded())):
            out += [Sheet(s, moved, self._moved_rows(pairs[a:b]), moved_styles, [22, 9, 9, 16, 16, 16, 9, 9])
                    for s, a, b in parts(name, len(pairs))]
        for name, positions, month in ((MIGRATION_SHEETS[3], m.added, "new"), (MIGRATION_SHEETS[4], m.lost, "old")):
            out += [Sheet(s, single, self._single_rows(positions[a:b], month), ["plain", "plain", "money", "count"],
                          [22, 9, 16, 9]) for s, a, b in parts(name, len(positions))]
        out.append(Sheet(MIGRATION_SHEETS[5], watch, self._watch_rows(),
                         ["plain", "plain", "plain", "money", "money", "money", "percent", "plain", "count"],
                         [22, 9, 9, 16, 16, 16, 10, 30, 9]))
        return out + self._problem_sheets()

    def _problem_sheets(self) -> list[Sheet]:
        rows = list(self._problem_rows())
        widest = max((len(r) - 4 for r in rows), default=0)
        names = self.old.column_names(widest) if self._same_header() else [f"第{k + 1}列" for k in range(widest)]
        return [Sheet(s, ["文件", "行号", "原因", "说明", *names], iter(rows[a:b]), ["plain", "count"],
                      [24, 9, 24, 40] + [16] * len(names)) for s, a, b in parts(MIGRATION_SHEETS[6], len(rows))]

    def save(self, path: str | os.PathLike, progress: Callable[[str, int], None] | None = None,
             overwrite: bool = False) -> Path:
        """Write the report as ``.xlsx``; an existing file is kept unless ``overwrite``."""
        return write_xlsx(path, self.sheets(), progress, overwrite=overwrite)


def migration_report(old: LoadResult, new: LoadResult, scheme: TierScheme, rule: AlertRule | None = None
                     ) -> MigrationReport:
    """Match two month-end exports by customer number and prepare the migration report.

    Raises
    ------
    DataError
        If either file has no customer-number column.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> a = tl.load_branch_export("客户号,余额\\nK1,500\\nK2,300000\\n".encode(), name="一月.csv")
    >>> b = tl.load_branch_export("客户号,余额\\nK2,150000\\nK3,20000\\n".encode(), name="二月.csv")
    >>> report = migration_report(a, b, tl.builtin_scheme("suzhou_three_class"))
    >>> report.migration.household_matrix().tolist()
    [[0, 0, 0, 1], [0, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0]]
    """
    migration = migrate(_keys(old, "上月"), old.balances, _keys(new, "本月"), new.balances, scheme)
    return MigrationReport(old, new, migration, rule or AlertRule())
