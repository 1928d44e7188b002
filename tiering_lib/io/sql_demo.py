"""The data team's SQL shown to learners: a DuckDB table of customers, the SQL result as the deck's table.

:func:`sql_demo_database` puts customer balances (分) into an in-memory DuckDB
table with the balance in 元 as ``DECIMAL(38,2)``, as a warehouse stores it;
:func:`sql_table_display` lays out the rows of
:func:`~tiering_lib.core.sql_queries.distribution_sql` as the deck prints a
table; :func:`compare_sql_with_table` sets them beside the library's
:class:`~tiering_lib.DistributionTable`, tier by tier, to the 分.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Sequence

import numpy as np

from tiering_lib.core.money import format_amount, format_percent, round_half_up, to_fen
from tiering_lib.core.sql import quote_identifier
from tiering_lib.core.tables import COLUMNS, DistributionTable

__all__ = ["sql_demo_database", "sql_table_display", "compare_sql_with_table"]


def sql_demo_database(balances: Sequence[int] | np.ndarray, *, table: str = "苏州客户", column: str = "余额"):
    """An in-memory DuckDB database with one table of customers: ``column`` in 元, ``DECIMAL(38,2)``.

    Parameters
    ----------
    balances : sequence of int or integer array
        One balance per customer, in 分 (e.g. :func:`tiering_lib.suzhou_population`).
    table, column : str
        Names of the table and of its balance column.

    Returns
    -------
    duckdb.DuckDBPyConnection

    Examples
    --------
    >>> con = sql_demo_database([1, 250_000])
    >>> con.execute('SELECT "余额" FROM "苏州客户"').fetchall()
    [(Decimal('0.01'),), (Decimal('2500.00'),)]
    """
    import duckdb
    import pandas as pd

    con = duckdb.connect(":memory:")
    con.register("balances_fen", pd.DataFrame({"fen": np.asarray(balances, dtype=np.int64)}))
    con.execute(
        f"CREATE TABLE {quote_identifier(table)} AS "
        f"SELECT CAST(CAST(fen AS DECIMAL(38,0)) * 0.01 AS DECIMAL(38,2)) AS {quote_identifier(column)} FROM balances_fen"
    )
    con.unregister("balances_fen")
    return con


def _fen(amount: Any, unit: str) -> int:
    return to_fen(amount, unit) if amount is not None else 0


def sql_table_display(rows: Sequence[Sequence[Any]], unit: str = "元", share_places: int = 3):
    """The rows of ``distribution_sql`` as the deck prints a table (strings, with a 合计 row).

    Parameters
    ----------
    rows : sequence of tuples
        ``tier_code, tier_name, households, household_share, amount, amount_share, average_balance``.
    unit : str
        Unit of the ``amount`` column (the balance column's unit).
    share_places : int
        Decimals of the percentages.
    """
    import pandas as pd

    records, names = [], []
    total_n = sum(int(r[2]) for r in rows)
    total_fen = sum(_fen(r[4], unit) for r in rows)
    for code, name, n, n_share, amount, a_share, _avg in rows:
        fen = _fen(amount, unit)
        names.append(name)
        records.append(_display_row(fen, a_share or 0, int(n), n_share or 0, share_places))
    names.append("合计")
    records.append(_display_row(total_fen, 1 if total_fen else 0, total_n, 1 if total_n else 0, share_places))
    frame = pd.DataFrame.from_records(records, index=names)
    frame.index.name = "类别"
    return frame


def _display_row(fen: int, a_share: float, n: int, n_share: float, places: int) -> dict[str, str]:
    average = "—" if not n else f"{round_half_up(Decimal(fen) / Decimal(100 * n), 0):,}"
    return {
        COLUMNS[0]: format_amount(fen, "万元", 2),
        COLUMNS[1]: format_percent(Decimal(repr(float(a_share))), places),
        COLUMNS[2]: f"{n:,}",
        COLUMNS[3]: format_percent(Decimal(repr(float(n_share))), places),
        COLUMNS[4]: average,
    }


def compare_sql_with_table(rows: Sequence[Sequence[Any]], table: DistributionTable, unit: str = "元"):
    """The SQL result beside the library's table, tier by tier: households and amounts, exact.

    Returns a DataFrame indexed by tier name with 户数(SQL), 户数(工具库),
    金额(元，SQL), 金额(元，工具库) and 是否一致 ("一致" or "不同").

    Examples
    --------
    >>> from tiering_lib import builtin_scheme, table_from_balances
    >>> t = table_from_balances([100, 2_000_000], builtin_scheme("suzhou_three_class"))
    >>> rows = [("A", "A", 0, 0.0, 0, 0.0, None), ("B", "B", 1, 0.5, Decimal("20000.00"), 0.99, None),
    ...         ("C", "C", 1, 0.5, Decimal("1.00"), 0.01, None)]
    >>> compare_sql_with_table(rows, t)["是否一致"].tolist()
    ['一致', '一致', '一致']
    """
    import pandas as pd

    records, names = [], []
    for code, name, n, _ns, amount, _as, _avg in rows:
        fen = _fen(amount, unit)
        lib_n, lib_fen = table.households_of(code), table.amount_of(code)
        names.append(name)
        records.append(
            {
                "户数（SQL）": f"{int(n):,}",
                "户数（工具库）": f"{lib_n:,}",
                "金额（元，SQL）": format_amount(fen, "元", 2),
                "金额（元，工具库）": format_amount(lib_fen, "元", 2),
                "是否一致": "一致" if (int(n), fen) == (lib_n, lib_fen) else "不同",
            }
        )
    frame = pd.DataFrame.from_records(records, index=names)
    frame.index.name = "类别"
    return frame
