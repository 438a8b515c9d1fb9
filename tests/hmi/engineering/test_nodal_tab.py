"""The nodal analysis tab driven like an engineer would: type inputs, Calculate, read the
operating point, run a sensitivity, cancel, export. The jobs run in the JobRunner's worker
thread; the tests await on the asyncio loop and pump Qt events while they wait."""

from __future__ import annotations

import asyncio
import csv
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.engineering.flow import nodal_analysis
from hmi._qt.context import AppContext
from hmi._qt.engineering.nodal import ERROR_STYLE, NodalTab
from hmi.api.client import ApiClient
from hmi.components.engineering import nodal as nm
from hmi.components.engineering.jobs import Job
from hmi.components.units import PSI_KPA, UnitSystem

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def tab(qtbot: QtBot) -> NodalTab:
    ctx = AppContext(ApiClient("http://test.invalid:8080"))
    t = NodalTab(ctx)
    qtbot.addWidget(t)
    return t


async def pump_until(cond: Callable[[], bool], limit_s: float = 30.0) -> None:
    deadline = time.monotonic() + limit_s
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        QApplication.processEvents()
        await asyncio.sleep(0.02)
    QApplication.processEvents()


async def finish(job: Job[Any] | None) -> None:
    assert job is not None, "the job did not start (bad input?)"
    await pump_until(job.future.done)
    await asyncio.sleep(0)  # the runner's done callback
    QApplication.processEvents()


def domain_point(tab: NodalTab) -> tuple[float, float]:
    """The operating point the domain computes for the inputs in the form, from scratch."""
    well = nm.build_well(tab.read_inputs())
    q = np.linspace(0.005 * well.ipr.qmax_stb_d, 0.995 * well.ipr.qmax_stb_d,
                    well.inputs.rate_points)
    op = nodal_analysis(well.ipr, well.outflow, well.inputs.thp_psia, q).operating_point
    assert op is not None
    return op.rate_stb_d, op.pwf_psia


async def test_calculate_shows_the_domain_operating_point(tab: NodalTab) -> None:
    tab.edits["thp_psia"].setText("250")
    tab.correlation.setCurrentIndex(tab.correlation.findData("hagedorn_brown"))
    await finish(tab.calculate())
    q, pwf = domain_point(tab)
    text = tab.op_label.text()
    assert nm.fmt(q) in text and nm.fmt(pwf) in text
    assert nm.fmt(q) in tab.results.text()
    # IPR, VLP, the point and its label are on the plot; the traverse ends at pwf
    assert len(tab.plot.getPlotItem().listDataItems()) == 3
    trav = tab.trav_plot.getPlotItem().listDataItems()[0]
    assert trav.xData[-1] == pytest.approx(pwf, abs=2.0)


async def test_dead_well_shows_the_message(tab: NodalTab) -> None:
    tab.edits["thp_psia"].setText("1500")
    await finish(tab.calculate())
    assert "cannot flow at this THP" in tab.op_label.text()
    assert tab.trav_plot.getPlotItem().listDataItems() == []


@pytest.mark.parametrize(("field", "text", "words"), [
    ("tubing_id_in", "0", "Tubing ID"),
    ("pr_psia", "-3500", "Reservoir pressure"),
    ("pr_psia", "abc", "Reservoir pressure"),
    ("api", "", "Oil gravity"),
    ("rate_points", "12.5", "VLP rate points"),
])
async def test_bad_input_names_the_field_and_starts_nothing(
        tab: NodalTab, field: str, text: str, words: str) -> None:
    tab.edits[field].setText(text)
    assert tab.calculate() is None
    assert not tab.runner.busy
    msg = tab.jobbar.status.text()
    assert msg.startswith("✖") and words in msg
    assert tab.edits[field].styleSheet() == ERROR_STYLE
    # fixing it clears the mark and runs
    tab.edits[field].setText("2.441" if field == "tubing_id_in" else
                             "40" if field == "rate_points" else
                             "32" if field == "api" else "3500")
    await finish(tab.calculate())
    assert tab.edits[field].styleSheet() == ""
    assert tab.model.run is not None


async def test_decimal_comma_is_accepted(tab: NodalTab) -> None:
    tab.edits["tubing_id_in"].setText("2,992")
    assert tab.read_inputs().tubing_id_in == 2.992


