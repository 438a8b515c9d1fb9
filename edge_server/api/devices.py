"""/api/devices: per-device communications status from the scanner (state, last good poll,
failures, timeouts, reconnects, overruns), with the device's site and model from the field."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel

from edge_server.api.deps import Ctx, epoch_to_dt
from edge_server.api.errors import ERROR_RESPONSES
from edge_server.api.security import require
from edge_server.auth.models import Principal
from edge_server.auth.roles import Permission

router = APIRouter(prefix="/devices", tags=["devices"], responses=ERROR_RESPONSES)


class DeviceComms(BaseModel):
    name: str
    site: str
    model: str
    driver: str
    tags: int
    state: str  # connecting | connected | down | not_scanned (engine starting)
    last_ok: datetime | None
    consecutive_failures: int
    requests: int
    timeouts: int
    exceptions: int
    reconnects: int
    overruns: int
    last_cycle_ms: float


@router.get("", response_model=list[DeviceComms])
def devices(_: Annotated[Principal, require(Permission.READ_TAGS)], ctx: Ctx) -> list[DeviceComms]:
    scanner = ctx.engine.scanner
    status = scanner.device_status() if scanner is not None else {}
    out = []
    for d in ctx.engine.field.devices():
        s = status.get(d.name, {})
        out.append(DeviceComms(
            name=d.name, site=d.site, model=d.model, driver=d.driver, tags=len(d.tags),
            state=str(s.get("state", "not_scanned")), last_ok=epoch_to_dt(s.get("last_ok")),
            consecutive_failures=int(s.get("consecutive_failures", 0)),
            requests=int(s.get("requests", 0)), timeouts=int(s.get("timeouts", 0)),
            exceptions=int(s.get("exceptions", 0)), reconnects=int(s.get("reconnects", 0)),
            overruns=int(s.get("overruns", 0)),
            last_cycle_ms=float(s.get("last_cycle_ms", 0.0)),
        ))
    return out
