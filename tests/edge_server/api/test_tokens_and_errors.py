"""Token attacks, the error shape, body limits, headers and login rate limiting."""

from __future__ import annotations

import base64
import json
import time
import uuid

import jwt
import pytest

from edge_server.auth import AuthSettings
from tests.edge_server.api.conftest import PASSWORD, ApiRig, make_app


def _claims(rig: ApiRig, **override: object) -> dict[str, object]:
    settings: AuthSettings = rig.auth.settings
    with rig.pool.connection() as conn:
        row = conn.execute("SELECT u.id, s.family_id FROM users u JOIN sessions s "
                           "ON s.user_id = u.id WHERE u.username = 'admin' "
                           "AND s.revoked_at IS NULL").fetchone()
    assert row is not None
    now = int(time.time())
    return {"sub": "admin", "uid": row[0], "role": "admin", "sid": str(row[1]), "iat": now,
            "exp": now + 600, "jti": uuid.uuid4().hex, "iss": settings.issuer,
            "aud": settings.audience, "mcp": False, **override}


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def _status(rig: ApiRig, token: str) -> tuple[int, dict[str, object], str]:
    async with rig.new_client({"Authorization": f"Bearer {token}"}) as c:
        r = await c.get("/api/tags", params={"limit": 1})
    return r.status_code, r.json(), r.headers.get("www-authenticate", "")


@pytest.mark.filterwarnings("ignore:The HMAC key")
async def test_forged_tokens_are_401_with_a_challenge(rig: ApiRig) -> None:
    secret = rig.auth.settings.jwt_secret
    good = jwt.encode(_claims(rig), secret, algorithm="HS256")
    assert (await _status(rig, good))[0] == 200, "the forging recipe itself is right"

    header, payload, signature = rig.tokens["viewer"].split(".")
    promoted = {**json.loads(base64.urlsafe_b64decode(payload + "==")), "role": "admin"}
    forged = {
        "tampered payload": f"{header}.{_b64(promoted)}.{signature}",
        "tampered signature": f"{header}.{payload}.{signature[:-2]}AA",
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(rig))}.",
        "HS384 with the right key": jwt.encode(_claims(rig), secret, algorithm="HS384"),
        "wrong key": jwt.encode(_claims(rig), b"k" * 32, algorithm="HS256"),
        "expired": jwt.encode(_claims(rig, exp=int(time.time()) - 5), secret, algorithm="HS256"),
        "wrong audience": jwt.encode(_claims(rig, aud="other"), secret, algorithm="HS256"),
        "garbage": "not.a.jwt",
        "huge": "a" * 10_000,
    }
    for what, token in forged.items():
        status, body, challenge = await _status(rig, token)
        assert status == 401, what
        assert body["error"] in ("invalid_token", "token_expired"), what
        assert set(body["message"]) == {"en", "es"}
        assert challenge.startswith("Bearer"), what
    assert (await _status(rig, forged["expired"]))[1]["error"] == "token_expired"


async def test_logout_and_disable_act_at_once(rig: ApiRig) -> None:
    op = rig.client("operator")
    assert (await op.get("/api/auth/me")).status_code == 200
    assert (await op.post("/api/auth/logout")).status_code == 204
    r = await op.get("/api/auth/me")
    assert r.status_code == 401 and r.json()["error"] == "session_revoked"
    r = await rig.client("admin").patch("/api/users/viewer", json={"disabled": True})
    assert r.status_code == 200 and r.json()["disabled"] is True
    assert (await rig.client("viewer").get("/api/tags")).status_code == 401


async def test_refresh_rotates_and_reuse_ends_the_session(rig: ApiRig) -> None:
    anon = rig.client("anonymous")
    old = rig.refresh["supervisor"]
    r = await anon.post("/api/auth/refresh", json={"refresh_token": old})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    new = r.json()["refresh_token"]
    r = await anon.post("/api/auth/refresh", json={"refresh_token": old})
    assert r.status_code == 401 and r.json()["error"] == "refresh_reused"
    assert (await anon.post("/api/auth/refresh", json={"refresh_token": new})).status_code == 401


