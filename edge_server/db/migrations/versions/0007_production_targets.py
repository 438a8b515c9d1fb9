"""Production targets: the field's (or a well's) expected daily volumes from a day on.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

* PRIMARY KEY (scope, valid_from): a target holds from its day until the next one of the same
  scope, so the target every past day was judged against stays known (never updated in place
  by the application except to correct that same day's entry). ``scope`` is '*' for the whole
  field or a well's name (domain/production_targets.py).
* NULL volume = no target for that quantity; at least one is given (CHECK).
* ``oilfield_app`` (the API's role) may only read: targets are set by supervisors at the
  console (``oilfield production target set``), as the table's owner.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE production_targets (
            scope       varchar(64) NOT NULL CHECK (scope <> ''),
            valid_from  date NOT NULL,
            oil_bbl_d   double precision CHECK (oil_bbl_d >= 0 AND oil_bbl_d < 'infinity'),
            water_bbl_d double precision CHECK (water_bbl_d >= 0 AND water_bbl_d < 'infinity'),
            gas_mscf_d  double precision CHECK (gas_mscf_d >= 0 AND gas_mscf_d < 'infinity'),
            note        varchar(500) NOT NULL DEFAULT '',
            set_by      varchar(128) NOT NULL,
            set_at      timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (scope, valid_from),
            CHECK (oil_bbl_d IS NOT NULL OR water_bbl_d IS NOT NULL OR gas_mscf_d IS NOT NULL)
        );
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oilfield_app') THEN
                GRANT SELECT ON production_targets TO oilfield_app;
            END IF;
        END $$;
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS production_targets")
