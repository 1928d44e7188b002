"""Whole queries built from :mod:`tiering_lib.core.sql`: the distribution table, the tally, the details.

* :func:`distribution_sql` — what a data team runs: per tier, households,
  amount, shares and the average balance, in the scheme's display order;
* :func:`tally_sql` — what the engines run: one pass counting rows and exact
  amounts per (reason, tier), so accepted and rejected rows are counted together;
* :func:`details_sql` — one row per customer, accepted (with the tier) or
  rejected (with the reason).

``source`` is a table name (quoted; a sequence for ``db.table``) or raw SQL
after a leading ``=``; ``options`` are those of :func:`~tiering_lib.core.sql.checked_sql`
(``kind``, ``unit``, ``dialect``, ``max_fen``).
"""

from __future__ import annotations

from typing import Mapping, Sequence

from tiering_lib.core.money import UNITS
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.sql import (
    TEXT_TYPE,
    amount_literal,
    checked_sql,
    decimal_type,
    indent,
    quote_identifier,
    quote_literal,
    scheme_case_sql,
)
from tiering_lib.errors import DataError

__all__ = ["tally_sql", "distribution_sql", "details_sql", "stored_amount_sql", "DETAIL_NAMES"]

#: Default output names of :func:`details_sql`.
DETAIL_NAMES = {
    "id": "customer_id",
    "balance": "balance_yuan",
    "amount": "balance",
    "code": "tier_code",
    "name": "tier_name",
    "raw": "balance_as_written",
    "reason": "reason",
}


def _summed(options: Mapping) -> str:
    """``amount`` as summed: Spark's ``BIGINT`` sum could overflow, so integers are summed as DECIMAL(38,0)."""
    if options.get("dialect", "duckdb") == "spark" and options.get("kind", "integer") == "integer":
        return "CAST(amount AS DECIMAL(38,0))"
    return "amount"


def tally_sql(scheme: TierScheme, source: str | Sequence[str], column: str, **options) -> str:
    """One pass over the source: rows (``n``) and exact amount (``total``) per (``reason``, ``tier``).

    Accepted rows have ``reason`` ``NULL`` and a ``tier`` (0 = lowest tier);
    rejected rows have a reason code and ``tier`` ``NULL``, so the counts add up
    to the rows read.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> sql = tally_sql(builtin_scheme("suzhou_three_class"), "t", "b", dialect="spark")
    >>> sql.splitlines()[0]
    'SELECT reason, tier, COUNT(*) AS n, SUM(amount) AS total'
    """
    dialect, unit = options.get("dialect", "duckdb"), options.get("unit", "分")
    case = scheme_case_sql(scheme, "amount", dialect=dialect, unit=unit, labels="index", raw=True)
    return (
        "SELECT reason, tier, COUNT(*) AS n, SUM(amount) AS total\nFROM (\n"
        f"  SELECT reason, CASE WHEN reason IS NULL THEN\n{indent(case, '    ')}\n  END AS tier,\n"
        f"  CASE WHEN reason IS NULL THEN {_summed(options)} END AS amount\n  FROM (\n"
        f"{indent(checked_sql(source, column, **options), '    ')}\n  ) AS checked\n) AS tiered\n"
        "GROUP BY reason, tier"
    )


def _tiers_values(scheme: TierScheme, dialect: str) -> str:
    rows = []
    for i, t in enumerate(scheme.display_tiers()):
        code, name = quote_literal(t.code, dialect), quote_literal(t.name_zh, dialect)
        if i == 0:
            rows.append(f"SELECT {i} AS display_order, {code} AS tier_code, {name} AS tier_name")
        else:
            rows.append(f"UNION ALL SELECT {i}, {code}, {name}")
    return "\n".join(rows)


def distribution_sql(scheme: TierScheme, source: str | Sequence[str], column: str, **options) -> str:
    """The query a data team runs for the distribution table of ``scheme``.

    One row per tier in the scheme's display order, empty tiers included:
    ``tier_code``, ``tier_name``, ``households``, ``household_share``,
    ``amount`` (exact, in the column's unit), ``amount_share`` and
    ``average_balance`` (in the column's unit).  Households and amounts are
    exact; shares and averages are the engine's divisions, for display.  Rows
    whose balance has a reason (see :func:`~tiering_lib.core.sql.reason_sql`)
    are left out.

    Parameters
    ----------
    scheme : TierScheme
    source : str or sequence of str
        Table name, or raw SQL after a leading ``=``.
    column : str
        The balance column.
    **options
        ``kind``, ``unit``, ``dialect``, ``max_fen`` as in :func:`~tiering_lib.core.sql.reason_sql`.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> sql = distribution_sql(builtin_scheme("suzhou_three_class"), "customers", "balance_fen")
    >>> print(sql.splitlines()[0])
    -- 苏州三类客户（A/B/C）：每一层含下限、不含上限
    """
    dialect, unit = options.get("dialect", "duckdb"), options.get("unit", "分")
    case = scheme_case_sql(scheme, "amount", dialect=dialect, unit=unit, raw=True)
    summed = _summed(options)
    title = " ".join(scheme.title_zh.split())
    return "\n".join(
        [
            f"-- {title}：每一层含下限、不含上限",
            "WITH checked AS (",
            indent(checked_sql(source, column, **options)),
            "),",
            "tiered AS (",
            f"  SELECT\n{indent(case, '    ')} AS tier_code,",
            f"    {summed + ' AS amount' if summed != 'amount' else summed}",
            "  FROM checked",
            "  WHERE reason IS NULL",
            "),",
            "by_tier AS (",
            "  SELECT tier_code, COUNT(*) AS households, SUM(amount) AS amount",
            "  FROM tiered",
            "  GROUP BY tier_code",
            "),",
            "tiers AS (",
            indent(_tiers_values(scheme, dialect)),
            ")",
            "SELECT",
            "  t.tier_code,",
            "  t.tier_name,",
            "  COALESCE(b.households, 0) AS households,",
            "  COALESCE(b.households, 0) / NULLIF(SUM(COALESCE(b.households, 0)) OVER (), 0) AS household_share,",
            "  COALESCE(b.amount, 0) AS amount,",
            "  COALESCE(b.amount, 0) / NULLIF(SUM(COALESCE(b.amount, 0)) OVER (), 0) AS amount_share,",
            "  b.amount / b.households AS average_balance",
            "FROM tiers AS t",
            "LEFT JOIN by_tier AS b ON b.tier_code = t.tier_code",
            "ORDER BY t.display_order",
        ]
    )


