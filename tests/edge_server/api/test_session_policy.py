"""``GET /api/auth/policy``: the login banner (IEC 62443-3-3 SR 1.12) and the session lock
time (SR 2.5) from edge.yaml, readable before login; bad values are configuration errors."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from psycopg_pool import ConnectionPool
from pydantic import ValidationError

from edge_server.auth import AuthService, AuthSettings
from engine.config import load_field, load_settings
from engine.config.settings import ApiSettings
from engine.lvc import LastValueCache
from tests.edge_server.api.conftest import Pieces, make_app, write_site

BANNER = ("Sistema de control de Campo Demo. Uso exclusivo de personal autorizado; "
          "toda actividad queda registrada.\nAuthorised use only; activity is recorded.")


async def test_policy_is_public_and_says_what_edge_yaml_says(database_url: str,
                                                             tmp_path: Path) -> None:
    fld = load_field(load_settings(write_site(tmp_path)).field_path)
    auth = AuthService(database_url, AuthSettings.load(tmp_path / "state", env={}))
    pool = ConnectionPool(database_url, min_size=1, max_size=2, open=True)
    try:
        app = make_app(auth, Pieces(fld, LastValueCache()), pool, login_banner=BANNER,
                       hmi_lock_minutes=15)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://edge.test") as anon:
            r = await anon.get("/api/auth/policy")
    finally:
        pool.close()
        auth.close()
    assert r.status_code == 200
    assert r.json() == {"login_banner": BANNER, "lock_after_minutes": 15.0}


@pytest.mark.parametrize("bad", [{"login_banner": "x" * 4001}, {"hmi_lock_minutes": -1},
                                 {"hmi_lock_minutes": 2000}])
def test_bad_policy_values_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ApiSettings.model_validate({"host": "127.0.0.1", "tls": {"mode": "off"}, **bad})
