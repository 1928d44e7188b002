"""Small helpers shared by the benchmark scripts: report lines and limit checks."""

from __future__ import annotations

import resource
import sys

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
