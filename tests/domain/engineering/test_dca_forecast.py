"""Forecasts (economic limit, end date, EUR, remaining), bootstrap P-bands and type wells."""

from __future__ import annotations

import math

import numpy as np
import pytest

from domain.engineering.dca import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    Exponential,
    Harmonic,
    Hyperbolic,
    ModifiedHyperbolic,
    ProductionHistory,
    fit,
    type_well,
)
from domain.engineering.dca.synthetic import synthetic_history

START = np.datetime64("2021-01-01")


def _exact_history(model, days, start=START):
    """Noise-free daily history: each day's exact average rate."""
    d = np.arange(float(days))
    time = start + d.astype("timedelta64[D]") if start is not None else d
    return ProductionHistory(time, model.cum(d + 1) - model.cum(d))


TRUTH = ModifiedHyperbolic.from_effective(800.0, 0.75, 1.3, 0.08)


@pytest.fixture(scope="module")
def exact_fit():
    return fit(_exact_history(TRUTH, 1000), "modified_hyperbolic", terminal_decline=0.08)


# ---- forecast -----------------------------------------------------------------------------------


def test_forecast_to_economic_limit_matches_the_model(exact_fit):
    fc = exact_fit.forecast(q_limit=10.0)
    t_limit = TRUTH.time_to_rate(10.0)
    assert fc.end_reason == "economic_limit"
    assert fc.start == 1000.0
    assert fc.end == pytest.approx(t_limit, rel=2e-3)
    assert fc.rate[-1] == pytest.approx(10.0, rel=1e-9)
    # the history's own cumulative is the exact volume of the first 1000 days
    assert fc.cum_to_date == pytest.approx(float(TRUTH.cum(1000.0)), rel=1e-12)
    assert fc.remaining == pytest.approx(float(TRUTH.cum(t_limit) - TRUTH.cum(1000.0)), rel=2e-3)
    assert fc.eur == pytest.approx(float(TRUTH.cum(t_limit)), rel=1e-3)
    assert fc.eur == pytest.approx(fc.cum_to_date + fc.remaining, rel=1e-15)
    assert fc.cumulative[0] == 0.0 and fc.cumulative[-1] == fc.remaining
    assert np.all(np.diff(fc.cumulative) > 0) and np.all(np.diff(fc.rate) < 0)
    assert fc.dates is not None
    assert fc.dates[0] == np.datetime64("2021-01-01") + np.timedelta64(1000, "D")
    assert fc.years == pytest.approx((fc.end - fc.start) / DAYS_PER_YEAR)


def test_forecast_volume_does_not_depend_on_the_step(exact_fit):
    monthly = exact_fit.forecast(q_limit=10.0)
    daily = exact_fit.forecast(q_limit=10.0, step_days=1.0)
    assert daily.eur == monthly.eur
    assert daily.days.size > 25 * monthly.days.size
    assert np.all(np.diff(monthly.days[:-1]) == pytest.approx(DAYS_PER_MONTH))


def test_forecast_to_end_date_and_max_years(exact_fit):
    fc = exact_fit.forecast(q_limit=10.0, end=np.datetime64("2030-01-01"))
    end_day = float((np.datetime64("2030-01-01") - np.datetime64("2021-01-01")).astype(int))
    assert fc.end_reason == "end_date" and fc.end == end_day and fc.days[-1] == end_day
    assert fc.dates is not None and fc.dates[-1] == np.datetime64("2030-01-01")
    capped = exact_fit.forecast(max_years=5.0)
    assert capped.end_reason == "max_years"
    assert capped.end == pytest.approx(1000.0 + 5 * DAYS_PER_YEAR)
    by_days = exact_fit.forecast(end=2000.0)
    assert by_days.end == 2000.0


def test_forecast_below_the_limit_has_nothing_remaining(exact_fit):
    fc = exact_fit.forecast(q_limit=1e6)
    assert fc.end_reason == "below_limit"
    assert fc.remaining == 0.0 and fc.eur == fc.cum_to_date
    assert fc.days.size == 1


def test_forecast_uptime_and_cum_to_date(exact_fit):
    full = exact_fit.forecast(end=3000.0)
    half = exact_fit.forecast(end=3000.0, uptime=0.5, cum_to_date=12345.0)
    assert half.remaining == pytest.approx(0.5 * full.remaining, rel=1e-12)
    assert half.eur == pytest.approx(12345.0 + half.remaining)
    # the economic limit applies to the calendar-day rate: at half uptime it comes sooner
    assert exact_fit.forecast(q_limit=10.0, uptime=0.5).end < exact_fit.forecast(q_limit=10.0).end
    with pytest.raises(ValueError):
        exact_fit.forecast(uptime=0.0)
    with pytest.raises(ValueError):
        exact_fit.forecast(q_limit=-1.0)


