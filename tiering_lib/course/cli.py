"""The course's commands: ``python -m tiering_lib editions`` (learner and trainer editions)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from tiering_lib.commandline import exit_codes_text, guarded
from tiering_lib.course.editions import LEARNER_DIR, TRAINER_DIR, build_editions

__all__ = ["EDITIONS"]


class _Editions:
    """``editions [--source DIR] [--out DIR]``."""

    SUMMARY = "生成学员版和讲师版笔记本"
    DESCRIPTION = f"""\
从课程的源笔记本生成两个版本:
  {LEARNER_DIR}  去掉讲师提示和参考答案,供学员使用
  {TRAINER_DIR}  全部内容,供讲师使用
输出文件夹里已有的上一次生成的版本会被替换;其中若有笔记本以外的文件,则不做任何改动。"""
    EPILOG = f"""\
示例:
  python -m tiering_lib editions
  python -m tiering_lib editions --source notebooks --out build/editions

{exit_codes_text((0, 1, 2, 3))}"""

    @staticmethod
    def add_arguments(p: argparse.ArgumentParser) -> None:
        p.add_argument("--source", metavar="DIR", default="notebooks", help="源笔记本所在的文件夹(默认 notebooks)")
        p.add_argument("--out", metavar="DIR", default="build/editions", help="输出文件夹(默认 build/editions)")

    @staticmethod
    def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
        stdout = stdout or sys.stdout

        def editions() -> int:
            written = build_editions(args.source, args.out)
            for edition, paths in written.items():
                print(f"{edition}:{len(paths)} 个笔记本 → {args.out}/{edition}", file=stdout)
            return 0

        return guarded(editions, stderr)


#: The ``editions`` command.
EDITIONS = _Editions
