"""Shared fixtures: a real PostgreSQL for every test that needs one.

Where the server comes from, in order: ``OILFIELD_TEST_DATABASE_URL``; a server answering on
127.0.0.1:5432 (CI and developer machines have one); else an embedded PostgreSQL started for the
session (``OILFIELD_TEST_DATABASE_URL=embedded`` forces that, to check the fallback). The
schema is migrated once into a template database, and each test that asks for
``database_url`` gets a fresh copy of it (CREATE DATABASE ... TEMPLATE), so tests never see each
other's rows.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings

# Property tests: ``HYPOTHESIS_PROFILE=stress`` runs 20x the examples to hunt for edge cases
# before a landing; the default profile keeps the suite's time.
settings.register_profile("stress", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Qt tests draw offscreen unless a test starts its own Xvfb for screenshots.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LOCAL_CANDIDATES = (
    "postgresql://postgres@127.0.0.1:5432/postgres",
    "postgresql://127.0.0.1:5432/postgres",
)


def _answers(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def _with_database(url: str, name: str) -> str:
    from engine.store.urls import with_database

    return with_database(url, name)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A URL to a maintenance database on a server where the tests may create databases."""
    explicit = os.environ.get("OILFIELD_TEST_DATABASE_URL")
    if explicit and explicit != "embedded":
        yield explicit
        return
    if explicit != "embedded":
        for url in LOCAL_CANDIDATES:
            if _answers(url):
                yield url
                return
    from edge_server.embedded_db import EmbeddedPostgres

    tmp = Path(tempfile.mkdtemp(prefix="oilfield-test-pg-"))
    server = EmbeddedPostgres(tmp / "pgdata")
    try:
        yield server.admin_url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def template_database(pg_admin_url: str) -> Iterator[str]:
    """A database migrated to head, used as the template of every test database."""
    from edge_server.db.migrate import upgrade

    name = f"oilfield_tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        upgrade(_with_database(pg_admin_url, name))
        yield name
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(pg_admin_url: str, template_database: str) -> Iterator[str]:
    """A fresh, migrated database for one test; dropped afterwards."""
    name = f"oilfield_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    try:
        yield _with_database(pg_admin_url, name)
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_database_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh database with no schema at all (for migration tests)."""
    name = f"oilfield_e_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(pg_admin_url, name)
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
