"""The package's layout holds: imports point down, no cycles, no private names across subpackages, small modules.

Layers, top to bottom: the command line (``cli``, ``__main__``) → ``workshop`` (the server for a room; nothing
in the library imports it) → ``course`` → the domains ``io``, ``ccpr``,
``service`` (which do not import each other) → ``datasets`` → ``core`` → ``errors``, ``display``,
``commandline``.  Every ``tiering_lib`` import is read from the source, including imports inside functions.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

import tiering_lib as tl

PACKAGE = ROOT / "tiering_lib"
LAYERS = {"errors": 0, "display": 0, "commandline": 0, "core": 1, "datasets": 2, "io": 3, "ccpr": 3,
          "service": 3, "course": 4, "workshop": 5, "cli": 6, "__main__": 6}
MAX_MODULE_LINES = 320
MAX_FUNCTION_LINES = 65  # without the docstring


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tiering_lib"):
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append(("<relative>", [], node.lineno))
    return found


def _layer(module: str) -> tuple[int, str]:
    part = module.split(".")[1] if "." in module else ""
    return LAYERS.get(part, 9), part


@pytest.mark.parametrize("module", [m for m in MODULES if m != "tiering_lib"])
def test_imports_point_down(module):
    layer, domain = _layer(module)
    for target, names, line in _imports(MODULES[module]):
        assert target != "<relative>", f"{module}:{line} uses a relative import; use tiering_lib.…"
        target_layer, target_domain = _layer(target)
        assert target_layer <= layer, f"{module}:{line} imports {target}, a higher layer"
        if layer == target_layer == 3:
            assert target_domain == domain, f"{module}:{line}: domains {domain} and {target_domain} are peers"
        if target_domain != domain:
            private = [n for n in names if n.startswith("_")]
            assert not private, f"{module}:{line} imports private {private} from another subpackage ({target})"
            assert not any(part.startswith("_") for part in target.split(".")[1:]), f"{module}:{line}: {target}"


def test_no_import_cycles():
    graph = {m: {t for t, _, _ in _imports(p) if t in MODULES and t != m} for m, p in MODULES.items() if m != "tiering_lib"}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join([*path[path.index(nxt):], nxt]))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])


@pytest.mark.parametrize("module", list(MODULES))
def test_modules_and_functions_stay_small(module):
    source = MODULES[module].read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{module} has {len(source.splitlines())} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            length = body[-1].end_lineno - body[0].lineno + 1 if body else 0
            assert length <= MAX_FUNCTION_LINES, f"{module}.{node.name} has {length} lines"


def test_public_api_snapshot():
    expected = (ROOT / "tests" / "snapshots" / "public_api.txt").read_text(encoding="utf-8").split()
    assert sorted(tl.__all__) == expected, "the public API changed: update tests/snapshots/public_api.txt if meant"


def test_every_subpackage_name_is_defined_where_it_says():
    for package in (tl.core, tl.datasets, tl.io, tl.ccpr, tl.service, tl.course):
        for name in package.__all__:
            value = getattr(package, name)
            assert value is not None, f"{package.__name__}.{name}"


def test_nothing_finds_files_next_to_the_package():
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert "__file__" not in text, f"{module} locates files through __file__; use importlib.resources"


def test_import_loads_no_heavy_library():
    """What keeps ``import tiering_lib`` light; its time (budget 0.3 s) is measured by benchmarks/bench_import.py."""
    code = (
        "import sys; import tiering_lib; "
        "print([m for m in ('pandas', 'matplotlib', 'ipywidgets', 'pydantic', 'duckdb', 'pyspark') if m in sys.modules])"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.stdout.strip() == "[]", run.stdout + run.stderr
