"""The alarm engine end to end on PostgreSQL: every kind, operator actions, restore, first-out,
floods and the comms alarm, with the journal rows checked in the database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from domain.alarms.state import AlarmState, NothingToAcknowledge
from domain.tags import Quality
from tests.engine.alarms.rig import T0, Rig, field_yaml

FIELD = field_yaml("""\
- name: W01
  port: 15001
  tags:
  - name: W01.RUN
    address: 0
    alarms:
    - {kind: discrete, priority: high, state_value: 0, first_out_group: W01.TRIP}
  - name: W01.TEMP
    address: 2
    alarms:
    - {kind: hi, priority: medium, limit: 100, deadband: 5, on_delay_s: 2}
    - {kind: hihi, priority: critical, limit: 150, latched: true, first_out_group: W01.TRIP}
  - name: W01.LOAD
    address: 4
    alarms:
    - kind: lo
      priority: medium
      limit: 50
      first_out_group: W01.TRIP
      suppress_when: {tag: W01.RUN, op: "==", value: 0}
  - name: W01.Q
    address: 6
    alarms:
    - {kind: deviation, priority: low, limit: 10, deadband: 2, setpoint_tag: W01.SP}
    - {kind: rate_of_change, priority: low, limit: 60, rate_period_s: 60}
    - {kind: frozen, priority: low, frozen_after_s: 30}
    - {kind: bad_quality, priority: low}
  - name: W01.SP
    address: 8