def test_unbounded_forecast_is_capped_by_max_years():
    h = _exact_history(Harmonic(300.0, 2.0), 500, start=None)
    result = fit(h, "harmonic")
    fc = result.forecast()  # no limit, no end date: a harmonic never stops
    assert fc.end_reason == "max_years" and math.isfinite(fc.eur)
    with pytest.raises(ValueError, match=r"elapsed days"):
        result.forecast(end=np.datetime64("2030-01-01"))


def test_forecast_is_continuous_with_the_history():
    truth = Hyperbolic.from_effective(500.0, 0.6, 0.9)
    well = synthetic_history(truth, 730, noise=0.05, seed=11)
    result = fit(well.history, "hyperbolic")
    fc = result.forecast(q_limit=2.0)
    assert fc.rate[0] == pytest.approx(float(truth.rate(730.0)), rel=0.03)


# ---- P-bands ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def noisy_fit():
    truth = ModifiedHyperbolic.from_effective(600.0, 0.7, 1.2, 0.08)
    well = synthetic_history(truth, 365, noise=0.15, autocorrelation=0.6, seed=21)
    return truth, fit(well.history, "modified_hyperbolic")


def test_p_bands_are_reproducible_and_ordered(noisy_fit):
    _, result = noisy_fit
    a = result.p_bands(n=60, seed=5, q_limit=5.0)
    b = result.p_bands(n=60, seed=5, q_limit=5.0)
    c = result.p_bands(n=60, seed=6, q_limit=5.0)
    assert np.array_equal(a.eur_samples, b.eur_samples)
    assert not np.array_equal(a.eur_samples, c.eur_samples)
    # reserves convention: P90 is the low case, P10 the high case
    assert a.eur_p90 < a.eur_p50 < a.eur_p10
    assert a.remaining_p90 < a.remaining_p50 < a.remaining_p10
    assert np.all(a.rate_p90 <= a.rate_p50) and np.all(a.rate_p50 <= a.rate_p10)
    assert a.eur_p90 == pytest.approx(np.percentile(a.eur_samples, 10))
    assert a.eur_p10 == pytest.approx(np.percentile(a.eur_samples, 90))
    assert a.n_failed == 0 and a.seed == 5
    assert a.dates is not None and a.days[0] == result.history.end
    # the best-fit forecast sits inside its own bands
    best = result.forecast(q_limit=5.0).eur
    assert a.eur_p90 < best < a.eur_p10


def test_p_bands_cover_the_truth_most_of_the_time():
    """An 80 % band (P90..P10) should contain the true EUR in most of several independent
    histories: a band that is far too narrow would almost never do so."""
    truth = Hyperbolic.from_effective(400.0, 0.6, 0.8)
    q_lim = 4.0
    true_eur = truth.eur(q_limit=q_lim)
    hits = 0
    for seed in range(8):
        well = synthetic_history(truth, 365, noise=0.2, autocorrelation=0.7, seed=seed)
        result = fit(well.history, "hyperbolic")
        bands = result.p_bands(n=60, seed=seed, q_limit=q_lim, cum_to_date=float(truth.cum(365)))
        hits += bands.eur_p90 <= true_eur <= bands.eur_p10
    assert hits >= 5


def test_p_bands_refuse_too_few_replicates(noisy_fit):
    with pytest.raises(ValueError, match="replicates"):
        noisy_fit[1].p_bands(n=5)


# ---- type wells ---------------------------------------------------------------------------------


def _field(n_wells=12, seed=0, ramp_days=45):
    """Wells sharing one decline (rate ∝ lateral length), with a clean-up ramp before the
    peak, different start dates and history lengths; no downtime, which a calendar-day type
    well would (rightly) average in."""
    rng = np.random.default_rng(seed)
    base = ModifiedHyperbolic.from_effective(100.0, 0.7, 1.2, 0.08)  # per 1000 ft
    histories, laterals = [], []
    for i in range(n_wells):
        lateral = rng.uniform(5000.0, 12000.0)
        days = int(rng.integers(400, 1500))
        well = synthetic_history(
            base, days, noise=0.05, shut_in_fraction=0.0, partial_fraction=0.0,
            outlier_fraction=0.0, missing_fraction=0.0, seed=1000 + i,
        )  # fmt: skip
        ramp = np.linspace(0.2, 0.95, ramp_days) * float(base.rate(0.0))
        rate = np.concatenate((ramp, well.history.rate)) * lateral / 1000.0
        start = np.datetime64("2019-01-01") + np.timedelta64(int(rng.integers(0, 700)), "D")
        time = start + np.arange(rate.size).astype("timedelta64[D]")
        histories.append(ProductionHistory(time, rate))
        laterals.append(lateral)
    return base, histories, laterals


