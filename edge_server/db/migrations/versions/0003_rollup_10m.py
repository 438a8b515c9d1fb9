"""Historian: a 10-minute rollup tier between the 1-minute and the 1-hour tiers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Why: a 30-day, 1,000-point trend read ~43,000 1-minute rows and spent most of its time binning
and aggregating them (p95 ~60 ms). With a 10-minute tier it reads ~4,320 rows. Industrial
historians use the same ladder (raw -> 1 min -> 10 min -> 1 h).

As in 0002 the DDL is written out here (not imported from ``engine``) so this revision keeps
creating exactly this schema however the engine evolves. Partitions (one per UTC month, like
``rollup_1m``) are created at run time by the engine.

The watermark of the new tier starts NULL: on an existing installation the rollup maintainer
backfills it from ``rollup_1m`` and until then trends read the 1-minute tier where they would
read the 10-minute one.

Backend: this revision follows the choice 0002 made for this database instead of asking again
(the extension could have become available since): 0002 set the watermarks to 'infinity' if and
only if it built the TimescaleDB schema.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The CHECK of 0002 lists the tiers by name; widen it to admit '10m'.
STATE_UP = """
ALTER TABLE historian.rollup_state DROP CONSTRAINT IF EXISTS rollup_state_tier_check;
ALTER TABLE historian.rollup_state ADD CONSTRAINT rollup_state_tier_check
    CHECK (tier IN ('1m', '10m', '1h'));
INSERT INTO historian.rollup_state (tier, watermark)
SELECT '10m', CASE WHEN bool_or(watermark = 'infinity') THEN 'infinity'::timestamptz END
FROM historian.rollup_state;
"""
STATE_DOWN = """
DELETE FROM historian.rollup_state WHERE tier = '10m';
ALTER TABLE historian.rollup_state DROP CONSTRAINT IF EXISTS rollup_state_tier_check;
ALTER TABLE historian.rollup_state ADD CONSTRAINT rollup_state_tier_check
    CHECK (tier IN ('1m', '1h'));
"""

NATIVE_UP = """
CREATE TABLE historian.rollup_10m (
    tag_id int4 NOT NULL,
    bucket timestamptz NOT NULL,
    vmin float8, vmax float8, vsum float8,
    vcount int4 NOT NULL, vfirst float8, vlast float8, nbad int4 NOT NULL,
    PRIMARY KEY (tag_id, bucket)
) PARTITION BY RANGE (bucket);
"""
NATIVE_DOWN = "DROP TABLE IF EXISTS historian.rollup_10m CASCADE"

# --- TimescaleDB only: UNTESTED HERE (no TimescaleDB on the build machines). ---------------
# Same shape as 0002's hierarchical aggregates: 10 min on top of the 1-minute aggregate, with
# real-time aggregation (so the 'infinity' watermark stays true) and a 3-year retention (the
# initial one: the engine applies historian.retention.rollup_10m_days over it).
# rollup_1h keeps reading rollup_1m there: re-parenting an existing continuous aggregate
# would mean dropping and re-materialising it.
TIMESCALE_UP = """
CREATE MATERIALIZED VIEW historian.rollup_10m WITH (timescaledb.continuous) AS
SELECT tag_id, time_bucket(interval '10 minutes', bucket) AS bucket,
    min(vmin) AS vmin, max(vmax) AS vmax, sum(vsum) AS vsum, sum(vcount)::int4 AS vcount,
    first(vfirst, bucket) AS vfirst, last(vlast, bucket) AS vlast, sum(nbad)::int4 AS nbad
FROM historian.rollup_1m
GROUP BY tag_id, time_bucket(interval '10 minutes', bucket) WITH NO DATA;
ALTER MATERIALIZED VIEW historian.rollup_10m SET (timescaledb.materialized_only = false);
SELECT add_continuous_aggregate_policy('historian.rollup_10m',
    start_offset => interval '3 days', end_offset => interval '10 minutes',
    schedule_interval => interval '5 minutes');
SELECT add_retention_policy('historian.rollup_10m', interval '1095 days');
"""
TIMESCALE_DOWN = "DROP MATERIALIZED VIEW IF EXISTS historian.rollup_10m CASCADE"
# ------------------------------------------------------------------------------------------


def _timescale_schema() -> bool:
    """Did 0002 build the TimescaleDB schema here? (its watermarks are 'infinity')."""
    return bool(
        op.get_bind()
        .exec_driver_sql(
            "SELECT EXISTS (SELECT 1 FROM historian.rollup_state WHERE watermark = 'infinity')"
        )
        .scalar()
    )


def upgrade() -> None:
    timescale = _timescale_schema()
    op.execute(TIMESCALE_UP if timescale else NATIVE_UP)
    op.execute(STATE_UP)


def downgrade() -> None:
    timescale = _timescale_schema()
    op.execute(STATE_DOWN)
    op.execute(TIMESCALE_DOWN if timescale else NATIVE_DOWN)
