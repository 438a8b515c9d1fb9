"""The ISA-18.2 / IEC 62682 alarm state machine for one alarm.

The standard's alarm state transition diagram has the annunciation states

    A  NORMAL      process normal, acknowledged
    B  UNACK       active, unacknowledged
    C  ACKED       active, acknowledged
    D  RTN_UNACK   returned to normal, unacknowledged

and the alarm-suppression states E SHELVED (operator), F SUPPRESSED_BY_DESIGN (state-based logic)
and G OUT_OF_SERVICE (maintenance, by a supervisor). A latching alarm does not leave B or C when
the process returns to normal; it needs an operator reset. Here that "returned to normal but held
by the latch" state is shown as LATCHED once acknowledged (an unacknowledged latched alarm stays
UNACK, as in the diagram), and ``reset`` takes it to NORMAL.

Design, in two layers:

* The **process layer** is always tracked, hidden or not: the raw condition from
  :mod:`domain.alarms.conditions`, debounced by the on/off delays into ``condition_active``.
  Every debounced change is journaled (event ACTIVATE / RETURN_TO_NORMAL), also while the alarm is
  hidden, so no return to normal is ever lost and "alarms that occurred while shelved" can be
  counted.
* The **annunciation layer** (acknowledged, latch) only matters while the alarm is visible. A
  hidden alarm never annunciates: its journal entries keep the hidden state as old and new state.
  When it becomes visible again (unshelve, unsuppress, return to service, shelf expiry) it shows
  the *true* current condition: UNACK if active, NORMAL if not.

Time is always passed in; nothing reads a clock. Transitions carry the ``now`` of the call that
produced them. Operator actions act on the state as of the last ``update``/``tick`` (the engine
ticks every scan); only ``update`` and ``tick`` apply due delays and shelf expiry, so a refused
operator action never swallows a journal entry.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.alarms.definitions import AlarmDef

DEFAULT_MAX_SHELVE_S = 12 * 3600.0
"""Longest shelve an operator may ask for: one 12-hour shift. ISA-18.2 requires shelving to be
time-limited; the exact limit is an alarm-philosophy choice, so it is a constructor argument."""

SNAPSHOT_VERSION = 1


class AlarmState(StrEnum):
    """What the operator sees (ISA-18.2 / IEC 62682 alarm state transition diagram, A–G)."""

    NORMAL = "normal"
    UNACK = "unack"
    ACKED = "acked"
    RTN_UNACK = "rtn_unack"
    LATCHED = "latched"
    SHELVED = "shelved"
    SUPPRESSED_BY_DESIGN = "suppressed_by_design"
    OUT_OF_SERVICE = "out_of_service"

    @property
    def is_hidden(self) -> bool:
        """Shelved, suppressed by design or out of service: not annunciated at all."""
        return self in _HIDDEN

    @property
    def isa_letter(self) -> str:
        """The letter of the state in the standard's diagram ("" for LATCHED, a sub-state)."""
        return _ISA_LETTER[self]


_HIDDEN = frozenset(
    {AlarmState.SHELVED, AlarmState.SUPPRESSED_BY_DESIGN, AlarmState.OUT_OF_SERVICE}
)
_ISA_LETTER = {
    AlarmState.NORMAL: "A",
    AlarmState.UNACK: "B",
    AlarmState.ACKED: "C",
    AlarmState.RTN_UNACK: "D",
    AlarmState.LATCHED: "",
    AlarmState.SHELVED: "E",
    AlarmState.SUPPRESSED_BY_DESIGN: "F",
    AlarmState.OUT_OF_SERVICE: "G",
}


class Cause(StrEnum):
    """Who or what made a transition happen."""

    PROCESS = "process"  # the debounced condition changed (or a one-shot shelf ended with it)
    OPERATOR = "operator"  # a person acted: ack, shelve, reset, out of service...
    EXPIRY = "expiry"  # a shelf reached its end time
    DESIGN = "design"  # state-based suppression logic, evaluated by the engine


class Event(StrEnum):
    """What happened; with :class:`Cause` this is the journal's "action" column."""

    ACTIVATE = "activate"
    RETURN_TO_NORMAL = "return_to_normal"
    ACKNOWLEDGE = "acknowledge"
    RESET = "reset"
    SHELVE = "shelve"
    UNSHELVE = "unshelve"
    SUPPRESS = "suppress"
    UNSUPPRESS = "unsuppress"
    REMOVE_FROM_SERVICE = "remove_from_service"
    RETURN_TO_SERVICE = "return_to_service"


