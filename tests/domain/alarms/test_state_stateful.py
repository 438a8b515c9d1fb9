"""Stateful property test of the alarm state machine against ISA-18.2 invariants.

Hypothesis drives one alarm through any sequence of process conditions, time advances, acks,
shelves (timed, one-shot, expiring), designed suppression, out-of-service, resets and engine
restarts (snapshot → restore), while a small reference model tracks what the *true* debounced
condition and the hidden flags must be. After every step:

* no acknowledgement of a NORMAL alarm is ever journaled;
* ACTIVATE and RETURN_TO_NORMAL entries alternate, so no return to normal is lost, and the last
  one agrees with the current condition;
* a hidden (shelved / suppressed / out-of-service) alarm never annunciates;
* an alarm that becomes visible again shows the true condition (UNACK if active, else NORMAL);
* the debounced condition and hidden flags equal the reference model's;
* snapshot → restore is a fixed point.
"""

from __future__ import annotations

import json

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.alarms.state import (
    AlarmHidden,
    AlarmOutOfService,
    AlarmState,
    AlarmStateMachine,
    AlreadyShelved,
    Event,
    NothingToAcknowledge,
    NotOutOfService,
    NotShelved,
    ResetRefused,
    Transition,
)

from ._defs import hi_alarm

MAX_SHELVE_S = 100.0
USERS = st.sampled_from(["ana", "luis"])
STEPS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 20.0, 60.0, 150.0])
UNHIDE = {Event.UNSHELVE, Event.UNSUPPRESS, Event.RETURN_TO_SERVICE}
S = AlarmState


class ReferenceModel:
    """The true debounced condition and the hidden flags, computed the simplest possible way."""

    def __init__(self, on_delay: float, off_delay: float) -> None:
        self.on_delay = on_delay
        self.off_delay = off_delay
        self.raw = False
        self.active = False
        self.since: float | None = None  # when raw started to differ from active
        self.shelf_expires: float | None = None
        self.shelf_one_shot = False
        self.suppressed = False
        self.oos = False

    @property
    def hidden(self) -> bool:
        return self.oos or self.suppressed or self.shelf_expires is not None

    def elapse(self, now: float) -> None:
        delay = self.off_delay if self.active else self.on_delay
        if self.since is not None and now - self.since >= delay:
            self.active = self.raw
            self.since = None
            if not self.active and self.shelf_one_shot:
                self.shelf_expires = None
        if self.shelf_expires is not None and now >= self.shelf_expires:
            self.shelf_expires = None

    def feed(self, raw: bool, now: float) -> None:
        self.elapse(now)
        self.raw = raw
        if raw == self.active:
            self.since = None
        elif self.since is None:
            self.since = now
        self.elapse(now)


