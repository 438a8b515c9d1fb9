"""``oilfield production ...`` and ``oilfield sim history`` against a real database: imports are
all or nothing with errors naming line and column, exports round-trip, the simulated history
loads in seconds, and the demo seeds it only once."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest

from edge_server.cli import main
from edge_server.production import seed_demo_history
from engine.config import load_field
from plugins.simulator.generator import dump_yaml, generate_field

HEADER = "well,day,oil_bbl,water_bbl,gas_mscf,hours_on\n"


@pytest.fixture
def site(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """edge.yaml on the test database (Buenos Aires time) and a 4-well simulated field."""
    monkeypatch.setenv("OILFIELD_DATABASE_URL", database_url)
    config = generate_field(4, seed=7, name="Campo CLI")
    (tmp_path / "field.yaml").write_text(dump_yaml(config), encoding="utf-8")
    edge = tmp_path / "edge.yaml"
    edge.write_text("field: field.yaml\nstate_dir: state\n"
                    "timezone: America/Argentina/Buenos_Aires\n", encoding="utf-8")
    return edge


def table(url: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT * FROM well_daily_production ORDER BY well, day").fetchall()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(("body", "message"), [
    ("W01,2024-01-02,5,1,1,24\nW01,2024-02-30,1,1,1,24\n", "line 3, day: '2024-02-30'"),
    ("W01,2024-01-02,5,1,1,24\nW01,2024-01-03,1,-4,1,24\n", "line 3, water_bbl: must not be "
                                                              "negative"),
    ("W01,2024-01-02,5,1,1,24\n", "line 1, choke: unknown column"),
])
def test_a_bad_import_changes_nothing_and_names_line_and_field(
        site: Path, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        body: str, message: str) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "W01,2024-01-01,100,50,30,24\n", encoding="utf-8")
    assert run(capsys, "production", "import", str(good), "--config", str(site))[0] == 0
    before = table(database_url)
    bad = tmp_path / "bad.csv"
    header = HEADER.replace("hours_on", "hours_on,choke") if "choke" in message else HEADER
    bad.write_text(header + body, encoding="utf-8")
    code, _out, err = run(capsys, "production", "import", str(bad), "--config", str(site))
    assert code == 1
    assert "nothing imported" in err and f"{bad}: {message}" in err, err
    assert table(database_url) == before


def test_import_export_precedence_and_wells(
        site: Path, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "hist.csv"
    src.write_text(HEADER + "".join(
        f"W0{w},2024-01-{d:02d},{100 * w + d},{10 * d},{5.5 * d},24\n"
        for w in (1, 2) for d in range(1, 11)), encoding="utf-8")
    code, out, _ = run(capsys, "production", "import", str(src), "--config", str(site),
                       "--user", "ana")
    assert code == 0 and "20 rows (2 wells) as import: 20 written" in out
    manual = tmp_path / "manual.csv"
    manual.write_text(HEADER + "W01,2024-01-05,1.5,,,12\n", encoding="utf-8")
    assert run(capsys, "production", "import", str(manual), "--config", str(site),
               "--manual")[0] == 0
    code, out, _ = run(capsys, "production", "import", str(src), "--config", str(site))
    assert "0 written, 19 unchanged, 1 kept" in out, "the manual day is not replaced"

    exported = tmp_path / "out.csv"
    assert run(capsys, "production", "export", "--config", str(site), "--well", "W01",
               "--start", "2024-01-03", "--end", "2024-01-06", "-o", str(exported))[0] == 0
    assert exported.read_text(encoding="utf-8") == HEADER + (
        "W01,2024-01-03,103,30,16.5,24\nW01,2024-01-04,104,40,22,24\n"
        "W01,2024-01-05,1.5,,,12\n")
    code, out, _ = run(capsys, "production", "export", "--config", str(site), "--full")
    assert code == 0 and len(out.splitlines()) == 21 and ",,manual" in out
    code, out, _ = run(capsys, "production", "wells", "--config", str(site))
    assert code == 0 and "W02" in out and "2024-01-01 2024-01-10" in out
    assert "import,manual" in out


def test_sim_history_writes_years_in_seconds_and_never_over_real_data(
        site: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute("INSERT INTO well_daily_production (well, day, oil_bbl, source) "
                     "VALUES ('W01', %s, 1, 'historian')", (date.today() - timedelta(days=3),))
    started = time.monotonic()
    code, out, _ = run(capsys, "sim", "history", "--config", str(site), "--years", "5",
                       "--seed", "4")
    assert code == 0 and time.monotonic() - started < 20, out
    assert "simulated history of 4 wells" in out and "1 kept" in out
    with psycopg.connect(database_url) as conn:
        per_well: dict[str, int] = dict(conn.execute(
            "SELECT well, count(*) FROM well_daily_production WHERE source = 'simulated' "
            "GROUP BY well").fetchall())
        last = conn.execute("SELECT max(day) FROM well_daily_production").fetchone()
    assert set(per_well) == {"W01", "W02", "W03", "W04"}
    assert max(per_well.values()) == round(5 * 365.25)
    yesterday = date.today() - timedelta(days=1)  # Buenos Aires is UTC-3: maybe 2 days ago
    assert last is not None and yesterday - timedelta(days=1) <= last[0] <= yesterday
    code, out, _ = run(capsys, "sim", "history", "--config", str(site), "--years", "5",
                       "--seed", "4")
    assert " 0 written" in out, "the same seed again changes nothing"
    code, out, _ = run(capsys, "sim", "history", "--config", str(site), "--years", "1",
                       "--seed", "5", "--replace")
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM well_daily_production "
                           "WHERE source = 'simulated'").fetchone()
    assert code == 0 and row is not None and row[0] <= 4 * 366


def test_the_demo_sets_a_target_from_history_once(site: Path, database_url: str) -> None:
    from edge_server.production import seed_demo_target

    zone = ZoneInfo("America/Argentina/Buenos_Aires")
    assert seed_demo_target(database_url, zone) is None  # no history: no target
    field = load_field(site.parent / "field.yaml")
    seed_demo_history(database_url, field, seed=3, zone=zone, years=0.3)
    oil = seed_demo_target(database_url, zone)
    with psycopg.connect(database_url) as conn:
        mean = conn.execute(
            "SELECT sum(oil_bbl) / count(DISTINCT day) FROM well_daily_production "
            "WHERE day > (SELECT max(day) FROM well_daily_production) - 30").fetchone()[0]
        rows = conn.execute("SELECT scope, oil_bbl_d, set_by FROM production_targets").fetchall()
    assert oil is not None and abs(oil - mean) <= 25 and oil % 50 == 0
    assert rows == [("*", oil, "oilfield demo")]
    assert seed_demo_target(database_url, zone) is None  # a target exists: left alone


def test_the_demo_seeds_history_only_once(site: Path, database_url: str) -> None:
    field = load_field(site.parent / "field.yaml")
    zone = ZoneInfo("UTC")
    written = seed_demo_history(database_url, field, seed=1, zone=zone, years=1)
    assert written > 4 * 300
    assert seed_demo_history(database_url, field, seed=2, zone=zone, years=1) == 0


def test_close_command_runs_the_day_closer(
        site: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from engine.store.registry import sync_registry

    sync_registry(database_url, load_field(site.parent / "field.yaml"))
    code, out, _ = run(capsys, "production", "close", "--config", str(site), "--days", "2")
    assert code == 0 and out.startswith("closed 0 day(s)"), out
    assert "waiting for the hourly rollups: " in out, "no rollups yet: both days wait"


def test_targets_set_list_replace_delete(site: Path, database_url: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    cfg = ("--config", str(site))
    code, out, _ = run(capsys, "production", "target", "set", "--oil", "12000", "--gas",
                       "9000", "--from", "2026-01-01", "--note", "plan 2026", *cfg)
    assert code == 0 and out.startswith("set: the field from 2026-01-01: oil 12,000 bbl/d")
    code, out, _ = run(capsys, "production", "target", "set", "--oil", "11500", "--from",
                       "2026-01-01", "--user", "supervisor1", *cfg)
    assert code == 0 and out.startswith("replaced:")  # a correction of the same day
    assert run(capsys, "production", "target", "set", "--well", "W01", "--oil", "800",
               "--from", "2026-06-01", *cfg)[0] == 0
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT scope, valid_from, oil_bbl_d, gas_mscf_d, set_by "
                            "FROM production_targets ORDER BY scope").fetchall()
    assert rows[0] == ("*", date(2026, 1, 1), 11500.0, None, "supervisor1")
    assert rows[1][:3] == ("W01", date(2026, 6, 1), 800.0)
    code, out, _ = run(capsys, "production", "target", "list", *cfg)
    lines = out.splitlines()
    assert code == 0 and lines[1].startswith("*") and "11,500" in lines[1]
    assert "supervisor1" in lines[1]
    assert "W01" in lines[2] and "800" in lines[2]
    # nothing to set, a negative volume: refused with the field named, nothing written
    code, _, err = run(capsys, "production", "target", "set", "--from", "2026-02-01", *cfg)
    assert code == 2 and "give at least one of oil, water or gas" in err
    code, _, err = run(capsys, "production", "target", "set", "--oil", "-5", *cfg)
    assert code == 2 and "oil_bbl_d: must not be negative" in err
    assert run(capsys, "production", "target", "delete", "--well", "W01", "--from",
               "2026-06-01", *cfg)[0] == 0
    code, _, err = run(capsys, "production", "target", "delete", "--well", "W01", "--from",
                       "2026-06-01", *cfg)
    assert code == 1 and "no target of W01" in err
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM production_targets").fetchone() == (1,)