""")

NORMAL = {"W01.RUN": 1.0, "W01.TEMP": 80.0, "W01.LOAD": 70.0, "W01.Q": 500.0, "W01.SP": 500.0}


@pytest.fixture
def rig(database_url: str, tmp_path: Path) -> Iterator[Rig]:
    r = Rig(database_url, tmp_path, FIELD)
    try:
        yield r
    finally:
        r.close()


def normal(**over: float | tuple[float, Quality]) -> dict[str, float | tuple[float, Quality]]:
    return {**NORMAL, **over}


def test_hi_with_on_delay_and_deadband_is_journaled_with_value_and_limit(rig: Rig) -> None:
    rig.feed(T0, normal())
    rig.feed(T0 + 1, normal(**{"W01.TEMP": 120.0, "W01.Q": 501.0}))  # on-delay starts
    assert rig.rows("W01.TEMP.HI") == []
    rig.feed(T0 + 3, normal(**{"W01.TEMP": 121.0, "W01.Q": 502.0}))  # 2 s later: active
    rig.feed(T0 + 4, normal(**{"W01.TEMP": 97.0, "W01.Q": 503.0}))  # inside deadband: holds
    rig.feed(T0 + 5, normal(**{"W01.TEMP": 94.0, "W01.Q": 504.0}))  # below 95: clears
    rows = rig.rows("W01.TEMP.HI")
    assert [(r["event"], r["old_state"], r["new_state"], r["cause"]) for r in rows] == [
        ("activate", "normal", "unack", "process"),
        ("return_to_normal", "unack", "rtn_unack", "process"),
    ]
    assert rows[0]["value"] == 121.0 and rows[0]["limit_value"] == 100.0
    assert rows[0]["annunciated"] and rows[0]["priority"] == 2
    assert rows[0]["area"] == "Campo/PAD-A/W01" and rows[0]["t"] == pytest.approx(T0 + 3)
    ack = rig.engine.acknowledge("W01.TEMP.HI", "ana", "visto")
    assert [t.new_state for t in ack] == [AlarmState.NORMAL]
    last = rig.rows("W01.TEMP.HI")[-1]
    assert (last["event"], last["username"], last["comment"], last["cause"]) == (
        "acknowledge", "ana", "visto", "operator")


def test_discrete_deviation_rate_frozen_and_bad_quality(rig: Rig) -> None:
    rig.feed(T0, normal())
    rig.feed(T0 + 1, normal(**{"W01.Q": 520.0}))  # deviation 20 > 10; rate 20/s*60 > 60
    assert rig.events("W01.Q.DEVIATION") == [("activate", "normal", "unack")]
    assert rig.events("W01.Q.RATE_OF_CHANGE") == [("activate", "normal", "unack")]
    rig.feed(T0 + 2, normal(**{"W01.Q": 509.0, "W01.SP": 500.0}))  # 9 > 10 - 2: holds
    rig.feed(T0 + 3, normal(**{"W01.Q": 507.0, "W01.SP": 500.0}))  # 7 < 8: clears
    assert rig.events("W01.Q.DEVIATION")[-1] == ("return_to_normal", "unack", "rtn_unack")
    rig.feed(T0 + 40, normal(**{"W01.Q": 507.0}))  # unchanged for 37 s: frozen
    assert rig.events("W01.Q.FROZEN") == [("activate", "normal", "unack")]
    rig.feed(T0 + 41, normal(**{"W01.Q": (float("nan"), Quality.BAD_CONFIG)}))
    assert rig.events("W01.Q.BAD_QUALITY") == [("activate", "normal", "unack")]
    rig.feed(T0 + 42, normal(**{"W01.RUN": 0.0, "W01.Q": 507.5}))
    assert rig.events("W01.RUN.DISCRETE") == [("activate", "normal", "unack")]
    assert rig.rows("W01.RUN.DISCRETE")[0]["value"] == 0.0


def test_stopped_well_suppresses_by_design_and_first_out_marks_the_trip(rig: Rig) -> None:
    rig.feed(T0, normal())
    # The well stops: RUN 0 and the load falls in the same poll.
    rig.feed(T0 + 1, normal(**{"W01.RUN": 0.0, "W01.LOAD": 0.0}))
    load = rig.rows("W01.LOAD.LO")
    assert [(r["event"], r["new_state"], r["annunciated"], r["cause"]) for r in load] == [
        ("suppress", "suppressed_by_design", False, "design"),
        ("activate", "suppressed_by_design", False, "process"),  # tracked, not annunciated
    ]
    run = rig.rows("W01.RUN.DISCRETE")
    assert run[0]["first_out"] and run[0]["priority"] == 3
    assert rig.engine.alarm("W01.RUN.DISCRETE")["first_out"]
    # A later trip alarm of the same group is not first-out.
    rig.feed(T0 + 2, normal(**{"W01.RUN": 0.0, "W01.LOAD": 0.0, "W01.TEMP": 160.0}))
    hihi = rig.rows("W01.TEMP.HIHI")
    assert hihi[0]["event"] == "activate" and not hihi[0]["first_out"]
    # Restart: suppression lifts and shows the true condition.
    rig.feed(T0 + 3, normal(**{"W01.LOAD": 0.0, "W01.TEMP": 160.0}))
    assert rig.events("W01.LOAD.LO")[-1] == ("unsuppress", "suppressed_by_design", "unack")


def test_latched_alarm_needs_ack_and_reset(rig: Rig) -> None:
    rig.feed(T0, normal(**{"W01.TEMP": 160.0}))
    rig.feed(T0 + 1, normal())
    assert rig.engine.state_of("W01.TEMP.HIHI") is AlarmState.UNACK  # latched
    rig.engine.acknowledge("W01.TEMP.HIHI", "ana")
    assert rig.engine.state_of("W01.TEMP.HIHI") is AlarmState.LATCHED
    rig.engine.reset("W01.TEMP.HIHI", "supervisor", "motor revisado")
    assert rig.events("W01.TEMP.HIHI") == [
        ("activate", "normal", "unack"),
        ("return_to_normal", "unack", "unack"),
        ("acknowledge", "unack", "latched"),
        ("reset", "latched", "normal"),
    ]
    assert rig.rows("W01.TEMP.HIHI")[-1]["username"] == "supervisor"


def test_shelve_expires_one_shot_and_out_of_service(rig: Rig) -> None:
    rig.feed(T0, normal(**{"W01.TEMP": 160.0}))
    rig.engine.shelve("W01.TEMP.HIHI", "ana", "sensor en calibración", 60)
    rig.engine.tick(T0 + 61)  # auto-unshelve: the alarm shows its true condition again
    assert rig.rows("W01.TEMP.HIHI")[-1]["cause"] == "expiry"
    assert rig.engine.state_of("W01.TEMP.HIHI") is AlarmState.UNACK
    rig.engine.acknowledge("W01.TEMP.HIHI", "ana")
    rig.feed(T0 + 62, normal(**{"W01.Q": (float("nan"), Quality.BAD_CONFIG)}))
    rig.engine.shelve("W01.Q.BAD_QUALITY", "ana", "transmisor en falla", 3600, one_shot=True)
    rig.feed(T0 + 63, normal(**{"W01.Q": 501.0}))  # return to normal ends a one-shot shelf
    assert rig.events("W01.Q.BAD_QUALITY")[-2:] == [
        ("return_to_normal", "shelved", "shelved"), ("unshelve", "shelved", "normal")]
    rig.engine.remove_from_service("W01.Q.FROZEN", "jefe", "mantenimiento")
    rig.engine.return_to_service("W01.Q.FROZEN", "jefe")
    rows = rig.rows("W01.Q.FROZEN")
    assert [(r["event"], r["username"], r["comment"]) for r in rows] == [
        ("remove_from_service", "jefe", "mantenimiento"), ("return_to_service", "jefe", None)]
    rig.engine.comment("W01.Q.FROZEN", "ana", "revisar mañana")
    assert rig.rows("W01.Q.FROZEN")[-1]["event"] == "comment"
    with pytest.raises(NothingToAcknowledge):
        rig.engine.acknowledge("W01.Q.FROZEN", "ana")


def test_restart_restores_active_alarms_without_raising_them_again(rig: Rig) -> None:
    rig.feed(T0, normal(**{"W01.TEMP": 160.0, "W01.RUN": 0.0}))
    rig.engine.acknowledge("W01.RUN.DISCRETE", "ana")
    before = len(rig.rows())
    engine = rig.restart()
    assert engine.state_of("W01.TEMP.HIHI") is AlarmState.UNACK
    assert engine.state_of("W01.RUN.DISCRETE") is AlarmState.ACKED
    assert engine.state_of("W01.LOAD.LO") is AlarmState.SUPPRESSED_BY_DESIGN
    rig.feed(T0 + 10, normal(**{"W01.TEMP": 161.0, "W01.RUN": 0.0}))
    assert len(rig.rows()) == before  # nothing re-raised, nothing journaled
    assert engine.counts()["unacknowledged"] == 1
    rig.feed(T0 + 11, normal(**{"W01.TEMP": 80.0}))
    assert rig.events("W01.TEMP.HIHI")[-1] == ("return_to_normal", "unack", "unack")


def test_concurrent_acknowledgements_journal_once(rig: Rig) -> None:
    rig.feed(T0, normal(**{"W01.TEMP": 160.0}))
    barrier = threading.Barrier(8)
    results: list[int] = []

    def ack(user: str) -> None:
        barrier.wait()
        results.append(len(rig.engine.acknowledge("W01.TEMP.HIHI", user)))

    threads = [threading.Thread(target=ack, args=(f"op{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [0] * 7 + [1]
    assert [e for e, _, _ in rig.events("W01.TEMP.HIHI")] == ["activate", "acknowledge"]


def test_comms_loss_is_one_alarm_per_device_and_hides_tag_quality_alarms(rig: Rig) -> None:
    rig.feed(T0, normal())
    rig.engine.on_device_state("W01", False, T0 + 1)
    bad = {k: (float("nan"), Quality.BAD_COMM) for k in NORMAL}
    rig.feed(T0 + 1, bad)
    annunciated = [r["alarm"] for r in rig.rows() if r["annunciated"]]
    assert annunciated == ["W01.COMMS"]
    assert rig.rows("W01.COMMS")[0]["priority"] == 3
    rig.feed(T0 + 2, normal())
    rig.engine.on_device_state("W01", True, T0 + 2)
    assert rig.events("W01.COMMS")[-1] == ("return_to_normal", "unack", "rtn_unack")
    assert rig.engine.state_of("W01.Q.BAD_QUALITY") is AlarmState.NORMAL


def test_flood_raises_and_clears_a_system_event(database_url: str, tmp_path: Path) -> None:
    tags = "".join(
        f"  - name: W01.T{i}\n    address: {2 * i}\n"
        f"    alarms: [{{kind: hi, priority: low, limit: 10}}]\n"
        for i in range(12)
    )
    rig = Rig(database_url, tmp_path, field_yaml(f"- name: W01\n  port: 15001\n  tags:\n{tags}"))
    try:
        for i in range(12):
            rig.feed(T0 + i, {f"W01.T{i}": 20.0})
        rig.engine.tick(T0 + 700)
        assert rig.journal.flush()
        with psycopg.connect(database_url) as conn:
            ev = conn.execute(
                "SELECT kind, area, (detail->>'count')::int FROM system_events ORDER BY id"
            ).fetchall()
        starts = [e for e in ev if e[0] == "alarm_flood_start"]
        assert {a for _, a, _ in starts} == {"Campo", "Campo/PAD-A", "Campo/PAD-A/W01"}
        assert all(c == 11 for _, _, c in starts)
        assert {a for k, a, _ in ev if k == "alarm_flood_end"} == {a for _, a, _ in starts}
    finally:
        rig.close()
