"""The nodal analysis model, without Qt: it builds the same well the domain library would from
the same inputs, reports progress and honours cancel, names the field of a bad input, and its
report carries the operating point and the sensitivity table to PDF and CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from domain.engineering.flow import (
    CompositeIPR,
    EspPump,
    FetkovichIPR,
    Outflow,
    Production,
    PumpCurve,
    TemperatureProfile,
    VogelIPR,
    Wellbore,
    nodal_analysis,
)
from domain.engineering.pvt import BlackOilFluid
from hmi.components.engineering import nodal as nm
from hmi.components.engineering.jobs import Cancelled
from hmi.components.units import PSI_KPA, UnitsModel, UnitSystem
from hmi.reports import write_csv, write_pdf
from hmi.reports.pdf import fmt as pdf_fmt


def quiet(_f: float, _t: str) -> None:
    pass


def domain_outflow(inp: nm.NodalInputs) -> Outflow:
    """The outflow built by hand from the domain library, independently of the model."""
    fluid = BlackOilFluid(api=inp.api, gas_sg=inp.gas_sg, gor_scf_stb=inp.gor_scf_stb,
                          water_sg=inp.water_sg)
    pump = None
    if inp.esp:
        pump = EspPump(PumpCurve.from_points(inp.pump_rates_bpd, inp.pump_head_ft),
                       inp.pump_stages, inp.pump_md_ft)
    return Outflow(Wellbore.vertical(inp.md_ft, inp.tubing_id_in, inp.roughness_in), fluid,
                   Production(inp.gor_scf_stb, inp.water_cut_pct / 100),
                   TemperatureProfile.between(inp.twh_degf, inp.t_res_degf, inp.tvd_ft),
                   correlation=inp.correlation, pump=pump, pump_hz=inp.pump_hz)


def grid(qmax: float, n: int = 40) -> np.ndarray:
    return np.linspace(0.005 * qmax, 0.995 * qmax, n)


@pytest.mark.parametrize("correlation", ["beggs_brill", "hagedorn_brown"])
def test_operating_point_is_the_domain_nodal_analysis(correlation: str) -> None:
    inp = nm.NodalInputs(correlation=correlation)  # type: ignore[arg-type]
    fluid_pb = BlackOilFluid(api=inp.api, gas_sg=inp.gas_sg,
                             gor_scf_stb=inp.gor_scf_stb).bubble_point(inp.t_res_degf)
    ipr = CompositeIPR.from_test(inp.pr_psia, fluid_pb, inp.test_q_stb_d, inp.test_pwf_psia)
    expected = nodal_analysis(ipr, domain_outflow(inp), inp.thp_psia, grid(ipr.qmax_stb_d))
    m = nm.NodalModel()
    m.apply_run(nm.run_nodal(quiet, m.prepare(inp)))
    assert m.run is not None
    op, ref = m.run.result.operating_point, expected.operating_point
    assert op is not None and ref is not None
    assert op.rate_stb_d == pytest.approx(ref.rate_stb_d, rel=1e-9)
    assert op.pwf_psia == pytest.approx(ref.pwf_psia, rel=1e-9)
    # the traverse at the operating point lands on it (integration tolerance)
    assert m.run.traverse is not None
    assert m.run.traverse.pwf_psia == pytest.approx(op.pwf_psia, abs=2.0)
    assert m.run.well.pb_psia == pytest.approx(fluid_pb)
    # the screen text shows those numbers
    assert nm.fmt(ref.rate_stb_d) in m.operating_text()
    assert nm.fmt(ref.pwf_psia) in m.operating_text()


def test_ipr_models_match_hand_calculations() -> None:
    base = nm.NodalInputs()
    vogel = nm.build_well(base.replace(ipr_model="vogel")).ipr
    assert isinstance(vogel, VogelIPR)
    x = base.test_pwf_psia / base.pr_psia
    assert vogel.qmax_stb_d == pytest.approx(base.test_q_stb_d / (1 - 0.2 * x - 0.8 * x * x))
    fet = nm.build_well(base.replace(ipr_model="fetkovich", fet_n=0.8)).ipr
    assert isinstance(fet, FetkovichIPR)
    c = base.test_q_stb_d / (base.pr_psia**2 - base.test_pwf_psia**2) ** 0.8
    assert fet.c == pytest.approx(c)
    assert float(fet.rate(base.test_pwf_psia)) == pytest.approx(base.test_q_stb_d)
    pi = nm.build_well(base.replace(ipr_model="pi", ipr_source="direct", pi_stb_d_psi=1.5)).ipr
    assert float(pi.rate(1500.0)) == pytest.approx(1.5 * (base.pr_psia - 1500.0))
    comp = nm.build_well(base.replace(pb_psia=3000.0)).ipr
    assert isinstance(comp, CompositeIPR) and comp.pb_psia == 3000.0
    assert float(comp.rate(base.test_pwf_psia)) == pytest.approx(base.test_q_stb_d)


def test_thp_sensitivity_higher_thp_lower_rate_and_each_case_is_nodal_analysis() -> None:
    inp = nm.NodalInputs(values=(100.0, 250.0, 400.0))
    m = nm.NodalModel()
    well, vals = m.prepare_sensitivity(inp)
    m.apply_sensitivity(nm.run_sensitivity(quiet, well, vals))
    s = m.sensitivity
    assert s is not None
    rates = [c.operating_point.rate_stb_d for c in s.cases if c.operating_point]
    assert len(rates) == 3 and rates[0] > rates[1] > rates[2]
    for c in s.cases:
        ref = nodal_analysis(well.ipr, well.outflow, c.value, s.rates_stb_d).operating_point
        assert ref is not None and c.operating_point is not None
        assert c.operating_point.rate_stb_d == pytest.approx(ref.rate_stb_d, rel=1e-9)
    rows = m.sensitivity_rows()
    assert [r[0] for r in rows] == [100.0, 250.0, 400.0]
    assert [r[1] for r in rows] == pytest.approx(rates)


@pytest.mark.parametrize(("variable", "values", "rising"), [
    ("choke", (16.0, 32.0, 64.0), True),  # a wider bean lets more through
    ("glr", (300.0, 700.0, 1000.0), True),  # gas lift lightens the column
])
def test_other_sensitivities_trend(variable: str, values: tuple[float, ...],
                                   rising: bool) -> None:
    inp = nm.NodalInputs(variable=variable, values=values)  # type: ignore[arg-type]
    well, vals = nm.NodalModel().prepare_sensitivity(inp)
    s = nm.run_sensitivity(quiet, well, vals)
    rates = [c.operating_point.rate_stb_d for c in s.cases if c.operating_point]
    assert len(rates) == 3
    assert (rates[0] < rates[1] < rates[2]) == rising


def test_esp_lifts_a_dead_well_and_frequency_raises_the_rate() -> None:
    dead = nm.NodalInputs(thp_psia=1200.0)
    assert nm.run_nodal(quiet, nm.build_well(dead)).result.operating_point is None
    esp = dead.replace(esp=True, variable="esp_frequency", values=(50.0, 60.0))
    run = nm.run_nodal(quiet, nm.build_well(esp))
    assert run.result.operating_point is not None
    ref = nodal_analysis(run.well.ipr, domain_outflow(esp), esp.thp_psia,
                         run.result.rates_stb_d).operating_point
    assert ref is not None
    assert run.result.operating_point.rate_stb_d == pytest.approx(ref.rate_stb_d, rel=1e-9)
    well, vals = nm.NodalModel().prepare_sensitivity(esp)
    s = nm.run_sensitivity(quiet, well, vals)
    r50, r60 = (c.operating_point.rate_stb_d for c in s.cases if c.operating_point)
    assert r60 > r50


def test_dead_well_says_it_cannot_flow() -> None:
    m = nm.NodalModel()
    m.apply_run(nm.run_nodal(quiet, m.prepare(nm.NodalInputs(thp_psia=1500.0))))
    assert m.run is not None and m.run.result.operating_point is None
    assert m.run.traverse is None
    assert "cannot flow at this THP" in m.operating_text()
    report = m.build_report()
    assert any("cannot flow" in getattr(b, "text", "") for b in report.blocks)


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"tubing_id_in": 0.0}, "tubing_id_in", "Tubing ID"),
    ({"pr_psia": -100.0}, "pr_psia", "Reservoir pressure"),
    ({"thp_psia": -5.0}, "thp_psia", "Wellhead pressure"),
    ({"water_cut_pct": 120.0}, "water_cut_pct", "Water cut"),
    ({"test_pwf_psia": 4000.0}, "test_pwf_psia", "Test flowing pressure"),
    ({"tvd_ft": 9000.0}, "tvd_ft", "True vertical depth"),
    ({"api": -3.0}, "api", "oil gravity"),
    ({"gas_sg": 0.3}, "gas_sg", "gas specific gravity"),
    ({"pr_psia": float("nan")}, "pr_psia", "Reservoir pressure"),
    ({"esp": True, "pump_md_ft": 9000.0}, "pump_md_ft", "Pump depth"),
    ({"ipr_model": "fetkovich", "fet_n": 3.0}, "fet_n", "Fetkovich n"),
])
def test_bad_input_names_the_field(changes: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(nm.InputError) as e:
        nm.NodalModel().prepare(nm.NodalInputs().replace(**changes))
    assert e.value.field == field
    assert words.lower() in str(e.value).lower()


def test_bad_sensitivity_values_name_the_field() -> None:
    m = nm.NodalModel()
    with pytest.raises(nm.InputError, match="Enable the ESP"):
        m.prepare_sensitivity(nm.NodalInputs(variable="esp_frequency", values=(50.0,)))
    with pytest.raises(nm.InputError, match="THP"):
        m.prepare_sensitivity(nm.NodalInputs(values=(100.0, 5000.0)))
    with pytest.raises(nm.InputError, match="'abc' is not a number") as e:
        nm.parse_numbers("100, abc", "Values", "values")
    assert e.value.field == "values"


def test_progress_is_reported_and_cancel_stops_the_family() -> None:
    seen: list[float] = []

    def progress(f: float, _t: str) -> None:
        seen.append(f)
        if len(seen) > 5:
            raise Cancelled

    well, vals = nm.NodalModel().prepare_sensitivity(nm.NodalInputs())
    with pytest.raises(Cancelled):
        nm.run_sensitivity(progress, well, vals)
    assert seen == sorted(seen) and len(seen) == 6


def test_nothing_to_export_before_a_run() -> None:
    with pytest.raises(ValueError, match="Calculate"):
        nm.NodalModel().build_report()


def test_report_round_trips_to_pdf_and_csv(tmp_path: Path) -> None:
    m = nm.NodalModel()
    well, vals = m.prepare_sensitivity(nm.NodalInputs())
    m.apply_sensitivity(nm.run_sensitivity(quiet, well, vals))
    assert m.run is not None and m.run.result.operating_point is not None
    op = m.run.result.operating_point
    report = m.build_report()
    pdf = write_pdf(tmp_path / "n.pdf", report)
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert nm.fmt(op.rate_stb_d) in text and nm.fmt(op.pwf_psia) in text
    assert "Sensitivity" in text and "Pressure traverse" in text
    assert m.sensitivity is not None
    for c in m.sensitivity.cases:
        if c.operating_point is not None:
            assert pdf_fmt(c.operating_point.rate_stb_d) in text
    out = write_csv(tmp_path / "n.csv", report)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    i = next(k for k, r in enumerate(rows) if r and r[0].startswith("Sensitivity"))
    assert rows[i + 1][0] == "THP (psia)"
    table = rows[i + 2:i + 2 + len(m.sensitivity.cases)]
    for row, case in zip(table, m.sensitivity.cases, strict=True):
        assert float(row[0]) == case.value
        assert case.operating_point is not None
        assert float(row[1]) == pytest.approx(case.operating_point.rate_stb_d, rel=1e-12)
    j = next(k for k, r in enumerate(rows) if r == ["IPR and VLP curves"])
    curve = [r for r in rows[j + 2:j + 2 + 40]]
    assert len(curve) == 40
    assert [float(r[0]) for r in curve] == pytest.approx(list(m.run.result.rates_stb_d))


def test_si_display_converts_the_results() -> None:
    units = UnitsModel(UnitSystem.SI)
    m = nm.NodalModel(units)
    m.apply_run(nm.run_nodal(quiet, m.prepare()))
    assert m.run is not None and m.run.result.operating_point is not None
    pwf = m.run.result.operating_point.pwf_psia
    assert nm.fmt(pwf * PSI_KPA) in m.operating_text() and "kPa" in m.operating_text()
    assert "m³/d" in m.operating_text()
