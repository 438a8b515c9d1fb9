"""Managing per-tag write grants: add/remove/list (admins), stored as patterns, refused when
they cover no writable tag, each change audited as config_change with old and new; and the
``oilfield grant`` console commands on a real database."""

from __future__ import annotations

import io
from pathlib import Path

import psycopg
import pytest

from edge_server.auth import AuditFilter, AuthError, AuthErrorKind, AuthService, Principal, Role
from edge_server.auth.tag_writes import covered
from edge_server.cli import main
from tests.edge_server.auth.conftest import CLIENT, add_user

WRITABLE = ["PAD-A.W01.FREQ_SP", "PAD-A.W02.FREQ_SP", "PAD-B.W09.FREQ_SP", "PAD-A.W01.PSD_SP"]
OPERATOR = Principal(username="jperez", role=Role.OPERATOR, user_id=None)


@pytest.fixture
def tags(database_url: str) -> None:
    with psycopg.connect(database_url) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO tags (name, data_type, eu_min, eu_max) VALUES (%s, 'float32', 30, 60)",
            [(n,) for n in WRITABLE])


def audit(auth: AuthService, admin: Principal) -> list[tuple[str | None, str | None, str | None]]:
    entries = auth.audit.search(admin, AuditFilter(action="config_change")).entries
    return [(e.target, e.old_value, e.new_value) for e in reversed(entries)]


def test_pattern_grant_is_stored_as_written_and_covers_later_tags(
    auth: AuthService, admin: Principal, tags: None, database_url: str
) -> None:
    policy = auth.tag_writes
    g = policy.add(admin, CLIENT, "PAD-A.*.FREQ_SP", role=Role.OPERATOR, min_value=35,
                   max_value=55, writable=WRITABLE)
    assert (g.tag, g.role, g.username, g.min_value, g.max_value) == (
        "PAD-A.*.FREQ_SP", Role.OPERATOR, None, 35, 55)
    assert covered(g.tag, WRITABLE) == ["PAD-A.W01.FREQ_SP", "PAD-A.W02.FREQ_SP"]
    assert policy.check(OPERATOR, "PAD-A.W02.FREQ_SP", 50).allowed
    assert policy.check(OPERATOR, "PAD-A.W02.FREQ_SP", 56).reason == "out_of_range"
    assert policy.check(OPERATOR, "PAD-B.W09.FREQ_SP", 50).reason == "no_grant"
    # A well added to the field later is covered by the same grant (one row, not expanded).
    with psycopg.connect(database_url) as conn:
        conn.execute("INSERT INTO tags (name, data_type) VALUES ('PAD-A.W07.FREQ_SP', 'float32')")
        assert conn.execute("SELECT count(*) FROM tag_write_permissions").fetchone() == (1,)
    assert policy.check(OPERATOR, "PAD-A.W07.FREQ_SP", 40).allowed
    [(target, old, new)] = audit(auth, admin)
    assert target == f"tag_write_permissions/{g.id}" and old is None
    assert new == "tag=PAD-A.*.FREQ_SP to=role:operator min=35 max=55"
    entry = auth.audit.search(admin, AuditFilter(action="config_change")).entries[0]
    assert entry.detail["op"] == "grant_add" and entry.detail["covers"] == 2
    assert (entry.username, entry.client_address) == ("local:test", CLIENT.address)


def test_remove_ends_the_permission_and_is_audited_with_the_old_grant(
    auth: AuthService, admin: Principal, tags: None
) -> None:
    add_user(auth, admin, "jperez")
    g = auth.tag_writes.add(admin, CLIENT, "PAD-B.W09.FREQ_SP", username="JPEREZ",
                            writable=WRITABLE)
    assert g.username == "jperez" and g.grantee == "user:jperez"
    user = auth.users.get_user(admin, "jperez")
    me = Principal(username="jperez", role=Role.OPERATOR, user_id=user.id)
    assert auth.tag_writes.check(me, "PAD-B.W09.FREQ_SP", 60).allowed  # the tag's range
    assert not auth.tag_writes.check(OPERATOR, "PAD-B.W09.FREQ_SP", 60).allowed  # not a role
    assert [x.id for x in auth.tag_writes.list_grants(admin, username="jperez")] == [g.id]
    removed = auth.tag_writes.remove(admin, CLIENT, g.id)
    assert removed.id == g.id
    assert auth.tag_writes.check(me, "PAD-B.W09.FREQ_SP", 60).reason == "no_grant"
    assert audit(auth, admin)[-1] == (
        f"tag_write_permissions/{g.id}", "tag=PAD-B.W09.FREQ_SP to=user:jperez min=- max=-",
        None)
    with pytest.raises(AuthError) as info:
        auth.tag_writes.remove(admin, CLIENT, g.id)
    assert info.value.kind is AuthErrorKind.NOT_FOUND


