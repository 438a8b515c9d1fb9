"""/api/production over real engine pieces (no scanner needed: the rows are in PostgreSQL):
authentication, the request bounds, the column-per-well answers, the wells summary, and the
HMI's ApiClient reading through them (chunking long lists and spans)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from psycopg_pool import ConnectionPool

from domain.field import Field
from domain.production import DailyProduction, Source
from edge_server.auth import AuthService, AuthSettings, Role
from engine.lvc import LastValueCache
from engine.production import repository
from engine.runtime import EdgeEngine
from hmi.api.client import ApiClient
from tests.edge_server.api.conftest import (
    CONSOLE,
    LOCAL_ADMIN,
    PASSWORD,
    ApiRig,
    Pieces,
    make_app,
    wait_for,
)

D0 = date(2001, 1, 1)


@dataclass
class Site:
    app: Any
    viewer: httpx.AsyncClient
    scada: httpx.AsyncClient
    anonymous: httpx.AsyncClient


def client(app: Any, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://edge.test",
                             headers=headers or {})


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    rows = [DailyProduction("W01", D0 + timedelta(days=i), 9000.0 - i, 100.0 + i, 250.0,
                            24.0, 24.0, Source.HISTORIAN) for i in range(8000)]
    rows += [DailyProduction("W02", D0 + timedelta(days=i), None if i == 1 else 80.0, 20.0,
                             None, 12.0, None, Source.IMPORT) for i in range(3)]
    with psycopg.connect(database_url) as conn:
        repository.write(conn, rows)
    auth = AuthService(database_url, AuthSettings.load(tmp_path / "state", env={}))
    pool = ConnectionPool(database_url, min_size=1, max_size=2, open=True)
    app = make_app(auth, Pieces(Field(name="F"), LastValueCache()), pool)
    auth.users.create_user(LOCAL_ADMIN, "viewer", Role.VIEWER, CONSOLE, password=PASSWORD,
                           must_change_password=False)
    token = auth.login("viewer", PASSWORD, CONSOLE).access_token
    auth.users.create_user(LOCAL_ADMIN, "scada", Role.SCADA, CONSOLE)
    key = auth.api_keys.create(LOCAL_ADMIN, "scada", "dcs", CONSOLE).key
    s = Site(app, client(app, {"Authorization": f"Bearer {token}"}),
             client(app, {"X-API-Key": key}), client(app))
    try:
        yield s
    finally:
        for c in (s.viewer, s.scada, s.anonymous):
            await c.aclose()
        pool.close()
        auth.close()


async def test_daily_columns_per_well_in_the_asked_order(site: Site) -> None:
    params: dict[str, Any] = {"well": ["W02", "W09", "W01"], "start": "2001-01-02",
                              "end": "2001-01-05"}
    r = await site.viewer.get("/api/production/daily", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["start"], body["end"]) == ("2001-01-02", "2001-01-05")
    w02, w09, w01 = body["wells"]
    assert (w02["well"], w09["well"], w01["well"]) == ("W02", "W09", "W01")
    assert w02["day"] == ["2001-01-02", "2001-01-03"] and w02["oil_bbl"] == [None, 80.0]
    assert w02["gas_mscf"] == [None, None] and w02["hours_data"] == [None, None]
    assert w02["source"] == ["import", "import"] and w02["hours_on"] == [12.0, 12.0]
    assert w09 == {"well": "W09", "day": [], "oil_bbl": [], "water_bbl": [], "gas_mscf": [],
                   "hours_on": [], "hours_data": [], "source": []}
    assert w01["day"] == ["2001-01-02", "2001-01-03", "2001-01-04"]
    assert w01["oil_bbl"] == [8999.0, 8998.0, 8997.0] and w01["water_bbl"][0] == 101.0
    # The scada account reads it too; nobody anonymous does.
    assert (await site.scada.get("/api/production/daily", params=params)).status_code == 200
    r = await site.anonymous.get("/api/production/daily", params=params)
    assert r.status_code == 401 and r.json()["error"] == "invalid_token"
    assert (await site.anonymous.get("/api/production/wells")).status_code == 401


@pytest.mark.parametrize(("params", "detail"), [
    ({"start": "2001-01-01", "end": "2001-02-01"}, None),  # no well
    ({"well": [f"W{i}" for i in range(51)], "start": "2001-01-01", "end": "2001-02-01"},
     "at most 50 wells"),
    ({"well": "W01", "start": "2001-01-01", "end": "2021-01-03"}, "at most 7305 days"),
    ({"well": "W01", "start": "2001-02-01", "end": "2001-02-01"}, "start must be before end"),
    ({"well": "W01", "start": "2001-02-30", "end": "2001-03-01"}, None),
    ({"well": "W01", "start": "1850-01-01", "end": "1851-01-01"}, "between 1900-01-01"),
    ({"well": "W" * 65, "start": "2001-01-01", "end": "2001-02-01"}, "1 to 64 characters"),
    ({"well": " ", "start": "2001-01-01", "end": "2001-02-01"}, "1 to 64 characters"),
    ({"well": "W\x0001", "start": "2001-01-01", "end": "2001-02-01"}, "control characters"),
])
async def test_requests_out_of_bounds_are_422(site: Site, params: dict[str, Any],
                                              detail: str | None) -> None:
    r = await site.viewer.get("/api/production/daily", params=params)
    assert r.status_code == 422 and r.json()["error"] == "validation_error", r.text
    if detail is not None:
        assert detail in r.json()["detail"]


async def test_twenty_years_of_fifty_wells_is_allowed(site: Site) -> None:
    wells = ["W01", *[f"X{i}" for i in range(49)]]
    r = await site.viewer.get("/api/production/daily", params={
        "well": wells, "start": "2001-01-01", "end": "2021-01-01"})
    assert r.status_code == 200
    assert len(r.json()["wells"]) == 50 and len(r.json()["wells"][0]["day"]) == 7305


async def test_wells_summary(site: Site) -> None:
    r = await site.viewer.get("/api/production/wells")
    assert r.status_code == 200
    w01, w02 = r.json()["wells"]
    assert w01["well"] == "W01" and w01["days"] == 8000 and w01["first_day"] == "2001-01-01"
    assert w01["last_day"] == (D0 + timedelta(days=7999)).isoformat()
    assert w01["cum_oil_bbl"] == pytest.approx(sum(9000.0 - i for i in range(8000)))
    assert w02 == {"well": "W02", "first_day": "2001-01-01", "last_day": "2001-01-03",
                   "days": 3, "cum_oil_bbl": 160.0, "cum_water_bbl": 60.0,
                   "cum_gas_mscf": 0.0, "sources": ["import"]}


async def test_the_hmi_client_reads_in_pieces(site: Site) -> None:
    api = ApiClient("http://edge.test", transport=httpx.ASGITransport(app=site.app))
    try:
        await api.login("viewer", PASSWORD)
        wells = ["W01", "W02", *[f"X{i:02d}" for i in range(60)]]  # two requests of wells
        got = await api.daily_production(wells, D0, D0 + timedelta(days=8100))  # two spans
        assert list(got) == wells
        w01 = got["W01"]
        assert len(w01) == 8000 and w01.day[0] == D0 and w01.day == tuple(sorted(w01.day))
        assert w01.oil_bbl[7999] == 9000.0 - 7999
        rows = got["W02"].rows()
        assert rows[1].oil_bbl is None and rows[0].oil_rate == pytest.approx(160.0)
        assert len(got["X00"]) == 0
        summary = await api.production_wells()
        assert [w.well for w in summary] == ["W01", "W02"] and summary[1].days == 3
        assert summary[0].first_day == D0 and summary[1].sources == ("import",)
        with pytest.raises(ValueError):
            await api.daily_production(["W01"], D0, D0)
    finally:
        await api.close()


async def test_the_engine_closes_days_and_reports_it(rig: ApiRig) -> None:
    """The real engine starts its day closer with the field's wells and reports each run."""
    engine: EdgeEngine = rig.engine
    await wait_for(lambda: engine.production is not None
                   and engine.production.last_report is not None, 20, "the first close")
    closer = engine.production
    assert closer is not None and set(closer.wells) == {"W01", "W02"}
    assert closer.wells["W01"].running == "W01.ESP.RUN"
    report = engine.health()["production"]
    assert report["enabled"] and report["wells"] == 2 and report["error"] is None
    assert report["last_run"] is not None, "the catch-up ran at start"


