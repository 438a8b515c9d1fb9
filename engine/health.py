"""The health report (design notes 03, sec. 8.3), extended with per-device comms and the
historian's store-and-forward state, and
the alarm figures (active, unacknowledged, by priority, shelved, areas in flood, journal backlog).

``status`` is ``healthy`` when the database is connected and every device answers, ``degraded``
when some device is down, samples are being held back (spill files), the database refused a
batch that now waits in quarantine for a person, or refused alarm journal rows (``alarms``
``rejected_rows``: quarantined, logged), or, on the TimescaleDB backend, a background job
(compression, continuous-aggregate refresh, retention) fails or its statistics cannot be read
(``historian`` ``failing_jobs`` / ``job_check_error``, from
``engine.historian.backend.StorageMonitor``: those jobs are known to fail on some PostgreSQL
releases, and a failing one silently stops compressing or expiring data), and ``unhealthy``
when no device answers or samples are being dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _alarm_rejected_rows(alarms: Mapping[str, Any] | None) -> int:
    """Alarm journal rows the database refused (quarantined), from the alarm section."""
    if not alarms:
        return 0
    journal = alarms.get("journal") or {}
    return int(alarms.get("rejected_rows", journal.get("rejected_rows", 0)) or 0)


def overall_status(database_connected: bool, devices: Mapping[str, Mapping[str, Any]],
                   historian: Mapping[str, Any],
                   alarms: Mapping[str, Any] | None = None) -> str:
    states = [d.get("state") for d in devices.values()]
    up = sum(1 for s in states if s == "connected")
    if historian.get("dropped_rows", 0) > 0 or (states and up == 0):
        return "unhealthy"
    if (
        not database_connected
        or up < len(states)
        or historian.get("spill_files", 0) > 0
        or historian.get("rejected_files", 0) > 0
        or bool(historian.get("failing_jobs"))
        or bool(historian.get("job_check_error"))
        or _alarm_rejected_rows(alarms) > 0
    ):
        return "degraded"
    return "healthy"


def build_report(
    *,
    version: str,
    site: str,
    uptime_s: float,
    database_connected: bool,
    database_url: str,
    devices: Mapping[str, Mapping[str, Any]],
    historian: Mapping[str, Any],
    now_iso: str,
    alarms: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "status": overall_status(database_connected, devices, historian, alarms),
        "version": version,
        "site": site,
        "database": "connected" if database_connected else "disconnected",
        "database_url": database_url,
        "mqtt": "not configured",
        "uptime_seconds": round(uptime_s),
        "generated_at": now_iso,
        "devices": {name: dict(status) for name, status in devices.items()},
        "historian": dict(historian),
        "alarms": _alarm_section(alarms),
    }


def _alarm_section(alarms: Mapping[str, Any] | None) -> dict[str, Any]:
    section = dict(alarms or {})
    if section:
        section["rejected_rows"] = _alarm_rejected_rows(section)
    return section
