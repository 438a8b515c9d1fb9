"""Historian: partitioned raw samples, 1-minute and 1-hour rollups, rollup bookkeeping.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

The DDL is written out here, not imported from the engine, so this revision keeps creating
exactly the same schema however ``engine.historian`` evolves later. Partitions themselves are
created at run time by the engine (``engine.historian.partitions``); none are created here.

Two backends, chosen once, here:
- native PostgreSQL declarative partitioning (the default, and the only one tested here);
- TimescaleDB, when the extension is both available and preloaded, unless
  ``OILFIELD_HISTORIAN_BACKEND=native``. It exposes the same relation and column names (the
  rollups become continuous aggregates) so the query layer reads both the same way.
"""

import os

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Shared by both backends: the watermark row per tier and the late-data queue.
# watermark = end of the last bucket the tier holds completely (NULL: nothing rolled up yet;
# 'infinity': maintained by TimescaleDB continuous aggregates in real-time mode).
STATE_DDL = """
CREATE TABLE historian.rollup_state (
    tier text PRIMARY KEY CHECK (tier IN ('1m', '1h')),
    watermark timestamptz
);
INSERT INTO historian.rollup_state (tier, watermark) VALUES ('1m', NULL), ('1h', NULL);
CREATE TABLE historian.rollup_dirty (
    id bigserial PRIMARY KEY,
    range_start timestamptz NOT NULL,
    range_end timestamptz NOT NULL,
    marked_at timestamptz NOT NULL DEFAULT now(),
    CHECK (range_start <= range_end)
);
"""

NATIVE_DDL = """
CREATE TABLE historian.samples (
    tag_id int4 NOT NULL,
    ts timestamptz NOT NULL,
    value float8,
    quality int2 NOT NULL,
    PRIMARY KEY (tag_id, ts)
) PARTITION BY RANGE (ts);
CREATE INDEX samples_ts_brin ON historian.samples USING brin (ts);
CREATE TABLE historian.rollup_1m (
    tag_id int4 NOT NULL,
    bucket timestamptz NOT NULL,
    vmin float8, vmax float8, vsum float8,
    vcount int4 NOT NULL, vfirst float8, vlast float8, nbad int4 NOT NULL,
    PRIMARY KEY (tag_id, bucket)
) PARTITION BY RANGE (bucket);
CREATE TABLE historian.rollup_1h (
    tag_id int4 NOT NULL,
    bucket timestamptz NOT NULL,
    vmin float8, vmax float8, vsum float8,
    vcount int4 NOT NULL, vfirst float8, vlast float8, nbad int4 NOT NULL,
    PRIMARY KEY (tag_id, bucket)
) PARTITION BY RANGE (bucket);
"""

# Untested here (no TimescaleDB on the build machines). Policies are installed but the engine
# checks timescaledb_information.job_stats (engine.historian.timescale.job_health) because
# background jobs are known to fail on some PostgreSQL minor releases. The retention intervals
# below are only the initial ones: the engine's hourly storage job replaces them with the
# configured historian.retention.* (engine.historian.backend.maintain_storage), and it never
# creates partitions on this schema (samples is a hypertable, not a partitioned table).
TIMESCALE_DDL = """
CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE historian.samples (
    tag_id int4 NOT NULL,
    ts timestamptz NOT NULL,
    value float8,
    quality int2 NOT NULL,
    PRIMARY KEY (tag_id, ts)
);
SELECT create_hypertable('historian.samples', 'ts', chunk_time_interval => interval '1 day');
ALTER TABLE historian.samples SET (
    timescaledb.compress, timescaledb.compress_segmentby = 'tag_id',
    timescaledb.compress_orderby = 'ts'
);
SELECT add_compression_policy('historian.samples', interval '7 days');
SELECT add_retention_policy('historian.samples', interval '400 days');
CREATE MATERIALIZED VIEW historian.rollup_1m WITH (timescaledb.continuous) AS
SELECT tag_id, time_bucket(interval '1 minute', ts) AS bucket,
    min(value) FILTER (WHERE quality = 0) AS vmin,
    max(value) FILTER (WHERE quality = 0) AS vmax,
    sum(value) FILTER (WHERE quality = 0) AS vsum,
    count(value) FILTER (WHERE quality = 0)::int4 AS vcount,
    first(value, ts) FILTER (WHERE quality = 0 AND value IS NOT NULL) AS vfirst,
    last(value, ts) FILTER (WHERE quality = 0 AND value IS NOT NULL) AS vlast,
    (count(*) - count(value) FILTER (WHERE quality = 0))::int4 AS nbad
FROM historian.samples GROUP BY tag_id, bucket WITH NO DATA;
ALTER MATERIALIZED VIEW historian.rollup_1m SET (timescaledb.materialized_only = false);
SELECT add_continuous_aggregate_policy('historian.rollup_1m',
    start_offset => interval '3 days', end_offset => interval '1 minute',
    schedule_interval => interval '1 minute');
SELECT add_retention_policy('historian.rollup_1m', interval '1825 days');
CREATE MATERIALIZED VIEW historian.rollup_1h WITH (timescaledb.continuous) AS
SELECT tag_id, time_bucket(interval '1 hour', bucket) AS bucket,
    min(vmin) AS vmin, max(vmax) AS vmax, sum(vsum) AS vsum, sum(vcount)::int4 AS vcount,
    first(vfirst, bucket) AS vfirst, last(vlast, bucket) AS vlast, sum(nbad)::int4 AS nbad
FROM historian.rollup_1m GROUP BY tag_id, time_bucket(interval '1 hour', bucket) WITH NO DATA;
ALTER MATERIALIZED VIEW historian.rollup_1h SET (timescaledb.materialized_only = false);
SELECT add_continuous_aggregate_policy('historian.rollup_1h',
    start_offset => interval '7 days', end_offset => interval '1 hour',
    schedule_interval => interval '15 minutes');
UPDATE historian.rollup_state SET watermark = 'infinity';
"""


def _timescale_wanted() -> bool:
    if os.environ.get("OILFIELD_HISTORIAN_BACKEND", "").lower() == "native":
        return False
    bind = op.get_bind()
    available = bind.exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'"
    ).first()
    preloaded = bind.exec_driver_sql(
        "SELECT position('timescaledb' IN current_setting('shared_preload_libraries')) > 0"
    ).scalar()
    return bool(available and preloaded)


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS historian")
    op.execute(STATE_DDL)
    op.execute(TIMESCALE_DDL if _timescale_wanted() else NATIVE_DDL)


def downgrade() -> None:
    op.execute("DROP SCHEMA historian CASCADE")
