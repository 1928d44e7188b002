"""The ``tier`` command: ``python -m tiering_lib tier INPUT ...`` writes the Excel report.

Help and messages are Chinese (the command is for branch staff).  Exit status:
0 when the report is written (rejected rows are reported in it, not fatal);
1 when the input, the scheme or the output cannot be used, with a one-line
error and no traceback; 2 for a wrong command line; 3 for an unexpected
internal error (one line; set ``TIERING_DEBUG=1`` to see the traceback);
130 when interrupted.  Progress of long runs goes to stderr, the one-line
result to stdout.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import Callable, Sequence, TextIO

from tiering_lib.commandline import ChineseParser, exit_codes_text, guarded
from tiering_lib.core.scheme_files import builtin_scheme, builtin_scheme_names, load_scheme
from tiering_lib.core.schemes import TierScheme
from tiering_lib.errors import TieringError
from tiering_lib.io import row_reader
from tiering_lib.io.columns import FIELD_LABELS
from tiering_lib.io.loader import load_branch_export
from tiering_lib.io.output_files import refuse_existing
from tiering_lib.io.report import DEFAULT_SCHEME, tier_report

__all__ = ["tier_command", "add_arguments", "run", "SUMMARY", "DESCRIPTION", "EPILOG"]

PROG = "python -m tiering_lib tier"

#: Peak memory of the branch loader per byte of CSV (measured: about 400 MB for a 3-million-row, 140 MB file).
LOADER_MEMORY_FACTOR = 3

#: One line for the list of commands.
SUMMARY = "把网点导出的客户余额表分层，写出 Excel 报告"

DESCRIPTION = """\
把网点导出的客户余额表（CSV 或 Excel .xlsx）按分层方案分层，写出一份 Excel 报告，含三张表：
  分层汇总  各层的金额、占比、户数、户均余额（课件的表格样式）和合计，以及读取和脱敏的说明
  客户明细  每位客户的余额和所属层级（姓名、证件号、手机号已脱敏）
  问题数据  没有采用的行：原文件中的行号、原因和内容（已脱敏）

CSV 的编码（UTF-8、带 BOM 的 UTF-8、GBK/GB18030）和表头所在的行会自动识别；
余额可以写成 12,345.67、１２３４５、12.5万 等形式。输入可以是 /dev/stdin（管道）。

隐私：姓名只留第一个字，证件号、手机号、卡号只留首尾几位；备注、地址等自由文本列
和没有认出的列整列隐藏；卡号、账号、证件号当客户号时换成化名。"""

EPILOG = f"""\
内置分层方案：{"、".join(builtin_scheme_names())}（默认 {DEFAULT_SCHEME}）。
列名字段：{"、".join(FIELD_LABELS.values())}（也可写英文 {"、".join(FIELD_LABELS)}）。

示例：
  {PROG} 客户余额.csv
  {PROG} 客户余额.xlsx --sheet 明细 --scheme suzhou_three_class --out 分层报告.xlsx
  {PROG} 导出.csv --column 余额=日均余额 --unit 万元
  导出程序 | {PROG} /dev/stdin --out 分层报告.xlsx

{exit_codes_text()}"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The ``tier`` command's arguments (help in Chinese)."""
    p.add_argument("input", metavar="INPUT", help="网点导出的文件：.csv 或 .xlsx（也可以是 /dev/stdin）")
    p.add_argument(
        "--scheme", metavar="NAME|FILE", default=DEFAULT_SCHEME,
        help=f"分层方案：内置方案名，或方案文件（.yaml/.toml/.json）。默认 {DEFAULT_SCHEME}",
    )
    p.add_argument(
        "--unit", choices=("元", "万元"), metavar="元|万元",
        help="余额列的单位；默认取表头里写的单位（如“余额（万元）”），没写则为元",
    )
    p.add_argument("--sheet", metavar="NAME", help="Excel 文件中要读取的工作表（默认第一张没有隐藏的工作表）")
    p.add_argument(
        "--column", metavar="字段=列名", action="append", default=[],
        help="指定某个字段用哪一列，如 --column 余额=日均余额；可重复使用",
    )
    p.add_argument("--encoding", metavar="ENC", help="CSV 的编码（默认自动识别），如 gbk、utf-8")
    p.add_argument("--out", metavar="REPORT.xlsx", help="报告文件（默认：当前文件夹下的“输入文件名_分层报告.xlsx”）")
    p.add_argument("--force", action="store_true", help="报告文件已存在时覆盖它（默认不覆盖，报错退出）")
    p.add_argument(
        "--keep-text-columns", action="store_true",
        help="在“问题数据”中保留备注、说明、地址等自由文本列和没有认出的列（其中的证件号、手机号、"
        "卡号仍会脱敏，但姓名无法识别，报告请勿外传）；默认整列隐藏",
    )
    p.add_argument(
        "--engine", choices=("auto", "memory", "duckdb", "spark"), default="auto",
        help="分层引擎：auto（默认：网点导出用逐行读取；Parquet 文件、文件夹或超过内存预算的大 CSV 用 DuckDB）、"
        "memory、duckdb、spark（数据团队的大文件：Parquet，或余额为纯数字的 CSV）",
    )
    p.add_argument("--memory-budget", metavar="MB", type=int, default=2048,
                   help="auto 引擎的内存预算（MB，默认 2048）：输入超过它时改用 DuckDB，DuckDB 也以此为内存上限")
    p.add_argument("--spark-master", metavar="URL", help="Spark 集群地址（默认本机 local[*]），如 spark://主机:7077")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度")


