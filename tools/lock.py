"""Refresh ``requirements/constraints.txt``: the exact version of every package, for every platform.

Usage (``make lock``, after changing dependencies in pyproject.toml)::

    python tools/lock.py

1. A fresh virtual environment on this machine installs the project with every extra; ``pip freeze`` gives
   the tested versions (CI runs on Linux).
2. For each learner platform of ``tools/platforms.py`` the learner install is resolved with those pins as
   constraints; packages only that platform needs (``pywinpty`` on Windows, ``appnope`` on macOS …) are added
   with the version the resolver picks.
The result pins everything any platform installs, so a learner gets what CI tests, wherever they are.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from platforms import CONSTRAINTS, PLATFORMS, ROOT, normalize, parse_pins, resolve  # noqa: E402

HEADER = "# Exact versions of every package, for every platform: made by `make lock` (tools/lock.py); do not edit.\n"


def _frozen() -> dict[str, str]:
    extras = ",".join(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip"]
        subprocess.run([*pip, "install", "--quiet", "-e", f"{ROOT}[{extras}]"], check=True)
        text = subprocess.run([*pip, "freeze", "--exclude-editable"], check=True, capture_output=True, text=True).stdout
    return parse_pins(text)


def main() -> int:
    pins = _frozen()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["build-system"]["requires"]:
        name, _, version = requirement.partition("==")
        pins[normalize(name)] = version
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "constraints.txt"
        base.write_text("".join(f"{n}=={v}\n" for n, v in sorted(pins.items())), encoding="utf-8")
        for platform in PLATFORMS:
            for name, version in resolve(platform, constraints=base).items():
                if name not in pins:
                    print(f"{platform}: {name}=={version}")
                    pins[name] = version
    CONSTRAINTS.write_text(HEADER + "".join(f"{n}=={v}\n" for n, v in sorted(pins.items())), encoding="utf-8")
    print(f"{CONSTRAINTS.relative_to(ROOT)}: {len(pins)} packages")
    return 0


if __name__ == "__main__":
    if shutil.which("uv") is None and not Path(sys.executable).with_name("uv").exists():
        sys.exit("make lock needs uv (pip install -e '.[test]')")
    sys.exit(main())
