"""AlarmListModel: the active alarms, counts per priority for the banner, filters.

ISA-18.2 order: most urgent first (priority, then unacknowledged before acknowledged, then
newest). The banner shows the highest-priority *unacknowledged* alarms; the counts include
every alarm the operator still has to deal with.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from hmi.api.types import Alarm
from hmi.components.events import Event

PRIORITIES = ("critical", "high", "medium", "low")
STATES = ("unack", "acked", "rtn_unack", "latched", "shelved", "suppressed_by_design",
          "out_of_service", "normal")
UNACK_STATES = frozenset({"unack", "rtn_unack"})


def is_unacknowledged(a: Alarm) -> bool:
    return not a.acknowledged or a.state in UNACK_STATES


def sort_key(a: Alarm) -> tuple[int, int, str]:
    return (-a.priority_value, 0 if is_unacknowledged(a) else 1, a.name)


@dataclass(frozen=True)
class AlarmFilter:
    priority: str | None = None
    area: str | None = None  # prefix: this area and everything below
    state: str | None = None
    text: str = ""

    def accepts(self, a: Alarm) -> bool:
        if self.priority and a.priority != self.priority:
            return False
        if self.area and not (a.area == self.area or a.area.startswith(self.area.rstrip("/")
                                                                        + "/")):
            return False
        if self.state and a.state != self.state:
            return False
        t = self.text.casefold().strip()
        return not t or t in a.name.casefold() or t in a.message.casefold()


class AlarmListModel:
    def __init__(self) -> None:
        self.alarms: list[Alarm] = []
        self.changed = Event()
        self.stale = False  # the list could not be refreshed (link down): say so on screen
        #: time of each alarm's last state change; the active list has none, the journal has
        #: (None: looked up, not found). Forgotten when the alarm leaves the list, so a new
        #: activation gets its own time.
        self.since: dict[str, datetime | None] = {}

    def missing_since(self) -> list[str]:
        return [a.name for a in self.alarms if a.since is None and a.name not in self.since]

    def set_since(self, since: dict[str, datetime | None]) -> None:
        self.since.update(since)
        self.set_alarms(list(self.alarms))

    def set_alarms(self, alarms: list[Alarm]) -> None:
        names = {a.name for a in alarms}
        self.since = {k: v for k, v in self.since.items() if k in names}
        alarms = [a if a.since or self.since.get(a.name) is None
                  else replace(a, since=self.since[a.name]) for a in alarms]
        new = sorted(alarms, key=sort_key)
        self.stale = False
        if new != self.alarms:
            self.alarms = new
            self.changed.emit()

    def replace_one(self, alarm: Alarm) -> None:
        """Apply an action's answer at once (the next poll confirms it)."""
        rest = [a for a in self.alarms if a.name != alarm.name]
        self.alarms = sorted([*rest, alarm], key=sort_key)
        self.changed.emit()

    def set_stale(self, stale: bool) -> None:
        if stale != self.stale:
            self.stale = stale
            self.changed.emit()

    def unacknowledged(self) -> list[Alarm]:
        return [a for a in self.alarms if is_unacknowledged(a) and a.state != "shelved"]

    def counts(self) -> dict[str, int]:
        """Unacknowledged alarms per priority (the banner's counters)."""
        c = Counter(a.priority for a in self.unacknowledged())
        return {p: c.get(p, 0) for p in PRIORITIES}

    def active_counts(self) -> dict[str, int]:
        c = Counter(a.priority for a in self.alarms if a.state not in ("normal", "shelved"))
        return {p: c.get(p, 0) for p in PRIORITIES}

    def top_unacknowledged(self, n: int = 3) -> list[Alarm]:
        return self.unacknowledged()[:n]

    def of_device(self, device: str) -> list[Alarm]:
        return [a for a in self.alarms if a.device == device]

    def worst_priority(self, device: str) -> str | None:
        alarms = [a for a in self.of_device(device) if a.state not in ("normal", "shelved")]
        return alarms[0].priority if alarms else None

    def areas(self) -> list[str]:
        return sorted({a.area for a in self.alarms})
