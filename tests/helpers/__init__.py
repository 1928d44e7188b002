"""Helpers shared by the tests (not tests themselves): hand-made books, export files, plot rendering."""

from pathlib import Path

#: The repository's root folder (the tests read its source files: notebooks, case files, pyproject).
ROOT = Path(__file__).resolve().parents[2]
