"""The deck's own figures as exact data: the Suzhou balance structure and the customer profile.

* :func:`load_suzhou_bands` — the Suzhou deposit balance structure, end of
  February 2012, in five bands (``data/suzhou_2012_02_bands.csv``), as an
  exact :class:`~tiering_lib.core.tables.DistributionTable`;
* :func:`load_customer_profile` — the postal office's customer sources and
  groups (``data/postal_customer_profile.csv``).
"""

from __future__ import annotations

from decimal import Decimal

from tiering_lib.core.money import to_fen
from tiering_lib.core.scheme_files import builtin_scheme
from tiering_lib.core.synthesis import SYNTH_SEED, synthesize_population
from tiering_lib.core.tables import DistributionTable, table_from_bands
from tiering_lib.datasets.files import read_dataset
from tiering_lib.errors import DataError

__all__ = ["load_suzhou_bands", "load_customer_profile", "suzhou_population"]


def load_suzhou_bands() -> DistributionTable:
    """The Suzhou deposit balance structure, end of February 2012, five bands.

    Amounts are exact (分), read from the printed 万元 figures.

    Examples
    --------
    >>> t = load_suzhou_bands()
    >>> t.total_households
    7439432
    >>> from tiering_lib import fen_to_unit
    >>> fen_to_unit(t.total_amount, "万元")
    Decimal('3107282.89882')
    """
    scheme = builtin_scheme("suzhou_five_band")
    rows = [r for r in read_dataset("suzhou_2012_02_bands.csv") if r["code"] != "total"]
    codes = [r["code"] for r in rows]
    if codes != list(scheme.codes):
        raise DataError(f"data/suzhou_2012_02_bands.csv：分档代码 {codes} 与方案的 {list(scheme.codes)} 不同")
    for r, tier in zip(rows, scheme.tiers):
        upper = to_fen(r["upper_yuan"]) if r["upper_yuan"] else None
        if (to_fen(r["lower_yuan"]), upper) != (tier.lower, tier.upper):
            raise DataError(f"data/suzhou_2012_02_bands.csv，分档 {r['band']}：上下限与方案不同")
    return table_from_bands(
        scheme,
        [int(r["households"]) for r in rows],
        [to_fen(r["amount_wan"], "万元") for r in rows],
    )


def load_customer_profile():
    """The postal office's customer sources and groups (deck §2) as a DataFrame.

    Columns: ``dimension`` (source/age/group/group_total/origin), ``key``,
    ``label_zh``, ``share_pct`` (Decimal, percent of all customers),
    ``printed_as`` and ``note``.

    Examples
    --------
    >>> p = load_customer_profile()
    >>> p.set_index("key").loc["natural", "share_pct"]
    Decimal('72')
    """
    import pandas as pd

    rows = read_dataset("postal_customer_profile.csv")
    for r in rows:
        r["share_pct"] = Decimal(r["share_pct"])
    return pd.DataFrame(rows)


def suzhou_population(scale: int = 1, seed: int = SYNTH_SEED):
    """The synthetic Suzhou population: balances (分) reproducing the five-band table exactly.

    :func:`~tiering_lib.core.synthesis.synthesize_population` on
    :func:`load_suzhou_bands`; ``scale=1`` gives all 7,439,432 households.

    Examples
    --------
    >>> len(suzhou_population(scale=1000))
    7440
    """
    return synthesize_population(load_suzhou_bands(), scale=scale, seed=seed)
