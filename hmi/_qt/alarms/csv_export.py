"""CSV export of the alarm list as shown (filtered, sorted) and of a journal search; UTF-8
with BOM so spreadsheet programs on operators' PCs open the Spanish text correctly."""

from __future__ import annotations

import csv
from datetime import UTC
from pathlib import Path

from hmi.api.types import Alarm, JournalEntry


def write_alarms_csv(path: Path, alarms: list[Alarm]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["priority", "time", "area", "alarm", "tag", "state", "message", "value",
                    "limit"])
        for a in alarms:
            w.writerow([a.priority, a.since.isoformat() if a.since else "", a.area, a.name,
                        a.tag or "", a.state, a.message,
                        "" if a.value is None else a.value, "" if a.limit is None else a.limit])


def write_journal_csv(path: Path, entries: list[JournalEntry]) -> None:
    """The journal search's rows as loaded (newest first); times in UTC ISO 8601, codes as
    the edge names them (a spreadsheet filters on them without translation)."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "time_utc", "priority", "area", "alarm", "tag", "event", "cause",
                    "old_state", "new_state", "user", "comment", "message", "value", "limit"])
        for e in entries:
            w.writerow([e.id, e.ts.astimezone(UTC).isoformat(), e.priority, e.area, e.alarm,
                        e.tag or "", e.event, e.cause, e.old_state, e.new_state, e.user or "",
                        e.comment or "", e.message, "" if e.value is None else e.value,
                        "" if e.limit is None else e.limit])
