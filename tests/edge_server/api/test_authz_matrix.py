"""Every role against every endpoint: the allowed/denied matrix must match roles.py.

Three independent sources must agree, so a wrong declaration anywhere fails:
``ENDPOINTS`` (this file: which permission each endpoint should need), ``ALLOWED`` (this file:
which roles should hold each permission), and the code (``declared_permission`` on the routes,
``ROLE_PERMISSIONS`` in roles.py); then real HTTP calls by each role prove the outcome.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from edge_server.api.security import PUBLIC_PATHS, declared_permission
from edge_server.auth import ROLE_PERMISSIONS, Permission, Role
from tests.edge_server.api.conftest import CONSOLE, LOCAL_ADMIN, PASSWORD, ApiRig

P = Permission
WHO = ("admin", "supervisor", "operator", "viewer", "scada", "anonymous")

#: Endpoint -> the permission it must declare (None: public).
ENDPOINTS: dict[tuple[str, str], Permission | None] = {
    ("GET", "/api/health"): None,
    ("POST", "/api/auth/login"): None,
    ("POST", "/api/auth/refresh"): None,
    ("GET", "/api/auth/policy"): None,
    ("GET", "/api/auth/me"): P.OWN_SESSION,
    ("POST", "/api/auth/change-password"): P.OWN_PASSWORD,
    ("POST", "/api/auth/logout"): P.OWN_SESSION,
    ("GET", "/api/users"): P.MANAGE_USERS,
    ("POST", "/api/users"): P.MANAGE_USERS,
    ("GET", "/api/users/{username}"): P.MANAGE_USERS,
    ("PATCH", "/api/users/{username}"): P.MANAGE_USERS,
    ("POST", "/api/users/{username}/reset-password"): P.MANAGE_USERS,
    ("POST", "/api/users/{username}/unlock"): P.MANAGE_USERS,
    ("GET", "/api/api-keys"): P.MANAGE_API_KEYS,
    ("POST", "/api/users/{username}/api-keys"): P.MANAGE_API_KEYS,
    ("DELETE", "/api/api-keys/{prefix}"): P.MANAGE_API_KEYS,
    ("GET", "/api/tags"): P.READ_TAGS,
    ("GET", "/api/tags/{name}"): P.READ_TAGS,
    ("POST", "/api/tags/values"): P.READ_TAGS,
    ("GET", "/api/history/{name}/trend"): P.READ_HISTORY,
    ("GET", "/api/history/{name}/raw"): P.READ_HISTORY,
    ("GET", "/api/alarms/active"): P.READ_ALARMS,
    ("GET", "/api/alarms/suppressed"): P.READ_ALARMS,
    ("GET", "/api/alarms/journal"): P.READ_ALARMS,
    ("GET", "/api/alarms/kpis"): P.READ_ALARMS,
    ("GET", "/api/alarms/{name}"): P.READ_ALARMS,
    ("POST", "/api/alarms/{name}/acknowledge"): P.ALARM_ACK,
    ("POST", "/api/alarms/{name}/reset"): P.ALARM_ACK,
    ("POST", "/api/alarms/{name}/shelve"): P.ALARM_SHELVE,
    ("POST", "/api/alarms/{name}/unshelve"): P.ALARM_SHELVE,
    ("POST", "/api/alarms/{name}/comment"): P.ALARM_COMMENT,
    ("POST", "/api/alarms/{name}/out-of-service"): P.ALARM_OUT_OF_SERVICE,
    ("POST", "/api/alarms/{name}/return-to-service"): P.ALARM_OUT_OF_SERVICE,
    ("GET", "/api/devices"): P.READ_TAGS,
    ("GET", "/api/audit"): P.READ_AUDIT,
    ("GET", "/api/production/daily"): P.READ_HISTORY,
    ("GET", "/api/production/wells"): P.READ_HISTORY,
    ("GET", "/api/production/targets"): P.READ_HISTORY,
    # edge_server/api/writes.py (plugged in through the router registry)
    ("POST", "/api/tags/{name}/select"): P.TAG_WRITE,
    ("POST", "/api/tags/{name}/operate"): P.TAG_WRITE,
    ("POST", "/api/tags/{name}/cancel"): P.TAG_WRITE,
    # edge_server/api/grants.py: per-tag write grants
    ("GET", "/api/grants"): P.MANAGE_CONFIG,
    ("POST", "/api/grants"): P.MANAGE_CONFIG,
    ("DELETE", "/api/grants/{grant_id}"): P.MANAGE_CONFIG,
}

_ALL = {"admin", "supervisor", "operator", "viewer", "scada"}
_HUMAN = {"admin", "supervisor", "operator", "viewer"}
#: Permission -> who should hold it (written out by hand from docs/security.md).
ALLOWED: dict[Permission, set[str]] = {
    P.READ_TAGS: _ALL, P.READ_HISTORY: _ALL, P.READ_ALARMS: _ALL,
    P.OWN_SESSION: _HUMAN, P.OWN_PASSWORD: _HUMAN,
    P.ALARM_ACK: {"admin", "supervisor", "operator"},
    P.ALARM_SHELVE: {"admin", "supervisor", "operator"},
    P.ALARM_COMMENT: {"admin", "supervisor", "operator"},
    P.ALARM_OUT_OF_SERVICE: {"admin", "supervisor"},
    P.READ_AUDIT: {"admin", "supervisor"},
    P.MANAGE_USERS: {"admin"}, P.MANAGE_API_KEYS: {"admin"}, P.MANAGE_CONFIG: {"admin"},
    P.TAG_WRITE: {"admin", "supervisor", "operator", "scada"},  # + per-tag grants
}


def test_every_route_is_in_the_table_with_the_declared_permission(rig: ApiRig) -> None:
    routes = {(m, path): declared_permission(r) for m, path, r in rig.app.state.http_routes}
    served = set(rig.app.openapi()["paths"])
    assert {path for _, path in routes} == served, "the checked routes are the served ones"
    assert set(routes) == set(ENDPOINTS), "an endpoint is missing from the matrix (or extra)"
    for key, permission in ENDPOINTS.items():
        assert routes[key] is permission, f"{key} declares {routes[key]}, expected {permission}"
        assert (key in PUBLIC_PATHS) == (permission is None)


def test_the_explicit_role_table_matches_roles_py() -> None:
    for permission, roles in ALLOWED.items():
        from_code = {r.value for r in Role if permission in ROLE_PERMISSIONS[Role(r)]}
        assert from_code == roles, permission


def _requests(rig: ApiRig, alarm: str, tag: str, victim_prefix: str) -> dict[
        tuple[str, str], tuple[str, dict[str, Any]]]:
    now = datetime.now(UTC)
    span = {"start": (now - timedelta(hours=1)).isoformat(), "end": now.isoformat()}
    return {
        ("GET", "/api/auth/me"): ("/api/auth/me", {}),
        ("POST", "/api/auth/change-password"): (
            "/api/auth/change-password",
            {"json": {"old_password": PASSWORD, "new_password": "short"}}),  # policy: 422
        ("POST", "/api/auth/logout"): ("/api/auth/logout", {}),
        ("GET", "/api/users"): ("/api/users", {}),
        ("POST", "/api/users"): ("/api/users", {"json": {
            "username": "nuevo", "role": "viewer", "password": "Separador-Trifasico-7"}}),
        ("GET", "/api/users/{username}"): ("/api/users/target", {}),
        ("PATCH", "/api/users/{username}"): ("/api/users/target", {"json": {"disabled": False}}),
        ("POST", "/api/users/{username}/reset-password"): (
            "/api/users/target/reset-password", {"json": {"new_password": "Cabezal-Pozo-1234"}}),
        ("POST", "/api/users/{username}/unlock"): ("/api/users/target/unlock", {}),
        ("GET", "/api/api-keys"): ("/api/api-keys", {}),
        ("POST", "/api/users/{username}/api-keys"): (
            "/api/users/scada/api-keys", {"json": {"name": "matrix"}}),
        ("DELETE", "/api/api-keys/{prefix}"): (f"/api/api-keys/{victim_prefix}", {}),
        ("GET", "/api/tags"): ("/api/tags", {"params": {"limit": 5}}),
        ("GET", "/api/tags/{name}"): (f"/api/tags/{tag}", {}),
        ("POST", "/api/tags/values"): ("/api/tags/values", {"json": {"names": [tag]}}),
        ("GET", "/api/history/{name}/trend"): (f"/api/history/{tag}/trend", {"params": span}),
        ("GET", "/api/history/{name}/raw"): (f"/api/history/{tag}/raw", {"params": span}),
        ("GET", "/api/alarms/active"): ("/api/alarms/active", {}),
        ("GET", "/api/alarms/suppressed"): ("/api/alarms/suppressed", {}),
        ("GET", "/api/alarms/journal"): ("/api/alarms/journal", {}),
        ("GET", "/api/alarms/kpis"): ("/api/alarms/kpis", {"params": span}),
        ("GET", "/api/alarms/{name}"): (f"/api/alarms/{alarm}", {}),
        ("POST", "/api/alarms/{name}/acknowledge"): (f"/api/alarms/{alarm}/acknowledge", {}),
        ("POST", "/api/alarms/{name}/reset"): (f"/api/alarms/{alarm}/reset", {}),
        ("POST", "/api/alarms/{name}/shelve"): (
            f"/api/alarms/{alarm}/shelve", {"json": {"reason": "mantenimiento",
                                                      "duration_s": 600}}),
        ("POST", "/api/alarms/{name}/unshelve"): (f"/api/alarms/{alarm}/unshelve", {}),
        ("POST", "/api/alarms/{name}/comment"): (
            f"/api/alarms/{alarm}/comment", {"json": {"comment": "revisado"}}),
        ("POST", "/api/alarms/{name}/out-of-service"): (
            f"/api/alarms/{alarm}/out-of-service", {"json": {"reason": "sensor en reparación"}}),
        ("POST", "/api/alarms/{name}/return-to-service"): (
            f"/api/alarms/{alarm}/return-to-service", {}),
        ("GET", "/api/devices"): ("/api/devices", {}),
        ("GET", "/api/audit"): ("/api/audit", {}),
        ("GET", "/api/production/daily"): ("/api/production/daily", {"params": {
            "well": ["W01", "W02"], "start": "2024-01-01", "end": "2026-12-01"}}),
        ("GET", "/api/production/wells"): ("/api/production/wells", {}),
        ("GET", "/api/production/targets"): ("/api/production/targets", {}),
        ("POST", "/api/tags/{name}/select"): (f"/api/tags/{tag}/select", {"json": {"value": 1}}),
        ("POST", "/api/tags/{name}/operate"): (
            f"/api/tags/{tag}/operate", {"json": {"selection_id": "none"}}),
        ("POST", "/api/tags/{name}/cancel"): (
            f"/api/tags/{tag}/cancel", {"json": {"selection_id": "none"}}),
        ("GET", "/api/grants"): ("/api/grants", {}),
        ("POST", "/api/grants"): (
            "/api/grants", {"json": {"tag": "*.ESP.FREQ_SP", "role": "operator"}}),
        ("DELETE", "/api/grants/{grant_id}"): ("/api/grants/999999", {}),  # admin: 404
    }


async def test_every_role_against_every_endpoint(rig: ApiRig) -> None:
    rig.auth.users.create_user(LOCAL_ADMIN, "target", Role.VIEWER, CONSOLE,
                               password=PASSWORD, must_change_password=False)
    victim = rig.auth.api_keys.create(LOCAL_ADMIN, "scada", "victim", CONSOLE).info.prefix
    assert rig.engine.alarms is not None and rig.engine.lvc is not None
    alarm = rig.engine.alarms.snapshot()[0]["name"]
    tag = next(rig.engine.field.tags()).name
    requests = _requests(rig, alarm, tag, victim)
    protected = [k for k, p in ENDPOINTS.items() if p is not None]
    assert set(requests) == set(protected)
    order = sorted(protected, key=lambda k: k == ("POST", "/api/auth/logout"))  # logout last
    mismatches: list[str] = []
    for who in WHO:
        client = rig.client(who)
        for key in order:
            permission = ENDPOINTS[key]
            assert permission is not None
            allowed = who in ALLOWED[permission]
            if who != "anonymous":
                assert allowed == (permission in ROLE_PERMISSIONS[Role(who)])
            path, kwargs = requests[key]
            r = await client.request(key[0], path, **kwargs)
            assert r.status_code < 500, (who, key, r.status_code, r.text)
            if who == "anonymous":
                ok = r.status_code == 401 and r.json()["error"] == "invalid_token" and \
                    r.headers["www-authenticate"].startswith("Bearer")
            elif allowed:  # may still be refused further on (409, 422, no per-tag grant...)
                ok = r.status_code != 401 and not (
                    r.status_code == 403 and r.json()["error"] in (
                        "forbidden", "password_change_required"))
            else:
                ok = r.status_code == 403 and r.json()["error"] == "forbidden"
            if not ok:
                mismatches.append(f"{who} {key}: {r.status_code} {r.text[:120]}")
    assert not mismatches, "\n".join(mismatches)
    # Refusals of authenticated callers are audited.
    with rig.pool.connection() as conn:
        row = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'access_denied' "
                           "AND client_address = '10.20.0.15'").fetchone()
    assert row is not None and row[0] > 0


async def test_public_endpoints_need_no_credentials(rig: ApiRig) -> None:
    anon = rig.client("anonymous")
    assert (await anon.get("/api/health")).status_code == 200
    r = await anon.post("/api/auth/login", json={"username": "viewer", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["user"]["role"] == "viewer"
    r = await anon.post("/api/auth/refresh", json={"refresh_token": r.json()["refresh_token"]})
    assert r.status_code == 200
    r = await anon.get("/api/auth/policy")  # before login: the banner and the lock policy
    assert r.status_code == 200 and r.json() == {"login_banner": "", "lock_after_minutes": 0}
