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

The engine's own connections act as ``oilfield_engine`` the same way (``engine.store.roles``;
``OILFIELD_ENGINE_DATABASE_URL`` for a login of its own). Its list is ``ENGINE_PRIVILEGES``
below, applied by ``grant_engine_privileges`` after every upgrade like the app's; it holds
nothing on ``audit_log`` and owns nothing, and does its partition DDL and retention through the
owner's ``SECURITY DEFINER`` functions of migration 0008 (``ENGINE_FUNCTIONS``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

import psycopg
from psycopg import sql

from engine.store.roles import ENGINE_ROLE, switch_role, switch_role_async, warn_once

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

#: table -> privileges of ``oilfield_engine`` (the engine's own connections,
#: ``engine.store.roles``). Anything not listed is not granted; in particular nothing at all on
#: ``audit_log`` (the engine writes no audit rows: people's actions are audited by the API) and
#: nothing on the auth tables. Owner-only work (partition DDL, retention) goes through
#: ``ENGINE_FUNCTIONS``.
ENGINE_PRIVILEGES: tuple[tuple[str, str], ...] = (
    # registry (0001): synchronised with the field file at every start; tags are retired
    # (UPDATE), never deleted
    ("sites", "SELECT, INSERT, UPDATE"),
    ("devices", "SELECT, INSERT, UPDATE"),
    ("tags", "SELECT, INSERT, UPDATE"),
    # alarms (0004): definitions synchronised at start (retired, never deleted), the state
    # snapshot upserted, the journal and system events appended (their trigger refuses the
    # rest anyway)
    ("alarm_definitions", "SELECT, INSERT, UPDATE"),
    ("alarm_state", "SELECT, INSERT, UPDATE"),
    ("alarm_journal", "INSERT"),
    ("system_events", "INSERT"),
    # daily production (0006): the day closer upserts computed rows (never deletes)
    ("well_daily_production", "SELECT, INSERT, UPDATE"),
    # historian (0002, 0003): the writer appends samples and marks late ranges; the rollup
    # maintainer upserts the tiers, moves the watermarks and consumes the late-range queue
    ("historian.samples", "SELECT, INSERT"),
    ("historian.rollup_1m", "SELECT, INSERT, UPDATE"),
    ("historian.rollup_10m", "SELECT, INSERT, UPDATE"),
    ("historian.rollup_1h", "SELECT, INSERT, UPDATE"),
    ("historian.rollup_state", "SELECT, UPDATE"),  # UPDATE also for its FOR UPDATE lock
    ("historian.rollup_dirty", "SELECT, INSERT, UPDATE, DELETE"),
)
ENGINE_SEQUENCES = ("sites_id_seq", "devices_id_seq", "tags_id_seq",
                    "alarm_definitions_id_seq", "alarm_journal_id_seq",
                    "system_events_id_seq", "historian.rollup_dirty_id_seq")
#: Schemas the role must be able to name objects in (no CREATE).
ENGINE_SCHEMAS = ("historian",)
#: The owner's SECURITY DEFINER functions of migration 0008; EXECUTE is revoked from PUBLIC.
ENGINE_FUNCTIONS = (
    "historian_ensure_partitions(date, date, text[])",
    "historian_drop_partitions_before(text, date)",
    "historian_set_retention(text, integer)",
)
#: On the database itself: connect, and temporary tables (the writer's and the day closer's
#: staging tables).
ENGINE_DATABASE_PRIVILEGES = "CONNECT, TEMPORARY"
#: Taken back whoever granted them: the engine never touches the audit log.
ENGINE_REVOKED: tuple[tuple[str, str], ...] = (
    ("audit_log", "ALL"),
)


def role_exists(conn: psycopg.Connection[Any], role: str = APP_ROLE) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() \
        is not None


def _exists(conn: psycopg.Connection[Any], name: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone() == (True,)


def _ident(name: str) -> sql.Identifier:
    """``historian.samples`` -> "historian"."samples"; ``users`` -> "users"."""
    return sql.Identifier(*name.split("."))


def _grant(conn: psycopg.Connection[Any], role_name: str,
           privileges: tuple[tuple[str, str], ...], sequences: tuple[str, ...],
           read_schemas: tuple[str, ...], usage_schemas: tuple[str, ...],
           revoked: tuple[tuple[str, str], ...], functions: tuple[str, ...] = ()) -> None:
    role = sql.Identifier(role_name)
    for schema in usage_schemas:
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                             (schema,)).fetchone()
        if found is not None:
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
                sql.Identifier(schema), role))
    for table, privs in privileges:
        if not _exists(conn, table):
            continue
        row = conn.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)",
                           (table,)).fetchone()
        if row is not None and row[0] not in ("r", "p"):
            # A view (TimescaleDB's continuous aggregates stand where the native rollup
            # tables are): only read; the extension maintains it.
            if "SELECT" not in privs:
                continue
            privs = "SELECT"
        conn.execute(sql.SQL("GRANT {} ON {} TO {}").format(
            sql.SQL(privs), _ident(table), role))
    for seq in sequences:
        if _exists(conn, seq):
            conn.execute(sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(_ident(seq), role))
    for schema in read_schemas:
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                             (schema,)).fetchone()
        if found is not None:
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
                sql.Identifier(schema), role))
            conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                sql.Identifier(schema), role))
    for signature in functions:
        found = conn.execute("SELECT to_regprocedure(%s) IS NOT NULL",
                             (signature,)).fetchone()
        if found == (True,):
            conn.execute(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(
                sql.SQL(signature)))
            conn.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(
                sql.SQL(signature), role))
    for table, privs in revoked:
        if _exists(conn, table):
            conn.execute(sql.SQL("REVOKE {} ON {} FROM {}").format(
                sql.SQL(privs), _ident(table), role))


