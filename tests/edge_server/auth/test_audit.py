"""The audit log is append-only in the database (trigger AND privileges); search is safe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import psycopg
import pytest

from edge_server.auth import (
    Action,
    AuditFilter,
    AuthError,
    AuthErrorKind,
    AuthService,
    Outcome,
    Principal,
    Role,
)
from tests.edge_server.auth.conftest import CLIENT, FakeClock, add_user


@pytest.fixture
def owner(database_url: str) -> Iterator[psycopg.Connection]:
    """A connection as the tables' owner (the superuser that ran the migrations)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        yield conn


@pytest.fixture
def with_rows(auth: AuthService) -> AuthService:
    for i in range(3):
        auth.audit.record(Action.TAG_WRITE, Outcome.OK, username="jperez", role="operator",
                          client=CLIENT, target=f"W0{i}.FREQ", old_value="50", new_value="55")
    return auth


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET outcome = 'ok'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
])
def test_even_the_owner_is_refused_by_the_trigger(
    with_rows: AuthService, owner: psycopg.Connection, statement: str
) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        owner.execute(statement)
    assert owner.execute("SELECT count(*) FROM audit_log").fetchone() == (3,)


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET outcome = 'ok'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
])
def test_the_app_role_lacks_the_privilege_even_with_the_trigger_disabled(
    with_rows: AuthService, owner: psycopg.Connection, statement: str
) -> None:
    with owner.transaction() as tx:  # rolled back at the end: trigger re-enabled
        owner.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        owner.execute("SET LOCAL ROLE oilfield_app")
        # the role can do its job: read and append
        owner.execute("INSERT INTO audit_log (action, outcome) VALUES ('login', 'ok')")
        assert owner.execute("SELECT count(*) FROM audit_log").fetchone() == (4,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            owner.execute(statement)
        raise psycopg.Rollback(tx)
    assert owner.execute("SELECT count(*) FROM audit_log").fetchone() == (3,)


def test_app_role_privileges_in_the_catalog(with_rows: AuthService,
                                            owner: psycopg.Connection) -> None:
    rows = owner.execute(
        "SELECT privilege_type FROM information_schema.role_table_grants "
        "WHERE grantee = 'oilfield_app' AND table_name = 'audit_log'"
    ).fetchall()
    assert {r[0] for r in rows} == {"INSERT", "SELECT"}


def test_search_filters_and_pages(with_rows: AuthService, admin: Principal,
                                  clock: FakeClock) -> None:
    auth = with_rows
    clock.advance(hours=1)
    auth.audit.record(Action.ALARM_ACK, Outcome.DENIED, username="maria", role="viewer",
                      target="W01.HIHI")
    by_user = auth.audit.search(admin, AuditFilter(username="JPEREZ"))
    assert len(by_user.entries) == 3 and by_user.next_before_id is None
    assert [e.target for e in auth.audit.search(admin, AuditFilter(target_prefix="W01")).entries
            ] == ["W01.HIHI", "W01.FREQ"]
    denied = auth.audit.search(admin, AuditFilter(outcome="denied")).entries
    assert [e.username for e in denied] == ["maria"]
    recent = auth.audit.search(admin, AuditFilter(start=clock.now - timedelta(minutes=1)))
    assert [e.action for e in recent.entries] == ["alarm_ack"]
    first = auth.audit.search(admin, AuditFilter(limit=3))
    assert len(first.entries) == 3 and first.next_before_id is not None
    rest = auth.audit.search(admin, AuditFilter(limit=3, before_id=first.next_before_id))
    assert len(rest.entries) == 1 and rest.next_before_id is None


@pytest.mark.parametrize("evil", [
    "' OR '1'='1", "x'; DELETE FROM audit_log; --", "%", "_", "\\", "jperez' --",
    "'; DROP TABLE users; --", "W0%", "\x00",
])
def test_injection_attempts_in_filters_match_nothing_and_harm_nothing(
    with_rows: AuthService, admin: Principal, owner: psycopg.Connection, evil: str
) -> None:
    auth = with_rows
    for flt in (AuditFilter(username=evil), AuditFilter(action=evil), AuditFilter(outcome=evil),
                AuditFilter(target_prefix=evil)):
        try:
            assert auth.audit.search(admin, flt).entries == []
        except psycopg.errors.DataError:  # NUL cannot even be sent as text: refused, not run
            assert evil == "\x00"
    assert owner.execute("SELECT count(*) FROM audit_log").fetchone() == (3,)
    assert owner.execute("SELECT to_regclass('users')").fetchone() == ("users",)


def test_only_supervisors_and_admins_read_the_audit_log(
    auth: AuthService, admin: Principal
) -> None:
    operator = Principal(username="jperez", role=Role.OPERATOR, user_id=1)
    with pytest.raises(AuthError) as info:
        auth.audit.search(operator, AuditFilter())
    assert info.value.kind is AuthErrorKind.FORBIDDEN
    supervisor = Principal(username="jefe", role=Role.SUPERVISOR, user_id=2)
    assert auth.audit.search(supervisor, AuditFilter()).entries == []


def test_user_changes_are_audited_with_old_and_new_values(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    auth.users.set_role(admin, "jperez", Role.SUPERVISOR, CLIENT)
    entry = auth.audit.search(admin, AuditFilter(action="user_update")).entries[0]
    assert (entry.username, entry.role, entry.target) == ("local:test", "admin", "jperez")
    assert (entry.old_value, entry.new_value) == ("role=operator", "role=supervisor")
    assert entry.client_address == CLIENT.address