@dataclass(frozen=True, slots=True)
class Transition:
    """One journal entry: exactly what the engine writes to the alarm journal.

    ``old_state`` and ``new_state`` are the operator-visible states; they are equal when a hidden
    alarm's process condition changes (journaled, never annunciated). ``condition_active`` is the
    debounced process condition after the event. ``value``/``limit`` are the last process value and
    the configured limit; ``user``/``comment`` are set when a person acted (the shelve or
    out-of-service reason is the comment).
    """

    ts: float
    alarm: str
    old_state: AlarmState
    new_state: AlarmState
    event: Event
    cause: Cause
    condition_active: bool
    value: float | None = None
    limit: float | None = None
    user: str | None = None
    comment: str | None = None

    @property
    def annunciates(self) -> bool:
        """Whether this entry puts a new alarm in front of the operator (counts for floods)."""
        if self.new_state is not AlarmState.UNACK:
            return False
        return self.old_state is not AlarmState.UNACK or self.event is Event.ACTIVATE


@dataclass(frozen=True, slots=True)
class Shelf:
    """An operator's shelve: who, why, until when, and whether it ends at the next RTN."""

    user: str
    reason: str
    since: float
    expires_at: float
    one_shot: bool = False


@dataclass(frozen=True, slots=True)
class OutOfService:
    """A supervisor's removal from service (maintenance, broken instrument)."""

    user: str
    reason: str
    since: float


class AlarmOperationRefused(Exception):
    """An operator action that the alarm's current state does not allow. Nothing was changed."""

    def __init__(self, alarm: str, message: str) -> None:
        super().__init__(f"{alarm}: {message}")
        self.alarm = alarm


class NothingToAcknowledge(AlarmOperationRefused):
    """Acknowledge on a NORMAL alarm: there is no annunciation to acknowledge."""


class AlarmHidden(AlarmOperationRefused):
    """Acknowledge or reset on a shelved, suppressed or out-of-service alarm."""


class ResetRefused(AlarmOperationRefused):
    """Reset of an alarm that is not latched, still active, or not yet acknowledged."""


class AlreadyShelved(AlarmOperationRefused):
    """Shelve on an alarm that is already shelved (unshelve first, so both acts are journaled)."""


class NotShelved(AlarmOperationRefused):
    """Unshelve on an alarm that is not shelved."""


class AlarmOutOfService(AlarmOperationRefused):
    """Shelve or remove-from-service on an alarm that is already out of service."""


class NotOutOfService(AlarmOperationRefused):
    """Return-to-service on an alarm that is in service."""


# C0 control characters other than tab and newline (and DEL): PostgreSQL refuses NUL in text,
# and none of them belongs in a journaled operator text.
_FORBIDDEN_CONTROL = frozenset(chr(c) for c in (*range(0x00, 0x20), 0x7F)) - {"\t", "\n"}


def _check_text(label: str, text: str | None) -> None:
    """Operator text (optional): refuses NUL and other control characters except tab and
    newline, naming the field, so nothing the journal cannot store enters the domain."""
    if text is None:
        return
    if not isinstance(text, str):
        raise ValueError(f"{label} must be text")
    bad = next((ch for ch in text if ch in _FORBIDDEN_CONTROL), None)
    if bad is not None:
        raise ValueError(f"{label} contains a control character (U+{ord(bad):04X})")


