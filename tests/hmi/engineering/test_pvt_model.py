"""The PVT calculator's model (no Qt): its numbers are the domain's BlackOilFluid for the same
inputs, a known bubble point gives back that bubble point, impossible inputs carry the
domain's message, and the report's PDF and CSV hold the same numbers."""

from __future__ import annotations

import csv
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from domain.engineering.pvt import FIELDS, BlackOilFluid, header, rows
from domain.engineering.pvt import water as water_corr
from hmi.components.engineering import pvt as m
from hmi.reports import Chart, KeyValues, Table, write_csv, write_pdf

BASE = m.PRESETS[m.DEFAULT_PRESET]


def domain_fluid(inp: m.PvtInputs, gor: float | None = None) -> BlackOilFluid:
    """The fluid built straight from the domain, salinity -> SG by McCain's density."""
    sg = water_corr.water_density_sc(inp.salinity_wt_pct) / 62.368
    return BlackOilFluid(api=inp.api, gas_sg=inp.gas_sg,
                         gor_scf_stb=inp.gor_scf_stb if gor is None else gor, water_sg=sg,
                         y_h2s=inp.y_h2s, y_co2=inp.y_co2, y_n2=inp.y_n2,
                         correlation=inp.correlation, sep_p_psia=inp.sep_p_psia,
                         sep_t_degf=inp.sep_t_degf, z_method=inp.z_method)


def run(inp: m.PvtInputs) -> m.PvtResult:
    return m.compute(lambda _f, _t: None, inp)


@pytest.mark.parametrize("name", list(m.PRESETS))
def test_every_number_is_the_domain_fluid(name: str) -> None:
    inp = m.PRESETS[name]
    r = run(inp)
    fl = domain_fluid(inp)
    t = inp.t_res_degf
    pb = fl.bubble_point(t)
    assert r.pb_psia == pytest.approx(pb, rel=1e-12)
    ps = [s.p_psia for s in r.states]
    assert r.states == tuple(fl.table(ps, t))
    assert r.point == fl.at(inp.p_point_psia, t)
    assert r.bubble == fl.at(pb, t)
    # evenly spaced over the range, plus the bubble point when inside it
    even = np.linspace(inp.p_min_psia, inp.p_max_psia, inp.points)
    assert set(even) <= set(ps) and ps == sorted(ps)
    assert len(ps) == inp.points + (1 if inp.p_min_psia < pb < inp.p_max_psia else 0)
    assert r.rows("si") == rows(fl.table(ps, t), "si")


def test_bubble_point_row_is_where_the_oil_saturates() -> None:
    r = run(BASE)
    i = r.pb_row
    assert i is not None and r.states[i].p_psia == r.pb_psia
    gor = BASE.gor_scf_stb
    assert r.states[i].rs_scf_stb == gor and r.states[i + 1].rs_scf_stb == gor
    assert r.states[i - 1].rs_scf_stb < gor
    bo = [s.bo_rb_stb for s in r.states]
    assert max(bo) == bo[i]  # Bo peaks at pb: swelling below, compression above


@pytest.mark.parametrize("correlation", ["standing", "vasquez_beggs"])
@pytest.mark.parametrize("pb", [800.0, 2500.0, 4200.0])
def test_a_known_bubble_point_comes_back(correlation: str, pb: float) -> None:
    inp = replace(BASE, spec="pb", pb_psia=pb, correlation=correlation,
                  sep_p_psia=120.0, sep_t_degf=85.0)
    r = run(inp)
    assert r.pb_psia == pytest.approx(pb, rel=1e-9)
    gor = inp.gor()
    assert domain_fluid(inp, gor).bubble_point(inp.t_res_degf) == pytest.approx(pb, rel=1e-9)
    # and the GOR typed the other way round gives the same fluid
    back = run(replace(inp, spec="gor", gor_scf_stb=gor))
    assert back.pb_psia == pytest.approx(pb, rel=1e-9)


def test_a_dead_oil_has_no_bubble_point() -> None:
    r = run(replace(BASE, gor_scf_stb=0.0))
    assert r.pb_psia == 0.0 and r.bubble is None and r.pb_row is None
    assert all(s.rs_scf_stb == 0.0 for s in r.states)
    assert all(s.pb_psia == 0.0 for s in r.states)
    items = dict(m.key_items(r, "oilfield"))
    assert "no bubble point" in items["Oil"]


@pytest.mark.parametrize("change, make", [
    ({"api": -5.0}, lambda: BlackOilFluid(api=-5.0, gas_sg=0.75, gor_scf_stb=600.0)),
    ({"gas_sg": 0.5}, lambda: BlackOilFluid(api=35.0, gas_sg=0.5, gor_scf_stb=600.0)),
    ({"gor_scf_stb": -10.0}, lambda: BlackOilFluid(api=35.0, gas_sg=0.75, gor_scf_stb=-10.0)),
])
def test_impossible_inputs_carry_the_domain_message(change: dict[str, float], make: object
                                                    ) -> None:
    with pytest.raises(ValueError) as domain:
        make()  # type: ignore[operator]
    with pytest.raises(ValueError) as ours:
        m.PvtModel().prepare(replace(BASE, **change))  # type: ignore[arg-type]
    assert str(ours.value) == str(domain.value)


