"""Shared bench helpers: a throwaway, migrated database on the bench server."""

from __future__ import annotations

import os
import statistics
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from edge_server.db.migrate import upgrade
from engine.store.urls import libpq_url, with_database

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    return libpq_url(os.environ.get("OILFIELD_BENCH_DATABASE_URL", DEFAULT_URL))


@contextmanager
def throwaway_database(prefix: str) -> Iterator[str]:
    """Create a database, migrate it to head, yield its URL, drop it (even on failure)."""
    admin = admin_url()
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = with_database(admin, name)
    try:
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def p95(samples: list[float]) -> float:
    """95th percentile (inclusive method: fine for 20 samples)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]
