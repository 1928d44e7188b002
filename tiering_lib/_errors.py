"""The library's own exception types.

Every error the library raises on bad input is a :class:`TieringError`, so a
caller (a notebook, the command line) can catch one type and show its message,
which always names the tier, file, row or column at fault and what to do.
"""

from __future__ import annotations

__all__ = ["TieringError", "SchemeError", "DataError"]


class TieringError(ValueError):
    """Base class of every error raised by ``tiering_lib`` on bad input."""


class SchemeError(TieringError):
    """A tier scheme is malformed (gap, overlap, duplicate code, bad bound...)."""


class DataError(TieringError):
    """Input data cannot be used (negative balance, bad band table, ...)."""
