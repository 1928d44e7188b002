"""The project's own files declare everything: pyproject, constraints and environment.yml agree."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from helpers import ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


#: Extras the conda route for trainers installs (the "spark" extra is for data teams and CI).

def _pyproject_packages(extras: tuple[str, ...] | None = None) -> set[str]:
    """Packages of the dependencies and of ``extras`` (all extras by default)."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = meta["optional-dependencies"]
    names = list(meta["dependencies"]) + [d for e in (extras or optional) for d in optional[e]]
    return {_norm(re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0]) for d in names}


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[_norm(name)] = version.strip()
    return pins


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_conda_supplies_only_python_and_pip():
    conda = [d for d in _environment()["dependencies"] if isinstance(d, str)]
    assert conda == ["python>=3.11.5,<3.12", "pip"]


def test_the_pip_step_installs_the_project_with_the_tested_pins_and_no_test_tools():
    (pip,) = [d["pip"] for d in _environment()["dependencies"] if isinstance(d, dict)]
    assert pip == ["-c requirements/constraints.txt", "-e ."]


def test_every_declared_package_is_pinned():
    pins = _constraints()
    for name in _pyproject_packages():
        assert name in pins, f"{name} is not pinned in requirements/constraints.txt"


def test_installed_versions_match_the_constraints():
    from importlib.metadata import version

    pins = _constraints()
    for name in _pyproject_packages():
        assert version(name) == pins[name], name


