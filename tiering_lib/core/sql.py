"""A tier scheme as SQL: the ``CASE`` expression and the checks every row goes through.

A data team tiers a warehouse table with the same scheme the learners use:
:func:`scheme_case_sql` writes the scheme's half-open bounds (lower bound
included, upper bound excluded) as a ``CASE`` expression on an exact amount
column; :mod:`tiering_lib.core.sql_queries` builds the whole queries (the
distribution table, the engines' tally, the per-customer details).  Two
dialects: ``"duckdb"`` and ``"spark"`` (Spark SQL).  Everything here is string
generation; no engine is imported.

Amounts stay exact: a balance column holds whole 分 (``BIGINT``) or an exact
decimal in 元 (``DECIMAL(38,2)``; the other units of :data:`UNITS` work the
same way), and every bound is written as an exact literal in the column's
unit.  Identifiers (column and table names come from users) are always
quoted, and text literals (tier codes and names come from scheme files)
always escaped.

Rows whose balance cannot be tiered are not dropped silently:
:func:`reason_sql` gives each row a reason code (``missing_balance``,
``not_a_number``, ``scientific``, ``sub_fen``, ``negative``, ``too_large``) or
``NULL`` when it is accepted.
"""

from __future__ import annotations

from typing import Sequence

from tiering_lib.core.money import UNITS
from tiering_lib.core.schemes import TierScheme
from tiering_lib.errors import DataError

__all__ = [
    "DIALECTS",
    "TEXT_TYPE",
    "COLUMN_KINDS",
    "quote_identifier",
    "quote_literal",
    "amount_literal",
    "scheme_case_sql",
    "reason_sql",
    "amount_sql",
    "checked_sql",
    "decimal_type",
    "indent",
]

#: SQL dialects written here.
DIALECTS = ("duckdb", "spark")
#: How a balance column is stored: an integer type, an exact decimal type, or text (a CSV cell).
COLUMN_KINDS = ("integer", "decimal", "text")

#: The text type of each dialect.
TEXT_TYPE = {"duckdb": "VARCHAR", "spark": "STRING"}
#: A number as text: optional sign, digits with an optional fraction (no grouping, no exponent).
_NUMBER = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$"
#: A character no plain number has (searched, not anchored: ``$`` differs between regex engines at a newline).
_FOREIGN = "[^0-9eE.+-]"
_SCIENTIFIC = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)[eE][+-]?[0-9]+$"


def _dialect(dialect: str) -> str:
    if dialect not in DIALECTS:
        raise DataError(f"unknown SQL dialect {dialect!r}; use one of {', '.join(DIALECTS)}")
    return dialect


def _places(unit: str) -> int:
    if unit not in UNITS:
        raise DataError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
    return len(str(UNITS[unit])) - 1


def quote_identifier(name: str | Sequence[str], dialect: str = "duckdb") -> str:
    """A column or table name quoted for ``dialect``; a sequence is a qualified name.

    DuckDB quotes with ``"`` (doubled inside), Spark with backticks (doubled
    inside), so any name, including quotes, spaces or Chinese, is one identifier.

    Raises
    ------
    DataError
        For an empty name or one holding a NUL character.

    Examples
    --------
    >>> quote_identifier('余额 "元" 2')
    '"余额 ""元"" 2"'
    >>> quote_identifier(["db", "a`b"], "spark")
    '`db`.`a``b`'
    """
    _dialect(dialect)
    if not isinstance(name, str):
        return ".".join(quote_identifier(part, dialect) for part in name)
    if not name or "\x00" in name:
        raise DataError(f"column or table name {name!r} cannot be used in SQL; give a non-empty name")
    q = '"' if dialect == "duckdb" else "`"
    return q + name.replace(q, q + q) + q


def quote_literal(text: str, dialect: str = "duckdb") -> str:
    """A text literal for ``dialect``.

    DuckDB doubles ``'``.  Spark reads backslash escapes in literals unless
    configured otherwise, so text holding ``'`` or ``\\`` is written as
    UTF-8 hex, which reads the same under either setting.

    Examples
    --------
    >>> quote_literal("A1类")
    "'A1类'"
    >>> quote_literal("it's", "spark")
    "decode(unhex('69742773'), 'UTF-8')"
    """
    if "\x00" in text:
        raise DataError("text with a NUL character cannot be written into SQL")
    if _dialect(dialect) == "duckdb":
        return "'" + text.replace("'", "''") + "'"
    if "'" in text or "\\" in text:
        return f"decode(unhex('{text.encode('utf-8').hex().upper()}'), 'UTF-8')"
    return f"'{text}'"


