"""The ISA-18.2 alarm state machine, one behaviour per test."""

from __future__ import annotations

import json

import pytest

from domain.alarms.definitions import AlarmKind
from domain.alarms.state import (
    AlarmHidden,
    AlarmOutOfService,
    AlarmState,
    AlarmStateMachine,
    AlreadyShelved,
    Cause,
    Event,
    NothingToAcknowledge,
    NotOutOfService,
    NotShelved,
    ResetRefused,
)

from ._defs import hi_alarm

S = AlarmState


def machine(**overrides) -> AlarmStateMachine:
    return AlarmStateMachine(hi_alarm(**overrides), max_shelve_s=3600.0)


def states(transitions):
    return [(t.old_state, t.new_state) for t in transitions]


# ---------------------------------------------------------------- A-B-C-D cycle


def test_activate_ack_return_to_normal():
    m = machine()
    (t,) = m.update(True, 125.0, 10.0)
    assert (t.old_state, t.new_state, t.event, t.cause) == (
        S.NORMAL,
        S.UNACK,
        Event.ACTIVATE,
        Cause.PROCESS,
    )
    assert (t.ts, t.alarm, t.value, t.limit, t.condition_active) == (
        10.0, "W01.ESP.TEMP.HI", 125.0, 120.0, True,
    )  # fmt: skip
    assert t.annunciates
    (a,) = m.acknowledge("ana", 11.0, comment="reducing frequency")
    assert (a.old_state, a.new_state, a.event, a.cause) == (
        S.UNACK,
        S.ACKED,
        Event.ACKNOWLEDGE,
        Cause.OPERATOR,
    )
    assert (a.user, a.comment) == ("ana", "reducing frequency")
    (r,) = m.update(False, 110.0, 12.0)
    assert (r.old_state, r.new_state, r.event) == (S.ACKED, S.NORMAL, Event.RETURN_TO_NORMAL)
    assert not r.annunciates


def test_return_to_normal_unacknowledged_then_ack():
    m = machine()
    m.update(True, 125.0, 0.0)
    assert states(m.update(False, 100.0, 1.0)) == [(S.UNACK, S.RTN_UNACK)]
    assert states(m.acknowledge("ana", 2.0)) == [(S.RTN_UNACK, S.NORMAL)]


def test_reactivation_from_rtn_unack_annunciates_again():
    m = machine()
    m.update(True, 125.0, 0.0)
    m.update(False, 100.0, 1.0)
    (t,) = m.update(True, 125.0, 2.0)
    assert (t.old_state, t.new_state) == (S.RTN_UNACK, S.UNACK)
    assert t.annunciates


def test_unchanged_condition_emits_nothing():
    m = machine()
    assert m.update(False, 100.0, 0.0) == []
    m.update(True, 125.0, 1.0)
    assert m.update(True, 126.0, 2.0) == []
    assert m.last_value == 126.0


def test_acknowledging_a_normal_alarm_is_refused():
    m = machine()
    with pytest.raises(NothingToAcknowledge, match=r"W01\.ESP\.TEMP\.HI: alarm is normal"):
        m.acknowledge("ana", 0.0)


def test_concurrent_acknowledgements_journal_once():
    m = machine()
    m.update(True, 125.0, 0.0)
    first = m.acknowledge("ana", 5.0)
    second = m.acknowledge("luis", 5.0)
    assert len(first) == 1 and first[0].user == "ana"
    assert second == []


def test_acknowledge_needs_a_user():
    m = machine()
    m.update(True, 125.0, 0.0)
    with pytest.raises(ValueError, match="user"):
        m.acknowledge(" ", 1.0)


def test_time_going_backwards_is_refused():
    m = machine()
    m.update(False, 1.0, 10.0)
    with pytest.raises(ValueError, match="backwards"):
        m.update(True, 125.0, 9.0)


# ---------------------------------------------------------------- on/off delays


def test_on_delay_requires_the_condition_to_persist():
    m = machine(on_delay_s=10.0)
    assert m.update(True, 125.0, 0.0) == []
    assert m.update(True, 125.0, 9.9) == []
    assert m.state is S.NORMAL
    (t,) = m.update(True, 125.0, 10.0)
    assert (t.new_state, t.ts) == (S.UNACK, 10.0)


def test_on_delay_restarts_when_the_condition_flickers():
    m = machine(on_delay_s=10.0)
    m.update(True, 125.0, 0.0)
    m.update(False, 100.0, 5.0)
    m.update(True, 125.0, 6.0)
    assert m.update(True, 125.0, 15.0) == []
    assert states(m.update(True, 125.0, 16.0)) == [(S.NORMAL, S.UNACK)]


