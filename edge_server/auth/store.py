"""Row access shared by the auth services: the connection pool, user rows, session revocation.

Kept in one place so every path that ends sessions (logout, password change, disable, reuse
detection) does it the same way, and every user lookup is case-insensitive the same way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import class_row
from psycopg_pool import ConnectionPool

from edge_server.auth.models import UserInfo
from edge_server.auth.roles import Role
from engine.store.urls import libpq_url

Conn = psycopg.Connection[Any]


def open_pool(url: str, max_size: int = 4, *, app_role: bool = True) -> ConnectionPool:
    """A small pool: the edge has few concurrent users, and argon2 is the bottleneck anyway.

    ``app_role``: every connection acts as ``oilfield_app`` (``edge_server.db.privileges``), so
    this process cannot rewrite the audit log even if it tried: it may only append to it."""
    from edge_server.db.privileges import use_app_role

    return ConnectionPool(
        libpq_url(url), min_size=1, max_size=max_size, open=True,
        configure=use_app_role if app_role else None,
        kwargs={"connect_timeout": 5, "application_name": "oilfield-auth"},
    )


@dataclass
class UserRecord:
    id: int
    username: str
    display_name: str
    role: str
    password_hash: str | None
    must_change_password: bool
    disabled: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    password_changed_at: datetime | None

    def info(self) -> UserInfo:
        return UserInfo(
            id=self.id, username=self.username, display_name=self.display_name,
            role=Role(self.role), disabled=self.disabled,
            must_change_password=self.must_change_password, failed_logins=self.failed_logins,
            locked_until=self.locked_until, created_at=self.created_at,
            password_changed_at=self.password_changed_at,
        )


_USER_SELECT = (
    "SELECT id, username, display_name, role, password_hash, must_change_password, disabled, "
    "failed_logins, locked_until, created_at, password_changed_at FROM users "
)


def find_user(conn: Conn, username: str, *, for_update: bool = False) -> UserRecord | None:
    """By name, case-insensitively; ``for_update`` serialises concurrent logins of one user."""
    query = _USER_SELECT + "WHERE lower(username) = lower(%s)" + (
        " FOR UPDATE" if for_update else "")
    with conn.cursor(row_factory=class_row(UserRecord)) as cur:
        return cur.execute(query, (username[:64],)).fetchone()


def find_user_by_id(conn: Conn, user_id: int, *, for_update: bool = False) -> UserRecord | None:
    query = _USER_SELECT + "WHERE id = %s" + (" FOR UPDATE" if for_update else "")
    with conn.cursor(row_factory=class_row(UserRecord)) as cur:
        return cur.execute(query, (user_id,)).fetchone()


def all_users(conn: Conn) -> list[UserRecord]:
    with conn.cursor(row_factory=class_row(UserRecord)) as cur:
        return cur.execute(_USER_SELECT + "ORDER BY lower(username)").fetchall()


def revoke_sessions(
    conn: Conn,
    *,
    reason: str,
    now: datetime,
    user_id: int | None = None,
    family_id: uuid.UUID | None = None,
    except_family: uuid.UUID | None = None,
) -> int:
    """End live sessions of a user or of one family; returns how many rows were revoked."""
    if (user_id is None) == (family_id is None):
        raise ValueError("give exactly one of user_id, family_id")
    column = "user_id" if user_id is not None else "family_id"
    query = (
        f"UPDATE sessions SET revoked_at = %s, revoke_reason = %s "
        f"WHERE {column} = %s AND revoked_at IS NULL AND family_id IS DISTINCT FROM %s"
    )
    target = user_id if user_id is not None else family_id
    return conn.execute(query, (now, reason, target, except_family)).rowcount
