"""Benchmark: a one-million-row branch export loaded, tiered and reported.

The export (GBK CSV, as Chinese Excel writes it: customer number, name, ID-card and phone
number, balance; one balance in ten written messily, e.g. ``12,345.67`` or ``12.5万``, and
one of those in a thousand not a number) is generated in a temporary folder by
``tools/make_branch_exports.py``.
Then ``python -m tiering_lib tier`` runs on it in a child process, exactly as a trainee
would run it; its wall time and peak memory (``resource.getrusage(RUSAGE_CHILDREN)``, the
child's peak resident set) must stay within the limits below.  Afterwards the three stages
are timed in this process, for information.

Prints ``name: value`` lines; prints ``FAILED: ...`` and exits 1 when a limit is missed.
Run: ``python benchmarks/bench_loader.py [ROWS]`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import importlib.util
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = 1_000_000
LIMIT_SECONDS = 30.0
LIMIT_MB = 1024.0
#: Share of balances written as 12,345.67 / 12.5万 / full-width / ￥…元 instead of plain digits.
MESSY_SHARE = 0.1


def _generator():
    spec = importlib.util.spec_from_file_location("make_branch_exports", ROOT / "tools" / "make_branch_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    rows = int(argv[0]) if argv else ROWS
    failed = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "branch_1m.csv"
        report = Path(folder) / "report.xlsx"
        t = time.perf_counter()
        _generator().large_export(source, rows, messy_share=MESSY_SHARE)
        print(f"rows: {rows}")
        print(f"input_mb: {source.stat().st_size / 2**20:.1f}")
        print(f"generate_seconds: {time.perf_counter() - t:.2f}")

        t = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "tiering_lib", "tier", str(source), "--out", str(report), "--quiet"],
            capture_output=True, text=True, cwd=ROOT,
        )
        seconds = time.perf_counter() - t
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: KiB
        print(f"tier_command_seconds: {seconds:.2f}")
        print(f"tier_command_peak_rss_mb: {peak_mb:.0f}")
        counts = re.search(r"接受 ([\d,]+) 行,拒绝 ([\d,]+) 行", run.stdout)
        accepted, rejected = (int(g.replace(",", "")) for g in counts.groups()) if counts else (0, 0)
        if run.returncode != 0 or accepted + rejected != rows:
            failed.append(f"the tier command did not account for all {rows:,} rows: {run.stdout}{run.stderr}".strip())
        else:
            print(f"accepted_rows: {accepted}")
            print(f"rejected_rows: {rejected}")
            print(f"report_mb: {report.stat().st_size / 2**20:.1f}")
        if seconds > LIMIT_SECONDS:
            failed.append(f"tier_command_seconds {seconds:.2f} > {LIMIT_SECONDS:g}")
        if peak_mb > LIMIT_MB:
            failed.append(f"tier_command_peak_rss_mb {peak_mb:.0f} > {LIMIT_MB:g}")

        # The stages, in this process (for information only).
        import tiering_lib as tl

        t = time.perf_counter()
        result = tl.load_branch_export(source)
        t_load = time.perf_counter()
        tiered = tl.tier_report(result)
        t_tier = time.perf_counter()
        tiered.save(report)
        t_save = time.perf_counter()
        print(f"stage_load_seconds: {t_load - t:.2f}")
        print(f"stage_tier_seconds: {t_tier - t_load:.2f}")
        print(f"stage_report_seconds: {t_save - t_tier:.2f}")
    print(f"limit_seconds: {LIMIT_SECONDS:g}")
    print(f"limit_peak_rss_mb: {LIMIT_MB:g}")
    for line in failed:
        print(f"FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
