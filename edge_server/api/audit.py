"""/api/audit: search the audit log (supervisors, admins) through ``AuditLog.search``, whose
SQL is fixed fragments with bound parameters: filter text is never SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import AwareDatetime, BaseModel, Field

from edge_server.api.deps import check_time
from edge_server.api.errors import ERROR_RESPONSES
from edge_server.api.security import auth_service, require
from edge_server.auth.audit import AuditFilter
from edge_server.auth.models import Principal
from edge_server.auth.roles import Permission
from edge_server.auth.service import AuthService

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERROR_RESPONSES)


class AuditRow(BaseModel):
    id: int
    ts: datetime
    username: str | None
    role: str | None
    client_address: str | None
    client_name: str | None
    action: str
    target: str | None
    old_value: str | None
    new_value: str | None
    outcome: str
    detail: dict[str, Any]


class AuditPageOut(BaseModel):
    entries: list[AuditRow]
    next_before_id: int | None = Field(description="pass as before_id for the older page")


@router.get("", response_model=AuditPageOut)
def search(
    who: Annotated[Principal, require(Permission.READ_AUDIT)],
    auth: Annotated[AuthService, Depends(auth_service)],
    start: AwareDatetime | None = None,
    end: AwareDatetime | None = None,
    username: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    target_prefix: Annotated[str | None, Query(max_length=256)] = None,
    outcome: Literal["ok", "denied", "failed"] | None = None,
    before_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditPageOut:
    """Newest first, keyset-paged; all filters optional and combined with AND."""
    page = auth.audit.search(who, AuditFilter(
        start=check_time("start", start) if start else None,
        end=check_time("end", end) if end else None,
        username=username, action=action, target_prefix=target_prefix, outcome=outcome,
        before_id=before_id, limit=limit,
    ))
    return AuditPageOut(entries=[AuditRow(**vars(e)) for e in page.entries],
                        next_before_id=page.next_before_id)
