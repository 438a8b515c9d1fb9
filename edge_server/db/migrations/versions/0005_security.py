"""Security: users, API keys, refresh-token sessions, tag write permissions, the audit log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Why it looks like this (IEC 62443-4-2 SL2, see docs/security.md):

* ``users.username`` is unique case-insensitively (``lower(username)``), so ``Operador1`` and
  ``operador1`` cannot be two people in the audit trail.
* ``scada`` service accounts have no password (``password_hash`` NULL) and authenticate with
  API keys only; human accounts always have one. A CHECK constraint holds that line.
* Users are never deleted (they are disabled), so every audit row keeps meaning.
* ``sessions`` holds one row per refresh token; rotation inserts a new row in the same
  ``family_id`` and revokes the old one, so a second use of a rotated token is recognisable
  (theft) and revokes the whole family.
* ``audit_log`` is append-only twice over: a trigger refuses UPDATE/DELETE/TRUNCATE even for the
  table owner (``forbid_journal_rewrite()`` from 0004), and the application role
  ``oilfield_app`` is granted only INSERT/SELECT on it, so it cannot rewrite history even with
  the trigger disabled. The role is cluster-wide, so it is created only if missing.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ROLES = "('admin', 'supervisor', 'operator', 'viewer', 'scada')"


def upgrade() -> None:
    op.execute(
        f"""
        CREATE TABLE users (
            id                  serial PRIMARY KEY,
            username            varchar(64) NOT NULL,
            display_name        varchar(200) NOT NULL DEFAULT '',
            role                varchar(16) NOT NULL CHECK (role IN {ROLES}),
            password_hash       text,
            must_change_password boolean NOT NULL DEFAULT false,
            disabled            boolean NOT NULL DEFAULT false,
            failed_logins       integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
            locked_until        timestamptz,
            created_at          timestamptz NOT NULL DEFAULT now(),
            password_changed_at timestamptz,
            CONSTRAINT users_scada_has_no_password
                CHECK ((role = 'scada') = (password_hash IS NULL))
        );
        CREATE UNIQUE INDEX ux_users_username_ci ON users (lower(username));

        CREATE TABLE api_keys (
            id           serial PRIMARY KEY,
            user_id      integer NOT NULL REFERENCES users(id),
            prefix       varchar(16) NOT NULL UNIQUE,
            secret_hash  bytea NOT NULL,
            name         varchar(120) NOT NULL,
            created_at   timestamptz NOT NULL DEFAULT now(),
            last_used_at timestamptz,
            revoked_at   timestamptz,
            expires_at   timestamptz
        );
        CREATE INDEX ix_api_keys_user ON api_keys (user_id);

        CREATE TABLE sessions (
            id            uuid PRIMARY KEY,
            user_id       integer NOT NULL REFERENCES users(id),
            refresh_hash  bytea NOT NULL UNIQUE,
            family_id     uuid NOT NULL,
            client_address varchar(64),
            user_agent    varchar(256),
            created_at    timestamptz NOT NULL,
            last_used_at  timestamptz NOT NULL,
            expires_at    timestamptz NOT NULL,
            revoked_at    timestamptz,
            revoke_reason varchar(32)
        );
        CREATE INDEX ix_sessions_family ON sessions (family_id);
        CREATE INDEX ix_sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;

        CREATE TABLE tag_write_permissions (
            id          serial PRIMARY KEY,
            tag_id      integer REFERENCES tags(id),
            tag_pattern varchar(160),
            role        varchar(16) CHECK (role IN {ROLES}),
            user_id     integer REFERENCES users(id),
            min_value   double precision,
            max_value   double precision,
            created_at  timestamptz NOT NULL DEFAULT now(),
            created_by  varchar(64),
            CONSTRAINT twp_one_tag_selector CHECK ((tag_id IS NULL) <> (tag_pattern IS NULL)),
            CONSTRAINT twp_one_grantee CHECK ((role IS NULL) <> (user_id IS NULL)),
            CONSTRAINT twp_limits_ordered
                CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
        );

        CREATE TABLE audit_log (
            id             bigserial PRIMARY KEY,
            ts             timestamptz NOT NULL DEFAULT now(),
            username       varchar(64),
            role           varchar(16),
            client_address varchar(64),
            client_name    varchar(256),
            action         varchar(32) NOT NULL,
            target         varchar(256),
            old_value      text,
            new_value      text,
            outcome        varchar(8) NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
            detail         jsonb NOT NULL DEFAULT '{{}}'::jsonb,
            recorded_at    timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX ix_audit_log_ts ON audit_log (ts);
        CREATE INDEX ix_audit_log_user_ts ON audit_log (lower(username), ts);
        CREATE INDEX ix_audit_log_action_ts ON audit_log (action, ts);
        CREATE TRIGGER audit_log_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION forbid_journal_rewrite();
        REVOKE ALL ON audit_log FROM PUBLIC;

        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oilfield_app') THEN
                BEGIN
                    CREATE ROLE oilfield_app NOLOGIN;
                EXCEPTION
                    WHEN duplicate_object THEN NULL;  -- created concurrently by another migration
                    WHEN insufficient_privilege THEN
                        RAISE WARNING 'cannot create role oilfield_app (needs CREATEROLE): '
                            'create it, then re-grant as in migration 0005';
                END;
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oilfield_app') THEN
                GRANT SELECT, INSERT, UPDATE ON users, api_keys TO oilfield_app;
                GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, tag_write_permissions
                    TO oilfield_app;
                GRANT SELECT, INSERT ON audit_log TO oilfield_app;
                GRANT USAGE ON SEQUENCE users_id_seq, api_keys_id_seq,
                    tag_write_permissions_id_seq, audit_log_id_seq TO oilfield_app;
                GRANT SELECT ON tags TO oilfield_app;
            END IF;
        END $$;
        """
    )


def downgrade() -> None:
    # The role is cluster-wide (other databases may use it): only this database's objects go.
    op.execute(
        """
        DROP TABLE IF EXISTS audit_log;
        DROP TABLE IF EXISTS tag_write_permissions;
        DROP TABLE IF EXISTS sessions;
        DROP TABLE IF EXISTS api_keys;
        DROP TABLE IF EXISTS users;
        """
    )
