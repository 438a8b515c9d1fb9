"""AlarmListModel: the active alarms, counts per priority for the banner, filters; and
AlarmTableRows: what the alarm table shows (filtered, sorted by a column), Qt-free.

ISA-18.2 order: most urgent first (priority, then unacknowledged before acknowledged, then
newest). The banner shows the highest-priority *unacknowledged* alarms; the counts include
every alarm the operator still has to deal with.

The table sorts and filters here, in Python, not in a ``QSortFilterProxyModel``: each alarm's
sort keys and search text are computed once (when the alarm first arrives or changes) and a
sort is one ``list.sort`` (a few ms for 10,000 alarms). A proxy asks the model for two values
per comparison through Qt, which took seconds. ``diff_rows`` turns a new row list into the
inserted/removed/changed ranges the Qt model announces, so a poll that changes one alarm
repaints one row instead of resetting the table.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise
from typing import Any

from hmi.api.types import Alarm
from hmi.components.events import Event

PRIORITIES = ("critical", "high", "medium", "low")
STATES = ("unack", "acked", "rtn_unack", "latched", "shelved", "suppressed_by_design",
          "out_of_service", "normal")
UNACK_STATES = frozenset({"unack", "rtn_unack"})
#: the alarm table's columns, in order (the Qt model shows them, the sort keys follow them)
COLUMNS = ("priority", "time", "area", "alarm", "state", "message", "value")
#: a poll with more new or changed alarms than this sorts the whole list again (below it,
#: each is inserted in its place)
RESORT_ABOVE = 64
#: states sort by meaning (the order of STATES: active first), never by translated text
STATE_ORDER = {s: i for i, s in enumerate(STATES)}


def is_unacknowledged(a: Alarm) -> bool:
    return not a.acknowledged or a.state in UNACK_STATES


def sort_key(a: Alarm) -> tuple[int, int, str]:
    return (-a.priority_value, 0 if is_unacknowledged(a) else 1, a.name)


def column_keys(a: Alarm) -> tuple[Any, ...]:
    """The sort key of ``a`` in each of COLUMNS: numbers for priority, time and value, the
    state's place in STATES, case-insensitive text for the rest."""
    return (a.priority_value, a.since.timestamp() if a.since else 0.0, a.area.casefold(),
            a.name.casefold(), STATE_ORDER.get(a.state, len(STATES)), a.message.casefold(),
            a.value if a.value is not None else -math.inf)


def search_text(a: Alarm) -> str:
    """What the text filter searches: name and message, case-folded (NUL between them, so a
    search never matches across the two)."""
    return a.name.casefold() + "\0" + a.message.casefold()


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

    def _with_since(self, a: Alarm) -> Alarm:
        known = self.since.get(a.name)
        return a if a.since or known is None else replace(a, since=known)

    def set_alarms(self, alarms: list[Alarm]) -> None:
        since = self.since
        if since:
            names = {a.name for a in alarms}
            self.since = since = {k: v for k, v in since.items() if k in names}
        # An alarm equal to the one already held keeps the old object: whoever looks at the
        # list afterwards (the alarm table) tells what changed by identity, cheaply. And a
        # poll that changed a few alarms re-places those few instead of sorting them all.
        old = {a.name: a for a in self.alarms}
        kept: list[Alarm] = []
        fresh: list[Alarm] = []  # new alarms and new versions of held ones
        for a in alarms:
            if a.since is None and since and (t := since.get(a.name)) is not None:
                a = replace(a, since=t)
            o = old.get(a.name)
            if o is not None and (o is a or o == a):
                kept.append(o)
            else:
                kept.append(a)
                fresh.append(a)
        stale, self.stale = self.stale, False
        if not fresh and len(kept) == len(self.alarms):  # the same alarms (names are unique)
            if stale:  # but the link is back: say so
                self.changed.emit()
            return
        if len(fresh) <= RESORT_ABOVE:
            shown = {a.name for a in kept}
            renewed = {a.name for a in fresh}
            new = [a for a in self.alarms if a.name in shown and a.name not in renewed]
            for a in fresh:
                bisect.insort(new, a, key=sort_key)
        else:
            new = sorted(kept, key=sort_key)
        self.alarms = new
        self.changed.emit()

    def replace_one(self, alarm: Alarm) -> None:
        """Apply an action's answer at once (the next poll confirms it)."""
        self.replace_many([alarm])

    def replace_many(self, alarms: Iterable[Alarm]) -> None:
        """Apply several actions' answers with one change (acknowledging a page)."""
        answers = {a.name: self._with_since(a) for a in alarms}
        if not answers:
            return
        rest = [a for a in self.alarms if a.name not in answers]
        for a in answers.values():
            bisect.insort(rest, a, key=sort_key)
        self.alarms = rest
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


