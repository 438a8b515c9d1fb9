"""The decline-curve tab's model, without Qt: daily production from a scripted edge through
the real client, conversion to histories (one well, group, type well), the fit recovering a
known decline, the forecast agreeing with the domain library, hand edits, P-bands in batches,
bad inputs and the report."""

from __future__ import annotations

import math
import threading
from datetime import date
from typing import Any

import numpy as np
import pytest

from domain.engineering import dca
from hmi.components.engineering import dca as m
from hmi.components.engineering.jobs import Cancelled
from hmi.components.units import UnitsModel, UnitSystem
from tests.hmi.engineering.dca_edge import TRUTH, DcaEdge, make_client, short_well, synthetic_well


class NoProgress:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.calls: list[tuple[float, str]] = []
        self.cancel_after = cancel_after

    def __call__(self, fraction: float, text: str = "") -> None:
        if self.cancel_after is not None and len(self.calls) >= self.cancel_after:
            raise Cancelled
        self.calls.append((fraction, text))


def fitted(model: m.DcaModel) -> m.FitOutcome:
    work, args = model.fit_job()
    out = work(NoProgress(), *args)
    model.apply_fit(out)
    return out


@pytest.fixture
async def loaded() -> Any:
    edge = DcaEdge([synthetic_well(n).daily() for n in TRUTH] + [short_well()])
    client = await make_client(edge)
    model = m.DcaModel()
    await model.load_wells(client)
    yield model, client, edge
    await client.close()


async def test_fit_through_the_client_recovers_the_true_decline(loaded: Any) -> None:
    model, client, _edge = loaded
    assert model.wells[0].well == "W-101", "largest cumulative first"
    for name, (truth, days, first, _seed) in TRUTH.items():
        await model.load_history(client, [name])
        daily = model.daily[name]
        assert len(daily) == days and daily.day[0] == first
        model.options = m.FitOptions(model="hyperbolic", from_peak=False)
        out = fitted(model)
        p = out.result.params
        assert p["qi"] == pytest.approx(truth.params["qi"], rel=0.06), name
        assert p["di"] == pytest.approx(truth.params["di"], rel=0.15), name
        assert p["b"] == pytest.approx(truth.params["b"], abs=0.2), name
        # outliers the synthetic well was given are found (most of them)
        w = synthetic_well(name)
        flagged = out.result.reason == dca.Exclusion.OUTLIER
        assert np.sum(flagged & w.synthetic.outlier) >= 0.5 * np.sum(w.synthetic.outlier)


async def test_forecast_and_tables_agree_with_the_domain_library(loaded: Any) -> None:
    model, client, _edge = loaded
    await model.load_history(client, ["W-102"])
    model.forecast_options = m.ForecastOptions(q_limit=25.0, max_years=40)
    out = fitted(model)
    # the same fit straight from the domain, on the history the edge served
    h = m.well_history(model.daily["W-102"])
    ref = dca.fit(h, "modified_hyperbolic", from_peak=True, rate_basis="producing")
    ref_fc = ref.forecast(q_limit=25.0, max_years=40)
    assert out.result.params == pytest.approx(ref.params, rel=1e-9)
    fc = model.curve.forecast
    assert fc.eur == pytest.approx(ref_fc.eur, rel=1e-9)
    assert fc.end_reason == "economic_limit"
    # cumulative to date is the sum of the daily volumes the edge reported
    oil = np.array([v or 0.0 for v in model.daily["W-102"].oil_bbl])
    assert fc.cum_to_date == pytest.approx(oil.sum(), rel=1e-9)
    yearly, monthly = model.forecast_rows(True), model.forecast_rows(False)
    assert sum(float(r[1]) for r in yearly) == pytest.approx(fc.remaining, rel=1e-9)
    assert sum(float(r[1]) for r in monthly) == pytest.approx(fc.remaining, rel=1e-9)
    assert float(yearly[-1][3]) == pytest.approx(fc.eur, rel=1e-9)
    assert len({r[0] for r in monthly}) == len(monthly)
    # the forecast follows a new economic limit without a refit
    model.set_forecast_options(m.ForecastOptions(q_limit=60.0))
    assert model.curve.forecast.eur < fc.eur
    assert model.curve.forecast.eur == pytest.approx(
        ref.forecast(q_limit=60.0, max_years=50).eur, rel=1e-9)


