"""Who may do what: one declarative table, so every API endpoint names the permission it needs.

Why a table of permissions rather than role checks scattered through endpoints: the table is
what an IEC 62443 assessor (CR 2.1, authorization enforcement) and a site's IT reviews, and a
change to it is a one-line diff. Tag writes are a two-step decision: the role must hold
``TAG_WRITE`` here, and ``tag_write_permissions`` must grant that tag (default deny), see
``edge_server.auth.tag_writes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from edge_server.auth.errors import AuthError, AuthErrorKind


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    OPERATOR = "operator"
    VIEWER = "viewer"
    SCADA = "scada"  # service account for other systems/devices: API keys, no password


class Permission(StrEnum):
    READ_TAGS = "tags.read"
    READ_HISTORY = "history.read"
    READ_ALARMS = "alarms.read"
    ALARM_ACK = "alarms.ack"
    ALARM_SHELVE = "alarms.shelve"
    ALARM_COMMENT = "alarms.comment"
    ALARM_OUT_OF_SERVICE = "alarms.out_of_service"
    TAG_WRITE = "tags.write"  # further limited per tag by tag_write_permissions
    READ_AUDIT = "audit.read"
    MANAGE_USERS = "users.manage"
    MANAGE_API_KEYS = "apikeys.manage"
    MANAGE_CONFIG = "config.manage"
    OWN_PASSWORD = "self.password"  # change one's own password
    OWN_SESSION = "self.session"  # see/refresh/end one's own session


HUMAN_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.OPERATOR, Role.VIEWER})

_READ = frozenset({Permission.READ_TAGS, Permission.READ_HISTORY, Permission.READ_ALARMS})
_SELF = frozenset({Permission.OWN_PASSWORD, Permission.OWN_SESSION})
_OPERATE = frozenset({
    Permission.ALARM_ACK, Permission.ALARM_SHELVE, Permission.ALARM_COMMENT, Permission.TAG_WRITE,
})
_SUPERVISE = frozenset({Permission.ALARM_OUT_OF_SERVICE, Permission.READ_AUDIT})
_ADMINISTER = frozenset({
    Permission.MANAGE_USERS, Permission.MANAGE_API_KEYS, Permission.MANAGE_CONFIG,
})

#: The whole policy. Read it as: a role may do exactly what is listed, nothing else.
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.VIEWER: _READ | _SELF,
    Role.OPERATOR: _READ | _SELF | _OPERATE,
    Role.SUPERVISOR: _READ | _SELF | _OPERATE | _SUPERVISE,
    Role.ADMIN: _READ | _SELF | _OPERATE | _SUPERVISE | _ADMINISTER,
    # Reads, plus only the tag writes tag_write_permissions grants it explicitly.
    Role.SCADA: _READ | {Permission.TAG_WRITE},
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def require_permission(role: Role, permission: Permission) -> None:
    """Raise FORBIDDEN unless ``role`` holds ``permission``."""
    if not has_permission(role, permission):
        raise AuthError(AuthErrorKind.FORBIDDEN, f"role {role.value} lacks {permission.value}")


def authorize(role: Role, required_roles: Iterable[Role]) -> None:
    """Raise FORBIDDEN unless ``role`` is one of ``required_roles`` (for role-based gates)."""
    allowed = frozenset(required_roles)
    if role not in allowed:
        raise AuthError(
            AuthErrorKind.FORBIDDEN,
            f"role {role.value} not in {sorted(r.value for r in allowed)}",
        )


def parse_role(value: str) -> Role:
    """A role from user input, or INVALID_REQUEST naming the valid ones."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise AuthError(
            AuthErrorKind.INVALID_REQUEST,
            f"unknown role {value!r}: one of {', '.join(r.value for r in Role)}",
        ) from None
