"""Unit conversions: one place, exact factors, round trips."""

from __future__ import annotations

import pytest

from hmi.components.units import UnitsModel, UnitSystem, from_si, to_si


@pytest.mark.parametrize(("value", "units", "expected", "si_units"), [
    (1.0, "bbl/d", 0.158987294928, "m3/d"),
    (1.0, "psi", 6.894757293168, "kPa"),
    (32.0, "degF", 0.0, "degC"),
    (212.0, "degF", 100.0, "degC"),
    (1.0, "Mscf/d", 28.316846592, "m3/d"),
    (1.0, "ft", 0.3048, "m"),
    (5.0, "Hz", 5.0, "Hz"),
])
def test_to_si(value: float, units: str, expected: float, si_units: str) -> None:
    got, u = to_si(value, units)
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert u == si_units


@pytest.mark.parametrize("units", ["bbl/d", "psi", "degF", "Mscf/d", "klbf", "%"])
def test_round_trip(units: str) -> None:
    for v in (-40.0, 0.0, 123.456, 1e6):
        assert from_si(to_si(v, units)[0], units) == pytest.approx(v)


def test_model_switches_and_notifies() -> None:
    m = UnitsModel()
    seen: list[UnitSystem] = []
    m.changed.connect(seen.append)
    assert m.units("degF") == "°F" and m.convert(50.0, "degF") == 50.0
    m.set_system(UnitSystem.SI)
    assert seen == [UnitSystem.SI]
    assert m.units("degF") == "°C"
    assert m.units("bbl/d") == "m³/d"
    assert m.convert(50.0, "degF") == pytest.approx(10.0)
    assert m.convert_delta(9.0, "degF") == pytest.approx(5.0)  # a span has no offset
    assert m.to_source(10.0, "degF") == pytest.approx(50.0)
    m.set_system(UnitSystem.SI)
    assert seen == [UnitSystem.SI]  # no event without a change
