"""Shared by every test, doctest and notebook check: the Agg backend and the bundled Chinese font.

Doctests run from ``tiering_lib/`` and tests from ``tests/``, so this file sits above both.
Data fixtures shared by the tests are in ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import tempfile

import matplotlib

matplotlib.use("Agg")

# Self-check results (tl.check, exercise widgets) are saved in the learner's workspace. The notebooks' kernels
# (nbval) get an empty one that nothing else writes to, set before any kernel starts, so stored outputs never
# depend on anyone's progress; every test gets a fresh one of its own (fixture below).
os.environ["TIERING_WORKSPACE"] = tempfile.mkdtemp(prefix="tiering-test-workspace-")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def chinese_fonts():
    """Every chart of every test is drawn with the bundled font (a missing glyph is an error)."""
    import tiering_lib as tl

    tl.use_chinese_fonts()


@pytest.fixture(autouse=True)
def own_progress(monkeypatch, tmp_path_factory):
    """Progress saved by a test goes to a workspace of its own, never to the notebooks' one."""
    monkeypatch.setenv("TIERING_WORKSPACE", str(tmp_path_factory.mktemp("progress")))


@pytest.fixture(autouse=True)
def close_figures():
    """No figure outlives the test that drew it."""
    yield
    plt.close("all")
