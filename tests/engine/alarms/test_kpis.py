"""Alarm KPIs over hand-built journals where every figure has a known answer (real PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg.types.json import Jsonb

from bench._alarm_journal import fill_journal, journal_period
from domain.alarms.definitions import AlarmDef, AlarmKind, Priority
from domain.alarms.state import AlarmStateMachine
from engine.alarms import kpis as K
from engine.alarms.kpis import compute_kpis, rate_verdict

START = datetime(2026, 3, 1, tzinfo=UTC)
END = START + timedelta(days=1)
T10 = START + timedelta(hours=10)


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(database_url, autocommit=True) as c:
        yield c


def add_alarm(
    conn: psycopg.Connection,
    name: str,
    area: str = "Campo/PAD-A/W01",
    priority: Priority = Priority.LOW,
) -> int:
    row = conn.execute(
        "INSERT INTO alarm_definitions (name, kind, priority, area) VALUES (%s, 'hi', %s, %s)"
        " RETURNING id",
        [name, int(priority), area],
    ).fetchone()
    assert row is not None
    return int(row[0])


def activate(
    conn: psycopg.Connection,
    alarm_id: int,
    times: Sequence[datetime],
    *,
    annunciated: bool = True,
    event: str = "activate",
) -> None:
    """Journal rows for ``alarm_id`` with its definition's area and priority."""
    with conn.cursor() as cur:
        cur.executemany(
            """
            INSERT INTO alarm_journal (ts, alarm_id, area, priority, event, cause, old_state,
                                       new_state, annunciated)
            SELECT %s, id, area, priority, %s, 'process', 'normal', 'unack', %s
            FROM alarm_definitions WHERE id = %s
            """,
            [(t, event, annunciated, alarm_id) for t in times],
        )


def every(start: datetime, n: int, step_s: float) -> list[datetime]:
    return [start + timedelta(seconds=i * step_s) for i in range(n)]


def set_state(
    conn: psycopg.Connection,
    alarm_id: int,
    state: str,
    snapshot: dict[str, object] | None = None,
    updated_at: datetime = END,
) -> None:
    conn.execute(
        "INSERT INTO alarm_state (alarm_id, state, snapshot, updated_at) VALUES (%s, %s, %s, %s)",
        [alarm_id, state, Jsonb(snapshot or {}), updated_at],
    )


# ---------------------------------------------------------------------------- rates


def test_rate_verdicts_follow_the_eemua_191_table() -> None:
    assert rate_verdict(0.0) == "very likely acceptable"
    assert rate_verdict(1.0) == "very likely acceptable"
    assert rate_verdict(1.5) == "manageable"
    assert rate_verdict(2.0) == "manageable"
    assert rate_verdict(5.0) == "likely over-demanding"
    assert rate_verdict(10.0) == "likely over-demanding"
    assert rate_verdict(10.1) == "very likely unacceptable"


def test_average_rates_per_10_min_hour_and_day(conn: psycopg.Connection) -> None:
    a = add_alarm(conn, "A")
    activate(conn, a, every(START, 288, 300))  # one every 5 minutes all day
    k = compute_kpis(conn, START, END)
    assert k.annunciated_activations == 288
    assert k.per_10_min.value == pytest.approx(2.0)
    assert k.per_hour.value == pytest.approx(12.0)
    assert k.per_day.value == pytest.approx(288.0)
    assert (k.per_10_min.acceptable, k.per_hour.acceptable, k.per_day.acceptable) == (
        1.0,
        6.0,
        144.0,
    )
    assert (k.per_hour.manageable, k.per_day.manageable) == (12.0, 288.0)
    assert {k.per_10_min.verdict, k.per_hour.verdict, k.per_day.verdict} == {"manageable"}


def test_only_annunciated_activations_inside_the_half_open_period_count(
    conn: psycopg.Connection,
) -> None:
    a = add_alarm(conn, "A")
    activate(conn, a, [START, T10])
    activate(conn, a, [END, START - timedelta(microseconds=1)])  # outside [start, end)
    activate(conn, a, [T10 + timedelta(minutes=1)], annunciated=False)  # while shelved
    activate(conn, a, [T10 + timedelta(minutes=2)], event="acknowledge", annunciated=False)
    activate(conn, a, [T10 + timedelta(minutes=3)], event="return_to_normal", annunciated=False)
    k = compute_kpis(conn, START, END)
    assert k.annunciated_activations == 2
    assert k.per_day.value == pytest.approx(2.0)
    assert k.per_10_min.verdict == "very likely acceptable"


