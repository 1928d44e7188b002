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

import re
import sys
import tempfile
import time
from pathlib import Path

from _common import generate_export, run_command
ROWS = 1_000_000
LIMIT_SECONDS, LIMIT_MB = 40.0, 1536.0


def main(argv: list[str]) -> int:
    rows = int(argv[0]) if argv else ROWS
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old, new, report = folder / "上月.csv", folder / "本月.csv", folder / "迁移报告.xlsx"
        t = time.perf_counter()
        generate_export(old, rows, seed=20120229)
        generate_export(new, rows, seed=20120331)
        print(f"migrate_rows_each: {rows}")
        print(f"migrate_generate_seconds: {time.perf_counter() - t:.2f}", flush=True)
        seconds, peak_mb, code, output = run_command(
            ["migrate", str(old), str(new), "--out", str(report), "--quiet"], folder / "out.txt")
        print(f"migrate_command_seconds: {seconds:.2f}")
        print(f"migrate_command_peak_rss_mb: {peak_mb:.0f}")
        counts = re.search(r"上月 ([\d,]+) 户、本月 ([\d,]+) 户", output)
        if code != 0 or not counts:
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
