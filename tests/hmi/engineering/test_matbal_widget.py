"""The material balance tab: first open shows the example's answer, the user's flow (edit,
run in the background, see the result), bad input messages, CSV import, and the PDF/CSV
exports read back."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.engineering import matbal as mb
from hmi._qt.context import AppContext
from hmi._qt.engineering.matbal import MaterialBalanceTab
from hmi.api.client import ApiClient
from hmi.components.engineering import matbal as m


@pytest.fixture
def tab(qtbot: QtBot) -> MaterialBalanceTab:
    ctx = AppContext(ApiClient("http://test.invalid:8080"))
    w = MaterialBalanceTab(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 850)
    w.show()
    return w


async def until(cond: Callable[[], bool], wait_s: float = 10.0) -> None:
    """Let the asyncio loop (the JobRunner's) and Qt both run until ``cond()``."""
    loop = asyncio.get_running_loop()
    end = loop.time() + wait_s
    while not cond():
        if loop.time() > end:
            raise AssertionError("timed out waiting")
        QApplication.processEvents()
        await asyncio.sleep(0.02)


def type_into(qtbot: QtBot, tab: MaterialBalanceTab, key: str, text: str) -> None:
    e = tab.edits[key]
    e.selectAll()
    qtbot.keyClick(e, Qt.Key.Key_Backspace)
    qtbot.keyClicks(e, text)


def test_first_open_shows_the_example_answer(tab: MaterialBalanceTab) -> None:
    out = tab.model.outcome
    assert out is not None and out.oil is not None
    c = {k: v for k, v in m.EXAMPLES[m.DEFAULT_EXAMPLE].columns.items()}
    hist = mb.OilHistory(pressure=c["pressure"], cum_oil=c["cum_oil"], bo=c["bo"],
                         cum_gas=c["cum_gas"], rs=c["rs"], bg=c["bg"],
                         time_days=c["time_days"])
    ref = mb.estimate_ooip(hist, swi=0.25, cw=0, cf=0, aquifer=[
        mb.VanEverdingenHurstAquifer(6446.0, 0.015535, r) for r in (3, 4, 5, 6, 8, 10, None)])
    assert out.in_place == pytest.approx(ref.ooip, rel=1e-12)
    value = m.volume(ref.ooip, "STB").split(" ")[0]
    assert value in tab.summary.text()
    assert tab.table_model.rowCount() == 11
    assert tab.table_model.columnCount() == len(m.OIL_COLUMNS)
    # the fitted line and its points are on the main plot
    assert len(tab.main_plot.getPlotItem().listDataItems()) >= 2
    assert not tab.edits["temperature"].isVisible()  # a gas-only field
    assert tab.edits["td_per_day"].isVisible()


async def test_edit_and_run_in_background(tab: MaterialBalanceTab, qtbot: QtBot) -> None:
    first = tab.model.outcome
    # pot aquifer instead of van Everdingen-Hurst, and a rock compressibility
    tab.aquifer_combo.setCurrentIndex(tab.aquifer_combo.findData("pot"))
    assert tab.edits["aquifer_constant"].isVisible()
    assert not tab.ratios_edit.isVisible()
    type_into(qtbot, tab, "cf", "5")
    assert tab.model.texts["cf"] == "5" and tab.model.stale
    assert "press Run" in tab.summary.text()
    qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    await until(lambda: tab.model.outcome is not first and not tab.runner.busy)
    out = tab.model.outcome
    assert out is not None and not tab.model.stale
    c = m.EXAMPLES["dake_water_drive"].columns
    hist = mb.OilHistory(pressure=c["pressure"], cum_oil=c["cum_oil"], bo=c["bo"],
                         cum_gas=c["cum_gas"], rs=c["rs"], bg=c["bg"],
                         time_days=c["time_days"])
    ref = mb.estimate_ooip(hist, swi=0.25, cw=0, cf=5e-6, aquifer=mb.PotAquifer(6446.0))
    assert out.in_place == pytest.approx(ref.ooip, rel=1e-12)
    assert m.volume(ref.ooip, "STB").split(" ")[0] in tab.summary.text()


async def test_bad_field_shows_message_and_keeps_result(tab: MaterialBalanceTab,
                                                        qtbot: QtBot) -> None:
    before = tab.model.outcome
    type_into(qtbot, tab, "swi", "abc")
    tab.run()
    assert "Connate water Swi" in tab.jobbar.status.text()
    assert "not a number" in tab.jobbar.status.text()
    assert tab.model.outcome is before and not tab.runner.busy
    # a domain error (a cumulative that drops) comes back from the worker as its message
    type_into(qtbot, tab, "swi", "0.25")
    idx = tab.table_model.index(5, tab.model.table.index("cum_oil"))
    assert tab.table_model.setData(idx, "1000")
    tab.run()
    await until(lambda: not tab.runner.busy)
    await until(lambda: "cannot decrease" in tab.jobbar.status.text())
    assert tab.model.outcome is before


def test_table_edits_are_checked(tab: MaterialBalanceTab) -> None:
    tm = tab.table_model
    col = tab.model.table.index("pressure")
    idx = tm.index(2, col)
    assert not tm.setData(idx, "2,2x0")
    assert "Row 2, column p [psia]" in tab.jobbar.status.text()
    assert not tm.setData(idx, "-5")
    assert "must be > 0" in tab.jobbar.status.text()
    assert tm.setData(idx, "2.285,5")  # a decimal comma
    assert tab.model.table.rows[2][col] == 2285.5
    assert tm.data(idx) == "2,285.5"
    n = tm.rowCount()
    tab.table_view.selectRow(3)
    tab.add_row()
    assert tm.rowCount() == n + 1 and all(v is None for v in tab.model.table.rows[4])
    tab.table_view.selectRow(4)
    tab.remove_rows()
    assert tm.rowCount() == n


async def test_import_csv_file(tab: MaterialBalanceTab, tmp_path: Path) -> None:
    tab.load_example("dake_gas_cap")
    good = tmp_path / "history.csv"
    good.write_text(m.history_csv(tab.model.table).replace(",", ";"), encoding="utf-8")
    tab.load_example("dake_water_drive")
    before = [list(r) for r in tab.model.table.rows]
    bad = tmp_path / "bad.csv"
    lines = m.history_csv(tab.model.table).splitlines()
    lines[4] = lines[4].replace("1.329", "uno")
    bad.write_text("\n".join(lines), encoding="utf-8")
    assert not tab.import_csv_file(bad)
    msg = tab.jobbar.status.text()
    assert "bad.csv" in msg and "line 5, column Bo [rb/STB]" in msg
    assert tab.model.table.rows == before
    assert tab.import_csv_file(good)
    assert len(tab.model.table) == 7 and tab.table_model.rowCount() == 7
    assert "Imported 7 rows" in tab.jobbar.status.text()
    assert not tab.import_csv_file(tmp_path / "missing.csv")
    assert "missing.csv" in tab.jobbar.status.text()
    await until(lambda: not tab.runner.busy)


async def test_gas_flow(tab: MaterialBalanceTab) -> None:
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("gas"))
    assert tab.model.kind == "gas" and tab.model.outcome is None
    assert tab.table_model.columnCount() == len(m.GAS_COLUMNS)
    assert tab.edits["temperature"].isVisible() and not tab.gas_cap_combo.isVisible()
    tab.load_example("ahmed_gas")
    await until(lambda: tab.model.outcome is not None and not tab.runner.busy)
    out = tab.model.outcome
    assert out is not None and out.gas is not None
    assert m.volume(out.gas.ogip, "scf").split(" ")[0] in tab.summary.text()
    assert "Recoverable gas" in tab.summary.text()
    # the oil table was kept while the gas one was shown
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("oil"))
    assert len(tab.model.table) == 11


def test_export_pdf_and_csv(tab: MaterialBalanceTab, tmp_path: Path) -> None:
    tab.model.load_example("pletcher_oil")
    out = tab.model.run_now()
    assert out.oil is not None
    pdf = tab.export_pdf(tmp_path / "mb.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert m.volume(out.oil.ooip, "STB") in text
    assert "Drive indices" in text and "Balance terms" in text and "History" in text
    assert "R² of the straight line" in text
    path = tab.export_csv(tmp_path / "mb.csv")
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines()))
    result = rows.index(["Result"])
    assert rows[result + 1] == ["OOIP, N", out.summary[0][1]]
    d0 = rows.index(["Drive indices"])
    header = rows[d0 + 1]
    last = rows[d0 + 1 + len(out.drive_rows)]
    assert float(last[header.index("Water influx")]) == pytest.approx(
        float(out.oil.drive.water[-1]), rel=1e-12)
    h0 = rows.index(["History"])
    assert rows[h0 + 1][:3] == ["Row", "t [days]", "p [psia]"]


def test_export_before_any_run_says_what_to_do(tab: MaterialBalanceTab,
                                               tmp_path: Path) -> None:
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("gas"))
    with pytest.raises(ValueError, match="press Run"):
        tab.export_pdf(tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
