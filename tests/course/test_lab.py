"""``python -m tiering_lib lab``: the JupyterLab it plans (settings, token, workspace, culling), from any folder."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.parse

import pytest

import tiering_lib as tl
from tiering_lib.course.lab import FIRST_NOTEBOOK, lab_settings_dir, plan_lab
from tiering_lib.course.progress import WORKSPACE_ENV
from tiering_lib.course.upload import UPLOAD_LIMIT_MB


def test_the_shipped_settings_make_jupyterlab_chinese_quiet_and_cull_idle_kernels():
    overrides = json.loads((lab_settings_dir() / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    server = json.loads((lab_settings_dir() / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server["ServerApp"]["ip"] == "127.0.0.1"
    assert server["ServerApp"]["tornado_settings"]["websocket_max_message_size"] == UPLOAD_LIMIT_MB * 2**20
    cull = server["MappingKernelManager"]
    assert cull["cull_idle_timeout"] > 0 and cull["cull_interval"] > 0
    import jupyterlab_language_pack_zh_CN  # noqa: F401  (the pinned language pack is installed)


def test_plan_prepares_the_learner_workspace_and_points_jupyterlab_at_00(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = plan_lab(open_browser=False, port=None)
    assert plan.workspace == (tmp_path / "我的练习").resolve() and (plan.workspace / FIRST_NOTEBOOK).is_file()
    assert plan.env[WORKSPACE_ENV] == str(plan.workspace)
    assert plan.env["JUPYTER_TOKEN"] == plan.token and len(plan.token) >= 32
    assert plan.token not in " ".join(plan.argv)  # not visible in the process list
    assert f"--ServerApp.root_dir={plan.workspace}" in plan.argv
    assert f"--LabApp.app_settings_dir={lab_settings_dir()}" in plan.argv
    assert f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}" in plan.argv
    assert any(a.startswith("--config=") and a.endswith("jupyter_server_config") for a in plan.argv)
    url = urllib.parse.urlsplit(plan.url)
    assert url.hostname == "127.0.0.1" and urllib.parse.unquote(url.path) == f"/lab/tree/{FIRST_NOTEBOOK}"
    assert "学员版" in tl.course.lab.banner(plan) and plan.url in tl.course.lab.banner(plan)


def test_the_trainer_edition_has_its_own_workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = plan_lab(trainer=True, open_browser=False)
    assert plan.workspace.name == "讲师版" and "讲师提示" in (plan.workspace / "03_分层逻辑.ipynb").read_text(encoding="utf-8")


def test_a_port_in_use_is_refused_with_a_chinese_message(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        with pytest.raises(tl.TieringError, match="已被占用"):
            plan_lab(tmp_path / "ws", port=s.getsockname()[1], open_browser=False)


def test_help_in_chinese_from_a_folder_with_chinese_and_spaces(tmp_path):
    folder = tmp_path / "培训 资料"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-m", "tiering_lib", "lab", "--help"], cwd=folder,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0 and "用法：python -m tiering_lib lab" in result.stdout
    assert "--trainer" in result.stdout and "我的练习" in result.stdout
    assert not (folder / "我的练习").exists()  # help changes nothing