class AlarmMachineTest(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0
        self.journal: list[Transition] = []

    @initialize(
        latched=st.booleans(),
        on_delay=st.sampled_from([0.0, 2.0, 5.0]),
        off_delay=st.sampled_from([0.0, 3.0]),
    )
    def setup(self, latched: bool, on_delay: float, off_delay: float) -> None:
        self.defn = hi_alarm(latched=latched, on_delay_s=on_delay, off_delay_s=off_delay)
        self.alarm = AlarmStateMachine(self.defn, max_shelve_s=MAX_SHELVE_S)
        self.ref = ReferenceModel(on_delay, off_delay)

    # ------------------------------------------------------------------ helpers

    def _journal(self, transitions: list[Transition], hidden_before: bool) -> None:
        for t in transitions:
            assert t.ts == self.now
            if t.event is Event.ACKNOWLEDGE:
                assert t.old_state in (S.UNACK, S.RTN_UNACK), t
            if t.old_state.is_hidden and t.new_state.is_hidden:
                assert not t.annunciates, t
            if t.event is Event.ACTIVATE:
                if t.old_state.is_hidden:
                    assert t.new_state is t.old_state, "a hidden alarm annunciated"
                else:
                    assert t.new_state is S.UNACK, t
            if t.event in UNHIDE and not t.new_state.is_hidden:
                expected = S.UNACK if t.condition_active else S.NORMAL
                assert t.new_state is expected, t
        if hidden_before and self.ref.hidden:
            assert not any(t.annunciates for t in transitions)
        self.journal.extend(transitions)

    def _advance(self, dt: float) -> None:
        self.now += dt

    # ------------------------------------------------------------------ process and time

    @rule(condition=st.booleans(), dt=STEPS)
    def process(self, condition: bool, dt: float) -> None:
        self._advance(dt)
        hidden = self.ref.hidden
        out = self.alarm.update(condition, 125.0 if condition else 100.0, self.now)
        self.ref.feed(condition, self.now)
        self._journal(out, hidden)

    @rule(dt=STEPS)
    def time_passes(self, dt: float) -> None:
        self._advance(dt)
        hidden = self.ref.hidden
        out = self.alarm.tick(self.now)
        self.ref.elapse(self.now)
        self._journal(out, hidden)

    # ------------------------------------------------------------------ operator

    @rule(user=USERS)
    def acknowledge(self, user: str) -> None:
        state = self.alarm.state
        was_acked = self.alarm.acknowledged
        try:
            out = self.alarm.acknowledge(user, self.now)
        except AlarmHidden:
            assert state.is_hidden
            return
        except NothingToAcknowledge:
            assert state is S.NORMAL
            return
        assert not state.is_hidden and state is not S.NORMAL
        assert len(out) == (0 if was_acked else 1)
        self._journal(out, False)

    @rule(user=USERS)
    def acknowledge_twice_concurrently(self, user: str) -> None:
        if self.alarm.state in (S.UNACK, S.RTN_UNACK):
            first = self.alarm.acknowledge(user, self.now)
            assert len(first) == 1
            self._journal(first, False)
            if self.alarm.state is not S.NORMAL:
                assert self.alarm.acknowledge("other", self.now) == []

    @rule(user=USERS, duration=st.sampled_from([1.0, 10.0, MAX_SHELVE_S]), one_shot=st.booleans())
    def shelve(self, user: str, duration: float, one_shot: bool) -> None:
        hidden = self.ref.hidden
        try:
            out = self.alarm.shelve(user, "nuisance", duration, self.now, one_shot=one_shot)
        except AlarmOutOfService:
            assert self.ref.oos
            return
        except AlreadyShelved:
            assert self.ref.shelf_expires is not None
            return
        self.ref.shelf_expires = self.now + duration
        self.ref.shelf_one_shot = one_shot
        self._journal(out, hidden)

    @rule(user=USERS)
    def unshelve(self, user: str) -> None:
        try:
            out = self.alarm.unshelve(user, self.now)
        except NotShelved:
            assert self.ref.shelf_expires is None
            return
        self.ref.shelf_expires = None
        self._journal(out, True)

    @rule()
    def suppress(self) -> None:
        hidden = self.ref.hidden
        out = self.alarm.suppress(self.now)
        assert len(out) == (0 if self.ref.suppressed else 1)
        self.ref.suppressed = True
        self._journal(out, hidden)

    @rule()
    def unsuppress(self) -> None:
        hidden = self.ref.hidden
        out = self.alarm.unsuppress(self.now)
        assert len(out) == (1 if self.ref.suppressed else 0)
        self.ref.suppressed = False
        self._journal(out, hidden)

    @rule(user=USERS)
    def remove_from_service(self, user: str) -> None:
        hidden = self.ref.hidden
        try:
            out = self.alarm.remove_from_service(user, "maintenance", self.now)
        except AlarmOutOfService:
            assert self.ref.oos
            return
        self.ref.oos = True
        self._journal(out, hidden)

    @rule(user=USERS)
    def return_to_service(self, user: str) -> None:
        try:
            out = self.alarm.return_to_service(user, self.now)
        except NotOutOfService:
            assert not self.ref.oos
            return
        self.ref.oos = False
        self._journal(out, True)

    @rule(user=USERS)
    def reset(self, user: str) -> None:
        state = self.alarm.state
        try:
            out = self.alarm.reset(user, self.now)
        except (ResetRefused, AlarmHidden):
            assert state is not S.LATCHED
            return
        assert [(t.old_state, t.new_state) for t in out] == [(S.LATCHED, S.NORMAL)]
        self._journal(out, False)

    @rule()
    def restart(self) -> None:
        """The engine restarts: persisted snapshot, new state machine, nothing re-raised."""
        stored = json.loads(json.dumps(self.alarm.snapshot()))
        restored = AlarmStateMachine.from_snapshot(self.defn, stored, max_shelve_s=MAX_SHELVE_S)
        assert restored.state is self.alarm.state
        self.alarm = restored

    # ------------------------------------------------------------------ invariants

    @invariant()
    def condition_and_hiding_match_the_reference(self) -> None:
        assert self.alarm.condition_active == self.ref.active
        assert self.alarm.hidden == self.ref.hidden
        assert (self.alarm.shelf is None) == (self.ref.shelf_expires is None)
        state = self.alarm.state
        if self.ref.oos:
            assert state is S.OUT_OF_SERVICE
        elif self.ref.suppressed:
            assert state is S.SUPPRESSED_BY_DESIGN
        elif self.ref.shelf_expires is not None:
            assert state is S.SHELVED

    @invariant()
    def visible_state_is_consistent_with_the_condition(self) -> None:
        state = self.alarm.state
        active = self.ref.active
        if state in (S.ACKED,):
            assert active
        if state in (S.NORMAL, S.RTN_UNACK, S.LATCHED):
            assert not active
        if state is S.LATCHED:
            assert self.defn.latched
        if state is S.UNACK and not active:
            assert self.defn.latched and self.alarm.awaiting_reset

    @invariant()
    def no_lost_return_to_normal(self) -> None:
        process = [t for t in self.journal if t.event in (Event.ACTIVATE, Event.RETURN_TO_NORMAL)]
        for i, t in enumerate(process):
            expected = Event.ACTIVATE if i % 2 == 0 else Event.RETURN_TO_NORMAL
            assert t.event is expected, "activations and returns to normal must alternate"
            assert t.condition_active == (t.event is Event.ACTIVATE)
        last_is_activation = bool(process) and process[-1].event is Event.ACTIVATE
        assert last_is_activation == self.ref.active

    @invariant()
    def never_an_acknowledgement_of_a_normal_alarm(self) -> None:
        assert not any(
            t.event is Event.ACKNOWLEDGE and t.old_state is S.NORMAL for t in self.journal
        )

    @invariant()
    def snapshot_restore_is_a_fixed_point(self) -> None:
        snap = self.alarm.snapshot()
        other = AlarmStateMachine(self.defn, max_shelve_s=MAX_SHELVE_S)
        other.restore(snap)
        assert other.snapshot() == snap
        assert other.state is self.alarm.state


AlarmMachineTest.TestCase.settings = settings(
    max_examples=150, stateful_step_count=40, deadline=None
)
test_alarm_state_machine_keeps_isa_18_2_invariants = AlarmMachineTest.TestCase
