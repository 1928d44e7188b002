"""Benchmark: tier migration between two one-million-row month-end exports.

Two GBK exports of the same million customer numbers (``tools/make_branch_exports.py``, different seeds, so
balances and tiers move between the months, one balance in ten written messily) are generated in child
processes; then ``python -m tiering_lib migrate OLD NEW`` runs on them in a child process, as a branch manager
would run it. Its wall time and peak memory (the child's own peak resident set, from ``os.wait4``) must stay
within 40 s and 1.5 GB.

Prints ``name: value`` lines; prints ``FAILED: ...`` and exits 1 when a limit is missed.
Run: ``python benchmarks/bench_migrate.py [ROWS]`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = 1_000_000
LIMIT_SECONDS, LIMIT_MB = 40.0, 1536.0


def _generate(path: Path, rows: int, seed: int) -> None:
    code = (
        "import importlib.util, sys; "
        "spec = importlib.util.spec_from_file_location('g', sys.argv[1]); g = importlib.util.module_from_spec(spec); "
        "spec.loader.exec_module(g); g.large_export(sys.argv[2], int(sys.argv[3]), seed=int(sys.argv[4]), messy_share=0.1)"
    )
    script = ROOT / "tools" / "make_branch_exports.py"
    subprocess.run([sys.executable, "-c", code, str(script), str(path), str(rows), str(seed)], check=True, cwd=ROOT)


def main(argv: list[str]) -> int:
    rows = int(argv[0]) if argv else ROWS
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old, new, report = folder / "上月.csv", folder / "本月.csv", folder / "迁移报告.xlsx"
        t = time.perf_counter()
        _generate(old, rows, 20120229)
        _generate(new, rows, 20120331)
        print(f"migrate_rows_each: {rows}")
        print(f"migrate_generate_seconds: {time.perf_counter() - t:.2f}", flush=True)
        with open(folder / "out.txt", "w+b") as out:
            t = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "tiering_lib", "migrate", str(old), str(new), "--out",
                                      str(report), "--quiet"], stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - t
        output = (folder / "out.txt").read_text(encoding="utf-8")
        peak_mb = usage.ru_maxrss / 1024
        print(f"migrate_command_seconds: {seconds:.2f}")
        print(f"migrate_command_peak_rss_mb: {peak_mb:.0f}")
        counts = re.search(r"上月 ([\d,]+) 户、本月 ([\d,]+) 户", output)
        if os.waitstatus_to_exitcode(status) != 0 or not counts:
            failed.append(f"the migrate command failed: {output.strip()}")
        else:
            print(f"migrate_report_mb: {report.stat().st_size / 2**20:.1f}")
        if seconds > LIMIT_SECONDS:
            failed.append(f"migrate_command_seconds {seconds:.1f} > {LIMIT_SECONDS}")
        if peak_mb > LIMIT_MB:
            failed.append(f"migrate_command_peak_rss_mb {peak_mb:.0f} > {LIMIT_MB:.0f}")
    for line in failed:
        print(f"FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
