"""Plain values the auth services take and return (what the API layer will serialise)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.roles import Permission, Role, require_permission


@dataclass(frozen=True)
class ClientInfo:
    """Where a request came from; recorded with every audit row (IEC 62443 CR 2.8)."""

    address: str | None = None
    name: str | None = None  # user agent, HMI station name, "oilfield-cli"

    def __post_init__(self) -> None:
        # Bounded, so a hostile User-Agent cannot bloat the audit log.
        object.__setattr__(self, "address", (self.address or None) and self.address[:64])
        object.__setattr__(self, "name", (self.name or None) and self.name[:256])


@dataclass(frozen=True)
class Principal:
    """An authenticated caller, as every service method and endpoint sees it."""

    username: str
    role: Role
    user_id: int | None  # None for the local CLI (root on the edge box)
    session_id: uuid.UUID | None = None  # the login session (refresh family); None for API keys
    must_change_password: bool = False
    via: str = "session"  # "session", "api_key" or "local"

    def require(self, permission: Permission) -> None:
        """Raise unless allowed. A pending forced password change allows only that change."""
        if self.must_change_password and permission is not Permission.OWN_PASSWORD:
            raise AuthError(AuthErrorKind.PASSWORD_CHANGE_REQUIRED)
        require_permission(self.role, permission)


@dataclass(frozen=True)
class TokenPair:
    """What a login or refresh returns. The refresh token is shown to the client only here."""

    access_token: str
    access_expires_at: datetime
    refresh_token: str
    session_expires_at: datetime
    principal: Principal

    @property
    def must_change_password(self) -> bool:
        return self.principal.must_change_password


@dataclass(frozen=True)
class UserInfo:
    """A user as administrators see it (never the hash)."""

    id: int
    username: str
    display_name: str
    role: Role
    disabled: bool
    must_change_password: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    password_changed_at: datetime | None


@dataclass(frozen=True)
class ApiKeyInfo:
    id: int
    username: str
    prefix: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class CreatedApiKey:
    """The full key is in ``key`` and is never retrievable again (only its HMAC is stored)."""

    key: str
    info: ApiKeyInfo
