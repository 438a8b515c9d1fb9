"""TagValuesModel: the current value, quality and units of every tag a screen shows.

Quality is never lost on the way to the glass: a reading keeps the edge's quality, and the
model adds its own reason not to trust it (the link to the edge is down, the last update is
older than the polling can explain). ``Reading.shown_good`` is the one test a widget uses to
decide whether a value may be drawn as normal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from hmi.api.types import TagInfo, TagValue
from hmi.components.events import Event

QUALITY_TEXT_EN = {
    "GOOD": "good", "UNCERTAIN": "uncertain", "STALE": "stale (not updated)",
    "BAD_COMM": "bad: no communication with the device", "BAD_CONFIG": "bad: configuration",
    "NO_VALUE": "never read", "LINK_LOST": "no link to the edge: last known value",
}


@dataclass(frozen=True)
class Reading:
    name: str
    value: float | None
    quality: str
    good: bool
    ts: datetime | None = None
    good_ts: datetime | None = None
    link_ok: bool = True

    @property
    def shown_good(self) -> bool:
        """Only a fresh GOOD number over a live link is drawn as normal."""
        return self.good and self.link_ok and self.value is not None

    @property
    def shown_quality(self) -> str:
        """The quality to show: the edge's, or LINK_LOST when the HMI itself lost the edge."""
        return self.quality if self.link_ok else "LINK_LOST"

    @property
    def marker(self) -> str:
        """The text marker next to a suspect value (shape + text, never colour alone)."""
        q = self.shown_quality
        if self.shown_good:
            return ""
        if q in ("BAD_COMM", "BAD_CONFIG"):
            return "BAD"
        if q == "NO_VALUE":
            return "—"
        return "?"


NO_READING = Reading(name="", value=None, quality="NO_VALUE", good=False)


class TagValuesModel:
    """Readings by tag name plus the tag definitions (units, ranges, descriptions)."""

    def __init__(self) -> None:
        self.infos: dict[str, TagInfo] = {}
        self.readings: dict[str, Reading] = {}
        self.link_ok = True
        #: emitted with the set of names whose reading changed
        self.changed = Event()
        #: emitted when tag definitions were (re)loaded
        self.defined = Event()

    def set_infos(self, infos: list[TagInfo]) -> None:
        self.infos = {i.name: i for i in infos}
        self.defined.emit()

    def info(self, name: str) -> TagInfo | None:
        return self.infos.get(name)

    def units(self, name: str) -> str:
        info = self.infos.get(name)
        return info.units if info else ""

    def reading(self, name: str) -> Reading:
        r = self.readings.get(name)
        return r if r is not None else replace(NO_READING, name=name, link_ok=self.link_ok)

    def update(self, values: list[TagValue]) -> None:
        changed: set[str] = set()
        for v in values:
            new = Reading(name=v.name, value=v.value, quality=v.quality, good=v.good, ts=v.ts,
                          good_ts=v.good_ts, link_ok=self.link_ok)
            if self.readings.get(v.name) != new:
                self.readings[v.name] = new
                changed.add(v.name)
        if changed:
            self.changed.emit(changed)

    def set_link(self, ok: bool) -> None:
        """The link to the edge went down or came back: every value stops (or may start
        again) looking good, at once, without waiting for the next poll."""
        if ok == self.link_ok:
            return
        self.link_ok = ok
        self.readings = {n: replace(r, link_ok=ok) for n, r in self.readings.items()}
        self.changed.emit(set(self.readings))

    def names_of_device(self, device: str) -> list[str]:
        return sorted(n for n, i in self.infos.items() if i.device == device)