# ---------------------------------------------------------------------------- peak and flood


def test_thirteen_in_one_bucket_is_a_flood(conn: psycopg.Connection) -> None:
    a, b = add_alarm(conn, "A"), add_alarm(conn, "B")
    activate(conn, a, every(T10, 13, 30))  # 10:00:00 .. 10:06:00
    activate(conn, b, every(T10 + timedelta(hours=2), 5, 60))
    k = compute_kpis(conn, START, END)
    assert k.peak_10_min.count == 13
    assert k.peak_10_min.bucket_start == T10
    assert not k.peak_10_min.meets_target
    assert k.flood.periods == 144
    assert k.flood.periods_in_flood == 1
    assert k.flood.percent_in_flood == pytest.approx(100 / 144)
    assert k.flood.meets_target  # 0.69 % < 1 %


def test_flood_threshold_is_more_than_ten(conn: psycopg.Connection) -> None:
    a = add_alarm(conn, "A")
    activate(conn, a, every(T10, 10, 30))
    activate(conn, a, every(T10 + timedelta(hours=1), 11, 30))
    activate(conn, a, every(T10 + timedelta(hours=2), 11, 30))
    k = compute_kpis(conn, START, START + timedelta(hours=20))
    assert k.flood.periods == 120
    assert k.flood.periods_in_flood == 2
    assert k.flood.percent_in_flood == pytest.approx(100 * 2 / 120)
    assert not k.flood.meets_target
    assert k.peak_10_min.count == 11
    assert k.peak_10_min.bucket_start == T10 + timedelta(hours=1)  # earliest of the ties


def test_buckets_are_fixed_and_aligned_on_start(conn: psycopg.Connection) -> None:
    a = add_alarm(conn, "A")
    # 8 in 10:05-10:09 and 8 in 10:10-10:14: 16 within 10 minutes, but split by a boundary.
    activate(conn, a, every(T10 + timedelta(minutes=5), 8, 30))
    activate(conn, a, every(T10 + timedelta(minutes=10), 8, 30))
    k = compute_kpis(conn, START, END)
    assert k.peak_10_min.count == 8
    assert k.flood.periods_in_flood == 0
    # Buckets start at ``start``: shifting it by 5 minutes puts all 16 in one bucket.
    shifted = compute_kpis(conn, START + timedelta(minutes=5), END)
    assert shifted.peak_10_min.count == 16
    assert shifted.peak_10_min.bucket_start == T10 + timedelta(minutes=5)
    assert shifted.flood.periods == 144  # 23 h 55 min: the partial last period counts


# ---------------------------------------------------------------------------- top 10


def test_top10_names_counts_and_shares(conn: psycopg.Connection) -> None:
    ids = [add_alarm(conn, f"W{n:02d}.ESP.TEMP.HI", f"Campo/PAD-A/W{n:02d}") for n in range(12)]
    for n, alarm_id in enumerate(ids):  # W00 12 times, W01 11 times, ... W11 once: 78
        activate(conn, alarm_id, every(START + timedelta(hours=n), 12 - n, 120))
    k = compute_kpis(conn, START, END)
    assert k.annunciated_activations == 78
    top = k.top10.alarms
    assert [a.name for a in top] == [f"W{n:02d}.ESP.TEMP.HI" for n in range(10)]
    assert [a.count for a in top] == list(range(12, 2, -1))
    assert top[0].share_percent == pytest.approx(100 * 12 / 78)
    assert top[0].area == "Campo/PAD-A/W00" and top[0].priority == "low"
    assert k.top10.share_percent == pytest.approx(100 * 75 / 78)
    assert not k.top10.meets_target


def test_top10_ties_are_ordered_and_short_lists_are_fine(conn: psycopg.Connection) -> None:
    b, a = add_alarm(conn, "B"), add_alarm(conn, "A")
    activate(conn, a, every(T10, 2, 3600))
    activate(conn, b, every(T10, 2, 3600))
    k = compute_kpis(conn, START, END)
    assert [x.name for x in k.top10.alarms] == ["B", "A"]  # tie: lower id first
    assert k.top10.share_percent == pytest.approx(100.0)


# ---------------------------------------------------------------------------- chattering


