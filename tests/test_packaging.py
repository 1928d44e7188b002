"""The project's own files declare everything: pyproject, constraints and environment.yml agree."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from helpers import ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


#: Extras the conda route for trainers installs (the "spark" extra is for data teams and CI).
CONDA_EXTRAS = ("test",)


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


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            if name not in ("python", "pip"):
                out[_norm(name)] = version
    return out


def test_environment_yml_declares_the_same_packages_as_pyproject():
    assert set(_environment()) == _pyproject_packages(CONDA_EXTRAS)


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
