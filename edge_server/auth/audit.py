"""The security audit log: who did what, from where, when, with what result.

Rows are only ever inserted (the database refuses UPDATE/DELETE/TRUNCATE, see migration 0005).
Security-relevant changes write their audit row in the same transaction as the change, so
there is never a change without its record, nor a record of a change that rolled back; if
the audit insert fails, the change fails (IEC 62443-4-2 CR 2.10: no silent loss of audit).

``search`` builds its WHERE clause only from fixed SQL fragments with bound parameters; user
input never becomes SQL text, whatever it contains.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import class_row
from psycopg_pool import ConnectionPool

from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal
from edge_server.auth.roles import Permission


class Action(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    REFRESH = "refresh"
    REFRESH_REUSE = "refresh_reuse"
    PASSWORD_CHANGE = "password_change"
    PASSWORD_RESET = "password_reset"
    USER_CREATE = "user_create"
    USER_UPDATE = "user_update"
    USER_LOCKED = "user_locked"
    API_KEY_CREATE = "api_key_create"
    API_KEY_REVOKE = "api_key_revoke"
    API_KEY_AUTH_FAILED = "api_key_auth_failed"
    ACCESS_DENIED = "access_denied"
    ALARM_ACK = "alarm_ack"
    ALARM_SHELVE = "alarm_shelve"
    ALARM_OUT_OF_SERVICE = "alarm_out_of_service"
    ALARM_UNSHELVE = "alarm_unshelve"
    ALARM_RETURN_TO_SERVICE = "alarm_return_to_service"
    ALARM_RESET = "alarm_reset"
    ALARM_COMMENT = "alarm_comment"
    TAG_WRITE = "tag_write"
    CONFIG_CHANGE = "config_change"


class Outcome(StrEnum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: datetime
    username: str | None
    role: str | None
    client_address: str | None
    client_name: str | None
    action: str
    target: str | None
    old_value: str | None
    new_value: str | None
    outcome: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    """All optional; combined with AND. ``target_prefix`` matches literally (no wildcards)."""

    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive
    username: str | None = None  # case-insensitive, exact
    action: str | None = None
    target_prefix: str | None = None
    outcome: str | None = None
    before_id: int | None = None  # keyset paging: the previous page's next_before_id
    limit: int = 100


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    next_before_id: int | None  # pass as before_id for the next (older) page; None at the end


MAX_PAGE = 1000


class AuditLog:
    """Writes and searches ``audit_log``."""

    def __init__(self, pool: ConnectionPool, clock: Callable[[], datetime]) -> None:
        self._pool = pool
        self._clock = clock

    def record(
        self,
        action: Action | str,
        outcome: Outcome,
        *,
        actor: Principal | None = None,
        username: str | None = None,
        role: str | None = None,
        client: ClientInfo | None = None,
        target: str | None = None,
        old_value: str | None = None,
        new_value: str | None = None,
        detail: dict[str, Any] | None = None,
        conn: psycopg.Connection[Any] | None = None,
    ) -> int:
        """Append one row (in ``conn``'s transaction when given); returns its id.

        ``actor`` fills username/role; pass ``username`` alone for unauthenticated events
        (a failed login names the account tried).
        """
        client = client or ClientInfo()
        params = (
            self._clock(),
            (actor.username if actor else username),
            (actor.role.value if actor else role),
            client.address, client.name, str(action), target, old_value, new_value,
            outcome.value, json.dumps(detail or {}, default=str),
        )
        query = """
            INSERT INTO audit_log (ts, username, role, client_address, client_name, action,
                                   target, old_value, new_value, outcome, detail)
            VALUES (%s, left(%s, 64), %s, %s, %s, %s, left(%s, 256), %s, %s, %s, %s::jsonb)
            RETURNING id
        """
        if conn is not None:
            row = conn.execute(query, params).fetchone()
        else:
            with self._pool.connection() as own:
                row = own.execute(query, params).fetchone()
        assert row is not None
        return int(row[0])

    def search(self, actor: Principal, flt: AuditFilter) -> AuditPage:
        """Newest first, keyset-paged. Needs ``audit.read`` (supervisor, admin)."""
        actor.require(Permission.READ_AUDIT)
        if not 1 <= flt.limit <= MAX_PAGE:
            raise AuthError(AuthErrorKind.INVALID_REQUEST, f"limit must be 1..{MAX_PAGE}")
        clauses: list[sql.Composable] = []
        params: list[Any] = []

        def where(fragment: str, value: Any) -> None:
            clauses.append(sql.SQL(fragment))  # fragments are the literals below, never input
            params.append(value)

        if flt.start is not None:
            where("ts >= %s", flt.start)
        if flt.end is not None:
            where("ts < %s", flt.end)
        if flt.username is not None:
            where("lower(username) = lower(%s)", flt.username)
        if flt.action is not None:
            where("action = %s", flt.action)
        if flt.outcome is not None:
            where("outcome = %s", flt.outcome)
        if flt.target_prefix is not None:
            where(r"target LIKE %s ESCAPE '\'", _like_prefix(flt.target_prefix))
        if flt.before_id is not None:
            where("id < %s", flt.before_id)
        condition = sql.SQL(" AND ").join(clauses) if clauses else sql.SQL("true")
        query = sql.SQL(
            "SELECT id, ts, username, role, client_address, client_name, action, target, "
            "old_value, new_value, outcome, detail FROM audit_log WHERE {} "
            "ORDER BY id DESC LIMIT %s"
        ).format(condition)
        params.append(flt.limit + 1)
        with self._pool.connection() as conn, conn.cursor(
            row_factory=class_row(AuditEntry)
        ) as cur:
            rows = cur.execute(query, params).fetchall()
        more = len(rows) > flt.limit
        rows = rows[: flt.limit]
        return AuditPage(rows, rows[-1].id if more and rows else None)


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
