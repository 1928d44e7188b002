"""Run every benchmark in this folder, each in its own process, and print ``name: value`` lines.

Each ``bench_*.py`` prints its own ``name: value`` lines (units in the name) and measures its own peak
memory, so one benchmark's memory does not count against another's.  Limits are checked by the benchmark
itself, which prints ``FAILED: ...`` lines and exits non-zero when a figure misses its limit.
"""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    import os

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"# {path.name}", flush=True)
        failed += subprocess.call([sys.executable, str(path)]) != 0
    print("benchmarks: all limits met" if not failed else f"benchmarks: {failed} file(s) missed a limit")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