def test_import_is_light_and_changes_no_global_state():
    code = (
        "import sys, matplotlib as mpl; before = dict(mpl.rcParams); "
        "import tiering_lib; "
        "assert not {'pandas', 'ipywidgets'} & set(sys.modules), sorted({'pandas','ipywidgets'} & set(sys.modules)); "
        "assert dict(mpl.rcParams) == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    code = "import sys, tiering_lib; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_public_name_resolves():
    import tiering_lib as tl

    missing = [n for n in tl.__all__ if not hasattr(tl, n)]
    assert not missing
    assert len(set(tl.__all__)) == len(tl.__all__)


def test_data_files_are_packaged():
    from importlib import resources

    names = {p.name for p in resources.files("tiering_lib.datasets.data").iterdir()}
    assert {"suzhou_2012_02_bands.csv", "suzhou_2012_02_classes.csv", "README.md"} <= names
    font = resources.files("tiering_lib").joinpath("fonts", "NotoSansSC-Regular.otf")
    assert font.is_file() and (ROOT / "tiering_lib" / "fonts" / "OFL.txt").is_file()


@pytest.mark.slow
def test_the_wheel_works_installed_outside_the_repository(tmp_path):
    """Build the wheel, install it alone into a fresh environment, and use it from a folder outside the checkout."""
    import sysconfig

    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = dist.glob("tiering_lib-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    # The dependencies (numpy, pandas …) come from this environment's site-packages, but not its editable
    # tiering_lib: a path listed in a .pth file is added as it is, its own .pth files are not processed.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    work = tmp_path / "分行 数据"
    work.mkdir()
    (work / "导出.csv").write_bytes("客户号,余额\nK1,500\nK2,300000\n".encode("gbk"))
    run = subprocess.run([str(python), "-m", "tiering_lib", "tier", "导出.csv", "--out", "报告.xlsx"],
                         capture_output=True, text=True, cwd=work, timeout=300)
    assert run.returncode == 0, run.stderr
    assert (work / "报告.xlsx").is_file()
    check = (
        "import tiering_lib as tl; from tiering_lib.course.agenda import chapter_notebooks; "
        "print(tl.__file__); print(len(tl.load_cases()), len(chapter_notebooks()), tl.load_suzhou_bands().total_households); "
        "print(tl.chinese_font_path().is_file())"
    )
    run = subprocess.run([str(python), "-c", check], capture_output=True, text=True, cwd=work, timeout=300)
    assert run.returncode == 0, run.stderr
    location, counts, font = run.stdout.splitlines()
    assert Path(location).is_relative_to(venv), location
    cases, chapters, households = (int(x) for x in counts.split())
    assert cases == len(list((ROOT / "casestudies").glob("*.yaml")))
    assert chapters == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    assert households == 7_439_432 and font == "True"


def _tool(name: str):
    """A script of ``tools/``, imported as a module."""
    import importlib.util

    sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def learner_installs():
    """What a learner's install holds on each target platform, resolved with that platform's markers."""
    return _tool("wheelhouse").plan_all()


@pytest.mark.slow
def test_every_package_a_learner_installs_is_pinned_on_every_platform(learner_installs):
    pins = _tool("platforms").pins()
    assert set(learner_installs) == {"linux-x86_64", "windows-x86_64", "macos-arm64"}
    for platform, install in learner_installs.items():
        unpinned = sorted(f"{n}=={v}" for n, v in install.items() if pins.get(n) != v)
        assert not unpinned, f"{platform}: not pinned in requirements/constraints.txt: {unpinned}"
    assert "pywinpty" in learner_installs["windows-x86_64"]  # markers were evaluated for the target
    assert "appnope" in learner_installs["macos-arm64"] and "appnope" not in learner_installs["linux-x86_64"]


@pytest.mark.slow
def test_a_learner_installs_no_test_tools(learner_installs):
    tools = set(_tool("platforms").test_tools())
    assert {"pytest", "nbval", "hypothesis", "playwright"} <= tools
    for platform, install in learner_installs.items():
        assert not tools & set(install), f"{platform}: {sorted(tools & set(install))}"


@pytest.mark.slow
def test_the_wheelhouse_holds_a_wheel_for_every_pinned_package_on_each_platform(learner_installs, tmp_path):
    wheelhouse = _tool("wheelhouse")
    wheelhouse.build(tmp_path, learner_installs)
    assert wheelhouse.missing_wheels(tmp_path, learner_installs) == {p: [] for p in learner_installs}
    # the check can fail: without its Windows-only wheel the folder no longer serves Windows
    (pywinpty,) = tmp_path.glob("pywinpty-*.whl")
    pywinpty.unlink()
    missing = wheelhouse.missing_wheels(tmp_path, learner_installs)
    assert missing["windows-x86_64"] == [f"pywinpty=={learner_installs['windows-x86_64']['pywinpty']}"]
    assert missing["linux-x86_64"] == missing["macos-arm64"] == []


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_the_conda_pip_step_gives_the_tested_environment_and_serves_00(tmp_path):
    """Run environment.yml's pip lines as conda would (a requirements file beside environment.yml, pip run in that
    folder), in a fresh environment, from a folder whose path has Chinese characters and spaces; then start the
    learner's lab headless and fetch 00_导读."""
    import json
    import re
    import shutil
    import time
    import urllib.request

    project = tmp_path / "培训 资料" / "客户分层 工作手册"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project / name)
    pip_lines = [d for d in _environment()["dependencies"] if isinstance(d, dict)][0]["pip"]
    (project / "condaenv.requirements.txt").write_text("\n".join(pip_lines) + "\n", encoding="utf-8")
    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-U", "-r", "condaenv.requirements.txt"],
                   cwd=project, check=True, timeout=1200)
    listed = json.loads(subprocess.run([str(python), "-m", "pip", "list", "--format", "json", "--exclude-editable"],
                                       capture_output=True, text=True, check=True).stdout)
    pins = _constraints()
    installed = {_norm(d["name"]): d["version"] for d in listed if _norm(d["name"]) not in ("pip", "setuptools", "wheel")}
    assert {n: v for n, v in installed.items() if pins.get(n) != v} == {}, "installed but not at the tested pin"
    assert not {"pytest", "nbval", "hypothesis", "playwright"} & set(installed), "a learner installs no test tools"
    port = _free_port()
    lab = subprocess.Popen([str(python), "-m", "tiering_lib", "lab", "--no-browser", "--port", str(port),
                            "--workspace", str(tmp_path / "我的 练习")], cwd=project, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    try:
        deadline, output = time.time() + 180, ""
        while "token=" not in output and time.time() < deadline and lab.poll() is None:
            output += lab.stdout.readline()
        token = re.search(r"token=([0-9a-f]+)", output).group(1)
        url = f"http://127.0.0.1:{port}/api/contents/00_%E5%AF%BC%E8%AF%BB.ipynb?token={token}"
        notebook = json.loads(urllib.request.urlopen(url, timeout=30).read())
        assert notebook["name"] == "00_导读.ipynb"
        assert notebook["content"]["cells"][0]["source"].startswith("# 00 导读")
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/tree/00_导读.ipynb?token={token}".replace(
            "00_导读", "00_%E5%AF%BC%E8%AF%BB"), timeout=30)
        assert page.status == 200
    finally:
        lab.terminate()
        lab.wait(timeout=60)
