"""Fixtures of the historian tests: real outages of a real PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import engine

from .historian_helpers import Outage, dbname

# tests/ is on sys.path (rootdir conftest), so "engine" can resolve to the namespace package
# tests/engine, and then "engine.historian" to THIS directory instead of the real package.
# Put the real package first on engine's search path (the clean fix is pytest's
# ``pythonpath = ["."]`` in pyproject.toml, which we do not own).
_REAL_ENGINE = str(Path(__file__).resolve().parents[3] / "engine")
if _REAL_ENGINE not in list(engine.__path__):
    engine.__path__ = [_REAL_ENGINE, *engine.__path__]


@pytest.fixture
def outage(pg_admin_url: str, database_url: str) -> Iterator[Outage]:
    o = Outage(pg_admin_url, database_url)
    yield o
    o.up()  # the database fixture must be able to drop it


@pytest.fixture
def dead_url(database_url: str) -> str:
    """A URL where nothing listens: connections are refused at the TCP level."""
    return "postgresql://postgres@127.0.0.1:1/" + dbname(database_url)
