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
from typing import Any

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from hmi._qt.context import AppContext
from hmi._qt.i18n import Translations
from hmi._qt.shell.main_window import MainWindow
from hmi.api.client import ApiClient, ConnectionState
from hmi.api.errors import ApiError
from hmi.api.types import Alarm
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


async def tripped_alarm_view(site: DevSite, client: ApiClient, qtbot: QtBot, well: str,
                             wanted: Callable[[Alarm], bool]) -> tuple[AppContext, Any]:
    """Trip ``well``'s ESP in the simulator and open the alarm screen once an alarm of that
    well passing ``wanted`` is in its list."""
    from hmi._qt.alarms.view import AlarmsView

    site.sim_command("inject", well, "esp_trip")
    ctx = AppContext(client)
    ctx.session.set_user(client.user, client.base_url)
    view = AlarmsView(ctx)
    qtbot.addWidget(view)

    async def tripped() -> bool:
        await ctx.updater.poll_once()
        return any(a.device == well and wanted(a) for a in ctx.alarms.alarms)

    await wait_for(tripped, 60, "the trip alarm")
    return ctx, view


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
    well = site.wells[0]  # type: ignore[attr-defined]
    _ctx, view = await tripped_alarm_view(site, client, qtbot, well, is_unacknowledged)
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

    tag = f"{site.wells[1]}.Q_LIQ"  # type: ignore[attr-defined]

    async def stored() -> bool:  # run alone, the test may start before any sample is written
        now = datetime.now(UTC)
        return bool((await client.trend(tag, now - timedelta(minutes=10), now, 50)).points)

    await wait_for(stored, 60, "history of the tag")
    ctx = AppContext(client)
    ctx.tags.set_infos(await client.tags())
    view = TrendsView(ctx)
    qtbot.addWidget(view)
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


