"""One local Spark session for every Spark test of the run (starting one takes seconds)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def spark():
    """A local Spark session (2 cores, 127.0.0.1, no UI), stopped after the last test."""
    import tiering_lib as tl
    from tiering_lib.io.engine_spark import spark_session

    session = spark_session("local[2]")
    yield session
    tl.stop_spark()
