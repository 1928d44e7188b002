"""Command line: ``python -m tiering_lib COMMAND ...``.

Commands
--------
editions [SOURCE] [OUT]
    Build 学员版 and 讲师版 of the notebooks (default: notebooks/ → build/editions/).
"""

from __future__ import annotations

import sys


def _editions(argv: list[str]) -> int:
    from ._editions import build_editions

    source = argv[0] if argv else "notebooks"
    out = argv[1] if len(argv) > 1 else "build/editions"
    written = build_editions(source, out)
    for edition, paths in written.items():
        print(f"{edition}: {len(paths)} 个笔记本 → {out}/{edition}")
    return 0


COMMANDS = {
    "editions": _editions,
    # [byod] tier INPUT [--scheme NAME|FILE] [--unit 元|万元] [--sheet NAME] [--out REPORT.xlsx]: see _cli.py
    "tier": lambda argv: __import__("tiering_lib._cli", fromlist=["tier_command"]).tier_command(argv),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print("用法: python -m tiering_lib {" + ",".join(COMMANDS) + "} ...\n" + (__doc__ or ""))
        return 0 if not argv or argv[0] in ("-h", "--help") else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
