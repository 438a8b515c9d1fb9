"""The endpoints against a real engine on a simulated field (and, for the LVC's staleness, over
real engine pieces: a LastValueCache with its own clock and the registry in PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from psycopg_pool import ConnectionPool

from domain.tags import Quality
from engine.lvc import LastValueCache
from engine.store.registry import sync_registry
from tests.edge_server.api.conftest import ApiRig, Pieces, connected, make_app, wait_for

TRIP_ALARM = "W01.ESP.RUN.DISCRETE"


async def test_tags_browse_detail_and_bulk_values(rig: ApiRig) -> None:
    await connected(rig)
    c = rig.client("viewer")
    page = (await c.get("/api/tags", params={"device": "W01", "limit": 5})).json()
    assert len(page["items"]) == 5 and page["next_after"] == page["items"][-1]["name"]
    assert all(t["device"] == "W01" and t["site"] == "PAD-A" for t in page["items"])
    rest = (await c.get("/api/tags", params={"device": "W01", "after": page["next_after"],
                                             "limit": 1000})).json()
    names = [t["name"] for t in page["items"] + rest["items"]]
    assert names == sorted(names) and len(names) == len(set(names)) and rest["next_after"] is None
    assert (await c.get("/api/tags", params={"prefix": "W02.", "limit": 1000})).json()[
        "items"][0]["name"].startswith("W02.")
    detail = (await c.get(f"/api/tags/{names[0]}")).json()
    assert detail["current"]["quality"] == "GOOD" and detail["current"]["good"] is True
    r = await c.post("/api/tags/values", json={"names": [names[0], "NOPE", names[0]]})
    body = r.json()
    assert r.status_code == 200 and body["unknown"] == ["NOPE"] and len(body["values"]) == 1

    await rig.sim.inject("W02", "comms_loss")
    w02 = [t.name for t in rig.engine.field.device("W02").tags]

    async def bad() -> bool:
        vals = (await c.post("/api/tags/values", json={"names": w02})).json()["values"]
        return all(v["quality"] == "BAD_COMM" and v["value"] is None and not v["good"]
                   for v in vals)

    deadline = asyncio.get_running_loop().time() + 10
    while not await bad():
        assert asyncio.get_running_loop().time() < deadline, "W02 never read BAD_COMM"
        await asyncio.sleep(0.2)
    devices = {d["name"]: d for d in (await c.get("/api/devices")).json()}
    assert devices["W02"]["state"] == "down" and devices["W01"]["state"] == "connected"


async def test_stale_and_never_read_values_are_explicit(rig: ApiRig, database_url: str) -> None:
    field = rig.engine.field
    ids = sync_registry(database_url, field)
    now = [1_900_000_000.0]
    lvc = LastValueCache(clock=lambda: now[0])
    a, b, c = (t.name for t in list(field.tags())[:3])
    lvc.set_scan_period([ids[a]], 1.0)
    lvc.update([ids[a], ids[b]], now[0], [42.0, 7.0], [int(Quality.GOOD), int(Quality.UNCERTAIN)])
    now[0] += 10  # three periods of a: stale
    with ConnectionPool(database_url, min_size=1, max_size=2) as pool:
        app = make_app(rig.auth, Pieces(field, lvc), pool)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://x", headers={
                "Authorization": f"Bearer {rig.tokens['viewer']}"}) as client:
            vals = {v["name"]: v for v in (await client.post(
                "/api/tags/values", json={"names": [a, b, c]})).json()["values"]}
            health = (await client.get("/api/health")).json()
    assert (vals[a]["quality"], vals[a]["value"], vals[a]["good"]) == ("STALE", 42.0, False)
    assert vals[a]["good_ts"] is not None
    assert (vals[b]["quality"], vals[b]["good"]) == ("STALE", False)  # stale beats uncertain
    assert (vals[c]["quality"], vals[c]["value"], vals[c]["ts"]) == ("NO_VALUE", None, None)
    assert health["status"] == "starting", "no scanner yet"


async def test_history_trend_raw_and_range_checks(rig: ApiRig) -> None:
    await connected(rig)
    c = rig.client("viewer")
    start = datetime.now(UTC)  # all devices answering from here on

    def busiest() -> str | None:  # the storage filter keeps only changes: pick a changing tag
        with rig.pool.connection() as conn:
            row = conn.execute(
                "SELECT t.name FROM historian.samples s JOIN tags t ON t.id = s.tag_id "
                "WHERE s.ts >= %s GROUP BY t.name HAVING count(*) >= 3 "
                "ORDER BY count(*) DESC LIMIT 1", (start,)).fetchone()
        return None if row is None else str(row[0])

    tag = await wait_for(busiest, 15, "a tag with three stored samples")

    async def raw() -> list[dict[str, Any]]:
        end = datetime.now(UTC) + timedelta(seconds=1)
        r = await c.get(f"/api/history/{tag}/raw", params={
            "start": start.isoformat(), "end": end.isoformat(), "limit": 3})
        assert r.status_code == 200, r.text
        return list(r.json()["samples"])

    deadline = asyncio.get_running_loop().time() + 10
    while len(await raw()) < 3:
        assert asyncio.get_running_loop().time() < deadline
        await asyncio.sleep(0.3)
    samples = await raw()
    assert samples[0]["quality"] == "GOOD" and samples[0]["ts"] < samples[1]["ts"]
    end = datetime.now(UTC) + timedelta(seconds=1)
    r = await c.get(f"/api/history/{tag}/trend", params={
        "start": start.isoformat(), "end": end.isoformat(), "points": 10})
    trend = r.json()
    assert r.status_code == 200 and 1 <= len(trend["points"]) <= 10
    tol = 1e-9
    assert all(p["min"] - tol * abs(p["min"]) <= p["avg"] <= p["max"] + tol * abs(p["max"])
               for p in trend["points"] if p["count"])
    s, e = start.isoformat(), end.isoformat()
    bad = {
        "naive start": {"start": "2026-01-01T00:00:00", "end": e},
        "start after end": {"start": e, "end": s},
        "year 9999 with offset": {"start": "9999-12-31T23:00:00-05:00", "end": e},
        "not a time": {"start": "yesterday", "end": e},
        "missing end": {"start": s},
        "points 0": {"start": s, "end": e, "points": 0},
        "points 5001": {"start": s, "end": e, "points": 5001},
    }
    for what, params in bad.items():
        r = await c.get(f"/api/history/{tag}/trend", params=params)
        assert r.status_code == 422 and r.json()["error"] == "validation_error", what
    r = await c.get(f"/api/history/{tag}/raw", params={
        "start": (end - timedelta(days=8)).isoformat(), "end": e})
    assert r.status_code == 422 and "7 days" in r.json()["detail"]
    r = await c.get("/api/history/NO.SUCH/raw", params={"start": s, "end": e})
    assert r.status_code == 404


async def test_alarm_actions_are_audited_and_refusals_are_409(rig: ApiRig) -> None:
    await connected(rig)
    assert rig.engine.alarms is not None
    await rig.sim.inject("W01", "esp_trip")
    alarms = rig.engine.alarms
    await wait_for(lambda: alarms.alarm(TRIP_ALARM)["state"] == "unack", 10, "the trip alarm")
    op, sup = rig.client("operator"), rig.client("supervisor")
    active = (await op.get("/api/alarms/active")).json()
    assert TRIP_ALARM in [a["name"] for a in active]

    r = await op.post(f"/api/alarms/{TRIP_ALARM}/acknowledge", json={"comment": "visto"})
    assert r.status_code == 200 and r.json()["alarm"]["acknowledged"] is True
    r = await op.post(f"/api/alarms/{TRIP_ALARM}/unshelve")  # not shelved: refused
    assert r.status_code == 409 and r.json()["error"] == "alarm_refused" and r.json()["detail"]
    assert set(r.json()["message"]) == {"en", "es"}
    r = await op.post(f"/api/alarms/{TRIP_ALARM}/shelve", json={"reason": "x", "duration_s": 1e6})
    assert r.status_code == 422
    r = await op.post(f"/api/alarms/{TRIP_ALARM}/shelve",
                      json={"reason": "pozo en intervención", "duration_s": 3600})
    assert r.status_code == 200 and r.json()["alarm"]["state"] == "shelved"
    assert r.json()["alarm"]["shelf"]["user"] == "operator"
    # shelved: off the operator's list, on the suppressed one with who, why and until when
    assert TRIP_ALARM not in [a["name"] for a in (await op.get("/api/alarms/active")).json()]
    hidden = {a["name"]: a for a in (await op.get("/api/alarms/suppressed")).json()}
    assert hidden[TRIP_ALARM]["state"] == "shelved"
    assert hidden[TRIP_ALARM]["shelf"]["reason"] == "pozo en intervención"
    assert (await op.post(f"/api/alarms/{TRIP_ALARM}/unshelve")).status_code == 200
    assert TRIP_ALARM not in [a["name"] for a in (await op.get("/api/alarms/suppressed")).json()]
    assert (await op.post(f"/api/alarms/{TRIP_ALARM}/comment",
                          json={"comment": "bomba revisada"})).status_code == 200
    r = await op.post(f"/api/alarms/{TRIP_ALARM}/out-of-service", json={"reason": "r"})
    assert r.status_code == 403
    r = await sup.post(f"/api/alarms/{TRIP_ALARM}/out-of-service", json={"reason": "sensor"})
    assert r.status_code == 200 and r.json()["alarm"]["state"] == "out_of_service"
    hidden = {a["name"]: a for a in (await rig.client("viewer").get(
        "/api/alarms/suppressed")).json()}
    assert hidden[TRIP_ALARM]["out_of_service"] == {"user": "supervisor", "reason": "sensor"}
    assert (await sup.post(f"/api/alarms/{TRIP_ALARM}/return-to-service")).status_code == 200
    r = await op.post("/api/alarms/NO.SUCH.ALARM/acknowledge")
    assert r.status_code == 404 and r.json()["error"] == "unknown_alarm"

    audit = (await sup.get("/api/audit", params={"target_prefix": TRIP_ALARM})).json()
    rows = [(e["action"], e["outcome"], e["username"], e["client_address"])
            for e in reversed(audit["entries"])]
    assert rows == [
        ("alarm_ack", "ok", "operator", "10.20.0.15"),
        ("alarm_unshelve", "denied", "operator", "10.20.0.15"),
        ("alarm_shelve", "ok", "operator", "10.20.0.15"),
        ("alarm_unshelve", "ok", "operator", "10.20.0.15"),
        ("alarm_comment", "ok", "operator", "10.20.0.15"),
        ("alarm_out_of_service", "ok", "supervisor", "10.20.0.15"),
        ("alarm_return_to_service", "ok", "supervisor", "10.20.0.15"),
    ]

    assert rig.engine.alarm_journal is not None and rig.engine.alarm_journal.flush()
    journal = (await op.get("/api/alarms/journal", params={
        "alarm": TRIP_ALARM, "user": "OPERATOR", "event": "acknowledge"})).json()
    assert [(e["user"], e["comment"]) for e in journal["entries"]] == [("operator", "visto")]
    page = (await op.get("/api/alarms/journal", params={"area": "Campo API/PAD-A",
                                                        "limit": 2})).json()
    assert len(page["entries"]) == 2 and page["next_before_id"] == page["entries"][-1]["id"]
    older = (await op.get("/api/alarms/journal", params={
        "area": "Campo API/PAD-A", "before_id": page["next_before_id"]})).json()
    assert all(e["id"] < page["next_before_id"] for e in older["entries"])
    now = datetime.now(UTC)
    kpis = (await op.get("/api/alarms/kpis", params={
        "start": (now - timedelta(hours=1)).isoformat(), "end": (now + timedelta(
            seconds=1)).isoformat(), "area": "Campo API"})).json()
    assert kpis["annunciated_activations"] >= 1 and "per_10_min" in kpis


async def test_injection_attempts_in_filters_are_harmless(rig: ApiRig) -> None:
    sup = rig.client("supervisor")
    hostile = ["' OR '1'='1", "'; DROP TABLE alarm_journal; --", "%", "_", "\\", "W01%' --",
               "\u0000", "$$; DELETE FROM audit_log; $$"]
    for text in hostile:
        for path, params in (
            ("/api/alarms/journal", {"area": text}), ("/api/alarms/journal", {"alarm": text}),
            ("/api/alarms/journal", {"user": text}), ("/api/alarms/journal", {"event": text}),
            ("/api/audit", {"username": text}), ("/api/audit", {"target_prefix": text}),
            ("/api/audit", {"action": text}), ("/api/tags", {"prefix": text}),
            ("/api/tags", {"site": text}),
        ):
            r = await sup.get(path, params=params)
            assert r.status_code in (200, 422), (path, text, r.status_code, r.text[:200])
            if r.status_code == 200:
                body = r.json()
                items = body.get("entries", body.get("items"))
                assert items == [], (path, text)
    with rig.pool.connection() as conn:
        assert conn.execute("SELECT to_regclass('alarm_journal')").fetchone() != (None,)
        row = conn.execute("SELECT count(*) FROM audit_log").fetchone()
        assert row is not None and row[0] > 0


async def test_health_format_has_no_secrets(rig: ApiRig, database_url: str) -> None:
    await connected(rig)
    r = await rig.client("anonymous").get("/api/health")
    body = r.json()
    assert r.status_code == 200
    assert {"status", "version", "database", "mqtt", "uptime_seconds"} <= set(body)
    assert body["status"] == "healthy" and body["version"] == "9.9.9-test"
    assert body["database"] == "connected" and isinstance(body["uptime_seconds"], int)
    assert body["devices"] == {"total": 3, "connected": 3, "down": 0, "connecting": 0}
    assert body["historian"]["db_connected"] is True and body["alarms"]["running"] is True
    text = r.text
    assert "postgresql" not in text and database_url.rsplit("/", 1)[1] not in text
    assert "127.0.0.1" not in text and "password" not in text.lower()
