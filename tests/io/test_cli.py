"""``python -m tiering_lib tier``: run in a subprocess, the report opened with openpyxl."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pytest
from helpers.exports import RAW_ID, RAW_NAME, RAW_PHONE, ROOT, csv_bytes, make_branch_exports, xlsx_bytes

from tiering_lib.io import cli, row_reader

ROWS = [
    ["客户号", "客户姓名", "证件号码", "手机号码", "存款余额（元）"],
    ["K1", RAW_NAME, RAW_ID, RAW_PHONE, "500.00"],  # C under suzhou_three_class
    ["K2", "测试乙", "", "", "2万"],  # B
    ["K3", "测试丙", "", "", "300,000.00"],  # A
    ["K4", "测试丁", "", "", "-5"],  # rejected: negative
    ["合计", "", "", "", "320500.00"],  # rejected: total row
]


def tier(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tiering_lib", "tier", *args],
        capture_output=True, text=True, cwd=cwd or ROOT, timeout=120,
    )


@pytest.fixture()
def export(tmp_path):
    path = tmp_path / "网点导出.csv"
    path.write_bytes(csv_bytes(ROWS, "gbk"))
    return path


def test_report_is_written_with_three_sheets(export, tmp_path):
    out = tmp_path / "报告.xlsx"
    run = tier(str(export), "--scheme", "suzhou_three_class", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"已写出报告 {out}：接受 3 行，拒绝 2 行（方案 suzhou_three_class）"
    assert run.stderr == ""
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["分层汇总", "客户明细", "问题数据"]
    summary = list(book["分层汇总"].iter_rows(values_only=True))
    assert summary[0] == ("类别", "金额（万元）", "金额占比", "户数（户）", "户数占比", "户均余额（元）")
    assert [(r[0], r[3]) for r in summary[1:5]] == [
        ("A类客户（20万以上）", 1), ("B类客户（1-20万）", 1), ("C类客户（0-1万）", 1), ("合计", 3)
    ]
    assert summary[4][1] == 32.05  # 30万 + 2万 + 500元, in 万元
    customers = list(book["客户明细"].iter_rows(values_only=True))
    assert customers[0] == ("行号", "客户号", "姓名（已脱敏）", "证件号（已脱敏）", "手机号（已脱敏）", "余额（元）", "层级", "层级名称")
    assert customers[1] == (2, "K1", "欧***", "910***********1234", "106****5678", 500, "C", "C类客户（0-1万）")
    assert [r[6] for r in customers[1:]] == ["C", "B", "A"]
    problems = list(book["问题数据"].iter_rows(values_only=True))
    assert [(r[0], r[1]) for r in problems[1:]] == [(5, "余额为负数"), (6, "合计/小计行")]
    book.close()


def test_default_output_goes_to_the_current_folder(export, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    run = tier(str(export), cwd=work)
    assert run.returncode == 0, run.stderr
    assert (work / "网点导出_分层报告.xlsx").exists()
    again = tier(str(export), cwd=work)  # the report is there now: kept, unless --force
    assert again.returncode == 1 and again.stderr.startswith("错误：报告文件") and "--force" in again.stderr
    assert tier(str(export), "--force", cwd=work).returncode == 0


def test_out_never_replaces_an_existing_file_without_force(export, tmp_path):
    original = tmp_path / "客户余额.xlsx"
    original.write_bytes(b"the branch's own workbook")
    run = tier(str(export), "--out", str(original))
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip() == (
        f"错误：报告文件“{original}”已存在，没有覆盖它；请换一个文件名（命令行：--out 新文件名.xlsx），"
        "确实要覆盖时请明确要求（命令行：--force）"
    )
    assert original.read_bytes() == b"the branch's own workbook"
    assert tier(str(export), "--out", str(original), "--force").returncode == 0
    assert openpyxl.load_workbook(original).sheetnames[0] == "分层汇总"


def test_reading_from_a_pipe(tmp_path):
    out = tmp_path / "r.xlsx"
    run = subprocess.run(
        [sys.executable, "-m", "tiering_lib", "tier", "/dev/stdin", "--out", str(out), "-q"],
        input=csv_bytes(ROWS, "gbk"), capture_output=True, cwd=ROOT, timeout=120,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert "接受 3 行，拒绝 2 行" in run.stdout.decode()


def test_an_endless_input_ends_with_a_clear_error(tmp_path):
    run = tier("/dev/zero", "--out", str(tmp_path / "r.xlsx"))
    assert run.returncode == 1 and "输入超过 256 MB 仍未结束" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "r.xlsx").exists()


def test_keep_text_columns(tmp_path):
    source = tmp_path / "备注.csv"
    source.write_bytes(csv_bytes([["客户号", "余额", "备注"], ["K1", "x", f"请联系 {RAW_PHONE}，找{RAW_NAME}"]]))
    hidden, kept = tmp_path / "默认.xlsx", tmp_path / "保留.xlsx"
    assert tier(str(source), "--out", str(hidden)).returncode == 0
    assert tier(str(source), "--out", str(kept), "--keep-text-columns").returncode == 0
    def problem(path):
        return list(openpyxl.load_workbook(path)["问题数据"].iter_rows(values_only=True))[1]

    assert problem(hidden)[3:] == ("K1", "（已隐藏）", "（已隐藏）")
    assert problem(kept)[5] == f"请联系 106****5678，找{RAW_NAME}"


def test_excel_input_with_sheet_unit_and_column_options(tmp_path):
    source = tmp_path / "导出.xlsx"
    source.write_bytes(xlsx_bytes({"说明": [["导出说明"]], "明细": [["客户号", "存款余额", "日均"], ["K1", 1, 25], ["K2", 2, 0.5]]}))
    out = tmp_path / "r.xlsx"
    run = tier(str(source), "--sheet", "明细", "--column", "余额=日均", "--unit", "万元", "--out", str(out))
    assert run.returncode == 0, run.stderr
    rows = list(openpyxl.load_workbook(out)["客户明细"].iter_rows(values_only=True))
    assert [(r[2], r[3]) for r in rows[1:]] == [(250000, "A2"), (5000, "D")]


def test_scheme_from_a_file(export, tmp_path):
    scheme = tmp_path / "两档.yaml"
    scheme.write_text("name: two\nunit: 万元\ntiers:\n  - {code: L, lower: 0}\n  - {code: H, lower: 10}\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert tier(str(export), "--scheme", str(scheme), "--out", str(out)).returncode == 0
    rows = list(openpyxl.load_workbook(out)["客户明细"].iter_rows(values_only=True))
    assert [r[6] for r in rows[1:]] == ["L", "L", "H"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["没有这个文件.csv"], "找不到这个文件"),
        (["{empty}"], "文件是空的"),
        (["{no_balance}"], "找不到余额列"),
        (["{export}", "--sheet", "明细"], "只有 Excel（.xlsx）文件才有工作表"),
        (["{export}", "--scheme", "no_such_scheme"], "既不是内置方案"),
        (["{export}", "--scheme", "{missing}.yaml"], "找不到这个方案文件"),
        (["{export}", "--column", "余额"], "应写成 字段=列名"),
        (["{export}", "--out", "{tmp}/no/such/folder/r.xlsx"], "无法写入报告"),
        (["{export}", "--out", "{tmp}/r.csv"], "应以 .xlsx 结尾"),
        (["{export}", "--scheme", "{bad_scheme}"], "最高一层"),
        (["{export}", "--scheme", "{huge_scheme}"], "大得不合理"),
    ],
)
def test_unusable_input_is_one_line_and_no_traceback(export, tmp_path, args, message):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "no_balance.csv").write_bytes(csv_bytes([["客户号", "姓名"], ["K1", "张三"]]))
    (tmp_path / "bad.yaml").write_text("name: bad\ntiers:\n  - {code: A, lower: 0, upper: 5}\n", encoding="utf-8")
    (tmp_path / "huge.yaml").write_text("name: huge\ntiers:\n  - {code: A, lower: 0}\n  - {code: B, lower: 1e400}\n", encoding="utf-8")
    names = {
        "export": export, "empty": tmp_path / "empty.csv", "no_balance": tmp_path / "no_balance.csv",
        "missing": tmp_path / "missing", "tmp": tmp_path, "bad_scheme": tmp_path / "bad.yaml",
        "huge_scheme": tmp_path / "huge.yaml",
    }
    run = tier(*(a.format(**names) for a in args))
    assert run.returncode == 1
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and message in lines[0], run.stderr
    assert "Traceback" not in run.stderr


def test_help_is_chinese():
    run = tier("--help")
    assert run.returncode == 0
    for text in ("用法：", "分层汇总", "客户明细", "问题数据", "--scheme", "--unit", "--sheet", "--out", "退出码"):
        assert text in run.stdout
    assert "usage:" not in run.stdout and "show this help" not in run.stdout


@pytest.mark.parametrize("args", [[], ["a.csv", "--unit", "美元"], ["a.csv", "--nonsense"]])
def test_wrong_command_line_exits_2_with_one_chinese_line(args):
    run = tier(*args)
    assert run.returncode == 2
    assert len(run.stderr.splitlines()) == 1 and run.stderr.startswith("错误：")


def test_tier_is_listed_by_the_main_command():
    run = subprocess.run([sys.executable, "-m", "tiering_lib"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0
    listed = [line.split()[0] for line in run.stdout.splitlines() if line.startswith("    ")]
    assert listed[:3] == ["tier", "migrate", "editions"]


def test_help_lists_every_exit_code_the_command_can_return():
    from tiering_lib.commandline import EXIT_CODES

    help_text = tier("--help").stdout
    for code, meaning in EXIT_CODES.items():
        assert f"  {code:<5}{meaning}" in help_text


def test_progress_goes_to_stderr(export, tmp_path, monkeypatch):
    monkeypatch.setattr(row_reader, "PROGRESS_EVERY", 2)
    out, err = io.StringIO(), io.StringIO()
    assert cli.tier_command([str(export), "--out", str(tmp_path / "r.xlsx")], stdout=out, stderr=err) == 0
    assert err.getvalue().splitlines() == ["已读取 2 行…", "已读取 4 行…", "已读取 5 行，正在分层并写出报告…"]
    assert out.getvalue().startswith("已写出报告")
    err = io.StringIO()
    cli.tier_command([str(export), "--quiet", "--force", "--out", str(tmp_path / "r.xlsx")], stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_long_run_shows_progress_in_a_real_process(tmp_path):
    source = make_branch_exports().large_export(tmp_path / "大.csv", 100_000)
    run = tier(str(source), "--out", str(tmp_path / "r.xlsx"))
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0] == "已读取 100,000 行…"
    assert "正在写入“客户明细”：100,000 行…" in run.stderr
    assert "接受 100,000 行，拒绝 0 行" in run.stdout


def test_a_parquet_file_goes_through_the_sql_engines(tmp_path):
    import pandas as pd

    pd.DataFrame({"customer_id": ["K1", "K2", "K3"], "balance_fen": [500_00, 2_000_000_00, None]},
                 ).astype({"balance_fen": "Int64"}).to_parquet(tmp_path / "仓库.parquet")
    for engine in ("auto", "duckdb"):
        run = tier(str(tmp_path / "仓库.parquet"), "--engine", engine, "--out", str(tmp_path / f"{engine}.xlsx"),
                   "--scheme", "suzhou_three_class")
        assert run.returncode == 0, run.stderr
        assert "读取 3 行 = 接受 2 行 + 拒绝 1 行" in run.stdout and "余额为空 1 行" in run.stdout
        summary = list(openpyxl.load_workbook(tmp_path / f"{engine}.xlsx")["分层汇总"].iter_rows(values_only=True))
        assert [r[3] for r in summary[1:4]] == [1, 0, 1]


def test_details_past_excels_limit_are_written_as_parquet_and_the_message_says_so(tmp_path, monkeypatch):
    import pandas as pd

    from tiering_lib.io import warehouse_report

    monkeypatch.setattr(warehouse_report, "DETAIL_ROW_LIMIT", 2)
    pd.DataFrame({"customer_id": ["K1", "K2", "K3"], "balance_fen": [1, 2, 3]}).to_parquet(tmp_path / "w.parquet")
    out, err = io.StringIO(), io.StringIO()
    code = cli.tier_command([str(tmp_path / "w.parquet"), "--engine", "duckdb", "--out", str(tmp_path / "r.xlsx")],
                            stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    assert (tmp_path / "r_客户明细.parquet").exists()
    assert "超过 Excel 一张工作表能放的 2 行" in out.getvalue() and "Parquet" in out.getvalue()


def test_a_branch_export_for_the_sql_engines_must_be_utf8(export, tmp_path):
    run = tier(str(export), "--engine", "duckdb", "--out", str(tmp_path / "r.xlsx"))
    assert run.returncode == 1 and "UTF-8" in run.stderr and len(run.stderr.splitlines()) == 1
