"""``oilfield user`` / ``oilfield apikey`` against a real database, then the service uses them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from edge_server.auth import AuditFilter, AuthService, AuthSettings, Principal, Role
from edge_server.cli import main
from tests.edge_server.auth.conftest import CLIENT

FIELD = """\
field: Campo CLI
scan_classes: {fast: 1.0}
sites:
  - name: PAD-A
    devices:
      - name: W01
        port: 15001
        tags:
          - {name: W01.FREQ, address: 0, type: float32, scan_class: fast}
"""


@pytest.fixture
def config(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "field.yaml").write_text(FIELD, encoding="utf-8")
    cfg = tmp_path / "edge.yaml"
    cfg.write_text(f"field: field.yaml\nstate_dir: {tmp_path / 'state'}\n", encoding="utf-8")
    monkeypatch.setenv("OILFIELD_DATABASE_URL", database_url)
    return cfg


def run(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(args)


def test_user_add_with_password_stdin_then_login(
    config: Path, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["user", "add", "jefe", "--role", "admin", "--config", str(config),
                "--password-stdin"], monkeypatch, "Primer-Admin-Del-Campo-1\n") == 0
    assert "created jefe (admin)" in capsys.readouterr().out
    assert run(["user", "add", "mala", "--role", "operator", "--config", str(config),
                "--password-stdin"], monkeypatch, "corta\n") == 1
    err = capsys.readouterr().err
    assert "at least 12" in err and "al menos 12" in err
    assert run(["user", "list", "--config", str(config)], monkeypatch) == 0
    listing = capsys.readouterr().out
    assert "jefe" in listing and "mala" not in listing
    settings = AuthSettings.load(tmp_path / "state")
    with AuthService(database_url, settings) as auth:
        pair = auth.login("jefe", "Primer-Admin-Del-Campo-1", CLIENT)
        assert pair.principal.role is Role.ADMIN and not pair.must_change_password
        me = auth.verify_access(pair.access_token)
        created = auth.audit.search(me, AuditFilter(action="user_create")).entries[0]
        assert (created.username or "").startswith("local:")
        assert created.client_name == "oilfield-cli"


def test_passwd_disable_and_apikey_create(
    config: Path, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = ["--config", str(config)]
    assert run(["user", "add", "jperez", "--role", "operator", *c, "--password-stdin"],
               monkeypatch, "Bomba-Sumergible-42\n") == 0
    assert run(["user", "passwd", "jperez", *c, "--password-stdin", "--temporary"],
               monkeypatch, "Otra-Clave-Segura-77\n") == 0
    assert run(["user", "add", "dcs", "--role", "scada", *c], monkeypatch) == 0
    capsys.readouterr()
    assert run(["apikey", "create", "dcs", "--name", "DCS gateway", *c], monkeypatch) == 0
    key = capsys.readouterr().out.strip()
    assert run(["user", "disable", "jperez", *c], monkeypatch) == 0
    assert run(["user", "disable", "nadie", *c], monkeypatch) == 1
    settings = AuthSettings.load(tmp_path / "state")  # the secret the CLI created
    with AuthService(database_url, settings) as auth:
        assert auth.authenticate_api_key(key, CLIENT).username == "dcs"
        local = Principal(username="t", role=Role.ADMIN, user_id=None, via="local")
        info = auth.users.get_user(local, "jperez")
        assert info.disabled and info.must_change_password
