"""The engine role ``oilfield_engine`` and the owner's functions for historian partition DDL.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

Why (IEC 62443-4-2 SL2, docs/security.md "Database role of the running edge"): the engine's
own connections (historian writer, rollups, partition maintenance and retention, alarm
registry/journal/state, registry sync, daily production close, health probe) ran as the
database owner, and an owner connection can disable the audit log's trigger. They now act as
``oilfield_engine`` (``engine.store.roles``), which owns nothing and holds only
``ENGINE_PRIVILEGES`` (``edge_server.db.privileges``, applied after every upgrade).

What PostgreSQL allows only to the owner of the partitioned tables is done here, by functions
owned by the migrating user (the owner), ``SECURITY DEFINER`` with a fixed ``search_path``,
arguments validated, EXECUTE revoked from PUBLIC and granted to ``oilfield_engine`` only:

* ``historian_ensure_partitions(from_day, to_day, tiers)``: create (if missing) the partitions
  of the given tiers (all four when NULL) covering [from_day, to_day]; at most 3660 days in one
  call; years 1..9999 (on TimescaleDB's hypertable the CREATE fails, "is not partitioned", as
  the engine's own DDL did: the engine issues none there);
* ``historian_drop_partitions_before(tier, before_day)``: drop the tier's partitions (only those
  named as the engine names them) whose whole range ends at or before ``before_day``, which may
  not be later than today (UTC): retention can never drop a partition holding today's data;
* ``historian_set_retention(relation, keep_days)``: on TimescaleDB, replace the retention policy
  of ``historian.<relation>`` (``keep_days`` NULL: none, kept forever). UNTESTED against a real
  TimescaleDB, like the rest of that backend.

The partition functions take the same advisory lock as before (0x48495354, "HIST"), so
concurrent creators and retention wait instead of failing. Partition names and bounds are the
ones ``engine.historian.partitions`` used (``samples_YYYYMMDD``, ``rollup_1m_YYYYMM``,
``rollup_10m_YYYYMM``, ``rollup_1h_YYYY``; bounds at 00:00 UTC).

The role is cluster-wide, so it is created only if missing, and only when the migrating user
may (CREATEROLE); otherwise a warning, and the engine keeps the login's privileges (it logs
so and its health report says so) until a DBA creates it and runs ``oilfield db upgrade``.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FUNCTIONS = (
    "historian_ensure_partitions(date, date, text[])",
    "historian_drop_partitions_before(text, date)",
    "historian_set_retention(text, integer)",
)

FUNCTIONS_DDL = r"""
CREATE FUNCTION historian_ensure_partitions(from_day date, to_day date, tiers text[] DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    all_tiers CONSTANT text[] := ARRAY['samples', 'rollup_1m', 'rollup_10m', 'rollup_1h'];
    wanted text[] := coalesce(tiers, all_tiers);
    t text;
    d date;
    lo date;
    hi date;
    part text;
    made integer := 0;
BEGIN
    IF from_day IS NULL OR to_day IS NULL OR from_day > to_day THEN
        RAISE EXCEPTION 'historian_ensure_partitions: invalid day range % .. %', from_day, to_day
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF to_day - from_day > 3660 THEN
        RAISE EXCEPTION 'historian_ensure_partitions: at most 3660 days at once (% .. %)',
            from_day, to_day USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF from_day < date '0001-01-01' OR to_day > date '9999-12-31' THEN
        RAISE EXCEPTION 'historian_ensure_partitions: days must be in years 1..9999'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF cardinality(wanted) = 0 OR array_position(wanted, NULL) IS NOT NULL
            OR NOT (wanted <@ all_tiers) THEN
        RAISE EXCEPTION 'historian_ensure_partitions: unknown tier in %', tiers
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(1212765012);  -- 0x48495354 "HIST", as engine.historian
    FOREACH t IN ARRAY wanted LOOP
        d := from_day;
        WHILE d <= to_day LOOP
            IF t = 'samples' THEN
                lo := d;
                hi := d + 1;
                part := t || '_' || to_char(lo, 'YYYYMMDD');
            ELSIF t = 'rollup_1h' THEN
                lo := make_date(extract(year FROM d)::integer, 1, 1);
                hi := (lo + interval '1 year')::date;
                part := t || '_' || to_char(lo, 'YYYY');
            ELSE
                lo := date_trunc('month', d)::date;
                hi := (lo + interval '1 month')::date;
                part := t || '_' || to_char(lo, 'YYYYMM');
            END IF;
            IF to_regclass(format('historian.%I', part)) IS NULL THEN
                EXECUTE format(
                    'CREATE TABLE historian.%I PARTITION OF historian.%I '
                    'FOR VALUES FROM (%L) TO (%L)',
                    part, t, to_char(lo, 'YYYY-MM-DD') || ' 00:00:00+00',
                    to_char(hi, 'YYYY-MM-DD') || ' 00:00:00+00');
                made := made + 1;
            END IF;
            d := hi;
        END LOOP;
    END LOOP;
    RETURN made;
END
$fn$;

CREATE FUNCTION historian_drop_partitions_before(tier text, before_day date)
RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    unit text;
    digits integer;
    part text;
    lo date;
    hi date;
BEGIN
    unit := CASE tier WHEN 'samples' THEN 'day' WHEN 'rollup_1m' THEN 'month'
                      WHEN 'rollup_10m' THEN 'month' WHEN 'rollup_1h' THEN 'year' END;
    IF unit IS NULL THEN
        RAISE EXCEPTION 'historian_drop_partitions_before: unknown tier %', tier
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF before_day IS NULL OR before_day > (now() AT TIME ZONE 'UTC')::date THEN
        RAISE EXCEPTION 'historian_drop_partitions_before: % is later than today (UTC)',
            before_day USING ERRCODE = 'invalid_parameter_value';
    END IF;
    digits := CASE unit WHEN 'day' THEN 8 WHEN 'month' THEN 6 ELSE 4 END;
    PERFORM pg_advisory_xact_lock(1212765012);  -- 0x48495354 "HIST", as engine.historian
    FOR part IN
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE n.nspname = 'historian' AND p.relname = tier AND p.relkind = 'p'
        ORDER BY c.relname
    LOOP
        -- Only partitions named as the engine names them; one attached by hand is never touched.
        CONTINUE WHEN part !~ ('^' || tier || '_[0-9]{' || digits || '}$');
        BEGIN
            lo := to_date(right(part, digits),
                          CASE unit WHEN 'day' THEN 'YYYYMMDD' WHEN 'month' THEN 'YYYYMM'
                                    ELSE 'YYYY' END);
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
            CONTINUE;
        END;
        hi := CASE unit WHEN 'day' THEN lo + 1
                        WHEN 'month' THEN (lo + interval '1 month')::date
                        ELSE (lo + interval '1 year')::date END;
        IF hi <= before_day THEN
            EXECUTE format('DROP TABLE historian.%I', part);
            RETURN NEXT part;
        END IF;
    END LOOP;
END
$fn$;

CREATE FUNCTION historian_set_retention(relation text, keep_days integer)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $fn$
BEGIN
    IF relation IS NULL OR relation NOT IN ('samples', 'rollup_1m', 'rollup_10m', 'rollup_1h')
    THEN
        RAISE EXCEPTION 'historian_set_retention: unknown relation %', relation
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF keep_days IS NOT NULL AND keep_days < 1 THEN
        RAISE EXCEPTION 'historian_set_retention: keep_days must be at least 1 (got %)',
            keep_days USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RAISE EXCEPTION 'historian_set_retention: the historian does not run on TimescaleDB'
            USING ERRCODE = 'feature_not_supported';
    END IF;
    EXECUTE 'SELECT remove_retention_policy($1::regclass, if_exists => true)'
        USING 'historian.' || relation;
    IF keep_days IS NOT NULL THEN
        EXECUTE 'SELECT add_retention_policy($1::regclass, drop_after => $2, '
                'if_not_exists => true)'
            USING 'historian.' || relation, make_interval(days => keep_days);
    END IF;
END
$fn$;
"""


def upgrade() -> None:
    op.execute(FUNCTIONS_DDL)
    revoke = "\n".join(f"REVOKE ALL ON FUNCTION {f} FROM PUBLIC;" for f in FUNCTIONS)
    grant = "\n".join(f"GRANT EXECUTE ON FUNCTION {f} TO oilfield_engine;" for f in FUNCTIONS)
    op.execute(revoke)
    op.execute(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oilfield_engine') THEN
                BEGIN
                    CREATE ROLE oilfield_engine NOLOGIN;
                EXCEPTION
                    WHEN duplicate_object THEN NULL;  -- created concurrently by another migration
                    WHEN insufficient_privilege THEN
                        RAISE WARNING 'cannot create role oilfield_engine (needs CREATEROLE): '
                            'the engine keeps the login''s privileges; create it '
                            '(CREATE ROLE oilfield_engine NOLOGIN) and run oilfield db upgrade';
                END;
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oilfield_engine') THEN
                {grant}
            END IF;
        END $$;
        """
    )
    # Table privileges: edge_server.db.privileges.ENGINE_PRIVILEGES, applied after upgrade.


def downgrade() -> None:
    # The role is cluster-wide (other databases may use it): only this database's objects go.
    op.execute("\n".join(f"DROP FUNCTION IF EXISTS {f};" for f in FUNCTIONS))
