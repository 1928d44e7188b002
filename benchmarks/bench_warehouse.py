"""Benchmark: warehouse files of 10 and 100 million customers through DuckDB, pandas and Spark.

The data (``tools/make_warehouse_data.py``: the Suzhou shape scaled up, ``customer_id`` and
``balance_fen`` BIGINT) is generated once under ``build/warehouse/`` (git-ignored) and reused.
Each case runs in its own child process (``--case NAME FILE``), so its memory is its own:

* ``duckdb``  — ``tl.tier_warehouse(FILE, engine="duckdb")`` (the table, rejected rows counted);
* ``pandas``  — ``pd.read_parquet`` of the balance column + ``pd.cut`` + ``groupby`` (count, sum);
* ``spark``   — ``tl.tier_warehouse(FILE, engine="spark")`` in local mode (session start included),
  then once more in the same session (``_second_run_s``);
* ``report``  — DuckDB with the report: summary .xlsx and the details of every customer as Parquet.

Reported per case: the time of the work inside the child (``_s``), the child's whole wall time
including interpreter start and imports (``_process_s``), and the peak memory of the child's
process tree (``_peak_rss_mb``): the largest of the child's own peak (``RUSAGE_SELF``) and the
sum of the resident sets of the child and its descendants (the Spark JVM), sampled every 20 ms.
Every case checks its table against the DuckDB one (same households and amounts, to the 分).

Run: ``python benchmarks/bench_warehouse.py [--quick]`` (``--quick``: 10M only, no 100M).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "build" / "warehouse"
SCHEME = "core_four_class"
LIMITS = {"duckdb_100m_s": 20.0, "duckdb_100m_peak_rss_mb": 2048.0, "suzhou_duckdb_s": 2.0}


def dataset(customers: int, name: str) -> Path:
    """The generated file, made on first use (in a child process: this one stays small, and its
    children, which inherit its peak memory figure on Linux, start from a small one)."""
    path = DATA / name
    if not path.exists():
        t = time.perf_counter()
        tmp = path.with_suffix(".tmp")
        tool = ROOT / "tools" / "make_warehouse_data.py"
        subprocess.run([sys.executable, str(tool), str(tmp), "--customers", str(customers)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tmp.rename(path)
        print(f"# generated {path.relative_to(ROOT)} ({customers:,} customers) in {time.perf_counter() - t:.0f} s", flush=True)
    return path


# -- the child process: one case -------------------------------------------------------------
def run_case(case: str, path: str) -> dict:
    started = time.perf_counter()
    import tiering_lib as tl

    scheme = tl.builtin_scheme(SCHEME if "suzhou" not in path else "suzhou_five_band")
    t = time.perf_counter()
    if case == "pandas":
        import pandas as pd

        frame = pd.read_parquet(path, columns=["balance_fen"])
        bins = [0, *scheme.thresholds, float("inf")]
        cut = pd.cut(frame["balance_fen"], bins=bins, right=False, labels=list(scheme.codes))
        grouped = frame.groupby(cut, observed=False)["balance_fen"].agg(["count", "sum"])
        households, amounts = tuple(int(v) for v in grouped["count"]), tuple(int(v) for v in grouped["sum"])
        rejected = {}
    else:
        engine = "duckdb" if case in ("duckdb", "report", "suzhou") else case
        report = None
        if case == "report":
            report = DATA / "report" / f"{Path(path).stem}_报告.xlsx"
            report.parent.mkdir(exist_ok=True)
        r = tl.tier_warehouse(path, scheme, engine=engine, report=report, overwrite=True)
        households, amounts, rejected = r.table.households, r.table.amounts, r.rejected
        if case == "suzhou":
            assert r.table == tl.load_suzhou_bands(), "the Suzhou population must give the published table exactly"
    seconds = time.perf_counter() - t
    if case == "report":  # the details of 100M customers take a GB: keep the disk clean
        for written in r.outputs:
            written.path.unlink(missing_ok=True)
    warm = None
    if case == "spark":  # again in the same session: the JVM has started and compiled the query path
        t = time.perf_counter()
        assert tl.tier_warehouse(path, scheme, engine="spark").table.households == households
        warm = time.perf_counter() - t
        tl.stop_spark()
    return {
        "seconds": seconds,
        "warm_seconds": warm,
        "startup_seconds": t - started,
        "self_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "households": households,
        "amounts": [str(a) for a in amounts],
        "rejected": rejected,
    }


# -- the parent: spawn, sample, report -------------------------------------------------------------
def measure(case: str, path: Path) -> dict:
    import psutil

    t = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--case", case, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    proc, tree_peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
            tree_peak = max(tree_peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    out = child.stdout.read()
    wall = time.perf_counter() - t
    if child.returncode != 0:
        raise SystemExit(f"case {case} on {path.name} failed")
    result = json.loads(out.strip().splitlines()[-1])
    result["process_seconds"] = wall
    result["peak_mb"] = max(result["self_peak_mb"], tree_peak / 2**20)
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["--case"]:
        print(json.dumps(run_case(argv[1], argv[2])))
        return 0
    quick = "--quick" in argv
    failed = []

    def report(name: str, value: float, fmt: str = ".2f") -> None:
        print(f"{name}: {value:{fmt}}", flush=True)
        limit = LIMITS.get(name)
        if limit is not None and value > limit:
            failed.append(f"{name} = {value:{fmt}} (limit <= {limit:g})")

    suzhou = dataset(7_439_432, "suzhou_7439432.parquet")
    r = measure("suzhou", suzhou)
    report("suzhou_duckdb_s", r["seconds"])
    report("suzhou_duckdb_process_s", r["process_seconds"])
    report("suzhou_duckdb_peak_rss_mb", r["peak_mb"], ".0f")
    sizes = [("10m", 10_000_000)] + ([] if quick else [("100m", 100_000_000)])
    for label, n in sizes:
        path = dataset(n, f"customers_{label}.parquet")
        print(f"# {path.name}: {path.stat().st_size / 2**20:,.0f} MB", flush=True)
        base = measure("duckdb", path)
        cases = ["pandas", "report"] + (["spark"] if label == "10m" else [])
        results = {"duckdb": base, **{c: measure(c, path) for c in cases}}
        for case, res in results.items():
            if (res["households"], res["amounts"]) != (base["households"], base["amounts"]):
                failed.append(f"{case} on {label} gave another table than DuckDB")
            name = {"report": "duckdb_with_report", "spark": "spark_local"}.get(case, case)
            report(f"{name}_{label}_s", res["seconds"])
            report(f"{name}_{label}_process_s", res["process_seconds"])
            report(f"{name}_{label}_peak_rss_mb", res["peak_mb"], ".0f")
            if res["warm_seconds"] is not None:
                report(f"{name}_{label}_second_run_s", res["warm_seconds"])
        report(f"pandas_over_duckdb_{label}", results["pandas"]["seconds"] / base["seconds"], ".1f")
    print(f"limits: {', '.join(f'{k} <= {v:g}' for k, v in LIMITS.items())}")
    for line in failed:
        print(f"FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    sys.exit(main(sys.argv[1:]))
