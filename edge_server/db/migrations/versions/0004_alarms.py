"""Alarm store: definitions, persisted state, the ISA-18.2 journal and system events.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

``alarm_journal`` is append-only: every state transition (process, operator, expiry, design)
is one row, never updated or deleted; a trigger enforces it, so not even a bug in the engine can
rewrite history. KPIs (EEMUA 191 / ISA-18.2) are computed from it in SQL, so it is indexed by
time, by alarm and by area. ``alarm_state`` holds each alarm's state-machine snapshot so that
active alarms survive an engine restart without being raised again.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE alarm_definitions (
            id           serial PRIMARY KEY,
            name         varchar(160) NOT NULL UNIQUE,
            tag_id       integer REFERENCES tags(id),
            device_id    integer REFERENCES devices(id),
            kind         varchar(24) NOT NULL,
            priority     smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
            area         varchar(200) NOT NULL,
            limit_value  double precision,
            deadband     double precision NOT NULL DEFAULT 0,
            on_delay_s   double precision NOT NULL DEFAULT 0,
            off_delay_s  double precision NOT NULL DEFAULT 0,
            latched      boolean NOT NULL DEFAULT false,
            message      text NOT NULL DEFAULT '',
            consequence  text NOT NULL DEFAULT '',
            response     text NOT NULL DEFAULT '',
            first_out_group varchar(160),
            config       jsonb NOT NULL DEFAULT '{}'::jsonb,
            created_at   timestamptz NOT NULL DEFAULT now(),
            retired_at   timestamptz
        );

        CREATE TABLE alarm_state (
            alarm_id   integer PRIMARY KEY REFERENCES alarm_definitions(id),
            state      varchar(24) NOT NULL,
            snapshot   jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE alarm_journal (
            id          bigserial PRIMARY KEY,
            ts          timestamptz NOT NULL,
            alarm_id    integer NOT NULL REFERENCES alarm_definitions(id),
            area        varchar(200) NOT NULL,
            priority    smallint NOT NULL,
            event       varchar(24) NOT NULL,
            cause       varchar(16) NOT NULL,
            old_state   varchar(24) NOT NULL,
            new_state   varchar(24) NOT NULL,
            annunciated boolean NOT NULL,
            value       double precision,
            limit_value double precision,
            username    varchar(128),
            comment     text,
            first_out   boolean NOT NULL DEFAULT false,
            recorded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX ix_alarm_journal_ts ON alarm_journal (ts);
        CREATE INDEX ix_alarm_journal_alarm_ts ON alarm_journal (alarm_id, ts);
        CREATE INDEX ix_alarm_journal_area_ts ON alarm_journal (area, ts);
        CREATE INDEX ix_alarm_journal_activations ON alarm_journal (ts)
            INCLUDE (alarm_id, priority, area) WHERE event = 'activate' AND annunciated;

        CREATE TABLE system_events (
            id      bigserial PRIMARY KEY,
            ts      timestamptz NOT NULL,
            kind    varchar(32) NOT NULL,
            area    varchar(200),
            detail  jsonb NOT NULL DEFAULT '{}'::jsonb
        );
        CREATE INDEX ix_system_events_ts ON system_events (ts);
        CREATE INDEX ix_system_events_kind_ts ON system_events (kind, ts);

        CREATE FUNCTION forbid_journal_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER alarm_journal_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON alarm_journal
            FOR EACH STATEMENT EXECUTE FUNCTION forbid_journal_rewrite();
        CREATE TRIGGER system_events_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON system_events
            FOR EACH STATEMENT EXECUTE FUNCTION forbid_journal_rewrite();
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE IF EXISTS system_events;
        DROP TABLE IF EXISTS alarm_journal;
        DROP TABLE IF EXISTS alarm_state;
        DROP TABLE IF EXISTS alarm_definitions;
        DROP FUNCTION IF EXISTS forbid_journal_rewrite();
        """
    )
