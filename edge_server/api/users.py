"""/api/users and /api/api-keys: account administration (admins), on ``UserAdmin`` and
``ApiKeys``. Every change is audited by those services with the admin and client address.

Users are never deleted (only disabled), so there is no DELETE; API keys are revoked."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import AwareDatetime, BaseModel, Field

from edge_server.api.deps import Text
from edge_server.api.errors import ERROR_RESPONSES, ErrorBody
from edge_server.api.security import auth_service, client_info, require
from edge_server.auth.models import ApiKeyInfo, Principal, UserInfo
from edge_server.auth.roles import Permission, Role
from edge_server.auth.service import AuthService

router = APIRouter(tags=["users"], responses={
    **ERROR_RESPONSES, 404: {"model": ErrorBody}, 409: {"model": ErrorBody}})

Auth = Annotated[AuthService, Depends(auth_service)]
Admin = Annotated[Principal, require(Permission.MANAGE_USERS)]
KeyAdmin = Annotated[Principal, require(Permission.MANAGE_API_KEYS)]
Username = Annotated[str, Path(min_length=1, max_length=64)]


class User(BaseModel):
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

    @classmethod
    def of(cls, u: UserInfo) -> User:
        return cls(**{k: getattr(u, k) for k in cls.model_fields})


class NewUser(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=64)]
    role: Role
    password: Annotated[str | None, Field(max_length=1024)] = None  # none for scada
    display_name: Annotated[Text, Field(max_length=200)] = ""
    must_change_password: bool = True


class UserPatch(BaseModel):
    role: Role | None = None
    disabled: bool | None = None


class PasswordReset(BaseModel):
    new_password: Annotated[str, Field(min_length=1, max_length=1024)]
    temporary: bool = True  # the user must change it at next login


class ApiKey(BaseModel):
    id: int
    username: str
    prefix: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, k: ApiKeyInfo) -> ApiKey:
        return cls(**{f: getattr(k, f) for f in cls.model_fields})


class NewApiKey(BaseModel):
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    expires_at: AwareDatetime | None = None


class CreatedKey(BaseModel):
    key: str = Field(description="The full key: shown once, never retrievable again")
    info: ApiKey


@router.get("/users", response_model=list[User])
def list_users(actor: Admin, auth: Auth) -> list[User]:
    return [User.of(u) for u in auth.users.list_users(actor)]


@router.post("/users", response_model=User, status_code=201)
def create_user(body: NewUser, request: Request, actor: Admin, auth: Auth) -> User:
    """A human account needs a password meeting the policy; a scada account must have none."""
    return User.of(auth.users.create_user(
        actor, body.username, body.role, client_info(request), password=body.password,
        display_name=body.display_name, must_change_password=body.must_change_password))


@router.get("/users/{username}", response_model=User)
def get_user(username: Username, actor: Admin, auth: Auth) -> User:
    return User.of(auth.users.get_user(actor, username))


@router.patch("/users/{username}", response_model=User)
def patch_user(
    username: Username, body: UserPatch, request: Request, actor: Admin, auth: Auth
) -> User:
    """Role and/or disabled; each change audited with old and new value, effective on the
    user's next request."""
    client = client_info(request)
    info = auth.users.get_user(actor, username)
    if body.role is not None:
        info = auth.users.set_role(actor, username, body.role, client)
    if body.disabled is not None:
        info = auth.users.set_disabled(actor, username, body.disabled, client)
    return User.of(info)


@router.post("/users/{username}/reset-password", response_model=User)
def reset_password(
    username: Username, body: PasswordReset, request: Request, actor: Admin, auth: Auth
) -> User:
    return User.of(auth.users.reset_password(
        actor, username, body.new_password, client_info(request), temporary=body.temporary))


@router.post("/users/{username}/unlock", response_model=User)
def unlock(username: Username, request: Request, actor: Admin, auth: Auth) -> User:
    return User.of(auth.users.unlock(actor, username, client_info(request)))


@router.get("/api-keys", response_model=list[ApiKey])
def list_keys(
    actor: KeyAdmin, auth: Auth,
    username: Annotated[str | None, Query(max_length=64)] = None,
) -> list[ApiKey]:
    return [ApiKey.of(k) for k in auth.api_keys.list_keys(actor, username)]


@router.post("/users/{username}/api-keys", response_model=CreatedKey, status_code=201)
def create_key(
    username: Username, body: NewApiKey, request: Request, actor: KeyAdmin, auth: Auth
) -> CreatedKey:
    """For scada accounts only. The answer holds the key; store it now."""
    created = auth.api_keys.create(actor, username, body.name, client_info(request),
                                   expires_at=body.expires_at)
    return CreatedKey(key=created.key, info=ApiKey.of(created.info))


@router.delete("/api-keys/{prefix}", status_code=204)
def revoke_key(
    prefix: Annotated[str, Path(pattern=r"^[0-9a-f]{8}$")], request: Request,
    actor: KeyAdmin, auth: Auth,
) -> None:
    auth.api_keys.revoke(actor, prefix, client_info(request))