async def test_targets_in_force_on_a_day(site: Site, database_url: str) -> None:
    from domain.production_targets import FIELD, ProductionTarget
    from engine.production import targets

    with psycopg.connect(database_url) as conn:
        targets.set_target(conn, ProductionTarget(FIELD, date(2026, 1, 1), 12_000.0), "sup")
        targets.set_target(conn, ProductionTarget(FIELD, date(2026, 7, 1), 11_000.0,
                                                  gas_mscf_d=8_000.0, note="H2"), "sup")
        targets.set_target(conn, ProductionTarget("W01", date(2026, 3, 1), 700.0), "sup")
    r = await site.viewer.get("/api/production/targets", params={"day": "2026-02-15"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["field"]["oil_bbl_d"] == 12_000.0 and body["field"]["valid_from"] == "2026-01-01"
    assert body["wells"] == []
    r = await site.viewer.get("/api/production/targets", params={"day": "2026-07-01"})
    body = r.json()
    assert body["field"]["oil_bbl_d"] == 11_000.0 and body["field"]["note"] == "H2"
    assert [w["scope"] for w in body["wells"]] == ["W01"]
    r = await site.viewer.get("/api/production/targets", params={"day": "2025-12-31"})
    assert r.json() == {"day": "2025-12-31", "field": None, "wells": []}
    assert (await site.anonymous.get("/api/production/targets")).status_code == 401
    r = await site.viewer.get("/api/production/targets", params={"day": "2026-13-01"})
    assert r.status_code == 422
    # the HMI's client
    c = ApiClient("http://edge.test", transport=httpx.ASGITransport(app=site.app))
    try:
        await c.login("viewer", PASSWORD)
        got = await c.production_targets(date(2026, 8, 1))
    finally:
        await c.close()
    assert got.field is not None and got.field.gas_mscf_d == 8_000.0
    assert got.wells[0].scope == "W01" and got.wells[0].oil_bbl_d == 700.0