def test_delay_elapses_on_tick_without_new_samples():
    m = machine(on_delay_s=10.0)
    m.update(True, 125.0, 0.0)
    assert m.tick(5.0) == []
    assert states(m.tick(12.0)) == [(S.NORMAL, S.UNACK)]


def test_off_delay_requires_normal_to_persist():
    m = machine(off_delay_s=30.0)
    m.update(True, 125.0, 0.0)
    m.acknowledge("ana", 1.0)
    assert m.update(False, 100.0, 2.0) == []
    m.update(True, 125.0, 20.0)  # back to abnormal: the off-delay restarts
    m.update(False, 100.0, 25.0)
    assert m.tick(54.0) == []
    assert states(m.tick(55.0)) == [(S.ACKED, S.NORMAL)]


def test_delay_that_elapsed_before_an_update_is_applied_first():
    m = machine(on_delay_s=10.0, off_delay_s=5.0)
    m.update(True, 125.0, 0.0)
    # abnormal from 0 s to 20 s as far as we know: it activated, then the off-delay starts
    assert states(m.update(False, 100.0, 20.0)) == [(S.NORMAL, S.UNACK)]
    assert m.tick(24.0) == []
    assert states(m.tick(25.0)) == [(S.UNACK, S.RTN_UNACK)]


# ---------------------------------------------------------------- latched


def test_latched_alarm_stays_until_acknowledged_and_reset():
    m = machine(latched=True)
    m.update(True, 125.0, 0.0)
    m.acknowledge("ana", 1.0)
    (rtn,) = m.update(False, 100.0, 2.0)
    assert (rtn.old_state, rtn.new_state, rtn.event) == (S.ACKED, S.LATCHED, Event.RETURN_TO_NORMAL)
    assert m.awaiting_reset
    (r,) = m.reset("ana", 3.0)
    assert (r.old_state, r.new_state, r.event, r.user) == (S.LATCHED, S.NORMAL, Event.RESET, "ana")


def test_unacknowledged_latched_alarm_stays_unack_after_rtn():
    m = machine(latched=True)
    m.update(True, 125.0, 0.0)
    assert states(m.update(False, 100.0, 1.0)) == [(S.UNACK, S.UNACK)]
    with pytest.raises(ResetRefused, match="acknowledge"):
        m.reset("ana", 2.0)
    assert states(m.acknowledge("ana", 3.0)) == [(S.UNACK, S.LATCHED)]
    assert states(m.reset("ana", 4.0)) == [(S.LATCHED, S.NORMAL)]


def test_reset_refusals():
    m = machine(latched=True)
    with pytest.raises(ResetRefused, match="nothing"):
        m.reset("ana", 0.0)
    m.update(True, 125.0, 1.0)
    m.acknowledge("ana", 2.0)
    with pytest.raises(ResetRefused, match="still active"):
        m.reset("ana", 3.0)
    with pytest.raises(ResetRefused, match="not a latched"):
        machine().reset("ana", 0.0)


def test_latched_alarm_reactivating_before_reset_annunciates_again():
    m = machine(latched=True)
    m.update(True, 125.0, 0.0)
    m.acknowledge("ana", 1.0)
    m.update(False, 100.0, 2.0)
    (t,) = m.update(True, 125.0, 3.0)
    assert (t.old_state, t.new_state, t.annunciates) == (S.LATCHED, S.UNACK, True)


# ---------------------------------------------------------------- shelving


def test_shelve_needs_reason_and_bounded_duration():
    m = machine()
    with pytest.raises(ValueError, match="reason"):
        m.shelve("ana", "", 60.0, 0.0)
    with pytest.raises(ValueError, match="duration"):
        m.shelve("ana", "chattering", 0.0, 0.0)
    with pytest.raises(ValueError, match="3600"):
        m.shelve("ana", "chattering", 3601.0, 0.0)


def test_shelved_alarm_tracks_the_process_without_annunciating():
    m = machine()
    (s,) = m.shelve("ana", "transmitter being recalibrated", 600.0, 0.0)
    assert (s.old_state, s.new_state, s.event, s.comment) == (
        S.NORMAL, S.SHELVED, Event.SHELVE, "transmitter being recalibrated",
    )  # fmt: skip
    (t,) = m.update(True, 125.0, 1.0)
    assert (t.old_state, t.new_state, t.event, t.condition_active) == (
        S.SHELVED, S.SHELVED, Event.ACTIVATE, True,
    )  # fmt: skip
    assert not t.annunciates
    with pytest.raises(AlarmHidden):
        m.acknowledge("ana", 2.0)
    (u,) = m.unshelve("ana", 3.0)
    assert (u.old_state, u.new_state, u.event) == (S.SHELVED, S.UNACK, Event.UNSHELVE)
    assert u.annunciates


