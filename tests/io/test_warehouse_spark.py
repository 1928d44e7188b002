"""The Spark engine (real PySpark in local mode) gives the same table, to the 分, as memory and DuckDB."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest
from helpers.warehouse import balances, expected, schemes, write_csv, write_parquet, yuan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tiering_lib as tl
from tiering_lib.core.sql import quote_identifier, quote_literal
from tiering_lib.io import warehouse_report

pytestmark = pytest.mark.slow

HOSTILE = ['a"b', "c`d e", "余额 （元）", 'x"; DROP TABLE t; --', "it's", "back\\slash"]


@given(st.data(), st.sampled_from(["分", "元"]))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_spark_memory_and_duckdb_give_the_same_table_to_the_fen(spark, data, unit):
    scheme = data.draw(schemes())
    values = data.draw(balances(scheme, max_size=40))
    with tempfile.TemporaryDirectory() as folder:
        path = write_parquet(Path(folder) / "w.parquet", values, unit, "balance")
        results = [tl.tier_warehouse(path, scheme, engine=e, unit=unit) for e in ("memory", "duckdb", "spark")]
    want = expected(values, scheme)
    for r in results:
        assert (r.table.households, r.table.amounts, r.rejected) == want, r.engine
        assert r.rows_read == len(values)


def test_spark_checks_text_balances_as_the_other_engines_do(spark, tmp_path):
    texts = ["100.00", None, " ", "-0.01", "-0", "abc", "1,000", "1e5", "0.001", "12.", "+.5", "1 2",
             "99999999999999999999999999999999999999999", "10000000000.01", "10000000000.00", "20000.00"]
    path = write_csv(tmp_path / "客户.csv", texts)
    results = [tl.tier_warehouse(path, "suzhou_three_class", engine=e) for e in ("memory", "duckdb", "spark")]
    assert results[2].rejected == {
        "missing_balance": 2, "not_a_number": 3, "scientific": 1, "negative": 1, "sub_fen": 1, "too_large": 2,
    }
    for r in results:
        assert (r.table, r.rejected, r.rows_read) == (results[2].table, results[2].rejected, len(texts))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_and_texts_are_quoted_for_spark(spark, name):
    frame = spark.createDataFrame([(5,)], [name])
    frame.createOrReplaceTempView("hostile")
    row = spark.sql(f"SELECT {quote_identifier(name, 'spark')} AS v, {quote_literal(name, 'spark')} AS t FROM hostile").first()
    assert (row["v"], row["t"]) == (5, name)


def test_spark_reads_hostile_columns_and_writes_parquet_details(spark, tmp_path, monkeypatch):
    monkeypatch.setattr(warehouse_report, "DETAIL_ROW_LIMIT", 2)
    values = [5, None, 30_000_000, -1, 1_000_000]
    path = write_parquet(tmp_path / "w.parquet", values, "元", balance='余额 "x`; --', ident="客户 号")
    scheme = tl.scheme_from_dict({"name": "q", "unit": "元", "tiers": [
        {"code": "低'\\", "lower": 0, "name_zh": "it's \\ 低"}, {"code": 'h"`', "lower": 10000}]})
    r = tl.tier_warehouse(path, scheme, engine="spark", balance_column='余额 "x`; --', unit="元",
                          report=tmp_path / "报告.xlsx")
    assert (r.table.households, r.table.amounts) == ((1, 2), (5, 31_000_000))
    folder = tmp_path / "报告_客户明细.parquet"
    assert folder.is_dir() and "文件夹" in next(m for m in r.messages() if "客户明细有 3 行" in m)
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{folder}/*.parquet') ORDER BY \"客户号\"").fetchall()
    assert rows == [(1, yuan(5), "低'\\"), (3, yuan(30_000_000), 'h"`'), (5, yuan(1_000_000), 'h"`')]
    schema = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{folder}/*.parquet')").fetchall()
    assert [(c[0], c[1]) for c in schema] == [("客户号", "BIGINT"), ("余额（元）", "DECIMAL(38,2)"), ("层级", "VARCHAR")]
    assert list(tl.read_report(tmp_path / "报告.xlsx")) == ["分层汇总", "问题数据"]


def test_cluster_paths_go_to_spark_as_given(spark, tmp_path):
    path = write_parquet(tmp_path / "w.parquet", [5, 30_000_000, None])
    r = tl.tier_warehouse(f"file://{path}", "suzhou_three_class", engine="spark")
    assert (r.input.name, r.table.households, r.rejected) == ("w.parquet", (1, 0, 1), {"missing_balance": 1})
    with pytest.raises(tl.DataError, match="Spark"):
        tl.tier_warehouse(f"file://{path}", "suzhou_three_class", engine="duckdb")
