"""Material balance window model (Qt-free): the answer is the domain's for the same data, a
synthetic reservoir's OOIP is recovered through CSV import, malformed CSV and bad fields give
messages naming the line/column/field and keep the previous data, the report round-trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest

from domain.engineering import matbal as mb
from domain.engineering.pvt import BlackOilFluid
from domain.engineering.pvt import gas as pvt_gas
from hmi.components.engineering import matbal as m
from hmi.reports import Chart, KeyValues, Table, write_csv

PALETTE = ("#1f4e9c", "#b03a2e", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#4d4d4d")


def cols(ex: m.Example) -> dict[str, np.ndarray]:
    return {k: np.asarray(v, dtype=float) for k, v in ex.columns.items()}


# --- the tab's answer is the domain's ----------------------------------------------------------


def test_dake_water_drive_equals_domain_with_candidates() -> None:
    model = m.MatbalModel()
    model.load_example("dake_water_drive")
    out = model.run_now()
    c = cols(m.EXAMPLES["dake_water_drive"])
    hist = mb.OilHistory(pressure=c["pressure"], cum_oil=c["cum_oil"], bo=c["bo"],
                         cum_gas=c["cum_gas"], rs=c["rs"], bg=c["bg"],
                         time_days=c["time_days"])
    aq = [mb.VanEverdingenHurstAquifer(6446.0, 0.015535, red)
          for red in (3, 4, 5, 6, 8, 10, None)]
    ref = mb.estimate_ooip(hist, swi=0.25, cw=0.0, cf=0.0, aquifer=aq)
    assert out.oil is not None
    assert out.in_place == pytest.approx(ref.ooip, rel=1e-12)
    assert out.oil.aquifer == ref.aquifer
    assert len(out.candidates) == 7
    # Dake's published answer, to the precision of his graphical solution
    assert out.in_place == pytest.approx(312e6, rel=0.01)
    assert out.summary[0][1].startswith(m.volume(ref.ooip, "STB"))
    # the drive-index table is the domain's, row by row
    depl = [r[out.drive_header.index("Depletion")] for r in out.drive_rows]
    np.testing.assert_allclose(np.array(depl, dtype=float)[1:], ref.drive.depletion[1:])


def test_gas_cap_known_and_fitted_equal_domain() -> None:
    model = m.MatbalModel()
    model.load_example("dake_gas_cap")
    c = cols(m.EXAMPLES["dake_gas_cap"])
    hist = mb.OilHistory(pressure=c["pressure"], cum_oil=c["cum_oil"], bo=c["bo"],
                         cum_gas=c["cum_gas"], rs=c["rs"], bg=c["bg"])
    out = model.run_now()
    ref = mb.estimate_ooip(hist, swi=0.2, cw=0.0, cf=0.0, gas_cap_ratio=0.5)
    assert out.in_place == pytest.approx(ref.ooip, rel=1e-12)
    model.set_gas_cap("fit")
    assert model.stale
    out = model.run_now()
    ref = mb.estimate_ooip(hist, swi=0.2, cw=0.0, cf=0.0, gas_cap_ratio=None)
    assert out.oil is not None and out.oil.gas_cap_fitted
    assert out.in_place == pytest.approx(ref.ooip, rel=1e-12)
    assert out.oil.gas_cap_ratio == pytest.approx(ref.gas_cap_ratio, rel=1e-12)
    assert any(k == "Gas cap ratio m (estimated)" for k, _ in out.summary)


def test_pletcher_oil_excluded_rows_and_compressibility_in_microsips() -> None:
    model = m.MatbalModel()
    model.load_example("pletcher_oil")
    out = model.run_now()
    c = cols(m.EXAMPLES["pletcher_oil"])
    hist = mb.OilHistory(pressure=c["pressure"], cum_oil=c["cum_oil"], bo=c["bo"],
                         cum_gas=c["cum_gas"], rs=c["rs"], bg=c["bg"],
                         cum_water=c["cum_water"], bw=c["bw"], time_days=c["time_days"])
    c_aq = float(m.EXAMPLES["pletcher_oil"].texts["aquifer_constant"])
    ref = mb.estimate_ooip(hist, swi=0.208, cw=2.28e-6, cf=26e-6,
                           aquifer=mb.PotAquifer(c_aq), exclude=[1, 2])
    assert out.in_place == pytest.approx(ref.ooip, rel=1e-12)
    assert out.in_place == pytest.approx(20.3e6, rel=0.01)  # Pletcher (2002)
    fitted = [r[-1] for r in out.terms_rows]
    assert fitted[:3] == ["no", "no", "no"] and fitted[3] == "yes"
    hollow = [s for s in out.plots[0].series if s.style == "hollow"]
    assert len(hollow) == 1 and len(hollow[0].x) == 2


def test_gas_examples_equal_domain() -> None:
    model = m.MatbalModel()
    model.load_example("ahmed_gas")
    out = model.run_now()
    c = cols(m.EXAMPLES["ahmed_gas"])
    # z at abandonment from the gas gravity, as the tab says it does
    pc = pvt_gas.pseudo_critical(0.65)
    za = pvt_gas.z_factor(*pc.reduced(500.0, 164.0))
    ref = mb.estimate_ogip(mb.GasHistory(pressure=c["pressure"], cum_gas=c["cum_gas"],
                                         z=c["z"], temperature_f=164.0),
                           abandonment_pressure=500.0, abandonment_z=za)
    assert out.gas is not None
    assert out.in_place == pytest.approx(ref.ogip, rel=1e-12)
    assert out.gas.recoverable_gas == pytest.approx(ref.recoverable_gas, rel=1e-12)
    assert out.in_place == pytest.approx(14.2e9, rel=0.025)  # Ahmed ch. 13
    pz = out.plots[0]
    assert pz.key == "pz" and any(s.name == "Abandonment p/z" for s in pz.series)

    model.load_example("pletcher_gas")
    out = model.run_now()
    assert out.in_place == pytest.approx(100.8e9, rel=0.01)  # Pletcher's model OGIP
    assert {p.key for p in out.plots} == {"pz", "havlena_odeh", "cole", "drive"}


def test_gas_z_from_gravity_when_the_z_column_is_blank() -> None:
    model = m.MatbalModel()
    model.load_example("ahmed_gas")
    zi = model.table.index("z")
    rows = [list(r) for r in model.table.rows]
    for r in rows:
        r[zi] = None
    model.table.replace(rows)
    out = model.run_now()
    pc = pvt_gas.pseudo_critical(0.65)
    c = cols(m.EXAMPLES["ahmed_gas"])
    z = [pvt_gas.z_factor(*pc.reduced(p, 164.0)) for p in c["pressure"]]
    ref = mb.estimate_ogip(mb.GasHistory(pressure=c["pressure"], cum_gas=c["cum_gas"], z=z,
                                         temperature_f=164.0))
    assert out.in_place == pytest.approx(ref.ogip, rel=1e-9)
    # without the gravity there is no way to get z: say which field is missing
    model.set_text("gas_sg", "")
    with pytest.raises(ValueError, match="z column is blank"):
        model.prepare()


# --- a synthetic reservoir with a known OOIP, typed in as CSV ---------------------------------

N_TRUE, M_TRUE, C_POT = 48e6, 0.25, 3000.0


def synthetic_csv() -> str:
    """A saturated oil with a gas cap and a pot aquifer, built forward: Gp is what makes
    F = N (Eo + m Eg + (1+m) Efw) + We exactly, for PVT from a correlation."""
    fluid = BlackOilFluid(api=32.0, gas_sg=0.8, gor_scf_stb=600.0)
    t_f = 190.0
    pb = fluid.bubble_point(t_f)
    p = pb - np.array([0, 120, 260, 420, 600, 790, 1000, 1200])
    s = [fluid.at(float(x), t_f) for x in p]
    bo = np.array([x.bo_rb_stb for x in s])
    rs = np.array([x.rs_scf_stb for x in s])
    bg = np.array([x.bg_rb_scf for x in s])
    swi, cw, cf = 0.22, 3e-6, 5e-6
    eo = bo - bo[0] + (rs[0] - rs) * bg
    eg = bo[0] * (bg / bg[0] - 1)
    efw = bo[0] * (cw * swi + cf) / (1 - swi) * (p[0] - p)
    we = C_POT * (p[0] - p)
    f = N_TRUE * (eo + M_TRUE * eg + (1 + M_TRUE) * efw) + we
    np_ = np.array([0, 0.4, 0.9, 1.5, 2.2, 2.9, 3.7, 4.4]) * 1e6
    gp = (f - np_ * (bo - rs * bg)) / bg
    assert np.all(np.diff(gp) > 0)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(["Date", "p [psia]", "Np [STB]", "Gp [scf]", "Bo [rb/STB]", "Rs [scf/STB]",
                "Bg [rb/scf]"])
    for i in range(len(p)):
        # a Spanish spreadsheet: semicolons and decimal commas
        w.writerow([f"2020-0{i + 1}-01", *(repr(float(v)).replace(".", ",")
                                           for v in (p[i], np_[i], gp[i], bo[i], rs[i],
                                                     bg[i]))])
    return out.getvalue()


def test_synthetic_reservoir_recovered_through_csv_import() -> None:
    model = m.MatbalModel()
    ignored = model.import_csv(synthetic_csv())
    assert ignored == ["Date"]
    assert len(model.table) == 8
    model.set_text("swi", "0.22")
    model.set_text("cw", "3")
    model.set_text("cf", "5")
    model.set_gas_cap("known")
    model.set_text("m", "0.25")
    model.set_aquifer("pot")
    model.set_text("aquifer_constant", "1500")  # half the truth: the fit finds the factor
    out = model.run_now()
    assert out.in_place == pytest.approx(N_TRUE, rel=1e-6)
    assert out.oil is not None
    assert out.oil.aquifer_constant == pytest.approx(C_POT, rel=1e-5)
    assert out.oil.quality.r_squared > 0.999999
    # and with m estimated too (three unknowns from one regression)
    model.set_gas_cap("fit")
    out = model.run_now()
    assert out.in_place == pytest.approx(N_TRUE, rel=1e-5)
    assert out.oil is not None and out.oil.gas_cap_ratio == pytest.approx(M_TRUE, rel=1e-4)


# --- CSV import --------------------------------------------------------------------------------


def test_history_csv_round_trip() -> None:
    model = m.MatbalModel()
    model.load_example("pletcher_oil")
    before = [list(r) for r in model.table.rows]
    text = m.history_csv(model.table)
    assert text.splitlines()[0].startswith("t [days],p [psia],Np [STB]")
    other = m.MatbalModel()
    other.import_csv(text)
    assert other.table.rows == before


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda lines: lines.__setitem__(3, lines[3].replace("18420000.0", "18.4e6x")),
     r"line 4, column Np \[STB\]: '18.4e6x' is not a number"),
    (lambda lines: lines.__setitem__(0, lines[0].replace("p [psia]", "presure")),
     r"line 1: missing column p \[psia\]"),
    (lambda lines: lines.__setitem__(5, lines[5].replace(",1949.0,", ",-1949.0,")),
     r"line 6, column p \[psia\]: must be > 0"),
    (lambda lines: lines.__setitem__(2, lines[2].replace(",1.374,", ",,")),
     r"line 3, column Bo \[rb/STB\]: blank"),
    (lambda lines: lines.__setitem__(2, lines[2].replace(",592.0,", ",-592.0,")),
     r"line 3, column Rs \[scf/STB\]: cannot be negative"),
])
def test_malformed_csv_names_line_and_column_and_keeps_the_table(edit, expected) -> None:
    model = m.MatbalModel()
    model.load_example("dake_water_drive")
    lines = m.history_csv(model.table).splitlines()
    original = list(lines)
    edit(lines)
    assert lines != original  # the edit hit the file
    model.load_example("dake_gas_cap")  # what the user had before the import
    before = [list(r) for r in model.table.rows]
    with pytest.raises(ValueError, match=expected):
        model.import_csv("\n".join(lines))
    assert model.table.rows == before


def test_empty_and_header_only_csv() -> None:
    model = m.MatbalModel()
    with pytest.raises(ValueError, match="empty"):
        model.import_csv("\n\n")
    with pytest.raises(ValueError, match="no data rows"):
        model.import_csv("p,Np,Bo\n")


def test_parse_number_accepts_decimal_comma_and_grouping() -> None:
    assert m.parse_number("1,25") == 1.25
    assert m.parse_number("1.234,5") == 1234.5
    assert m.parse_number("7,880,000") == 7880000.0
    assert m.parse_number(" 3e-6 ") == 3e-6
    assert m.parse_number("") is None
    with pytest.raises(ValueError):
        m.parse_number("abc")


# --- form and table checks -----------------------------------------------------------------


@pytest.mark.parametrize(("key", "text", "expected"), [
    ("swi", "abc", r"Connate water Swi \[fraction\]: 'abc' is not a number"),
    ("swi", "1.2", r"Connate water Swi \[fraction\]: must be below 1"),
    ("cf", "-4", r"Pore compressibility cf \[10⁻⁶/psi\]: must be >= 0"),
    ("aquifer_constant", "", r"Aquifer constant \[rb/psi\]: a value is required"),
])
def test_bad_fields_are_named(key: str, text: str, expected: str) -> None:
    model = m.MatbalModel()
    model.load_example("dake_water_drive")
    model.set_text(key, text)
    with pytest.raises(ValueError, match=expected):
        model.prepare()


def test_table_problems_are_named_by_row_and_column() -> None:
    model = m.MatbalModel()
    model.load_example("dake_water_drive")
    model.table.set_cell(4, model.table.index("bo"), None)
    with pytest.raises(ValueError, match=r"column Bo \[rb/STB\]: row 4 is blank"):
        model.prepare()
    model.load_example("dake_water_drive")
    model.table.set_cell(3, model.table.index("cum_oil"), 1.0)  # a cumulative that drops
    with pytest.raises(ValueError, match="cum_oil: a cumulative cannot decrease"):
        model.run_now()
    model.load_example("dake_water_drive")
    model.set_radius_ratios("3, 0.5")
    with pytest.raises(ValueError, match=r"ra/ro: 0\.5 must be > 1"):
        model.prepare()
    model.set_radius_ratios("5")
    model.set_exclude("1, 12")
    with pytest.raises(ValueError, match="row 12 is not a fitted row"):
        model.prepare()
    model.set_exclude("")
    model.table.remove_rows(range(2, 11))
    with pytest.raises(ValueError, match="at least two more"):
        model.prepare()


def test_gas_columns_go_together_and_bubble_point_check() -> None:
    model = m.MatbalModel()
    model.load_example("dake_gas_cap")
    model.set_gas_cap("none")
    rows = [list(r) for r in model.table.rows]
    for r in rows:
        r[model.table.index("bg")] = None
    model.table.replace(rows)
    with pytest.raises(ValueError, match=r"fill Bg \[rb/scf\]"):
        model.prepare()
    for r in rows:
        r[model.table.index("rs")] = None
        r[model.table.index("cum_gas")] = None
    model.table.replace(rows)
    with pytest.raises(ValueError, match="row 1 is below the bubble point"):
        model.prepare()


def test_fill_pvt_from_correlation_matches_black_oil_fluid() -> None:
    model = m.MatbalModel()
    model.load_example("dake_water_drive")
    for k, v in {"api": "30", "pvt_gas_sg": "0.8", "rsi": "550", "pvt_temperature": "180"}.items():
        model.set_text(k, v)
    pb = model.fill_pvt_from_correlation()
    fluid = BlackOilFluid(api=30.0, gas_sg=0.8, gor_scf_stb=550.0)
    assert pb == pytest.approx(fluid.bubble_point(180.0))
    t = model.table
    for i, p in enumerate(t.values("pressure")):
        s = fluid.at(float(p), 180.0)  # type: ignore[arg-type]
        assert t.rows[i][t.index("bo")] == pytest.approx(s.bo_rb_stb)
        assert t.rows[i][t.index("rs")] == pytest.approx(s.rs_scf_stb)
        assert t.rows[i][t.index("bg")] == pytest.approx(s.bg_rb_scf)
        assert t.rows[i][t.index("bw")] == pytest.approx(s.bw_rb_stb)
    assert model.texts["bubble_point"] == f"{pb:.0f}"
    model.set_text("api", "x")
    with pytest.raises(ValueError, match="Oil gravity"):
        model.fill_pvt_from_correlation()


# --- report --------------------------------------------------------------------------------


def test_report_needs_a_run_then_holds_tables_and_charts(tmp_path: Path) -> None:
    model = m.MatbalModel()
    with pytest.raises(ValueError, match="press Run"):
        m.build_report(model, PALETTE)
    model.load_example("pletcher_oil")
    out = model.run_now()
    rep = m.build_report(model, PALETTE)
    titles = [b.title for b in rep.blocks if isinstance(b, Table | KeyValues | Chart)]
    for t in ("Inputs", "Result", "Drive indices", "Balance terms", "History"):
        assert t in titles
    assert sum(isinstance(b, Chart) for b in rep.blocks) == len(out.plots)
    path = write_csv(tmp_path / "mb.csv", rep)
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines()))
    start = rows.index(["Balance terms"])
    header = rows[start + 1]
    f_col = header.index("F [rb]")
    we_col = header.index("We [rb]")
    body = rows[start + 2: start + 2 + len(out.terms_rows)]
    assert out.oil is not None
    np.testing.assert_allclose([float(r[f_col]) for r in body], out.oil.terms.f, rtol=1e-12)
    np.testing.assert_allclose([float(r[we_col]) for r in body], out.oil.water_influx,
                               rtol=1e-12)
    # a stale report says so
    model.set_text("swi", "0.3")
    assert any("changed after this run" in getattr(b, "text", "")
               for b in m.build_report(model, PALETTE).blocks)


def test_a_result_of_older_inputs_is_stale() -> None:
    model = m.MatbalModel()
    model.load_example("dake_gas_cap")
    job = model.prepare()
    model.set_text("swi", "0.3")  # edited while the job ran
    model.set_outcome(m.compute(job))
    assert model.outcome is not None and model.stale
    model.set_outcome(m.compute(model.prepare()))
    assert not model.stale
    job = model.prepare()
    model.set_kind("gas")
    model.set_outcome(m.compute(job))  # an oil answer arriving after the switch to gas
    assert model.outcome is None
