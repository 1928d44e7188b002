"""Benchmark: branch exports of one and three million rows loaded, tiered and reported.

Each export (GBK CSV, as Chinese Excel writes it: customer number, name, ID-card and phone
number, balance; one balance in ten written messily, e.g. ``12,345.67`` or ``12.5万``, and
one of those in a thousand not a number) is generated in a temporary folder by
``tools/make_branch_exports.py``.  Then ``python -m tiering_lib tier`` runs on it in a child
process, exactly as a trainee would run it; its wall time and peak memory (the child's own
peak resident set, from ``os.wait4``) must stay within the limits below: 30 s and 1 GB for a
million rows, 1 GB for three million (the loader keeps accepted customers in compact columns
and the report is streamed).  The exports are generated in child processes too, so that this
process stays small: a child's peak resident set counts the parent's pages it starts with.
Afterwards the three stages are timed in this process on the million-row file, for information.

Prints ``name: value`` lines; prints ``FAILED: ...`` and exits 1 when a limit is missed.
Run: ``python benchmarks/bench_loader.py [ROWS ...]`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from _common import generate_export, run_command
#: Rows of each export, and the limits of each: (seconds or None, peak MB).
RUNS = {1_000_000: (30.0, 1024.0), 3_000_000: (None, 1024.0)}
#: Share of balances written as 12,345.67 / 12.5万 / full-width / ￥…元 instead of plain digits.
MESSY_SHARE = 0.1


def _measure(rows: int, folder: Path, failed: list[str]) -> Path:
    source, report = folder / f"branch_{rows}.csv", folder / "report.xlsx"
    label = f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else str(rows)
    t = time.perf_counter()
    generate_export(source, rows, messy_share=MESSY_SHARE)
    print(f"rows_{label}: {rows}")
    print(f"input_mb_{label}: {source.stat().st_size / 2**20:.1f}")
    print(f"generate_seconds_{label}: {time.perf_counter() - t:.2f}", flush=True)
    seconds, peak_mb, code, output = run_command(
        ["tier", str(source), "--out", str(report), "--quiet", "--force"], folder / "tier.out")
    print(f"tier_command_seconds_{label}: {seconds:.2f}")
    print(f"tier_command_peak_rss_mb_{label}: {peak_mb:.0f}")
    counts = re.search(r"接受 ([\d,]+) 行，拒绝 ([\d,]+) 行", output)
    accepted, rejected = (int(g.replace(",", "")) for g in counts.groups()) if counts else (0, 0)
    if code != 0 or accepted + rejected != rows:
        failed.append(f"the tier command did not account for all {rows:,} rows: {output}".strip())
    else:
        print(f"accepted_rows_{label}: {accepted}")
        print(f"rejected_rows_{label}: {rejected}")
        print(f"report_mb_{label}: {report.stat().st_size / 2**20:.1f}", flush=True)
    limit_s, limit_mb = RUNS.get(rows, (None, 1024.0))
    if limit_s is not None and seconds > limit_s:
        failed.append(f"tier_command_seconds_{label} {seconds:.2f} > {limit_s:g}")
    if peak_mb > limit_mb:
        failed.append(f"tier_command_peak_rss_mb_{label} {peak_mb:.0f} > {limit_mb:g}")
    return source


def _stages(source: Path, folder: Path) -> None:
    """The three stages, in this process (for information only)."""
    import tiering_lib as tl

    t = time.perf_counter()
    result = tl.load_branch_export(source)
    t_load = time.perf_counter()
    tiered = tl.tier_report(result)
    t_tier = time.perf_counter()
    tiered.save(folder / "stages.xlsx", overwrite=True)
    t_save = time.perf_counter()
    print(f"stage_load_seconds_1m: {t_load - t:.2f}")
    print(f"stage_tier_seconds_1m: {t_tier - t_load:.2f}")
    print(f"stage_report_seconds_1m: {t_save - t_tier:.2f}")


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(RUNS)
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sources = {rows: _measure(rows, folder, failed) for rows in sizes}
        if 1_000_000 in sources:  # last: loading in this process makes it large
            _stages(sources[1_000_000], folder)
    for rows in sizes:
        limit_s, limit_mb = RUNS.get(rows, (None, 1024.0))
        print(f"limit_seconds_{rows}: {limit_s if limit_s is not None else 'none'}")
        print(f"limit_peak_rss_mb_{rows}: {limit_mb:g}")
    for line in failed:
        print(f"FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
