"""The application role ``oilfield_app``: what the edge's runtime connections may do, and
switching those connections to it.

Why: the audit log is append-only "in the database". A trigger refuses UPDATE/DELETE/TRUNCATE
even for the owner, but the owner (or a superuser) can disable a trigger. So the connections
that serve people (the API's auth/audit pool and its read pool) run as ``oilfield_app``, which
holds INSERT/SELECT on ``audit_log`` and nothing more: no UPDATE, DELETE or TRUNCATE, and, not
being the owner, no ALTER TABLE (so no DISABLE TRIGGER, no DROP).

* ``APP_PRIVILEGES`` is the whole list, one line per table, read by reviewers like
  ``ROLE_PERMISSIONS``. ``grant_app_privileges`` applies it after every ``upgrade`` (migrations
  run as the owner), idempotently, to the tables that exist at that revision; so a table added
  by a later migration is covered by adding a line here, and a role created by a DBA after the
  fact (the migration could not: no CREATEROLE) gets its grants at the next ``db upgrade``.
* ``use_app_role`` is a psycopg_pool ``configure`` callback: ``SET ROLE oilfield_app`` on every
  new connection when the role exists and the login user may switch to it (a superuser or a
  member). Migrations and ``oilfield db upgrade`` are unaffected: they keep the owner.
* ``SET ROLE`` guards against the application's own statements. The login user is still the
  owner, and a statement that says ``RESET ROLE`` gets the owner back; the edge never issues
  one, and its SQL is fixed text with bound parameters. Where that is not enough, give the
  runtime a login of its own that *is only* a member of ``oilfield_app``
  (``OILFIELD_APP_DATABASE_URL``, docs/security.md): then there is nothing to reset to.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

APP_ROLE = "oilfield_app"
#: Optional login for the runtime connections (the API's pools), a LOGIN role that is a
#: member of ``oilfield_app`` and owns nothing; unset: the edge's own ``database.url``.
APP_DATABASE_URL_ENV = "OILFIELD_APP_DATABASE_URL"

#: table -> privileges of ``oilfield_app``. Anything not listed is not granted.
APP_PRIVILEGES: tuple[tuple[str, str], ...] = (
    # security (0005): the auth services read and change these
    ("users", "SELECT, INSERT, UPDATE"),  # never DELETE: users are disabled, not deleted
    ("api_keys", "SELECT, INSERT, UPDATE"),
    ("sessions", "SELECT, INSERT, UPDATE, DELETE"),
    ("tag_write_permissions", "SELECT, INSERT, UPDATE, DELETE"),
    ("audit_log", "SELECT, INSERT"),  # append-only: see REVOKED below
    # registry (0001): the API resolves names; the engine syncs it (as the owner)
    ("sites", "SELECT"),
    ("devices", "SELECT"),
    ("tags", "SELECT"),
    # alarms (0004): the API reads the journal and KPIs; the engine writes them
    ("alarm_definitions", "SELECT"),
    ("alarm_state", "SELECT"),
    ("alarm_journal", "SELECT"),
    ("system_events", "SELECT"),
    # daily production (0006): read and corrected through the API
    ("well_daily_production", "SELECT, INSERT, UPDATE, DELETE"),
    # production targets (0007): the API reads them; supervisors set them at the console
    ("production_targets", "SELECT"),
)
#: Sequences behind the INSERTs above.
APP_SEQUENCES = ("users_id_seq", "api_keys_id_seq", "tag_write_permissions_id_seq",
                 "audit_log_id_seq")
#: Schemas whose every table the role may read (the historian: trends, raw history).
APP_READ_SCHEMAS = ("historian",)
#: Privileges explicitly taken back, whoever granted them: the audit log's history is final.
REVOKED: tuple[tuple[str, str], ...] = (
    ("audit_log", "UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER"),
)


def role_exists(conn: psycopg.Connection[Any], role: str = APP_ROLE) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() \
        is not None


def grant_app_privileges(conn: psycopg.Connection[Any]) -> bool:
    """Apply ``APP_PRIVILEGES`` on the tables that exist (as the owner, in ``conn``'s
    transaction). False, with a warning, when the role does not exist."""
    if not role_exists(conn):
        log.warning("database role %s does not exist (the migration needs CREATEROLE to make "
                    "it): the API runs as the database owner, and the audit log is protected "
                    "by its trigger only. Create it (CREATE ROLE %s NOLOGIN) and run "
                    "`oilfield db upgrade`.", APP_ROLE, APP_ROLE)
        return False
    role = sql.Identifier(APP_ROLE)

    def exists(name: str) -> bool:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone() == (True,)

    for table, privileges in APP_PRIVILEGES:
        if exists(table):
            conn.execute(sql.SQL("GRANT {} ON {} TO {}").format(
                sql.SQL(privileges), sql.Identifier(table), role))
    for seq in APP_SEQUENCES:
        if exists(seq):
            conn.execute(sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(
                sql.Identifier(seq), role))
    for schema in APP_READ_SCHEMAS:
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                             (schema,)).fetchone()
        if found is not None:
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
                sql.Identifier(schema), role))
            conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                sql.Identifier(schema), role))
    for table, privileges in REVOKED:
        if exists(table):
            conn.execute(sql.SQL("REVOKE {} ON {} FROM {}").format(
                sql.SQL(privileges), sql.Identifier(table), role))
    return True


def apply_app_privileges(url: str) -> bool:
    """``grant_app_privileges`` on a fresh connection to ``url`` (the owner's), committed."""
    from engine.store.urls import libpq_url

    with psycopg.connect(libpq_url(url), connect_timeout=5) as conn, conn.transaction():
        return grant_app_privileges(conn)


def app_database_url(owner_url: str) -> str:
    """The URL the runtime pools log in with: ``OILFIELD_APP_DATABASE_URL`` when set, else
    the edge's own (then ``use_app_role`` switches each connection)."""
    return os.environ.get(APP_DATABASE_URL_ENV) or owner_url


_warned: set[str] = set()
_warned_lock = threading.Lock()


def _warn_once(key: str, message: str, *args: object) -> None:
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    log.warning(message, *args)


def use_app_role(conn: psycopg.Connection[Any]) -> None:
    """psycopg_pool ``configure`` callback: make the new connection act as ``oilfield_app``.

    Switches when the role exists and the login user may (superuser or member); leaves the
    connection idle (committed), as the pool requires. When the role is missing, or the login
    user cannot switch (a login of its own that the DBA limited otherwise), the connection stays
    as it logged in, with one warning per process.
    """
    row = conn.execute(
        "SELECT pg_has_role(session_user, oid, 'MEMBER'), current_user = rolname "
        "FROM pg_roles WHERE rolname = %s", (APP_ROLE,)).fetchone()
    if row is None:
        _warn_once("missing", "database role %s does not exist: runtime connections keep the "
                   "login user's privileges (the audit log is protected by its trigger only)",
                   APP_ROLE)
    elif row[1]:
        pass  # already acting as the role (a dedicated login with the role as default)
    elif row[0]:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(APP_ROLE)))
    else:
        _warn_once("not_member", "the database login cannot SET ROLE %s: runtime connections "
                   "keep the login user's privileges", APP_ROLE)
    conn.commit()


def acting_role(conn: psycopg.Connection[Any]) -> str:
    """``current_user`` of ``conn`` (what privilege checks use)."""
    row = conn.execute("SELECT current_user").fetchone()
    assert row is not None
    return str(row[0])
