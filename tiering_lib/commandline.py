"""What every subcommand of ``python -m tiering_lib`` shares: Chinese argparse and error handling.

:class:`ChineseParser` reports a wrong command line as one Chinese line and exit
status 2; :class:`ChineseFormatter` prints "用法:" and keeps the help's line
breaks; :func:`guarded` runs a command so that an anticipated problem is one
Chinese line on stderr (exit status 1) and an unexpected one never shows a
traceback unless ``TIERING_DEBUG=1`` (exit status 3).  Each domain's command
module (``io/cli.py``, ``course/cli.py``) provides ``add_arguments(parser)`` and
``run(args, stdout, stderr)``; ``tiering_lib/cli.py`` assembles them.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Callable, TextIO

from tiering_lib.errors import TieringError

__all__ = ["ChineseParser", "ChineseFormatter", "EXIT_CODES", "exit_codes_text", "guarded", "one_line"]

#: Exit statuses every command may return, and what each means.
EXIT_CODES: dict[int, str] = {
    0: "完成",
    1: "输入文件、方案或输出无法使用（一行中文说明原因和做法）",
    2: "命令行参数有误",
    3: "内部错误（请把这一行告诉讲师；设置 TIERING_DEBUG=1 可看到详情）",
    130: "被 Ctrl-C 中断，没有写出任何文件",
}

_HEADING = re.compile(r"^(\s*[\u4e00-\u9fff]+):$", re.M)
_INVALID_CHOICE = re.compile(r"argument (.*?): invalid choice: '(.*?)' \(choose from (.*)\)")
_MESSAGES = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "不认识的参数："),
    ("expected one argument", "后面需要一个值"),
    ("invalid choice", "取值不在可选范围内"),
    ("choose from", "可选"),
    ("argument ", "参数 "),
)


def exit_codes_text(codes: tuple[int, ...] = tuple(EXIT_CODES)) -> str:
    """The "退出码" paragraph of a command's help, listing ``codes``.

    Examples
    --------
    >>> exit_codes_text((0, 2)).splitlines()[1]
    '  0    完成'
    """
    return "退出码：\n" + "\n".join(f"  {code:<5}{EXIT_CODES[code]}" for code in codes)


class ChineseFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description's line breaks and prints "用法:" instead of "usage:"."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102 - argparse hook
        return super().add_usage(usage, actions, groups, "用法：")

    def format_help(self) -> str:  # noqa: D102 - argparse hook: section headings end in a full-width colon
        return _HEADING.sub(r"\1：", super().format_help())


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Chinese line (exit status 2)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if not kwargs["add_help"]:
            self.add_argument("-h", "--help", action="help", help="显示本说明并退出")

    def error(self, message: str) -> None:  # one line, in Chinese
        choice = _INVALID_CHOICE.fullmatch(message)
        if choice:
            name, value, options = choice.groups()
            what = "命令" if name in ("", "命令") else f"参数 {name} 的取值"
            options = "、".join(o.strip(" '") for o in options.split(","))
            message = f"{what}“{value}”不在可选范围内；可选：{options}"
        for english, chinese in _MESSAGES:
            message = message.replace(english, chinese)
        self.exit(2, f"错误：{message}（用 --help 查看用法）\n")


def one_line(message: object) -> str:
    """A message on one line (line breaks and runs of spaces folded), for a terminal.

    Examples
    --------
    >>> one_line("第一行\\n  第二行")
    '第一行 第二行'
    """
    return " ".join(str(message).split())


def guarded(command: Callable[[], int], stderr: TextIO | None = None) -> int:
    """Run ``command()`` and turn what it raises into an exit status and one line on ``stderr``.

    :class:`~tiering_lib.errors.TieringError` → 1 with its message;
    :class:`KeyboardInterrupt` → 130; anything else is a bug → 3, one line
    (``TIERING_DEBUG=1`` re-raises it to show the traceback).

    Examples
    --------
    >>> def bad():
    ...     raise TieringError("方案文件里没有层级")
    >>> guarded(bad, stderr=sys.stdout)
    错误：方案文件里没有层级
    1
    """
    stderr = stderr or sys.stderr
    try:
        return command()
    except TieringError as err:
        print("错误：" + one_line(err), file=stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断，没有写出任何文件", file=stderr)
        return 130
    except Exception as err:  # a bug: one line unless debugging
        if os.environ.get("TIERING_DEBUG"):
            raise
        print(f"内部错误（{type(err).__name__}）；请把这条信息告诉讲师。设置 TIERING_DEBUG=1 可看到详情", file=stderr)
        return 3
