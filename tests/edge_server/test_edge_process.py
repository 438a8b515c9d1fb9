"""The edge as IT runs it: real ``oilfield edge`` and ``oilfield sim`` processes, a real
PostgreSQL, and the faults a field brings: SIGTERM, kill -9, a device that vanishes, the
database going away for a while."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    assert re.search(r"^Alarms: +\d+ active", status.stdout, re.M), status.stdout
    assert re.search(r"^Production: \d+ wells", status.stdout, re.M), status.stdout

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


MEMORY_LIMIT_ROWS = 100  # ~1 s of this site's samples: a 10 s outage must spill
OUTAGE_S = 10.0  # the writer's reconnect backoff (0.2 s doubling) retries at 6.2 s, 12.6 s


def test_database_outage_spills_reports_and_loses_nothing(
    tmp_path: Path, database_url: str, pg_admin_url: str
) -> None:
    """PostgreSQL refuses connections for ~10 s (its sessions killed) while the scanner goes on.
    The writer's memory bound is ~1 s of samples, so the outage goes to spill files; the report
    and ``oilfield edge status`` say so while it lasts; after the database returns, every
    sample the scanner produced is in the table once.

    Every tag is stored on every scan (``store_every_scan``), so the historian must hold, per
    tag, one row per scan of its device's scan class: every tag of a (device, scan class)
    has the same rows count and timestamps, the total equals what the scanner submitted to the
    writer (``submitted_rows``), and no group's timeline has a hole longer than a late scan."""
    site = Site(
        tmp_path, database_url, store_every_scan=True,
        historian=(f"flush_interval_s: 0.5, rollup_interval_s: 2, "
                   f"memory_limit_rows: {MEMORY_LIMIT_ROWS}, batch_rows: {MEMORY_LIMIT_ROWS}"),
    )
    site.start_sim()
    try:
        _outage_run(site, pg_admin_url)
    finally:
        site.close()


def _outage_run(site: Site, pg_admin_url: str) -> None:
    name = str(psycopg.conninfo.conninfo_to_dict(site.database_url)["dbname"])
    admin = with_database(pg_admin_url, "postgres")
    site.start_edge()
    site.wait_healthy()
    wait_until(lambda: site.rows() > 50, 30, "samples in the historian")

    down_at = time.monotonic()
    _block_database(admin, name, allow=False)
    try:
        def spilling() -> dict[str, Any] | None:
            h = site.health()
            if not h or h["database"] != "disconnected":
                return None
            hist = h["historian"]
            return h if hist["spill_files"] > 0 and hist["spilled_rows"] > 0 else None

        during = wait_until(spilling, OUTAGE_S, "the report to show samples spilled to file")
        assert during["status"] == "degraded"
        hist = during["historian"]
        assert hist["spilled_bytes"] > 0 and hist["dropped_rows"] == 0
        assert not hist["db_connected"]
        status = site.status()
        assert status.returncode == 1, status.stdout + status.stderr
        assert "DEGRADED" in status.stdout and "disconnected" in status.stdout
        spill_files = re.search(r"(\d+) spill files", status.stdout)
        assert spill_files and int(spill_files[1]) > 0, status.stdout
        peak_buffered = 0
        while time.monotonic() - down_at < OUTAGE_S:
            h = site.health()
            if h is not None:
                peak_buffered = max(peak_buffered, h["historian"]["buffered_rows"])
            time.sleep(0.5)
        h = site.health()
        assert h is not None and h["database"] == "disconnected"
        assert h["historian"]["spilled_rows"] > 5 * MEMORY_LIMIT_ROWS  # most of it on disk
        # Memory stays bounded: at most the limit plus what arrives before the writer wakes.
        assert peak_buffered <= 3 * MEMORY_LIMIT_ROWS, peak_buffered
    finally:
        _block_database(admin, name, allow=True)
    back = site.wait_healthy(40)  # reconnected, every spill file replayed
    assert back["historian"]["replayed_rows"] > 0 and back["historian"]["spill_files"] == 0
    assert site.stop_edge() == 0
    final = site.health()
    assert final is not None
    hist = final["historian"]
    assert hist["backend"] == "native"
    for key in ("dropped_rows", "buffered_rows", "spill_files", "rejected_files",
                "rejected_rows", "quarantined_rows", "corrupt_spill_bytes"):
        assert hist[key] == 0, (key, hist)
    assert hist["spilled_rows"] > 5 * MEMORY_LIMIT_ROWS

    # Everything the scanner handed to the historian is in the table, once (PRIMARY KEY).
    assert site.rows() == hist["submitted_rows"], hist
    with psycopg.connect(site.database_url) as conn:
        groups = conn.execute(
            """
            WITH per_tag AS (
                SELECT t.device_id, t.scan_class, t.id, count(*) AS n,
                       array_agg(s.ts ORDER BY s.ts) AS ts
                FROM historian.samples s JOIN tags t ON t.id = s.tag_id
                GROUP BY t.device_id, t.scan_class, t.id
            )
            SELECT device_id, scan_class, count(*), min(n), max(n), count(DISTINCT ts)
            FROM per_tag GROUP BY device_id, scan_class
            """
        ).fetchall()
        # One row per tag per scan: within a (device, scan class) every tag has the same
        # number of rows at the same timestamps.
        for device, scan_class, tags, least, most, timelines in groups:
            assert least == most and timelines == 1, (device, scan_class, tags, least, most)
        holes = conn.execute(
            """
            SELECT device_id, scan_class, max(gap) FROM (
                SELECT t.device_id, t.scan_class,
                       extract(epoch FROM s.ts - lag(s.ts) OVER (
                           PARTITION BY s.tag_id ORDER BY s.ts)) AS gap
                FROM historian.samples s JOIN tags t ON t.id = s.tag_id
            ) g GROUP BY device_id, scan_class
            """
        ).fetchall()
    periods = {"fast": 0.5, "normal": 1.0, "slow": 2.0}  # Site's scan classes
    for device, scan_class, gap in holes:
        # Late scans (a loaded machine) are tolerated; the outage (10 s) is not a hole.
        assert gap is None or gap < periods[scan_class] + 2.0, (device, scan_class, gap)