async def test_group_and_type_well(loaded: Any) -> None:
    model, client, _edge = loaded
    await model.load_history(client, ["W-101", "W-102"])
    a, b = model.daily["W-101"], model.daily["W-102"]
    model.mode = "group"
    out = fitted(model)
    assert out.subject.kind == "group" and out.subject.wells == ("W-101", "W-102")
    h = out.subject.history
    day = date(2022, 3, 1)
    i = int((np.datetime64(day.isoformat()) - h.epoch) / np.timedelta64(1, "D"))
    expect = sum(w.oil_bbl[w.day.index(day)] or 0.0 for w in (a, b))
    assert h.rate[i] == pytest.approx(expect)
    assert h.days.size == (max(a.day[-1], b.day[-1]) - min(a.day[0], b.day[0])).days + 1

    model.mode = "type_well"
    model.options = m.FitOptions(model="hyperbolic", statistic="mean", align="peak")
    out = fitted(model)
    tw = dca.type_well([m.well_history(a), m.well_history(b)], align="peak",
                       statistic="mean")
    assert out.subject.kind == "type_well" and out.subject.history.epoch is None
    np.testing.assert_allclose(out.subject.history.rate, tw.rate[tw.well_count >= 1])
    rep = model.build_report()
    assert "Type well of 2 wells" in rep.subtitle
    assert rep.tables()[0].header[0] == "Year since time zero"


async def test_too_little_history_and_bad_inputs_say_what_is_wrong(loaded: Any) -> None:
    model, client, _edge = loaded
    await model.load_history(client, ["W-NEW"])
    work, args = model.fit_job()
    with pytest.raises(ValueError, match="too few usable points"):
        work(NoProgress(), *args)
    model.set_history([])
    with pytest.raises(ValueError, match="Pick one or more wells"):
        model.fit_job()
    await model.load_history(client, ["W-101"])
    for options, field in ((m.FitOptions(b_min=1.5, b_max=1.0), "b bounds"),
                           (m.FitOptions(start=date(2024, 1, 1), end=date(2023, 1, 1)),
                            "Fit window"),
                           (m.FitOptions(terminal_decline=1.2), "Terminal decline")):
        model.options = options
        with pytest.raises(ValueError, match=field):
            model.fit_job()
    model.options = m.FitOptions()
    model.forecast_options = m.ForecastOptions(q_limit=-1)
    with pytest.raises(ValueError, match="Economic limit"):
        model.fit_job()
    with pytest.raises(ValueError, match="Fit a decline first"):
        model.bands_job()
    with pytest.raises(ValueError, match="Nothing to export yet"):
        model.build_report()
    # a well the edge has no rows for
    with pytest.raises(ValueError, match="no daily production"):
        m.make_subject([m.WellDaily("W-GHOST")], "single")


async def test_hand_edits_and_drag(loaded: Any) -> None:
    model, client, _edge = loaded
    await model.load_history(client, ["W-101"])
    out = fitted(model)
    eur0 = model.curve.forecast.eur
    model.set_param("b", 0.3)
    c = model.curve
    assert c is not None and c.edited and c.model.params["b"] == 0.3
    assert c.forecast.eur < eur0  # a smaller b declines faster
    assert c.rmse_log > out.result.stats.rmse_log  # the fit is the least-squares optimum
    rep = model.build_report()
    assert "EDITED BY HAND" in rep.subtitle
    assert any("edited by hand" in getattr(b, "title", "") for b in rep.blocks)
    # dragging the decline handle: the curve goes through the dropped point
    t = 800.0
    model.drag_rate("di", t, 150.0)
    assert float(model.curve.model.rate(t)) == pytest.approx(150.0, rel=1e-6)
    model.drag_rate("qi", 0.0, 1000.0)
    assert model.params["qi"] == pytest.approx(1000.0)
    # the terminal decline never exceeds the initial one
    model.set_param("di", 0.01)
    assert model.params["dlim"] <= model.params["di"]
    with pytest.raises(ValueError):
        model.set_param("b", -1.0)
    model.reset_params()
    assert not model.curve.edited
    assert model.curve.forecast.eur == eur0
    assert "EDITED" not in model.build_report().subtitle


