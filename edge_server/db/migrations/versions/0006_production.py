"""Daily well production: the history decline-curve analysis and the daily report stand on.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Why a table of its own rather than a query over the historian: DCA reads years of one number
per well and day, and the 1-hour rollups those numbers come from may be gone or never have
existed (history imported from the accounting system, wells older than the edge). So a closed
day is written once (``engine.production``) and kept forever; 20 wells × 20 years is 146,000
rows, a few tens of MB.

Why it looks like this (docs/production.md):

* PRIMARY KEY (well, day): one row per well and producing day (the site's local calendar
  day), and a well's history is one index range scan. ``well`` is the well's name (the device
  of a per-well RTU, the signal prefix on a pad RTU), not a foreign key: imported history may
  name wells this edge does not scan (yet, or any more).
* Volumes may be NULL (unknown: no data), which is not 0 (a shut-in day). ``hours_on`` and
  ``hours_data`` go up to 25: the day the site's clocks go back has 25 hours, and squeezing it
  into 24 would make that day's rate 4 % high.
* ``source`` says where the row came from and decides which row wins (domain/production.py):
  manual (3) > import (2) > historian (1) > simulated (0). The automatic day close never
  overwrites an imported or typed value; real data always replaces simulated data. The
  application honours it in its upserts, and a trigger refuses any UPDATE that would lower the
  precedence, so not even a bug (or a hand-written UPDATE) can replace a manual entry with a
  computed one; deleting the row is the way to hand a day back to the historian.
* ``oilfield_app`` (created by 0005 when possible) may read and write the table.
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION well_production_source_rank(source text) RETURNS integer
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $$ SELECT CASE source WHEN 'simulated' THEN 0 WHEN 'historian' THEN 1
                                     WHEN 'import' THEN 2 WHEN 'manual' THEN 3 END $$;

        CREATE TABLE well_daily_production (
            well        varchar(64) NOT NULL CHECK (well <> ''),
            day         date NOT NULL,
            oil_bbl     double precision CHECK (oil_bbl >= 0 AND oil_bbl < 'infinity'),
            water_bbl   double precision CHECK (water_bbl >= 0 AND water_bbl < 'infinity'),
            gas_mscf    double precision CHECK (gas_mscf >= 0 AND gas_mscf < 'infinity'),
            hours_on    double precision CHECK (hours_on BETWEEN 0 AND 25),
            hours_data  double precision CHECK (hours_data BETWEEN 0 AND 25),
            source      varchar(16) NOT NULL
                        CHECK (source IN ('historian', 'import', 'simulated', 'manual')),
            updated_at  timestamptz NOT NULL DEFAULT now(),
            updated_by  varchar(128),
            PRIMARY KEY (well, day)
        );

        CREATE FUNCTION forbid_lower_production_source() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF well_production_source_rank(NEW.source)
                    < well_production_source_rank(OLD.source) THEN
                RAISE EXCEPTION 'well_daily_production %/%: a % row may not replace a % row',
                    OLD.well, OLD.day, NEW.source, OLD.source
                    USING ERRCODE = 'integrity_constraint_violation',
                          HINT = 'delete the row first to hand the day back';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER well_daily_production_precedence
            BEFORE UPDATE ON well_daily_production
            FOR EACH ROW EXECUTE FUNCTION forbid_lower_production_source();

        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oilfield_app') THEN
                GRANT SELECT, INSERT, UPDATE, DELETE ON well_daily_production TO oilfield_app;
            END IF;
        END $$;
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE IF EXISTS well_daily_production;
        DROP FUNCTION IF EXISTS forbid_lower_production_source();
        DROP FUNCTION IF EXISTS well_production_source_rank(text);
        """
    )
