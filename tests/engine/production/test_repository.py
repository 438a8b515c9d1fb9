"""well_daily_production in a real PostgreSQL: precedence (application and trigger), checks,
range reads and the wells summary."""

from __future__ import annotations

from datetime import date, timedelta

import psycopg
import pytest

from domain.production import DailyProduction, Source
from engine.production import repository

D0 = date(2026, 1, 1)


def row(well: str = "W01", day: date = D0, oil: float | None = 100.0,
        source: Source = Source.HISTORIAN, hours_on: float | None = 24.0) -> DailyProduction:
    return DailyProduction(well=well, day=day, oil_bbl=oil, water_bbl=50.0, gas_mscf=30.0,
                           hours_on=hours_on, hours_data=24.0, source=source)


def stored(conn: psycopg.Connection, well: str = "W01", day: date = D0) -> tuple[float, str]:
    found = conn.execute("SELECT oil_bbl, source FROM well_daily_production "
                         "WHERE well = %s AND day = %s", (well, day)).fetchone()
    assert found is not None
    return found[0], found[1]


def test_manual_and_import_rows_are_never_overwritten_by_the_historian(
        database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        days = [D0 + timedelta(days=i) for i in range(4)]
        first = repository.write(conn, [
            row(day=days[0], oil=1, source=Source.MANUAL),
            row(day=days[1], oil=2, source=Source.IMPORT),
            row(day=days[2], oil=3, source=Source.SIMULATED),
            row(day=days[3], oil=4, source=Source.HISTORIAN)], updated_by="ana")
        assert (first.written, first.outranked, first.unchanged) == (4, 0, 0)
        again = repository.write(conn, [row(day=d, oil=99) for d in days])
        assert (again.written, again.outranked, again.unchanged) == (2, 2, 0)
        assert [stored(conn, day=d) for d in days] == [
            (1, "manual"), (2, "import"), (99, "historian"), (99, "historian")]
        same = repository.write(conn, [row(day=days[3], oil=99)])
        assert (same.written, same.unchanged) == (0, 1), "unchanged rows are not rewritten"
        by = conn.execute("SELECT updated_by FROM well_daily_production WHERE day = %s",
                          (days[0],)).fetchone()
        assert by == ("ana",)
        # Simulated history never replaces real data; import yields to manual; manual wins.
        sim = repository.write(conn, [row(day=d, oil=7, source=Source.SIMULATED) for d in days])
        assert (sim.written, sim.outranked) == (0, 4) and stored(conn, day=days[2])[0] == 99
        imp = repository.write(conn, [row(day=d, oil=8, source=Source.IMPORT) for d in days])
        assert (imp.written, imp.outranked) == (3, 1)
        man = repository.write(conn, [row(day=days[0], oil=9, source=Source.MANUAL)])
        assert man.written == 1 and stored(conn, day=days[0]) == (9, "manual")


def test_the_trigger_refuses_an_update_that_lowers_precedence(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        repository.write(conn, [row(source=Source.MANUAL)])
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="may not replace"):
            conn.execute("UPDATE well_daily_production SET source = 'historian', oil_bbl = 1")
        conn.rollback()
        conn.execute("UPDATE well_daily_production SET oil_bbl = 5")  # same source: fine
        conn.execute("DELETE FROM well_daily_production")  # the way to hand a day back
        assert repository.write(conn, [row()]).written == 1


@pytest.mark.parametrize("values", [
    "('W01', '2026-01-01', -1, 0, 0, 24, 24, 'import')",
    "('W01', '2026-01-01', 'NaN', 0, 0, 24, 24, 'import')",
    "('W01', '2026-01-01', 1, 0, 0, 25.5, 24, 'import')",
    "('W01', '2026-01-01', 1, 0, 0, 24, -1, 'import')",
    "('W01', '2026-01-01', 1, 0, 0, 24, 24, 'guess')",
    "('', '2026-01-01', 1, 0, 0, 24, 24, 'import')",
])
def test_the_table_checks_ranges(database_url: str, values: str) -> None:
    with psycopg.connect(database_url) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("INSERT INTO well_daily_production (well, day, oil_bbl, water_bbl, "
                     f"gas_mscf, hours_on, hours_data, source) VALUES {values}")


def test_range_reads_columns_and_the_wells_summary(database_url: str) -> None:
    rows = [row(well=w, day=D0 + timedelta(days=i), oil=10.0 * (i + 1))
            for w in ("W01", "W02") for i in range(10)]
    rows.append(row(well="W02", day=D0 + timedelta(days=10), oil=None, hours_on=None))
    with psycopg.connect(database_url) as conn:
        assert not repository.has_history(conn, ["W01"])
        assert repository.write(conn, rows).written == 21
        assert repository.has_history(conn, ["W09", "W01"])
        got = repository.daily(conn, ["W02", "W01"], D0 + timedelta(days=2), D0 + timedelta(9))
        assert [(r.well, r.day.day) for r in got][:2] == [("W01", 3), ("W01", 4)]
        assert len(got) == 14 and got[-1].well == "W02"
        cols = repository.daily_columns(conn, ["W02", "W09", "W01", "W02"], D0,
                                        D0 + timedelta(days=30))
        assert [c.well for c in cols] == ["W02", "W09", "W01"], "asked order, no duplicates"
        assert len(cols[0].day) == 11 and cols[0].oil_bbl[-1] is None
        assert cols[0].day == sorted(cols[0].day) and cols[1].day == []
        assert cols[2].oil_bbl[:3] == [10.0, 20.0, 30.0] and cols[2].source[0] == "historian"
        summary = {w.well: w for w in repository.wells(conn)}
        assert set(summary) == {"W01", "W02"}
        w02 = summary["W02"]
        assert (w02.first_day, w02.last_day, w02.days) == (D0, D0 + timedelta(days=10), 11)
        assert w02.cum_oil_bbl == pytest.approx(550) and w02.sources == ("historian",)
        assert repository.delete_source(conn, ["W01"], Source.HISTORIAN) == 10
