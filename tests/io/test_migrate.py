"""``python -m tiering_lib migrate OLD NEW``: the report's layout, conservation, privacy, files and errors."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from helpers.exports import RAW_ID, RAW_NAME, RAW_PHONE, ROOT, csv_bytes, leaks, report_texts, xlsx_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

import tiering_lib as tl
from tiering_lib.io.migration_report import MIGRATION_SHEETS, migration_report

CARD = "6222021234567890123"
OLD = [
    ["客户号", "客户姓名", "证件号码", "手机号码", "存款余额（元）"],
    ["K1", RAW_NAME, RAW_ID, RAW_PHONE, "500.00"],  # C → gone
    ["K2", "测试乙", "", "", "300,000.00"],  # A → B (watched: tier drop, -50%)
    ["K3", "测试丙", "", "", "60,000"],  # B → A (upgraded)
    ["K3", "测试丙", "", "", "60,000"],  # duplicate row: problem data of the old file
    ["K6", "测试己", "", "", "-5"],  # rejected: negative
]
NEW = [
    ["客户号", "客户姓名", "存款余额（元）"],
    ["K2", "测试乙", "150000"],
    ["K3", "测试丙", "600000"],
    ["K4", RAW_NAME, "2万"],  # new
    ["K5", "测试戊", "abc"],  # rejected: not a number
]


def migrate(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tiering_lib", "migrate", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def _sheet(path, name):
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [list(r) for r in book[name].iter_rows(values_only=True)]
    finally:
        book.close()


@pytest.fixture()
def months(tmp_path):
    (tmp_path / "一月末.csv").write_bytes(csv_bytes(OLD, "gbk"))
    (tmp_path / "二月末.xlsx").write_bytes(xlsx_bytes({"明细": NEW}))
    return tmp_path


def test_report_from_gbk_and_xlsx(months):
    run = migrate("一月末.csv", "二月末.xlsx", "--scheme", "suzhou_three_class", cwd=months)
    assert run.returncode == 0, run.stderr
    out = months / "二月末_迁移报告.xlsx"
    assert "升级 1 户，降级 1 户，新增 1 户，流失 1 户，流失预警 1 户" in run.stdout
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == list(MIGRATION_SHEETS)
    book.close()
    rows = _sheet(out, "迁移矩阵")
    assert rows[0] == ["上月分层", "C", "B", "A", "流失", "合计"]
    households = rows[1:6]
    assert [r[0] for r in households] == ["C", "B", "A", "新增", "合计"]
    assert [r[1:] for r in households] == [[0, 0, 0, 1, 1], [0, 0, 1, 0, 1], [0, 1, 0, 0, 1], [0, 1, 0, 0, 1],
                                           [0, 2, 1, 1, 4]]
    assert not any(rows[6]) and rows[7] == rows[0]
    money = {r[0]: r[1:] for r in rows[8:13]}
    assert money["A"] == [0, 150000, 0, 0, 150000] and money["B"][2] == 600000 and money["C"][3] == 500
    assert money["合计"] == [0, 170000, 600000, 500, 770500]
    assert _sheet(out, "升级客户")[1][:3] == ["K3", "B", "A"]
    assert _sheet(out, "降级客户")[1][:3] == ["K2", "A", "B"]
    assert _sheet(out, "新增客户")[1][:3] == ["K4", "B", 20000]
    assert _sheet(out, "流失客户")[1][:3] == ["K1", "C", 500]
    watch = _sheet(out, "流失预警")
    assert watch[1][0] == "K2" and "降级（A→B）" in watch[1][7]
    problems = _sheet(out, "问题数据")
    found = {(r[0].split("：")[0], r[1], r[2]) for r in problems[1:] if r[1] is not None}
    assert found == {("上月", 5, "重复记录（客户号和余额都相同）"), ("上月", 6, "余额为负数"), ("本月", 5, "余额不是数字")}


def test_every_accepted_customer_is_counted_once_in_rows_and_columns(months):
    out = months / "r.xlsx"
    assert migrate("一月末.csv", "二月末.xlsx", "--out", str(out), cwd=months).returncode == 0
    rows = _sheet(out, "迁移矩阵")
    n = len(tl.builtin_scheme("core_four_class").tiers)
    households = [r[1:n + 2] for r in rows[1:n + 2]]  # without 合计
    old = tl.load_branch_export(months / "一月末.csv")
    new = tl.load_branch_export(months / "二月末.xlsx")
    assert sum(sum(r) for r in households[:n]) == old.n_accepted  # rows: last month + 新增
    assert sum(r[c] for r in households for c in range(n)) == new.n_accepted  # columns: this month + 流失


def test_no_personal_value_anywhere(months):
    run = migrate("一月末.csv", "二月末.xlsx", "--out", "r.xlsx", cwd=months)
    assert run.returncode == 0
    planted = [RAW_ID, RAW_PHONE, RAW_NAME]
    assert leaks([run.stdout, run.stderr, *report_texts(months / "r.xlsx")], planted) == []


def test_card_numbers_as_keys_are_matched_but_never_shown(tmp_path):
    old = [["卡号", "余额"], [CARD, "300000"], ["6222029999888877776", "50"]]
    new = [["卡号", "余额"], [CARD, "100000"]]
    (tmp_path / "a.csv").write_bytes(csv_bytes(old))
    (tmp_path / "b.csv").write_bytes(csv_bytes(new))
    run = migrate("a.csv", "b.csv", "--out", "r.xlsx", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    texts = report_texts(tmp_path / "r.xlsx")
    assert leaks(texts + [run.stdout], [CARD, "6222029999888877776"]) == []
    downgraded = _sheet(tmp_path / "r.xlsx", "降级客户")
    assert len(downgraded) == 2 and downgraded[1][0].startswith("化名-")  # matched across the two files


def test_an_existing_report_is_kept_unless_forced(months):
    out = months / "r.xlsx"
    out.write_bytes(b"mine")
    run = migrate("一月末.csv", "二月末.xlsx", "--out", str(out), cwd=months)
    assert run.returncode == 1 and "已存在" in run.stderr and out.read_bytes() == b"mine"
    assert migrate("一月末.csv", "二月末.xlsx", "--out", str(out), "--force", cwd=months).returncode == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["没有.csv", "二月末.xlsx"], "找不到这个文件"),
        (["一月末.csv", "二月末.xlsx", "--alert-tier", "Z9"], "没有这一层"),
        (["一月末.csv", "二月末.xlsx", "--alert-drop", "150"], "0 到 100"),
        (["一月末.csv", "无客户号.csv"], "没有客户号列"),
    ],
)
def test_unusable_input_is_one_chinese_line(months, args, message):
    (months / "无客户号.csv").write_bytes(csv_bytes([["姓名", "余额"], ["某某", "5"]]))
    run = migrate(*args, cwd=months)
    assert run.returncode == 1 and run.stdout == ""
    assert len(run.stderr.splitlines()) == 1 and run.stderr.startswith("错误：") and message in run.stderr


def test_help_is_chinese():
    run = subprocess.run([sys.executable, "-m", "tiering_lib", "migrate", "--help"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert run.returncode == 0
    for text in ("用法：", "迁移矩阵", "流失预警", "--alert-drop", "退出码"):
        assert text in run.stdout


keys = st.lists(st.sampled_from([f"K{i}" for i in range(12)]), unique=True, min_size=1, max_size=10)
amounts = st.integers(min_value=0, max_value=3_000_000)


@settings(max_examples=40, deadline=None)
@given(keys, keys, st.data())
def test_conservation_for_any_two_files(old_keys, new_keys, data):
    old_rows = [["客户号", "余额"]] + [[k, str(data.draw(amounts))] for k in old_keys]
    new_rows = [["客户号", "余额"]] + [[k, str(data.draw(amounts))] for k in new_keys]
    old = tl.load_branch_export(csv_bytes(old_rows), name="a.csv")
    new = tl.load_branch_export(csv_bytes(new_rows), name="b.csv")
    report = migration_report(old, new, tl.builtin_scheme("core_four_class"))
    m = report.migration.household_matrix()
    n = len(report.migration.codes)
    assert m[:n, :].sum() == len(old_keys) and m[:, :n].sum() == len(new_keys)
    assert len(report.sheets()) == len(MIGRATION_SHEETS)