def amount_literal(fen: int, unit: str = "分") -> str:
    """An exact numeric literal for ``fen`` 分 expressed in ``unit``.

    Examples
    --------
    >>> amount_literal(20_000_000, "元"), amount_literal(20_000_000, "万元"), amount_literal(1_000_000)
    ('200000.00', '20.000000', '1000000')
    """
    places, size = _places(unit), UNITS[unit]
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    return f"{sign}{fen // size}.{fen % size:0{places}d}" if places else f"{sign}{fen}"


def scheme_case_sql(
    scheme: TierScheme,
    column: str,
    *,
    dialect: str = "duckdb",
    unit: str = "分",
    labels: str = "code",
    raw: bool = False,
) -> str:
    """The scheme as a ``CASE`` expression on an exact amount column.

    Each tier is written with both bounds, ``lower <= x AND x < upper``, so a
    balance equal to a bound belongs to the tier above it (the deck's "(不含)")
    and a ``NULL`` or negative amount gets ``NULL``, never a tier.

    Parameters
    ----------
    scheme : TierScheme
    column : str
        The amount column (quoted here).
    dialect : str
        ``"duckdb"`` or ``"spark"``.
    unit : str
        Unit of the column: ``"分"`` (whole 分, ``BIGINT``) or ``"元"`` (``DECIMAL(38,2)``), etc.
    labels : str
        ``"code"`` gives the tier code, ``"name"`` its Chinese name, ``"index"``
        its position (0 = lowest tier).
    raw : bool
        ``column`` is a SQL expression, used as it is (not quoted).

    Examples
    --------
    >>> from tiering_lib import builtin_scheme
    >>> print(scheme_case_sql(builtin_scheme("suzhou_three_class"), "余额", unit="元"))
    CASE
      WHEN "余额" >= 0.00 AND "余额" < 10000.00 THEN 'C'
      WHEN "余额" >= 10000.00 AND "余额" < 200000.00 THEN 'B'
      WHEN "余额" >= 200000.00 THEN 'A'
    END
    """
    if labels not in ("code", "name", "index"):
        raise DataError(f"labels must be 'code', 'name' or 'index', got {labels!r}")
    x = column if raw else quote_identifier(column, dialect)
    lines = ["CASE"]
    for i, tier in enumerate(scheme.tiers):
        label = str(i) if labels == "index" else quote_literal(tier.name_zh if labels == "name" else tier.code, dialect)
        cond = f"{x} >= {amount_literal(tier.lower, unit)}"
        if tier.upper is not None:
            cond += f" AND {x} < {amount_literal(tier.upper, unit)}"
        lines.append(f"  WHEN {cond} THEN {label}")
    return "\n".join(lines + ["END"])


def decimal_type(unit: str) -> str:
    """The exact SQL type of amounts in ``unit``, e.g. ``DECIMAL(38,2)`` for 元."""
    return f"DECIMAL(38,{_places(unit)})"


