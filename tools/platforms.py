"""The platforms a learner's PC may be, and what a learner installs on each.

Shared by ``tools/lock.py`` (``make lock``), ``tools/wheelhouse.py`` (``make wheelhouse``) and the packaging
tests. A learner installs the project's base dependencies (``[project].dependencies`` of pyproject.toml) and
nothing of the ``test`` extra; the build backend (setuptools, pinned in ``[build-system].requires``) is needed
too, to install the project itself from its folder.

Which packages an install needs depends on the target: Windows adds ``pywinpty``, ``colorama`` and
``tzdata``, for example, through environment markers. pip evaluates markers for the machine it runs on even
with ``--platform``, so the resolution uses ``uv pip compile --python-platform``, which evaluates them for
the target; pip then downloads the exact wheels.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
PYTHON_VERSION = "3.11.5"  # the oldest Python the pins allow (soupsieve needs 3.11.5)
ABI = "cp311"
MACOS_TARGET = "12.0"  # macOS Monterey and later


class Target:
    """One platform: uv's name for it and pip's ``--platform`` tags."""

    def __init__(self, uv: str, pip_tags: tuple[str, ...]) -> None:
        self.uv, self.pip_tags = uv, pip_tags


#: pip widens ``macosx_*`` and ``manylinux2014`` tags to older compatible ones itself, not PEP 600
#: ``manylinux_2_*`` tags: those are listed (glibc 2.17 to 2.28).
PLATFORMS: dict[str, Target] = {
    "linux-x86_64": Target(
        "x86_64-manylinux_2_28",
        (*(f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)), "manylinux2014_x86_64"),
    ),
    "windows-x86_64": Target("x86_64-pc-windows-msvc", ("win_amd64",)),
    "macos-arm64": Target("aarch64-apple-darwin", ("macosx_12_0_arm64",)),
}
# Intel Macs (x86_64) are not a target: argon2-cffi-bindings 26.2.0, which JupyterLab's server needs,
# publishes no macOS x86_64 wheel (checked on PyPI, November 2026).


def normalize(name: str) -> str:
    """A distribution name in PEP 503 normal form (``Jinja2`` → ``jinja2``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def learner_requirements() -> list[str]:
    """What a learner's install asks for: the project's base dependencies and its build backend."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [*project["project"]["dependencies"], *project["build-system"]["requires"]]


def test_tools() -> list[str]:
    """The packages of the maintainers' ``test`` extra (never part of a learner's install)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [normalize(re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0]) for d in project["project"]["optional-dependencies"]["test"]]


def parse_pins(text: str) -> dict[str, str]:
    """``name==version`` lines as normalized name → version (comments and other lines ignored)."""
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==", 1)
            out[normalize(name)] = version.strip()
    return out


def pins() -> dict[str, str]:
    """``requirements/constraints.txt`` as normalized name → version."""
    return parse_pins(CONSTRAINTS.read_text(encoding="utf-8"))


def resolve(platform: str, requirements: list[str] | None = None, constraints: Path | None = CONSTRAINTS) -> dict[str, str]:
    """Every package (name → version) an install of ``requirements`` needs on ``platform``, wheels only."""
    uv = Path(sys.executable).with_name("uv")
    with tempfile.TemporaryDirectory() as tmp:
        wanted = Path(tmp) / "requirements.in"
        wanted.write_text("\n".join(requirements or learner_requirements()) + "\n", encoding="utf-8")
        cmd = [str(uv if uv.exists() else "uv"), "pip", "compile", str(wanted), "--quiet", "--no-header",
               "--no-annotate", "--no-build", "--python-version", PYTHON_VERSION,
               "--python-platform", PLATFORMS[platform].uv]
        if constraints is not None:
            cmd += ["--constraints", str(constraints)]
        env = {**os.environ, "MACOSX_DEPLOYMENT_TARGET": MACOS_TARGET}
        run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if run.returncode:
        raise RuntimeError(f"uv pip compile for {platform} failed:\n{run.stderr}")
    return parse_pins(run.stdout)
