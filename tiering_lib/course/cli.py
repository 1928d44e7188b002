"""The course's commands: ``python -m tiering_lib lab`` (JupyterLab on a workspace) and ``editions``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from tiering_lib.commandline import exit_codes_text, guarded
from tiering_lib.course.editions import LEARNER_DIR, TRAINER_DIR, build_editions

__all__ = ["EDITIONS", "LAB"]


class _Editions:
    """``editions [--source DIR] [--out DIR]``."""

    SUMMARY = "生成学员版和讲师版笔记本"
    DESCRIPTION = f"""\
从课程的源笔记本生成两个版本：
  {LEARNER_DIR}  去掉讲师提示和参考答案，供学员使用
  {TRAINER_DIR}  全部内容，供讲师使用
输出文件夹里已有的上一次生成的版本会被替换；其中若有笔记本以外的文件，则不做任何改动。"""
    EPILOG = f"""\
示例：
  python -m tiering_lib editions
  python -m tiering_lib editions --source notebooks --out build/editions

{exit_codes_text((0, 1, 2, 3))}"""

    @staticmethod
    def add_arguments(p: argparse.ArgumentParser) -> None:
        p.add_argument("--source", metavar="DIR", default="notebooks", help="源笔记本所在的文件夹（默认 notebooks）")
        p.add_argument("--out", metavar="DIR", default="build/editions", help="输出文件夹（默认 build/editions）")

    @staticmethod
    def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
        stdout = stdout or sys.stdout

        def editions() -> int:
            written = build_editions(args.source, args.out)
            for edition, paths in written.items():
                print(f"{edition}：{len(paths)} 个笔记本 → {args.out}/{edition}", file=stdout)
            return 0

        return guarded(editions, stderr)


#: The ``editions`` command.
EDITIONS = _Editions


class _Lab:
    """``lab [--trainer] [--workspace DIR] [--port N] [--no-browser]``."""

    SUMMARY = "在 JupyterLab 中打开课程（学员版或讲师版），从 00_导读 开始"
    DESCRIPTION = """\
在本机（127.0.0.1，带随机令牌）启动中文界面的 JupyterLab，打开练习文件夹里的 00_导读.ipynb。
  学员版（默认）：练习文件夹“我的练习”，不含参考答案和讲师提示。
  讲师版（--trainer）：练习文件夹“讲师版”，含参考答案和讲师提示。
第一次运行时，练习文件夹由课程的笔记本生成；以后再运行，只加入新章节，
课程有改动的章节以“（更新版）”为名放在旁边，你做过的练习和进度不会被覆盖。
用完后在终端按 Ctrl+C 关闭。"""
    EPILOG = f"""\
示例：
  python -m tiering_lib lab
  python -m tiering_lib lab --trainer
  python -m tiering_lib lab --workspace "D:/培训 资料/我的练习" --port 8890

{exit_codes_text((0, 1, 2, 130))}"""

    @staticmethod
    def add_arguments(p: argparse.ArgumentParser) -> None:
        p.add_argument("--trainer", action="store_true", help="打开讲师版（含参考答案和讲师提示）")
        p.add_argument("--workspace", metavar="DIR", help="练习文件夹（默认：当前文件夹下的“我的练习”，讲师版为“讲师版”）")
        p.add_argument("--port", metavar="N", type=int, help="端口（默认 8888；被占用时自动换一个）")
        p.add_argument("--no-browser", action="store_true", help="不自动打开浏览器，只显示链接")

    @staticmethod
    def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
        from tiering_lib.course.lab import plan_lab, run_lab

        def lab() -> int:
            plan = plan_lab(args.workspace, trainer=args.trainer, port=args.port, open_browser=not args.no_browser)
            return run_lab(plan, stdout)

        return guarded(lab, stderr)


#: The ``lab`` command.
LAB = _Lab
