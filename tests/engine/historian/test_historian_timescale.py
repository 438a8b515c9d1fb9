"""TimescaleDB backend: skipped unless the extension is available (it is not on our machines)."""

from __future__ import annotations

import psycopg
import pytest

from engine.historian import timescale


def _available(url: str) -> bool:
    with psycopg.connect(url) as conn:
        return timescale.available(conn)


@pytest.mark.timescale
def test_timescale_schema_and_job_health(database_url: str) -> None:
    if not _available(database_url):
        pytest.skip("TimescaleDB is not available/preloaded on this PostgreSQL server")
    with psycopg.connect(database_url) as conn:
        assert timescale.installed(conn)
        cols = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'historian' "
            "AND table_name = 'rollup_1m' ORDER BY ordinal_position"
        )]
        assert cols == ["tag_id", "bucket", "vmin", "vmax", "vsum", "vcount", "vfirst", "vlast",
                        "nbad"]
        jobs = timescale.job_health(conn)
        assert jobs, "compression, refresh and retention policies are installed"
        assert all(isinstance(j.failing, bool) for j in jobs)


def test_native_backend_here_reports_timescale_absent(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        assert not timescale.installed(conn)
        assert conn.execute(
            "SELECT watermark IS NULL FROM historian.rollup_state WHERE tier = '1m'"
        ).fetchone() == (True,)
