"""The ``migrate`` command: ``python -m tiering_lib migrate OLD NEW ...`` writes the tier migration report.

Both month-end exports are read with the same loader as ``tier`` (every format, every rejection reason,
every privacy rule; personal customer numbers get the same pseudonym in both files).  Exit statuses as
``tier``: 0 report written, 1 input/scheme/output unusable, 2 wrong command line, 3 internal error,
130 interrupted.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from fractions import Fraction
from pathlib import Path
from typing import TextIO

from tiering_lib.commandline import exit_codes_text, guarded
from tiering_lib.core.migration import AlertRule
from tiering_lib.core.scheme_files import builtin_scheme_names
from tiering_lib.errors import TieringError
from tiering_lib.io import row_reader
from tiering_lib.io.cli import columns_from_options, progress_printers, scheme_from_option, write_error_reason
from tiering_lib.io.loader import load_branch_export
from tiering_lib.io.migration_report import MIGRATION_SHEETS, migration_report
from tiering_lib.io.output_files import refuse_existing
from tiering_lib.io.report import DEFAULT_SCHEME

__all__ = ["MIGRATE"]

PROG = "python -m tiering_lib migrate"


class _Migrate:
    """``migrate OLD NEW [--scheme NAME|FILE] [--unit …] [--sheet …] [--out REPORT.xlsx] …``."""

    SUMMARY = "比较同一网点两个月末的导出，写出客户分层迁移报告"
    DESCRIPTION = f"""\
比较同一网点上月末（OLD）和本月末（NEW）的两份客户余额导出，按客户号逐户比对，写出一份 Excel 报告：
  {MIGRATION_SHEETS[0]}  户数矩阵和余额矩阵：行是上月分层（另加“新增”），列是本月分层（另加“流失”）
  {MIGRATION_SHEETS[1]}、{MIGRATION_SHEETS[2]}  层级上升、下降的客户，两个月的层级和余额
  {MIGRATION_SHEETS[3]}、{MIGRATION_SHEETS[4]}  本月才有、本月已没有的客户
  {MIGRATION_SHEETS[5]}  上月层级较高、余额大幅下降、降了层级或已流失的客户（突发事件处理的名单）
  {MIGRATION_SHEETS[6]}  两个文件中没有采用的行，写明是哪个文件、第几行、原因

两个文件的读取方式与 tier 命令相同：编码、表头、金额写法自动识别，个人信息脱敏；
同一文件里重复的客户号列入问题数据。"""
    EPILOG = f"""\
内置分层方案：{"、".join(builtin_scheme_names())}（默认 {DEFAULT_SCHEME}）。

示例：
  {PROG} 一月末.csv 二月末.csv
  {PROG} 一月末.xlsx 二月末.xlsx --sheet 明细 --out 迁移报告.xlsx
  {PROG} 上月.csv 本月.csv --alert-tier A2 --alert-drop 20

