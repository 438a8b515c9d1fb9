"""Select-before-operate writes end to end: the API over a real engine scanning the field
simulator (the ``rig``): the simulator's physics sees the new setpoint, the read-back matches,
and every attempt, refused or not, is in the audit log."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from psycopg.rows import dict_row

from edge_server.auth import Role
from tests.edge_server.api.conftest import CONSOLE, LOCAL_ADMIN, ApiRig, connected, wait_for

SP = "W01.ESP.FREQ_SP"


def grant(rig: ApiRig, pattern: str, role: Role, lo: float | None = None,
          hi: float | None = None) -> None:
    rig.auth.tag_writes.grant(LOCAL_ADMIN, CONSOLE, tag_pattern=pattern, role=role,
                              min_value=lo, max_value=hi)


def audit_rows(rig: ApiRig, *actions: str) -> list[dict[str, Any]]:
    with rig.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            "SELECT username, role, client_address, action, target, old_value, new_value, "
            "outcome, detail FROM audit_log WHERE action = ANY(%s) ORDER BY id",
            (list(actions),)).fetchall()


async def select(rig: ApiRig, who: str, tag: str, value: float) -> Any:
    return await rig.client(who).post(f"/api/tags/{tag}/select", json={"value": value})


async def operate(rig: ApiRig, who: str, tag: str, selection_id: str, **extra: Any) -> Any:
    return await rig.client(who).post(f"/api/tags/{tag}/operate",
                                      json={"selection_id": selection_id, **extra})


async def test_operator_changes_a_frequency_setpoint_end_to_end(rig: ApiRig) -> None:
    await connected(rig)
    grant(rig, "*.ESP.FREQ_SP", Role.OPERATOR, 35, 65)
    before = rig.sim.value("W01", "esp.frequency_setpoint")
    target = 46.5 if abs(before - 46.5) > 2 else 52.5
    r = await select(rig, "operator", SP, target)
    assert r.status_code == 200, r.text
    sel = r.json()
    assert sel["tag"] == SP and sel["new_value"] == target and sel["units"] == "Hz"
    assert sel["current_quality"] == "GOOD"
    assert sel["current_value"] == pytest.approx(before, abs=0.01)

    r = await operate(rig, "operator", SP, sel["selection_id"], value=target)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["ok"] and out["match"] and out["written"] == target
    assert out["read_back"] == pytest.approx(target, abs=out["tolerance"])
    assert rig.sim.value("W01", "esp.frequency_setpoint") == pytest.approx(
        target, abs=out["tolerance"])
    start = abs(rig.sim.value("W01", "esp.frequency") - target)
    await wait_for(lambda: abs(rig.sim.value("W01", "esp.frequency") - target) < start - 0.3,
                   10, "the drive to ramp towards the new setpoint")

    r = await operate(rig, "operator", SP, sel["selection_id"])
    assert r.status_code == 409 and r.json()["error"] == "no_selection", "single use"

    rows = audit_rows(rig, "tag_write_select", "tag_write")
    assert [(x["action"], x["outcome"]) for x in rows] == [
        ("tag_write_select", "ok"), ("tag_write", "ok"), ("tag_write", "denied")]
    ok = rows[1]
    assert (ok["username"], ok["role"], ok["target"]) == ("operator", "operator", SP)
    assert ok["client_address"] == "10.20.0.15"
    assert float(ok["old_value"]) == pytest.approx(before, abs=0.01)
    assert float(ok["new_value"]) == target
    assert ok["detail"]["read_back"] == pytest.approx(target, abs=out["tolerance"])
    assert ok["detail"]["match"] is True


async def test_viewer_no_grant_and_not_writable_are_forbidden(rig: ApiRig) -> None:
    grant(rig, "W02.*", Role.OPERATOR)
    r = await select(rig, "viewer", SP, 50)
    assert r.status_code == 403
    assert audit_rows(rig, "access_denied")[-1]["target"] == f"POST /api/tags/{SP}/select"
    r = await select(rig, "operator", SP, 50)  # the grant covers W02 only
    assert r.status_code == 403 and r.json()["error"] == "write_not_granted"
    r = await select(rig, "supervisor", SP, 50)  # no grant for the role at all
    assert r.status_code == 403 and r.json()["error"] == "write_not_granted"
    r = await select(rig, "operator", "W02.ESP.FREQ", 50)  # granted, but a measurement
    assert r.status_code == 403 and r.json()["error"] == "tag_not_writable"
    r = await select(rig, "operator", "W09.ESP.FREQ_SP", 50)
    assert r.status_code == 404
    denied = audit_rows(rig, "tag_write_select")
    assert [(x["username"], x["outcome"], x["detail"]["reason"]) for x in denied] == [
        ("operator", "denied", "write_not_granted"), ("supervisor", "denied",
                                                      "write_not_granted"),
        ("operator", "denied", "tag_not_writable"), ("operator", "denied", "unknown_tag")]
    assert rig.sim.value("W01", "esp.frequency_setpoint") != 50


async def test_values_outside_the_grant_or_the_tag_range_are_422(rig: ApiRig) -> None:
    grant(rig, SP, Role.OPERATOR, 40, 60)
    r = await select(rig, "operator", SP, 62)
    assert r.status_code == 422 and r.json()["error"] == "out_of_range"
    assert r.json()["detail"]["max"] == 60
    grant(rig, SP, Role.SUPERVISOR)  # no limits: the tag's range 30..70 applies
    r = await select(rig, "supervisor", SP, 75)
    assert r.status_code == 422 and r.json()["error"] == "out_of_range"
    r = await rig.client("operator").post(f"/api/tags/{SP}/select", json={"value": "NaN"})
    assert r.status_code == 422
    rows = audit_rows(rig, "tag_write_select")
    assert [(x["outcome"], x["new_value"]) for x in rows] == [("denied", "62.0"),
                                                              ("denied", "75.0")]


async def test_expired_selection_is_409(rig: ApiRig) -> None:
    await connected(rig)
    grant(rig, SP, Role.OPERATOR)
    assert rig.engine.writes is not None
    rig.engine.writes.selection_ttl_s = 0.5
    sel = (await select(rig, "operator", SP, 48)).json()
    await asyncio.sleep(0.7)
    r = await operate(rig, "operator", SP, sel["selection_id"])
    assert r.status_code == 409 and r.json()["error"] == "selection_expired"
    assert audit_rows(rig, "tag_write")[-1]["detail"]["reason"] == "selection_expired"
    assert rig.sim.value("W01", "esp.frequency_setpoint") != 48


async def test_another_users_selection_cannot_be_used_or_taken(rig: ApiRig) -> None:
    await connected(rig)
    grant(rig, SP, Role.OPERATOR)
    grant(rig, SP, Role.SUPERVISOR)
    sel = (await select(rig, "operator", SP, 49)).json()
    r = await operate(rig, "supervisor", SP, sel["selection_id"])
    assert r.status_code == 403 and r.json()["error"] == "not_your_selection"
    r = await select(rig, "supervisor", SP, 51)
    assert r.status_code == 409 and r.json()["error"] == "selected_by_other"
    r = await rig.client("supervisor").post(f"/api/tags/{SP}/cancel",
                                            json={"selection_id": sel["selection_id"]})
    assert r.status_code == 403
    r = await rig.client("operator").post(f"/api/tags/{SP}/cancel",
                                          json={"selection_id": sel["selection_id"]})
    assert r.status_code == 200 and r.json()["cancelled"]
    assert (await select(rig, "supervisor", SP, 51)).status_code == 200
    rows = audit_rows(rig, "tag_write_select", "tag_write", "tag_write_cancel")
    assert [(x["username"], x["action"], x["outcome"]) for x in rows] == [
        ("operator", "tag_write_select", "ok"), ("supervisor", "tag_write", "denied"),
        ("supervisor", "tag_write_select", "denied"),
        ("supervisor", "tag_write_cancel", "denied"), ("operator", "tag_write_cancel", "ok"),
        ("supervisor", "tag_write_select", "ok")]


async def test_device_down_is_503_and_nothing_is_written(rig: ApiRig) -> None:
    await connected(rig)
    grant(rig, "*.ESP.FREQ_SP", Role.OPERATOR)
    tag = "W02.ESP.FREQ_SP"
    old = rig.sim.value("W02", "esp.frequency_setpoint")
    value = 41.0 if abs(old - 41.0) > 1 else 59.0
    sel = (await select(rig, "operator", tag, value)).json()
    await rig.sim.inject("W02", "comms_loss")
    scanner = rig.engine.scanner
    assert scanner is not None
    await wait_for(lambda: scanner.status()["W02"].state != "connected", 10, "W02 down")
    r = await operate(rig, "operator", tag, sel["selection_id"])
    assert r.status_code == 503 and r.json()["error"] == "device_down"
    assert "nothing was written" in r.json()["detail"]["reason"]
    await rig.sim.clear("W02", "comms_loss")
    assert rig.sim.value("W02", "esp.frequency_setpoint") == old
    row = audit_rows(rig, "tag_write")[-1]
    assert (row["outcome"], row["detail"]["reason"], row["detail"]["written"]) == (
        "failed", "device_down", False)
    assert float(row["new_value"]) == value
