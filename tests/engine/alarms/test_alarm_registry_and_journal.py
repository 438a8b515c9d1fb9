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