{exit_codes_text()}"""

    @staticmethod
    def add_arguments(p: argparse.ArgumentParser) -> None:
        p.add_argument("old", metavar="OLD", help="上月末的导出文件：.csv 或 .xlsx")
        p.add_argument("new", metavar="NEW", help="本月末的导出文件：.csv 或 .xlsx")
        p.add_argument("--scheme", metavar="NAME|FILE", default=DEFAULT_SCHEME,
                       help=f"分层方案：内置方案名，或方案文件（.yaml/.toml/.json）。默认 {DEFAULT_SCHEME}")
        p.add_argument("--unit", choices=("元", "万元"), metavar="元|万元", help="两个文件余额列的单位；默认取表头里写的单位，没写则为元")
        p.add_argument("--sheet", metavar="NAME", help="Excel 文件中要读取的工作表（两个文件相同；默认第一张没有隐藏的）")
        p.add_argument("--column", metavar="字段=列名", action="append", default=[],
                       help="指定某个字段用哪一列，如 --column 余额=日均余额；可重复使用")
        p.add_argument("--encoding", metavar="ENC", help="CSV 的编码（默认自动识别），如 gbk、utf-8")
        p.add_argument("--alert-tier", metavar="CODE",
                       help="流失预警看哪一层及以上的客户（层级代码，如 A2）；默认为中端、高端客户所在的最低一层")
        p.add_argument("--alert-drop", metavar="PERCENT", type=float, default=30.0,
                       help="余额下降超过百分之几列入流失预警（默认 30）")
        p.add_argument("--out", metavar="REPORT.xlsx",
                       help="报告文件（默认：当前文件夹下的“本月文件名_迁移报告.xlsx”）")
        p.add_argument("--force", action="store_true", help="报告文件已存在时覆盖它（默认不覆盖，报错退出）")
        p.add_argument("--keep-text-columns", action="store_true",
                       help="在“问题数据”中保留备注、地址等自由文本列（证件号、手机号等仍脱敏）；默认整列隐藏")
        p.add_argument("-q", "--quiet", action="store_true", help="不显示进度")

    @staticmethod
    def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
        stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
        return guarded(lambda: _migrate(args, stdout, stderr), stderr)


def _output(args: argparse.Namespace) -> Path:
    new = Path(args.new)
    out = Path(args.out) if args.out else Path.cwd() / f"{new.stem}_迁移报告.xlsx"
    if out.suffix.lower() != ".xlsx":
        raise TieringError(f"{out}：报告文件名应以 .xlsx 结尾")
    for source in (Path(args.old), new):
        if source.exists() and out.exists() and out.resolve() == source.resolve():
            raise TieringError(f"{out}：报告不能覆盖输入文件；请用 --out 换一个文件名")
    if out.exists() and not args.force:
        raise refuse_existing(out)
    return out


def _rule(args: argparse.Namespace, scheme) -> AlertRule:
    if not 0 <= args.alert_drop < 100:
        raise TieringError(f"--alert-drop {args.alert_drop:g}：应在 0 到 100 之间（不含 100），表示下降的百分比")
    if args.alert_tier is not None and args.alert_tier not in scheme.codes:
        raise TieringError(f"--alert-tier {args.alert_tier}：方案“{scheme.name}”没有这一层；层级代码有：{'、'.join(scheme.codes)}")
    return AlertRule(lowest_tier=args.alert_tier, drop_share=Fraction(str(args.alert_drop)) / 100)


def _migrate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    out = _output(args)
    scheme = scheme_from_option(args.scheme)
    rule = _rule(args, scheme)
    on_read, on_write = progress_printers(stderr, args.quiet)
    secret = secrets.token_bytes(32)  # one set of pseudonyms for both files, never stored
    options = dict(columns=columns_from_options(args.column), unit=args.unit, sheet=args.sheet,
                   encoding=args.encoding, progress=on_read, keep_text_columns=args.keep_text_columns,
                   pseudonym_secret=secret)
    old = load_branch_export(Path(args.old), **options)
    new = load_branch_export(Path(args.new), **options)
    if on_read is not None and max(old.rows_read, new.rows_read) >= row_reader.PROGRESS_EVERY:
        print("已读完两个文件，正在比对并写出报告…", file=stderr, flush=True)
    report = migration_report(old, new, scheme, rule)
    try:
        path = report.save(out, progress=on_write, overwrite=args.force)
    except OSError as err:
        raise TieringError(f"无法写入报告 {out}（{write_error_reason(err)}）；请确认文件夹存在、可以写入") from None
    m = report.migration
    print(
        f"已写出迁移报告 {path}：上月 {old.n_accepted:,} 户、本月 {new.n_accepted:,} 户；升级 {len(m.upgraded()):,} 户，"
        f"降级 {len(m.downgraded()):,} 户，新增 {m.added.size:,} 户，流失 {m.lost.size:,} 户，"
        f"流失预警 {len(m.watch_list(rule)):,} 户（方案 {scheme.name}）",
        file=stdout,
    )
    return 0


#: The ``migrate`` command.
MIGRATE = _Migrate