async def test_setpoint_write_from_the_well_display(site: DevSite, client: ApiClient,
                                                    qtbot: QtBot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An operator granted the ESP frequency setpoint writes it from the well display:
    confirmation (current and new value), select-before-operate, the device's read-back
    shown, the simulator really running at the new setpoint."""
    import subprocess
    import sys

    from hmi._qt.well import view as well_view
    from hmi._qt.well.view import WellView

    well = site.wells[0]  # type: ignore[attr-defined]
    tag = f"{well}.ESP.FREQ_SP"
    await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "edge_server.cli", "grant", "add", tag,
                         "--role", "operator", "--min", "35", "--max", "65",
                         "--config", str(site.config)],
        check=True, env=site._env(), capture_output=True, timeout=120)
    ctx = AppContext(client)
    ctx.session.set_user(client.user, client.base_url)
    ctx.tags.set_infos(await client.tags())
    confirmations: list[tuple[str, str, str]] = []

    def confirm(_parent: object, t: str, cur: str, new: str) -> bool:
        confirmations.append((t, cur, new))  # the operator sees tag, current and new value
        return True

    monkeypatch.setattr(well_view, "confirm_write", confirm)
    await ctx.updater.poll_once()  # devices and values, as the running HMI has them
    view = WellView(ctx)
    qtbot.addWidget(view)
    view.select_well(well)
    await ctx.updater.poll_once()
    assert tag in view.sp_rows
    _name, _cur, new, button = view.sp_rows[tag]
    assert button.isEnabled()  # an operator may write
    async def value_of(name: str) -> float | None:
        return next(v.value for v in await client.values([name]) if v.name == name)

    before = await value_of(tag)
    target = 47.0 if before is None or abs(before - 47.0) > 1 else 52.0
    new.setValue(target)
    button.click()
    await wait_for(lambda: view.sp_result.text().startswith("Written"), 30, "the read-back")
    assert confirmations and confirmations[0][0] == tag and f"{target:.1f}" in confirmations[0][2]
    assert f"{target:.2f}" in view.sp_result.text()  # the device read back what was written

    async def running_at_target() -> bool:
        v = await value_of(tag)
        return v is not None and abs(v - target) < 0.01

    await wait_for(running_at_target, 30, "the scanned setpoint")
    # out of the granted range: refused at select, nothing written
    new.setValue(64.9)
    new.setRange(0, 100)
    new.setValue(80.0)
    button.click()
    await wait_for(lambda: "Refused" in view.sp_result.text(), 30, "the refusal")
    assert await value_of(tag) == pytest.approx(target, abs=0.01)


async def test_shelve_round_trip_from_the_alarm_table(site: DevSite, client: ApiClient,
                                                      qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Shelve with reason and duration from the alarm table: the edge marks the alarm shelved
    until the time asked, the journal keeps the reason and the user."""
    from hmi._qt.alarms.dialogs import ShelveDialog

    well = site.wells[1]  # type: ignore[attr-defined]
    try:
        ctx, view = await tripped_alarm_view(
            site, client, qtbot, well, lambda a: a.state != "shelved" and a.condition_active)
        target = next(a for a in view.visible()
                      if a.device == well and a.condition_active and a.state != "shelved")
        view.select([target.name], target.name)
        assert [a.name for a in view.selected()] == [target.name]

        def accept(dlg: ShelveDialog) -> int:
            dlg.reason.setText("pump change crew on site")
            return int(ShelveDialog.DialogCode.Accepted)

        monkeypatch.setattr(ShelveDialog, "exec", accept)
        monkeypatch.setattr(ShelveDialog, "duration_s", lambda _dlg: 3600.0)
        asked = datetime.now(UTC)
        view._shelve()
        await wait_for(lambda: view.message.text().startswith("Shelved"), 30, "the answer")
        # a shelved alarm leaves the operator's active list (ISA-18.2 suppression) ...
        assert target.name not in {a.name for a in await client.active_alarms()}
        await ctx.updater.poll_once()
        assert target.name not in {a.name for a in view.visible()}
        shelved = Alarm.parse(await client.call("GET", f"/alarms/{target.name}"))
        assert shelved.state == "shelved" and shelved.shelved_until is not None
        assert abs((shelved.shelved_until - asked).total_seconds() - 3600) < 60
        assert shelved.shelf_reason == "pump change crew on site"
        journal = await client.journal(alarm=target.name, limit=10)
        entry = next(e for e in journal if e.event.startswith("shelve"))
        assert entry.user == site.user and entry.comment == "pump change crew on site"
        # ... is listed on the "Shelved / out of service" tab with who, why and until when ...
        sv = view.suppressed
        await sv.refresh()
        row = sv.table_model.row_of(target.name)
        assert row is not None and "(" in view.tabs.tabText(view.tabs.indexOf(sv))
        sv.table.selectRow(row)
        assert sv.table_model.alarm(row).since is not None  # the time, from the journal
        assert f"Shelved by {site.user} until" in sv.detail.text()
        assert "pump change crew on site" in sv.detail.text()
        assert sv.unshelve.isEnabled() and not sv.return_to_service.isEnabled()
        # ... and comes back to the list when unshelved there, its condition still active
        assert await sv._unshelve() == "Unshelved: 1"
        assert target.name in {a.name for a in await client.active_alarms()}
        assert target.name in {a.name for a in view.visible()}
        assert sv.table_model.row_of(target.name) is None
    finally:
        site.sim_command("clear", well, "esp_trip")


async def test_out_of_service_and_back_from_the_alarm_screen(
        site: DevSite, client: ApiClient, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A supervisor takes a tripped alarm out of service from the summary (a reason is
    required); it leaves the list and shows on the "Shelved / out of service" tab with who and
    why; returned to service from there, it is back. Operators are not offered the action."""
    from hmi._qt.alarms.dialogs import OutOfServiceDialog
    from hmi._qt.alarms.view import AlarmsView

    operator = AlarmsView(AppContext(client))
    qtbot.addWidget(operator)
    operator.ctx.session.set_user(client.user, client.base_url)
    assert operator.out_of_service.isHidden()
    user, role = site.user, site.role
    site.user, site.role = "supervisora_hmi", "supervisor"
    try:
        site.add_user()
        sup = ApiClient(site.server)
        await sup.login(site.user, site.password)
    finally:
        site.user, site.role = user, role
    well = site.wells[2]  # type: ignore[attr-defined]
    try:
        _ctx, view = await tripped_alarm_view(
            site, sup, qtbot, well, lambda a: a.condition_active and a.state != "out_of_service")
        assert not view.out_of_service.isHidden() and view.out_of_service.isEnabled()
        target = next(a for a in view.visible() if a.device == well and a.condition_active)
        view.select([target.name], target.name)

        def accept(dlg: OutOfServiceDialog) -> int:
            dlg.reason.setText("transmisor en reparación")
            return int(OutOfServiceDialog.DialogCode.Accepted)

        monkeypatch.setattr(OutOfServiceDialog, "exec", accept)
        view._out_of_service()
        await wait_for(lambda: view.message.text().startswith("Out of service"), 30, "answer")
        assert target.name not in {a.name for a in view.visible()}
        sv = view.suppressed
        await sv.refresh()
        row = sv.table_model.row_of(target.name)
        assert row is not None
        sv.table.selectRow(row)
        assert sv.table_model.alarm(row).state == "out_of_service"
        assert "Out of service by supervisora_hmi: transmisor en reparación" in sv.detail.text()
        assert sv.return_to_service.isEnabled() and not sv.unshelve.isEnabled()
        assert await sv._return() == "Returned to service: 1"
        assert target.name in {a.name for a in view.visible()}
        assert sv.table_model.row_of(target.name) is None
        journal = await sup.journal(alarm=target.name, limit=10)
        assert {"remove_from_service", "return_to_service"} <= {e.event for e in journal}
    finally:
        site.sim_command("clear", well, "esp_trip")
        await sup.logout()
        await sup.close()


async def test_policy_before_login_and_another_user_takes_the_session_over(
        site: DevSite) -> None:
    """The banner and lock time are readable before login; when another user logs in on the
    same client (unlocking a locked screen), the session before is ended on the edge."""
    import httpx

    from hmi.api.client import api_base

    c = ApiClient(site.server)
    try:
        policy = await c.policy()  # no login yet
        assert policy.login_banner == "" and policy.lock_after_minutes == 0
        await c.login(site.user, site.password)
        before = c._tokens
        assert before is not None
        user, role = site.user, site.role
        site.user, site.role = "relevo_hmi", "operator"
        try:
            site.add_user()
            me = await c.login(site.user, site.password)
        finally:
            site.user, site.role = user, role
        assert me.username == "relevo_hmi" and c.user is not None
        async with httpx.AsyncClient(base_url=api_base(site.server)) as raw:
            r = await raw.post("/auth/refresh", json={"refresh_token": before.refresh_token})
            assert r.status_code == 401  # the first user's session was ended
            r = await raw.get("/auth/me", headers={
                "Authorization": f"Bearer {before.access_token}"})
            assert r.status_code == 401
    finally:
        await c.logout()
        await c.close()
