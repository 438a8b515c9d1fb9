"""API keys for ``scada`` service accounts (other systems polling or writing through the API).

Format: ``ofk_<8 hex prefix>_<43 chars of base64url>`` (256 random bits). The prefix is stored
in clear and shown in listings so a key can be identified and revoked; the rest is never stored.

Why HMAC-SHA256 with a server secret instead of argon2id: the key carries 256 bits of entropy,
so a slow hash adds no protection against guessing, while SCADA clients may authenticate on
every request: 50+ ms of argon2 per poll would be a self-inflicted DoS. The server-side HMAC
key (``apikey.key``, outside the database) means a stolen database or backup alone does not
even allow an offline check of a candidate key. Comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from psycopg.rows import class_row
from psycopg_pool import ConnectionPool

from edge_server.auth.audit import Action, AuditLog, Outcome
from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ApiKeyInfo, ClientInfo, CreatedApiKey, Principal
from edge_server.auth.roles import Permission, Role
from edge_server.auth.store import find_user
from edge_server.auth.tokens import Clock

KEY_RE = re.compile(r"^ofk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$")
_INFO_SELECT = (
    "SELECT k.id, u.username, k.prefix, k.name, k.created_at, k.last_used_at, k.expires_at, "
    "k.revoked_at FROM api_keys k JOIN users u ON u.id = k.user_id "
)


class ApiKeys:
    def __init__(
        self, pool: ConnectionPool, audit: AuditLog, clock: Clock, secret: bytes,
        touch_interval: timedelta,
    ) -> None:
        self._pool = pool
        self._audit = audit
        self._clock = clock
        self._secret = secret
        self._touch_interval = touch_interval

    def _digest(self, key: str) -> bytes:
        return hmac.new(self._secret, key.encode("ascii"), hashlib.sha256).digest()

    def create(
        self, actor: Principal, username: str, name: str, client: ClientInfo, *,
        expires_at: datetime | None = None,
    ) -> CreatedApiKey:
        """A new key for a scada account; the full key is returned once and never again."""
        actor.require(Permission.MANAGE_API_KEYS)
        if not name or len(name) > 120:
            raise AuthError(AuthErrorKind.INVALID_REQUEST, "name: 1-120 characters")
        now = self._clock()
        with self._pool.connection() as conn, conn.transaction():
            user = find_user(conn, username)
            if user is None:
                raise AuthError(AuthErrorKind.NOT_FOUND, f"no user {username!r}")
            if user.role != Role.SCADA.value:
                raise AuthError(AuthErrorKind.INVALID_REQUEST,
                                "API keys are for scada service accounts only")
            prefix = secrets.token_hex(4)
            key = f"ofk_{prefix}_{secrets.token_urlsafe(32)}"
            conn.execute(
                "INSERT INTO api_keys (user_id, prefix, secret_hash, name, created_at, "
                "expires_at) VALUES (%s, %s, %s, %s, %s, %s)",
                (user.id, prefix, self._digest(key), name, now, expires_at),
            )
            self._audit.record(
                Action.API_KEY_CREATE, Outcome.OK, actor=actor, client=client,
                target=f"{user.username}/{prefix}", new_value=name,
                detail={"expires_at": expires_at}, conn=conn,
            )
            with conn.cursor(row_factory=class_row(ApiKeyInfo)) as cur:
                info = cur.execute(_INFO_SELECT + "WHERE k.prefix = %s", (prefix,)).fetchone()
        assert info is not None
        return CreatedApiKey(key, info)

    def list_keys(self, actor: Principal, username: str | None = None) -> list[ApiKeyInfo]:
        actor.require(Permission.MANAGE_API_KEYS)
        with self._pool.connection() as conn, conn.cursor(
            row_factory=class_row(ApiKeyInfo)
        ) as cur:
            if username is None:
                return cur.execute(_INFO_SELECT + "ORDER BY k.id").fetchall()
            return cur.execute(
                _INFO_SELECT + "WHERE lower(u.username) = lower(%s) ORDER BY k.id", (username,)
            ).fetchall()

    def revoke(self, actor: Principal, prefix: str, client: ClientInfo) -> None:
        actor.require(Permission.MANAGE_API_KEYS)
        with self._pool.connection() as conn, conn.transaction():
            row = conn.execute(
                "UPDATE api_keys k SET revoked_at = %s FROM users u WHERE u.id = k.user_id "
                "AND k.prefix = %s AND k.revoked_at IS NULL RETURNING u.username",
                (self._clock(), prefix),
            ).fetchone()
            if row is None:
                raise AuthError(AuthErrorKind.NOT_FOUND, f"no active key {prefix!r}")
            self._audit.record(Action.API_KEY_REVOKE, Outcome.OK, actor=actor, client=client,
                               target=f"{row[0]}/{prefix}", conn=conn)

    def authenticate(self, key: str, client: ClientInfo) -> Principal:
        """The service account's principal, or INVALID_CREDENTIALS. Failures against a real
        prefix are audited (someone holds a prefix and a wrong or revoked secret)."""
        match = KEY_RE.fullmatch(key) if isinstance(key, str) else None
        if match is None:
            raise AuthError(AuthErrorKind.INVALID_CREDENTIALS, "malformed API key")
        now = self._clock()
        with self._pool.connection() as conn, conn.transaction():
            row = conn.execute(
                "SELECT k.id, k.secret_hash, k.revoked_at, k.expires_at, k.last_used_at, u.id, "
                "u.username, u.role, u.disabled FROM api_keys k JOIN users u "
                "ON u.id = k.user_id WHERE k.prefix = %s",
                (match.group(1),),
            ).fetchone()
            if row is None:
                raise AuthError(AuthErrorKind.INVALID_CREDENTIALS, "unknown API key")
            key_id, stored, revoked, expires, last_used, user_id, username, role, disabled = row
            reason = None
            if not hmac.compare_digest(bytes(stored), self._digest(key)):
                reason = "bad_secret"
            elif revoked is not None:
                reason = "revoked"
            elif expires is not None and expires <= now:
                reason = "expired"
            elif disabled:
                reason = "user_disabled"
            if reason is not None:
                self._audit.record(
                    Action.API_KEY_AUTH_FAILED, Outcome.DENIED, username=username, role=role,
                    client=client, target=f"{username}/{match.group(1)}",
                    detail={"reason": reason}, conn=conn,
                )
            elif last_used is None or now - last_used >= self._touch_interval:
                conn.execute("UPDATE api_keys SET last_used_at = %s WHERE id = %s",
                             (now, key_id))
        if reason is not None:
            raise AuthError(AuthErrorKind.INVALID_CREDENTIALS, reason)
        return Principal(username=username, role=Role(role), user_id=user_id, via="api_key")
