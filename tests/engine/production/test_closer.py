"""The day closer over real ``historian.rollup_1h`` rows: it waits for the 1-hour watermark
(and for pending repairs), closes site-local days for per-well and pad RTUs, keeps manual rows,
skips unchanged days and re-closes a day whose rollups changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import psycopg
import pytest

from domain.field import DeviceDef, Field, SiteDef
from domain.production import DailyProduction, Source
from domain.tags import TagDef
from engine.historian.partitions import ROLLUP_1H, create_partition
from engine.production import repository
from engine.production.closer import DayCloser, day_bounds
from engine.store.registry import sync_registry

ZONE = ZoneInfo("America/Argentina/Buenos_Aires")  # UTC-3, no daylight saving
DAY = date(2026, 11, 20)  # local: 2026-11-20 03:00Z .. 2026-11-21 03:00Z
START, END = day_bounds(DAY, ZONE)
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def _tag(name: str, device: str, signal: str, address: int) -> TagDef:
    return TagDef(name=name, device=device, address=address, signal=signal)


def field() -> Field:
    """W01 on its own RTU; W02 on a pad RTU (signals prefixed with the well)."""
    w01 = DeviceDef(name="W01", site="PAD-A", port=15001, tags=(
        _tag("W01.Q_OIL", "W01", "well.oil_rate", 0),
        _tag("W01.Q_WAT", "W01", "well.water_rate", 2),
        _tag("W01.Q_GAS", "W01", "well.gas_rate", 4),
        _tag("W01.ESP.RUN", "W01", "esp.running", 6),
        _tag("W01.THP", "W01", "well.thp", 8)))
    pad = DeviceDef(name="RTU-PAD-B", site="PAD-B", port=15002, tags=(
        _tag("W02.Q_OIL", "RTU-PAD-B", "W02:well.oil_rate", 0),
        _tag("W02.BM.RUN", "RTU-PAD-B", "W02:rodpump.running", 2),
        _tag("W03.Q_OIL", "RTU-PAD-B", "W03:well.oil_rate", 4)))
    return Field(name="F", sites=(SiteDef("PAD-A", devices=(w01,)),
                                  SiteDef("PAD-B", devices=(pad,))))


def put_hours(conn: psycopg.Connection, tag_id: int, first: datetime, n: int, value: float,
              samples: int = 4, nbad: int = 0) -> None:
    create_partition(conn, ROLLUP_1H, first.date())
    for i in range(n):
        conn.execute(
            "INSERT INTO historian.rollup_1h (tag_id, bucket, vmin, vmax, vsum, vcount, vfirst, "
            "vlast, nbad) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (tag_id, bucket) DO UPDATE SET vsum = EXCLUDED.vsum, "
            "vcount = EXCLUDED.vcount, nbad = EXCLUDED.nbad",
            (tag_id, first + timedelta(hours=i), value, value, value * samples, samples, value,
             value, nbad))


def set_watermark(conn: psycopg.Connection, mark: datetime | str) -> None:
    conn.execute("UPDATE historian.rollup_state SET watermark = %s WHERE tier = '1h'", (mark,))


@pytest.fixture
def setup(database_url: str) -> tuple[DayCloser, dict[str, int]]:
    fld = field()
    ids = sync_registry(database_url, fld)
    with psycopg.connect(database_url, autocommit=True) as conn:
        put_hours(conn, ids["W01.Q_OIL"], START, 24, 480)
        put_hours(conn, ids["W01.Q_WAT"], START, 24, 960)
        put_hours(conn, ids["W01.Q_GAS"], START, 24, 240)
        put_hours(conn, ids["W01.ESP.RUN"], START, 24, 1)
        # W02: only the first 12 hours reached the historian (an outage afterwards).
        put_hours(conn, ids["W02.Q_OIL"], START, 12, 240)
        put_hours(conn, ids["W02.BM.RUN"], START, 12, 1)
        # An hour of the day before and after, to prove the bounds.
        put_hours(conn, ids["W01.Q_OIL"], START - timedelta(hours=1), 1, 9999)
        put_hours(conn, ids["W01.Q_OIL"], END, 1, 9999)
    return DayCloser(database_url, fld, ids, ZONE, catchup_days=3), ids


def stored(url: str) -> dict[str, DailyProduction]:
    with psycopg.connect(url) as conn:
        return {r.well: r for r in repository.daily(conn, ["W01", "W02", "W03"], DAY,
                                                    DAY + timedelta(days=1))}


def test_a_day_closes_only_once_the_hourly_watermark_passes_it(
        database_url: str, setup: tuple[DayCloser, dict[str, int]]) -> None:
    closer, _ = setup
    assert set(closer.wells) == {"W01", "W02", "W03"}
    with psycopg.connect(database_url, autocommit=True) as conn:
        set_watermark(conn, END - timedelta(hours=1))
    report = closer.run_once(NOW)
    assert DAY in report.waiting and DAY not in report.closed and stored(database_url) == {}
    assert report.closed == [DAY - timedelta(days=2), DAY - timedelta(days=1)], "complete days"

    with psycopg.connect(database_url, autocommit=True) as conn:
        set_watermark(conn, END)
    report = closer.run_once(NOW)
    assert report.closed == [DAY] and report.rows_written == 2
    assert report.waiting == [], "the other days of the window are complete (and empty)"
    rows = stored(database_url)
    assert set(rows) == {"W01", "W02"}, "W03 has no data at all that day: no row"
    w01, w02 = rows["W01"], rows["W02"]
    assert (w01.oil_bbl, w01.water_bbl, w01.gas_mscf) == pytest.approx((480, 960, 240))
    assert (w01.hours_on, w01.hours_data, w01.source) == (24, 24, Source.HISTORIAN)
    assert w02.oil_bbl == pytest.approx(120) and w02.hours_data == pytest.approx(12)
    assert w02.hours_on == pytest.approx(12) and w02.oil_rate == pytest.approx(240)
    assert w02.water_bbl is None and w02.gas_mscf is None, "no such tags: unknown"

    again = closer.run_once(NOW)
    assert again.closed == [] and DAY in again.unchanged, "nothing new: nothing recomputed"


def test_manual_rows_survive_and_late_data_recloses_the_day(
        database_url: str, setup: tuple[DayCloser, dict[str, int]]) -> None:
    closer, ids = setup
    with psycopg.connect(database_url, autocommit=True) as conn:
        set_watermark(conn, END + timedelta(hours=5))
        repository.write(conn, [DailyProduction("W02", DAY, 321.0, 10.0, None, 20.0,
                                                source=Source.MANUAL)], updated_by="ana")
    report = closer.run_once(NOW)
    assert DAY in report.closed and report.rows_outranked == 1
    rows = stored(database_url)
    assert rows["W02"].source is Source.MANUAL and rows["W02"].oil_bbl == 321.0
    assert rows["W01"].oil_bbl == pytest.approx(480)

    # A spill replayed after an outage: the repair is pending, so the day waits ...
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("INSERT INTO historian.rollup_dirty (range_start, range_end) "
                     "VALUES (%s, %s)", (START + timedelta(hours=2), START + timedelta(hours=3)))
    assert DAY in closer.run_once(NOW).waiting
    # ... then the rollups change (W01 produced 720 bbl/d for 12 hours) and the day recloses.
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DELETE FROM historian.rollup_dirty")
        put_hours(conn, ids["W01.Q_OIL"], START, 12, 720)
    report = closer.run_once(NOW)
    assert report.closed == [DAY]
    assert stored(database_url)["W01"].oil_bbl == pytest.approx((720 * 12 + 480 * 12) / 24)
    assert stored(database_url)["W02"].source is Source.MANUAL


def test_missed_days_are_caught_up_and_today_never_closes(
        database_url: str, setup: tuple[DayCloser, dict[str, int]]) -> None:
    closer, ids = setup
    nxt = DAY + timedelta(days=1)
    s2, _e2 = day_bounds(nxt, ZONE)
    with psycopg.connect(database_url, autocommit=True) as conn:
        put_hours(conn, ids["W01.Q_OIL"], s2, 24, 300)
        put_hours(conn, ids["W01.ESP.RUN"], s2, 24, 1)
        set_watermark(conn, NOW + timedelta(days=3))
    # Two days after DAY at 01:00 local: DAY and the next day close, "today" does not.
    now = datetime.combine(nxt + timedelta(days=1), time(1), ZONE)
    report = closer.run_once(now)
    assert DAY in report.closed and nxt in report.closed
    assert nxt + timedelta(days=1) not in report.closed + report.waiting
    with psycopg.connect(database_url) as conn:
        w01 = repository.daily(conn, ["W01"], nxt, nxt + timedelta(days=1))[0]
    assert w01.oil_bbl == pytest.approx(300) and w01.water_bbl is None

    # Out of the window (3 days) nothing is touched.
    far = closer.run_once(now + timedelta(days=10))
    assert far.closed == [] and all(d > nxt + timedelta(days=7) for d in far.waiting)


def test_timescale_watermark_infinity_uses_the_clock(
        database_url: str, setup: tuple[DayCloser, dict[str, int]]) -> None:
    closer, _ = setup
    with psycopg.connect(database_url, autocommit=True) as conn:
        set_watermark(conn, "infinity")
    assert DAY in closer.run_once(END + timedelta(seconds=10)).waiting
    assert closer.run_once(END + timedelta(minutes=5)).closed == [DAY]


def test_daylight_saving_days_have_their_real_length() -> None:
    ny = ZoneInfo("America/New_York")
    back = day_bounds(date(2026, 11, 1), ny)
    forward = day_bounds(date(2026, 3, 8), ny)
    assert back[1] - back[0] == timedelta(hours=25)
    assert forward[1] - forward[0] == timedelta(hours=23)
    kolkata = day_bounds(date(2026, 3, 8), ZoneInfo("Asia/Kolkata"))
    assert kolkata[0] == datetime(2026, 3, 7, 18, 30, tzinfo=UTC)