def test_salinity_beyond_saturated_brine_is_the_domain_message() -> None:
    with pytest.raises(ValueError) as domain:
        water_corr.water_density_sc(30.0)
    with pytest.raises(ValueError) as ours:
        m.PvtModel().prepare(replace(BASE, salinity_wt_pct=30.0))
    assert str(ours.value) == str(domain.value)
    assert "salinity" in str(ours.value)


def test_a_state_a_correlation_refuses_names_the_pressure() -> None:
    inp = replace(BASE, p_max_psia=30000.0)
    fl = domain_fluid(inp)
    with pytest.raises(ValueError) as domain:
        fl.table(np.linspace(inp.p_min_psia, inp.p_max_psia, inp.points), inp.t_res_degf)
    with pytest.raises(ValueError) as ours:
        run(inp)
    assert str(domain.value) in str(ours.value)
    assert "psia" in str(ours.value)


@pytest.mark.parametrize("change, words", [
    ({"p_max_psia": 10.0}, "maximum pressure"),
    ({"p_min_psia": 0.0}, "minimum pressure"),
    ({"points": 1}, "number of points"),
    ({"points": m.MAX_POINTS + 1}, "number of points"),
    ({"y_h2s": 1.2}, "H2S"),
    ({"p_point_psia": -1.0}, "Single point"),
])
def test_range_checks_name_the_field(change: dict[str, float], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        m.PvtModel().prepare(replace(BASE, **change))  # type: ignore[arg-type]


def test_progress_is_reported_and_ends_at_one() -> None:
    seen: list[float] = []
    m.compute(lambda f, _t: seen.append(f), replace(BASE, points=200))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 3


def test_parse_number_takes_a_decimal_comma() -> None:
    assert m.parse_number(" 35,5 ") == 35.5
    assert m.parse_number("1,500.5") == 1500.5
    assert m.parse_number("2500") == 2500.0
    for bad in ("", "abc", "nan", "inf"):
        with pytest.raises(ValueError):
            m.parse_number(bad)


@pytest.mark.parametrize("kind", ["p", "T", "gor", ""])
def test_input_units_round_trip(kind: str) -> None:
    for v in (14.7, 180.0, 600.0):
        si = m.to_display(kind, v, "si")
        assert m.from_display(kind, si, "si") == pytest.approx(v, rel=1e-12)
    assert m.to_display("T", 212.0, "si") == pytest.approx(100.0)
    assert m.to_display("p", 14.695949, "si") == pytest.approx(101.325, rel=1e-6)


def test_fmt_four_significant_digits() -> None:
    assert m.fmt(2463.011) == "2,463"
    assert m.fmt(1.33512) == "1.335"
    assert m.fmt(0.000909578) == "9.096e-04"
    assert m.fmt(float("nan")) == "—"


def test_report_has_inputs_results_charts_and_tables() -> None:
    r = run(BASE)
    with pytest.raises(ValueError, match="Calculate"):
        m.build_report(None, "oilfield")
    rep = m.build_report(r, "oilfield", preset=m.DEFAULT_PRESET)
    kv = {b.title: dict(b.items) for b in rep.blocks if isinstance(b, KeyValues)}
    assert kv["Key results"]["Bubble-point pressure (180 °F)"] == m.fmt(r.pb_psia) + " psia"
    assert kv["Fluid"]["Preset"] == m.DEFAULT_PRESET
    charts = [b for b in rep.blocks if isinstance(b, Chart)]
    assert [c.title for c in charts] == [t for _n, t in m.PLOTS]
    for c, (name, _t) in zip(charts, m.PLOTS, strict=True):
        curve, pb_line = c.series
        assert list(curve.y) == [getattr(s, name) for s in r.states]
        assert list(pb_line.x) == [r.pb_psia, r.pb_psia]
    tables = [b for b in rep.blocks if isinstance(b, Table)]
    assert len(tables) == 3  # oil, gas, water: an A4 page is too narrow for all 18 columns
    covered = {h for t in tables for h in t.header}
    assert covered == set(header("oilfield")) - {"T [degF]", "pb [psia]"}
    csv_rep = m.build_report(r, "si", for_csv=True)
    (table,) = csv_rep.tables()
    assert list(table.header) == header("si")
    assert table.rows == rows(list(r.states), "si")
    assert not any(isinstance(b, Chart) for b in csv_rep.blocks)


def read_csv_table(path: Path, first_header: str) -> tuple[list[str], list[list[float]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    start = next(i for i, row in enumerate(lines) if row and row[0] == first_header)
    body: list[list[float]] = []
    for row in lines[start + 1:]:
        if not row:
            break
        body.append([float(c) for c in row])
    return lines[start], body


@pytest.mark.parametrize("system", ["oilfield", "si"])
def test_csv_and_pdf_round_trip(tmp_path: Path, system: m.System) -> None:
    r = run(m.PRESETS["Sour light oil, rich gas"])
    csv_path = write_csv(tmp_path / "pvt.csv", m.build_report(r, system, for_csv=True))
    head, body = read_csv_table(csv_path, header(system)[0])
    assert head == header(system)
    assert body == [list(row) for row in r.rows(system)]  # full precision, every column
    pdf_path = write_pdf(tmp_path / "pvt.pdf", m.build_report(r, system))
    text = "\n".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    pb = m.fmt(m.convert("pb_psia", r.pb_psia, system))
    unit = "psia" if system == "oilfield" else "kPa"
    assert f"{pb} {unit}" in text
    assert "Wichert-Aziz" in text and "Hall-Yarborough" in text
    assert math.isfinite(r.pb_psia) and FIELDS[0].name == "p_psia"
