"""User administration (admins only): create, list, change role, disable, reset, unlock.

Users are never deleted, only disabled, so the audit trail keeps naming real accounts.
Guard rails: the last enabled admin cannot be disabled or demoted (that would leave the edge
unmanageable short of a root shell), and an account cannot switch between human and
``scada`` (service accounts have keys, not passwords: create a new account instead).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import psycopg
from psycopg_pool import ConnectionPool

from edge_server.auth.audit import Action, AuditLog, Outcome
from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal, UserInfo
from edge_server.auth.passwords import check_policy, hash_password
from edge_server.auth.roles import Permission, Role
from edge_server.auth.store import Conn, UserRecord, all_users, find_user, revoke_sessions
from edge_server.auth.tokens import Clock

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")  # ASCII: no look-alikes


def validate_username(username: str) -> str:
    if not isinstance(username, str) or not USERNAME_RE.fullmatch(username):
        raise AuthError(
            AuthErrorKind.INVALID_REQUEST,
            "username: 1-64 of A-Z a-z 0-9 . _ @ -, starting with a letter or digit",
        )
    return username


class UserAdmin:
    """Every method takes the acting ``Principal`` (checked for ``users.manage``) and the
    client, and audits the change with old and new values. ``on_change`` is called after a
    committed change that alters or withdraws someone's access (role, disable, password reset):
    the auth service drops its cached access checks then."""

    def __init__(self, pool: ConnectionPool, audit: AuditLog, clock: Clock, *,
                 on_change: Callable[[], None] | None = None) -> None:
        self._pool = pool
        self._audit = audit
        self._clock = clock
        self._on_change = on_change or (lambda: None)

    def create_user(
        self, actor: Principal, username: str, role: Role, client: ClientInfo, *,
        password: str | None = None, display_name: str = "", must_change_password: bool = True,
    ) -> UserInfo:
        """A human account needs a password meeting the policy (by default the user must
        change it at first login: the admin knows it); a ``scada`` account must have none."""
        actor.require(Permission.MANAGE_USERS)
        validate_username(username)
        password_hash: str | None = None
        if role is Role.SCADA:
            if password is not None:
                raise AuthError(AuthErrorKind.INVALID_REQUEST,
                                "scada accounts use API keys, not passwords")
            must_change_password = False
        else:
            if password is None:
                raise AuthError(AuthErrorKind.INVALID_REQUEST, "a password is required")
            violations = check_policy(password, username)
            if violations:
                raise AuthError(AuthErrorKind.POLICY_VIOLATION, violations=violations)
            password_hash = hash_password(password)
        now = self._clock()
        try:
            with self._pool.connection() as conn, conn.transaction():
                row = conn.execute(
                    "INSERT INTO users (username, display_name, role, password_hash, "
                    "must_change_password, created_at, password_changed_at) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                    (username, display_name[:200], role.value, password_hash,
                     must_change_password, now, now if password_hash else None),
                ).fetchone()
                assert row is not None
                self._audit.record(
                    Action.USER_CREATE, Outcome.OK, actor=actor, client=client, target=username,
                    new_value=role.value, detail={"user_id": row[0]}, conn=conn,
                )
                created = find_user(conn, username)
        except psycopg.errors.UniqueViolation:
            raise AuthError(AuthErrorKind.CONFLICT, f"user {username!r} exists") from None
        assert created is not None
        return created.info()

    def list_users(self, actor: Principal) -> list[UserInfo]:
        actor.require(Permission.MANAGE_USERS)
        with self._pool.connection() as conn:
            return [u.info() for u in all_users(conn)]

    def get_user(self, actor: Principal, username: str) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        with self._pool.connection() as conn:
            return _existing(conn, username).info()

    def set_role(
        self, actor: Principal, username: str, role: Role, client: ClientInfo
    ) -> UserInfo:
        """Takes effect on the user's next request (access checks read the live role)."""
        actor.require(Permission.MANAGE_USERS)
        with self._pool.connection() as conn, conn.transaction():
            user = _existing(conn, username, for_update=True)
            old = Role(user.role)
            if (old is Role.SCADA) != (role is Role.SCADA):
                raise AuthError(AuthErrorKind.CONFLICT,
                                "cannot convert between scada and human accounts")
            if old is Role.ADMIN and role is not Role.ADMIN:
                _keep_an_admin(conn, user)
            conn.execute("UPDATE users SET role = %s WHERE id = %s", (role.value, user.id))
            self._audit.record(
                Action.USER_UPDATE, Outcome.OK, actor=actor, client=client, target=user.username,
                old_value=f"role={old.value}", new_value=f"role={role.value}", conn=conn,
            )
            info = _existing(conn, username).info()
        self._on_change()
        return info

    def set_disabled(
        self, actor: Principal, username: str, disabled: bool, client: ClientInfo
    ) -> UserInfo:
        """Disabling ends the user's sessions now; API keys stop working while disabled."""
        actor.require(Permission.MANAGE_USERS)
        now = self._clock()
        with self._pool.connection() as conn, conn.transaction():
            user = _existing(conn, username, for_update=True)
            if disabled and user.role == Role.ADMIN.value and not user.disabled:
                _keep_an_admin(conn, user)
            conn.execute("UPDATE users SET disabled = %s WHERE id = %s", (disabled, user.id))
            ended = revoke_sessions(conn, user_id=user.id, reason="user_disabled",
                                    now=now) if disabled else 0
            self._audit.record(
                Action.USER_UPDATE, Outcome.OK, actor=actor, client=client, target=user.username,
                old_value=f"disabled={user.disabled}", new_value=f"disabled={disabled}",
                detail={"sessions_ended": ended}, conn=conn,
            )
            info = _existing(conn, username).info()
        self._on_change()
        return info

    def reset_password(
        self, actor: Principal, username: str, new_password: str, client: ClientInfo, *,
        temporary: bool = True,
    ) -> UserInfo:
        """Set a password for someone else: by default they must change it at next login.
        Ends their sessions and clears any lockout."""
        actor.require(Permission.MANAGE_USERS)
        now = self._clock()
        with self._pool.connection() as conn, conn.transaction():
            user = _existing(conn, username, for_update=True)
            if user.password_hash is None:
                raise AuthError(AuthErrorKind.INVALID_REQUEST, "scada accounts have no password")
            violations = check_policy(new_password, user.username)
            if violations:
                raise AuthError(AuthErrorKind.POLICY_VIOLATION, violations=violations)
            conn.execute(
                "UPDATE users SET password_hash = %s, must_change_password = %s, "
                "password_changed_at = %s, failed_logins = 0, locked_until = NULL WHERE id = %s",
                (hash_password(new_password), temporary, now, user.id),
            )
            ended = revoke_sessions(conn, user_id=user.id, reason="password_reset", now=now)
            self._audit.record(
                Action.PASSWORD_RESET, Outcome.OK, actor=actor, client=client,
                target=user.username, detail={"temporary": temporary, "sessions_ended": ended},
                conn=conn,
            )
            info = _existing(conn, username).info()
        self._on_change()
        return info

    def unlock(self, actor: Principal, username: str, client: ClientInfo) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        with self._pool.connection() as conn, conn.transaction():
            user = _existing(conn, username, for_update=True)
            conn.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = %s",
                         (user.id,))
            self._audit.record(
                Action.USER_UPDATE, Outcome.OK, actor=actor, client=client, target=user.username,
                old_value=f"failed_logins={user.failed_logins}", new_value="unlocked", conn=conn,
            )
            return _existing(conn, username).info()


def _existing(conn: Conn, username: str, *, for_update: bool = False) -> UserRecord:
    user = find_user(conn, username, for_update=for_update)
    if user is None:
        raise AuthError(AuthErrorKind.NOT_FOUND, f"no user {username!r}")
    return user


def _keep_an_admin(conn: Conn, leaving: UserRecord) -> None:
    row = conn.execute(
        "SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND id <> %s",
        (leaving.id,),
    ).fetchone()
    if row is None or row[0] == 0:
        raise AuthError(AuthErrorKind.CONFLICT, "the last enabled admin must stay an admin")
