"""The Decline curves tab against a REAL edge (simulator + edge engine with its API as
processes, hmi.tools.devsite): daily history of a synthetic well with a known decline is
loaded the way an engineer would (``oilfield production import`` of a CSV), then the tab lists
the well, loads it, fits it (recovering the decline) and exports a PDF."""

from __future__ import annotations

import csv
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from hmi._qt.context import AppContext
from hmi._qt.engineering.dca import DcaTab
from hmi.api.client import ApiClient
from hmi.components.engineering import dca as m
from hmi.tools.devsite import DevSite
from plugins.simulator.generator import dump_yaml, generate_field
from tests._ports import free_ports
from tests.hmi.engineering.dca_edge import TRUTH, synthetic_well, wait_until

pytestmark = pytest.mark.timeout(300)
WELL = "W-101"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, pg_admin_url: str,
         template_database: str) -> Iterator[DevSite]:
    from engine.store.urls import with_database

    name = f"hmi_dca_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    root = tmp_path_factory.mktemp("dca-site")
    config = generate_field(1, seed=5, mix={"esp_well": 1.0}, name="Campo DCA")
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
        device["timeout_s"] = 0.5
    field = root / "field.yaml"
    field.write_text(dump_yaml(config), encoding="utf-8")
    s = DevSite(root, field, database_url=with_database(pg_admin_url, name))
    try:
        # the history goes in before the edge starts, as a site's back-load would
        csv_path = root / "history.csv"
        daily = synthetic_well(WELL).daily()
        with csv_path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["well", "day", "oil_bbl", "water_bbl", "gas_mscf", "hours_on"])
            for day, oil, water, gas, hours in zip(daily.day, daily.oil_bbl, daily.water_bbl,
                                                   daily.gas_mscf, daily.hours_on, strict=True):
                w.writerow([WELL, day.isoformat(), "" if oil is None else oil, water, gas,
                            hours])
        done = subprocess.run(
            [sys.executable, "-m", "edge_server.cli", "production", "import", str(csv_path),
             "--config", str(s.config)], env=s._env(), capture_output=True, text=True,
            timeout=120)
        assert done.returncode == 0, done.stderr
        assert f"{len(daily)} written" in done.stdout, done.stdout
        s.start_sim()
        s.add_user()
        s.start_edge()
        s.wait_api(120, connected=len(devices))
        yield s
    finally:
        s.close()
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def test_lists_loads_fits_and_exports(site: DevSite, qtbot: QtBot,
                                            tmp_path: Path) -> None:
    client = ApiClient(site.server)
    await client.login(site.user, site.password)
    try:
        ctx = AppContext(client)
        ctx.session.set_user(client.user, client.base_url)
        tab = DcaTab(ctx)
        qtbot.addWidget(tab)
        await wait_until(lambda: tab.model.curve is not None, 60, "the first fit")
        assert WELL in [w.well for w in tab.model.wells]
        assert tab.selected_wells() == [WELL]
        truth, days, first, _seed = TRUTH[WELL]
        daily = tab.model.daily[WELL]
        assert len(daily) == days and daily.day[0] == first
        # a hyperbolic fit from the first day recovers the decline the history was made with
        tab.model_combo.setCurrentIndex(m.MODELS.index("hyperbolic"))
        tab.from_peak.setChecked(False)
        await wait_until(lambda: tab.model.outcome is not None
                         and tab.model.outcome.options.model == "hyperbolic"
                         and not tab.model.outcome.options.from_peak, 30, "the refit")
        assert tab.model.outcome is not None
        p = tab.model.outcome.result.params
        assert p["qi"] == pytest.approx(truth.params["qi"], rel=0.06)
        assert p["di"] == pytest.approx(truth.params["di"], rel=0.15)
        assert p["b"] == pytest.approx(truth.params["b"], abs=0.2)
        pdf = tab.export_pdf(tmp_path / "live.pdf")
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        fc = tab.model.curve.forecast  # type: ignore[union-attr]
        assert WELL in text and m.fmt(fc.eur) in text and site.server in text
        assert "Hyperbolic (Arps)" in text
    finally:
        await client.logout()
        await client.close()
