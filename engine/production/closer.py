"""The day closer: every well's producing day, computed from the historian once it is complete.

A producing day is the site's local calendar day (``timezone`` in edge.yaml, default this
machine's zone). It is *closed* (computed and written with source ``historian``) once

* it has ended, and the 1-hour rollup watermark has passed its last hour (every hour of it is
  then final in ``historian.rollup_1h``), and
* no late-data repair of the rollups is pending over it (``historian.rollup_dirty``): a spill
  replayed after an outage is rolled up first, then the day is (re)closed.

``run_once(now)`` looks at the last ``catchup_days`` days (yesterday and before), so days missed
while the edge was off are closed at the next start, and a day whose hourly rollups changed
afterwards (a late backfill) is closed again. To avoid recomputing a week of every well every
few minutes, a cheap per-day fingerprint of the rollup rows and of the stored rows is compared
with the last run's; only changed days are read and written. Writes go through
``repository.write`` and so never replace an imported or manual row.

Runs in a worker thread (``EdgeEngine`` calls it through ``asyncio.to_thread``): it owns its
own short-lived connection and never touches the scan loop.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import psycopg

from domain.field import Field
from domain.production import (
    DailyProduction,
    HourAggregate,
    Source,
    WellTags,
    close_day,
    production_tags,
)
from engine.historian.rollups import HOUR, ceil_to, floor_to
from engine.production import repository
from engine.store.roles import connect as engine_connect
from engine.store.urls import libpq_url

log = logging.getLogger(__name__)

_FAR = datetime.max.replace(tzinfo=UTC)

_WATERMARK = """
SELECT CASE WHEN watermark = 'infinity' THEN NULL ELSE watermark END,
       watermark = 'infinity'
FROM historian.rollup_state WHERE tier = '1h'
"""
_FINGERPRINTS = """
SELECT d.day,
    (SELECT row(count(*), sum(r.vcount), sum(r.nbad), sum(r.vsum))::text
     FROM historian.rollup_1h r
     WHERE r.tag_id = ANY(%(tags)s) AND r.bucket >= d.lo AND r.bucket < d.hi),
    (SELECT row(count(*), max(p.updated_at))::text FROM well_daily_production p
     WHERE p.day = d.day AND p.well = ANY(%(wells)s))
FROM unnest(%(days)s::date[], %(los)s::timestamptz[], %(his)s::timestamptz[]) AS d(day, lo, hi)
"""
_HOURS = """
SELECT tag_id, bucket, vsum, vcount, nbad FROM historian.rollup_1h
WHERE tag_id = ANY(%s) AND bucket >= %s AND bucket < %s
"""


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) of a local calendar day, in UTC (23, 24 or 25 hours long)."""
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def local_day(now: datetime, zone: tzinfo) -> date:
    return now.astimezone(zone).date()


@dataclass
class CloseReport:
    """What one ``run_once`` did."""

    closed: list[date] = field(default_factory=list)  # days computed and written
    unchanged: list[date] = field(default_factory=list)  # days skipped: nothing new since
    waiting: list[date] = field(default_factory=list)  # days not final in the rollups yet
    rows_written: int = 0
    rows_outranked: int = 0  # a manual or imported row holds that day
    watermark_1h: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "closed": [d.isoformat() for d in self.closed],
            "waiting": [d.isoformat() for d in self.waiting],
            "rows_written": self.rows_written,
            "rows_outranked": self.rows_outranked,
            "watermark_1h": self.watermark_1h.isoformat() if self.watermark_1h else None,
        }


