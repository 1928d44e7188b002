"""命令行 / command line: ``python -m tiering_lib 命令 ...``

命令 (commands)
  tier INPUT [--scheme NAME|FILE] [--unit 元|万元] [--sheet NAME] [--out REPORT.xlsx]
      把网点导出的客户余额表分层,写出 Excel 报告(详见 ``python -m tiering_lib tier --help``)。
      Tier a branch export and write the Excel report.
  editions [SOURCE] [OUT]
      生成学员版和讲师版笔记本(默认 notebooks/ → build/editions/)。
      Build the learner and trainer editions of the notebooks.
"""

from __future__ import annotations

import sys


def _tier(argv: list[str]) -> int:
    from tiering_lib.io.cli import tier_command

    return tier_command(argv)


def _editions(argv: list[str]) -> int:
    from tiering_lib.course.editions import build_editions

    source = argv[0] if argv else "notebooks"
    out = argv[1] if len(argv) > 1 else "build/editions"
    written = build_editions(source, out)
    for edition, paths in written.items():
        print(f"{edition}: {len(paths)} 个笔记本 → {out}/{edition}")
    return 0


COMMANDS = {
    "editions": _editions,
    "tier": _tier,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if not argv or argv[0] in ("-h", "--help") else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
