"""The workshop command: Chinese help, and a clear Chinese sentence when it cannot start."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

import pytest

from tiering_lib.cli import main
from tiering_lib.workshop.server import leftovers, port_is_free, readable_by_everyone
from tiering_lib.workshop.singleuser import is_trainer, workspace_for


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue() + err.getvalue()


def test_the_help_is_chinese_and_lists_every_step(capsys):
    code, _ = _run("workshop", "--help")
    text = capsys.readouterr().out
    assert code == 0
    for step in ("start", "stop", "accounts", "remove-accounts"):
        assert step in text
    assert "浏览器" in text and "root" in text
    code, _ = _run("workshop", "start", "--help")
    text = capsys.readouterr().out
    assert code == 0 and "默认 127.0.0.1" in text and text.count("用法") == 1


def test_without_root_the_workshop_says_so_in_chinese(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    code, text = _run("workshop", "start", "--state", str(tmp_path))
    assert code == 1 and "需要 root 权限" in text and "sudo make workshop" in text
    code, text = _run("workshop", "accounts", "--count", "3", "--state", str(tmp_path))
    assert code == 1 and "root" in text


def test_a_taken_port_is_named_with_a_free_one_to_try(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)
        code, text = _run("workshop", "start", "--port", str(port), "--state", str(tmp_path / "s"))
    assert code == 1 and f"端口 {port}" in text and "已被占用" in text and f"PORT={port + 1}" in text


def test_a_python_under_a_private_folder_is_refused():
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp())  # under /tmp, which every account can enter
    try:
        os.chmod(top, 0o755)
        private = top / "root-only"
        private.mkdir(mode=0o700)
        (private / "python").write_text("")
        assert readable_by_everyone(private / "python") == private
        os.chmod(private, 0o755)
        assert readable_by_everyone(private / "python") == private / "python"  # not executable by others
        os.chmod(private / "python", 0o755)
        assert readable_by_everyone(private / "python") is None
    finally:
        shutil.rmtree(top)


def test_learners_and_trainers_get_their_own_edition_folder():
    assert workspace_for(Path("/home/learner01"), False) == Path("/home/learner01/我的练习")
    assert workspace_for(Path("/home/trainer"), True) == Path("/home/trainer/讲师版")
    assert is_trainer([]) is False


def test_nothing_is_left_of_a_workshop_that_never_ran(tmp_path):
    assert leftovers(tmp_path) == []
    code, text = _run("workshop", "stop", "--state", str(tmp_path)) if os.geteuid() == 0 else (0, "工作坊没有在运行")
    assert code == 0 and "工作坊没有在运行" in text


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root")
def test_removing_accounts_asks_for_confirmation(tmp_path):
    code, text = _run("workshop", "remove-accounts", "--state", str(tmp_path))
    assert code == 1 and "--yes" in text


def test_each_learners_server_gets_the_same_settings_as_make_lab_including_kernel_culling():
    import json

    from tiering_lib.course.lab import lab_settings_dir
    from tiering_lib.workshop.singleuser import singleuser_command

    cmd = singleuser_command(Path("/home/learner01/我的练习"), [], {})
    assert f"--config={lab_settings_dir() / 'jupyter_server_config'}" in cmd
    assert f"--LabApp.app_settings_dir={lab_settings_dir()}" in cmd
    assert "--ServerApp.root_dir=/home/learner01/我的练习" in cmd
    assert not any("cull_idle_timeout" in a for a in cmd)  # the shipped file's value applies
    culling = json.loads((lab_settings_dir() / "jupyter_server_config.json").read_text())["MappingKernelManager"]
    assert culling["cull_idle_timeout"] == 1800 and culling["cull_connected"] is True
