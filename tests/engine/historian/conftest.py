"""Fixtures of the historian tests: real outages of a real PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .historian_helpers import Outage, dbname


@pytest.fixture
def outage(pg_admin_url: str, database_url: str) -> Iterator[Outage]:
    o = Outage(pg_admin_url, database_url)
    yield o
    o.up()  # the database fixture must be able to drop it


@pytest.fixture
def dead_url(database_url: str) -> str:
    """A URL where nothing listens: connections are refused at the TCP level."""
    return "postgresql://postgres@127.0.0.1:1/" + dbname(database_url)
