"""The engine role ``oilfield_engine``: every database connection the engine opens acts as it.

Why: the audit log is append-only "in the database" (docs/security.md). Its trigger refuses
UPDATE/DELETE/TRUNCATE even for the owner, but an owner (or superuser) connection can disable
the trigger. The API's sessions already run as ``oilfield_app``; the engine's (historian
writer, rollups, partition maintenance and retention, alarm registry, journal and state, the
registry sync at start, the daily production close, the health probe) run as
``oilfield_engine``, which holds exactly ``ENGINE_PRIVILEGES`` (``edge_server.db.privileges``):
nothing at all on ``audit_log``, and, not being the owner of any table, no ALTER/DROP (so no
DISABLE TRIGGER). Partition DDL and retention, which PostgreSQL allows only to the owner of the
partitioned tables, go through ``SECURITY DEFINER`` functions of migration 0008
(``historian_ensure_partitions``, ``historian_drop_partitions_before``,
``historian_set_retention``) that only this role may execute.

* ``connect(url, **kwargs)`` is ``psycopg.connect`` plus ``use_engine_role``; every engine
  module connects through it (``sync_registry``, a SQLAlchemy engine, through
  ``sqlalchemy_engine_role``).
* ``use_engine_role`` switches the new connection with ``SET ROLE`` when the role exists and the
  login user may (superuser or member), and leaves it idle (committed). When the role is missing
  (the migrating user had no CREATEROLE) or the login cannot switch, the connection keeps the
  login's privileges, with one warning per process, and the health report says so
  (``database_role``).
* ``OILFIELD_ENGINE_DATABASE_URL``: an optional login of the engine's own, a LOGIN role that is
  only a member of ``oilfield_engine`` (the analogue of ``OILFIELD_APP_DATABASE_URL``); then a
  ``RESET ROLE`` has nothing to go back to. Migrations keep ``database.url``.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

ENGINE_ROLE = "oilfield_engine"
ENGINE_DATABASE_URL_ENV = "OILFIELD_ENGINE_DATABASE_URL"

_warned: set[str] = set()
_warned_lock = threading.Lock()
_status_lock = threading.Lock()
#: What the last switch found: "switched", "already", "missing" or "not_member".
_status: str | None = None


def warn_once(key: str, message: str, *args: object, logger: logging.Logger = log) -> None:
    """Log ``message`` once per process for ``key`` (a connection pool calls the role switch
    for every new connection; the operator needs the warning once, not every minute)."""
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    logger.warning(message, *args)


def engine_database_url(owner_url: str) -> str:
    """The URL the engine logs in with: ``OILFIELD_ENGINE_DATABASE_URL`` when set, else the
    edge's own (then ``use_engine_role`` switches each connection)."""
    return os.environ.get(ENGINE_DATABASE_URL_ENV) or owner_url


ROLE_QUERY = ("SELECT pg_has_role(session_user, oid, 'MEMBER'), current_user = rolname "
              "FROM pg_roles WHERE rolname = %s")


def _decide(row: tuple[Any, ...] | None) -> str:
    """What to do with a login given ``ROLE_QUERY``'s row: "missing" (no such role),
    "already" (acting as it), "switch" (a member: SET ROLE) or "not_member"."""
    if row is None:
        return "missing"
    if row[1]:
        return "already"
    return "switch" if row[0] else "not_member"


def switch_role(conn: psycopg.Connection[Any], role: str) -> str:
    """``SET ROLE role`` on ``conn`` when the role exists and the login may; returns
    "switched", "already", "missing" or "not_member". Shared by the engine's and the API's
    connections (``edge_server.db.privileges.use_app_role``); leaves the transaction open."""
    action = _decide(conn.execute(ROLE_QUERY, (role,)).fetchone())
    if action == "switch":
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
        return "switched"
    return action


async def switch_role_async(conn: psycopg.AsyncConnection[Any], role: str) -> str:
    """``switch_role`` for an ``AsyncConnection`` (the API's trend pool)."""
    cur = await conn.execute(ROLE_QUERY, (role,))
    action = _decide(await cur.fetchone())
    if action == "switch":
        await conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
        return "switched"
    return action


def use_engine_role(conn: psycopg.Connection[Any]) -> str:
    """Make ``conn`` act as ``oilfield_engine`` when possible; returns what happened
    ("switched", "already", "missing", "not_member"). Leaves the connection idle."""
    global _status
    status = switch_role(conn, ENGINE_ROLE)
    if status == "missing":
        warn_once("engine:missing", "database role %s does not exist (migration 0008 needs "
                   "CREATEROLE to make it): the engine's connections keep the login user's "
                   "privileges, and the audit log is protected by its trigger only. Create it "
                   "(CREATE ROLE %s NOLOGIN) and run `oilfield db upgrade`.",
                   ENGINE_ROLE, ENGINE_ROLE)
    elif status == "not_member":
        warn_once("engine:not_member", "the database login cannot SET ROLE %s: the engine's "
                   "connections keep the login user's privileges", ENGINE_ROLE)
    if not conn.autocommit:
        conn.commit()
    with _status_lock:
        _status = status
    return status


def connect(url: str, **kwargs: Any) -> psycopg.Connection[Any]:
    """``psycopg.connect(url, **kwargs)`` acting as the engine role (``use_engine_role``)."""
    conn = psycopg.connect(url, **kwargs)
    try:
        use_engine_role(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def sqlalchemy_engine_role(engine: Any) -> None:
    """Switch every DBAPI connection of a SQLAlchemy ``engine`` to the engine role."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        use_engine_role(dbapi_connection)


def role_status() -> dict[str, Any]:
    """For the health report: whether the engine's connections run least-privileged."""
    with _status_lock:
        status = _status
    return {
        "role": ENGINE_ROLE,
        "status": status,  # None: no connection made yet
        "least_privilege": status in ("switched", "already"),
    }
