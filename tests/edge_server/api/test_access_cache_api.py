"""Over HTTP: a session checked moments ago (so served from the access cache) is refused on
the very next request after logout or disable, and a role change applies at once."""

from __future__ import annotations

from tests.edge_server.api.conftest import ApiRig


async def test_logout_after_cached_requests_is_refused_at_once(rig: ApiRig) -> None:
    op = rig.client("operator")
    for _ in range(3):  # the second and third come from the cache
        assert (await op.get("/api/tags", params={"limit": 1})).status_code == 200
    assert (await op.post("/api/auth/logout")).status_code == 204
    r = await op.get("/api/tags", params={"limit": 1})
    assert r.status_code == 401 and r.json()["error"] == "session_revoked"


async def test_disable_after_cached_requests_is_refused_at_once(rig: ApiRig) -> None:
    viewer = rig.client("viewer")
    for _ in range(3):
        assert (await viewer.post("/api/tags/values",
                                  json={"names": ["W01.ESP.FREQ"]})).status_code == 200
    r = await rig.client("admin").patch("/api/users/viewer", json={"disabled": True})
    assert r.status_code == 200 and r.json()["disabled"] is True
    r = await viewer.post("/api/tags/values", json={"names": ["W01.ESP.FREQ"]})
    assert r.status_code == 401


async def test_role_change_after_cached_requests_applies_at_once(rig: ApiRig) -> None:
    sup = rig.client("supervisor")
    assert (await sup.get("/api/auth/me")).json()["role"] == "supervisor"
    assert (await sup.get("/api/auth/me")).json()["role"] == "supervisor"
    r = await rig.client("admin").patch("/api/users/supervisor", json={"role": "viewer"})
    assert r.status_code == 200
    assert (await sup.get("/api/auth/me")).json()["role"] == "viewer"
