"""/api/grants: per-tag write grants (``tag_write_permissions``), admins only.

A tag write needs the role's ``tags.write`` *and* a grant naming the tag (docs/security.md).
Grants name a tag or a glob pattern (``W*.ESP.FREQ_SP``) and are stored as written, so a well
added to the field later is covered; a pattern that matches none of the field's writable tags
is refused, and every answer lists the writable tags a grant covers now. Every change is an
audited ``config_change`` with the old and new grant (``TagWritePolicy``). Changing a grant
changes nothing in the field: it decides who may select and operate next.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field, model_validator

from edge_server.api.deps import Ctx
from edge_server.api.errors import ERROR_RESPONSES, ErrorBody
from edge_server.api.security import client_info, require
from edge_server.auth.models import Principal
from edge_server.auth.roles import Permission, Role
from edge_server.auth.tag_writes import TagGrant, covered

router = APIRouter(prefix="/grants", tags=["grants"], responses={
    **ERROR_RESPONSES, 404: {"model": ErrorBody}, 409: {"model": ErrorBody}})

ConfigAdmin = Annotated[Principal, require(Permission.MANAGE_CONFIG)]
SELECTOR = r"^[A-Za-z0-9_.\-*?\[\]!]{1,160}$"
MAX_LISTED = 100  # tags listed per grant in an answer (``covers`` counts them all)


class Grant(BaseModel):
    id: int
    tag: str = Field(description="tag name or glob pattern, as granted")
    role: Role | None
    username: str | None
    min_value: float | None = Field(description="null: the tag's engineering minimum")
    max_value: float | None = Field(description="null: the tag's engineering maximum")
    created_at: datetime
    created_by: str | None
    covers: int = Field(description="writable tags of the field it matches now")
    tags: list[str] = Field(description=f"those tags, sorted (at most {MAX_LISTED})")


class NewGrant(BaseModel):
    tag: Annotated[str, Field(pattern=SELECTOR, description=(
        "a tag name (W01.ESP.FREQ_SP) or glob pattern (W*.ESP.FREQ_SP, *.SEP.PRES_SP)"))]
    role: Role | None = None
    username: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    min_value: float | None = Field(default=None, allow_inf_nan=False)
    max_value: float | None = Field(default=None, allow_inf_nan=False)

    @model_validator(mode="after")
    def _one_grantee(self) -> NewGrant:
        if (self.role is None) == (self.username is None):
            raise ValueError("give exactly one of role or username")
        if (self.min_value is not None and self.max_value is not None
                and self.min_value > self.max_value):
            raise ValueError("min_value is above max_value")
        return self


def _writable(ctx: Ctx) -> list[str]:
    return [t.name for t in ctx.engine.field.tags() if t.writable]


def _out(g: TagGrant, writable: list[str]) -> Grant:
    names = [g.tag] if g.by_id else covered(g.tag, writable)
    return Grant(id=g.id, tag=g.tag, role=g.role, username=g.username, min_value=g.min_value,
                 max_value=g.max_value, created_at=g.created_at, created_by=g.created_by,
                 covers=len(names), tags=names[:MAX_LISTED])


@router.get("", response_model=list[Grant])
def list_grants(
    who: ConfigAdmin, ctx: Ctx,
    tag: Annotated[str | None, Query(min_length=1, max_length=128,
                                     description="only grants that apply to this tag")] = None,
    role: Role | None = None,
    username: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
) -> list[Grant]:
    """Oldest first."""
    writable = _writable(ctx)
    return [_out(g, writable) for g in ctx.auth.tag_writes.list_grants(
        who, tag=tag, role=role, username=username)]


@router.post("", response_model=Grant, status_code=201)
def add_grant(body: NewGrant, who: ConfigAdmin, ctx: Ctx, request: Request) -> Grant:
    """Grant writes on a tag or pattern to a role or one user, optionally within limits
    (else the tag's engineering range). 422 if it matches no writable tag; 409 if the same
    tag/pattern is already granted to the same role or user (remove it to change limits)."""
    writable = _writable(ctx)
    grant = ctx.auth.tag_writes.add(
        who, client_info(request), body.tag, role=body.role, username=body.username,
        min_value=body.min_value, max_value=body.max_value, writable=writable)
    return _out(grant, writable)


@router.delete("/{grant_id}", status_code=204)
def remove_grant(
    grant_id: Annotated[int, Path(ge=1, le=2**31 - 1)], who: ConfigAdmin, ctx: Ctx,
    request: Request,
) -> None:
    """Effective at the next select or operate (an open selection cannot be operated)."""
    ctx.auth.tag_writes.remove(who, client_info(request), grant_id)
