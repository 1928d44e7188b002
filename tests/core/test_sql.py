"""A scheme as SQL: bounds written exactly, half-open, quoted safely; checked by running it in DuckDB."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tiering_lib as tl
from tiering_lib.core.sql import amount_literal, quote_literal, reason_sql
from tiering_lib.errors import DataError

HOSTILE = ['a"b', "c`d e", "余额 (元)", 'x"; DROP TABLE t; --', "it's", "back\\slash", "  ", "tab\tname"]


_CON = duckdb.connect()  # one in-memory database for the module (each test makes its own tables)


def _run(sql: str, params=None):
    return _CON.execute(sql, params or []).fetchall()


def _edges(scheme):
    return sorted({v for t in scheme.tiers[1:] for v in (t.lower - 1, t.lower, t.lower + 1)} | {0})


@pytest.mark.parametrize("name", tl.builtin_scheme_names())
@pytest.mark.parametrize("unit", ["分", "元", "万元"])
def test_case_puts_every_boundary_in_the_tier_above_as_classify_does(name, unit):
    scheme = tl.builtin_scheme(name)
    values = _edges(scheme)
    case = tl.scheme_case_sql(scheme, "b", unit=unit)
    literals = ", ".join(f"({amount_literal(v, unit)})" for v in values)
    cast = "BIGINT" if unit == "分" else f"DECIMAL(38,{len(str(tl.UNITS[unit])) - 1})"
    got = _run(f'SELECT {case} FROM (SELECT CAST(v AS {cast}) AS "b" FROM (VALUES {literals}) AS t(v))')
    assert [g[0] for g in got] == tl.tier_codes(values, scheme).tolist()


def test_case_gives_no_tier_to_null_or_negative_amounts(three):
    case = tl.scheme_case_sql(three, "b", labels="index")
    got = _run(f'SELECT {case} FROM (SELECT * FROM (VALUES (NULL), (-1), (0)) AS t("b"))')
    assert [g[0] for g in got] == [None, None, 0]


def test_case_names_and_indexes_follow_the_scheme(four):
    names = tl.scheme_case_sql(four, "b", labels="name")
    index = tl.scheme_case_sql(four, "b", labels="index")
    for i, tier in enumerate(four.tiers):
        assert f"THEN '{tier.name_zh}'" in names
        assert f"THEN {i}\n" in index + "\n"


def test_bounds_are_exact_literals_in_the_column_unit():
    assert amount_literal(1, "元") == "0.01"
    assert amount_literal(1, "万元") == "0.000001"
    assert amount_literal(123_456_789, "亿元") == "0.0123456789"
    assert amount_literal(-5, "元") == "-0.05"
    for fen in (0, 1, 99, 100, 999_999, 20_000_000, 10**12):
        for unit in tl.UNITS:
            assert tl.to_fen(amount_literal(fen, unit), unit) == fen


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_column_names_are_one_identifier_in_duckdb(name):
    q = tl.quote_identifier(name)
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t ({q} BIGINT, other BIGINT)")
    con.execute("INSERT INTO t VALUES (5, 7)")
    assert con.execute(f"SELECT {q} FROM t").fetchall() == [(5,)]
    assert [c[0] for c in con.execute("DESCRIBE t").fetchall()] == [name, "other"]


def test_qualified_names_quote_each_part():
    assert tl.quote_identifier(["库", 'a"b']) == '"库"."a""b"'
    assert tl.quote_identifier(["db", "a`b"], "spark") == "`db`.`a``b`"


@pytest.mark.parametrize("bad", ["", "a\x00b"])
def test_unusable_names_are_refused(bad):
    with pytest.raises(DataError):
        tl.quote_identifier(bad)


def test_unknown_dialect_is_refused():
    with pytest.raises(DataError, match="dialect"):
        tl.quote_identifier("a", "mysql")


@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30))
@settings(max_examples=60, deadline=None)
def test_any_text_literal_reads_back_in_duckdb(text):
    assert _run(f"SELECT {quote_literal(text)}") == [(text,)]


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.integers(-(10**13), 10**13).map(lambda f: str(Decimal(f).scaleb(-2))),
            st.text(alphabet="0123456789.+-eE ,a", max_size=12),
        ),
        min_size=1,
        max_size=40,
    )
)
@settings(max_examples=60, deadline=None)
def test_sql_checks_and_python_checks_agree_on_every_text(texts):
    from tiering_lib.io.engine_memory import balance_reason

    limit = 10**12
    sql = reason_sql("b", kind="text", unit="元", max_fen=limit)
    _CON.execute('CREATE OR REPLACE TABLE texts ("b" VARCHAR, k INTEGER)')
    _CON.executemany("INSERT INTO texts VALUES (?, ?)", [(t, k) for k, t in enumerate(texts)])
    got = [r[0] for r in _CON.execute(f"SELECT {sql} FROM texts ORDER BY k").fetchall()]
    assert got == [balance_reason(t, "元", limit)[0] for t in texts]


def test_distribution_query_gives_the_library_table_in_duckdb(suzhou_bands):
    scheme = tl.builtin_scheme("core_four_class")
    balances = tl.synthesize_population(suzhou_bands, scale=1000)
    import pandas as pd

    frame = pd.DataFrame({"余额(分)": pd.array([*balances.tolist(), None, -5], dtype="Int64")})  # noqa: F841 (read by DuckDB)
    con = duckdb.connect()
    con.execute('CREATE TABLE "客户 表" AS SELECT * FROM frame')
    rows = con.execute(tl.distribution_sql(scheme, "客户 表", "余额(分)")).fetchall()
    expected = tl.table_from_balances(balances, scheme)
    assert [r[0] for r in rows] == [t.code for t in scheme.display_tiers()]
    assert [r[2] for r in rows] == [expected.households_of(t.code) for t in scheme.display_tiers()]
    assert [r[4] for r in rows] == [expected.amount_of(t.code) for t in scheme.display_tiers()]
    assert sum(r[3] for r in rows) == pytest.approx(1.0)