def test_type_well_aligns_normalises_and_recovers_the_shared_decline():
    base, histories, laterals = _field()
    tw = type_well(histories, align="peak", normalise_by=laterals, normalise_to=1000.0)
    # month 0 starts at the peak; the type well is the base curve's monthly average
    expected = base.cum((tw.month + 1) * DAYS_PER_MONTH) - base.cum(tw.month * DAYS_PER_MONTH)
    expected /= DAYS_PER_MONTH
    ok = tw.well_count >= 3
    # (the peak of noisy daily data is found to within a few days: up to ~3 % in month 0)
    assert np.allclose(tw.rate[ok], expected[ok], rtol=0.04)
    # the count falls as the shorter histories end, and every well has its first month
    assert tw.well_count[0] == len(histories)
    assert np.all(np.diff(tw.well_count) <= 0)
    assert tw.wells.shape == (len(histories), tw.month.size)
    result = tw.fit("modified_hyperbolic", min_wells=3)
    assert result.params["b"] == pytest.approx(1.2, abs=0.15)
    assert result.params["qi"] == pytest.approx(100.0, rel=0.08)
    fc = result.forecast(q_limit=1.0)
    assert fc.eur == pytest.approx(base.eur(q_limit=1.0), rel=0.05)


def test_type_well_alignment_on_first_production_includes_the_ramp():
    _, histories, laterals = _field(ramp_days=45)
    peak = type_well(histories, align="peak", normalise_by=laterals, normalise_to=1000.0)
    first = type_well(histories, align="first_production", normalise_by=laterals,
                      normalise_to=1000.0)  # fmt: skip
    assert first.rate[0] < peak.rate[0]  # month 0 is mostly clean-up ramp
    assert first.rate[1] == pytest.approx(peak.rate[0], rel=0.1)


def test_type_well_statistics_and_partial_months():
    base = Exponential(100.0, 0.5)
    a = _exact_history(base, 100)
    b = ProductionHistory(a.time, 3.0 * a.rate)  # one well three times as good
    c = ProductionHistory(a.time, 2.0 * a.rate)
    p50 = type_well([a, b, c], align="first_production", statistic="p50")
    mean = type_well([a, b, c], align="first_production", statistic="mean")
    assert np.allclose(p50.rate, 2.0 * p50.wells[0], rtol=1e-12)
    assert np.allclose(mean.rate, 2.0 * p50.wells[0], rtol=1e-12)
    # 100 days make three complete months (91.3 days); the partial fourth is left out
    assert p50.month.size == 3 and np.all(p50.well_count == 3)


def test_type_well_from_monthly_records():
    base = Exponential(100.0, 0.5)
    months = np.arange("2020-01", "2023-01", dtype="datetime64[M]")
    start = months.astype("datetime64[D]")
    ends = (months + 1).astype("datetime64[D]")
    t0, t1 = (start - start[0]).astype(float), (ends - start[0]).astype(float)
    rate = (base.cum(t1) - base.cum(t0)) / (t1 - t0)  # monthly volume / days in month
    tw = type_well([ProductionHistory(start, rate)], align="first_production")
    assert tw.month.size == 36 and np.all(tw.well_count == 1)
    assert np.allclose(tw.rate, rate, rtol=1e-12)
    result = tw.fit("exponential")
    assert result.params["di"] == pytest.approx(0.5, rel=0.01)


def test_type_well_refuses_bad_input():
    h = _exact_history(Exponential(100.0, 0.5), 100)
    with pytest.raises(ValueError, match="at least one"):
        type_well([])
    with pytest.raises(ValueError, match="normalise_by"):
        type_well([h, h], normalise_by=[1.0])
    with pytest.raises(ValueError, match="normalise_by"):
        type_well([h], normalise_by=[0.0])
    with pytest.raises(ValueError, match="complete month"):
        type_well([ProductionHistory(np.arange(10.0), np.ones(10))])
    with pytest.raises(ValueError, match="no month"):
        type_well([h]).history(min_wells=2)