def test_unshelve_after_return_to_normal_comes_back_normal_and_rtn_is_journaled():
    m = machine()
    m.update(True, 125.0, 0.0)
    m.shelve("ana", "chattering", 600.0, 1.0)
    (rtn,) = m.update(False, 100.0, 2.0)
    assert (rtn.event, rtn.new_state) == (Event.RETURN_TO_NORMAL, S.SHELVED)
    assert states(m.unshelve("ana", 3.0)) == [(S.SHELVED, S.NORMAL)]


def test_shelve_expires_automatically():
    m = machine()
    m.shelve("ana", "chattering", 600.0, 0.0)
    m.update(True, 125.0, 100.0)
    assert m.tick(599.0) == []
    (e,) = m.tick(601.0)
    assert (e.old_state, e.new_state, e.event, e.cause) == (
        S.SHELVED,
        S.UNACK,
        Event.UNSHELVE,
        Cause.EXPIRY,
    )


def test_one_shot_shelve_ends_on_the_next_return_to_normal():
    m = machine()
    m.update(True, 125.0, 0.0)
    m.shelve("ana", "known upset, crew on site", 3600.0, 1.0, one_shot=True)
    assert m.update(True, 126.0, 2.0) == []
    rtn, unshelve = m.update(False, 100.0, 3.0)
    assert (rtn.event, rtn.new_state) == (Event.RETURN_TO_NORMAL, S.SHELVED)
    assert (unshelve.event, unshelve.cause, unshelve.new_state) == (
        Event.UNSHELVE, Cause.PROCESS, S.NORMAL,
    )  # fmt: skip
    assert m.shelf is None
    assert states(m.update(True, 125.0, 4.0)) == [(S.NORMAL, S.UNACK)]


def test_shelve_twice_and_unshelve_unshelved_are_refused():
    m = machine()
    m.shelve("ana", "chattering", 60.0, 0.0)
    with pytest.raises(AlreadyShelved, match="ana"):
        m.shelve("luis", "chattering", 60.0, 1.0)
    m.unshelve("ana", 2.0)
    with pytest.raises(NotShelved):
        m.unshelve("ana", 3.0)


# ---------------------------------------------------------------- out of service, suppression


def test_out_of_service_hides_and_return_restores_the_true_state():
    m = machine()
    with pytest.raises(ValueError, match="reason"):
        m.remove_from_service("sup", "", 0.0)
    (o,) = m.remove_from_service("sup", "TT-101 replaced, WO 4711", 0.0)
    assert (o.new_state, o.event, o.user, o.comment) == (
        S.OUT_OF_SERVICE, Event.REMOVE_FROM_SERVICE, "sup", "TT-101 replaced, WO 4711",
    )  # fmt: skip
    m.update(True, 125.0, 1.0)
    with pytest.raises(AlarmOutOfService):
        m.shelve("ana", "x", 60.0, 2.0)
    with pytest.raises(AlarmOutOfService):
        m.remove_from_service("sup", "again", 2.0)
    assert states(m.return_to_service("sup", 3.0)) == [(S.OUT_OF_SERVICE, S.UNACK)]
    with pytest.raises(NotOutOfService):
        m.return_to_service("sup", 4.0)


def test_suppression_by_design_is_idempotent_and_restores_the_true_state():
    m = machine(kind=AlarmKind.LO, limit=10.0)
    m.update(True, 2.0, 0.0)
    m.acknowledge("ana", 1.0)
    (s,) = m.suppress(2.0)
    assert (s.old_state, s.new_state, s.cause) == (S.ACKED, S.SUPPRESSED_BY_DESIGN, Cause.DESIGN)
    assert m.suppress(3.0) == []
    m.update(False, 50.0, 4.0)
    assert states(m.unsuppress(5.0)) == [(S.SUPPRESSED_BY_DESIGN, S.NORMAL)]
    assert m.unsuppress(6.0) == []


def test_suppressed_alarm_active_at_unsuppress_comes_back_unacknowledged():
    m = machine()
    m.update(True, 125.0, 0.0)
    m.acknowledge("ana", 1.0)
    m.suppress(2.0)
    (u,) = m.unsuppress(3.0)
    assert (u.new_state, u.annunciates) == (S.UNACK, True)


