"""Migrations 0002/0003, run-time partitions and retention by dropping whole partitions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import psycopg

from edge_server.db.migrate import upgrade
from engine.historian.partitions import (
    RAW,
    ROLLUP_1H,
    ROLLUP_1M,
    ROLLUP_10M,
    PartitionCache,
    RetentionPolicy,
    drop_expired,
    ensure_ahead,
    list_partitions,
)


def test_migration_creates_partitioned_tables_and_downgrades(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    with psycopg.connect(empty_database_url) as conn:
        kinds: dict[str, str] = dict(conn.execute(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'historian'"
        ).fetchall())
        brin = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'historian' "
            "AND indexname = 'samples_ts_brin'"
        ).fetchone()
    assert kinds["samples"] == kinds["rollup_1m"] == kinds["rollup_10m"] == kinds["rollup_1h"]
    assert kinds["rollup_1h"] == "p"
    assert kinds["rollup_state"] == kinds["rollup_dirty"] == "r"
    assert brin is not None and "brin" in brin[0]
    from alembic import command

    from edge_server.db.migrate import alembic_config

    cfg = alembic_config(empty_database_url)
    with psycopg.connect(empty_database_url, autocommit=True) as conn:
        ensure_ahead(conn, datetime(2026, 11, 22, tzinfo=UTC), days_ahead=0)
    command.downgrade(cfg, "0002")  # removes the 10-minute tier, its partitions and state
    with psycopg.connect(empty_database_url) as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'historian' AND c.relname LIKE 'rollup_10m%'"
        ).fetchone() == (0,)
        assert [r[0] for r in conn.execute(
            "SELECT tier FROM historian.rollup_state ORDER BY tier")] == ["1h", "1m"]
    command.upgrade(cfg, "0003")
    with psycopg.connect(empty_database_url) as conn:
        assert conn.execute(
            "SELECT tier, watermark FROM historian.rollup_state ORDER BY tier").fetchall() == [
            ("10m", None), ("1h", None), ("1m", None)]
    command.downgrade(cfg, "0001")
    with psycopg.connect(empty_database_url) as conn:
        assert conn.execute(
            "SELECT 1 FROM pg_namespace WHERE nspname = 'historian'"
        ).fetchone() is None
    upgrade(empty_database_url)


def test_partition_units_per_tier(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        ensure_ahead(conn, datetime(2026, 12, 31, 12, tzinfo=UTC), days_ahead=1)
        tiers = (RAW, ROLLUP_1M, ROLLUP_10M, ROLLUP_1H)
        names = {t.table: [p[0] for p in list_partitions(conn, t)] for t in tiers}
        assert names == {
            "samples": ["samples_20261231", "samples_20270101"],
            "rollup_1m": ["rollup_1m_202612", "rollup_1m_202701"],
            "rollup_10m": ["rollup_10m_202612", "rollup_10m_202701"],
            "rollup_1h": ["rollup_1h_2026", "rollup_1h_2027"],
        }
        bounds = conn.execute(
            "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'rollup_1m_202612'"
        ).fetchone()
    assert bounds is not None
    assert "2026-12-01 00:00:00+00" in bounds[0] and "2027-01-01 00:00:00+00" in bounds[0]


def test_retention_drops_only_whole_expired_partitions(database_url: str) -> None:
    now = datetime(2026, 11, 22, 10, tzinfo=UTC)
    today = now.date()
    cache = PartitionCache()
    with psycopg.connect(database_url, autocommit=True) as conn:
        days = [today - timedelta(days=d) for d in (500, 401, 400, 399, 0)]
        cache.ensure_days(conn, RAW, days)
        cache.ensure_days(conn, ROLLUP_1M, [date(2020, 1, 5), date(2025, 1, 1)])
        cache.ensure_days(conn, ROLLUP_10M, [date(2023, 10, 5), date(2023, 11, 30)])
        cache.ensure_days(conn, ROLLUP_1H, [date(2001, 1, 1)])
        conn.execute("INSERT INTO historian.samples VALUES (1, %s, 1.0, 0)",
                     (datetime.combine(today - timedelta(days=399), datetime.min.time(), UTC),))
        dropped = drop_expired(conn, now, RetentionPolicy(raw_days=400, rollup_1m_days=5 * 365,
                                                          rollup_10m_days=3 * 365))
        left = [p[1] for p in list_partitions(conn, RAW)]
        count = conn.execute("SELECT count(*) FROM historian.samples").fetchone()
    # day D is dropped when all of it is older than now - 400 d: upper bound <= today - 400
    assert sorted(dropped) == sorted([
        f"samples_{today - timedelta(days=500):%Y%m%d}",
        f"samples_{today - timedelta(days=401):%Y%m%d}",
        "rollup_1m_202001",
        "rollup_10m_202310",  # ends 2023-11-01 <= 2026-11-22 - 1095 d = 2023-11-23
    ])
    assert left == [today - timedelta(days=d) for d in (400, 399, 0)]
    assert count == (1,)