def scheme_from_option(value: str) -> TierScheme:
    if value in builtin_scheme_names():
        return builtin_scheme(value)
    path = Path(value)
    if path.suffix.lower() in (".yaml", ".yml", ".toml", ".json") or path.exists():
        if not path.exists():
            raise TieringError(f"{value}：找不到这个方案文件")
        return load_scheme(path)
    raise TieringError(
        f"{value}：既不是内置方案（{'、'.join(builtin_scheme_names())}），也不是方案文件（.yaml/.toml/.json）"
    )


def columns_from_options(pairs: Sequence[str]) -> dict[str, str] | None:
    mapping = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise TieringError(f"--column {pair}：应写成 字段=列名，如 余额=日均余额")
        mapping[field.strip()] = header.strip()
    return mapping or None


def progress_printers(stderr: TextIO, quiet: bool) -> tuple[Callable[[int], None] | None, Callable[[str, int], None] | None]:
    if quiet:
        return None, None

    def read(rows: int) -> None:
        print(f"已读取 {rows:,} 行…", file=stderr, flush=True)

    def write(sheet: str, rows: int) -> None:
        if rows >= row_reader.PROGRESS_EVERY:
            print(f"正在写入“{sheet}”：{rows:,} 行…", file=stderr, flush=True)

    return read, write


def _output(args: argparse.Namespace, source: Path) -> Path:
    """The report's path, checked before anything is read: .xlsx, not the input, not an existing file."""
    out = Path(args.out) if args.out else Path.cwd() / f"{source.stem}_分层报告.xlsx"
    if out.suffix.lower() != ".xlsx":
        raise TieringError(f"{out}：报告文件名应以 .xlsx 结尾")
    if source.exists() and out.exists() and out.resolve() == source.resolve():
        raise TieringError(f"{out}：报告不能覆盖输入文件；请用 --out 换一个文件名")
    if out.exists() and not args.force:
        raise refuse_existing(out)
    return out


def _warehouse_route(args: argparse.Namespace) -> bool:
    """Whether the input goes through the SQL engines (typed warehouse files) rather than the branch loader."""
    source = str(args.input)
    if args.engine in ("duckdb", "spark") or "://" in source:
        return True
    path = Path(source)
    if path.suffix.lower() == ".parquet" or path.is_dir():
        return True
    if args.engine == "auto" and path.suffix.lower() == ".csv" and path.is_file():
        return path.stat().st_size * LOADER_MEMORY_FACTOR > args.memory_budget * 2**20
    return False


def _warehouse(args: argparse.Namespace, out: Path, stdout: TextIO) -> int:
    from tiering_lib.io.warehouse import tier_warehouse

    mapping = columns_from_options(args.column) or {}
    result = tier_warehouse(
        args.input, scheme_from_option(args.scheme), engine=args.engine,
        balance_column=mapping.get("余额") or mapping.get("balance"),
        id_column=mapping.get("客户号") or mapping.get("customer_id"), unit=args.unit,
        memory_budget=args.memory_budget * 2**20, spark_master=args.spark_master, report=out, overwrite=args.force,
    )
    for line in result.messages():
        print(line, file=stdout)
    return 0


def _tier(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    source = Path(args.input)
    out = _output(args, source)
    if _warehouse_route(args):
        try:
            return _warehouse(args, out, stdout)
        finally:
            if args.engine == "spark":
                from tiering_lib.io.engine_spark import stop_spark

                stop_spark()
    on_read, on_write = progress_printers(stderr, args.quiet)
    scheme = scheme_from_option(args.scheme)
    result = load_branch_export(
        source, columns=columns_from_options(args.column), unit=args.unit, sheet=args.sheet,
        encoding=args.encoding, progress=on_read, keep_text_columns=args.keep_text_columns,
    )
    if on_read is not None and result.rows_read >= row_reader.PROGRESS_EVERY:
        print(f"已读取 {result.rows_read:,} 行，正在分层并写出报告…", file=stderr, flush=True)
    try:
        path = tier_report(result, scheme).save(out, progress=on_write, overwrite=args.force)
    except OSError as err:
        raise TieringError(
            f"无法写入报告 {out}（{write_error_reason(err)}）；请确认文件夹存在、可以写入，报告没有在 Excel 中打开"
        ) from None
    print(
        f"已写出报告 {path}：接受 {result.n_accepted:,} 行，拒绝 {result.n_rejected:,} 行（方案 {scheme.name}）",
        file=stdout,
    )
    return 0


def write_error_reason(err: OSError) -> str:
    reasons = {errno.ENOENT: "文件夹不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
               errno.ENOSPC: "磁盘已满", errno.EROFS: "只读的文件系统", errno.EISDIR: "这是一个文件夹"}
    return reasons.get(err.errno, f"系统错误 {errno.errorcode.get(err.errno, type(err).__name__)}")


def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``tier`` with parsed arguments; return the exit status (see the module description)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    return guarded(lambda: _tier(args, stdout, stderr), stderr)


def tier_command(argv: Sequence[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``tier`` with the arguments after the command name; return the exit status.

    Examples
    --------
    >>> tier_command(["不存在的文件.csv", "--out", "不会写出.xlsx"], stderr=sys.stdout)
    错误：不存在的文件.csv：找不到这个文件；请检查文件名和所在的文件夹
    1
    """
    parser = ChineseParser(prog=PROG, description=DESCRIPTION, epilog=EPILOG)
    add_arguments(parser)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as done:  # --help (0) or a wrong command line (2)
        return int(done.code or 0)
    return run(args, stdout, stderr)