def test_three_in_fifty_seconds_chatters_three_in_seventy_does_not(
    conn: psycopg.Connection,
) -> None:
    fast, slow, edge, pair = (add_alarm(conn, n) for n in ("FAST", "SLOW", "EDGE", "PAIR"))
    hidden, noise = add_alarm(conn, "HIDDEN"), add_alarm(conn, "NOISE")
    activate(conn, fast, every(T10, 3, 25))  # 0, 25, 50 s
    activate(conn, slow, every(T10, 3, 35))  # 0, 35, 70 s
    activate(conn, edge, every(T10, 3, 30))  # 0, 30, 60 s: not *within* 60 s
    activate(conn, pair, every(T10, 2, 5))
    activate(conn, hidden, every(T10, 2, 10))
    activate(conn, hidden, [T10 + timedelta(seconds=5)], annunciated=False)
    activate(conn, noise, every(T10, 30, 2))  # other alarms interleaved don't matter
    k = compute_kpis(conn, START, END)
    names = {c.name: c for c in k.chattering}
    assert set(names) == {"FAST", "NOISE"}
    assert (names["FAST"].activations, names["FAST"].chatter_activations) == (3, 1)
    assert names["FAST"].max_in_60s == 3
    assert names["NOISE"].max_in_60s == 30
    assert names["NOISE"].chatter_activations == 28
    assert [c.name for c in k.chattering] == ["NOISE", "FAST"]  # worst first


def test_chattering_bursts_are_counted_per_alarm(conn: psycopg.Connection) -> None:
    a = add_alarm(conn, "A", priority=Priority.HIGH)
    activate(conn, a, every(T10, 4, 10))  # burst 1: 4 in 30 s → 2 chatter activations
    activate(conn, a, every(T10 + timedelta(hours=3), 3, 20))  # burst 2: 3 in 40 s → 1
    activate(conn, a, [T10 + timedelta(hours=5)])
    (c,) = compute_kpis(conn, START, END).chattering
    assert (c.activations, c.chatter_activations, c.max_in_60s) == (8, 3, 4)
    assert c.priority == "high"


