"""Authentication and the per-endpoint permission declaration.

Every endpoint (except the few in ``PUBLIC_PATHS``) takes its caller from
``Depends(require(Permission.X))``: that one dependency authenticates (``Authorization: Bearer
<access JWT>`` for people, ``X-API-Key`` for scada service accounts), checks the permission
against ``edge_server.auth.roles.ROLE_PERMISSIONS`` and audits refusals. ``create_app`` refuses
to build an app with a route that declares no permission, and the tests read the declarations
back (``declared_permission``) to prove the whole role matrix.

Why the dependency is async with a thread-pool fallback: a token whose session was checked
moments ago is answered from the auth service's access cache on the event loop (no I/O, no
thread hop: most requests of a busy HMI); anything that needs the database (a cache miss, an
API key, auditing a refusal) runs in FastAPI's thread pool, off the loop the scanner shares.
Logout, disable and role changes made through this process invalidate the cache at once
(edge_server/auth/access_cache.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from edge_server.auth.audit import Action, Outcome
from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal
from edge_server.auth.roles import Permission, require_permission
from edge_server.auth.service import AuthService

MAX_CREDENTIAL_LENGTH = 4096

#: Routes reachable without credentials (everything else must declare a permission).
PUBLIC_PATHS = frozenset({
    ("GET", "/api/health"), ("POST", "/api/auth/login"), ("POST", "/api/auth/refresh"),
    ("GET", "/api/auth/policy"),
})

bearer_scheme = HTTPBearer(auto_error=False, description="Access token from /api/auth/login")
api_key_scheme = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="API key of a scada service account")


def client_info(request: Request) -> ClientInfo:
    """The peer address as the socket saw it (X-Forwarded-For is not trusted: the API is not
    meant to sit behind a proxy) and the client's self-declared name, for the audit log."""
    name = request.headers.get("x-client-name") or request.headers.get("user-agent")
    return ClientInfo(address=request.client.host if request.client else None, name=name)


def auth_service(request: Request) -> AuthService:
    service: AuthService = request.app.state.ctx.auth
    return service


def authenticate(
    request: Request,
    bearer: HTTPAuthorizationCredentials | None,
    api_key: str | None,
) -> Principal:
    """The caller, or AuthError (401). A bearer token wins over an API key."""
    auth = auth_service(request)
    if bearer is not None:
        if len(bearer.credentials) > MAX_CREDENTIAL_LENGTH:
            raise AuthError(AuthErrorKind.INVALID_TOKEN, "token too long")
        return auth.verify_access(bearer.credentials)
    if api_key:
        if len(api_key) > MAX_CREDENTIAL_LENGTH:
            raise AuthError(AuthErrorKind.INVALID_CREDENTIALS, "malformed API key")
        return auth.authenticate_api_key(api_key, client_info(request))
    raise AuthError(AuthErrorKind.INVALID_TOKEN, "no credentials: send Authorization: Bearer "
                                                 "<token> or X-API-Key")


def cached_principal(
    request: Request, bearer: HTTPAuthorizationCredentials | None,
) -> Principal | None:
    """The caller from the access cache (no I/O, safe on the event loop), or None when the
    full check must run (in the thread pool)."""
    if bearer is None:
        return None
    if len(bearer.credentials) > MAX_CREDENTIAL_LENGTH:
        raise AuthError(AuthErrorKind.INVALID_TOKEN, "token too long")
    return auth_service(request).cached_access(bearer.credentials)


class RequirePermission:
    """The dependency behind ``require``; carries its permission so it can be read back."""

    def __init__(self, permission: Permission, *, during_password_change: bool) -> None:
        self.permission = permission
        self.during_password_change = during_password_change

    async def __call__(
        self,
        request: Request,
        bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
        api_key: Annotated[str | None, Depends(api_key_scheme)],
    ) -> Principal:
        principal = cached_principal(request, bearer)
        if principal is None:
            principal = await run_in_threadpool(authenticate, request, bearer, api_key)
        try:
            if self.during_password_change:
                require_permission(principal.role, self.permission)
            else:
                principal.require(self.permission)
        except AuthError as exc:
            if exc.kind is AuthErrorKind.FORBIDDEN:
                await run_in_threadpool(self._audit_refusal, request, principal)
            raise
        request.state.principal = principal
        return principal

    def _audit_refusal(self, request: Request, principal: Principal) -> None:
        auth_service(request).audit.record(
            Action.ACCESS_DENIED, Outcome.DENIED, actor=principal, client=client_info(request),
            target=f"{request.method} {request.url.path}"[:256],
            detail={"permission": self.permission.value},
        )


def require(permission: Permission, *, during_password_change: bool = False) -> Any:
    """``Depends`` for an endpoint needing ``permission``; returns the ``Principal``.

    ``during_password_change``: also allowed while a forced password change is pending
    (who am I, log out), which ``Principal.require`` otherwise refuses.
    """
    return Depends(RequirePermission(permission, during_password_change=during_password_change))


def declared_permission(route: APIRoute) -> Permission | None:
    """The permission a route declares through ``require`` (searched through its
    dependencies), or None."""
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, RequirePermission):
            return dep.call.permission
        stack.extend(dep.dependencies)
    return None


def check_declarations(routes: list[tuple[str, str, APIRoute]]) -> None:
    """Refuse to build an app with an endpoint that is neither public nor declares a
    permission: forgetting the declaration must fail at start, not open a hole."""
    for method, path, route in routes:
        if (method, path) not in PUBLIC_PATHS and declared_permission(route) is None:
            raise RuntimeError(f"{method} {path} declares no Permission")


Caller = Principal  # annotation alias used by the routers
