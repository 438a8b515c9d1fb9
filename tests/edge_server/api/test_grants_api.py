"""/api/grants over a real engine: an admin grants the operator role a pattern, the operator
writes, the admin removes it, the next select is refused; every change is a config_change in
the audit log with the old and new grant."""

from __future__ import annotations

from tests.edge_server.api.conftest import ApiRig, connected


async def test_admin_grants_then_revokes_a_setpoint_pattern(rig: ApiRig) -> None:
    await connected(rig)
    admin, operator = rig.client("admin"), rig.client("operator")
    sp = "W01.ESP.FREQ_SP"
    assert (await operator.post(f"/api/tags/{sp}/select", json={"value": 50})).json()[
        "error"] == "write_not_granted", "default deny"

    r = await admin.post("/api/grants", json={"tag": "W*.ESP.FREQ_SP", "role": "operator",
                                              "min_value": 35, "max_value": 65})
    assert r.status_code == 201, r.text
    grant = r.json()
    assert grant["covers"] == 2 and grant["tags"] == ["W01.ESP.FREQ_SP", "W02.ESP.FREQ_SP"]
    assert (grant["role"], grant["username"], grant["min_value"], grant["max_value"]) == (
        "operator", None, 35, 65)

    sel = await operator.post(f"/api/tags/{sp}/select", json={"value": 47})
    assert sel.status_code == 200, sel.text
    op = await operator.post(f"/api/tags/{sp}/operate",
                             json={"selection_id": sel.json()["selection_id"]})
    assert op.status_code == 200 and op.json()["match"], op.text
    r = await operator.post(f"/api/tags/{sp}/select", json={"value": 66})
    assert r.status_code == 422 and r.json()["detail"]["max"] == 65, "the grant's limits"

    listing = (await admin.get("/api/grants", params={"tag": "W02.ESP.FREQ_SP"})).json()
    assert [g["id"] for g in listing] == [grant["id"]]
    assert (await admin.get("/api/grants", params={"tag": "W02.ESP.FREQ"})).json() == []

    sel = await operator.post(f"/api/tags/{sp}/select", json={"value": 49})
    assert (await admin.delete(f"/api/grants/{grant['id']}")).status_code == 204
    r = await operator.post(f"/api/tags/{sp}/operate",
                            json={"selection_id": sel.json()["selection_id"]})
    assert r.status_code == 403 and r.json()["error"] == "write_not_granted", \
        "a grant removed between select and operate stops the write"
    assert (await admin.delete(f"/api/grants/{grant['id']}")).status_code == 404

    audit = (await admin.get("/api/audit", params={"action": "config_change"})).json()
    rows = [(e["target"], e["old_value"], e["new_value"], e["client_address"])
            for e in reversed(audit["entries"])]
    text = "tag=W*.ESP.FREQ_SP to=role:operator min=35 max=65"
    target = f"tag_write_permissions/{grant['id']}"
    assert rows == [(target, None, text, "10.20.0.15"), (target, text, None, "10.20.0.15")]


async def test_refused_grants(rig: ApiRig) -> None:
    admin = rig.client("admin")
    for body, status, code in (
        ({"tag": "W9*.ESP.FREQ_SP", "role": "operator"}, 422, "invalid_request"),
        ({"tag": "W01.ESP.FREQ", "role": "operator"}, 422, "invalid_request"),  # measurement
        ({"tag": "W01.ESP.FREQ_SP", "role": "viewer"}, 422, "invalid_request"),
        ({"tag": "W01.ESP.FREQ_SP", "username": "nadie"}, 404, "not_found"),
        ({"tag": "W01.ESP.FREQ_SP"}, 422, "validation_error"),
        ({"tag": "W01.ESP.FREQ_SP", "role": "operator", "username": "operator"}, 422,
         "validation_error"),
        ({"tag": "W01'; --", "role": "operator"}, 422, "validation_error"),
        ({"tag": "W01.ESP.FREQ_SP", "role": "operator", "min_value": 9, "max_value": 1}, 422,
         "validation_error"),
    ):
        r = await admin.post("/api/grants", json=body)
        assert (r.status_code, r.json()["error"]) == (status, code), (body, r.text)
    ok = await admin.post("/api/grants", json={"tag": "W01.ESP.FREQ_SP", "username": "operator"})
    assert ok.status_code == 201 and ok.json()["username"] == "operator"
    again = await admin.post("/api/grants", json={"tag": "W01.ESP.FREQ_SP",
                                                  "username": "operator"})
    assert again.status_code == 409
    assert len((await admin.get("/api/grants")).json()) == 1
    r = await rig.client("supervisor").post("/api/grants", json={"tag": "W01.ESP.FREQ_SP",
                                                                 "role": "supervisor"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
