"""Fixtures shared by the tests: the deck's data and the built-in schemes (Agg and fonts: ../conftest.py)."""

from __future__ import annotations

import pytest

import tiering_lib as tl


@pytest.fixture(scope="session")
def suzhou_bands():
    return tl.load_suzhou_bands()


@pytest.fixture(scope="session")
def three():
    return tl.builtin_scheme("suzhou_three_class")


@pytest.fixture(scope="session")
def four():
    return tl.builtin_scheme("core_four_class")


@pytest.fixture(scope="session")
def five():
    return tl.builtin_scheme("suzhou_five_band")


@pytest.fixture(scope="session")
def pop_small(suzhou_bands):
    """The synthetic Suzhou population at 1:100 (74,395 households)."""
    return tl.synthesize_population(suzhou_bands, scale=100)



@pytest.fixture(scope="session")
def built_handouts():
    """``make handouts`` once per session (build/handouts); yields the output folder."""
    from helpers.handouts import build

    return build("handouts")


@pytest.fixture(scope="session")
def built_slides():
    """``make slides`` once per session (build/slides); yields the output folder."""
    from helpers.handouts import build

    return build("slides")
