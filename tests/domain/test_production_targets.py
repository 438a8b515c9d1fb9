"""Production targets: validation, the target in force on a day, today's pace."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.production import ProductionError
from domain.production_targets import FIELD, ProductionTarget, day_pace, in_force


def test_target_in_force_is_the_latest_started_one_of_its_scope() -> None:
    ts = [ProductionTarget(FIELD, date(2026, 1, 1), oil_bbl_d=10_000),
          ProductionTarget(FIELD, date(2026, 6, 1), oil_bbl_d=9_000),
          ProductionTarget("W01", date(2026, 7, 1), oil_bbl_d=500)]
    assert in_force(ts, FIELD, date(2025, 12, 31)) is None
    assert in_force(ts, FIELD, date(2026, 5, 31)) is ts[0]
    assert in_force(ts, FIELD, date(2026, 6, 1)) is ts[1]
    assert in_force(ts, FIELD, date(2030, 1, 1)) is ts[1]
    assert in_force(ts, "W01", date(2026, 6, 30)) is None
    assert in_force(ts, "W01", date(2026, 7, 1)) is ts[2]


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"scope": ""}, "scope"), ({"scope": " W01"}, "scope"), ({"scope": "W\x01"}, "scope"),
    ({"oil_bbl_d": -1.0}, "oil_bbl_d"), ({"gas_mscf_d": float("nan")}, "gas_mscf_d"),
    ({"oil_bbl_d": None}, "target"), ({"valid_from": datetime(2026, 1, 1)}, "valid_from"),
    ({"water_bbl_d": True}, "water_bbl_d"), ({"note": "x" * 501}, "note")])
def test_impossible_targets_are_refused_naming_the_field(kwargs: dict[str, object],
                                                         field: str) -> None:
    args: dict[str, object] = {"scope": FIELD, "valid_from": date(2026, 1, 1),
                               "oil_bbl_d": 100.0}
    args.update(kwargs)
    with pytest.raises(ProductionError) as info:
        ProductionTarget(**args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_pace_extrapolates_the_rate_so_far_after_the_first_hour() -> None:
    p = day_pace(delivered=3_000, target=12_000, hours_elapsed=6)
    assert p.fraction_of_target == pytest.approx(0.25)
    assert p.pace_ratio == pytest.approx(1.0)  # a quarter of the day, a quarter of the plan
    assert p.on_pace_for == pytest.approx(12_000)
    behind = day_pace(delivered=2_400, target=12_000, hours_elapsed=6)
    assert behind.pace_ratio == pytest.approx(0.8) and behind.on_pace_for == pytest.approx(9_600)
    early = day_pace(delivered=100, target=12_000, hours_elapsed=0.5)
    assert early.pace_ratio is None and early.on_pace_for is None
    assert early.fraction_of_target == pytest.approx(100 / 12_000)


@pytest.mark.parametrize(("delivered", "target", "hours"), [
    (-1.0, 100.0, 5.0), (1.0, 0.0, 5.0), (1.0, 100.0, 25.0), (float("inf"), 100.0, 5.0)])
def test_pace_refuses_impossible_inputs(delivered: float, target: float, hours: float) -> None:
    with pytest.raises(ValueError):
        day_pace(delivered, target, hours)
