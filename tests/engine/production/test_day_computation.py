"""The pure day computation (domain/production.py): volumes from covered hours only, hours on
from the running flag, coverage in ``hours_data``, and which tags belong to which well."""

from __future__ import annotations

from datetime import date

import pytest

from domain.field import DeviceDef, Field, SiteDef
from domain.production import (
    DailyProduction,
    HourAggregate,
    ProductionError,
    Source,
    close_day,
    producing_day_rate,
    production_tags,
    replaces,
)
from domain.tags import TagDef

DAY = date(2026, 11, 20)


def hours(rate: float, n: int = 24, *, samples: int = 4, nbad: int = 0) -> list[HourAggregate]:
    """``n`` hours at a steady ``rate`` (``samples`` GOOD samples each)."""
    return [HourAggregate(vsum=rate * samples, vcount=samples, nbad=nbad) for _ in range(n)]


def test_a_full_day_at_a_steady_rate_is_that_rate() -> None:
    row = close_day("W01", DAY, oil=hours(480), water=hours(960), gas=hours(240),
                    running=hours(1))
    assert row is not None
    assert row.oil_bbl == pytest.approx(480) and row.water_bbl == pytest.approx(960)
    assert row.gas_mscf == pytest.approx(240)
    assert row.hours_on == pytest.approx(24) and row.hours_data == pytest.approx(24)
    assert row.oil_rate == pytest.approx(480) and row.water_cut == pytest.approx(2 / 3)
    assert row.source is Source.HISTORIAN


def test_missing_hours_are_not_extrapolated_and_coverage_says_so() -> None:
    # Comms lost for 6 hours: no rollup rows at all for them (nothing stored).
    row = close_day("W01", DAY, oil=hours(480, 18), running=hours(1, 18))
    assert row is not None
    assert row.oil_bbl == pytest.approx(480 * 18 / 24), "only the covered hours"
    assert row.hours_data == pytest.approx(18) and row.hours_on == pytest.approx(18)
    assert row.water_bbl is None and row.gas_mscf is None, "no tag data: unknown, not 0"
    assert row.oil_rate == pytest.approx(480), "rate over the hours known to be on"


def test_shut_in_day_is_zero_volume_with_full_coverage() -> None:
    row = close_day("W01", DAY, oil=hours(0), water=hours(0), gas=hours(0), running=hours(0))
    assert row is not None
    assert (row.oil_bbl, row.water_bbl, row.gas_mscf, row.hours_on) == (0, 0, 0, 0)
    assert row.hours_data == pytest.approx(24)
    assert row.oil_rate is None, "no producing-day rate for a day never on"


def test_partial_day_trip_gives_hours_on_and_producing_rate() -> None:
    # Producing 600 bbl/d for 15 h, then tripped: the trip hour is half on, then zero flow.
    oil = [*hours(600, 15), HourAggregate(vsum=300 * 10, vcount=10), *hours(0, 8)]
    running = [*hours(1, 15), HourAggregate(vsum=5, vcount=10), *hours(0, 8)]
    row = close_day("W01", DAY, oil=oil, running=running)
    assert row is not None
    assert row.hours_on == pytest.approx(15.5)
    assert row.oil_bbl == pytest.approx((600 * 15 + 300) / 24)
    assert row.hours_data == pytest.approx(24)
    assert row.oil_rate == pytest.approx((600 * 15 + 300) / 15.5)


def test_bad_samples_reduce_coverage_and_are_never_averaged_in() -> None:
    # An hour with 3 GOOD samples at 240 and 1 BAD one: 3/4 of an hour of data.
    row = close_day("W01", DAY, oil=[HourAggregate(vsum=720, vcount=3, nbad=1)],
                    running=[HourAggregate(vsum=4, vcount=4)])
    assert row is not None
    assert row.hours_data == pytest.approx(0.75)
    assert row.oil_bbl == pytest.approx(240 / 24 * 0.75)
    # An hour of only BAD samples covers nothing.
    assert close_day("W01", DAY, oil=[HourAggregate(vsum=None, vcount=0, nbad=5)]) is None


def test_hour_weights_cut_hours_shared_with_the_next_day() -> None:
    # A half-hour zone: the first and last UTC hours are half inside the local day.
    half = HourAggregate(vsum=240, vcount=1, weight=0.5)
    oil = [half, *hours(240, 23, samples=1), half]
    row = close_day("W01", DAY, oil=oil, running=hours(1, 24))
    assert row is not None
    assert row.oil_bbl == pytest.approx(240) and row.hours_data == pytest.approx(24)


