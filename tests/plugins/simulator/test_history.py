"""The synthetic daily history: reproducible by seed, declining (Arps), with shut-ins, partial
days and data gaps, ending at today's simulated rates."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
import pytest

from domain.production import DailyProduction, Source, production_tags
from engine.config import load_field
from plugins.simulator.history import (
    Anchor,
    arps,
    history_for_field,
    plant_anchors,
    simulate_history,
)

END = date(2026, 12, 1)
WELLS = [f"W{i:02d}" for i in range(1, 11)]


def by_well(rows: list[DailyProduction]) -> dict[str, list[DailyProduction]]:
    out: dict[str, list[DailyProduction]] = defaultdict(list)
    for r in rows:
        out[r.well].append(r)
    return out


def test_same_seed_same_history_and_wells_do_not_disturb_each_other() -> None:
    a, plans = simulate_history(WELLS, END, years=3, seed=11)
    b, _ = simulate_history(WELLS, END, years=3, seed=11)
    c, _ = simulate_history(WELLS, END, years=3, seed=12)
    assert a == b and a != c
    only_w05, _ = simulate_history(["W05"], END, years=3, seed=11)
    assert only_w05 == by_well(a)["W05"], "a well's history depends on the seed and its name"
    for p in plans:
        assert 0.30 <= p.di <= 0.70 and 0.3 <= p.b <= 1.2 and 200 <= p.qi <= 1500


def test_rows_are_plausible_daily_history() -> None:
    rows, plans = simulate_history(WELLS, END, years=5, seed=3)
    wells = by_well(rows)
    assert set(wells) == set(WELLS)
    for p in plans:
        days = [r.day for r in wells[p.well]]
        assert days[0] == p.first_day and days[-1] == END
        assert days == [p.first_day + timedelta(days=i) for i in range(len(days))], "no holes"
    assert all(r.source is Source.SIMULATED for r in rows)
    assert all(r.oil_bbl is not None and r.oil_bbl >= 0 for r in rows)
    assert len(wells["W01"]) <= round(5 * 365.25)
    shut = [r for r in rows if r.hours_on == 0]
    partial = [r for r in rows if r.hours_on is not None and 0 < r.hours_on < 24]
    gaps = [r for r in rows if r.hours_data is not None and r.hours_data < 24]
    assert shut and all(r.oil_bbl == 0 and r.gas_mscf == 0 for r in shut)
    assert partial and gaps
    assert len(shut) / len(rows) < 0.08, "shut-ins are occasional"
    # Declining: the first producing half-year above the last one, for most wells and in total.
    declining = 0
    first_total = last_total = 0.0
    for rs in wells.values():
        rates = [r.oil_rate for r in rs if r.oil_rate and r.hours_data == 24]
        first, last = statistics.median(rates[:180]), statistics.median(rates[-180:])
        declining += first > last
        first_total, last_total = first_total + first, last_total + last
    assert declining >= 0.7 * len(wells) and last_total < 0.7 * first_total
    # Water cut rises, GOR does not fall.
    for rs in wells.values():
        early = statistics.median(r.water_cut for r in rs[:90] if r.water_cut is not None)
        late = statistics.median(r.water_cut for r in rs[-90:] if r.water_cut is not None)
        assert late > early


def test_noise_is_lognormal_around_the_arps_curve() -> None:
    rows, plans = simulate_history(["W01"], END, years=2, seed=5)
    plan = plans[0]
    if plan.workovers:
        pytest.skip("this seed drew a workover; the next check needs one plain segment")
    full = [r for r in rows if r.hours_on == 24 and r.hours_data == 24]
    t = np.array([(r.day - plan.first_day).days / 365.25 for r in full])
    ratio = np.array([r.oil_bbl for r in full]) / arps(t, plan.qi, plan.di, plan.b)
    sigma = float(np.std(np.log(ratio)))
    assert 0.035 < sigma < 0.095 and abs(float(np.mean(ratio)) - 1.0) < 0.02


def test_history_ends_at_the_simulators_rates_today() -> None:
    field = load_field("resources/fields/demo.yaml")
    anchors = plant_anchors(field, seed=1)
    assert set(anchors) <= set(production_tags(field)) and len(anchors) >= 15
    started = time.perf_counter()
    rows, _ = history_for_field(field, END, years=5, seed=1)
    elapsed = time.perf_counter() - started
    assert 30_000 <= len(rows) <= 36_600 and elapsed < 10
    wells = by_well(rows)
    for well, a in anchors.items():
        tail = [r for r in wells[well][-30:] if r.hours_on == 24 and r.hours_data == 24]
        oil = statistics.median(r.oil_bbl for r in tail if r.oil_bbl is not None)
        assert oil == pytest.approx(a.oil, rel=0.15), well
        wc = statistics.median(r.water_cut for r in tail if r.water_cut is not None)
        assert wc == pytest.approx(a.water / (a.water + a.oil), abs=0.05), well
        gor = statistics.median(1000 * (r.gas_mscf or 0) / r.oil_bbl for r in tail
                                if r.oil_bbl)
        assert gor == pytest.approx(1000 * a.gas / a.oil, rel=0.15), well


def test_an_anchor_is_met_even_when_it_is_far_from_the_drawn_curve() -> None:
    rows, plans = simulate_history(["W01"], END, years=4, seed=2,
                                   anchors={"W01": Anchor("W01", 3000.0, 1000.0, 3000.0)})
    full = [r for r in rows[-30:] if r.hours_on == 24 and r.hours_data == 24]
    assert statistics.median(r.oil_bbl or 0 for r in full) == pytest.approx(3000, rel=0.1)
    assert plans[0].di == pytest.approx(0.30), "Di at the edge of its range, qi scaled"
    with pytest.raises(ValueError):
        simulate_history(["W01"], END, years=0)
