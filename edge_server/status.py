"""``oilfield edge status``: the running engine's health report, read from its state folder.

The engine rewrites ``health.json`` every few seconds; a report older than STALE_AFTER_S means
the engine is not running (or hung), which is reported as such rather than shown as healthy.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any

STALE_AFTER_S = 15.0
EXIT_CODES = {"healthy": 0, "degraded": 1}


def read_report(health_file: Path) -> tuple[dict[str, Any] | None, str]:
    """(report, problem): the report, or None and why there is none."""
    try:
        age = time.time() - health_file.stat().st_mtime
        report = json.loads(health_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, f"no health report at {health_file}: the engine has not run with this config"
    except (OSError, ValueError) as exc:
        return None, f"cannot read {health_file}: {exc}"
    report["report_age_s"] = round(age, 1)
    if report.get("status") == "stopped":
        return report, "the engine was stopped"
    if age > STALE_AFTER_S:
        report["status"] = "not running"
        return report, f"the last health report is {age:.0f} s old: the engine is not running"
    return report, ""


def exit_code(report: dict[str, Any] | None) -> int:
    if report is None:
        return 3
    return EXIT_CODES.get(str(report.get("status")), 2)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    d, rem = divmod(seconds, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    return f"{d}d {h}h {m}m" if d else (f"{h}h {m}m" if h else f"{m}m {s}s")


def _when(epoch: float | None) -> str:
    if not epoch:
        return "never"
    return datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M:%S")


def render(report: dict[str, Any], problem: str) -> str:
    lines = [
        f"Edge {report.get('site', '?')!r}: {str(report.get('status', '?')).upper()}"
        f"   version {report.get('version')}, up {_duration(report.get('uptime_seconds', 0))},"
        f" report {report.get('report_age_s', 0)} s old",
    ]
    if problem:
        lines.append(f"  ! {problem}")
    lines.append(f"Database:  {report.get('database')}  ({report.get('database_url', '')})")
    role = report.get("database_role") or {}
    if role.get("status") in ("missing", "not_member"):
        lines.append(
            f"           the engine runs with the login's privileges, not as "
            f"{role.get('role', 'oilfield_engine')} ({role['status']}): the audit log is "
            "protected by its trigger only (docs/security.md)"
        )
    h = report.get("historian", {})
    lines.append(
        f"Historian: {h.get('written_rows', 0):,} rows written, {h.get('buffered_rows', 0):,} "
        f"buffered, {h.get('spill_files', 0)} spill files ({h.get('spilled_bytes', 0):,} bytes), "
        f"{h.get('dropped_rows', 0):,} dropped"
    )
    recent = h.get("recent")
    if recent and not recent.get("enabled", True):
        lines.append("           live trends read the database: the in-memory cache was turned "
                     "off after an error (see the log)")
    elif recent:
        since = str(recent.get("from", ""))[:16].replace("T", " ")
        lines.append(
            f"           live trends from memory: {recent.get('rows', 0):,} samples of "
            f"{recent.get('tags', 0)} tags since {since} UTC, "
            f"{recent.get('trends_served', 0):,} trends served"
            + ("" if recent.get("preloaded") else
               "; the hour before the start is not loaded yet (read from the database)"))
    if h.get("rejected_files"):
        lines.append(
            f"           {h['rejected_files']} spill file(s) refused by the database and kept "
            f"for inspection ({h.get('rejected_bytes', 0):,} bytes): see the spill folder"
        )
    if h.get("last_error"):
        lines.append(f"           last error: {h['last_error']}")
    if h.get("backend") == "timescaledb":
        failing: list[dict[str, Any]] = h.get("failing_jobs") or []
        if h.get("job_check_error"):
            lines.append(
                f"           TimescaleDB job statistics unreadable: {h['job_check_error']}"
            )
        elif failing:
            lines.append(f"           TimescaleDB: {len(failing)} background job(s) failing "
                         "(run by hand until fixed):")
            lines.extend(
                f"             job {j.get('job_id')} {j.get('proc_name')} on "
                f"{j.get('hypertable') or '-'}: {j.get('last_run_status') or 'never succeeded'}, "
                f"{j.get('total_failures', 0)} failures  -> {j.get('run_by_hand', '')}"
                for j in failing
            )
        else:
            lines.append("           TimescaleDB: background jobs running")
    lines.extend(_alarm_lines(report.get("alarms") or {}))
    lines.extend(_production_lines(report.get("production") or {}))
    devices: dict[str, dict[str, Any]] = report.get("devices", {})
    up = sum(1 for d in devices.values() if d.get("state") == "connected")
    lines.append(f"Devices:   {up} of {len(devices)} connected")
    for name, dev in sorted(devices.items()):
        if dev.get("state") != "connected":
            detail = dev.get("last_error") or ""
            lines.append(
                f"  {name:<12} {dev.get('state', '?'):<11} last ok {_when(dev.get('last_ok'))}"
                f"  failures {dev.get('consecutive_failures', 0)}  {detail}"
            )
    return "\n".join(lines)


def _alarm_lines(a: dict[str, Any]) -> list[str]:
    if not a:
        return []
    prio = a.get("by_priority") or {}
    by = ", ".join(f"{k} {v}" for k, v in prio.items() if v)
    line = (f"Alarms:    {a.get('active', 0)} active ({by or 'none'}), "
            f"{a.get('unacknowledged', 0)} unacknowledged, {a.get('shelved', 0)} shelved, "
            f"{a.get('out_of_service', 0)} out of service")
    out = [line]
    if a.get("flood_areas"):
        out.append(f"           alarm flood in: {', '.join(a['flood_areas'])}")
    if a.get("rejected_rows"):
        out.append(f"           {a['rejected_rows']} journal row(s) refused by the database: "
                   "see the log")
    return out


def _production_lines(p: dict[str, Any]) -> list[str]:
    """The daily production close: which days it closed last, which wait for rollups."""
    if not p:
        return []
    if not p.get("enabled", True):
        return ["Production: daily close disabled (production.enabled: false)"]
    last = p.get("last_run") or {}
    closed, waiting = last.get("closed") or [], last.get("waiting") or []
    if last:
        text = (f"{p.get('wells', 0)} wells; last run closed {len(closed)} day(s)"
                f"{' (' + closed[-1] + ')' if closed else ''}, {last.get('rows_written', 0)} "
                f"rows written; waiting for rollups: {', '.join(waiting) or 'none'}")
    else:
        text = f"{p.get('wells', 0)} wells; not run yet"
    out = [f"Production: {text}"]
    if p.get("error"):
        out.append(f"           last error: {p['error']}")
    return out
