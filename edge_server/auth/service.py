"""``AuthService``: login, refresh, logout, password change and access-token checks.

One object per edge process, built on the settings and a small connection pool; the FastAPI
layer will call it from its (thread-pooled) endpoints and map ``AuthError.kind`` to HTTP. User
administration, API keys, tag-write grants and the audit log are sibling services reachable
as ``.users``, ``.api_keys``, ``.tag_writes`` and ``.audit``, sharing the pool and the clock.

Every decision that matters is written to the audit log in the same transaction as its state
change (failure counters, lockouts, sessions); refusals are committed first and raised after,
so a failed login still counts and is still recorded.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from edge_server.auth.access_cache import ACCESS_CACHE_TTL_S, AccessCache
from edge_server.auth.apikeys import ApiKeys
from edge_server.auth.audit import Action, AuditLog, Outcome
from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal, TokenPair
from edge_server.auth.passwords import (
    burn_verification_time,
    check_policy,
    hash_password,
    normalize,
    same_as_old_violation,
    verify_password,
)
from edge_server.auth.roles import Permission, Role
from edge_server.auth.settings import AuthSettings
from edge_server.auth.store import (
    Conn,
    UserRecord,
    find_user,
    find_user_by_id,
    open_pool,
    revoke_sessions,
)
from edge_server.auth.tag_writes import TagWritePolicy
from edge_server.auth.tokens import Clock, TokenCodec, new_refresh_token, refresh_digest, utcnow
from edge_server.auth.users import UserAdmin

MAX_REFRESH_TOKEN_LENGTH = 256


class AuthService:
    """Authentication and sessions for the edge API (IEC 62443-4-2 CR 1.1, 1.2, 1.5, 1.11)."""

    def __init__(
        self, url: str, settings: AuthSettings, *, clock: Clock = utcnow, pool_size: int = 4,
        access_cache_ttl_s: float = ACCESS_CACHE_TTL_S, app_role: bool = True,
    ) -> None:
        self.settings = settings
        self._clock = clock
        #: Its connections act as ``oilfield_app`` (append-only audit log), see ``open_pool``.
        self._pool = open_pool(url, pool_size, app_role=app_role)
        #: Recent successful access checks (edge_server/auth/access_cache.py); every change
        #: below that may withdraw access invalidates it once committed.
        self.access_cache = AccessCache(access_cache_ttl_s)
        self.tokens = TokenCodec(
            settings.jwt_secret, issuer=settings.issuer, audience=settings.audience,
            ttl=settings.access_ttl, clock=clock,
        )
        self.audit = AuditLog(self._pool, clock)
        self.users = UserAdmin(self._pool, self.audit, clock,
                               on_change=self.access_cache.invalidate)
        self.api_keys = ApiKeys(
            self._pool, self.audit, clock, settings.apikey_secret, settings.api_key_touch_interval
        )
        self.tag_writes = TagWritePolicy(self._pool, self.audit)

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> AuthService:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def now(self) -> datetime:
        """The service's clock (the one tokens, sessions and the audit log use)."""
        return self._clock()

    # -- login ---------------------------------------------------------------------------------
    def login(self, username: str, password: str, client: ClientInfo) -> TokenPair:
        """Tokens for a human account, or AuthError: INVALID_CREDENTIALS (unknown user, wrong
        password, service account), ACCOUNT_LOCKED (with ``retry_after_s``), ACCOUNT_DISABLED
        (only once the password was right, so it reveals nothing to a guesser)."""
        now = self._clock()
        error: AuthError | None = None
        with self._pool.connection() as conn, conn.transaction():
            user = find_user(conn, username, for_update=True)
            if user is None or user.password_hash is None:
                verify_password(None, password)  # same time as a real check
                reason = "unknown_user" if user is None else "service_account"
                self.audit.record(
                    Action.LOGIN_FAILED, Outcome.DENIED, username=username[:64],
                    role=user.role if user else None, client=client,
                    detail={"reason": reason}, conn=conn,
                )
                error = AuthError(AuthErrorKind.INVALID_CREDENTIALS)
            elif user.locked_until is not None and user.locked_until > now:
                burn_verification_time()
                retry = (user.locked_until - now).total_seconds()
                self.audit.record(
                    Action.LOGIN_FAILED, Outcome.DENIED, username=user.username,
                    role=user.role, client=client,
                    detail={"reason": "locked", "locked_until": user.locked_until},
                    conn=conn,
                )
                error = AuthError(AuthErrorKind.ACCOUNT_LOCKED, retry_after_s=retry)
            else:
                result = verify_password(user.password_hash, password)
                if not result.ok:
                    error = self._register_failure(conn, user, client, now, "bad_password")
                elif user.disabled:
                    self.audit.record(
                        Action.LOGIN_FAILED, Outcome.DENIED, username=user.username,
                        role=user.role, client=client, detail={"reason": "disabled"},
                        conn=conn,
                    )
                    error = AuthError(AuthErrorKind.ACCOUNT_DISABLED)
                else:
                    conn.execute(
                        "UPDATE users SET failed_logins = 0, locked_until = NULL, "
                        "password_hash = coalesce(%s, password_hash) WHERE id = %s",
                        (result.new_hash, user.id),
                    )
                    pair = self._open_session(conn, user, client, now)
                    self.audit.record(
                        Action.LOGIN, Outcome.OK, actor=pair.principal, client=client,
                        detail={"session": str(pair.principal.session_id),
                                "rehashed": result.new_hash is not None,
                                "must_change_password": user.must_change_password},
                        conn=conn,
                    )
        if error is not None:
            raise error
        return pair

    def lockout_for(self, failures: int) -> timedelta | None:
        """Lock length after ``failures`` consecutive failures: none below the threshold, then
        base, 2x base, 4x base ... capped (slows guessing without locking operators out long)."""
        s = self.settings
        if failures < s.lockout_threshold:
            return None
        exponent = min(failures - s.lockout_threshold, 32)
        return min(s.lockout_base * (2**exponent), s.lockout_cap)

    def _register_failure(
        self, conn: Conn, user: UserRecord, client: ClientInfo, now: datetime, reason: str
    ) -> AuthError:
        failures = user.failed_logins + 1
        lock = self.lockout_for(failures)
        locked_until = now + lock if lock is not None else None
        conn.execute(
            "UPDATE users SET failed_logins = %s, locked_until = coalesce(%s, locked_until) "
            "WHERE id = %s",
            (failures, locked_until, user.id),
        )
        self.audit.record(
            Action.LOGIN_FAILED, Outcome.DENIED, username=user.username, role=user.role,
            client=client, detail={"reason": reason, "failed_logins": failures}, conn=conn,
        )
        if locked_until is None:
            return AuthError(AuthErrorKind.INVALID_CREDENTIALS)
        assert lock is not None
        self.audit.record(
            Action.USER_LOCKED, Outcome.OK, username=user.username, role=user.role,
            client=client, target=user.username,
            detail={"failed_logins": failures, "locked_until": locked_until,
                    "lock_seconds": lock.total_seconds()},
            conn=conn,
        )
        return AuthError(AuthErrorKind.ACCOUNT_LOCKED, retry_after_s=lock.total_seconds())

    def _open_session(
        self, conn: Conn, user: UserRecord, client: ClientInfo, now: datetime
    ) -> TokenPair:
        family = uuid.uuid4()
        expires = now + self.settings.session_ttl
        refresh = new_refresh_token()
        conn.execute(
            "INSERT INTO sessions (id, user_id, refresh_hash, family_id, client_address, "
            "user_agent, created_at, last_used_at, expires_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (uuid.uuid4(), user.id, refresh_digest(refresh), family, client.address,
             client.name, now, now, expires),
        )
        return self._pair(user, family, refresh, expires)

    def _pair(
        self, user: UserRecord, family: uuid.UUID, refresh: str, session_expires: datetime
    ) -> TokenPair:
        principal = Principal(
            username=user.username, role=Role(user.role), user_id=user.id, session_id=family,
            must_change_password=user.must_change_password,
        )
        access, access_expires = self.tokens.issue(
            username=user.username, user_id=user.id, role=principal.role, session_id=family,
            must_change_password=user.must_change_password,
        )
        return TokenPair(access, min(access_expires, session_expires), refresh,
                         session_expires, principal)

    # -- refresh -------------------------------------------------------------------------------
    def refresh(self, refresh_token: str, client: ClientInfo) -> TokenPair:
        """Rotate: the presented token is spent and a new pair returned. Presenting a spent
        token again means it was copied: the whole session (family) is revoked."""
        if not isinstance(refresh_token, str) or not 0 < len(refresh_token) <= \
                MAX_REFRESH_TOKEN_LENGTH:
            raise AuthError(AuthErrorKind.INVALID_TOKEN, "malformed refresh token")
        now = self._clock()
        error: AuthError | None = None
        with self._pool.connection() as conn, conn.transaction():
            row = conn.execute(
                "SELECT id, user_id, family_id, last_used_at, expires_at, revoked_at, "
                "revoke_reason FROM sessions WHERE refresh_hash = %s FOR UPDATE",
                (refresh_digest(refresh_token),),
            ).fetchone()
            if row is None:
                raise AuthError(AuthErrorKind.INVALID_TOKEN, "unknown refresh token")
            sid, user_id, family, last_used, expires, revoked_at, reason = row
            user = find_user_by_id(conn, user_id)
            assert user is not None
            error = self._refusal(conn, user, family, client, now, last_used, expires,
                                  revoked_at, reason)
            if error is None:
                new_refresh = new_refresh_token()
                conn.execute(
                    "UPDATE sessions SET revoked_at = %s, revoke_reason = 'rotated', "
                    "last_used_at = %s WHERE id = %s",
                    (now, now, sid),
                )
                conn.execute(
                    "INSERT INTO sessions (id, user_id, refresh_hash, family_id, "
                    "client_address, user_agent, created_at, last_used_at, expires_at) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (uuid.uuid4(), user.id, refresh_digest(new_refresh), family,
                     client.address, client.name, now, now, expires),
                )
                pair = self._pair(user, family, new_refresh, expires)
                self.audit.record(
                    Action.REFRESH, Outcome.OK, actor=pair.principal, client=client,
                    detail={"session": str(family)}, conn=conn,
                )
        if error is not None:
            self.access_cache.invalidate()  # a refusal may have ended the session
            raise error
        return pair

    def _refusal(
        self, conn: Conn, user: UserRecord, family: uuid.UUID, client: ClientInfo,
        now: datetime, last_used: datetime, expires: datetime, revoked_at: datetime | None,
        reason: str | None,
    ) -> AuthError | None:
        """Why this refresh is refused (after revoking what must be), or None if it may go on."""
        def end(why: str, kind: AuthErrorKind, action: Action = Action.REFRESH) -> AuthError:
            revoke_sessions(conn, family_id=family, reason=why, now=now)
            self.audit.record(
                action, Outcome.DENIED, username=user.username, role=user.role, client=client,
                detail={"session": str(family), "reason": why}, conn=conn,
            )
            return AuthError(kind)

        if revoked_at is not None:
            if reason == "rotated":
                return end("reuse_detected", AuthErrorKind.REFRESH_REUSED, Action.REFRESH_REUSE)
            return AuthError(AuthErrorKind.SESSION_REVOKED)
        if expires <= now:
            return end("expired", AuthErrorKind.SESSION_EXPIRED)
        if now - last_used > self.settings.idle_timeout:
            return end("idle", AuthErrorKind.SESSION_EXPIRED)
        if user.disabled:
            return end("user_disabled", AuthErrorKind.ACCOUNT_DISABLED)
        return None

    # -- access --------------------------------------------------------------------------------
    def verify_access(self, token: str) -> Principal:
        """The caller behind an access token, checked against the live session and user row,
        so logout, disable and role changes take effect at once (not at token expiry).

        A successful check is reused for up to ``access_cache.ttl_s`` (2 s); changes made
        through this service invalidate it at once, changes made by another process are seen
        within that bound (docs/security.md)."""
        cached = self.cached_access(token)
        if cached is not None:
            return cached
        claims = self.tokens.verify(token)
        now = self._clock()
        generation = self.access_cache.generation
        with self._pool.connection() as conn:
            row = conn.execute(
                "SELECT u.username, u.role, u.disabled, u.must_change_password, ("
                "  SELECT max(s.expires_at) FROM sessions s WHERE s.family_id = %s"
                "  AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > %s) "
                "FROM users u WHERE u.id = %s",
                (claims.sid, now, claims.uid),
            ).fetchone()
        if row is None or row[4] is None:
            raise AuthError(AuthErrorKind.SESSION_REVOKED)
        username, role, disabled, must_change = row[0], row[1], row[2], row[3]
        if disabled:
            raise AuthError(AuthErrorKind.ACCOUNT_DISABLED)
        principal = Principal(
            username=username, role=Role(role), user_id=claims.uid, session_id=claims.sid,
            must_change_password=bool(must_change),
        )
        self.access_cache.put(generation, token, principal, min(row[4], claims.expires_at))
        return principal

    def cached_access(self, token: str) -> Principal | None:
        """The caller if the token is valid and its session was checked within the cache's
        TTL and nothing invalidated it since; None means "ask :meth:`verify_access`". No I/O
        (the API's event loop calls it). A token that is not in the cache is not decoded here:
        :meth:`verify_access` does that."""
        if not isinstance(token, str):
            return None
        return self.access_cache.get(token, self._clock())

    def authenticate_api_key(self, key: str, client: ClientInfo) -> Principal:
        """A SCADA service account's principal from its API key (see ``ApiKeys``)."""
        return self.api_keys.authenticate(key, client)

    # -- logout --------------------------------------------------------------------------------
    def logout(
        self, client: ClientInfo, *, principal: Principal | None = None,
        refresh_token: str | None = None,
    ) -> None:
        """End the session named by an access principal or by a refresh token."""
        now = self._clock()
        with self._pool.connection() as conn, conn.transaction():
            family: uuid.UUID | None = principal.session_id if principal else None
            username, role = (principal.username, principal.role.value) if principal else (
                None, None)
            if family is None and isinstance(refresh_token, str) and \
                    0 < len(refresh_token) <= MAX_REFRESH_TOKEN_LENGTH:
                row = conn.execute(
                    "SELECT s.family_id, u.username, u.role FROM sessions s "
                    "JOIN users u ON u.id = s.user_id WHERE s.refresh_hash = %s",
                    (refresh_digest(refresh_token),),
                ).fetchone()
                if row is not None:
                    family, username, role = row
            if family is None:
                raise AuthError(AuthErrorKind.INVALID_TOKEN, "no session to end")
            revoke_sessions(conn, family_id=family, reason="logout", now=now)
            self.audit.record(
                Action.LOGOUT, Outcome.OK, username=username, role=role, client=client,
                detail={"session": str(family)}, conn=conn,
            )
        self.access_cache.invalidate()

    # -- own password --------------------------------------------------------------------------
    def change_password(
        self, principal: Principal, old_password: str, new_password: str, client: ClientInfo
    ) -> None:
        """Needs the current password; ends every other session of the user (a stolen one
        included) and clears a forced change. A wrong old password counts toward lockout."""
        principal.require(Permission.OWN_PASSWORD)
        if principal.user_id is None:
            raise AuthError(AuthErrorKind.INVALID_REQUEST, "no account to change")
        now = self._clock()
        error: AuthError | None = None
        with self._pool.connection() as conn, conn.transaction():
            user = find_user_by_id(conn, principal.user_id, for_update=True)
            if user is None or user.password_hash is None or user.disabled:
                raise AuthError(AuthErrorKind.FORBIDDEN)
            violations = check_policy(new_password, user.username)
            if normalize(new_password) == normalize(old_password):
                violations = (*violations, same_as_old_violation())
            if user.locked_until is not None and user.locked_until > now:
                error = AuthError(AuthErrorKind.ACCOUNT_LOCKED,
                                  retry_after_s=(user.locked_until - now).total_seconds())
            elif not verify_password(user.password_hash, old_password).ok:
                error = self._register_failure(conn, user, client, now, "bad_old_password")
                self._audit_password_change(conn, principal, client, Outcome.DENIED,
                                            {"reason": "bad_old_password"})
            elif violations:
                self._audit_password_change(
                    conn, principal, client, Outcome.FAILED,
                    {"reason": "policy", "violations": [v.key for v in violations]})
                error = AuthError(AuthErrorKind.POLICY_VIOLATION, violations=violations)
            else:
                conn.execute(
                    "UPDATE users SET password_hash = %s, must_change_password = false, "
                    "password_changed_at = %s, failed_logins = 0, locked_until = NULL "
                    "WHERE id = %s",
                    (hash_password(new_password), now, user.id),
                )
                ended = revoke_sessions(conn, user_id=user.id, reason="password_change",
                                        now=now, except_family=principal.session_id)
                self._audit_password_change(conn, principal, client, Outcome.OK,
                                            {"other_sessions_ended": ended})
        self.access_cache.invalidate()  # other sessions ended, a forced change cleared
        if error is not None:
            raise error

    def _audit_password_change(
        self, conn: Conn, principal: Principal, client: ClientInfo, outcome: Outcome,
        detail: dict[str, Any],
    ) -> None:
        self.audit.record(Action.PASSWORD_CHANGE, outcome, actor=principal, client=client,
                          target=principal.username, detail=detail, conn=conn)
