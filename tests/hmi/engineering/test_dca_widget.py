"""The Decline curves tab as the engineer uses it, against a scripted edge: first open fits
the largest well, picking wells and options refits, hand edits (spin boxes and the drag
handles) update the forecast at once, P-bands run in the background with progress, errors
(edge down, too little history, bad options) are shown, and the exports read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.engineering import dca
from hmi._qt.context import AppContext
from hmi._qt.engineering.dca import DcaTab
from hmi.components.engineering import dca as m
from hmi.components.units import BBL_M3, UnitSystem
from tests.hmi.engineering.dca_edge import (
    TRUTH,
    DcaEdge,
    make_client,
    short_well,
    synthetic_well,
    wait_until,
)


@pytest.fixture
async def tab(qtbot: QtBot) -> Any:
    edge = DcaEdge([synthetic_well(n).daily() for n in TRUTH] + [short_well()])
    client = await make_client(edge)
    t = DcaTab(AppContext(client))
    qtbot.addWidget(t)
    t.resize(1400, 850)
    t.edge = edge  # type: ignore[attr-defined]
    yield t
    t.runner.cancel()
    await client.close()


def idle(tab: DcaTab) -> bool:
    return not tab.runner.busy and not tab._load_timer.isActive() and not (
        tab._refit_timer.isActive()) and (tab.loading is None or tab.loading.done())


async def settle(tab: DcaTab, what: str = "the tab to settle") -> None:
    await wait_until(lambda: idle(tab), 20, what)
    await wait_until(lambda: idle(tab), 20, what)  # a load may chain a fit


async def test_first_open_fits_the_largest_well(tab: DcaTab) -> None:
    await wait_until(lambda: tab.model.curve is not None, 20, "the first fit")
    assert tab.selected_wells() == ["W-101"]
    assert tab.well_list.count() == len(TRUTH) + 1
    out = tab.model.outcome
    assert out is not None and out.subject.wells == ("W-101",)
    # what the screen shows is the domain's fit of what the edge served
    ref = dca.fit(m.well_history(tab.model.daily["W-101"]), "modified_hyperbolic",
                  from_peak=True, rate_basis="producing")
    _spec, spin = tab.param_spins["qi"]
    assert spin.value() == pytest.approx(ref.params["qi"], abs=0.01)
    assert tab.param_spins["b"][1].value() == pytest.approx(ref.params["b"], abs=1e-3)
    eur = ref.forecast(q_limit=10.0, max_years=50).eur
    assert m.fmt(eur) in tab.results.text()
    assert "W-101" in tab.title.text()
    # the plot holds the used and the excluded points, and the curve
    x, _y = tab.pt_used.getData()
    assert len(x) == int(ref.used.sum())
    assert len(tab.pt_outlier.getData()[0]) == int(np.sum(ref.reason == dca.Exclusion.OUTLIER))
    assert tab.handles["scale"].isVisible() and tab.handles["bend"].isVisible()


async def test_options_refit_and_several_wells(tab: DcaTab) -> None:
    await wait_until(lambda: tab.model.curve is not None, 20, "the first fit")
    tab.model_combo.setCurrentIndex(m.MODELS.index("exponential"))
    await wait_until(lambda: tab.model.outcome is not None and
                     tab.model.outcome.options.model == "exponential", 10, "the refit")
    assert set(tab.param_spins) == {"qi", "di"}
    tab.select_wells(["W-101", "W-102"])
    await wait_until(lambda: tab.model.outcome is not None and
                     tab.model.outcome.subject.kind == "group", 20, "the group fit")
    assert tab.mode_combo.isEnabled()
    tab.mode_combo.setCurrentIndex(1)  # type well, P50
    await wait_until(lambda: tab.model.outcome is not None and
                     tab.model.outcome.subject.kind == "type_well", 20, "the type well")
    assert tab.plot.getPlotItem().getAxis("bottom").labelText == "Months since time zero"
    assert "Type well of 2 wells" in tab.title.text()


async def test_errors_are_shown_not_raised(tab: DcaTab) -> None:
    await wait_until(lambda: tab.model.curve is not None, 20, "the first fit")
    tab.select_wells(["W-NEW"])
    await wait_until(lambda: "too few usable points" in tab.jobbar.status.text(), 20,
                     "the too-little-history message")
    assert tab.model.curve is None
    with pytest.raises(ValueError, match="Nothing to export yet"):
        tab.export_pdf(Path("/nonexistent/never.pdf"))
    tab.select_wells(["W-101"])
    await wait_until(lambda: tab.model.curve is not None, 20, "the refit")
    tab.b_min.setValue(1.9)
    tab.b_max.setValue(1.0)
    await wait_until(lambda: "b bounds" in tab.jobbar.status.text(), 10, "the b message")
    tab.b_max.setValue(2.0)
    tab.b_min.setValue(0.0)
    tab.edge.down = True  # type: ignore[attr-defined]
    await tab.refresh_wells()
    assert "Wells not loaded" in tab.jobbar.status.text()
    assert tab.jobbar.status.styleSheet()  # in red


async def test_hand_edits_spin_and_drag(tab: DcaTab, tmp_path: Path) -> None:
    await wait_until(lambda: tab.model.curve is not None, 20, "the first fit")
    await settle(tab)
    eur0 = tab.model.curve.forecast.eur  # type: ignore[union-attr]
    tab.param_spins["b"][1].setValue(0.4)
    c = tab.model.curve
    assert c is not None and c.edited and c.model.params["b"] == pytest.approx(0.4)
    assert c.forecast.eur < eur0
    assert m.fmt(c.forecast.eur) in tab.results.text()
    assert tab.edited_label.text() and tab.reset_button.isEnabled()
    # drag the end-of-history handle down to 120 bbl/d: the curve goes through it there
    tab.drag_handle("bend", 120.0)
    o = tab.model.outcome
    assert o is not None
    t_end = o.subject.history.end - o.result.origin
    assert float(tab.model.curve.model.rate(t_end)) == pytest.approx(  # type: ignore[union-attr]
        120.0, rel=1e-4)
    assert tab.param_spins["di"][1].value() == pytest.approx(
        tab.model.params["di"] * 100, abs=0.01)
    tab.drag_handle("scale", 1000.0)
    assert tab.model.params["qi"] == pytest.approx(1000.0, rel=1e-3)
    pdf = tab.export_pdf(tmp_path / "edited.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "EDITED BY HAND" in text and "edited by hand" in text
    assert m.fmt(tab.model.curve.forecast.eur) in text  # type: ignore[union-attr]
    tab.reset_button.click()
    assert not tab.model.curve.edited  # type: ignore[union-attr]
    assert tab.model.curve.forecast.eur == eur0  # type: ignore[union-attr]
    assert not tab.reset_button.isEnabled()


async def test_bands_in_background_and_exports(tab: DcaTab, tmp_path: Path) -> None:
    await wait_until(lambda: tab.model.curve is not None, 20, "the first fit")
    await settle(tab)
    tab.bands_n.setValue(3000)
    seen: list[float] = []
    tab.runner.progressed.connect(lambda f, _t: seen.append(f))
    tab.bands_button.click()
    assert tab.runner.busy and not tab.jobbar.cancel.isHidden()
    await wait_until(lambda: len(seen) >= 2, 20, "progress")
    tab.jobbar.cancel.click()
    await wait_until(lambda: not tab.runner.busy, 20, "the cancel")
    assert tab.model.bands is None
    tab.bands_n.setValue(200)
    tab.bands_button.click()
    await wait_until(lambda: tab.model.bands is not None, 30, "the P-bands")
    b = tab.model.bands
    assert b is not None and b.eur_p90 <= b.eur_p50 <= b.eur_p10
    assert len(tab.p90_line.getData()[0]) > 0
    QApplication.processEvents()

    pdf = tab.export_pdf(tmp_path / "dca.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    fc = tab.model.curve.forecast
    for needle in ("Decline curve analysis", "W-101", m.fmt(fc.eur), m.fmt(fc.remaining),
                   m.fmt(b.eur_p90), "Yearly forecast", "Rate vs time", "EUR"):
        assert needle in text, needle
    assert "EDITED" not in text
    path = tab.export_csv(tmp_path / "dca.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    titles = [r[0] for r in rows if len(r) == 1]
    assert {"Yearly forecast", "Monthly forecast", "History"} <= set(titles)
    start = next(i for i, r in enumerate(rows) if r == ["Yearly forecast"]) + 2
    yearly = []
    for r in rows[start:]:
        if not r:
            break
        yearly.append(r)
    assert sum(float(r[1]) for r in yearly) == pytest.approx(fc.remaining, rel=1e-9)
    hist_at = next(i for i, r in enumerate(rows) if r == ["History"]) + 2
    history = rows[hist_at:]
    daily = tab.model.daily["W-101"]
    assert len(history) == len(daily)
    used = [r for r in history if r[4] == "1"]
    assert len(used) == tab.model.outcome.result.stats.n_used
    assert {r[5] for r in history if r[4] == "0"} >= {"shut in", "outlier"}
    first = history[0]
    assert first[0] == str(daily.day[0]) and float(first[1]) == pytest.approx(daily.oil_bbl[0])


class Spanish(QTranslator):
    WORDS: ClassVar[dict[str, str]] = {
        "Fit": "Ajustar", "Forecast": "Pronóstico", "Remaining reserves": "Reservas remanentes",
        "%/yr": "%/año"}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return self.WORDS.get(source, source)


async def test_language_and_units_switch_live(tab: DcaTab) -> None:
    await wait_until(lambda: tab.model.curve is not None, 20, "the first fit")
    await settle(tab)
    es = Spanish()
    QCoreApplication.installTranslator(es)
    try:
        tab.retranslate()
        assert tab.fit_button.text() == "Ajustar"
        assert "Reservas remanentes" in tab.results.text()
        assert tab.terminal.suffix() == " %/año"
        legend = [label.text for _sample, label in tab.plot.getPlotItem().legend.items]
        assert "Pronóstico" in legend
    finally:
        QCoreApplication.removeTranslator(es)
        tab.retranslate()
    fc = tab.model.curve.forecast  # type: ignore[union-attr]
    tab.ctx.units.set_system(UnitSystem.SI)
    assert tab.q_limit.suffix() == " m³/d"
    assert tab.q_limit.value() == pytest.approx(10.0 * BBL_M3, abs=0.05)
    assert f"{m.fmt(fc.eur * BBL_M3)} m³" in tab.results.text()
    qi_m3 = tab.param_spins["qi"][1].value()
    assert qi_m3 == pytest.approx(tab.model.params["qi"] * BBL_M3, abs=0.01)
    # an economic limit typed in m³/d reaches the model in bbl/d
    tab.q_limit.setValue(8.0)
    assert tab.model.forecast_options.q_limit == pytest.approx(8.0 / BBL_M3)
    tab.ctx.units.set_system(UnitSystem.OILFIELD)
