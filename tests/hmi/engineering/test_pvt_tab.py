"""The PVT tab driven like an engineer would: the example shows on first open, typing a new
API gravity recomputes the bubble point, table and plots, bad inputs say what is wrong, the
unit system converts inputs and outputs, and the exports hold the numbers on screen."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.engineering.pvt import BlackOilFluid, header, rows
from domain.engineering.pvt import water as water_corr
from hmi.components.engineering import pvt as m
from hmi.components.units import UnitSystem


async def settle(tab: Any, limit_s: float = 10.0) -> None:
    """Let Qt and asyncio run until no calculation is pending or running."""
    loop = asyncio.get_running_loop()
    end = loop.time() + limit_s
    quiet = 0
    while loop.time() < end:
        QApplication.processEvents()
        await asyncio.sleep(0.02)
        idle = tab.runner.current is None and not tab._debounce.isActive()
        quiet = quiet + 1 if idle else 0
        if quiet >= 3:
            return
    raise AssertionError("the PVT calculation did not finish")


@pytest.fixture
def tab(qtbot: QtBot) -> Any:
    from hmi._qt.context import AppContext
    from hmi._qt.engineering.pvt import PvtTab
    from hmi.api.client import ApiClient

    t = PvtTab(AppContext(ApiClient("http://test.invalid:8080")))
    qtbot.addWidget(t)
    t.resize(1400, 850)
    return t


def fluid_for(inp: m.PvtInputs) -> BlackOilFluid:
    sg = water_corr.water_density_sc(inp.salinity_wt_pct) / 62.368
    return BlackOilFluid(api=inp.api, gas_sg=inp.gas_sg, gor_scf_stb=inp.gor_scf_stb,
                         water_sg=sg, y_h2s=inp.y_h2s, y_co2=inp.y_co2, y_n2=inp.y_n2,
                         correlation=inp.correlation, sep_p_psia=inp.sep_p_psia,
                         sep_t_degf=inp.sep_t_degf, z_method=inp.z_method)


def table_values(tab: Any) -> np.ndarray:
    tm = tab.table_model
    return np.array([[tm.data(tm.index(r, c), Qt.ItemDataRole.UserRole)
                      for c in range(tm.columnCount())] for r in range(tm.rowCount())])


def plot_curve(tab: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    items = tab.plots[name].getPlotItem().listDataItems()
    assert len(items) == 1
    x, y = items[0].getData()
    return np.asarray(x), np.asarray(y)


def error_text(tab: Any) -> str:
    return str(tab.jobbar.status.text())


async def test_first_open_shows_the_example(tab: Any) -> None:
    await settle(tab)
    r = tab.model.result
    assert r is not None
    inp = m.PRESETS[m.DEFAULT_PRESET]
    assert tab.read_inputs() == inp
    fl = fluid_for(inp)
    pb = fl.bubble_point(inp.t_res_degf)
    assert r.pb_psia == pytest.approx(pb, rel=1e-12)
    assert m.fmt(pb) + " psia" in tab.banner.text()
    ps = [s.p_psia for s in r.states]
    assert np.array_equal(table_values(tab), np.array(rows(fl.table(ps, inp.t_res_degf))))
    assert tab.table_model.headerData(r.pb_row, Qt.Orientation.Vertical) == "pb"
    x, y = plot_curve(tab, "bo_rb_stb")
    assert np.allclose(x, ps) and np.allclose(y, [s.bo_rb_stb for s in r.states])
    point = fl.at(inp.p_point_psia, inp.t_res_degf)
    assert tab.point_values["mu_o_cp"].text() == m.fmt(point.mu_o_cp) + " cP"
    assert tab.point_values["z"].text() == m.fmt(point.z)


async def test_typing_a_new_api_gravity_recomputes_everything(tab: Any) -> None:
    await settle(tab)
    before = tab.model.result
    tab.set_field("api", "28")  # typing: recomputes by itself after a short pause
    assert tab.preset_combo.currentData() == ""  # now a custom fluid
    await settle(tab)
    r = tab.model.result
    assert r is not None and r is not before and r.inputs.api == 28.0
    inp = r.inputs
    fl = fluid_for(inp)
    pb = fl.bubble_point(inp.t_res_degf)
    assert r.pb_psia == pytest.approx(pb, rel=1e-12) and r.pb_psia != before.pb_psia
    assert m.fmt(pb) + " psia" in tab.banner.text()
    ps = [s.p_psia for s in r.states]
    assert np.array_equal(table_values(tab), np.array(rows(fl.table(ps, inp.t_res_degf))))
    _x, y = plot_curve(tab, "mu_o_cp")
    assert np.allclose(y, [s.mu_o_cp for s in fl.table(ps, inp.t_res_degf)])
    lines = [i for i in tab.plots["rs_scf_stb"].getPlotItem().items
             if type(i).__name__ == "InfiniteLine"]
    assert len(lines) == 1 and lines[0].value() == pytest.approx(pb)


async def test_a_second_run_supersedes_the_first(tab: Any) -> None:
    await settle(tab)
    tab.set_field("points", "2000")
    tab.calculate()
    tab.set_field("api", "22,5")  # decimal comma
    tab.calculate()
    await settle(tab)
    r = tab.model.result
    assert r.inputs.api == 22.5 and r.inputs.points == 2000
    assert r.pb_psia == pytest.approx(fluid_for(r.inputs).bubble_point(r.inputs.t_res_degf))


@pytest.mark.parametrize("attr, text, expected", [
    ("api", "-5", "oil gravity (api) must be > 0 degAPI, got -5"),
    ("gas_sg", "0.5", "gas specific gravity must be > 0.55"),
    ("api", "", "Oil gravity: enter a number"),
    ("salinity_wt_pct", "30", "salinity 30 wt% is above 26 wt%"),
    ("p_max_psia", "10", "Table: the maximum pressure must be above the minimum"),
    ("y_h2s", "120", "H2S: enter a mole percent"),
    ("points", "12.5", "Pressure points: enter a whole number"),
])
async def test_bad_inputs_are_named_and_clear_the_results(tab: Any, attr: str, text: str,
                                                          expected: str) -> None:
    await settle(tab)
    tab.set_field(attr, text)
    tab.calculate()
    await settle(tab)
    assert expected in error_text(tab)
    assert tab.model.result is None
    assert tab.table_model.rowCount() == 0
    assert "—" in tab.banner.text()
    with pytest.raises(ValueError, match="Calculate"):
        tab.build_report()
    # fixing the input brings the results back and the message goes
    tab.load_inputs(m.PRESETS[m.DEFAULT_PRESET])
    tab.calculate()
    await settle(tab)
    assert tab.model.result is not None and "✖" not in error_text(tab)


async def test_a_correlation_failing_in_the_worker_is_shown(tab: Any) -> None:
    await settle(tab)
    tab.set_field("p_max_psia", "30000")  # beyond the z-factor range
    tab.calculate()
    await settle(tab)
    assert "above 30, the z-factor range" in error_text(tab)
    assert tab.model.result is None


async def test_a_known_bubble_point(tab: Any) -> None:
    await settle(tab)
    tab.spec_combo.setCurrentIndex(1)
    assert tab.fields["pb_psia"].isEnabled() and not tab.fields["gor_scf_stb"].isEnabled()
    tab.set_field("pb_psia", "3100")
    tab.calculate()
    await settle(tab)
    r = tab.model.result
    assert r.pb_psia == pytest.approx(3100.0, rel=1e-9)
    assert "3,100 psia" in tab.banner.text()


async def test_presets_load_and_compute(tab: Any) -> None:
    await settle(tab)
    for i in range(len(m.PRESETS)):
        tab.preset_combo.setCurrentIndex(i)
        await settle(tab)
        key = tab.preset_combo.currentData()
        assert tab.read_inputs() == m.PRESETS[key]
        assert tab.model.result.inputs == m.PRESETS[key]
        assert tab.build_report().blocks[0].items[0][1] == key  # "Preset" in the report


async def test_si_units_convert_inputs_and_outputs(tab: Any) -> None:
    await settle(tab)
    r = tab.model.result
    tab.ctx.units.set_system(UnitSystem.SI)
    assert float(tab.fields["t_res_degf"].text()) == pytest.approx(82.2222, rel=1e-5)
    assert "[°C]" in tab._labels["t_res_degf"].text()
    assert "[kPa]" in tab.table_model.headerData(0, Qt.Orientation.Horizontal)
    assert np.allclose(table_values(tab), np.array(r.rows("si")), rtol=0, atol=0)
    kpa = m.fmt(m.convert("pb_psia", r.pb_psia, "si"))
    assert f"{kpa} kPa" in tab.banner.text()
    # typed in SI, computed in oilfield: the same fluid comes back
    tab.calculate()
    await settle(tab)
    again = tab.model.result
    assert again.inputs.t_res_degf == pytest.approx(180.0, rel=1e-6)
    assert again.pb_psia == pytest.approx(r.pb_psia, rel=1e-5)
    tab.ctx.units.set_system(UnitSystem.OILFIELD)
    assert float(tab.fields["t_res_degf"].text()) == pytest.approx(180.0, rel=1e-6)


async def test_exports_hold_the_numbers_on_screen(tab: Any, tmp_path: Path) -> None:
    await settle(tab)
    r = tab.model.result
    pdf = tab.export_pdf(tmp_path / "pvt.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert f"{m.fmt(r.pb_psia)} psia" in text
    assert "Standing (1947)" in text and "Dranchuk-Abou-Kassem" in text
    path = tab.export_csv(tmp_path / "pvt.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    start = lines.index(header("oilfield"))
    body = [[float(c) for c in row] for row in lines[start + 1:] if row]
    assert body == [list(row) for row in r.rows("oilfield")]
    assert any(row[:2] == ["Bubble-point pressure (180 °F)", f"{m.fmt(r.pb_psia)} psia"]
               for row in lines)


async def test_screenshot(tab: Any) -> None:
    """The tab at its usual size after a run: renders without error (docs screenshot)."""
    tab.show()
    await settle(tab)
    img = tab.grab()
    assert img.width() >= 1300 and img.height() >= 800
