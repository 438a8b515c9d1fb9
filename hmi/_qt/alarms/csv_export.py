"""CSV export of the alarm list as shown (filtered, sorted); UTF-8 with BOM so spreadsheet
programs on operators' PCs open the Spanish text correctly."""

from __future__ import annotations

import csv
from pathlib import Path

from hmi.api.types import Alarm


def write_alarms_csv(path: Path, alarms: list[Alarm]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["priority", "time", "area", "alarm", "tag", "state", "message", "value",
                    "limit"])
        for a in alarms:
            w.writerow([a.priority, a.since.isoformat() if a.since else "", a.area, a.name,
                        a.tag or "", a.state, a.message,
                        "" if a.value is None else a.value, "" if a.limit is None else a.limit])
