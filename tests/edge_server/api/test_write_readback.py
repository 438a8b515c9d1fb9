"""The read-back of a field write, when the device does not hold what it confirmed: a real
engine scanning a real pymodbus server on loopback that acknowledges every write but clamps it
(a drive capped at 60 Hz), ignores it, or stops answering right after it. The operator gets
502 ``write_mismatch`` / ``read_back_failed``, and the audit row says what was asked, what was
written, what was read back, and how it ended."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from domain.codec import decode, encode
from domain.tags import RegisterTable, TagDef
from edge_server.auth import AuthService, AuthSettings, Role
from engine.config import load_field, load_settings
from engine.runtime import EdgeEngine
from tests._modbus_server import ModbusTestServer
from tests.edge_server.api.conftest import (
    CONSOLE,
    LOCAL_ADMIN,
    PASSWORD,
    make_app,
    wait_for,
)

SP = "W01.ESP.FREQ_SP"
DRIVE_LIMIT_HZ = 60.0

FIELD = """\
field: Campo Lectura
scan_classes: {{fast: 0.2, normal: 0.5}}
sites:
  - name: PAD-A
    devices:
      - name: W01
        port: {port}
        timeout_s: 0.3
        retries: 0
        tags:
          - {{name: W01.ESP.FREQ, address: 1, table: input, type: float32, scan_class: fast,
             units: Hz, eu_min: 0, eu_max: 70}}
          - {{name: W01.ESP.FREQ_SP, address: 100, table: holding, type: float32,
             scan_class: normal, units: Hz, writable: true, eu_min: 30, eu_max: 70}}