def test_hidden_states_take_precedence_out_of_service_over_suppressed_over_shelved():
    m = machine()
    m.shelve("ana", "chattering", 600.0, 0.0)
    assert states(m.suppress(1.0)) == [(S.SHELVED, S.SUPPRESSED_BY_DESIGN)]
    assert states(m.remove_from_service("sup", "maintenance", 2.0)) == [
        (S.SUPPRESSED_BY_DESIGN, S.OUT_OF_SERVICE)
    ]
    m.update(True, 125.0, 3.0)
    assert states(m.unshelve("ana", 4.0)) == [(S.OUT_OF_SERVICE, S.OUT_OF_SERVICE)]
    assert states(m.return_to_service("sup", 5.0)) == [(S.OUT_OF_SERVICE, S.SUPPRESSED_BY_DESIGN)]
    assert states(m.unsuppress(6.0)) == [(S.SUPPRESSED_BY_DESIGN, S.UNACK)]


def test_isa_letters():
    assert [s.isa_letter for s in S] == ["A", "B", "C", "D", "", "E", "F", "G"]


# ---------------------------------------------------------------- persistence


def test_restore_does_not_raise_the_alarm_again():
    m = machine(on_delay_s=5.0)
    m.update(True, 125.0, 0.0)
    m.tick(5.0)
    m.acknowledge("ana", 6.0)
    snap = json.loads(json.dumps(m.snapshot()))  # what the engine stores
    after_restart = AlarmStateMachine.from_snapshot(hi_alarm(on_delay_s=5.0), snap)
    assert after_restart.state is S.ACKED
    assert after_restart.update(True, 126.0, 60.0) == []
    assert after_restart.snapshot()["acked"] is True


def test_restore_keeps_shelf_and_its_expiry():
    m = machine()
    m.shelve("ana", "chattering", 600.0, 0.0, one_shot=True)
    m.update(True, 125.0, 1.0)
    restored = machine()
    restored.restore(m.snapshot())
    assert restored.snapshot() == m.snapshot()
    assert restored.state is S.SHELVED and restored.shelf == m.shelf
    (e,) = restored.tick(700.0)
    assert (e.cause, e.new_state) == (Cause.EXPIRY, S.UNACK)


def test_restore_refuses_a_snapshot_of_another_alarm_or_version():
    snap = machine().snapshot()
    other = machine(name="W02.ESP.TEMP.HI")
    with pytest.raises(ValueError, match="W02"):
        other.restore(snap)
    with pytest.raises(ValueError, match="version"):
        machine().restore({**snap, "version": 99})
    with pytest.raises(ValueError, match="malformed"):
        machine().restore({k: v for k, v in snap.items() if k != "acked"})


def test_snapshot_is_a_fixed_point_for_a_latched_alarm_reactivating_while_shelved():
    m = machine(latched=True)
    m.update(True, 125.0, 0.0)
    m.acknowledge("ana", 1.0)
    m.update(False, 100.0, 2.0)  # LATCHED, awaiting reset
    m.shelve("ana", "instrument check", 600.0, 3.0)
    m.update(True, 125.0, 4.0)  # active again while hidden: the latch no longer holds
    restored = machine(latched=True)
    restored.restore(m.snapshot())
    assert restored.snapshot() == m.snapshot()
    assert states(restored.unshelve("ana", 5.0)) == [(S.SHELVED, S.UNACK)]


# --- operator text the journal cannot store is refused at the domain boundary ------------------


@pytest.mark.parametrize("bad", ["a\x00b", "\x00", "x\x07y", "esc\x1b[0m", "cr\r", "del\x7f"])
def test_operator_texts_with_control_characters_are_refused_naming_the_field(bad: str) -> None:
    m = machine()
    m.update(True, 130.0, 0.0)
    with pytest.raises(ValueError, match="comment"):
        m.acknowledge("ana", 1.0, bad)
    with pytest.raises(ValueError, match="user"):
        m.acknowledge(bad, 1.0)
    with pytest.raises(ValueError, match="shelve reason"):
        m.shelve("ana", bad, 60.0, 1.0)
    with pytest.raises(ValueError, match="out-of-service reason"):
        m.remove_from_service("sup", bad, 1.0)
    with pytest.raises(ValueError, match="comment"):
        m.unshelve("ana", 1.0, bad)
    with pytest.raises(ValueError, match="comment"):
        m.return_to_service("sup", 1.0, bad)
    with pytest.raises(ValueError, match="comment"):
        m.reset("ana", 1.0, bad)
    assert m.state.value == "unack"  # nothing changed


def test_tab_and_newline_are_allowed_in_operator_texts() -> None:
    m = machine()
    m.update(True, 130.0, 0.0)
    (t,) = m.acknowledge("ana", 1.0, "line one\n\tline two")
    assert t.comment == "line one\n\tline two"
    (t,) = m.shelve("ana", "instrument\ttech on site\n", 60.0, 2.0)
    assert t.comment == "instrument\ttech on site\n"