# -- the alarm table's rows ---------------------------------------------------------------------
class AlarmTableRows:
    """The rows of the alarm table: ``source``'s alarms that pass ``filter``, sorted by
    ``sort_column`` (a name in COLUMNS; None: the list's ISA-18.2 order). The sort is stable
    on the ISA order, so alarms with equal keys stay most urgent first in both directions."""

    def __init__(self, source: AlarmListModel) -> None:
        self.source = source
        self.filter = AlarmFilter()
        self.sort_column: str | None = None
        self.descending = False
        #: name -> (alarm, column_keys, search_text), reused while the alarm object is the same
        self._cache: dict[str, tuple[Alarm, tuple[Any, ...], str]] = {}

    def rows(self) -> list[Alarm]:
        f = self.filter
        text = f.text.casefold().strip()
        area = f.area or ""
        below = area.rstrip("/") + "/"
        cache = self._cache
        fresh: dict[str, tuple[Alarm, tuple[Any, ...], str]] = {}
        shown: list[tuple[Alarm, tuple[Any, ...], str]] = []
        for a in self.source.alarms:
            e = cache.get(a.name)
            if e is None or e[0] is not a:
                e = (a, column_keys(a), search_text(a))
            fresh[a.name] = e
            if ((f.priority and a.priority != f.priority)
                    or (area and a.area != area and not a.area.startswith(below))
                    or (f.state and a.state != f.state)
                    or (text and text not in e[2])):
                continue
            shown.append(e)
        self._cache = fresh
        if self.sort_column is not None:
            i = COLUMNS.index(self.sort_column)
            shown.sort(key=lambda e: e[1][i], reverse=self.descending)
        return [e[0] for e in shown]


@dataclass(frozen=True)
class RowChanges:
    """How to go from one row list to the next; ranges are ``(first, last)``, inclusive.
    Applied in this order: ``removed`` (rows of the old list, last range first), then, if
    ``moved``, the remaining rows take their new order (a layout change), then ``inserted``
    (rows of the new list, first range first), then ``changed`` (rows of the new list)."""

    reset: bool = False
    removed: tuple[tuple[int, int], ...] = ()
    moved: bool = False
    inserted: tuple[tuple[int, int], ...] = ()
    changed: tuple[tuple[int, int], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.reset or self.removed or self.moved or self.inserted or self.changed)


def ranges(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as runs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def diff_rows(old: Sequence[Alarm], new: Sequence[Alarm], max_ranges: int = 32) -> RowChanges:
    """The changes from ``old`` to ``new`` (alarms are told apart by name). A reset when
    either list is empty or rows come and go in more than ``max_ranges`` separate places
    (a new filter, the first poll): announcing many ranges costs more than a reset.
    Changed rows in more than ``max_ranges`` places are announced as one range."""
    if len(old) == len(new):  # the usual poll: the same alarms in the same order
        changed_rows = []
        for j, (x, y) in enumerate(zip(old, new, strict=True)):
            if x is not y:
                if x.name != y.name:
                    break
                if x != y:
                    changed_rows.append(j)
        else:
            changed = ranges(changed_rows)
            if len(changed) > max_ranges:
                changed = [(changed[0][0], changed[-1][1])]
            return RowChanges(changed=tuple(changed))
    if not old or not new:
        return RowChanges(reset=True)
    old_pos = {a.name: i for i, a in enumerate(old)}
    inserted_rows: list[int] = []
    kept: list[int] = []  # old rows, in the new order
    changed_rows = []
    for j, a in enumerate(new):
        i = old_pos.get(a.name)
        if i is None:
            inserted_rows.append(j)
            continue
        kept.append(i)
        o = old[i]
        if o is not a and o != a:
            changed_rows.append(j)
    if len(kept) == len(old):
        removed = []
    else:
        present = bytearray(len(old))
        for i in kept:
            present[i] = 1
        removed = ranges(i for i, p in enumerate(present) if not p)
    inserted = ranges(inserted_rows)
    if len(removed) + len(inserted) > max_ranges:
        return RowChanges(reset=True)
    moved = any(x > y for x, y in pairwise(kept))
    changed = ranges(changed_rows)
    if len(changed) > max_ranges:
        changed = [(changed[0][0], changed[-1][1])]
    return RowChanges(removed=tuple(reversed(removed)), moved=moved, inserted=tuple(inserted),
                      changed=tuple(changed))
