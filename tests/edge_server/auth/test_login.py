"""Login: success, every refusal, lockout with doubling backoff, all of it audited."""

from __future__ import annotations

import psycopg
import pytest
from argon2 import PasswordHasher, Type

from edge_server.auth import (
    AuditFilter,
    AuthError,
    AuthErrorKind,
    AuthService,
    Principal,
    Role,
)
from edge_server.auth.passwords import MEMORY_KIB, parameters_of
from tests.edge_server.auth.conftest import CLIENT, PASSWORD, FakeClock, add_user


def login_error(auth: AuthService, username: str, password: str) -> AuthError:
    with pytest.raises(AuthError) as info:
        auth.login(username, password, CLIENT)
    return info.value


def audit_actions(auth: AuthService, admin: Principal, username: str) -> list[tuple[str, str]]:
    page = auth.audit.search(admin, AuditFilter(username=username))
    return [(e.action, e.outcome) for e in reversed(page.entries)]


def test_login_ok_returns_tokens_and_audits_the_client(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    pair = auth.login("JPerez", PASSWORD, CLIENT)  # usernames are case-insensitive
    assert pair.principal.username == "jperez" and pair.principal.role is Role.OPERATOR
    assert auth.verify_access(pair.access_token).user_id == pair.principal.user_id
    entry = auth.audit.search(admin, AuditFilter(action="login")).entries[0]
    assert (entry.username, entry.outcome) == ("jperez", "ok")
    assert (entry.client_address, entry.client_name) == ("10.20.0.15", "HMI-SALA-1")


def test_wrong_password_and_unknown_user_look_the_same(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    wrong = login_error(auth, "jperez", "Bomba-Sumergible-43")
    unknown = login_error(auth, "nadie", PASSWORD)
    assert wrong.kind is unknown.kind is AuthErrorKind.INVALID_CREDENTIALS
    assert wrong.message == unknown.message and wrong.detail == unknown.detail
    entries = auth.audit.search(admin, AuditFilter(action="login_failed")).entries
    reasons = {e.username: e.detail["reason"] for e in entries}
    assert reasons == {"jperez": "bad_password", "nadie": "unknown_user"}


def test_disabled_account_is_refused_only_after_the_right_password(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    auth.users.set_disabled(admin, "jperez", True, CLIENT)
    assert login_error(auth, "jperez", "wrong-password-1").kind is \
        AuthErrorKind.INVALID_CREDENTIALS
    assert login_error(auth, "jperez", PASSWORD).kind is AuthErrorKind.ACCOUNT_DISABLED


def test_scada_account_cannot_log_in_with_a_password(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "dcs-gateway", Role.SCADA)
    assert login_error(auth, "dcs-gateway", "").kind is AuthErrorKind.INVALID_CREDENTIALS


def test_lockout_after_five_failures_doubles_and_expires(
    auth: AuthService, admin: Principal, clock: FakeClock
) -> None:
    add_user(auth, admin, "jperez")
    for _ in range(4):
        assert login_error(auth, "jperez", "nope-nope-nope").kind is \
            AuthErrorKind.INVALID_CREDENTIALS
    fifth = login_error(auth, "jperez", "nope-nope-nope")
    assert fifth.kind is AuthErrorKind.ACCOUNT_LOCKED and fifth.retry_after_s == 60
    # while locked even the right password is refused, and the lock is not extended
    clock.advance(seconds=30)
    during = login_error(auth, "jperez", PASSWORD)
    assert during.kind is AuthErrorKind.ACCOUNT_LOCKED and during.retry_after_s == 30
    clock.advance(seconds=31)
    sixth = login_error(auth, "jperez", "nope-nope-nope")  # lock over; next failure: 2 min
    assert sixth.kind is AuthErrorKind.ACCOUNT_LOCKED and sixth.retry_after_s == 120
    clock.advance(minutes=2, seconds=1)
    assert auth.login("jperez", PASSWORD, CLIENT).principal.username == "jperez"
    assert auth.users.get_user(admin, "jperez").failed_logins == 0
    actions = audit_actions(auth, admin, "jperez")
    assert actions.count(("user_locked", "ok")) == 2
    assert actions[-1] == ("login", "ok")


def test_lockout_is_capped(auth: AuthService) -> None:
    s = auth.settings
    assert auth.lockout_for(s.lockout_threshold - 1) is None
    assert auth.lockout_for(s.lockout_threshold + 2) == s.lockout_base * 4
    assert auth.lockout_for(1000) == s.lockout_cap


def test_admin_unlock(auth: AuthService, admin: Principal) -> None:
    add_user(auth, admin, "jperez")
    for _ in range(5):
        login_error(auth, "jperez", "nope-nope-nope")
    auth.users.unlock(admin, "jperez", CLIENT)
    assert auth.login("jperez", PASSWORD, CLIENT)


def test_login_upgrades_an_old_weak_hash(
    auth: AuthService, admin: Principal, database_url: str
) -> None:
    add_user(auth, admin, "jperez")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID)
    with psycopg.connect(database_url) as conn:
        conn.execute("UPDATE users SET password_hash = %s", (weak.hash(PASSWORD),))
    auth.login("jperez", PASSWORD, CLIENT)
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT password_hash FROM users").fetchone()
    assert row is not None and parameters_of(row[0])["m"] == MEMORY_KIB


def test_forced_password_change_allows_only_that(
    auth: AuthService, admin: Principal
) -> None:
    from edge_server.auth import Permission

    add_user(auth, admin, "jperez", must_change=True)
    pair = auth.login("jperez", PASSWORD, CLIENT)
    principal = auth.verify_access(pair.access_token)
    assert pair.must_change_password and principal.must_change_password
    with pytest.raises(AuthError) as info:
        principal.require(Permission.READ_TAGS)
    assert info.value.kind is AuthErrorKind.PASSWORD_CHANGE_REQUIRED
    auth.change_password(principal, PASSWORD, "Nueva-Clave-Del-Turno-7", CLIENT)
    after = auth.verify_access(pair.access_token)
    after.require(Permission.READ_TAGS)
