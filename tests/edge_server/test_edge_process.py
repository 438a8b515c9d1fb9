"""The edge as IT runs it: real ``oilfield edge`` and ``oilfield sim`` processes, a real
PostgreSQL, and the faults a field brings: SIGTERM, kill -9, a device that vanishes, the
database going away for a while."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from engine.store.urls import with_database
from tests.edge_server.edge_site import Site, wait_until


@pytest.fixture
def site(tmp_path: Path, database_url: str) -> Iterator[Site]:
    s = Site(tmp_path, database_url)
    s.start_sim()
    try:
        yield s
    finally:
        s.close()


def test_runs_reports_health_survives_comms_loss_and_stops_cleanly(site: Site) -> None:
    site.start_edge()
    report = site.wait_healthy()
    assert set(report["devices"]) == set(site.device_names)
    assert report["database"] == "connected" and report["version"]
    wait_until(lambda: site.rows() > 0, 30, "samples in the historian")

    status = site.status()
    assert status.returncode == 0, status.stdout + status.stderr
    assert "HEALTHY" in status.stdout and f"{len(site.device_names)} of" in status.stdout

    # One RTU vanishes: its device goes down, the report degrades, the others keep scanning.
    victim = site.device_names[0]
    assert site.sim_command("inject", victim, "comms_loss").returncode == 0
    down = wait_until(
        lambda: (h := site.health()) and h["devices"][victim]["state"] == "down" and h, 30,
        "the device to be reported down",
    )
    assert down["status"] == "degraded"
    assert all(d["state"] == "connected" for n, d in down["devices"].items() if n != victim)
    assert site.status().returncode == 1
    with psycopg.connect(site.database_url) as conn:
        bad = conn.execute(
            "SELECT count(*) FROM historian.samples s JOIN tags t ON t.id = s.tag_id "
            "JOIN devices d ON d.id = t.device_id WHERE d.name = %s AND s.quality = 3 "
            "AND s.value IS NULL", (victim,),
        ).fetchone()
    assert bad is not None and bad[0] > 0  # its tags were stored as BAD_COMM, not as old values
    assert site.sim_command("clear", victim, "comms_loss").returncode == 0
    site.wait_healthy()

    # SIGTERM: exit 0, everything accepted is committed, the last report says stopped.
    assert site.stop_edge(signal.SIGTERM) == 0
    final = site.health()
    assert final is not None and final["status"] == "stopped"
    hist = final["historian"]
    assert hist["buffered_rows"] == 0 and hist["spill_files"] == 0 and hist["dropped_rows"] == 0
    assert hist["written_rows"] == site.rows()
    assert site.status().returncode == 2
    log = site.edge_log()
    assert all("level" in line and "msg" in line for line in log)  # JSON lines throughout
    assert not [line for line in log if line["level"] in ("error", "critical")]


def test_kill_9_loses_only_uncommitted_and_restart_resumes(site: Site) -> None:
    site.start_edge()
    site.wait_healthy()
    wait_until(lambda: site.rows() > 50, 30, "samples in the historian")
    assert site.stop_edge(signal.SIGKILL) == -signal.SIGKILL
    before = site.rows()
    killed_at = datetime.now(UTC)

    site.start_edge()
    site.wait_healthy()
    wait_until(lambda: site.rows("ts > %s", (killed_at,)) > 20, 30, "new samples after restart")
    assert site.rows() > before
    started = [line for line in site.edge_log() if line["msg"] == "edge engine started"]
    assert len(started) == 1
    assert site.stop_edge() == 0


def _block_database(admin_url: str, name: str, allow: bool) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allow).lower()}')
        if not allow:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )


def test_database_outage_loses_nothing(site: Site, pg_admin_url: str) -> None:
    name = psycopg.conninfo.conninfo_to_dict(site.database_url)["dbname"]
    admin = with_database(pg_admin_url, "postgres")
    site.start_edge()
    site.wait_healthy()
    wait_until(lambda: site.rows() > 50, 30, "samples in the historian")

    t0 = datetime.now(UTC)
    time.sleep(4)
    t1 = datetime.now(UTC)
    _block_database(admin, name, allow=False)
    try:
        wait_until(
            lambda: (h := site.health()) and h["database"] == "disconnected", 30,
            "the report to say the database is disconnected",
        )
        time.sleep(4)
    finally:
        _block_database(admin, name, allow=True)
    t2 = datetime.now(UTC)
    site.wait_healthy(90)
    assert site.stop_edge() == 0  # SIGTERM: whatever is still held back gets committed
    final = site.health()
    assert final is not None
    assert final["historian"]["dropped_rows"] == 0 and final["historian"]["buffered_rows"] == 0

    # The outage window has samples at the same rate as a normal window of the same length.
    normal = site.rows("ts >= %s AND ts < %s", (t0, t1)) / (t1 - t0).total_seconds()
    outage = site.rows("ts >= %s AND ts < %s", (t1, t2)) / (t2 - t1).total_seconds()
    assert normal > 0
    assert outage > 0.6 * normal, (normal, outage)