def reason_sql(
    column: str, *, kind: str = "integer", unit: str = "分", dialect: str = "duckdb", max_fen: int | None = None
) -> str:
    """A ``CASE`` giving why a row's balance cannot be tiered (a reason code), or ``NULL`` if it can.

    Parameters
    ----------
    column : str
        The balance column.
    kind : str
        ``"integer"``, ``"decimal"`` (an exact numeric type) or ``"text"``
        (digits as text, e.g. a CSV cell: ``12345.67``; no grouping commas,
        units or exponents).
    unit, dialect
        As in :func:`scheme_case_sql`.
    max_fen : int, optional
        Balances above this many 分 are rejected as ``too_large``.

    Examples
    --------
    >>> print(reason_sql("b", max_fen=10**12))
    CASE
      WHEN "b" IS NULL THEN 'missing_balance'
      WHEN "b" < 0 THEN 'negative'
      WHEN "b" > 1000000000000 THEN 'too_large'
    END
    """
    if kind not in COLUMN_KINDS:
        raise DataError(f"column kind must be one of {COLUMN_KINDS}, got {kind!r}")
    col, places = quote_identifier(column, dialect), _places(unit)
    value = f"TRY_CAST({col} AS {decimal_type(unit)})"
    whens = [f"{col} IS NULL THEN 'missing_balance'"]
    if kind == "text":
        text, value = f"TRIM({col})", f"TRY_CAST(TRIM({col}) AS {decimal_type(unit)})"
        whens.append(f"{text} = '' THEN 'missing_balance'")
        matches = (lambda p: f"regexp_matches({text}, '{p}')") if dialect == "duckdb" else (lambda p: f"{text} RLIKE '{p}'")
        whole = f"^[+-]?([0-9]+([.][0-9]{{0,{places}}}0*)?|[.][0-9]{{0,{places}}}0*)$"
        whens += [
            f"{matches(_FOREIGN)} THEN 'not_a_number'",
            f"{matches(_SCIENTIFIC)} THEN 'scientific'",
            f"NOT {matches(_NUMBER)} THEN 'not_a_number'",
            f"NOT {matches(whole)} THEN 'sub_fen'",
            f"{value} IS NULL THEN 'too_large'",
        ]
        col = value
    elif kind == "decimal":
        whens += [f"{value} IS NULL THEN 'too_large'", f"{value} <> {col} THEN 'sub_fen'"]
    whens.append(f"{col} < 0 THEN 'negative'")
    if max_fen is not None:
        whens.append(f"{col} > {amount_literal(max_fen, unit)} THEN 'too_large'")
    return "\n".join(["CASE", *(f"  WHEN {w}" for w in whens), "END"])


def amount_sql(column: str, *, kind: str = "integer", unit: str = "分", dialect: str = "duckdb") -> str:
    """The exact amount of a balance column in ``unit`` (``NULL`` where it cannot be read).

    Examples
    --------
    >>> amount_sql("b", kind="text", unit="元", dialect="spark")
    'TRY_CAST(TRIM(`b`) AS DECIMAL(38,2))'
    """
    col = quote_identifier(column, dialect)
    if kind == "integer":
        return col
    return f"TRY_CAST({'TRIM(' + col + ')' if kind == 'text' else col} AS {decimal_type(unit)})"


def _source(source: str | Sequence[str], dialect: str) -> str:
    return source[1:] if isinstance(source, str) and source.startswith("=") else quote_identifier(source, dialect)


def checked_sql(
    source: str | Sequence[str],
    column: str,
    *,
    kind: str = "integer",
    unit: str = "分",
    dialect: str = "duckdb",
    max_fen: int | None = None,
    keep: Sequence[str] = (),
) -> str:
    """``SELECT`` of every source row with its ``reason`` (``NULL`` = accepted) and exact ``amount``.

    ``source`` is a table name (a sequence for a qualified name), or raw SQL
    after a leading ``=`` (e.g. ``"=read_parquet('x.parquet')"``).  Columns in
    ``keep`` are carried along as ``kept_0``, ``kept_1`` … (so no user column
    name can clash with ``reason`` or ``amount``).

    Examples
    --------
    >>> print(checked_sql(["wh", "customers"], "余额", keep=["客户号"]))
    SELECT
      CASE
        WHEN "余额" IS NULL THEN 'missing_balance'
        WHEN "余额" < 0 THEN 'negative'
      END AS reason,
      "余额" AS amount, "客户号" AS kept_0
    FROM "wh"."customers"
    """
    extra = "".join(f", {quote_identifier(k, dialect)} AS kept_{i}" for i, k in enumerate(keep))
    reason = reason_sql(column, kind=kind, unit=unit, dialect=dialect, max_fen=max_fen)
    return (
        f"SELECT\n{indent(reason)} AS reason,\n  {amount_sql(column, kind=kind, unit=unit, dialect=dialect)}"
        f" AS amount{extra}\nFROM {_source(source, dialect)}"
    )


def indent(sql: str, by: str = "  ") -> str:
    """Every line of ``sql`` indented by ``by``."""
    return "\n".join(by + line for line in sql.splitlines())