"""


class QuirkyDrive(ModbusTestServer):
    """A variable-speed drive that acknowledges every write to its setpoint, then:
    ``clamp`` holds at most 60 Hz (its own limit, tighter than the tag's range), ``ignore``
    keeps the old value (local/hand mode), ``drop`` answers the write and then nothing more
    (power or link lost right after it)."""

    def __init__(self, behaviour: str) -> None:
        super().__init__(holding=((0, 200),), input_=((0, 200),))
        self.behaviour = behaviour
        self.tag: TagDef | None = None
        self.written: list[float] = []  # what the requests asked for
        self.silent = False
        self._release = asyncio.Event()

    async def _action(self, function_code: int, start_address: int, address: int, count: int,
                      current_registers: list[int],
                      set_values: list[int] | list[bool] | None) -> None:
        if self.silent:
            await self._release.wait()  # no answer within any timeout: the device is gone
            return
        tag = self.tag
        if set_values is not None and tag is not None and address == tag.address:
            values = cast("list[int]", set_values)  # holding registers: the values to store
            asked = decode(values, tag.data_type)
            self.written.append(asked)
            if self.behaviour == "clamp":
                values[:] = encode(min(asked, DRIVE_LIMIT_HZ), tag.data_type)
            elif self.behaviour == "ignore":
                offset = address - start_address
                values[:] = current_registers[offset:offset + count]
            elif self.behaviour == "drop":
                self.silent = True  # this answer still goes out
        await super()._action(function_code, start_address, address, count,
                              current_registers, set_values)

    async def stop(self) -> None:
        self._release.set()
        await super().stop()

    def holds(self) -> float:
        assert self.tag is not None
        return decode(self.get_registers(RegisterTable.HOLDING, self.tag.address,
                                         self.tag.data_type.register_count), self.tag.data_type)


@dataclass
class Rig:
    drive: QuirkyDrive
    engine: EdgeEngine
    pool: ConnectionPool
    operator: httpx.AsyncClient

    def audit(self) -> list[dict[str, Any]]:
        with self.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            return cur.execute(
                "SELECT username, action, target, old_value, new_value, outcome, detail "
                "FROM audit_log WHERE action = 'tag_write' ORDER BY id").fetchall()


@pytest.fixture
async def rig(request: pytest.FixtureRequest, database_url: str,
              tmp_path: Path) -> AsyncIterator[Rig]:
    drive = QuirkyDrive(request.param)
    await drive.start()
    (tmp_path / "field.yaml").write_text(FIELD.format(port=drive.port), encoding="utf-8")
    config = tmp_path / "edge.yaml"
    config.write_text("site_name: Prueba lectura\nfield: field.yaml\nstate_dir: state\n"
                      "historian: {flush_interval_s: 0.2, rollup_interval_s: 60}\n"
                      "api: {host: 127.0.0.1, tls: {mode: 'off'}}\n", encoding="utf-8")
    settings = load_settings(config)
    fld = load_field(settings.field_path)
    drive.tag = next(t for t in fld.tags() if t.name == SP)
    drive.set_raw(drive.tag, 45.0)
    engine = EdgeEngine(settings, fld, database_url, "9.9.9-test")
    stop = asyncio.Event()
    task = asyncio.create_task(engine.run(stop))
    auth = AuthService(database_url, AuthSettings.load(tmp_path / "state", env={}))
    pool = ConnectionPool(database_url, min_size=1, max_size=2, open=True)
    client: httpx.AsyncClient | None = None
    try:
        await wait_for(lambda: engine.scanner is not None and engine.writes is not None, 20,
                       "the engine to start")
        scanner = engine.scanner
        assert scanner is not None
        await wait_for(lambda: all(s.state == "connected" and s.last_ok
                                   for s in scanner.status().values()), 15, "W01 connected")
        auth.users.create_user(LOCAL_ADMIN, "operador", Role.OPERATOR, CONSOLE,
                               password=PASSWORD, must_change_password=False)
        auth.tag_writes.add(LOCAL_ADMIN, CONSOLE, "*.ESP.FREQ_SP", role=Role.OPERATOR,
                            writable=[SP])
        token = auth.login("operador", PASSWORD, CONSOLE).access_token
        transport = httpx.ASGITransport(app=make_app(auth, engine, pool),
                                        client=("10.20.0.15", 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://edge.test",
                                   headers={"Authorization": f"Bearer {token}"})
        yield Rig(drive, engine, pool, client)
    finally:
        if client is not None:
            await client.aclose()
        stop.set()
        await drive.stop()
        await asyncio.wait_for(task, 60)
        pool.close()
        auth.close()


async def select_and_operate(rig: Rig, value: float) -> httpx.Response:
    sel = await rig.operator.post(f"/api/tags/{SP}/select", json={"value": value})
    assert sel.status_code == 200, sel.text
    assert sel.json()["current_value"] == pytest.approx(45.0)
    return await rig.operator.post(f"/api/tags/{SP}/operate", json={
        "selection_id": sel.json()["selection_id"], "value": value})


@pytest.mark.parametrize(("rig", "holds", "fine"), [
    ("clamp", DRIVE_LIMIT_HZ, 50.0),  # within the drive's limit: it holds what it is sent
    ("ignore", 45.0, 45.0),  # what it holds anyway
], indirect=["rig"])
async def test_device_holding_another_value_is_write_mismatch(rig: Rig, holds: float,
                                                              fine: float) -> None:
    r = await select_and_operate(rig, 65.0)
    assert r.status_code == 502, r.text
    body = r.json()
    assert body["error"] == "write_mismatch"
    assert body["message"]["es"] == "El equipo tiene un valor distinto del escrito."
    d = body["detail"]
    assert (d["ok"], d["match"], d["written"]) == (False, False, 65.0)
    assert d["read_back"] == pytest.approx(holds)
    assert rig.drive.written == [65.0], "the write went out once, as asked"
    assert rig.drive.holds() == pytest.approx(holds)

    [row] = rig.audit()
    assert (row["username"], row["target"], row["outcome"]) == ("operador", SP, "failed")
    assert float(row["old_value"]) == pytest.approx(45.0)  # what it held before
    assert float(row["new_value"]) == 65.0  # what the operator asked for
    detail = row["detail"]
    assert detail["reason"] == "write_mismatch"
    assert (detail["requested"], detail["written"], detail["match"]) == (65.0, 65.0, False)
    assert detail["read_back"] == pytest.approx(holds)
    assert detail["tolerance"] > 0 and "selection_id" in detail

    # A value the drive does hold is a normal, matching write.
    sel = await rig.operator.post(f"/api/tags/{SP}/select", json={"value": fine})
    r = await rig.operator.post(f"/api/tags/{SP}/operate",
                                json={"selection_id": sel.json()["selection_id"]})
    assert r.status_code == 200 and r.json()["match"], r.text
    assert [x["outcome"] for x in rig.audit()] == ["failed", "ok"]


@pytest.mark.parametrize("rig", ["drop"], indirect=True)
async def test_device_gone_after_the_write_is_read_back_failed(rig: Rig) -> None:
    r = await select_and_operate(rig, 52.0)
    assert r.status_code == 502, r.text
    body = r.json()
    assert body["error"] == "read_back_failed"
    assert body["message"]["en"].startswith("Written, but the value could not be read back")
    assert (body["detail"]["written"], body["detail"]["read_back"]) == (52.0, None)
    assert rig.drive.written == [52.0]
    assert rig.drive.holds() == pytest.approx(52.0), "the device did take it"

    [row] = rig.audit()
    assert (row["outcome"], float(row["new_value"])) == ("failed", 52.0)
    detail = row["detail"]
    assert detail["reason"] == "read_back_failed"
    assert (detail["requested"], detail["written"], detail["read_back"]) == (52.0, 52.0, None)
    assert "read-back" in detail["message"]
