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


def _pyproject_packages() -> set[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(meta["dependencies"]) + [d for extra in meta["optional-dependencies"].values() for d in extra]
    return {_norm(re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0]) for d in names}


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[_norm(name)] = version.strip()
    return pins


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            if name not in ("python", "pip"):
                out[_norm(name)] = version
        else:  # packages conda-forge lacks come from PyPI, pinned with ==
            for pinned in (d for d in dep.get("pip", []) if "==" in d):
                name, version = pinned.split("==", 1)
                out[_norm(name)] = version
    return out


def test_environment_yml_declares_the_same_packages_as_pyproject():
    assert set(_environment()) == _pyproject_packages()


def test_every_declared_package_is_pinned_and_environment_yml_uses_the_same_versions():
    pins = _constraints()
    for name, version in _environment().items():
        assert name in pins, f"{name} is not pinned in requirements/constraints.txt"
        assert version == pins[name], f"{name}: environment.yml {version} != constraints {pins[name]}"


def test_environment_yml_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert "-e ." in pip


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
