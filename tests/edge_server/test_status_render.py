"""``oilfield edge status`` text: the alarm and daily-production lines say what matters (counts,
floods, refused journal rows; days closed, days waiting, the last error)."""

from __future__ import annotations

from edge_server.status import render


def report(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {"site": "Campo", "status": "healthy", "version": "1",
                               "uptime_seconds": 60, "database": "connected", "devices": {}}
    base.update(extra)
    return base


def test_alarm_and_production_lines() -> None:
    text = render(report(
        alarms={"active": 3, "unacknowledged": 2, "shelved": 1, "out_of_service": 0,
                "by_priority": {"critical": 1, "high": 2, "medium": 0, "low": 0},
                "flood_areas": ["Campo/PAD-A"], "rejected_rows": 4},
        production={"enabled": True, "wells": 20, "error": "database unreachable",
                    "last_run": {"closed": ["2026-12-01", "2026-12-02"],
                                 "waiting": ["2026-12-03"], "rows_written": 40}}), "")
    assert ("Alarms:    3 active (critical 1, high 2), 2 unacknowledged, 1 shelved, "
            "0 out of service") in text
    assert "alarm flood in: Campo/PAD-A" in text and "4 journal row(s) refused" in text
    assert ("Production: 20 wells; last run closed 2 day(s) (2026-12-02), 40 rows written; "
            "waiting for rollups: 2026-12-03") in text
    assert "last error: database unreachable" in text


def test_production_not_run_or_disabled() -> None:
    assert "Production: 5 wells; not run yet" in render(
        report(production={"enabled": True, "wells": 5, "last_run": None}), "")
    assert "daily close disabled" in render(report(production={"enabled": False}), "")
    assert "Production" not in render(report(), "") and "Alarms" not in render(report(), "")


def test_live_trend_cache_line() -> None:
    recent = {"rows": 3_470_400, "tags": 964, "from": "2026-12-04T01:02:03.456789+00:00",
              "preloaded": True, "trends_served": 1234, "enabled": True}
    text = render(report(historian={"recent": recent}), "")
    assert ("live trends from memory: 3,470,400 samples of 964 tags since 2026-12-04 01:02 UTC, "
            "1,234 trends served") in text
    assert "not loaded yet" not in text
    text = render(report(historian={"recent": {**recent, "preloaded": False}}), "")
    assert "the hour before the start is not loaded yet" in text
    text = render(report(historian={"recent": {**recent, "enabled": False}}), "")
    assert "live trends read the database" in text and "from memory" not in text