def test_chattering_window_fallback_gives_the_same_answer(
    conn: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = add_alarm(conn, "FAST"), add_alarm(conn, "SLOW")
    activate(conn, fast, every(T10, 4, 10))
    activate(conn, slow, every(T10, 3, 35))
    packed = compute_kpis(conn, START, END).chattering
    monkeypatch.setattr(K, "_MAX_PACKED_ALARM_ID", 0)  # force the plain window-function query
    assert compute_kpis(conn, START, END).chattering == packed
    assert [(c.name, c.chatter_activations) for c in packed] == [("FAST", 2)]


# ---------------------------------------------------------------------------- stale


def test_stale_is_active_more_than_24_hours_at_end(conn: psycopg.Connection) -> None:
    cases = {
        "ACKED_25H": ("acked", timedelta(hours=25)),
        "UNACK_23H": ("unack", timedelta(hours=23)),
        "LATCHED_30H": ("latched", timedelta(hours=30)),
        "NORMAL_48H": ("normal", timedelta(hours=48)),
        "RTN_UNACK_48H": ("rtn_unack", timedelta(hours=48)),
    }
    for name, (state, age) in cases.items():
        alarm_id = add_alarm(conn, name)
        activate(conn, alarm_id, [END - age])
        set_state(conn, alarm_id, state)
    again = add_alarm(conn, "REACTIVATED")  # active 48 h ago and again 1 h ago: the last counts
    activate(conn, again, [END - timedelta(hours=48), END - timedelta(hours=1)])
    set_state(conn, again, "unack")
    no_journal = add_alarm(conn, "NO_JOURNAL")  # history pruned: falls back to updated_at
    set_state(conn, no_journal, "acked", updated_at=END - timedelta(hours=26))
    k = compute_kpis(conn, START, END)
    stale = {s.name: s for s in k.stale}
    assert list(stale) == ["LATCHED_30H", "NO_JOURNAL", "ACKED_25H"]  # oldest first
    assert stale["ACKED_25H"].active_for_h == pytest.approx(25.0)
    assert stale["ACKED_25H"].active_since == END - timedelta(hours=25)
    assert stale["ACKED_25H"].since_source == "journal"
    assert stale["NO_JOURNAL"].since_source == "state"
    assert stale["LATCHED_30H"].state == "latched"
    assert k.targets["stale_fewer_than"] == 5


# ---------------------------------------------------------------------------- priorities


def test_priority_distribution_against_80_15_5(conn: psycopg.Connection) -> None:
    counts = {Priority.LOW: 160, Priority.MEDIUM: 30, Priority.HIGH: 9, Priority.CRITICAL: 1}
    for p, n in counts.items():
        activate(conn, add_alarm(conn, p.label, priority=p), every(START, n, 400))
    dist = compute_kpis(conn, START, END).priority_distribution
    shares = {s.priority: (s.count, s.percent, s.guideline_percent) for s in dist.shares}
    assert shares == {
        "low": (160, pytest.approx(80.0), 80.0),
        "medium": (30, pytest.approx(15.0), 15.0),
        "high": (9, pytest.approx(4.5), 5.0),
        "critical": (1, pytest.approx(0.5), None),
    }
    assert dist.max_deviation_pp == pytest.approx(0.5)
    assert dist.verdict == "close to guideline"
    assert dist.critical_within_guideline


def test_top_heavy_priorities_differ_from_guideline(conn: psycopg.Connection) -> None:
    activate(conn, add_alarm(conn, "L"), every(START, 50, 60))
    activate(conn, add_alarm(conn, "H", priority=Priority.HIGH), every(START, 40, 60))
    activate(conn, add_alarm(conn, "C", priority=Priority.CRITICAL), every(START, 10, 60))
    dist = compute_kpis(conn, START, END).priority_distribution
    assert dist.verdict == "differs from guideline"
    assert dist.max_deviation_pp == pytest.approx(35.0)
    assert dist.critical_percent == pytest.approx(10.0)
    assert not dist.critical_within_guideline


# ---------------------------------------------------------------------------- area filter


def test_area_filter_matches_the_area_and_below_only(conn: psycopg.Connection) -> None:
    areas = {
        "Campo/PAD-A": 1,
        "Campo/PAD-A/W01": 2,
        "Campo/PAD-A/W02": 4,
        "Campo/PAD-AB/W01": 8,
        "Campo/PAD-B/W01": 16,
        "Campo/PADxA/W01": 32,  # '_' in a filter must not be a wildcard
    }
    for i, (area, n) in enumerate(areas.items()):
        alarm_id = add_alarm(conn, f"A{i}", area)
        activate(conn, alarm_id, every(T10, n, 600))
        set_state(conn, alarm_id, "out_of_service", {"out_of_service": None})
    assert compute_kpis(conn, START, END).annunciated_activations == 63
    pad_a = compute_kpis(conn, START, END, area="Campo/PAD-A")
    assert pad_a.annunciated_activations == 7
    assert pad_a.area == "Campo/PAD-A"
    assert {o.area for o in pad_a.out_of_service} == {
        "Campo/PAD-A",
        "Campo/PAD-A/W01",
        "Campo/PAD-A/W02",
    }
    assert compute_kpis(conn, START, END, area="Campo/PAD-A/W02/").annunciated_activations == 4
    assert compute_kpis(conn, START, END, area="Campo/PAD_A").annunciated_activations == 0
    assert compute_kpis(conn, START, END, area="Campo").annunciated_activations == 63


# ---------------------------------------------------------------------------- state lists


def test_shelved_and_out_of_service_lists_come_from_the_snapshots(
    conn: psycopg.Connection,
) -> None:
    now = END.timestamp() - 3600
    shelved_def = AlarmDef(
        name="W01.ESP.TEMP.HI",
        tag="W01.ESP.TEMP",
        kind=AlarmKind.HI,
        priority=Priority.HIGH,
        area="Campo/PAD-A/W01",
        limit=120.0,
    )
    m = AlarmStateMachine(shelved_def)
    m.update(True, 125.0, now - 10)
    m.shelve("operador1", "Sensor en calibración", 4 * 3600, now, one_shot=True)
    shelved_id = add_alarm(conn, shelved_def.name, shelved_def.area, shelved_def.priority)
    set_state(conn, shelved_id, m.state, m.snapshot())

    oos_def = AlarmDef(
        name="W02.FLOW.LO",
        tag="W02.FLOW",
        kind=AlarmKind.LO,
        priority=Priority.MEDIUM,
        area="Campo/PAD-A/W02",
        limit=5.0,
    )
    m2 = AlarmStateMachine(oos_def)
    m2.remove_from_service("supervisor1", "Transmisor en reparación", now - 7200)
    oos_id = add_alarm(conn, oos_def.name, oos_def.area, oos_def.priority)
    set_state(conn, oos_id, m2.state, m2.snapshot())
    bare = add_alarm(conn, "BARE")  # a snapshot without the details still gets listed
    set_state(conn, bare, "shelved", {})

    k = compute_kpis(conn, START, END)
    s = {x.name: x for x in k.shelved}
    assert set(s) == {"W01.ESP.TEMP.HI", "BARE"}
    shelf = s["W01.ESP.TEMP.HI"]
    assert (shelf.user, shelf.reason, shelf.one_shot, shelf.priority) == (
        "operador1",
        "Sensor en calibración",
        True,
        "high",
    )
    assert shelf.since == END - timedelta(hours=1)
    assert shelf.expires_at == END + timedelta(hours=3)
    assert (s["BARE"].user, s["BARE"].since) == (None, None)
    (o,) = k.out_of_service
    assert (o.name, o.user, o.reason, o.since) == (
        "W02.FLOW.LO",
        "supervisor1",
        "Transmisor en reparación",
        END - timedelta(hours=3),
    )
    assert k.stale == ()  # shelved while active is hidden, not stale


# ---------------------------------------------------------------------------- API shape


def test_to_dict_is_json_serialisable(conn: psycopg.Connection) -> None:
    a = add_alarm(conn, "A")
    activate(conn, a, every(T10, 13, 4))
    set_state(conn, a, "acked", updated_at=END)
    d = compute_kpis(conn, START, END, area="Campo").to_dict()
    back = json.loads(json.dumps(d))
    assert back["start"] == "2026-03-01T00:00:00Z"
    assert back["peak_10_min"]["bucket_start"] == "2026-03-01T10:00:00Z"
    assert back["chattering"][0]["name"] == "A"
    assert back["stale"] == []  # active since 10:00:48, 14 h before end: not stale
    assert back["flood"]["periods_in_flood"] == 1
    assert back["priority_distribution"]["shares"][0]["priority"] == "low"


def test_empty_period(conn: psycopg.Connection) -> None:
    k = compute_kpis(conn, START, END)
    assert k.annunciated_activations == 0
    assert k.peak_10_min.count == 0 and k.peak_10_min.bucket_start is None
    assert k.flood.percent_in_flood == 0.0
    assert k.top10.alarms == () and k.top10.share_percent == 0.0
    assert k.priority_distribution.verdict == "no alarms"
    json.dumps(k.to_dict())


def test_rejects_naive_or_reversed_times(conn: psycopg.Connection) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_kpis(conn, START.replace(tzinfo=None), END)
    with pytest.raises(ValueError, match="after start"):
        compute_kpis(conn, END, START)
    with pytest.raises(ValueError, match="area"):
        compute_kpis(conn, START, END, area=" / ")


def test_runs_inside_a_caller_transaction_without_leaking_work_mem(database_url: str) -> None:
    with psycopg.connect(database_url) as c:  # not autocommit: a transaction is open
        before = c.execute("SHOW work_mem").fetchone()
        compute_kpis(c, START, END)
        assert c.execute("SHOW work_mem").fetchone() == before


# ---------------------------------------------------------------------------- at scale


def test_generated_year_uses_the_activation_index(conn: psycopg.Connection) -> None:
    """Speed is measured in bench/ (never asserted here); this checks what makes it fast: every
    query over activations is an index-only scan of ix_alarm_journal_activations, and the
    generator produces the situations the KPIs look for."""
    fill_journal(conn, events=60_000, days=30, alarms=300, seed=3)
    start, end = journal_period(30)
    params = {
        "start": start,
        "end": end,
        "area": None,
        "flood": 10,
        "start_epoch": start.timestamp(),
        "nth": 3,
        "window_ms": 60_000,
    }
    for sql in (K._PER_ALARM_SQL, K._BUCKETS_SQL, K._CHATTER_SQL):
        plan = "\n".join(str(r[0]) for r in conn.execute(f"EXPLAIN {sql}", params).fetchall())
        assert "Index Only Scan using ix_alarm_journal_activations" in plan, plan

    k = compute_kpis(conn, start, end)
    assert 18_000 <= k.annunciated_activations <= 21_000
    assert k.per_10_min.verdict == "likely over-demanding"
    assert k.flood.periods_in_flood > 0
    assert k.peak_10_min.count >= 40  # the pad trips
    assert len(k.chattering) >= 5
    assert len(k.stale) == 8 and len(k.shelved) == 6 and len(k.out_of_service) == 4
    assert k.top10.share_percent > 15
    low = k.priority_distribution.shares[0]
    assert low.priority == "low" and 70 < low.percent < 80
    pad_b = compute_kpis(conn, start, end, area="Campo/PAD-B")
    assert 0 < pad_b.annunciated_activations < k.annunciated_activations