async def test_sensitivity_family_table_and_trend(tab: NodalTab) -> None:
    tab.values.setText("100, 300, 500, 2000")
    await finish(tab.run_sensitivity())
    s = tab.model.sensitivity
    assert s is not None
    assert tab.table.rowCount() == 4
    def cell(r: int, c: int) -> str:
        item = tab.table.item(r, c)
        assert item is not None
        return item.text()

    rates = [float(cell(r, 1).replace(",", "")) for r in range(3)]
    assert rates[0] > rates[1] > rates[2]  # higher THP, lower rate
    assert cell(3, 1) == "no flow"
    # one dashed VLP per value plus the IPR and three operating points
    assert len(tab.plot.getPlotItem().listDataItems()) == 1 + 4 + 3
    # switching the variable proposes values in its unit
    tab.variable.setCurrentIndex(tab.variable.findData("choke"))
    assert tab.read_inputs().values == nm.DEFAULT_VALUES["choke"]
    await finish(tab.run_sensitivity())
    assert tab.model.sensitivity is not None and tab.model.sensitivity.variable == "choke"


async def test_window_keeps_ticking_during_a_long_run(tab: NodalTab) -> None:
    tab.edits["rate_points"].setText("120")
    tab.correlation.setCurrentIndex(tab.correlation.findData("hagedorn_brown"))
    tab.variable.setCurrentIndex(tab.variable.findData("glr"))
    tab.values.setText("300, 500, 700, 900, 1100, 1300, 1500, 1800, 2100, 2500")
    ticks: list[float] = []
    job = tab.run_sensitivity()
    assert job is not None and tab.runner.busy
    while not job.future.done():
        ticks.append(time.monotonic())
        QApplication.processEvents()
        await asyncio.sleep(0.01)
    await finish(job)
    gaps = np.diff(ticks)
    assert len(ticks) >= 10, "the loop should tick many times while the job runs"
    assert float(np.max(gaps)) < 0.5, "the loop stalled"
    assert tab.model.sensitivity is not None and len(tab.model.sensitivity.cases) == 10


async def test_cancel_stops_the_family_and_keeps_the_old_result(tab: NodalTab) -> None:
    await finish(tab.calculate())
    before = tab.model.run
    cancelled: list[str] = []
    tab.runner.cancelled.connect(cancelled.append)
    tab.edits["rate_points"].setText("150")
    tab.values.setText(", ".join(str(v) for v in range(100, 1300, 100)))
    job = tab.run_sensitivity()
    assert job is not None
    tab.jobbar.cancel.click()
    await finish(job)
    assert cancelled == ["nodal-sensitivity"]
    assert tab.model.sensitivity is None and tab.model.run is before
    assert "Cancelled" in tab.jobbar.status.text()


async def test_a_second_run_supersedes_the_first(tab: NodalTab) -> None:
    first = tab.calculate()
    tab.edits["thp_psia"].setText("400")
    second = tab.calculate()
    await finish(first)
    await finish(second)
    assert tab.model.run is not None and tab.model.run.inputs.thp_psia == 400.0


async def test_export_round_trips(tab: NodalTab, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Calculate"):
        tab.export_pdf(tmp_path / "none.pdf")
    await finish(tab.run_sensitivity())
    q, pwf = domain_point(tab)
    pdf = tab.export_pdf(tmp_path / "n.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert nm.fmt(q) in text and nm.fmt(pwf) in text
    assert "Inflow (IPR) and outflow (VLP)" in text
    out = tab.export_csv(tmp_path / "n.csv")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    i = rows.index(["IPR and VLP curves"])
    header = rows[i + 1]
    assert header[:3] == ["Liquid rate (STB/d)", "IPR pwf (psia)", "VLP pwf (psia)"]
    assert len(header) == 3 + len(nm.DEFAULT_VALUES["thp"])
    first = [float(v) for v in rows[i + 2]]
    assert len(first) == len(header)


async def test_si_units_convert_inputs_and_results(tab: NodalTab) -> None:
    tab.ctx.units.set_system(UnitSystem.SI)
    assert float(tab.edits["pr_psia"].text()) == pytest.approx(3500 * PSI_KPA, rel=1e-5)
    assert "kPa" in tab.labels["pr_psia"].text()
    assert tab.read_inputs().pr_psia == pytest.approx(3500.0, rel=1e-5)
    await finish(tab.calculate())
    assert "kPa" in tab.op_label.text()
    tab.ctx.units.set_system(UnitSystem.OILFIELD)
    assert float(tab.edits["pr_psia"].text()) == pytest.approx(3500.0, rel=1e-5)


async def test_form_shows_only_the_inputs_of_the_chosen_ipr(tab: NodalTab) -> None:
    tab.ipr_model.setCurrentIndex(tab.ipr_model.findData("fetkovich"))
    tab.ipr_source.setCurrentIndex(tab.ipr_source.findData("direct"))
    assert tab.form.isRowVisible(tab.labels["fet_c"])
    assert not tab.form.isRowVisible(tab.labels["test_q_stb_d"])
    assert not tab.form.isRowVisible(tab.labels["pb_psia"])
    await finish(tab.calculate())
    assert tab.model.run is not None
    assert tab.model.run.well.ipr_summary[0][1] == "Fetkovich"
