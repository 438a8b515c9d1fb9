"""The HMI against a REAL edge: simulator and edge engine with its API as processes
(hmi.tools.devsite, the way IT runs them), a user made with ``oilfield user add``.

Covers login, the alarm acknowledge round trip through the alarm table screen, the trend
refetch on zoom (one decimated request per gesture) and the link dropping and coming back
(the screens say so, then values resume)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from hmi._qt.context import AppContext
from hmi._qt.i18n import Translations
from hmi._qt.shell.main_window import MainWindow
from hmi.api.client import ApiClient, ConnectionState
from hmi.api.errors import ApiError
from hmi.components.alarms import is_unacknowledged
from hmi.tools.devsite import DevSite
from plugins.simulator.generator import dump_yaml, generate_field
from tests._ports import free_ports

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def module_database(pg_admin_url: str, template_database: str) -> Iterator[str]:
    from engine.store.urls import with_database

    name = f"hmi_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    yield with_database(pg_admin_url, name)
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, module_database: str) -> Iterator[DevSite]:
    root = tmp_path_factory.mktemp("hmi-site")
    config = generate_field(3, seed=3, mix={"esp_well": 1.0}, name="Campo HMI")
    config["scan_classes"] = {"fast": 0.5, "normal": 1.0, "slow": 2.0}
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
        device["timeout_s"] = 0.5
    field = root / "field.yaml"
    field.write_text(dump_yaml(config), encoding="utf-8")
    s = DevSite(root, field, database_url=module_database)
    try:
        s.start_sim()
        s.add_user()
        s.start_edge()
        s.wait_api(120, connected=len(devices))
        s.wells = [d["name"] for d in devices]  # type: ignore[attr-defined]
        yield s
    finally:
        s.close()


@pytest.fixture
async def client(site: DevSite) -> AsyncIterator[ApiClient]:
    c = ApiClient(site.server)
    await c.login(site.user, site.password)
    yield c
    await c.logout()
    await c.close()


async def wait_for(predicate: Callable[[], bool | Awaitable[bool]], limit_s: float,
                   what: str) -> None:
    deadline = asyncio.get_running_loop().time() + limit_s
    while asyncio.get_running_loop().time() < deadline:
        result = predicate()
        if await result if not isinstance(result, bool) else result:
            return
        await asyncio.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


async def test_login_and_refusal(site: DevSite) -> None:
    c = ApiClient(site.server)
    with pytest.raises(ApiError) as info:
        await c.login(site.user, "not-the-password")
    assert info.value.status == 401 and info.value.message_es
    me = await c.login(site.user, site.password)
    assert me.role == "operator" and me.can("alarms.ack")
    assert c.state is ConnectionState.CONNECTED
    await c.logout()
    await c.close()


async def test_alarm_acknowledge_round_trip(site: DevSite, client: ApiClient,
                                            qtbot: QtBot) -> None:
    from hmi._qt.alarms.view import AlarmsView

    well = site.wells[0]  # type: ignore[attr-defined]
    site.sim_command("inject", well, "esp_trip")
    ctx = AppContext(client)
    ctx.session.set_user(client.user, client.base_url)
    view = AlarmsView(ctx)
    qtbot.addWidget(view)

    async def tripped() -> bool:
        await ctx.updater.poll_once()
        return any(a.device == well and is_unacknowledged(a) for a in ctx.alarms.alarms)

    await wait_for(tripped, 60, "the trip alarm")
    assert view.proxy.rowCount() >= 1
    target = [a for a in view.visible() if a.device == well and is_unacknowledged(a)]
    text = await view.acknowledge(target)
    assert text.endswith(str(len(target)))
    on_edge = {a.name: a for a in await client.active_alarms()}
    # An acknowledged alarm that had already returned to normal (a comms alarm from the
    # engine's start, say) leaves the active list; the trip itself stays, acknowledged.
    assert all(a.name not in on_edge or on_edge[a.name].acknowledged for a in target)
    tripped_now = [a for a in target if a.name in on_edge]
    assert tripped_now and all(on_edge[a.name].acknowledged for a in tripped_now)
    journal = await client.journal(alarm=target[0].name, limit=5)
    assert any(e.event in ("acknowledge", "ack") and e.user == site.user for e in journal)
    site.sim_command("clear", well, "esp_trip")


async def test_trend_zoom_refetches_decimated_range(site: DevSite, client: ApiClient,
                                                    qtbot: QtBot) -> None:
    from hmi._qt.trends.view import TrendsView

    ctx = AppContext(client)
    ctx.tags.set_infos(await client.tags())
    view = TrendsView(ctx)
    qtbot.addWidget(view)
    tag = f"{site.wells[1]}.Q_LIQ"  # type: ignore[attr-defined]
    view.model.set_preset("10m")
    assert view.add_tag(tag)
    await view.model.wait_idle()
    first = view.model.fetches
    assert view.model.data[tag].t, "no history came back"
    # zoom in on the last 2 minutes the way the mouse does: several view range changes
    end = datetime.now(UTC).timestamp()
    for i in range(5):
        view.main_vb.setXRange(end - 240 + i * 20, end, padding=0)
        await asyncio.sleep(0.02)
    await view.model.wait_idle()
    assert view.model.fetches == first + 1
    assert not view.model.live
    assert view.model.end - view.model.start <= timedelta(seconds=241)
    s = view.model.data[tag]
    assert s.t and min(s.t) >= view.model.start.timestamp() - s.bucket_s


async def test_link_drops_and_comes_back(site: DevSite, client: ApiClient,
                                         qtbot: QtBot) -> None:
    ctx = AppContext(client)
    ctx.session.set_user(client.user, client.base_url)
    window = MainWindow(ctx, Translations())
    qtbot.addWidget(window)
    window.show()
    ctx.updater.interval_s = 0.5
    ctx.updater.start()
    tag = f"{site.wells[2]}.THP"  # type: ignore[attr-defined]
    ctx.updater.watch("test", [tag])
    try:
        await wait_for(lambda: ctx.tags.reading(tag).shown_good, 30, "a good value")
        site.stop_edge()
        await wait_for(lambda: ctx.connection.state is ConnectionState.LOST, 30, "link lost")
        assert not ctx.tags.reading(tag).shown_good
        assert ctx.tags.reading(tag).shown_quality == "LINK_LOST"
        assert window.link_notice.isVisible()
        assert "NO LINK" in window.status.link.text()
        assert ctx.alarms.stale
        site.start_edge()
        await wait_for(lambda: ctx.connection.state is ConnectionState.CONNECTED, 120,
                       "the link back")
        await wait_for(lambda: ctx.tags.reading(tag).shown_good, 30, "values resuming")
        assert not window.link_notice.isVisible()
        assert not ctx.alarms.stale
    finally:
        await ctx.updater.stop()
        if site.edge is None or site.edge.poll() is not None:
            site.start_edge()