async def test_p_bands_in_batches(loaded: Any) -> None:
    model, client, _edge = loaded
    await model.load_history(client, ["W-103"])
    out = fitted(model)
    progress = NoProgress()
    bands = m.run_bands(progress, out, 120, "%1/%2", batch=50)
    assert bands.eur_samples.size + bands.n_failed == 120
    assert [f for f, _ in progress.calls][:3] == [0.0, pytest.approx(0.5), 1.0]
    assert progress.calls[-1][1] == "120/120"
    p90, p50, p10 = np.percentile(bands.eur_samples, [10, 50, 90])
    assert (bands.eur_p90, bands.eur_p50, bands.eur_p10) == pytest.approx((p90, p50, p10))
    assert bands.eur_p90 <= out.forecast.eur <= bands.eur_p10
    assert np.all(bands.rate_p90 <= bands.rate_p10 + 1e-9)
    # the first batch is exactly the domain's own bootstrap with that seed
    one = out.result.p_bands(n=60, seed=0, q_limit=10.0, max_years=50.0)
    assert np.array_equal(m.run_bands(NoProgress(), out, 60).eur_samples, one.eur_samples)
    with pytest.raises(Cancelled):
        m.run_bands(NoProgress(cancel_after=1), out, 200)
    model.apply_bands(bands)
    items = dict(model.bands_items())
    assert items["EUR P50"] == f"{m.fmt(bands.eur_p50)} bbl"


async def test_si_units_in_the_report(loaded: Any) -> None:
    model, client, _edge = loaded
    si = m.DcaModel(UnitsModel(UnitSystem.SI))
    si.wells = model.wells
    await si.load_history(client, ["W-101"])
    fitted(si)
    kv = dict(si.key_results())
    eur_m3 = si.curve.forecast.eur * 0.158987294928  # type: ignore[union-attr]
    assert kv["EUR"] == f"{m.fmt(eur_m3)} m³"
    assert si.forecast_rows(True)[0][1] == pytest.approx(
        model_rows_bbl(si)[0] * 0.158987294928)


def model_rows_bbl(model: m.DcaModel) -> list[float]:
    bbl = m.DcaModel()
    bbl.outcome, bbl.curve = model.outcome, model.curve
    return [float(r[1]) for r in bbl.forecast_rows(True)]


def test_param_specs_round_trip() -> None:
    for name in m.MODELS:
        for spec in m.param_specs(name):
            for v in (0.05, 0.3, 0.9):
                if spec.unit == "rate":
                    continue
                assert spec.from_display(spec.to_display(v)) == pytest.approx(v)
    dlim = next(s for s in m.param_specs("modified_hyperbolic") if s.name == "dlim")
    assert dlim.to_display(float(dca.nominal_from_tangent(0.08))) == pytest.approx(8.0)
    assert m.fmt(1234567.8) == "1,234,568" and m.fmt(0.012345) == "0.01235"
    assert m.fmt(math.nan) == "—"


def test_runs_off_the_calling_thread_without_state() -> None:
    """run_fit only reads its arguments: two threads fitting different wells agree with a
    sequential run (the runner may start a fit while an older one still runs)."""
    dailies = [synthetic_well(n).daily() for n in ("W-101", "W-102")]
    results: dict[str, float] = {}

    def work(d: m.WellDaily) -> None:
        out = m.run_fit(NoProgress(), [d], "single", m.FitOptions(), m.ForecastOptions())
        results[d.well] = out.forecast.eur

    threads = [threading.Thread(target=work, args=(d,)) for d in dailies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in dailies:
        seq = m.run_fit(NoProgress(), [d], "single", m.FitOptions(), m.ForecastOptions())
        assert results[d.well] == seq.forecast.eur


@pytest.mark.parametrize("name", m.MODELS)
def test_every_model_fits_edits_and_reports(name: str, tmp_path: Any) -> None:
    from pypdf import PdfReader

    from hmi.reports import write_csv, write_pdf

    model = m.DcaModel()
    model.set_history([synthetic_well("W-102").daily()])
    model.options = m.FitOptions(model=name)
    out = fitted(model)
    assert type(out.result.model).__name__.lower().replace("stretchedexponential", "sepd")
    specs = m.param_specs(name)
    assert [s.name for s in specs] == list(out.result.model.params)
    first = specs[0].name
    model.set_param(first, out.result.model.params[first] * 1.1)
    assert model.curve is not None and model.curve.edited
    assert model.curve.forecast.cum_to_date == out.forecast.cum_to_date
    t_end = out.subject.history.end - out.result.origin
    for param in ("di", "tau"):
        if param in model.params:
            target = 0.8 * float(model.curve.model.rate(t_end))
            model.drag_rate(param, t_end, target)
            assert float(model.curve.model.rate(t_end)) == pytest.approx(target, rel=1e-6)
    pdf = write_pdf(tmp_path / f"{name}.pdf", model.build_report())
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert m.model_label(name) in text and "EDITED BY HAND" in text
    rows = write_csv(tmp_path / f"{name}.csv", model.build_report()).read_text("utf-8-sig")
    assert "Monthly forecast" in rows
