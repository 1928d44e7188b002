"""The ``tier`` command: ``python -m tiering_lib tier INPUT ...`` writes the Excel report.

Help and messages are Chinese (the command is for branch staff).  Exit status:
0 when the report is written (rejected rows are reported in it, not fatal);
1 when the input, the scheme or the output cannot be used, with a one-line
error and no traceback; 2 for a wrong command line; 3 for an unexpected
internal error (one line; set ``TIERING_DEBUG=1`` to see the traceback).
Progress of long runs goes to stderr, the one-line result to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Sequence, TextIO

from tiering_lib.core.schemes import TierScheme, builtin_scheme, builtin_scheme_names, load_scheme
from tiering_lib.errors import TieringError
from tiering_lib.io.columns import FIELD_LABELS
from tiering_lib.io.loader import PROGRESS_EVERY, load_branch_export
from tiering_lib.io.report import DEFAULT_SCHEME, tier_report

__all__ = ["tier_command", "build_parser"]

PROG = "python -m tiering_lib tier"

DESCRIPTION = """\
把网点导出的客户余额表(CSV 或 Excel .xlsx)按分层方案分层,写出一份 Excel 报告,含三张表:
  分层汇总  各层的金额、占比、户数、户均余额(课件的表格样式)和合计
  客户明细  每位客户的余额和所属层级(姓名、证件号、手机号已脱敏)
  问题数据  没有采用的行:原文件中的行号、原因和内容(已脱敏)

CSV 的编码(UTF-8、带 BOM 的 UTF-8、GBK/GB18030)和表头所在的行会自动识别;
余额可以写成 12,345.67、１２３４５、12.5万 等形式。"""

EPILOG = f"""\
内置分层方案:{"、".join(builtin_scheme_names())}(默认 {DEFAULT_SCHEME})。
列名字段:{"、".join(FIELD_LABELS.values())}(也可写英文 {"、".join(FIELD_LABELS)})。

示例:
  {PROG} 客户余额.csv
  {PROG} 客户余额.xlsx --sheet 明细 --scheme suzhou_three_class --out 分层报告.xlsx
  {PROG} 导出.csv --column 余额=日均余额 --unit 万元

