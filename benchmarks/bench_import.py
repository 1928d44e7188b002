"""`import tiering_lib` in a fresh interpreter: at most 0.3 s (median of 7 runs)."""

from __future__ import annotations

import statistics
import subprocess
import sys

from _common import finish, report

CODE = "import time; t = time.perf_counter(); import tiering_lib; print(time.perf_counter() - t)"
FIRST_TABLE = (
    "import time; t = time.perf_counter(); import tiering_lib as tl; "
    "tl.reaggregate(tl.load_suzhou_bands(), tl.builtin_scheme('suzhou_three_class')); print(time.perf_counter() - t)"
)


def _median(code: str, runs: int = 7) -> float:
    return statistics.median(float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(runs))


report("import_tiering_lib_s", _median(CODE), limit=0.3)
report("import_and_first_suzhou_table_s", _median(FIRST_TABLE))
finish()
