"""/api/auth: log in, refresh, log out, change one's own password, who am I.

Login and refresh are the only unauthenticated writes; login is rate limited per client
address (``ratelimit``) on top of the account lockout. Token answers are ``no-store`` (the
security headers middleware sends it on every answer).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from edge_server.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from edge_server.api.security import auth_service, client_info, require
from edge_server.auth.models import Principal, TokenPair
from edge_server.auth.roles import Permission, Role
from edge_server.auth.service import AuthService

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERROR_RESPONSES)


class LoginRequest(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]


class RefreshRequest(BaseModel):
    refresh_token: Annotated[str, Field(min_length=1, max_length=256)]


class ChangePasswordRequest(BaseModel):
    old_password: Annotated[str, Field(min_length=1, max_length=1024)]
    new_password: Annotated[str, Field(min_length=1, max_length=1024)]


class Me(BaseModel):
    username: str
    role: Role
    permissions: list[Permission]
    via: str
    must_change_password: bool


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "Bearer"
    access_expires_at: datetime
    refresh_token: str
    session_expires_at: datetime
    must_change_password: bool
    user: Me


def _me(p: Principal) -> Me:
    from edge_server.auth.roles import ROLE_PERMISSIONS

    return Me(username=p.username, role=p.role, via=p.via,
              permissions=sorted(ROLE_PERMISSIONS.get(p.role, frozenset())),
              must_change_password=p.must_change_password)


def _tokens(pair: TokenPair) -> TokenResponse:
    return TokenResponse(
        access_token=pair.access_token, access_expires_at=pair.access_expires_at,
        refresh_token=pair.refresh_token, session_expires_at=pair.session_expires_at,
        must_change_password=pair.must_change_password, user=_me(pair.principal),
    )


Auth = Annotated[AuthService, Depends(auth_service)]


class SessionPolicy(BaseModel):
    login_banner: str = Field(description="system use notification to show before login "
                                          "(empty: none)")
    lock_after_minutes: float = Field(description="clients lock their session after this "
                                                  "long without input (0: never)")


@router.get("/policy", response_model=SessionPolicy)
def policy(request: Request) -> SessionPolicy:
    """Public: what a client shows and enforces around login (IEC 62443-3-3 SR 1.12 system use
    notification, SR 2.5 session lock), as configured in edge.yaml (``api.login_banner``,
    ``api.hmi_lock_minutes``)."""
    ctx = request.app.state.ctx
    return SessionPolicy(login_banner=ctx.settings.login_banner,
                         lock_after_minutes=ctx.settings.hmi_lock_minutes)


@router.post("/login", response_model=TokenResponse,
             responses={423: {"model": ErrorBody}, 429: {"model": ErrorBody}})
def login(body: LoginRequest, request: Request, auth: Auth) -> TokenResponse:
    """Username and password for an access token (10 min) and a refresh token (rotating)."""
    client = client_info(request)
    wait = request.app.state.login_limiter.check(client.address)
    if wait is not None:
        raise ApiError(429, "rate_limited", {"retry_after_s": round(wait)},
                       headers={"Retry-After": str(max(1, round(wait)))})
    return _tokens(auth.login(body.username, body.password, client))


@router.post("/refresh", response_model=TokenResponse)
def refresh(body: RefreshRequest, request: Request, auth: Auth) -> TokenResponse:
    """Spend a refresh token for a new pair. Presenting a spent one ends the session."""
    return _tokens(auth.refresh(body.refresh_token, client_info(request)))


@router.post("/logout", status_code=204)
def logout(
    request: Request, auth: Auth,
    principal: Annotated[Principal, require(Permission.OWN_SESSION,
                                            during_password_change=True)],
) -> None:
    """End the caller's session (every token of it, refresh included)."""
    auth.logout(client_info(request), principal=principal)


@router.post("/change-password", status_code=204, responses={423: {"model": ErrorBody}})
def change_password(
    body: ChangePasswordRequest, request: Request, auth: Auth,
    principal: Annotated[Principal, require(Permission.OWN_PASSWORD)],
) -> None:
    """Needs the current password; ends the user's other sessions."""
    auth.change_password(principal, body.old_password, body.new_password, client_info(request))


@router.get("/me", response_model=Me)
def me(
    principal: Annotated[Principal, require(Permission.OWN_SESSION,
                                            during_password_change=True)],
) -> Me:
    """The caller's name, role and permissions (what the HMI enables)."""
    return _me(principal)
