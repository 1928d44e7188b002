"""Shared by the plot tests: render a figure with every warning an error (a missing glyph fails)."""

from __future__ import annotations

import io
import warnings


def render(ax) -> bytes:
    """PNG bytes of the Axes' figure; "Glyph ... missing from font" (a UserWarning) raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        buf = io.BytesIO()
        ax.figure.savefig(buf, format="png")
    return buf.getvalue()