def test_nothing_known_gives_no_row_and_unknown_running_is_none() -> None:
    assert close_day("W01", DAY) is None
    assert close_day("W01", DAY, oil=[], running=[]) is None
    row = close_day("W01", DAY, oil=hours(100))
    assert row is not None and row.hours_on is None and row.oil_rate is None


def test_a_25_hour_day_keeps_its_hours() -> None:
    row = close_day("W01", DAY, oil=hours(240, 25), running=hours(1, 25))
    assert row is not None and row.hours_on == pytest.approx(25)
    assert row.oil_bbl == pytest.approx(250) and row.oil_rate == pytest.approx(240)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"oil_bbl": -1.0}, "oil_bbl"),
    ({"gas_mscf": float("nan")}, "gas_mscf"),
    ({"hours_on": 26.0}, "hours_on"),
    ({"hours_data": -0.5}, "hours_data"),
    ({"well": " W01"}, "well"),
    ({"well": ""}, "well"),
    ({"well": "W" * 65}, "well"),
    ({"source": "guess"}, "source"),
])
def test_impossible_rows_name_the_field(kwargs: dict[str, object], field: str) -> None:
    base: dict[str, object] = {"well": "W01", "day": DAY, "oil_bbl": 1.0, "water_bbl": 1.0,
                               "gas_mscf": 1.0, "hours_on": 24.0}
    with pytest.raises(ProductionError) as info:
        DailyProduction(**{**base, **kwargs})  # type: ignore[arg-type]
    assert info.value.field == field


def test_precedence_manual_import_historian_simulated() -> None:
    order = [Source.SIMULATED, Source.HISTORIAN, Source.IMPORT, Source.MANUAL]
    for i, new in enumerate(order):
        for j, old in enumerate(order):
            assert replaces(new, old) == (i >= j), (new, old)
    assert producing_day_rate(12.0, 6.0) == 48.0 and producing_day_rate(None, 6) is None


def _tag(name: str, device: str, signal: str) -> TagDef:
    return TagDef(name=name, device=device, address=0, signal=signal)


def test_production_tags_per_well_rtu_and_pad_rtu() -> None:
    w01 = DeviceDef(name="W01", site="PAD-A", port=1, tags=(
        _tag("W01.Q_OIL", "W01", "well.oil_rate"), _tag("W01.Q_WAT", "W01", "well.water_rate"),
        _tag("W01.Q_GAS", "W01", "well.gas_rate"), _tag("W01.ESP.RUN", "W01", "esp.running"),
        _tag("W01.THP", "W01", "well.thp")))
    pad = DeviceDef(name="RTU-PAD-B", site="PAD-B", port=2, tags=(
        _tag("W02.Q_OIL", "RTU-PAD-B", "W02:well.oil_rate"),
        _tag("W02.BM.RUN", "RTU-PAD-B", "W02:rodpump.running"),
        _tag("W03.Q_OIL", "RTU-PAD-B", "W03:well.oil_rate"),
        _tag("W03.Q_GAS", "RTU-PAD-B", "W03:well.gas_rate"),
        _tag("W03.GL.RUN", "RTU-PAD-B", "W03:gaslift.running")))
    plc = DeviceDef(name="PLC-BAT1", site="BAT-1", port=3, tags=(
        _tag("PLC-BAT1.ENT.Q_OIL", "PLC-BAT1", "facility.oil_rate"),))
    field = Field(name="F", sites=(SiteDef("PAD-A", devices=(w01,)),
                                   SiteDef("PAD-B", devices=(pad,)),
                                   SiteDef("BAT-1", devices=(plc,))))
    found = production_tags(field)
    assert set(found) == {"W01", "W02", "W03"}, "the battery PLC is no well"
    assert (found["W01"].oil, found["W01"].water, found["W01"].gas, found["W01"].running) == (
        "W01.Q_OIL", "W01.Q_WAT", "W01.Q_GAS", "W01.ESP.RUN")
    assert (found["W02"].oil, found["W02"].gas, found["W02"].running) == (
        "W02.Q_OIL", None, "W02.BM.RUN")
    assert found["W03"].names() == ["W03.Q_OIL", "W03.Q_GAS", "W03.GL.RUN"]
