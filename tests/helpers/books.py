"""Hand-made branch books for the service tests: a few customers whose numbers can be
worked out on paper.  Not a test module (no ``test_`` prefix); imported by test_branch, test_metrics,
test_contribution, test_wealth and test_maintenance."""

from __future__ import annotations

from typing import Any

import numpy as np

import tiering_lib as tl

FIELDS = tl.synthesize_branch(scale=20000).info_fields


def mini_book(rows: list[dict[str, Any]]) -> tl.BranchBook:
    """A BranchBook from rows; amounts in 元 (int).  Missing keys take harmless defaults.

    Keys: ``holdings`` ({line: 元}), ``aum_prev`` (元), ``age``, ``trades``, ``visits``, ``years``,
    ``maturity`` (-1 none), ``outflow`` (元), ``outflow_days``, ``rm`` ("" none), ``since`` (-1 none),
    ``info`` (list of bool, one per field; all True by default), ``risk`` (assessed tolerance 1–5, 0 never
    assessed; 0 by default) and ``risk_valid`` (bool; False by default).
    """
    scheme = tl.builtin_scheme("core_four_class")
    n = len(rows)
    holdings = np.zeros((n, len(tl.PRODUCT_LINES)), dtype=np.int64)
    for i, r in enumerate(rows):
        for line, yuan in r.get("holdings", {"活期": 100}).items():
            holdings[i, tl.PRODUCT_LINES.index(line)] = yuan * 100
    aum = holdings.sum(axis=1)
    tier = tl.tier_codes(aum, scheme)
    segment = np.array([scheme.tier(t).segment for t in tier], dtype=object)

    def col(key, default, dtype=np.int64):
        return np.array([r.get(key, default) for r in rows], dtype=dtype)

    return tl.BranchBook(
        ids=np.array([r.get("id", f"C{i + 1:06d}") for i, r in enumerate(rows)], dtype=object),
        holdings=holdings,
        aum=aum,
        aum_prev=np.array([r["aum_prev"] * 100 if "aum_prev" in r else int(a) for r, a in zip(rows, aum)]),
        tier=tier,
        segment=segment,
        age=col("age", 40),
        trades_per_month=col("trades", 0),
        visits_per_year=col("visits", 0),
        relationship_years=col("years", 0),
        maturity_day=col("maturity", -1),
        outflow=np.array([r.get("outflow", 0) * 100 for r in rows], dtype=np.int64),
        outflow_days_ago=col("outflow_days", 0),
        rm=col("rm", "", object),
        days_since_contact=col("since", -1),
        info=np.array([r.get("info", [True] * len(FIELDS)) for r in rows], dtype=bool).reshape(n, len(FIELDS)),
        info_fields=FIELDS,
        scheme=scheme,
        risk_level=col("risk", 0),
        risk_valid=col("risk_valid", False, bool),
    )