退出码:0 报告已写出(有问题数据也算);1 文件或方案无法使用;2 命令行参数有误。"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102 - argparse hook
        return super().add_usage(usage, actions, groups, "用法:")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, in Chinese
        message = (
            message.replace("the following arguments are required", "缺少参数")
            .replace("unrecognized arguments", "不认识的参数")
            .replace("expected one argument", "后面需要一个值")
            .replace("invalid choice", "取值不在可选范围内")
            .replace("choose from", "可选")
            .replace("argument ", "参数 ")
        )
        self.exit(2, f"错误:{message}(用 --help 查看用法)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``tier`` command (help in Chinese)."""
    p = _Parser(prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter, add_help=False)
    args = p.add_argument_group("参数")
    args.add_argument("input", metavar="INPUT", help="网点导出的文件:.csv 或 .xlsx")
    opts = p.add_argument_group("选项")
    opts.add_argument(
        "--scheme", metavar="NAME|FILE", default=DEFAULT_SCHEME,
        help=f"分层方案:内置方案名,或方案文件(.yaml/.toml/.json)。默认 {DEFAULT_SCHEME}",
    )
    opts.add_argument(
        "--unit", choices=("元", "万元"),
        help="余额列的单位;默认取表头里写的单位(如“余额(万元)”),没写则为元",
    )
    opts.add_argument("--sheet", metavar="NAME", help="Excel 文件中要读取的工作表(默认第一张)")
    opts.add_argument(
        "--column", metavar="字段=列名", action="append", default=[],
        help="指定某个字段用哪一列,如 --column 余额=日均余额;可重复使用",
    )
    opts.add_argument("--encoding", metavar="ENC", help="CSV 的编码(默认自动识别),如 gbk、utf-8")
    opts.add_argument("--out", metavar="REPORT.xlsx", help="报告文件(默认:当前文件夹下的“输入文件名_分层报告.xlsx”)")
    opts.add_argument("-q", "--quiet", action="store_true", help="不显示进度")
    opts.add_argument("-h", "--help", action="help", help="显示本说明并退出")
    return p


def _scheme(value: str) -> TierScheme:
    if value in builtin_scheme_names():
        return builtin_scheme(value)
    path = Path(value)
    if path.suffix.lower() in (".yaml", ".yml", ".toml", ".json") or path.exists():
        if not path.exists():
            raise TieringError(f"{value}:找不到这个方案文件")
        return load_scheme(path)
    raise TieringError(
        f"{value}:既不是内置方案({'、'.join(builtin_scheme_names())}),也不是方案文件(.yaml/.toml/.json)"
    )


def _columns(pairs: Sequence[str]) -> dict[str, str] | None:
    mapping = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise TieringError(f"--column {pair}:应写成 字段=列名,如 余额=日均余额")
        mapping[field.strip()] = header.strip()
    return mapping or None


def _progress(stderr: TextIO, quiet: bool) -> tuple[Callable[[int], None] | None, Callable[[str, int], None] | None]:
    if quiet:
        return None, None

    def read(rows: int) -> None:
        print(f"已读取 {rows:,} 行…", file=stderr, flush=True)

    def write(sheet: str, rows: int) -> None:
        if rows >= PROGRESS_EVERY:
            print(f"正在写入“{sheet}”:{rows:,} 行…", file=stderr, flush=True)

    return read, write


def tier_command(argv: Sequence[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``tier`` with the arguments after the command name; return the exit status.

    Examples
    --------
    >>> tier_command(["不存在的文件.csv", "--out", "不会写出.xlsx"], stderr=sys.stdout)
    错误:不存在的文件.csv:找不到这个文件;请检查文件名和所在的文件夹
    1
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = build_parser().parse_args(list(argv))
    except SystemExit as done:  # --help (0) or a wrong command line (2)
        return int(done.code or 0)
    source = Path(args.input)
    out = Path(args.out) if args.out else Path.cwd() / f"{source.stem}_分层报告.xlsx"
    on_read, on_write = _progress(stderr, args.quiet)
    try:
        if out.suffix.lower() != ".xlsx":
            raise TieringError(f"{out}:报告文件名应以 .xlsx 结尾")
        if source.exists() and out.exists() and out.resolve() == source.resolve():
            raise TieringError(f"{out}:报告不能覆盖输入文件;请用 --out 换一个文件名")
        scheme = _scheme(args.scheme)
        result = load_branch_export(
            source, columns=_columns(args.column), unit=args.unit, sheet=args.sheet,
            encoding=args.encoding, progress=on_read,
        )
        if on_read is not None and result.rows_read >= PROGRESS_EVERY:
            print(f"已读取 {result.rows_read:,} 行,正在分层并写出报告…", file=stderr, flush=True)
        path = tier_report(result, scheme).save(out, progress=on_write)
    except TieringError as err:
        print("错误:" + " ".join(str(err).split()), file=stderr)
        return 1
    except OSError as err:
        print(f"错误:无法写入报告 {out}({err.strerror or err});请确认文件夹存在、报告没有在 Excel 中打开", file=stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断,没有写出报告", file=stderr)
        return 130
    except Exception as err:  # a bug: one line unless debugging
        if os.environ.get("TIERING_DEBUG"):
            raise
        print(f"内部错误({type(err).__name__}: {err});请把这条信息告诉讲师。设置 TIERING_DEBUG=1 可看到详情", file=stderr)
        return 3
    print(
        f"已写出报告 {path}:接受 {result.n_accepted:,} 行,拒绝 {result.n_rejected:,} 行"
        f"(方案 {scheme.name})",
        file=stdout,
    )
    return 0