def test_list_filters_by_tag_role_and_user(auth: AuthService, admin: Principal,
                                           tags: None) -> None:
    p = auth.tag_writes
    a = p.add(admin, CLIENT, "PAD-A.*", role=Role.OPERATOR, writable=WRITABLE)
    b = p.add(admin, CLIENT, "*.FREQ_SP", role=Role.SUPERVISOR, writable=WRITABLE)
    c = p.add(admin, CLIENT, "PAD-B.W09.FREQ_SP", role=Role.SCADA, writable=WRITABLE)
    assert [g.id for g in p.list_grants(admin)] == [a.id, b.id, c.id]
    assert [g.id for g in p.list_grants(admin, tag="PAD-B.W09.FREQ_SP")] == [b.id, c.id]
    assert [g.id for g in p.list_grants(admin, tag="PAD-A.W01.PSD_SP")] == [a.id]
    assert [g.id for g in p.list_grants(admin, role=Role.SCADA)] == [c.id]


@pytest.mark.parametrize(("tag", "kwargs", "kind", "text"), [
    ("PAD-C.*", {"role": Role.OPERATOR}, AuthErrorKind.INVALID_REQUEST, "matches no writable"),
    ("PAD-A.W01.FREQ", {"role": Role.OPERATOR}, AuthErrorKind.INVALID_REQUEST, "no writable"),
    ("PAD-A.*", {"role": Role.VIEWER}, AuthErrorKind.INVALID_REQUEST, "cannot write tags"),
    ("PAD-A.*", {}, AuthErrorKind.INVALID_REQUEST, "one of role or username"),
    ("PAD-A.*", {"role": Role.OPERATOR, "username": "x"}, AuthErrorKind.INVALID_REQUEST,
     "one of role or username"),
    ("PAD-A.*", {"username": "nadie"}, AuthErrorKind.NOT_FOUND, "nadie"),
    ("PAD-A.*", {"role": Role.OPERATOR, "min_value": 50, "max_value": 40},
     AuthErrorKind.INVALID_REQUEST, "above"),
    ("PAD-A.*", {"role": Role.OPERATOR, "max_value": float("inf")},
     AuthErrorKind.INVALID_REQUEST, "finite"),
    ("PAD-A.*'; DROP TABLE users; --", {"role": Role.OPERATOR}, AuthErrorKind.INVALID_REQUEST,
     "glob pattern"),
    ("", {"role": Role.OPERATOR}, AuthErrorKind.INVALID_REQUEST, "glob pattern"),
])
def test_bad_grants_are_refused_and_change_nothing(
    auth: AuthService, admin: Principal, tags: None, tag: str, kwargs: dict[str, object],
    kind: AuthErrorKind, text: str,
) -> None:
    with pytest.raises(AuthError) as info:
        auth.tag_writes.add(admin, CLIENT, tag, writable=WRITABLE, **kwargs)  # type: ignore[arg-type]
    assert info.value.kind is kind and text in (info.value.detail or "")
    assert auth.tag_writes.list_grants(admin) == [] and audit(auth, admin) == []