class DayCloser:
    """Close producing days of every well of ``field`` from ``historian.rollup_1h``."""

    def __init__(
        self,
        url: str,
        field: Field,
        tag_ids: Mapping[str, int],
        zone: tzinfo,
        *,
        catchup_days: int = 7,
        lag: timedelta = timedelta(minutes=1),
    ) -> None:
        """``tag_ids``: the registry's tag name -> id; ``lag``: on TimescaleDB (no watermark)
        how long after a day ends it is taken as complete."""
        if catchup_days < 1:
            raise ValueError("catchup_days must be at least 1")
        self.url = libpq_url(url)
        self.zone = zone
        self.catchup_days = catchup_days
        self.lag = lag
        self.wells: dict[str, WellTags] = {}
        self._ids: dict[str, dict[str, int]] = {}  # well -> role -> tag id
        for well, tags in production_tags(field).items():
            roles = {role: tag_ids[name] for role, name in (
                ("oil", tags.oil), ("water", tags.water), ("gas", tags.gas),
                ("running", tags.running)) if name is not None and name in tag_ids}
            if roles:
                self.wells[well] = tags
                self._ids[well] = roles
        self._tag_ids = sorted({i for roles in self._ids.values() for i in roles.values()})
        self._well_names = sorted(self._ids)
        self._seen: dict[date, tuple[str, str]] = {}  # day -> fingerprints when last closed
        self.last_report: CloseReport | None = None

    def run_once(self, now: datetime | None = None) -> CloseReport:
        """Close every complete day of the catch-up window that changed since the last run."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        report = CloseReport()
        if not self._ids:
            self.last_report = report
            return report
        today = local_day(now, self.zone)
        window = [today - timedelta(days=n) for n in range(self.catchup_days, 0, -1)]
        self._seen = {d: fp for d, fp in self._seen.items() if d >= window[0]}
        with engine_connect(self.url, autocommit=True) as conn:
            final_until = self._final_until(conn, now, report)
            dirty = conn.execute(
                "SELECT range_start, range_end FROM historian.rollup_dirty").fetchall()
            ready: dict[date, tuple[datetime, datetime]] = {}
            for day in window:
                start, end = day_bounds(day, self.zone)
                repair_pending = any(lo < end and hi >= start for lo, hi in dirty)
                if end > now or ceil_to(end, HOUR) > final_until or repair_pending:
                    report.waiting.append(day)
                else:
                    ready[day] = (start, end)
            if not ready:
                self.last_report = report
                return report
            prints = self._fingerprints(conn, ready)
            for day, (start, end) in ready.items():
                if self._seen.get(day) == prints[day]:
                    report.unchanged.append(day)
                    continue
                rows = self.compute(conn, day, start, end)
                result = repository.write(conn, rows)
                report.rows_written += result.written
                report.rows_outranked += result.outranked
                report.closed.append(day)
                # Fingerprint again: our own write changed the stored rows' part of it.
                self._seen[day] = self._fingerprints(conn, {day: (start, end)})[day]
        if report.closed:
            log.info("production days closed", extra=report.as_dict())
        self.last_report = report
        return report

    def _final_until(self, conn: psycopg.Connection, now: datetime, report: CloseReport
                     ) -> datetime:
        """Until when the 1-hour rollups are final (the watermark; on TimescaleDB, whose
        real-time aggregates have none, ``now - lag``)."""
        row = conn.execute(_WATERMARK).fetchone()
        if row is None:
            return datetime.min.replace(tzinfo=UTC)
        mark, infinite = row
        if infinite:
            return now - self.lag
        report.watermark_1h = mark
        return mark if mark is not None else datetime.min.replace(tzinfo=UTC)

    def _fingerprints(
        self, conn: psycopg.Connection, days: Mapping[date, tuple[datetime, datetime]]
    ) -> dict[date, tuple[str, str]]:
        order = list(days)
        rows = conn.execute(_FINGERPRINTS, {
            "tags": self._tag_ids, "wells": self._well_names, "days": order,
            "los": [floor_to(days[d][0], HOUR) for d in order],
            "his": [days[d][1] for d in order],
        }).fetchall()
        return {d: (str(hours), str(stored)) for d, hours, stored in rows}

    def compute(
        self, conn: psycopg.Connection, day: date, start: datetime, end: datetime
    ) -> list[DailyProduction]:
        """Every well's row for ``day`` ([start, end) in UTC) from the 1-hour rollups; wells
        with no data at all that day get no row."""
        hours: dict[int, list[HourAggregate]] = {}
        for tag_id, bucket, vsum, vcount, nbad in conn.execute(
                _HOURS, (self._tag_ids, floor_to(start, HOUR), end)).fetchall():
            lo, hi = max(bucket, start), min(bucket + HOUR, end)
            weight = (hi - lo) / HOUR
            if weight <= 0:
                continue
            hours.setdefault(tag_id, []).append(
                HourAggregate(vsum=vsum, vcount=int(vcount), nbad=int(nbad), weight=weight))
        out: list[DailyProduction] = []
        for well in self._well_names:
            ids = self._ids[well]
            row = close_day(
                well, day, source=Source.HISTORIAN,
                **{role: hours.get(tag_id, []) for role, tag_id in ids.items()},
            )
            if row is not None:
                out.append(row)
        return out
