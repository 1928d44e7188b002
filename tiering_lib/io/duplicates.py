"""Customers that appear more than once: found from hashes, settled by their balances.

A customer number seen twice rejects the later rows if the balances agree
(``duplicate_row``) and every one of them if they differ
(``duplicate_conflict``: which balance is right cannot be known).  Numbers are
compared as shown (a plain code, or its pseudonym, which is the same for the
same number within a file); candidates are found by sorting 64-bit hashes, so
three million customers need 24 MB, not a dictionary of three million strings.
"""

from __future__ import annotations

from array import array

import numpy as np

from tiering_lib.io.packed import TextColumn

__all__ = ["duplicate_groups", "settle_duplicates"]

_SHOWN = 10  # row numbers named in a duplicate's explanation


def duplicate_groups(keys: TextColumn, hashes: array) -> list[tuple[str, list[int]]]:
    """Each customer number that occurs more than once, with its positions (ascending).

    Examples
    --------
    >>> keys = TextColumn(["K1", "K2", "K1", "K3", "K2"])
    >>> duplicate_groups(keys, array("q", [hash(k) for k in keys]))
    [('K1', [0, 2]), ('K2', [1, 4])]
    """
    h = np.frombuffer(hashes, dtype=np.int64) if len(hashes) else np.zeros(0, dtype=np.int64)
    order = np.argsort(h, kind="stable")
    same = np.flatnonzero(h[order][1:] == h[order][:-1])
    if same.size == 0:
        return []
    members = np.unique(np.concatenate([order[same], order[same + 1]])).tolist()
    groups: dict[str, list[int]] = {}
    for position, key in zip(members, keys.take(members)):
        groups.setdefault(key, []).append(position)
    return sorted(((k, g) for k, g in groups.items() if len(g) > 1), key=lambda kg: kg[1][0])


def settle_duplicates(
    groups: list[tuple[str, list[int]]], rows: array, balances: array
) -> list[tuple[int, str, str]]:
    """``(position, reason, detail)`` of every accepted row a duplicate rejects.

    Examples
    --------
    >>> groups = [("K1", [0, 1]), ("K2", [2, 3])]
    >>> settle_duplicates(groups, array("q", [2, 3, 4, 5]), array("q", [1, 1, 1, 2]))[0]
    (1, 'duplicate_row', '与第 2 行重复（客户号 K1，余额相同）')
    """
    out = []
    for key, group in groups:
        shown = "、".join(str(rows[p]) for p in group[:_SHOWN])
        where = f"第 {shown} 行" if len(group) <= _SHOWN else f" {len(group):,} 行（第 {shown} 行等）"
        if len({balances[p] for p in group}) == 1:
            out += [(p, "duplicate_row", f"与第 {rows[group[0]]} 行重复（客户号 {key}，余额相同）") for p in group[1:]]
        else:
            detail = f"客户号 {key} 出现在{where}，余额不同，无法判断哪个对"
            out += [(p, "duplicate_conflict", detail) for p in group]
    return out
