"""User administration rules and SCADA API keys."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest

from edge_server.auth import AuditFilter, AuthError, AuthErrorKind, AuthService, Principal, Role
from tests.edge_server.auth.conftest import CLIENT, PASSWORD, FakeClock, add_user


def kind(fn: object) -> AuthErrorKind:
    assert callable(fn)
    with pytest.raises(AuthError) as info:
        fn()
    return info.value.kind


def test_only_admins_manage_users(auth: AuthService, admin: Principal) -> None:
    add_user(auth, admin, "jefe", Role.SUPERVISOR)
    supervisor = auth.verify_access(auth.login("jefe", PASSWORD, CLIENT).access_token)
    assert kind(lambda: auth.users.create_user(
        supervisor, "nuevo", Role.ADMIN, CLIENT, password=PASSWORD)) is AuthErrorKind.FORBIDDEN
    assert kind(lambda: auth.users.list_users(supervisor)) is AuthErrorKind.FORBIDDEN


def test_usernames_are_unique_case_insensitively_and_validated(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    assert kind(lambda: add_user(auth, admin, "JPEREZ")) is AuthErrorKind.CONFLICT
    assert kind(lambda: add_user(auth, admin, "j perez")) is AuthErrorKind.INVALID_REQUEST
    assert kind(lambda: add_user(auth, admin, "jpérez")) is AuthErrorKind.INVALID_REQUEST
    assert kind(lambda: add_user(auth, admin, "maria", password="jperez")) is \
        AuthErrorKind.POLICY_VIOLATION


def test_admin_created_user_must_change_password_by_default(
    auth: AuthService, admin: Principal
) -> None:
    info = auth.users.create_user(admin, "jperez", Role.OPERATOR, CLIENT, password=PASSWORD)
    assert info.must_change_password
    reset = auth.users.reset_password(admin, "jperez", "Clave-Temporal-2026x", CLIENT)
    assert reset.must_change_password


def test_the_last_admin_cannot_be_disabled_or_demoted(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "root1", Role.ADMIN)
    assert kind(lambda: auth.users.set_disabled(admin, "root1", True, CLIENT)) is \
        AuthErrorKind.CONFLICT
    assert kind(lambda: auth.users.set_role(admin, "root1", Role.VIEWER, CLIENT)) is \
        AuthErrorKind.CONFLICT
    add_user(auth, admin, "root2", Role.ADMIN)
    assert auth.users.set_role(admin, "root1", Role.VIEWER, CLIENT).role is Role.VIEWER


def test_scada_accounts_have_no_password_even_in_the_database(
    auth: AuthService, admin: Principal, database_url: str
) -> None:
    add_user(auth, admin, "dcs", Role.SCADA)
    assert kind(lambda: auth.users.set_role(admin, "dcs", Role.OPERATOR, CLIENT)) is \
        AuthErrorKind.CONFLICT
    with psycopg.connect(database_url) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("UPDATE users SET password_hash = 'x' WHERE username = 'dcs'")


def test_api_key_lifecycle(auth: AuthService, admin: Principal, clock: FakeClock) -> None:
    add_user(auth, admin, "dcs", Role.SCADA)
    created = auth.api_keys.create(admin, "dcs", "DCS gateway", CLIENT)
    assert created.key.startswith(f"ofk_{created.info.prefix}_")
    principal = auth.authenticate_api_key(created.key, CLIENT)
    assert (principal.username, principal.role, principal.via) == ("dcs", Role.SCADA, "api_key")
    listed = auth.api_keys.list_keys(admin, "DCS")
    assert [k.prefix for k in listed] == [created.info.prefix] and listed[0].last_used_at
    tampered = created.key[:-1] + ("A" if created.key[-1] != "A" else "B")
    assert kind(lambda: auth.authenticate_api_key(tampered, CLIENT)) is \
        AuthErrorKind.INVALID_CREDENTIALS
    auth.api_keys.revoke(admin, created.info.prefix, CLIENT)
    assert kind(lambda: auth.authenticate_api_key(created.key, CLIENT)) is \
        AuthErrorKind.INVALID_CREDENTIALS
    expiring = auth.api_keys.create(admin, "dcs", "temp", CLIENT,
                                    expires_at=clock.now + timedelta(days=1))
    assert auth.authenticate_api_key(expiring.key, CLIENT)
    clock.advance(days=1)
    assert kind(lambda: auth.authenticate_api_key(expiring.key, CLIENT)) is \
        AuthErrorKind.INVALID_CREDENTIALS
    failures = auth.audit.search(admin, AuditFilter(action="api_key_auth_failed")).entries
    assert [e.detail["reason"] for e in failures] == ["expired", "revoked", "bad_secret"]


def test_api_keys_only_for_scada_and_stop_when_disabled(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    assert kind(lambda: auth.api_keys.create(admin, "jperez", "x", CLIENT)) is \
        AuthErrorKind.INVALID_REQUEST
    add_user(auth, admin, "dcs", Role.SCADA)
    key = auth.api_keys.create(admin, "dcs", "gw", CLIENT).key
    auth.users.set_disabled(admin, "dcs", True, CLIENT)
    assert kind(lambda: auth.authenticate_api_key(key, CLIENT)) is \
        AuthErrorKind.INVALID_CREDENTIALS
    for garbage in ("", "ofk_", "ofk_zzzzzzzz_" + "a" * 43, "Bearer x", "ö" * 60):
        assert kind(lambda g=garbage: auth.authenticate_api_key(g, CLIENT)) is \
            AuthErrorKind.INVALID_CREDENTIALS


def test_api_key_secret_is_not_stored(auth: AuthService, admin: Principal,
                                      database_url: str) -> None:
    add_user(auth, admin, "dcs", Role.SCADA)
    key = auth.api_keys.create(admin, "dcs", "gw", CLIENT).key
    secret_part = key.split("_", 2)[2]
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT api_keys::text FROM api_keys").fetchall()
    assert secret_part not in str(rows)
