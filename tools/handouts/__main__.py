"""``python -m handouts {slides,handouts,slide-types}`` (with ``PYTHONPATH=tools``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from handouts import ROOT, BuildError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handouts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, default in (("slides", "build/slides"), ("handouts", "build/handouts")):
        p = sub.add_parser(name)
        p.add_argument("--source", default=str(ROOT / "notebooks"), help="source notebooks (default notebooks/)")
        p.add_argument("--out", default=str(ROOT / default), help=f"output folder (default {default})")
    p = sub.add_parser("slide-types", help="assign slide types to the source notebooks' cells")
    p.add_argument("--check", action="store_true", help="only report notebooks whose slide types are out of date")
    p.add_argument("notebooks", nargs="*", help="default: every notebook in notebooks/")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.command == "slide-types":
            from handouts.slide_types import update_notebooks

            paths = [Path(n) for n in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
            stale = update_notebooks(paths, write=not args.check)
            for path in stale:
                print(f"{'out of date' if args.check else 'updated'}: {path.name}")
            return 1 if (args.check and stale) else 0
        if args.command == "slides":
            from handouts.slides import build_slides

            written = build_slides(Path(args.source), Path(args.out))
        else:
            from handouts.build import build_handouts

            written = build_handouts(Path(args.source), Path(args.out))
    except BuildError as err:
        print(f"构建失败 (build failed): {err}", file=sys.stderr)
        return 1
    print(f"{len(written)} files in {args.out} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
