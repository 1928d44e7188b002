"""``python -m tiering_lib``: the command line, one subcommand per job.

Each subcommand is defined by its domain (``io/cli.py``: ``tier``; ``io/migrate_cli.py``: ``migrate``;
``course/cli.py``: ``lab``, ``editions``; ``workshop/cli.py``: ``workshop``) as ``SUMMARY``, ``DESCRIPTION``, ``EPILOG``,
``add_arguments(parser)`` and ``run(args, stdout, stderr)``; this module only
assembles them, so adding a command is adding one entry to :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence, TextIO

from tiering_lib.commandline import ChineseParser, exit_codes_text
from tiering_lib.course.cli import EDITIONS, LAB
from tiering_lib.io import cli as tier_cli
from tiering_lib.io.migrate_cli import MIGRATE
from tiering_lib.workshop.cli import WORKSHOP

__all__ = ["COMMANDS", "build_parser", "main"]

#: Subcommand name → the object defining it.
COMMANDS = {"tier": tier_cli, "migrate": MIGRATE, "editions": EDITIONS, "lab": LAB, "workshop": WORKSHOP}

PROG = "python -m tiering_lib"


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m tiering_lib`` with every subcommand (help in Chinese)."""
    parser = ChineseParser(
        prog=PROG,
        description="客户分层工作手册的命令行工具。每个命令的详细说明：python -m tiering_lib 命令 --help",
        epilog=exit_codes_text(),
    )
    commands = parser.add_subparsers(
        title="命令", dest="command", metavar="命令", help="下列之一", parser_class=ChineseParser
    )
    for name, command in COMMANDS.items():
        sub = commands.add_parser(
            name, help=command.SUMMARY, description=command.DESCRIPTION, epilog=command.EPILOG,
            prog=f"{PROG} {name}",
        )
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; return the exit status.

    Without a command, the list of commands is printed (exit status 0).

    Examples
    --------
    >>> main(["editions", "--source", "没有这个文件夹"], stderr=sys.stdout)
    错误：没有这个文件夹：这里没有笔记本（.ipynb）；请给出课程笔记本所在的文件夹，如 notebooks
    1
    """
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        parser.print_help(stdout or sys.stdout)
        return 0
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help (0) or a wrong command line (2)
        return int(done.code or 0)
    return args.run(args, stdout, stderr)
