"""The alarm engine: every configured alarm's ISA-18.2 state machine, fed by the scanner.

Per poll (``on_readings``, on the event loop) the engine, under one lock:

1. stores the readings in its own per-tag arrays (value, quality, time, previous sample, time of
   the last change) — rate, deviation, frozen and suppression need more than the new sample;
2. re-evaluates designed suppression (``suppress_when``, and tag BAD_QUALITY alarms of a device
   whose comms alarm is active) *before* conditions, so a well that stops in this very poll
   suppresses its low-flow alarm instead of annunciating it;
3. ticks the alarms with a running on/off delay or a shelf (only those: a set is kept);
4. evaluates conditions: HI/HIHI/LO/LOLO vectorised with numpy over the alarms of the tags in
   the poll (the hot path: thousands of tags a second), other kinds through
   ``domain.alarms.conditions.is_abnormal``. A state machine is only called when its raw
   condition changed — with the delays ticked separately, that is exactly equivalent;
5. marks first-out, counts annunciations for floods, and hands journal rows plus the touched
   alarms' snapshots to the journal writer (its own thread).

Operator actions come from other threads (the API) and take the same lock, so two operators
acknowledging the same alarm at once journal one acknowledgement.

Time: the scanner's wall-clock ``ts`` (seconds since the epoch), made monotonic engine-wide
(devices are polled by independent tasks, and the state machines refuse time going backwards).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from domain.alarms.conditions import ConditionContext, Sample, is_abnormal
from domain.alarms.definitions import AlarmDef, AlarmKind, Priority
from domain.alarms.first_out import Activation, FirstOutBoard
from domain.alarms.flood import FloodChange, FloodDetector, area_levels
from domain.alarms.state import (
    DEFAULT_MAX_SHELVE_S,
    AlarmState,
    AlarmStateMachine,
    Cause,
    Event,
    Transition,
    require_operator_text,
)
from domain.tags import Quality
from engine.alarms.journal import JournalRow, Row, SystemEventRow
from engine.tag_slots import TagSlots

_NEVER = 127  # quality code of a tag never read yet (worse than any real quality)
_USABLE_MAX = int(Quality.UNCERTAIN)
_LIMIT_KINDS = (AlarmKind.HI, AlarmKind.HIHI, AlarmKind.LO, AlarmKind.LOLO)
_VISIBLE_ACTIVE = (AlarmState.UNACK, AlarmState.ACKED, AlarmState.RTN_UNACK, AlarmState.LATCHED)
#: Suppressed from the operator's list, but viewable on their own list (ISA-18.2: shelved,
#: out of service and suppressed by design alarms must stay visible somewhere)
_SUPPRESSED = (AlarmState.SHELVED, AlarmState.OUT_OF_SERVICE, AlarmState.SUPPRESSED_BY_DESIGN)


class JournalSink(Protocol):
    def submit(
        self, rows: Iterable[Row], snapshots: Mapping[int, tuple[str, dict[str, Any]]]
    ) -> None: ...


class UnknownAlarm(KeyError):
    """An operator action names an alarm that is not configured."""


class AlarmEngine:
    """See the module docstring. ``alarm_ids``: name -> ``alarm_definitions.id``;
    ``tag_ids``: tag name -> historian id (what the scanner reports readings by)."""

    def __init__(
        self,
        alarms: Sequence[AlarmDef],
        alarm_ids: Mapping[str, int],
        tag_ids: Mapping[str, int],
        journal: JournalSink,
        *,
        devices: Mapping[str, Sequence[str]] | None = None,
        clock: Callable[[], float] = time.time,
        max_shelve_s: float = DEFAULT_MAX_SHELVE_S,
        flood: FloodDetector | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._journal = journal
        self._clock = clock
        self._now = -math.inf
        self._defs = list(alarms)
        self._sm = [AlarmStateMachine(d, max_shelve_s) for d in self._defs]
        self._index = {d.name: i for i, d in enumerate(self._defs)}
        self._alarm_id = [alarm_ids[d.name] for d in self._defs]
        self._board = FirstOutBoard.from_definitions(self._defs)
        self._flood = flood or FloodDetector()
        self._first_out: set[str] = set()
        n = len(self._defs)
        self._raw = np.zeros(n, dtype=bool)
        self._design_sup = np.zeros(n, dtype=bool)  # last suppress_when verdict
        self._timed: set[int] = set()

        # Tags: a dense slot per tag id the alarms need.
        needed = {d.tag for d in self._defs} | {d.setpoint_tag for d in self._defs} | {
            d.suppress_when.tag for d in self._defs if d.suppress_when is not None
        }
        names = sorted(t for t in needed if t is not None and t in tag_ids)
        self._slots = TagSlots(names, tag_ids)
        self._slot = self._slots.slot_of
        m = len(names)
        self._val = np.full(m, np.nan)
        self._q = np.full(m, _NEVER, dtype=np.int16)
        self._ts = np.full(m, np.nan)
        self._pval = np.full(m, np.nan)
        self._pq = np.full(m, _NEVER, dtype=np.int16)
        self._pts = np.full(m, np.nan)
        self._changed_ts = np.full(m, np.nan)

        own = np.array([self._slot.get(d.tag, -1) for d in self._defs], dtype=np.intp)
        self._own = own
        # Hot path: plain limit alarms.
        lim = [i for i, d in enumerate(self._defs) if d.kind in _LIMIT_KINDS and own[i] >= 0]
        self._L = np.array(lim, dtype=np.intp)
        self._L_slot = own[self._L] if lim else np.zeros(0, dtype=np.intp)
        self._L_limit = np.array([self._defs[i].limit for i in lim], dtype=np.float64)
        self._L_db = np.array([self._defs[i].deadband for i in lim], dtype=np.float64)
        self._L_high = np.array([self._defs[i].kind.is_high_limit for i in lim], dtype=bool)
        # Everything else with a tag: evaluated one by one when its tag or setpoint arrives.
        gen = [i for i, d in enumerate(self._defs) if d.kind not in _LIMIT_KINDS and own[i] >= 0]
        self._G = np.array(gen, dtype=np.intp)
        self._G_slot = own[self._G] if gen else np.zeros(0, dtype=np.intp)
        self._G_sp = np.array(
            [self._slot.get(self._defs[i].setpoint_tag or "", -1) for i in gen], dtype=np.intp
        )
        self._L_by_slot = _by_slot(m, self._L_slot)
        self._G_by_slot = _by_slot(m, self._G_slot, self._G_sp)
        # Designed suppression.
        sup = [i for i, d in enumerate(self._defs) if d.suppress_when is not None]
        self._S = np.array(sup, dtype=np.intp)
        self._S_own = own[self._S] if sup else np.zeros(0, dtype=np.intp)
        self._S_tag = np.array(
            [self._slot.get(self._defs[i].suppress_when.tag, -1) for i in sup],  # type: ignore[union-attr]
            dtype=np.intp,
        )
        # Comms: a device-level BAD_QUALITY alarm per device; its tags' own BAD_QUALITY alarms
        # are suppressed by design while it is active.
        self._S_by_slot = _by_slot(m, self._S_own, self._S_tag)
        self._flood_ticked = -math.inf
        self._comms: dict[str, int] = {}
        self._device_down: set[str] = set()
        self._device_of_alarm: dict[int, str] = {}
        device_of_tag = {t: dev for dev, tags in (devices or {}).items() for t in tags}
        for i, d in enumerate(self._defs):
            if d.kind is AlarmKind.BAD_QUALITY and d.tag not in tag_ids:
                self._comms[d.tag] = i
        for i, d in enumerate(self._defs):
            if d.kind is AlarmKind.BAD_QUALITY and d.tag in device_of_tag:
                self._device_of_alarm[i] = device_of_tag[d.tag]
        self._comms_tag_alarms: dict[str, list[int]] = {}
        for i, dev in self._device_of_alarm.items():
            self._comms_tag_alarms.setdefault(dev, []).append(i)

    # ------------------------------------------------------------------ restore

    def restore(self, snapshots: Mapping[int, Mapping[str, Any]]) -> int:
        """Continue from persisted snapshots (by alarm id) without journaling anything; returns
        how many alarms were restored. Unknown or malformed snapshots are skipped."""
        by_id = {aid: i for i, aid in enumerate(self._alarm_id)}
        restored = 0
        with self._lock:
            for aid, snap in snapshots.items():
                i = by_id.get(aid)
                if i is None:
                    continue
                try:
                    self._sm[i].restore(snap)
                except ValueError:
                    continue
                sm = self._sm[i]
                self._raw[i] = sm.raw_condition
                self._design_sup[i] = sm.suppressed and self._defs[i].suppress_when is not None
                last = snap.get("last_now")
                if isinstance(last, int | float):
                    self._now = max(self._now, float(last))
                self._track(i)
                restored += 1
            for dev, i in self._comms.items():
                if self._sm[i].condition_active:
                    self._device_down.add(dev)
        return restored

    # ------------------------------------------------------------------ scanner side

    def on_readings(
        self,
        tag_ids: npt.NDArray[np.int64],
        ts: float,
        values: npt.NDArray[np.float64],
        qualities: npt.NDArray[np.int16],
    ) -> None:
        """One poll's readings (scanner observer hook)."""
        arrived = time.perf_counter()
        slots, keep = self._slots.lookup(tag_ids)
        if not len(slots):
            return
        vals = np.asarray(values, dtype=np.float64)[keep]
        qs = np.asarray(qualities, dtype=np.int16)[keep]
        with self._lock:
            now = self._advance(ts)
            self._store(slots, now, vals, qs)
            out: list[Transition] = []
            out.extend(self._suppression_for_batch(slots, now))
            out.extend(self._tick_timed(now))
            out.extend(self._evaluate_limits(slots, now))
            out.extend(self._evaluate_generic(slots, now))
            floods: list[FloodChange] = []
            if now - self._flood_ticked >= 1.0:  # windows are minutes: once a second is enough
                self._flood_ticked = now
                floods = self._flood.tick(now)
            self._emit(out, arrived, floods)

    def on_device_state(self, device: str, up: bool, ts: float) -> None:
        """A device stopped (or started again) answering: its one comms alarm follows."""
        arrived = time.perf_counter()
        with self._lock:
            now = self._advance(ts)
            if up:
                self._device_down.discard(device)
            else:
                self._device_down.add(device)
            out: list[Transition] = []
            for j in self._comms_tag_alarms.get(device, ()):
                out.extend(self._apply_suppression(j, now))
            comms = self._comms.get(device)
            if comms is not None:
                out.extend(self._update(comms, not up, None, now))
            self._emit(out, arrived, [])

    def tick(self, now: float | None = None) -> list[Transition]:
        """Let time pass with no readings (delays, shelf expiry, flood windows); the runtime
        calls this every second so a silent field still expires shelves."""
        arrived = time.perf_counter()
        with self._lock:
            t = self._advance(self._clock() if now is None else now)
            out = self._tick_timed(t)
            self._emit(out, arrived, self._flood.tick(t))
            return out

    # ------------------------------------------------------------------ operator side

    def acknowledge(self, name: str, user: str, comment: str | None = None) -> list[Transition]:
        return self._operate(name, lambda sm, now: sm.acknowledge(user, now, comment))

    def reset(self, name: str, user: str, comment: str | None = None) -> list[Transition]:
        return self._operate(name, lambda sm, now: sm.reset(user, now, comment))

    def shelve(
        self, name: str, user: str, reason: str, duration_s: float, one_shot: bool = False
    ) -> list[Transition]:
        return self._operate(
            name, lambda sm, now: sm.shelve(user, reason, duration_s, now, one_shot)
        )

    def unshelve(self, name: str, user: str, comment: str | None = None) -> list[Transition]:
        return self._operate(name, lambda sm, now: sm.unshelve(user, now, comment))

    def remove_from_service(self, name: str, user: str, reason: str) -> list[Transition]:
        """Out of service; the caller (API) checks the user is a supervisor."""
        return self._operate(name, lambda sm, now: sm.remove_from_service(user, reason, now))

    def return_to_service(
        self, name: str, user: str, comment: str | None = None
    ) -> list[Transition]:
        return self._operate(name, lambda sm, now: sm.return_to_service(user, now, comment))

    def comment(self, name: str, user: str, comment: str) -> list[JournalRow]:
        """An operator's note on an alarm: journaled (event ``comment``), state unchanged."""
        require_operator_text("user", user)
        require_operator_text("comment", comment)
        arrived = time.perf_counter()
        with self._lock:
            i = self._find(name)
            now = self._advance(self._clock())
            state = self._sm[i].state.value
            row = self._row(i, now, "comment", Cause.OPERATOR.value, state, state, False,
                            self._current_value(i), user, comment, False, arrived)
            self._journal.submit([row], {})
            return [row]

    def reset_first_out(self, group: str) -> str | None:
        """Clear a first-out group's mark (also done automatically when all its members are
        back to normal); returns the alarm that was marked."""
        with self._lock:
            cleared = self._board.reset(group)
            if cleared is not None:
                self._first_out.discard(cleared)
            return cleared

    # ------------------------------------------------------------------ views

    def alarm(self, name: str) -> dict[str, Any]:
        with self._lock:
            return self._view(self._find(name))

    def snapshot(self) -> list[dict[str, Any]]:
        """Every alarm's current state, for the API."""
        with self._lock:
            return [self._view(i) for i in range(len(self._defs))]

    def active(self) -> list[dict[str, Any]]:
        """The alarm list an operator sees: annunciated alarms, most urgent and newest first."""
        with self._lock:
            rows = [self._view(i) for i, sm in enumerate(self._sm) if sm.state in _VISIBLE_ACTIVE]
        rows.sort(key=lambda r: (-r["priority_value"], r["name"]))
        return rows

    def suppressed(self) -> list[dict[str, Any]]:
        """Shelved, out-of-service and suppressed-by-design alarms, most urgent first: what
        the operator's list leaves out, so it can be reviewed and brought back."""
        with self._lock:
            rows = [self._view(i) for i, sm in enumerate(self._sm) if sm.state in _SUPPRESSED]
        rows.sort(key=lambda r: (-r["priority_value"], r["name"]))
        return rows

    def counts(self) -> dict[str, Any]:
        """Alarm figures for the health report."""
        with self._lock:
            states = [sm.state for sm in self._sm]
            by_priority = {p.label: 0 for p in sorted(Priority, reverse=True)}
            for d, st in zip(self._defs, states, strict=True):
                if st in _VISIBLE_ACTIVE:
                    by_priority[d.priority.label] += 1
            return {
                "configured": len(self._defs),
                "active": sum(1 for st in states if st in _VISIBLE_ACTIVE),
                "unacknowledged": sum(
                    1 for st in states if st in (AlarmState.UNACK, AlarmState.RTN_UNACK)
                ),
                "by_priority": by_priority,
                "shelved": sum(1 for st in states if st is AlarmState.SHELVED),
                "suppressed": sum(1 for st in states if st is AlarmState.SUPPRESSED_BY_DESIGN),
                "out_of_service": sum(1 for st in states if st is AlarmState.OUT_OF_SERVICE),
                "flood_areas": self._flood.flooding_areas(),
            }

    def state_of(self, name: str) -> AlarmState:
        with self._lock:
            return self._sm[self._find(name)].state

    # ------------------------------------------------------------------ internals

    def _find(self, name: str) -> int:
        try:
            return self._index[name]
        except KeyError:
            raise UnknownAlarm(name) from None

    def _advance(self, t: float) -> float:
        if t > self._now:
            self._now = t
        return self._now

    def _store(
        self,
        slots: npt.NDArray[np.intp],
        now: float,
        vals: npt.NDArray[np.float64],
        qs: npt.NDArray[np.int16],
    ) -> None:
        old = self._val[slots]
        usable = (qs <= _USABLE_MAX) & np.isfinite(vals)
        changed = usable & ~(old == vals)
        self._changed_ts[slots[changed]] = now
        self._pval[slots] = old
        self._pq[slots] = self._q[slots]
        self._pts[slots] = self._ts[slots]
        self._val[slots] = vals
        self._q[slots] = qs
        self._ts[slots] = now

    def _sample(self, slot: int, previous: bool = False) -> Sample | None:
        if slot < 0:
            return None
        q = int(self._pq[slot] if previous else self._q[slot])
        if q == _NEVER:
            return None
        v = float(self._pval[slot] if previous else self._val[slot])
        t = float(self._pts[slot] if previous else self._ts[slot])
        return Sample(None if math.isnan(v) else v, Quality(q), t)

    def _current_value(self, i: int) -> float | None:
        s = int(self._own[i])
        if s < 0:
            return None
        v = float(self._val[s])
        return None if math.isnan(v) else v

    def _track(self, i: int) -> None:
        """Keep in the tick set the alarms with something due: a delay or a shelf."""
        sm = self._sm[i]
        if sm.raw_condition != sm.condition_active or sm.shelf is not None:
            self._timed.add(i)
        else:
            self._timed.discard(i)

    def _update(self, i: int, cond: bool, value: float | None, now: float) -> list[Transition]:
        out = self._sm[i].update(cond, value, now)
        self._raw[i] = cond
        self._track(i)
        return out

    def _tick_timed(self, now: float) -> list[Transition]:
        out: list[Transition] = []
        for i in sorted(self._timed):
            out.extend(self._sm[i].tick(now))
            self._track(i)
        return out

    def _desired_suppression(self, i: int) -> bool:
        d = self._defs[i]
        dev = self._device_of_alarm.get(i)
        comms = dev is not None and dev in self._device_down
        sw = d.suppress_when
        if sw is not None:
            s = self._sample(self._slot.get(sw.tag, -1))
            # An unusable condition tag keeps the last verdict: the device's comms alarm
            # already reports the loss, re-annunciating its stopped well would be noise.
            if s is not None and s.usable:
                self._design_sup[i] = sw.holds(s.value, True)
        return comms or bool(self._design_sup[i])

    def _apply_suppression(self, i: int, now: float) -> list[Transition]:
        want = self._desired_suppression(i)
        sm = self._sm[i]
        if want == sm.suppressed:
            return []
        out = sm.suppress(now) if want else sm.unsuppress(now)
        self._track(i)
        return out

    def _suppression_for_batch(
        self, slots: npt.NDArray[np.intp], now: float
    ) -> list[Transition]:
        if not len(self._S):
            return []
        out: list[Transition] = []
        for k in _touched(self._S_by_slot, slots):
            out.extend(self._apply_suppression(int(self._S[k]), now))
        return out

    def _evaluate_limits(self, slots: npt.NDArray[np.intp], now: float) -> list[Transition]:
        if not len(self._L):
            return []
        sel = _touched(self._L_by_slot, slots)
        if not len(sel):
            return []
        alarms = self._L[sel]
        slots = self._L_slot[sel]
        v = self._val[slots]
        usable = (self._q[slots] <= _USABLE_MAX) & np.isfinite(v)
        lim, db, high = self._L_limit[sel], self._L_db[sel], self._L_high[sel]
        raw = self._raw[alarms]
        with np.errstate(invalid="ignore"):
            hi_new = np.where(v > lim, True, np.where(v < lim - db, False, raw))
            lo_new = np.where(v < lim, True, np.where(v > lim + db, False, raw))
        new = np.where(usable, np.where(high, hi_new, lo_new), raw)
        out: list[Transition] = []
        for j in np.flatnonzero(new != raw):
            out.extend(self._update(int(alarms[j]), bool(new[j]), float(v[j]), now))
        return out

    def _evaluate_generic(self, slots: npt.NDArray[np.intp], now: float) -> list[Transition]:
        if not len(self._G):
            return []
        out: list[Transition] = []
        for k in _touched(self._G_by_slot, slots):
            i = int(self._G[k])
            d = self._defs[i]
            sample = self._sample(int(self._G_slot[k]))
            if sample is None:
                continue
            ctx = ConditionContext(
                previous=self._sample(int(self._G_slot[k]), previous=True),
                setpoint=self._sample(int(self._G_sp[k])),
                last_change_ts=_opt(self._changed_ts[self._G_slot[k]]),
            )
            cond = is_abnormal(d, sample, bool(self._raw[i]), ctx)
            if cond != bool(self._raw[i]):
                out.extend(self._update(i, cond, sample.value, now))
        return out

    def _emit(
        self, transitions: list[Transition], arrived: float, floods: list[FloodChange]
    ) -> None:
        """First-out, flood counting, then rows and snapshots to the journal."""
        if not transitions and not floods:
            return
        marked = set(
            self._board.observe(
                Activation(t.alarm, t.ts)
                for t in transitions
                if t.event is Event.ACTIVATE and t.annunciates
            ).values()
        )
        self._first_out |= marked
        rows: list[Row] = []
        floods = list(floods)
        touched: dict[int, int] = {}
        for t in transitions:
            i = self._index[t.alarm]
            touched[i] = self._alarm_id[i]
            first = t.alarm in marked and t.event is Event.ACTIVATE
            if first:
                marked.discard(t.alarm)
            # The tag's value at the moment of the transition (the machine only saw the value
            # at the last raw-condition change); device-level alarms have none.
            value = self._current_value(i) if self._own[i] >= 0 else t.value
            rows.append(
                self._row(i, t.ts, t.event.value, t.cause.value, t.old_state.value,
                          t.new_state.value, t.annunciates, value, t.user, t.comment, first,
                          arrived, t.limit)
            )
            if t.annunciates:
                for level in area_levels(self._defs[i].area):
                    floods.extend(self._flood.record(level, t.ts))
        self._auto_reset_groups(transitions)
        for f in floods:
            rows.append(
                SystemEventRow(
                    f.ts,
                    "alarm_flood_start" if f.in_flood else "alarm_flood_end",
                    f.area,
                    {"count": f.count, "window_s": self._flood.window_s,
                     "threshold": self._flood.threshold},
                    arrived,
                )
            )
        snaps = {aid: (self._sm[i].state.value, self._sm[i].snapshot())
                 for i, aid in touched.items()}
        self._journal.submit(rows, snaps)

    def _auto_reset_groups(self, transitions: list[Transition]) -> None:
        groups = {self._board.group_of(t.alarm) for t in transitions} - {None}
        for g in groups:
            assert g is not None
            group = self._board.group(g)
            if group.first_out is None:
                continue
            if all(self._sm[self._index[m]].state is AlarmState.NORMAL for m in group.members):
                cleared = group.reset()
                if cleared is not None:
                    self._first_out.discard(cleared)

    def _row(
        self, i: int, ts: float, event: str, cause: str, old: str, new: str, annunciated: bool,
        value: float | None, user: str | None, comment: str | None, first_out: bool,
        arrived: float, limit: float | None = None,
    ) -> JournalRow:
        d = self._defs[i]
        return JournalRow(
            self._alarm_id[i], ts, d.area, int(d.priority), event, cause, old, new, annunciated,
            value, d.limit if limit is None else limit, user, comment, first_out, arrived,
        )

    def _operate(
        self, name: str, act: Callable[[AlarmStateMachine, float], list[Transition]]
    ) -> list[Transition]:
        arrived = time.perf_counter()
        with self._lock:
            i = self._find(name)
            now = self._advance(self._clock())
            out = list(self._sm[i].tick(now))  # due delays/expiry first, in their order
            out.extend(act(self._sm[i], now))
            self._track(i)
            self._emit(out, arrived, [])
            return [t for t in out if t.cause is Cause.OPERATOR]

    def _view(self, i: int) -> dict[str, Any]:
        d, sm = self._defs[i], self._sm[i]
        shelf, oos = sm.shelf, sm.out_of_service
        return {
            "name": d.name,
            "tag": d.tag,
            "kind": d.kind.value,
            "priority": d.priority.label,
            "priority_value": int(d.priority),
            "area": d.area,
            "state": sm.state.value,
            "condition_active": sm.condition_active,
            "acknowledged": sm.acknowledged,
            "awaiting_reset": sm.awaiting_reset,
            "value": self._current_value(i),
            "limit": d.limit,
            "message": d.message,
            "consequence": d.consequence,
            "response": d.response,
            "first_out": d.name in self._first_out,
            "first_out_group": d.first_out_group,
            "shelf": None if shelf is None else {
                "user": shelf.user, "reason": shelf.reason, "until": shelf.expires_at,
                "one_shot": shelf.one_shot,
            },
            "out_of_service": None if oos is None else {"user": oos.user, "reason": oos.reason},
        }


def _by_slot(m: int, *slot_arrays: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Index from tag slot to the positions (in one per-kind alarm list) that read that slot.

    Row ``s`` lists, padded with -1, every position ``k`` with ``arr[k] == s`` in any of
    ``slot_arrays`` (own tag, setpoint or suppression tag). A poll's slots then pick their
    alarms in O(poll), not O(all alarms): that keeps 10,000 alarmed tags a second cheap.
    """
    pairs: dict[int, list[int]] = {}
    for arr in slot_arrays:
        for k, s in enumerate(arr.tolist()):
            if s >= 0 and k not in pairs.setdefault(s, []):
                pairs[s].append(k)
    width = max((len(v) for v in pairs.values()), default=1)
    table = np.full((m + 1, width), -1, dtype=np.intp)
    for s, ks in pairs.items():
        table[s, : len(ks)] = ks
    return table


def _touched(table: npt.NDArray[np.intp], slots: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Positions of the alarms reading any of ``slots`` (sorted, unique)."""
    hit = table[slots].ravel()
    hit = hit[hit >= 0]
    return np.unique(hit)


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


__all__ = ["AlarmEngine", "JournalSink", "UnknownAlarm"]