def _require_text(label: str, text: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{label} is required")
    _check_text(label, text)


def require_operator_text(label: str, text: str) -> None:
    """Public form of the rule every operator text follows (the engine's comment uses it):
    non-blank, no NUL or other control character except tab and newline."""
    _require_text(label, text)


class AlarmStateMachine:
    """State of one alarm; every operation returns the transitions to journal, in order."""

    def __init__(self, definition: AlarmDef, max_shelve_s: float = DEFAULT_MAX_SHELVE_S) -> None:
        if not math.isfinite(max_shelve_s) or max_shelve_s <= 0:
            raise ValueError("max_shelve_s must be > 0")
        self._def = definition
        self._max_shelve_s = max_shelve_s
        self._raw = False
        self._pending_since: float | None = None
        self._active = False
        self._acked = True
        self._latched_hold = False
        self._suppressed = False
        self._shelf: Shelf | None = None
        self._oos: OutOfService | None = None
        self._value: float | None = None
        self._last_now: float | None = None

    # ------------------------------------------------------------------ read-only view

    @property
    def definition(self) -> AlarmDef:
        return self._def

    @property
    def name(self) -> str:
        return self._def.name

    @property
    def state(self) -> AlarmState:
        """The operator-visible state. Out of service outranks suppression, which outranks a
        shelf: the state shown is the one that will have to be lifted last."""
        if self._oos is not None:
            return AlarmState.OUT_OF_SERVICE
        if self._suppressed:
            return AlarmState.SUPPRESSED_BY_DESIGN
        if self._shelf is not None:
            return AlarmState.SHELVED
        if self._active:
            return AlarmState.ACKED if self._acked else AlarmState.UNACK
        if self._latched_hold:
            return AlarmState.LATCHED if self._acked else AlarmState.UNACK
        return AlarmState.NORMAL if self._acked else AlarmState.RTN_UNACK

    @property
    def hidden(self) -> bool:
        return self._oos is not None or self._suppressed or self._shelf is not None

    @property
    def condition_active(self) -> bool:
        """The debounced process condition (after on/off delays), tracked even while hidden."""
        return self._active

    @property
    def raw_condition(self) -> bool:
        """The last condition given to :meth:`update`, before delays."""
        return self._raw

    @property
    def acknowledged(self) -> bool:
        return self._acked

    @property
    def awaiting_reset(self) -> bool:
        """A latched alarm whose process returned to normal and that has not been reset."""
        return self._latched_hold

    @property
    def suppressed(self) -> bool:
        return self._suppressed

    @property
    def shelf(self) -> Shelf | None:
        return self._shelf

    @property
    def out_of_service(self) -> OutOfService | None:
        return self._oos

    @property
    def last_value(self) -> float | None:
        return self._value

    # ------------------------------------------------------------------ process side

    def update(self, condition: bool, value: float | None, now: float) -> list[Transition]:
        """Feed the raw condition evaluated for this scan.

        First applies whatever became due before ``now`` under the previous raw condition (a
        delay that elapsed, a shelf that expired), then the new raw condition: a change starts the
        on- or off-delay, and takes effect at once when that delay is zero.
        """
        self._check_time(now)
        out = self._advance(now)
        self._value = value
        condition = bool(condition)
        self._raw = condition
        if condition == self._active:
            self._pending_since = None
        elif self._pending_since is None:
            self._pending_since = now
        out.extend(self._advance(now))
        return out

    def tick(self, now: float) -> list[Transition]:
        """Apply time alone: elapsed on/off delays and shelf expiry, in the order they fell due."""
        self._check_time(now)
        return self._advance(now)

    # ------------------------------------------------------------------ operator side

    def acknowledge(self, user: str, now: float, comment: str | None = None) -> list[Transition]:
        """Acknowledge the annunciation (B→C, D→A; a latched B that returned to normal →
        LATCHED).

        Acknowledging an already-acknowledged alarm returns ``[]``, so two operators acking at
        once journal once. Acknowledging a NORMAL or hidden alarm raises, because recording an
        acknowledgement of nothing would falsify the journal.
        """
        _require_text("user", user)
        _check_text("comment", comment)
        self._check_time(now)
        state = self.state
        if state.is_hidden:
            raise AlarmHidden(self.name, f"cannot acknowledge an alarm that is {state}")
        if state is AlarmState.NORMAL:
            raise NothingToAcknowledge(self.name, "alarm is normal; nothing to acknowledge")
        if self._acked:
            return []
        return [
            self._change(
                now, Event.ACKNOWLEDGE, Cause.OPERATOR, self._set_acked, user=user, comment=comment
            )
        ]

    def reset(self, user: str, now: float, comment: str | None = None) -> list[Transition]:
        """Reset a latched alarm whose process returned to normal (LATCHED → NORMAL)."""
        _require_text("user", user)
        _check_text("comment", comment)
        self._check_time(now)
        state = self.state
        if state.is_hidden:
            raise AlarmHidden(self.name, f"cannot reset an alarm that is {state}")
        if not self._def.latched:
            raise ResetRefused(self.name, "not a latched alarm")
        if self._active:
            raise ResetRefused(self.name, "condition still active")
        if not self._latched_hold:
            raise ResetRefused(self.name, "nothing to reset")
        if not self._acked:
            raise ResetRefused(self.name, "acknowledge before reset")
        return [
            self._change(
                now, Event.RESET, Cause.OPERATOR, self._release_latch, user=user, comment=comment
            )
        ]

    def shelve(
        self, user: str, reason: str, duration_s: float, now: float, one_shot: bool = False
    ) -> list[Transition]:
        """Shelve for at most ``max_shelve_s``; a one-shot shelf also ends at the next return to
        normal. The process condition keeps being tracked while shelved."""
        _require_text("user", user)
        _require_text("shelve reason", reason)
        if not math.isfinite(duration_s) or not 0 < duration_s <= self._max_shelve_s:
            raise ValueError(
                f"shelve duration must be > 0 and <= {self._max_shelve_s:g} s, got {duration_s}"
            )
        self._check_time(now)
        if self._oos is not None:
            raise AlarmOutOfService(self.name, "cannot shelve an alarm that is out of service")
        if self._shelf is not None:
            raise AlreadyShelved(self.name, f"already shelved by {self._shelf.user}")
        shelf = Shelf(user, reason, now, now + duration_s, one_shot)

        def put_on_shelf() -> None:
            self._shelf = shelf

        return [
            self._change(now, Event.SHELVE, Cause.OPERATOR, put_on_shelf, user=user, comment=reason)
        ]

    def unshelve(self, user: str, now: float, comment: str | None = None) -> list[Transition]:
        """Take the alarm off the shelf; it shows its true current condition again."""
        _require_text("user", user)
        _check_text("comment", comment)
        self._check_time(now)
        if self._shelf is None:
            raise NotShelved(self.name, "alarm is not shelved")
        return [
            self._change(
                now, Event.UNSHELVE, Cause.OPERATOR, self._clear_shelf, user=user, comment=comment
            )
        ]

    def suppress(self, now: float) -> list[Transition]:
        """Designed (state-based) suppression on; idempotent, so the engine may call it every
        scan while ``suppress_when`` holds."""
        self._check_time(now)
        if self._suppressed:
            return []
        return [self._change(now, Event.SUPPRESS, Cause.DESIGN, self._set_suppressed)]

    def unsuppress(self, now: float) -> list[Transition]:
        """Designed suppression off; idempotent."""
        self._check_time(now)
        if not self._suppressed:
            return []
        return [self._change(now, Event.UNSUPPRESS, Cause.DESIGN, self._clear_suppressed)]

    def remove_from_service(self, user: str, reason: str, now: float) -> list[Transition]:
        """Out of service (e.g. instrument under maintenance); a supervisor's act, with reason.
        Permission checks belong to the engine."""
        _require_text("user", user)
        _require_text("out-of-service reason", reason)
        self._check_time(now)
        if self._oos is not None:
            raise AlarmOutOfService(self.name, f"already out of service by {self._oos.user}")
        oos = OutOfService(user, reason, now)

        def take_out() -> None:
            self._oos = oos

        return [
            self._change(
                now, Event.REMOVE_FROM_SERVICE, Cause.OPERATOR, take_out, user=user, comment=reason
            )
        ]

    def return_to_service(
        self, user: str, now: float, comment: str | None = None
    ) -> list[Transition]:
        """Back in service; shows the true current condition."""
        _require_text("user", user)
        _check_text("comment", comment)
        self._check_time(now)
        if self._oos is None:
            raise NotOutOfService(self.name, "alarm is in service")
        return [
            self._change(
                now,
                Event.RETURN_TO_SERVICE,
                Cause.OPERATOR,
                self._clear_oos,
                user=user,
                comment=comment,
            )
        ]

    # ------------------------------------------------------------------ persistence

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to continue exactly where we are, as a JSON-compatible dict."""
        shelf = self._shelf
        oos = self._oos
        return {
            "version": SNAPSHOT_VERSION,
            "alarm": self.name,
            "raw": self._raw,
            "pending_since": self._pending_since,
            "active": self._active,
            "acked": self._acked,
            "latched_hold": self._latched_hold,
            "suppressed": self._suppressed,
            "shelf": None
            if shelf is None
            else {
                "user": shelf.user,
                "reason": shelf.reason,
                "since": shelf.since,
                "expires_at": shelf.expires_at,
                "one_shot": shelf.one_shot,
            },
            "out_of_service": None
            if oos is None
            else {"user": oos.user, "reason": oos.reason, "since": oos.since},
            "value": self._value,
            "last_now": self._last_now,
        }

    def restore(self, snapshot: Mapping[str, Any]) -> None:
        """Continue from a :meth:`snapshot` (e.g. after an engine restart) without journaling or
        annunciating anything: an alarm that was active and acknowledged stays so.

        Raises ``ValueError`` for a snapshot of another alarm or of an unknown version.
        """
        if snapshot.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"unsupported alarm snapshot version {snapshot.get('version')!r}")
        if snapshot.get("alarm") != self.name:
            raise ValueError(f"snapshot of {snapshot.get('alarm')!r} given to {self.name!r}")
        try:
            shelf_d = snapshot["shelf"]
            oos_d = snapshot["out_of_service"]
            shelf = (
                None
                if shelf_d is None
                else Shelf(
                    str(shelf_d["user"]),
                    str(shelf_d["reason"]),
                    float(shelf_d["since"]),
                    float(shelf_d["expires_at"]),
                    bool(shelf_d["one_shot"]),
                )
            )
            oos = (
                None
                if oos_d is None
                else OutOfService(str(oos_d["user"]), str(oos_d["reason"]), float(oos_d["since"]))
            )
            raw = bool(snapshot["raw"])
            pending = _opt_float(snapshot["pending_since"])
            active = bool(snapshot["active"])
            acked = bool(snapshot["acked"])
            latched_hold = bool(snapshot["latched_hold"]) and self._def.latched and not active
            suppressed = bool(snapshot["suppressed"])
            value = _opt_float(snapshot["value"])
            last_now = _opt_float(snapshot["last_now"])
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed alarm snapshot for {self.name!r}: {exc}") from exc
        self._raw, self._pending_since, self._active = raw, pending, active
        self._acked, self._latched_hold, self._suppressed = acked, latched_hold, suppressed
        self._shelf, self._oos, self._value, self._last_now = shelf, oos, value, last_now

    @classmethod
    def from_snapshot(
        cls,
        definition: AlarmDef,
        snapshot: Mapping[str, Any],
        max_shelve_s: float = DEFAULT_MAX_SHELVE_S,
    ) -> AlarmStateMachine:
        machine = cls(definition, max_shelve_s)
        machine.restore(snapshot)
        return machine

    # ------------------------------------------------------------------ internals

    def _check_time(self, now: float) -> None:
        if not math.isfinite(now):
            raise ValueError(f"{self.name}: now must be finite, got {now}")
        if self._last_now is not None and now < self._last_now:
            raise ValueError(
                f"{self.name}: time went backwards ({now} < {self._last_now}); "
                "feed a monotonic time base"
            )
        self._last_now = now

    def _delay(self) -> float:
        """The delay the pending change must outlast: on-delay to activate, off-delay to clear."""
        return self._def.off_delay_s if self._active else self._def.on_delay_s

    def _advance(self, now: float) -> list[Transition]:
        """Apply due delay and shelf expiry in the order they fell due (process first on a tie)."""
        out: list[Transition] = []
        while True:
            delay_due = None if self._pending_since is None else self._pending_since + self._delay()
            expiry_due = None if self._shelf is None else self._shelf.expires_at
            if (
                delay_due is not None
                and delay_due <= now
                and (expiry_due is None or delay_due <= expiry_due)
            ):
                out.extend(self._commit_condition(now))
            elif expiry_due is not None and expiry_due <= now:
                out.append(self._change(now, Event.UNSHELVE, Cause.EXPIRY, self._clear_shelf))
            else:
                return out

    def _commit_condition(self, now: float) -> list[Transition]:
        """The debounced condition flips: journal it, annunciate only if visible."""
        activating = not self._active

        def flip() -> None:
            self._pending_since = None
            self._active = activating
            if activating:
                self._latched_hold = False  # a latch only holds a returned-to-normal alarm
                if not self.hidden:
                    self._acked = False
            elif self._def.latched and not self.hidden:
                self._latched_hold = True

        event = Event.ACTIVATE if activating else Event.RETURN_TO_NORMAL
        out = [self._change(now, event, Cause.PROCESS, flip)]
        shelf = self._shelf
        if not activating and shelf is not None and shelf.one_shot:
            out.append(
                self._change(
                    now,
                    Event.UNSHELVE,
                    Cause.PROCESS,
                    self._clear_shelf,
                    comment="one-shot shelve ended on return to normal",
                )
            )
        return out

    def _change(
        self,
        now: float,
        event: Event,
        cause: Cause,
        mutate: Callable[[], None],
        user: str | None = None,
        comment: str | None = None,
    ) -> Transition:
        """Apply ``mutate`` and describe it. An alarm that stops being hidden shows its true
        condition: UNACK when active, NORMAL otherwise (a held latch is released)."""
        old = self.state
        was_hidden = self.hidden
        mutate()
        if was_hidden and not self.hidden:
            self._acked = not self._active
            self._latched_hold = False
        return Transition(
            ts=now,
            alarm=self.name,
            old_state=old,
            new_state=self.state,
            event=event,
            cause=cause,
            condition_active=self._active,
            value=self._value,
            limit=self._def.limit,
            user=user,
            comment=comment,
        )

    def _set_acked(self) -> None:
        self._acked = True

    def _release_latch(self) -> None:
        self._latched_hold = False

    def _clear_shelf(self) -> None:
        self._shelf = None

    def _set_suppressed(self) -> None:
        self._suppressed = True

    def _clear_suppressed(self) -> None:
        self._suppressed = False

    def _clear_oos(self) -> None:
        self._oos = None


def _opt_float(x: Any) -> float | None:
    return None if x is None else float(x)
