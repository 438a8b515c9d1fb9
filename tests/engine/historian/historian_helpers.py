"""Shared helpers of the historian tests (imported by name: this directory is on sys.path)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import numpy as np
import psycopg
from psycopg.conninfo import conninfo_to_dict

BASE = datetime(2026, 11, 20, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def us(ts: datetime) -> int:
    return (ts - EPOCH) // timedelta(microseconds=1)


def dbname(url: str) -> str:
    return str(conninfo_to_dict(url)["dbname"])


class Outage:
    """Makes one database refuse connections for real and kills its sessions."""

    def __init__(self, admin_url: str, url: str) -> None:
        self.admin_url = admin_url
        self.name = dbname(url)

    def down(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false')
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.name,),
            )

    def up(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true')


def make_rows(
    n_tags: int, seconds: int, *, start: datetime = BASE, step_s: float = 1.0, seed: int = 1,
    bad_fraction: float = 0.1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A scan of ``n_tags`` every ``step_s`` for ``seconds``: some bad, some NULL values."""
    rng = np.random.default_rng(seed)
    steps = int(seconds / step_s)
    ts = np.repeat(us(start) + (np.arange(steps) * step_s * 1e6).astype(np.int64), n_tags)
    tags = np.tile(np.arange(1, n_tags + 1, dtype=np.int32), steps)
    values = rng.normal(50.0, 20.0, len(ts))
    qualities = np.where(rng.random(len(ts)) < bad_fraction, rng.integers(1, 5, len(ts)), 0)
    values[(qualities >= 3) & (rng.random(len(ts)) < 0.7)] = np.nan
    return tags, ts, values, qualities.astype(np.int16)


def count_rows(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM historian.samples").fetchone()
        assert row is not None
        return int(row[0])


def wait_until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")
