"""Identification, authentication, authorization and audit for the edge API.

Start from ``AuthService`` (login, refresh, logout, access checks, with ``.users``,
``.api_keys``, ``.tag_writes`` and ``.audit``), ``roles.ROLE_PERMISSIONS`` (who may do what)
and ``errors.AuthError`` (the only exception the layer raises for a refusal).
docs/security.md explains the model and what it covers of IEC 62443-4-2 SL2.

The database-facing parts (psycopg, the pool, argon2) load on first use, so every ``oilfield``
command, which registers the ``user`` subcommands, does not pay for them at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal, TokenPair, UserInfo
from edge_server.auth.roles import ROLE_PERMISSIONS, Permission, Role, authorize
from edge_server.auth.settings import AuthSettings

if TYPE_CHECKING:
    from edge_server.auth.audit import Action, AuditFilter, AuditLog, AuditPage, Outcome
    from edge_server.auth.service import AuthService

_LAZY = {
    "Action": "edge_server.auth.audit", "AuditFilter": "edge_server.auth.audit",
    "AuditLog": "edge_server.auth.audit", "AuditPage": "edge_server.auth.audit",
    "Outcome": "edge_server.auth.audit", "AuthService": "edge_server.auth.service",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ROLE_PERMISSIONS", "Action", "AuditFilter", "AuditLog", "AuditPage", "AuthError",
    "AuthErrorKind", "AuthService", "AuthSettings", "ClientInfo", "Outcome", "Permission",
    "Principal", "Role", "TokenPair", "UserInfo", "authorize",
]
