"""Alarm registry ids and the journal writer through a real database outage."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from engine.alarms.registry import sync_alarm_registry
from tests.engine.alarms.rig import T0, Rig, field_yaml

FIELD = field_yaml("""\
- name: W01
  port: 15001
  tags:
  - name: W01.T
    address: 0
    alarms:
    - {kind: hi, priority: high, limit: 100}
    - {kind: lo, priority: low, limit: 10}
""")


def test_alarm_ids_are_stable_and_removed_alarms_retired(database_url: str, tmp_path: Path):
    rig = Rig(database_url, tmp_path, FIELD)
    try:
        first = dict(rig.alarm_ids)
        assert set(first) == {"W01.T.HI", "W01.T.LO", "W01.COMMS"}
        again = sync_alarm_registry(database_url, list(reversed(rig.config.alarms)), rig.tag_ids)
        assert again == first
        kept = [a for a in rig.config.alarms if a.name != "W01.T.LO"]
        assert sync_alarm_registry(database_url, kept, rig.tag_ids)["W01.T.HI"] == first["W01.T.HI"]
        with psycopg.connect(database_url) as conn:
            rows = dict(conn.execute(
                "SELECT name, retired_at IS NOT NULL FROM alarm_definitions").fetchall())
            comms = conn.execute(
                "SELECT tag_id, device_id IS NOT NULL, kind FROM alarm_definitions "
                "WHERE name = 'W01.COMMS'").fetchone()
        assert rows == {"W01.T.HI": False, "W01.T.LO": True, "W01.COMMS": False}
        assert comms == (None, True, "bad_quality")
        # back in the config: same id, no longer retired
        assert sync_alarm_registry(database_url, rig.config.alarms, rig.tag_ids) == first
    finally:
        rig.close()


def _outage(admin_url: str, url: str, down: bool) -> None:
    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"false" if down else "true"}')
        if down:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))


def test_journal_keeps_transitions_through_a_database_outage(
    database_url: str, pg_admin_url: str, tmp_path: Path
) -> None:
    rig = Rig(database_url, tmp_path, FIELD)
    try:
        rig.feed(T0, {"W01.T": 50.0})
        rig.feed(T0 + 1, {"W01.T": 150.0})
        assert len(rig.rows()) == 1
        _outage(pg_admin_url, database_url, True)
        try:
            for k in range(10):  # 20 transitions while the database is unreachable
                rig.feed(T0 + 2 + 2 * k, {"W01.T": 50.0})
                rig.feed(T0 + 3 + 2 * k, {"W01.T": 150.0})
            deadline = time.monotonic() + 5
            while rig.journal.stats()["db_connected"] and time.monotonic() < deadline:
                time.sleep(0.05)
            stats = rig.journal.stats()
            assert not stats["db_connected"] and stats["pending_rows"] >= 20
        finally:
            _outage(pg_admin_url, database_url, False)
        rows = rig.rows("W01.T.HI")
        assert [r["event"] for r in rows] == ["activate"] + ["return_to_normal", "activate"] * 10
        assert [r["t"] for r in rows] == sorted(r["t"] for r in rows)  # order kept
        assert rig.journal.stats()["dropped_rows"] == 0
        with psycopg.connect(database_url) as conn:
            state = conn.execute("SELECT state FROM alarm_state s JOIN alarm_definitions d "
                                 "ON d.id = s.alarm_id WHERE d.name = 'W01.T.HI'").fetchone()
        assert state == ("unack",)
    finally:
        rig.close()


@pytest.mark.parametrize("n", [3])
def test_full_backlog_refuses_and_reports(database_url: str, tmp_path: Path, n: int) -> None:
    rig = Rig(database_url, tmp_path, FIELD)
    rig.journal.max_pending = 0  # nothing fits: every row is refused and counted
    try:
        rig.feed(T0, {"W01.T": 150.0})
        assert rig.journal.stats()["dropped_rows"] == 1
    finally:
        rig.close()


def test_runtime_starts_alarms_restored_and_reports_them_in_health(
    database_url: str, tmp_path: Path
) -> None:
    from engine.config import load_settings
    from engine.runtime import EdgeEngine

    rig = Rig(database_url, tmp_path, FIELD)
    rig.feed(T0, {"W01.T": 150.0})
    rig.close()
    edge = tmp_path / "edge.yaml"
    edge.write_text(f"field: field.yaml\nstate_dir: state\ndatabase: {{url: '{database_url}'}}\n")
    runtime = EdgeEngine(load_settings(edge), rig.config.field, database_url, "test")
    alarms = runtime._start_alarms(rig.tag_ids)
    runtime.alarms = alarms
    try:
        assert alarms.state_of("W01.T.HI").value == "unack"  # restored, not re-raised
        report = runtime.health()["alarms"]
        assert report["configured"] == 3 and report["active"] == 1
        assert report["by_priority"]["high"] == 1 and report["unacknowledged"] == 1
        assert report["journal"]["db_connected"]
    finally:
        assert runtime.alarm_journal is not None
        runtime.alarm_journal.stop(5.0)


# --- poison rows: quarantined, never blocking the rows behind them ----------------------------


def _row(alarm_id: int, ts: float, comment: str | None = None, user: str | None = None):
    from engine.alarms.journal import JournalRow

    return JournalRow(alarm_id, ts, "Campo/PAD-A/W01", 3, "comment", "operator", "normal",
                      "normal", False, None, None, user, comment, False)


def test_a_row_the_database_refuses_is_quarantined_and_later_rows_are_written(
    database_url: str, tmp_path: Path
) -> None:
    from engine.alarms.journal import SystemEventRow

    rig = Rig(database_url, tmp_path, FIELD)
    try:
        hi, lo = rig.alarm_ids["W01.T.HI"], rig.alarm_ids["W01.T.LO"]
        # A NUL in the comment, a NUL in a user name, a NaN in an event's detail: each refused.
        rig.journal.submit([_row(hi, T0, "before"), _row(hi, T0 + 1, "bad\x00comment"),
                            _row(lo, T0 + 2, "ok", user="ana\x00"),
                            SystemEventRow(T0 + 3, "alarm_flood_start", "Campo",
                                           {"count": float("nan")}),
                            _row(lo, T0 + 4, "after")], {})
        assert rig.journal.flush(5.0), rig.journal.stats()
        rig.journal.submit([_row(hi, T0 + 5, "later")], {})
        assert rig.journal.flush(5.0), rig.journal.stats()
        assert [r["comment"] for r in rig.rows()] == ["before", "after", "later"]
        stats = rig.journal.stats()
        assert stats["db_connected"] and stats["pending_rows"] == 0
        assert stats["rejected_rows"] == 3 and stats["written_rows"] == 3
        recent = stats["rejected_recent"]
        assert [e["table"] for e in recent] == ["alarm_journal", "alarm_journal",
                                                "system_events"]
        assert recent[0]["row"]["comment"] == "bad\\x00comment"  # the content, escaped
        assert "NUL" in recent[0]["error"]
        # Through the engine too: transitions after the poison row still reach the journal.
        rig.feed(T0 + 10, {"W01.T": 150.0})
        assert rig.events("W01.T.HI")[-1] == ("activate", "normal", "unack")
    finally:
        rig.close()


def test_a_snapshot_the_database_refuses_does_not_block_the_others(
    database_url: str, tmp_path: Path
) -> None:
    rig = Rig(database_url, tmp_path, FIELD)
    try:
        hi, lo = rig.alarm_ids["W01.T.HI"], rig.alarm_ids["W01.T.LO"]
        rig.journal.submit([_row(hi, T0, "with snapshots")], {
            hi: ("shelved", {"shelf": {"reason": "nul \x00 in json"}}),  # jsonb refuses \u0000
            lo: ("normal", {"fine": True}),
        })
        assert rig.journal.flush(5.0), rig.journal.stats()
        with psycopg.connect(database_url) as conn:
            found = conn.execute("SELECT alarm_id, state FROM alarm_state").fetchall()
        states: dict[int, str] = dict(found)
        assert states == {lo: "normal"}
        assert [r["comment"] for r in rig.rows()] == ["with snapshots"]
        stats = rig.journal.stats()
        assert stats["rejected_rows"] == 1
        assert stats["rejected_recent"][0]["table"] == "alarm_state"
        assert stats["rejected_recent"][0]["row"]["alarm_id"] == hi
    finally:
        rig.close()


def test_the_engine_refuses_operator_text_with_a_nul(database_url: str, tmp_path: Path) -> None:
    rig = Rig(database_url, tmp_path, FIELD)
    try:
        rig.feed(T0, {"W01.T": 150.0})
        with pytest.raises(ValueError, match="comment"):
            rig.engine.comment("W01.T.HI", "ana", "x\x00y")
        with pytest.raises(ValueError, match="user"):
            rig.engine.comment("W01.T.HI", "an\x00a", "note")
        with pytest.raises(ValueError, match="shelve reason"):
            rig.engine.shelve("W01.T.HI", "ana", "r\x00", 60.0)
        with pytest.raises(ValueError, match="out-of-service reason"):
            rig.engine.remove_from_service("W01.T.HI", "sup", "\x00")
        with pytest.raises(ValueError, match="comment"):
            rig.engine.acknowledge("W01.T.HI", "ana", "\x00")
        assert rig.engine.state_of("W01.T.HI").value == "unack"
        assert rig.events("W01.T.HI") == [("activate", "normal", "unack")]
    finally:
        rig.close()


def test_rejected_alarm_rows_degrade_the_health_report() -> None:
    from engine.health import build_report

    def report(rejected: int) -> dict[str, object]:
        return build_report(
            version="t", site="s", uptime_s=1.0, database_connected=True, database_url="x",
            devices={"W01": {"state": "connected"}}, historian={}, now_iso="now",
            alarms={"active": 0, "journal": {"rejected_rows": rejected}},
        )

    assert report(0)["status"] == "healthy"
    bad = report(2)
    assert bad["status"] == "degraded"
    assert bad["alarms"]["rejected_rows"] == 2  # type: ignore[index]


def test_audit_actions_name_every_alarm_operation() -> None:
    from edge_server.auth.audit import Action

    assert Action.ALARM_UNSHELVE == "alarm_unshelve"
    assert Action.ALARM_RETURN_TO_SERVICE == "alarm_return_to_service"
    assert Action.ALARM_RESET == "alarm_reset"
    assert Action.ALARM_COMMENT == "alarm_comment"
