"""``python -m tiering_lib editions``: help never touches files; a folder it did not make is never emptied."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tiering_lib", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def _previous_build(folder):
    learner = folder / "build" / "editions" / "学员版"
    learner.mkdir(parents=True)
    (learner / "00_导读.ipynb").write_text("{}", encoding="utf-8")
    return learner


def test_help_prints_help_and_changes_nothing(tmp_path):
    learner = _previous_build(tmp_path)
    result = run("editions", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "用法：python -m tiering_lib editions" in result.stdout and "--source" in result.stdout
    assert (learner / "00_导读.ipynb").read_text(encoding="utf-8") == "{}"  # not deleted, not rebuilt


def test_builds_both_editions_from_the_course(tmp_path):
    result = run("editions", "--source", str(ROOT / "notebooks"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"学员版", "讲师版"}
    assert len(list((tmp_path / "out" / "学员版").glob("*.ipynb"))) == len(list((ROOT / "notebooks").glob("*.ipynb")))


def test_a_folder_with_other_files_is_left_alone(tmp_path):
    learner = _previous_build(tmp_path)
    (learner / "我的笔记.docx").write_bytes(b"mine")
    result = run("editions", "--source", str(ROOT / "notebooks"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and "为免误删" in result.stderr and len(result.stderr.splitlines()) == 1
    assert (learner / "我的笔记.docx").read_bytes() == b"mine"


def test_a_source_without_notebooks_is_refused(tmp_path):
    result = run("editions", "--source", str(tmp_path / "空"), cwd=tmp_path)
    assert result.returncode == 1 and "这里没有笔记本" in result.stderr
    assert not (tmp_path / "build").exists()


def test_an_unknown_command_exits_2_with_one_chinese_line(tmp_path):
    result = run("editon", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["错误：命令“editon”不在可选范围内；可选：tier、migrate、editions、lab、workshop（用 --help 查看用法）"]
