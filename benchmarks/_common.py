"""Small helpers shared by the benchmark scripts: report lines and limit checks, generated branch exports, and
commands timed in a child process."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_failures: list[str] = []


def report(name: str, value: float, limit: float | None = None, higher_is_better: bool = False, fmt: str = ".3f") -> None:
    """Print ``name: value`` and remember a failure if the value misses its limit."""
    print(f"{name}: {value:{fmt}}", flush=True)
    if limit is None:
        return
    ok = value >= limit if higher_is_better else value <= limit
    if not ok:
        _failures.append(f"{name} = {value:{fmt}} (limit {'>=' if higher_is_better else '<='} {limit})")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def finish() -> None:
    for f in _failures:
        print(f"FAILED: {f}", flush=True)
    sys.exit(1 if _failures else 0)


def generate_export(path: Path, rows: int, seed: int | None = None, messy_share: float = 0.1) -> None:
    """A GBK branch export of ``rows`` customers (``tools/make_branch_exports.py``), written in a child process:
    the benchmark's own process stays small, since a child's peak resident set counts the parent's pages it
    starts with."""
    code = (
        "import importlib.util, sys; "
        "spec = importlib.util.spec_from_file_location('g', sys.argv[1]); g = importlib.util.module_from_spec(spec); "
        "spec.loader.exec_module(g); seed = {} if sys.argv[5] == '-' else {'seed': int(sys.argv[5])}; "
        "g.large_export(sys.argv[2], int(sys.argv[3]), messy_share=float(sys.argv[4]), **seed)"
    )
    script = ROOT / "tools" / "make_branch_exports.py"
    args = [str(script), str(path), str(rows), str(messy_share), "-" if seed is None else str(seed)]
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT)


def run_command(args: list[str], output: Path) -> tuple[float, float, int, str]:
    """Run ``python -m tiering_lib ARGS`` in a child process, its output into ``output``: ``(seconds, peak RSS MB
    of that child alone (os.wait4), exit status, stdout + stderr)``."""
    with open(output, "w+b") as out:
        t = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "tiering_lib", *args], stdout=out, stderr=subprocess.STDOUT,
                                 cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - t
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), output.read_text(encoding="utf-8")