def _yuan(unit: str, kind: str) -> str:
    """The accepted ``amount`` in 元 as ``DECIMAL(38,2)``, exactly."""
    size = UNITS[unit]
    if size == 100:
        return "amount" if kind != "integer" else "CAST(amount AS DECIMAL(38,2))"
    factor = amount_literal(size, "元") if size < 100 else str(size // 100)  # 元 per unit: 0.01 for 分
    return f"CAST(CAST(amount AS {decimal_type(unit)}) * {factor} AS DECIMAL(38,2))"


def stored_amount_sql(unit: str, kind: str) -> str:
    """The accepted ``amount`` exactly as stored: ``BIGINT`` 分 for whole 分, else ``DECIMAL(38,places)`` of its unit."""
    return "amount" if (kind == "integer" and unit == "分") or kind != "integer" else f"CAST(amount AS {decimal_type(unit)})"


def details_sql(
    scheme: TierScheme,
    source: str | Sequence[str],
    column: str,
    *,
    which: str = "accepted",
    layout: str = "sheet",
    id_column: str | None = None,
    names: Mapping[str, str] | None = None,
    reason_labels: Mapping[str, str] | None = None,
    **options,
) -> str:
    """One row per customer: the accepted ones with their tier, or the rejected ones with the reason.

    Accepted (``which="accepted"``), ``layout="sheet"`` (for a worksheet): the
    customer number as text (so long numbers keep every digit in Excel), the
    balance in 元 (``DECIMAL(38,2)``), the tier code and the tier name.
    ``layout="parquet"`` (for millions of rows, written fast): the customer
    number as stored, the balance exactly as stored (column ``amount``; whole
    分 stay ``BIGINT``) and the tier code.  Rejected (``which="rejected"``):
    the customer number, the balance as written (text) and the reason (its text
    in ``reason_labels``, else its code).  Output column names:
    :data:`DETAIL_NAMES`, updated by ``names``.

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> sql = details_sql(builtin_scheme("suzhou_three_class"), "t", "b", which="rejected")
    >>> sql.splitlines()[1]
    '  CAST(kept_0 AS VARCHAR) AS "balance_as_written",'
    """
    dialect, unit, kind = options.get("dialect", "duckdb"), options.get("unit", "分"), options.get("kind", "integer")
    if layout not in ("sheet", "parquet"):
        raise DataError(f"layout must be 'sheet' or 'parquet', got {layout!r}")
    q = {k: quote_identifier(v, dialect) for k, v in {**DETAIL_NAMES, **(names or {})}.items()}
    keep = [id_column] if id_column else []
    ident = "kept_0" if layout == "parquet" else f"CAST(kept_0 AS {TEXT_TYPE[dialect]})"
    cols = [f"{ident} AS {q['id']}"] if id_column else []
    if which == "accepted":
        labels = ["code"] if layout == "parquet" else ["code", "name"]
        if layout == "parquet":
            cols.append(f"{stored_amount_sql(unit, kind)} AS {q['amount']}")
        else:
            cols.append(f"{_yuan(unit, kind)} AS {q['balance']}")
        for label in labels:
            case = scheme_case_sql(scheme, "amount", dialect=dialect, unit=unit, labels=label, raw=True)
            cols.append(f"{case} AS {q[label]}")
        where = "reason IS NULL"
    elif which == "rejected":
        keep.append(column)
        whens = " ".join(
            f"WHEN {quote_literal(k, dialect)} THEN {quote_literal(v, dialect)}" for k, v in (reason_labels or {}).items()
        )
        reason = f"CASE reason {whens} ELSE reason END" if whens else "reason"
        cols += [f"CAST(kept_{len(keep) - 1} AS {TEXT_TYPE[dialect]}) AS {q['raw']}", f"{reason} AS {q['reason']}"]
        where = "reason IS NOT NULL"
    else:
        raise DataError(f"which must be 'accepted' or 'rejected', got {which!r}")
    inner = checked_sql(source, column, keep=keep, **options)
    return "SELECT\n  " + ",\n  ".join(cols) + f"\nFROM (\n{indent(inner)}\n) AS checked\nWHERE {where}"