async def test_error_shape_body_limits_and_headers(rig: ApiRig) -> None:
    admin = rig.client("admin")
    cases = [
        ("malformed json", dict(content=b'{"names": [', headers={
            "content-type": "application/json"}), 400, "malformed_json"),
        ("wrong type", dict(json={"names": "W01"}), 422, "validation_error"),
        ("empty list", dict(json={"names": []}), 422, "validation_error"),
        ("too many names", dict(json={"names": ["x"] * 1001}), 422, "validation_error"),
        ("oversized", dict(json={"names": ["x" * 100] * 700}), 413, "payload_too_large"),
        ("not json at all", dict(content=b"\xff\xfe\x00", headers={
            "content-type": "application/json"}), 400, "bad_request"),
    ]
    for what, kwargs, status, code in cases:
        r = await admin.post("/api/tags/values", **kwargs)  # type: ignore[arg-type]
        assert (r.status_code, r.json()["error"]) == (status, code), (what, r.text[:200])
        assert set(r.json()["message"]) == {"en", "es"}

    async def chunks():  # no Content-Length: the limit must count the streamed bytes
        for _ in range(100):
            yield b" " * 1024

    r = await admin.post("/api/tags/values", content=chunks(),
                         headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "payload_too_large"
    r = await admin.get("/api/nowhere")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = await admin.get("/api/tags/NO.SUCH.TAG")
    assert r.status_code == 404 and r.json() == {
        "error": "unknown_tag", "message": r.json()["message"], "detail": "NO.SUCH.TAG"}
    for name, value in {"x-content-type-options": "nosniff", "x-frame-options": "DENY",
                        "cache-control": "no-store", "referrer-policy": "no-referrer"}.items():
        assert r.headers[name] == value
    assert "server" not in r.headers


async def test_password_change_required_blocks_all_but_the_change(rig: ApiRig) -> None:
    admin = rig.client("admin")
    r = await admin.post("/api/users/operator/reset-password",
                         json={"new_password": "Temporal-Pozo-2026"})
    assert r.status_code == 200 and r.json()["must_change_password"] is True
    anon = rig.client("anonymous")
    login = await anon.post("/api/auth/login",
                            json={"username": "operator", "password": "Temporal-Pozo-2026"})
    assert login.status_code == 200 and login.json()["must_change_password"] is True
    async with rig.new_client({"Authorization": f"Bearer {login.json()['access_token']}"}) as c:
        r = await c.get("/api/tags")
        assert r.status_code == 403 and r.json()["error"] == "password_change_required"
        assert (await c.get("/api/auth/me")).status_code == 200
        r = await c.post("/api/auth/change-password", json={
            "old_password": "Temporal-Pozo-2026", "new_password": "Nueva-Clave-Bateria-9"})
        assert r.status_code == 204
        assert (await c.get("/api/tags")).status_code == 200


@pytest.mark.parametrize("attempts", [3])
async def test_login_is_rate_limited_per_address(rig: ApiRig, attempts: int) -> None:
    app = make_app(rig.auth, rig.engine, rig.pool, login_rate={"attempts": attempts,
                                                               "window_s": 60})
    rig.app = app
    bad = {"username": "viewer", "password": "wrong-password-123"}
    async with rig.new_client(address="10.0.0.66") as attacker, \
            rig.new_client(address="10.0.0.7") as other:
        for _ in range(attempts):
            assert (await attacker.post("/api/auth/login", json=bad)).status_code == 401
        r = await attacker.post("/api/auth/login", json={"username": "viewer",
                                                         "password": PASSWORD})
        assert r.status_code == 429 and r.json()["error"] == "rate_limited"
        assert int(r.headers["retry-after"]) >= 1
        ok = await other.post("/api/auth/login", json={"username": "viewer",
                                                       "password": PASSWORD})
        assert ok.status_code == 200, "another address is not affected"