def grant_app_privileges(conn: psycopg.Connection[Any]) -> bool:
    """Apply ``APP_PRIVILEGES`` on the tables that exist (as the owner, in ``conn``'s
    transaction). False, with a warning, when the role does not exist."""
    if not role_exists(conn):
        log.warning("database role %s does not exist (the migration needs CREATEROLE to make "
                    "it): the API runs as the database owner, and the audit log is protected "
                    "by its trigger only. Create it (CREATE ROLE %s NOLOGIN) and run "
                    "`oilfield db upgrade`.", APP_ROLE, APP_ROLE)
        return False
    _grant(conn, APP_ROLE, APP_PRIVILEGES, APP_SEQUENCES, APP_READ_SCHEMAS, (), REVOKED)
    return True


def grant_engine_privileges(conn: psycopg.Connection[Any]) -> bool:
    """Apply ``ENGINE_PRIVILEGES`` (tables, sequences, the partition functions) on what exists
    (as the owner, in ``conn``'s transaction). False, with a warning, when the role does not
    exist."""
    if not role_exists(conn, ENGINE_ROLE):
        log.warning("database role %s does not exist (migration 0008 needs CREATEROLE to make "
                    "it): the engine runs as the database owner, and the audit log is protected "
                    "by its trigger only. Create it (CREATE ROLE %s NOLOGIN) and run "
                    "`oilfield db upgrade`.", ENGINE_ROLE, ENGINE_ROLE)
        return False
    _grant(conn, ENGINE_ROLE, ENGINE_PRIVILEGES, ENGINE_SEQUENCES, (), ENGINE_SCHEMAS,
           ENGINE_REVOKED, ENGINE_FUNCTIONS)
    # The writer and the day closer stage rows in temporary tables: granted to the role itself,
    # so a DBA who revokes TEMP from PUBLIC does not stop the historian.
    # Only the database's owner (or a holder of the grant option) may; else PUBLIC's defaults
    # (CONNECT, TEMPORARY) are what the role has, which is enough unless a DBA revoked them.
    row = conn.execute(
        "SELECT current_database(), has_database_privilege(current_database(), "
        "'CONNECT WITH GRANT OPTION, TEMPORARY WITH GRANT OPTION')").fetchone()
    assert row is not None
    if row[1]:
        conn.execute(sql.SQL("GRANT {} ON DATABASE {} TO {}").format(
            sql.SQL(ENGINE_DATABASE_PRIVILEGES), sql.Identifier(str(row[0])),
            sql.Identifier(ENGINE_ROLE)))
    else:
        log.warning("cannot grant %s on database %s to %s (not its owner): the engine relies "
                    "on PUBLIC's", ENGINE_DATABASE_PRIVILEGES, row[0], ENGINE_ROLE)
    return True


def apply_app_privileges(url: str) -> bool:
    """``grant_app_privileges`` on a fresh connection to ``url`` (the owner's), committed."""
    from engine.store.urls import libpq_url

    with psycopg.connect(libpq_url(url), connect_timeout=5) as conn, conn.transaction():
        return grant_app_privileges(conn)


def apply_privileges(url: str) -> tuple[bool, bool]:
    """Both roles' grants (``oilfield_app``, ``oilfield_engine``) on a fresh connection to
    ``url`` (the owner's), in one transaction; run after every upgrade."""
    from engine.store.urls import libpq_url

    with psycopg.connect(libpq_url(url), connect_timeout=5) as conn, conn.transaction():
        return grant_app_privileges(conn), grant_engine_privileges(conn)


def app_database_url(owner_url: str) -> str:
    """The URL the runtime pools log in with: ``OILFIELD_APP_DATABASE_URL`` when set, else
    the edge's own (then ``use_app_role`` switches each connection)."""
    return os.environ.get(APP_DATABASE_URL_ENV) or owner_url


def use_app_role(conn: psycopg.Connection[Any]) -> None:
    """psycopg_pool ``configure`` callback: make the new connection act as ``oilfield_app``.

    Switches when the role exists and the login user may (superuser or member); leaves the
    connection idle (committed), as the pool requires. When the role is missing, or the login
    user cannot switch (a login of its own that the DBA limited otherwise), the connection stays
    as it logged in, with one warning per process.
    """
    status = switch_role(conn, APP_ROLE)
    if status == "missing":
        warn_once("app:missing", "database role %s does not exist: runtime connections keep the "
                  "login user's privileges (the audit log is protected by its trigger only)",
                  APP_ROLE, logger=log)
    elif status == "not_member":
        warn_once("app:not_member", "the database login cannot SET ROLE %s: runtime connections "
                  "keep the login user's privileges", APP_ROLE, logger=log)
    conn.commit()


async def use_app_role_async(conn: psycopg.AsyncConnection[Any]) -> None:
    """``use_app_role`` for the async pool's connections (the same rule; the warnings come
    from the sync pools, which log in with the same URL)."""
    await switch_role_async(conn, APP_ROLE)
    await conn.commit()


def acting_role(conn: psycopg.Connection[Any]) -> str:
    """``current_user`` of ``conn`` (what privilege checks use)."""
    row = conn.execute("SELECT current_user").fetchone()
    assert row is not None
    return str(row[0])
