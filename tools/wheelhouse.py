"""Build an offline wheelhouse: every pinned wheel a learner needs, for Windows, macOS and Linux.

Usage (``make wheelhouse``)::

    python tools/wheelhouse.py [FOLDER]        # default: build/wheelhouse

A training department copies the folder to a USB stick; on a PC without internet the pip step then is::

    pip install --no-index --find-links wheelhouse -c requirements/constraints.txt -e .

Each platform of ``tools/platforms.py`` is resolved with the exact pins of ``requirements/constraints.txt``
(environment markers evaluated for that platform) and those exact wheels are downloaded into the one folder
(a pure-Python wheel serves every platform). The folder is then checked: for every platform, every package of
its install has a compatible wheel of the pinned version. Exit status 0 when complete, 1 with what is missing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from platforms import ABI, PLATFORMS, PYTHON_VERSION, ROOT, normalize, resolve  # noqa: E402


def _supported_tags(platform: str) -> set[str]:
    """Every wheel tag (as text, e.g. ``cp311-abi3-win_amd64``) the platform's CPython accepts, as pip computes them."""
    from pip._internal.utils.compatibility_tags import get_supported

    tags: set[str] = set()
    for tag in PLATFORMS[platform].pip_tags:
        tags |= {str(t) for t in get_supported(version=ABI[2:], platforms=[tag], impl="cp", abis=[ABI])}
    return tags


def wheels_in(folder: Path) -> list[tuple[str, str, frozenset]]:
    """``(name, version, tags)`` of every wheel in ``folder``."""
    from packaging.utils import parse_wheel_filename

    out = []
    for path in folder.glob("*.whl"):
        name, version, _build, tags = parse_wheel_filename(path.name)
        out.append((normalize(name), str(version), frozenset(str(t) for t in tags)))
    return out


def missing_wheels(folder: Path, plans: dict[str, dict[str, str]] | None = None) -> dict[str, list[str]]:
    """Per platform, ``name==version`` of every package of its learner install with no usable wheel in ``folder``."""
    plans = plans or {platform: resolve(platform) for platform in PLATFORMS}
    wheels = wheels_in(folder)
    out = {}
    for platform, plan in plans.items():
        supported = _supported_tags(platform)
        out[platform] = sorted(
            f"{name}=={version}" for name, version in plan.items()
            if not any(n == name and v == version and tags & supported for n, v, tags in wheels)
        )
    return out


def download(folder: Path, platform: str, plan: dict[str, str]) -> None:
    """Download the exact wheels of ``plan`` for ``platform`` into ``folder`` (no dependency resolution)."""
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
           "--python-version", PYTHON_VERSION, "--implementation", "cp", "--abi", ABI, "-d", str(folder)]
    for tag in PLATFORMS[platform].pip_tags:
        cmd += ["--platform", tag]
    subprocess.run([*cmd, *(f"{n}=={v}" for n, v in sorted(plan.items()))], check=True)


def plan_all() -> dict[str, dict[str, str]]:
    """Every platform's learner install (name → version), resolved in parallel."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(PLATFORMS)) as pool:
        return dict(zip(PLATFORMS, pool.map(resolve, PLATFORMS)))


def build(folder: Path, plans: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """Download every platform's wheels into ``folder``; return the plans used."""
    folder.mkdir(parents=True, exist_ok=True)
    plans = plans or plan_all()
    for platform, plan in plans.items():
        print(f"{platform}：下载 {len(plan)} 个包……", flush=True)
        download(folder, platform, plan)
    return plans


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "build" / "wheelhouse"
    plans = build(folder)
    lacking = {p: names for p, names in missing_wheels(folder, plans).items() if names}
    if lacking:
        for platform, names in lacking.items():
            print(f"{platform} 缺少：{'、'.join(names)}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in folder.glob("*.whl")) / 2**20
    print(f"完成：{folder} 中有 {len(wheels_in(folder))} 个 wheel（{size:,.0f} MB），适用于 {'、'.join(PLATFORMS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
