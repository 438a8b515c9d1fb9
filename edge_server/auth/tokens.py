"""Access tokens (JWT, HS256) and refresh tokens (opaque).

Access tokens are short-lived (10 min) bearer tokens checked on every request. Verification
pins the algorithm to HS256 (so ``alg: none``, HS512 and RS256/"key confusion" forgeries are
refused), requires every claim, and checks issuer and audience. Expiry is checked against the
injected clock rather than PyJWT's wall clock, so sessions, lockouts and tokens share one time
source (tests move it; production passes the real one).

Refresh tokens are 256 random bits, never stored: only their SHA-256 is. A slow hash buys
nothing for a value with 256 bits of entropy, and a fast one keeps refresh cheap.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.roles import Role

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("sub", "uid", "role", "sid", "iat", "exp", "jti", "iss", "aud")
MAX_TOKEN_LENGTH = 4096  # anything longer is not ours; refuse before parsing
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AccessClaims:
    sub: str  # username
    role: Role
    sid: uuid.UUID  # the login session (refresh-token family)
    uid: int
    jti: str
    issued_at: datetime
    expires_at: datetime
    must_change_password: bool


class TokenCodec:
    """Issues and verifies access tokens with one secret, issuer, audience and clock."""

    def __init__(
        self, secret: bytes, *, issuer: str, audience: str, ttl: timedelta, clock: Clock = utcnow
    ) -> None:
        if len(secret) < 32:
            raise ValueError("the JWT secret must be at least 256 bits")
        self._secret = secret
        self.issuer = issuer
        self.audience = audience
        self.ttl = ttl
        self._clock = clock

    def issue(
        self, *, username: str, user_id: int, role: Role, session_id: uuid.UUID,
        must_change_password: bool = False,
    ) -> tuple[str, datetime]:
        now = self._clock()
        expires = now + self.ttl
        claims: dict[str, Any] = {
            "sub": username, "uid": user_id, "role": role.value, "sid": str(session_id),
            "iat": int(now.timestamp()), "exp": int(expires.timestamp()),
            "jti": secrets.token_urlsafe(16), "iss": self.issuer, "aud": self.audience,
            "mcp": must_change_password,
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM), expires

    def verify(self, token: object) -> AccessClaims:
        """The token's claims, or AuthError (INVALID_TOKEN / TOKEN_EXPIRED) and nothing else."""
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
            raise AuthError(AuthErrorKind.INVALID_TOKEN, "malformed token")
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=[ALGORITHM], issuer=self.issuer,
                audience=self.audience,
                # exp/iat are checked below against the injected clock; presence is required here
                options={"require": list(REQUIRED_CLAIMS), "verify_exp": False,
                         "verify_iat": False, "verify_nbf": False},
            )
        except jwt.PyJWTError as exc:
            raise AuthError(AuthErrorKind.INVALID_TOKEN, type(exc).__name__) from None
        except Exception:  # a crafted token must never surface as anything but "invalid"
            raise AuthError(AuthErrorKind.INVALID_TOKEN, "undecodable token") from None
        return self._claims(claims)

    def _claims(self, claims: dict[str, Any]) -> AccessClaims:
        try:
            iat, exp, uid = claims["iat"], claims["exp"], claims["uid"]
            if not all(type(v) is int for v in (iat, exp, uid)):
                raise ValueError("iat, exp and uid must be integers")
            if not isinstance(claims["sub"], str) or not isinstance(claims["jti"], str):
                raise ValueError("sub and jti must be strings")
            parsed = AccessClaims(
                sub=claims["sub"], role=Role(claims["role"]), sid=uuid.UUID(str(claims["sid"])),
                uid=uid, jti=claims["jti"],
                issued_at=datetime.fromtimestamp(iat, UTC),
                expires_at=datetime.fromtimestamp(exp, UTC),
                must_change_password=claims.get("mcp") is True,
            )
        except (ValueError, TypeError, KeyError, OverflowError, OSError):
            raise AuthError(AuthErrorKind.INVALID_TOKEN, "bad claims") from None
        now = self._clock()
        if parsed.expires_at <= now:
            raise AuthError(AuthErrorKind.TOKEN_EXPIRED)
        if parsed.issued_at > now + timedelta(seconds=30) or parsed.issued_at > parsed.expires_at:
            raise AuthError(AuthErrorKind.INVALID_TOKEN, "issued in the future")
        return parsed


def new_refresh_token() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def refresh_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