def test_duplicates_conflict_and_only_admins_manage(auth: AuthService, admin: Principal,
                                                   tags: None) -> None:
    add_user(auth, admin, "visor", Role.VIEWER)
    auth.tag_writes.add(admin, CLIENT, "PAD-A.*", role=Role.OPERATOR, writable=WRITABLE)
    with pytest.raises(AuthError) as info:
        auth.tag_writes.add(admin, CLIENT, "PAD-A.*", role=Role.OPERATOR, max_value=50,
                            writable=WRITABLE)
    assert info.value.kind is AuthErrorKind.CONFLICT
    with pytest.raises(AuthError) as info:  # a user whose role cannot write
        auth.tag_writes.add(admin, CLIENT, "PAD-A.*", username="visor", writable=WRITABLE)
    assert info.value.kind is AuthErrorKind.INVALID_REQUEST
    supervisor = Principal(username="jefe", role=Role.SUPERVISOR, user_id=None)
    for call in (lambda: auth.tag_writes.add(supervisor, CLIENT, "PAD-B.*",
                                             role=Role.OPERATOR),
                 lambda: auth.tag_writes.remove(supervisor, CLIENT, 1),
                 lambda: auth.tag_writes.list_grants(supervisor)):
        with pytest.raises(AuthError) as info:
            call()
        assert info.value.kind is AuthErrorKind.FORBIDDEN
    assert len(auth.tag_writes.list_grants(admin)) == 1


# -- oilfield grant ---------------------------------------------------------------------------

FIELD = """\
field: Campo Grants
scan_classes: {fast: 1.0}
sites:
  - name: PAD-A
    devices:
      - name: W01
        port: 15001
        tags:
          - {name: W01.ESP.FREQ, address: 0, type: float32, scan_class: fast}
          - {name: W01.ESP.FREQ_SP, address: 100, table: holding, type: float32,
             scan_class: fast, writable: true, eu_min: 30, eu_max: 70}
      - name: W02
        port: 15002
        tags:
          - {name: W02.ESP.FREQ_SP, address: 100, table: holding, type: float32,
             scan_class: fast, writable: true, eu_min: 30, eu_max: 70}
"""


@pytest.fixture
def config(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "field.yaml").write_text(FIELD, encoding="utf-8")
    cfg = tmp_path / "edge.yaml"
    cfg.write_text(f"field: field.yaml\nstate_dir: {tmp_path / 'state'}\n", encoding="utf-8")
    monkeypatch.setenv("OILFIELD_DATABASE_URL", database_url)
    return cfg


def cli(args: list[str], config: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return main([*args, "--config", str(config)])


def test_cli_grant_add_list_remove(
    config: Path, auth: AuthService, admin: Principal, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(["grant", "list"], config, monkeypatch) == 0
    assert "nobody may write" in capsys.readouterr().out
    # The engine never ran here (no tag registered yet): a grant is checked against the field
    # file's writable tags and kept as a pattern.
    assert cli(["grant", "add", "W*.ESP.FREQ_SP", "--role", "operator", "--min", "35",
                "--max", "60"], config, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "W*.ESP.FREQ_SP to role:operator (35..60)" in out
    assert "covers 2 writable tag(s): W01.ESP.FREQ_SP, W02.ESP.FREQ_SP" in out
    assert cli(["grant", "add", "W03.ESP.FREQ_SP", "--role", "operator"], config,
               monkeypatch) == 1
    assert "matches no writable tag" in capsys.readouterr().err
    assert cli(["grant", "add", "W01.ESP.FREQ", "--role", "operator"], config,
               monkeypatch) == 1  # a measurement
    assert cli(["grant", "add", "W*.ESP.FREQ_SP", "--role", "operator"], config,
               monkeypatch) == 1
    assert "conflict" in capsys.readouterr().err.lower()
    assert cli(["grant", "list", "--tag", "W02.ESP.FREQ_SP"], config, monkeypatch) == 0
    listing = capsys.readouterr().out
    [line] = [x for x in listing.splitlines() if "W*.ESP.FREQ_SP" in x]
    grant_id = int(line.split()[0])
    assert "role:operator" in line and "35..60" in line and "2: W01.ESP.FREQ_SP" in line
    assert cli(["grant", "remove", str(grant_id)], config, monkeypatch) == 0
    assert f"removed grant #{grant_id}" in capsys.readouterr().out
    assert cli(["grant", "remove", str(grant_id)], config, monkeypatch) == 1
    rows = auth.audit.search(admin, AuditFilter(action="config_change")).entries
    assert [(e.old_value is None, e.new_value is None, e.client_name) for e in rows] == [
        (False, True, "oilfield-cli"), (True, False, "oilfield-cli")]
