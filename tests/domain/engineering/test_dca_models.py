"""Decline models: closed forms against numerical integration, limits between the Arps
models, the terminal-decline floor, conversions, and a cross-check against petbox-dca (MIT)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import petbox.dca as pb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from domain.engineering.dca import (
    DAYS_PER_YEAR,
    Duong,
    Exponential,
    Harmonic,
    Hyperbolic,
    ModifiedHyperbolic,
    StretchedExponential,
    effective_per_day,
    effective_per_year,
    nominal_from_secant,
    nominal_from_tangent,
    nominal_per_day,
    nominal_per_year,
    secant_from_nominal,
    tangent_from_nominal,
)

# quad may warn in the far tail of a steep decline, where the rate underflows to zero; the
# assertions check the answer itself
pytestmark = pytest.mark.filterwarnings("ignore::scipy.integrate.IntegrationWarning")

qis = st.floats(1.0, 1e5)
declines = st.floats(0.01, 20.0)  # nominal 1/yr
bs = st.floats(0.0, 2.0)
times = st.floats(0.0, 2e4)  # days (55 years)


def _integral(model, a, b=None):
    """∫ q dt from ``a`` to ``b`` (from 0 to ``a`` when ``b`` is None) by adaptive quadrature,
    split at decades of t so steep early rates are resolved."""
    a, b = (0.0, a) if b is None else (a, b)
    edges = [a] + [e for e in (1.0, 10.0, 100.0, 1000.0, 1e4) if a < e < b] + [b]
    q_scale = float(np.max(model.rate(np.geomspace(max(a, 1e-6), max(b, 2e-6), 50))))
    return sum(
        quad(
            lambda x: float(model.rate(x)), lo, hi,
            epsabs=1e-13 * q_scale * (hi - lo), epsrel=1e-11, limit=400,
        )[0]
        for lo, hi in itertools.pairwise(edges)
    )  # fmt: skip


def _close(a, b, rel=1e-7, abs_=1e-9):
    return abs(a - b) <= rel * max(abs(a), abs(b)) + abs_


# ---- cumulative = integral of rate, for every model ------------------------------------------


@settings(max_examples=60, deadline=None)
@given(qi=qis, di=declines, b=bs, t=times)
def test_hyperbolic_cum_is_integral_of_rate(qi, di, b, t):
    m = Hyperbolic(qi, di, b)
    assert _close(float(m.cum(t)), _integral(m, t))


@settings(max_examples=30, deadline=None)
@given(qi=qis, di=declines, t=times)
def test_exponential_and_harmonic_cum_are_integrals(qi, di, t):
    for m in (Exponential(qi, di), Harmonic(qi, di)):
        assert _close(float(m.cum(t)), _integral(m, t))


@settings(max_examples=60, deadline=None)
@given(qi=qis, di=declines, b=bs, frac=st.floats(0.0, 1.0), t=times)
def test_modified_hyperbolic_cum_is_integral_of_rate(qi, di, b, frac, t):
    m = ModifiedHyperbolic(qi, di, b, frac * di)
    t_sw = m.switch_time
    # integrate the two pieces separately: the rate has a kink at the switch
    split = 0 < t_sw < t
    expected = _integral(m, t_sw) + _integral(m, t_sw, t) if split else _integral(m, t)
    assert _close(float(m.cum(t)), expected)


@settings(max_examples=60, deadline=None)
@given(q1=qis, a=st.floats(0.05, 5.0), m=st.floats(1.05, 2.5), t=st.floats(0.0, 2e4))
def test_duong_cum_is_integral_of_rate(q1, a, m, t):
    model = Duong(q1, a, m)
    assert _close(float(model.cum(t)), _integral(model, t), rel=1e-7, abs_=1e-9 * q1)


@settings(max_examples=60, deadline=None)
@given(qi=qis, tau=st.floats(0.5, 2e4), n=st.floats(0.1, 1.0), t=times)
def test_stretched_exponential_cum_is_integral_of_rate(qi, tau, n, t):
    m = StretchedExponential(qi, tau, n)
    assert _close(float(m.cum(t)), _integral(m, t), rel=1e-7, abs_=1e-9 * qi)


# ---- limits between the Arps models ----------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(qi=qis, di=declines, t=st.floats(0.0, 3650.0), b=st.sampled_from([1e-4, 1e-6, 1e-8]))
def test_exponential_is_the_b_to_zero_limit(qi, di, t, b):
    exp_, hyp = Exponential(qi, di), Hyperbolic(qi, di, b)
    z = di / DAYS_PER_YEAR * t
    # ln q differs by b·z²/2 + O(b²): the gap closes linearly in b
    assert abs(float(np.log(hyp.rate(t) / exp_.rate(t)))) <= b * z * z + 1e-12
    assert _close(float(hyp.cum(t)), float(exp_.cum(t)), rel=b * (1 + z * z) + 1e-12)
    assert float(Hyperbolic(qi, di, 0.0).rate(t)) == float(exp_.rate(t))


@settings(max_examples=60, deadline=None)
@given(qi=qis, di=declines, t=times)
def test_harmonic_is_b_equal_one(qi, di, t):
    h = Harmonic(qi, di)
    assert float(h.rate(t)) == pytest.approx(qi / (1 + di / DAYS_PER_YEAR * t), rel=1e-12)
    assert float(h.cum(t)) == pytest.approx(float(Hyperbolic(qi, di, 1.0).cum(t)), rel=1e-15)
    # the general formula is continuous through b = 1 (no 0/0 just beside it)
    for b in (1.0 - 1e-9, 1.0 + 1e-9):
        assert float(Hyperbolic(qi, di, b).cum(t)) == pytest.approx(float(h.cum(t)), rel=1e-6)
        assert float(Hyperbolic(qi, di, b).rate(t)) == pytest.approx(float(h.rate(t)), rel=1e-6)


def test_fixed_b_models_refuse_another_b():
    with pytest.raises(ValueError):
        Exponential(100.0, 0.5, 0.3)
    with pytest.raises(ValueError):
        Harmonic(100.0, 0.5, 0.3)


# ---- modified hyperbolic: the terminal decline is a floor ------------------------------------


@settings(max_examples=80, deadline=None)
@given(qi=qis, di=declines, b=st.floats(0.01, 2.0), frac=st.floats(0.001, 1.0))
def test_modified_hyperbolic_decline_never_below_dlim(qi, di, b, frac):
    m = ModifiedHyperbolic(qi, di, b, frac * di)
    t = np.concatenate(([0.0], np.geomspace(1e-3, 1e6, 400), [m.switch_time]))
    t = t[np.isfinite(t)]
    d = m.decline(t)
    assert np.all(d >= m.dlim * (1 - 1e-12))
    # ...and it is the terminal decline, measured from the rate itself, after the switch
    t_after = m.switch_time + np.array([1.0, 100.0, 5000.0])
    dt = np.maximum(1e-3, 1e-6 * t_after)  # a step that float64 resolves at this t
    measured = -(np.log(m.rate(t_after + dt)) - np.log(m.rate(t_after))) / dt
    assert np.allclose(measured * DAYS_PER_YEAR, m.dlim, rtol=1e-4)
    assert np.all(m.b_factor(t_after) == 0.0)


@settings(max_examples=40, deadline=None)
@given(qi=qis, di=st.floats(0.5, 20.0), b=st.floats(0.05, 2.0), frac=st.floats(0.005, 0.5))
def test_modified_hyperbolic_is_continuous_at_the_switch(qi, di, b, frac):
    m = ModifiedHyperbolic(qi, di, b, frac * di)
    ts = m.switch_time
    eps = 1e-7 * max(ts, 1.0)
    for f in (m.rate, m.cum, m.decline):
        assert float(f(ts - eps)) == pytest.approx(float(f(ts + eps)), rel=1e-5)
    hyper = Hyperbolic(qi, di, b)
    t = np.linspace(0, ts * 0.999, 50)
    assert np.allclose(m.rate(t), hyper.rate(t), rtol=1e-13)


def test_modified_hyperbolic_validates():
    with pytest.raises(ValueError, match="dlim"):
        ModifiedHyperbolic(100.0, 0.5, 1.0, 0.6)
    assert ModifiedHyperbolic(100.0, 0.5, 1.0, 0.0).switch_time == math.inf


# ---- instantaneous decline and b(t) are the derivatives they claim to be ----------------------


def _numeric_decline_and_b(model, t, h=1e-4):
    """-d ln q/dt (1/yr) and d(1/D)/dt by central differences, relative step h."""

    def d_of(x):
        dt = h * x
        return -(np.log(model.rate(x + dt)) - np.log(model.rate(x - dt))) / (2 * dt)

    dt = h * t
    b = (1 / d_of(t + dt) - 1 / d_of(t - dt)) / (2 * dt)
    return d_of(t) * DAYS_PER_YEAR, b


@pytest.mark.parametrize(
    "model",
    [
        Hyperbolic(500.0, 3.0, 1.3),
        Exponential(500.0, 0.4),
        Harmonic(500.0, 2.0),
        ModifiedHyperbolic(500.0, 3.0, 1.3, 0.1),
        Duong(300.0, 1.5, 1.2),
        StretchedExponential(800.0, 40.0, 0.4),
    ],
    ids=lambda m: m.name,
)
def test_decline_and_b_are_the_derivatives(model):
    t = np.array([3.0, 30.0, 300.0, 3000.0])
    if isinstance(model, ModifiedHyperbolic):
        t = t[np.abs(t - model.switch_time) > 10]
    d_num, b_num = _numeric_decline_and_b(model, t)
    assert np.allclose(model.decline(t), d_num, rtol=1e-5)
    assert np.allclose(model.b_factor(t), b_num, rtol=2e-3, atol=5e-3)  # 2nd differences


# ---- time to rate inverts rate -----------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(frac=st.floats(1e-4, 0.99), which=st.integers(0, 5))
def test_time_to_rate_inverts_rate(frac, which):
    model = [
        Hyperbolic(800.0, 2.0, 0.9),
        Exponential(800.0, 0.3),
        Harmonic(800.0, 1.0),
        ModifiedHyperbolic(800.0, 2.5, 1.4, 0.08),
        Duong(400.0, 1.2, 1.15),
        StretchedExponential(800.0, 60.0, 0.35),
    ][which]
    q_max = float(model.rate(model.peak_time)) if isinstance(model, Duong) else 800.0
    q = frac * q_max
    t = model.time_to_rate(q)
    assert float(model.rate(t)) == pytest.approx(q, rel=1e-8)
    assert model.time_to_rate(2 * q_max) == 0.0
    assert model.time_to_rate(0.0) == math.inf


def test_negative_time_is_outside_every_model():
    for m in (Hyperbolic(1.0, 1.0, 0.5), Duong(1.0, 1.0, 1.2), StretchedExponential(1, 1, 0.5)):
        assert np.isnan(m.rate(-1.0)) and np.isnan(m.cum(-1.0))


def test_models_are_vectorised_and_keep_shape():
    t = np.linspace(0.0, 1000.0, 12).reshape(3, 4)
    for m in (Hyperbolic(1e3, 1.0, 0.5), ModifiedHyperbolic(1e3, 1.0, 0.5, 0.1)):
        for f in (m.rate, m.cum, m.decline, m.b_factor):
            assert f(t).shape == (3, 4)


# ---- EUR closed forms from the source papers --------------------------------------------------


def test_eur_closed_forms():
    # Arps b < 1: EUR to infinite time = qi / ((1 - b) Di)
    h = Hyperbolic(1000.0, 0.8, 0.5)
    assert float(h.cum(1e12)) == pytest.approx(1000.0 / (0.5 * 0.8 / DAYS_PER_YEAR), rel=1e-6)
    # SEPD (Valkó & Lee 2010): qi τ / n Γ(1/n)
    s = StretchedExponential(1000.0, 100.0, 0.5)
    assert s.eur_unlimited == pytest.approx(1000 * 100 / 0.5 * math.gamma(2.0), rel=1e-14)
    assert float(s.cum(1e9)) == pytest.approx(s.eur_unlimited, rel=1e-12)
    # Duong (2011): q/N = a t^-m, so N(∞) = q1/a e^(a/(m-1))
    d = Duong(100.0, 1.5, 1.2)
    t = np.array([1.0, 10.0, 1000.0])
    assert np.allclose(d.rate(t) / d.cum(t), 1.5 * t**-1.2, rtol=1e-13)
    assert float(d.cum(1e80)) == pytest.approx(d.eur_unlimited, rel=1e-12)


def test_eur_needs_a_bound_when_unbounded():
    with pytest.raises(ValueError, match="unbounded"):
        Harmonic(100.0, 0.5).eur()
    assert Harmonic(100.0, 0.5).eur(q_limit=1.0) > 0


# ---- conversions -------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(d=st.floats(1e-4, 10.0), b=st.floats(0.0, 2.0))
def test_conversions_round_trip(d, b):
    assert float(nominal_from_secant(secant_from_nominal(d, b), b)) == pytest.approx(d, rel=1e-9)
    assert float(nominal_from_tangent(tangent_from_nominal(d))) == pytest.approx(d, rel=1e-9)
    assert float(nominal_per_year(nominal_per_day(d))) == pytest.approx(d, rel=1e-15)


@settings(max_examples=100, deadline=None)
@given(de=st.floats(1e-3, 0.99), b=st.floats(0.0, 2.0))
def test_conversions_match_petbox(de, b):
    msh = pb.MultisegmentHyperbolic
    assert float(nominal_from_secant(de, b)) == pytest.approx(msh.nominal_from_secant(de, b))
    assert float(nominal_from_tangent(de)) == pytest.approx(msh.nominal_from_tangent(de))
    d = float(nominal_from_secant(de, b))
    assert float(secant_from_nominal(d, b)) == pytest.approx(msh.secant_from_nominal(d, b))
    assert float(tangent_from_nominal(d)) == pytest.approx(msh.tangent_from_nominal(d))


def test_conversion_reference_values():
    # 1/yr nominal exponential = 1 - e^-1 = 63.21 % per year effective
    assert float(tangent_from_nominal(1.0)) == pytest.approx(0.6321205588, rel=1e-9)
    # secant, b = 0.5, D = 1/yr: 1 - (1 + 0.5)^-2 = 5/9
    assert float(secant_from_nominal(1.0, 0.5)) == pytest.approx(5 / 9, rel=1e-12)
    # the secant effective decline is what the model actually loses in a year
    h = Hyperbolic.from_effective(1000.0, 0.7, 1.2)
    assert 1 - float(h.rate(DAYS_PER_YEAR)) / 1000.0 == pytest.approx(0.7, rel=1e-12)
    # per day, exponential: 50 %/yr effective -> 1 - 0.5^(1/365.25) per day
    assert float(effective_per_day(0.5)) == pytest.approx(1 - 0.5 ** (1 / 365.25), rel=1e-12)
    # and hyperbolic per day/per year are inverse
    assert float(effective_per_year(effective_per_day(0.6, 1.1), 1.1)) == pytest.approx(0.6)
    with pytest.raises(ValueError):
        nominal_from_secant(1.0, 0.5)


# ---- cross-check against petbox-dca ------------------------------------------------------------

T_CHECK = np.concatenate((np.geomspace(0.1, 1e5, 60), [365.25, 3652.5]))


def _rel_err(ours, theirs):
    ours, theirs = np.asarray(ours, float), np.asarray(theirs, float)
    return float(np.max(np.abs(ours - theirs) / np.maximum(np.abs(theirs), 1e-300)))


@settings(max_examples=60, deadline=None)
@given(qi=qis, de=st.floats(0.01, 0.99), b=bs)
def test_hyperbolic_matches_petbox(qi, de, b):
    ours = Hyperbolic.from_effective(qi, de, b)
    theirs = pb.Hyperbolic(qi, de, b)
    t = T_CHECK
    keep = theirs.rate(t) > 1e-250  # both underflow to 0 in the far tail of a steep exponential
    assert _rel_err(ours.rate(t)[keep], theirs.rate(t)[keep]) < 1e-6
    assert _rel_err(ours.cum(t), theirs.cum(t)) < 1e-6
    assert _rel_err(ours.decline(t[keep]), theirs.D(t[keep]) * DAYS_PER_YEAR) < 1e-6


@settings(max_examples=60, deadline=None)
@given(qi=qis, de=st.floats(0.05, 0.99), b=st.floats(0.05, 2.0), dterm=st.floats(0.01, 0.2))
def test_modified_hyperbolic_matches_petbox(qi, de, b, dterm):
    if nominal_from_tangent(dterm) > nominal_from_secant(de, b):
        return  # a terminal decline above the initial one: both libraries refuse it
    ours = ModifiedHyperbolic.from_effective(qi, de, b, dterm)
    theirs = pb.MH(qi, de, b, dterm)
    t = T_CHECK
    keep = theirs.rate(t) > 1e-250
    assert _rel_err(ours.rate(t)[keep], theirs.rate(t)[keep]) < 1e-6
    assert _rel_err(ours.cum(t), theirs.cum(t)) < 1e-6


@settings(max_examples=60, deadline=None)
@given(q1=qis, a=st.floats(1.0, 4.0), m=st.floats(1.05, 2.0))
def test_duong_matches_petbox(q1, a, m):
    # petbox bounds a >= 1 (ours only a > 0); inside its range the two must agree
    ours, theirs = Duong(q1, a, m), pb.Duong(q1, a, m)
    t = T_CHECK
    assert _rel_err(ours.rate(t), theirs.rate(t)) < 1e-6
    assert _rel_err(ours.cum(t), theirs.cum(t)) < 1e-6


@settings(max_examples=60, deadline=None)
@given(qi=qis, tau=st.floats(1.0, 1e4), n=st.floats(0.1, 0.99))
def test_stretched_exponential_matches_petbox(qi, tau, n):
    ours, theirs = StretchedExponential(qi, tau, n), pb.SE(qi, tau, n)
    t = T_CHECK
    keep = theirs.rate(t) > 1e-250
    assert _rel_err(ours.rate(t)[keep], theirs.rate(t)[keep]) < 1e-6
    assert _rel_err(ours.cum(t), theirs.cum(t)) < 1e-6


def test_petbox_published_figures():
    """Figures printed in petbox-dca's own documentation (``Hyperbolic`` docstring, v2.3)."""
    # Hyperbolic(1000, 0.8, 0.5): cumulative converges to 295,493.457
    h = Hyperbolic.from_effective(1000.0, 0.8, 0.5)
    assert float(h.cum(1e15)) == pytest.approx(295_493.457, abs=0.001)
    # MH(1000, 0.8, 1.5, 0.08): terminal segment begins at 2884.43 days with 358,827.905
    # produced; at 30 years 555,128, against 617,999 for the uncapped Hyperbolic
    mh = ModifiedHyperbolic.from_effective(1000.0, 0.8, 1.5, 0.08)
    assert mh.switch_time == pytest.approx(2884.43, abs=0.005)
    assert float(mh.cum(mh.switch_time)) == pytest.approx(358_827.905, abs=0.001)
    assert float(mh.cum(30 * DAYS_PER_YEAR)) == pytest.approx(555_128, abs=0.5)
    h15 = Hyperbolic.from_effective(1000.0, 0.8, 1.5)
    assert float(h15.cum(30 * DAYS_PER_YEAR)) == pytest.approx(617_999, abs=0.5)
