"""The deck's own figures as exact data: the Suzhou balance structure and the customer profile.

* :func:`load_suzhou_bands` — the Suzhou deposit balance structure, end of
  February 2012, in five bands (``data/suzhou_2012_02_bands.csv``), as an
  exact :class:`~tiering_lib.core.tables.DistributionTable`;
* :func:`load_customer_profile` — the postal office's customer sources and
  groups (``data/postal_customer_profile.csv``);
* :func:`customer_profile_table` and :func:`customer_profile_checks` — the
  same figures as learners read them, and the deck's printed totals beside the
  totals computed from the other figures.
"""

from __future__ import annotations

from decimal import Decimal

from tiering_lib.core.money import to_fen
from tiering_lib.core.scheme_files import builtin_scheme
from tiering_lib.core.synthesis import SYNTH_SEED, synthesize_population
from tiering_lib.core.tables import DistributionTable, table_from_bands
from tiering_lib.datasets.files import read_dataset
from tiering_lib.errors import DataError

__all__ = [
    "load_suzhou_bands", "load_customer_profile", "customer_profile_table", "customer_profile_checks",
    "suzhou_population", "THREE_GROUPS",
]

#: The three groups "big banks pay little attention to" (退休职工、无稳定来源、打工阶层), keys of the profile.
THREE_GROUPS = ("retired", "no_stable_income", "migrant_workers")


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


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def customer_profile_table(dimensions=None):
    """The customer profile as learners read it: figure, share of customers, the deck's words, a note.

    Parameters
    ----------
    dimensions : sequence of str, optional
        Rows of these dimensions only (``"source"``, ``"age"``, ``"group"``,
        ``"group_total"``, ``"within_other_44"``, ``"origin"``), in the file's order.

    Returns
    -------
    tiering_lib.display.Table
        Columns 项目, 占比, 课件的说法 and 说明, without row numbers.

    Examples
    --------
    >>> t = customer_profile_table(["source"])
    >>> list(t.frame["占比"])
    ['72%', '21%', '1.2%']
    """
    from tiering_lib.display import Table

    profile = load_customer_profile()
    if dimensions is not None:
        profile = profile[profile["dimension"].isin(list(dimensions))]
    frame = profile[["label_zh", "share_pct", "printed_as", "note"]].copy()
    frame["share_pct"] = [_percent(v) for v in frame["share_pct"]]
    frame.columns = ["项目", "占比", "课件的说法", "说明"]
    return Table(frame.reset_index(drop=True))


def customer_profile_checks():
    """The deck's two printed totals of customer groups, each beside the same total computed from the others.

    前三类客群合计 (printed 56%) is the sum of the three groups of :data:`THREE_GROUPS`;
    另外的44% (printed 44%) is 100% minus that sum.

    Returns
    -------
    tiering_lib.display.Table
        Columns 项目, 课件印出, 由其他数字算出 and 一致 (✓ or ✗).

    Examples
    --------
    >>> list(customer_profile_checks().frame["由其他数字算出"])
    ['26% + 14% + 16% = 56%', '100% − 56% = 44%']
    """
    import pandas as pd

    from tiering_lib.display import Table

    p = load_customer_profile().set_index("key")
    parts = [p.loc[k, "share_pct"] for k in THREE_GROUPS]
    three = sum(parts)
    rest = Decimal(100) - three
    rows = []
    for key, computed, formula in (
        ("three_groups", three, " + ".join(_percent(v) for v in parts)),
        ("other_44", rest, f"100% − {_percent(three)}"),
    ):
        printed = p.loc[key, "share_pct"]
        rows.append({
            "项目": p.loc[key, "label_zh"],
            "课件印出": p.loc[key, "printed_as"],
            "由其他数字算出": f"{formula} = {_percent(computed)}",
            "一致": "✓" if computed == printed else "✗",
        })
    return Table(pd.DataFrame(rows))


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
