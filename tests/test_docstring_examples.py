"""Run every docstring example in every module of tiering_lib (as QuantEcon does)."""

import doctest
import importlib
import pkgutil

import pytest

import tiering_lib


def _modules():
    names = [tiering_lib.__name__]
    names += [m.name for m in pkgutil.iter_modules(tiering_lib.__path__, tiering_lib.__name__ + ".")]
    return sorted(n for n in names if not n.endswith("__main__"))


MODULES = _modules()


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_examples_were_collected():
    finder = doctest.DocTestFinder()
    total = sum(len(t.examples) for n in MODULES for t in finder.find(importlib.import_module(n)))
    assert total >= 40, f"only {total} docstring examples found"
