"""Warehouse files through the memory and DuckDB engines: the same table to the 分, every row accounted for."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest
from helpers.warehouse import balances, expected, schemes, write_csv, write_parquet, yuan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tiering_lib as tl
from tiering_lib.errors import DataError
from tiering_lib.io import warehouse_report

LOCAL_ENGINES = ("memory", "duckdb")


@given(st.data(), st.sampled_from(["分", "元"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_memory_and_duckdb_give_the_table_by_definition_on_parquet(data, unit):
    scheme = data.draw(schemes())
    values = data.draw(balances(scheme))
    with tempfile.TemporaryDirectory() as folder:
        path = write_parquet(Path(folder) / "w.parquet", values, unit, "balance" if unit == "元" else "balance_fen")
        want = expected(values, scheme)
        for engine in LOCAL_ENGINES:
            r = tl.tier_warehouse(path, scheme, engine=engine, unit=unit)
            assert (r.table.households, r.table.amounts, r.rejected) == want, engine
            assert r.rows_read == len(values) == r.n_accepted + r.n_rejected


@given(st.data())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_memory_and_duckdb_agree_on_csv_text(data):
    scheme = data.draw(schemes())
    values = data.draw(balances(scheme, max_size=30))
    texts = [None if v is None else str(yuan(v)) for v in values]
    odd = data.draw(st.lists(st.text(alphabet="0123456789.+-eE a", max_size=8), max_size=10))
    with tempfile.TemporaryDirectory() as folder:
        exact = write_csv(Path(folder) / "exact.csv", texts)
        mixed = write_csv(Path(folder) / "mixed.csv", texts + odd)
        for engine in LOCAL_ENGINES:
            r = tl.tier_warehouse(exact, scheme, engine=engine)
            assert (r.table.households, r.table.amounts, r.rejected) == expected(values, scheme), engine
        memory = tl.tier_warehouse(mixed, scheme, engine="memory")
        duck = tl.tier_warehouse(mixed, scheme, engine="duckdb")
    assert (memory.table, memory.rejected, memory.rows_read) == (duck.table, duck.rejected, duck.rows_read)
    assert memory.rows_read == len(texts) + len(odd) == memory.n_accepted + memory.n_rejected


def test_rejected_rows_are_counted_by_reason_and_conserved(tmp_path):
    texts = ["100.00", None, "", " ", "-0.01", "-0", "abc", "1,000", "1e5", "0.001", "12.", "+.5",
             "99999999999999999999999999999999999999999", "10000000000.01", "10000000000.00"]
    path = write_csv(tmp_path / "客户.csv", texts)
    for engine in LOCAL_ENGINES:
        r = tl.tier_warehouse(path, "suzhou_three_class", engine=engine)
        assert r.rejected == {
            "missing_balance": 3, "not_a_number": 2, "scientific": 1, "negative": 1, "sub_fen": 1, "too_large": 2,
        }
        assert (r.rows_read, r.n_accepted, r.n_rejected) == (15, 5, 10)
        assert r.table.total_amount == 10_000 + 0 + 1_200 + 50 + 1_000_000_000_000
        assert "读取 15 行 = 接受 5 行 + 拒绝 10 行" in r.summary_line()
        assert r.summary()["行数"].tolist()[:3] == [15, 5, 10]
        assert "  拒绝：余额是科学计数法（精度已丢失） 1 行" in r.messages()


def test_summary_workbook_holds_the_details_while_they_fit(tmp_path):
    path = write_parquet(tmp_path / "w.parquet", [100, None, 2_000_000, -3, 30_000_000])
    report = tmp_path / "报告.xlsx"
    r = tl.tier_warehouse(path, "suzhou_three_class", engine="duckdb", report=report)
    sheets = tl.read_report(report)
    assert list(sheets) == ["分层汇总", "客户明细", "问题数据"]
    details = sheets["客户明细"].sort_values("客户号")
    assert details["客户号"].tolist() == ["1", "3", "5"]
    assert details["层级"].tolist() == ["C", "B", "A"]
    assert [str(v) for v in details["余额（元）"]] == ["1.0", "20000.0", "300000.0"]
    problems = sheets["问题数据"].sort_values("客户号")
    assert problems["原因"].tolist() == ["余额为空", "余额为负数"]
    assert [o.format for o in r.outputs] == ["xlsx", "xlsx", "xlsx"]
    assert any("客户明细 3 行在汇总文件" in m for m in r.messages())


def test_details_beyond_the_sheet_limit_go_to_parquet_beside_the_summary(tmp_path, monkeypatch):
    monkeypatch.setattr(warehouse_report, "DETAIL_ROW_LIMIT", 3)
    values = [100 * k if k % 5 else None for k in range(1, 21)]
    path = write_parquet(tmp_path / "w.parquet", values)
    written = {}
    for engine in LOCAL_ENGINES:
        report = tmp_path / f"{engine}.xlsx"
        r = tl.tier_warehouse(path, "core_four_class", engine=engine, report=report)
        assert [(o.what, o.format) for o in r.outputs] == [
            ("summary", "xlsx"), ("accepted", "parquet"), ("rejected", "parquet")]
        accepted, rejected = tmp_path / f"{engine}_客户明细.parquet", tmp_path / f"{engine}_问题数据.parquet"
        written[engine] = [
            (duckdb.sql(f"DESCRIBE SELECT * FROM '{p}'").fetchall(), duckdb.sql(f"SELECT * FROM '{p}' ORDER BY 1").fetchall())
            for p in (accepted, rejected)
        ]
        assert list(tl.read_report(report)) == ["分层汇总"]
        message = next(m for m in r.messages() if "客户明细有 16 行" in m)
        assert "超过 Excel 一张工作表能放的 3 行" in message and "Parquet" in message and str(accepted) in message
    (schema, rows), (_, problems) = written["duckdb"]
    assert [(c[0], c[1]) for c in schema] == [("客户号", "BIGINT"), ("余额（分）", "BIGINT"), ("层级", "VARCHAR")]
    assert rows[:2] == [(1, 100, "D"), (2, 200, "D")] and len(rows) == 16
    assert problems == [(k, None, "余额为空") for k in (5, 10, 15, 20)]
    assert written["memory"] == written["duckdb"]


def test_existing_outputs_are_not_overwritten_unless_asked(tmp_path):
    path = write_parquet(tmp_path / "w.parquet", [1, 2, 3])
    report = tmp_path / "报告.xlsx"
    report.write_bytes(b"not yet a report")
    with pytest.raises(DataError, match="已经存在"):
        tl.tier_warehouse(path, "suzhou_three_class", engine="duckdb", report=report)
    assert report.read_bytes() == b"not yet a report"
    tl.tier_warehouse(path, "suzhou_three_class", engine="duckdb", report=report, overwrite=True)
    assert list(tl.read_report(report)) == ["分层汇总", "客户明细", "问题数据"]


def test_auto_uses_memory_for_small_inputs_and_duckdb_beyond_the_budget(tmp_path):
    path = write_parquet(tmp_path / "w.parquet", list(range(1000)))
    small = tl.tier_warehouse(path, "suzhou_three_class")
    big = tl.tier_warehouse(path, "suzhou_three_class", memory_budget=1000)
    assert (small.engine, big.engine) == ("memory", "duckdb")
    assert small.table == big.table
    assert "自动选择了 DuckDB 引擎" in big.messages()[1]


def test_columns_and_unit_are_found_from_their_names(tmp_path):
    path = write_parquet(tmp_path / "w.parquet", [150, 2_000_000], "元", balance="存款余额（元）", ident="客户编号")
    r = tl.tier_warehouse(path, "suzhou_three_class", engine="duckdb")
    assert (r.input.balance_column, r.input.id_column, r.input.unit, r.input.kind) == ("存款余额（元）", "客户编号", "元", "decimal")
    assert r.table.amounts == (150, 2_000_000, 0)
    fen = write_parquet(tmp_path / "f.parquet", [150], "分", balance="balance_fen", ident=None)
    assert tl.tier_warehouse(fen, "suzhou_three_class").input.unit == "分"


@pytest.mark.parametrize("engine", LOCAL_ENGINES)
def test_hostile_column_names_are_read_safely(tmp_path, engine):
    path = write_parquet(tmp_path / "w.parquet", [5, None, 30_000_000], "元", balance='余额 "x`; --', ident="客户 号")
    r = tl.tier_warehouse(path, "suzhou_three_class", engine=engine, balance_column='余额 "x`; --',
                          id_column="客户 号", unit="元", report=tmp_path / "r.xlsx")
    assert r.table.households == (1, 0, 1) and r.rejected == {"missing_balance": 1}
    assert sorted(tl.read_report(tmp_path / "r.xlsx")["客户明细"]["客户号"]) == ["1", "3"]


def test_floating_point_balances_are_refused_with_a_chinese_message(tmp_path):
    duckdb.sql(f"COPY (SELECT 1.5::DOUBLE AS balance) TO '{tmp_path / 'f.parquet'}' (FORMAT parquet)")
    with pytest.raises(DataError, match="浮点数.*DECIMAL\\(38,2\\)"):
        tl.tier_warehouse(tmp_path / "f.parquet", "suzhou_three_class", engine="duckdb")


@pytest.mark.parametrize(
    ("make", "kwargs", "message"),
    [
        (lambda p: p / "none.parquet", {}, "找不到这个文件"),
        (lambda p: (p / "x.xlsx").write_bytes(b"x") and p / "x.xlsx", {}, "Parquet.*CSV"),
        (lambda p: write_parquet(p / "w.parquet", [1]), {"balance_column": "日均余额"}, "没有名为“日均余额”的列"),
        (lambda p: write_parquet(p / "w.parquet", [1], balance="金额x", ident="编号"), {}, "找不到余额列"),
        (lambda p: write_csv(p / "w.csv", ["1"]).write_bytes("余额\n１\n".encode("gbk")) and p / "w.csv", {}, "UTF-8"),
        (lambda p: (p / "w.csv").write_text("余额,b\n1\n", encoding="utf-8") and p / "w.csv", {}, "格"),
    ],
)
@pytest.mark.parametrize("engine", LOCAL_ENGINES)
def test_unusable_inputs_get_a_chinese_message_not_a_traceback(tmp_path, make, kwargs, message, engine):
    with pytest.raises(DataError, match=message):
        tl.tier_warehouse(make(tmp_path), "suzhou_three_class", engine=engine, **kwargs)


@pytest.mark.slow
def test_duckdb_tiers_more_data_than_its_memory_limit(tmp_path):
    """5 million customers (80 MB as int64 columns) with a 64 MB limit, details written to Parquet."""
    path = tmp_path / "big.parquet"
    duckdb.sql(
        f"COPY (SELECT i AS customer_id, (hash(i) % 50000000)::BIGINT AS balance_fen FROM range(5000000) t(i)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    r = tl.tier_warehouse(path, "core_four_class", engine="duckdb", memory_budget=64 << 20, report=tmp_path / "r.xlsx")
    balances = duckdb.sql(f"SELECT balance_fen FROM '{path}'").fetchnumpy()["balance_fen"]
    assert r.table == tl.table_from_balances(balances, tl.builtin_scheme("core_four_class"))
    (rows,) = duckdb.sql(f"SELECT COUNT(*) FROM '{tmp_path / 'r_客户明细.parquet'}'").fetchall()[0]
    assert rows == 5_000_000 and r.outputs[1].format == "parquet"
