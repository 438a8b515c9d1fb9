"""/api/health: the design notes' health format (sec. 8.3), for load balancers, IT monitoring
and the HMI's status bar. No credentials needed, so it carries summaries only: counts, states
and the version, never the database URL, error texts, device addresses or user names."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel

from edge_server.api.deps import Ctx

router = APIRouter(tags=["health"])


class DevicesSummary(BaseModel):
    total: int
    connected: int
    down: int
    connecting: int


class HistorianSummary(BaseModel):
    db_connected: bool
    buffered_rows: int
    spill_files: int
    dropped_rows: int


class AlarmsSummary(BaseModel):
    running: bool
    active: int
    unacknowledged: int
    by_priority: dict[str, int]
    shelved: int
    out_of_service: int
    flood_areas: list[str]


class Health(BaseModel):
    status: Literal["healthy", "degraded", "unhealthy", "starting"]
    version: str
    database: Literal["connected", "disconnected"]
    mqtt: str
    uptime_seconds: int
    site: str
    generated_at: datetime
    devices: DevicesSummary
    historian: HistorianSummary
    alarms: AlarmsSummary


def _int(d: dict[str, Any], key: str) -> int:
    value = d.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


def summarise(report: dict[str, Any], *, running: bool) -> Health:
    states = [str(d.get("state")) for d in report.get("devices", {}).values()]
    hist = report.get("historian", {})
    alarms = report.get("alarms", {})
    return Health(
        status=report.get("status", "starting") if running else "starting",
        version=str(report.get("version", "")),
        database=report.get("database", "disconnected"),
        mqtt=str(report.get("mqtt", "not configured")),
        uptime_seconds=_int(report, "uptime_seconds"),
        site=str(report.get("site", "")),
        generated_at=report["generated_at"],
        devices=DevicesSummary(
            total=len(states), connected=states.count("connected"), down=states.count("down"),
            connecting=states.count("connecting")),
        historian=HistorianSummary(
            db_connected=bool(hist.get("db_connected", False)),
            buffered_rows=_int(hist, "buffered_rows"), spill_files=_int(hist, "spill_files"),
            dropped_rows=_int(hist, "dropped_rows")),
        alarms=AlarmsSummary(
            running=bool(alarms), active=_int(alarms, "active"),
            unacknowledged=_int(alarms, "unacknowledged"),
            by_priority={str(k): int(v) for k, v in alarms.get("by_priority", {}).items()},
            shelved=_int(alarms, "shelved"), out_of_service=_int(alarms, "out_of_service"),
            flood_areas=[str(a) for a in alarms.get("flood_areas", [])]),
    )


@router.get("/health", response_model=Health)
def health(ctx: Ctx) -> Health:
    """Overall status: healthy, degraded (a device down, samples held back, database away),
    unhealthy (no device answers, samples dropped) or starting."""
    report = ctx.engine.health()
    report["version"] = ctx.version or report.get("version", "")
    return summarise(report, running=ctx.engine.scanner is not None)
