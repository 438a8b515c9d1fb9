"""Refresh rotation, reuse detection, logout, expiry, and password change ending sessions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edge_server.auth import AuditFilter, AuthError, AuthErrorKind, AuthService, Principal
from tests.edge_server.auth.conftest import CLIENT, PASSWORD, FakeClock, add_user


def kind_of(call: object) -> AuthErrorKind:
    assert callable(call)
    with pytest.raises(AuthError) as info:
        call()
    return info.value.kind


def test_refresh_rotates_and_the_old_token_dies(auth: AuthService, admin: Principal) -> None:
    add_user(auth, admin, "jperez")
    first = auth.login("jperez", PASSWORD, CLIENT)
    second = auth.refresh(first.refresh_token, CLIENT)
    assert second.refresh_token != first.refresh_token
    assert second.principal.session_id == first.principal.session_id
    assert second.session_expires_at == first.session_expires_at  # absolute, not extended
    third = auth.refresh(second.refresh_token, CLIENT)
    assert auth.verify_access(third.access_token).username == "jperez"


def test_reuse_of_a_rotated_token_revokes_the_whole_family(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    stolen = auth.login("jperez", PASSWORD, CLIENT)
    legit = auth.refresh(stolen.refresh_token, CLIENT)
    other_session = auth.login("jperez", PASSWORD, CLIENT)
    assert kind_of(lambda: auth.refresh(stolen.refresh_token, CLIENT)) is \
        AuthErrorKind.REFRESH_REUSED
    # the legitimate holder's newer tokens are dead too ...
    assert kind_of(lambda: auth.refresh(legit.refresh_token, CLIENT)) is \
        AuthErrorKind.SESSION_REVOKED
    assert kind_of(lambda: auth.verify_access(legit.access_token)) is \
        AuthErrorKind.SESSION_REVOKED
    # ... but another login of the same user is a different family and lives on
    assert auth.verify_access(other_session.access_token)
    entry = auth.audit.search(admin, AuditFilter(action="refresh_reuse")).entries[0]
    assert entry.outcome == "denied" and entry.client_address == CLIENT.address


def test_logout_ends_the_session_for_access_and_refresh(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    pair = auth.login("jperez", PASSWORD, CLIENT)
    auth.logout(CLIENT, principal=auth.verify_access(pair.access_token))
    assert kind_of(lambda: auth.verify_access(pair.access_token)) is \
        AuthErrorKind.SESSION_REVOKED
    assert kind_of(lambda: auth.refresh(pair.refresh_token, CLIENT)) is \
        AuthErrorKind.SESSION_REVOKED
    by_refresh = auth.login("jperez", PASSWORD, CLIENT)
    auth.logout(CLIENT, refresh_token=by_refresh.refresh_token)
    assert kind_of(lambda: auth.verify_access(by_refresh.access_token)) is \
        AuthErrorKind.SESSION_REVOKED
    assert [e.action for e in auth.audit.search(admin, AuditFilter(action="logout")).entries] \
        == ["logout", "logout"]


def test_session_idle_and_absolute_expiry(
    auth: AuthService, admin: Principal, clock: FakeClock
) -> None:
    add_user(auth, admin, "jperez")
    idle = auth.login("jperez", PASSWORD, CLIENT)
    clock.advance(minutes=61)
    assert kind_of(lambda: auth.refresh(idle.refresh_token, CLIENT)) is \
        AuthErrorKind.SESSION_EXPIRED
    shift = auth.login("jperez", PASSWORD, CLIENT)
    token = shift.refresh_token
    for _ in range(25):  # an HMI refreshing every 30 min keeps it alive ... for 12 h only
        clock.advance(minutes=30)
        try:
            token = auth.refresh(token, CLIENT).refresh_token
        except AuthError as exc:
            assert exc.kind is AuthErrorKind.SESSION_EXPIRED
            break
    else:
        pytest.fail("the session outlived its 12 h")
    assert clock.now >= shift.session_expires_at
    assert clock.now - shift.session_expires_at < auth.settings.idle_timeout


def test_access_token_expires_after_ten_minutes(
    auth: AuthService, admin: Principal, clock: FakeClock
) -> None:
    add_user(auth, admin, "jperez")
    pair = auth.login("jperez", PASSWORD, CLIENT)
    clock.advance(minutes=10)
    assert kind_of(lambda: auth.verify_access(pair.access_token)) is AuthErrorKind.TOKEN_EXPIRED


def test_change_password_needs_the_old_one_and_ends_other_sessions(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    here = auth.login("jperez", PASSWORD, CLIENT)
    elsewhere = auth.login("jperez", PASSWORD, CLIENT)
    me = auth.verify_access(here.access_token)
    assert kind_of(lambda: auth.change_password(me, "not-the-old-one", "Nueva-Clave-7x", CLIENT)
                   ) is AuthErrorKind.INVALID_CREDENTIALS
    with pytest.raises(AuthError) as info:
        auth.change_password(me, PASSWORD, "corta", CLIENT)
    assert info.value.kind is AuthErrorKind.POLICY_VIOLATION
    assert "password.too_short" in [v.key for v in info.value.violations]
    assert kind_of(lambda: auth.change_password(me, PASSWORD, PASSWORD, CLIENT)) is \
        AuthErrorKind.POLICY_VIOLATION
    auth.change_password(me, PASSWORD, "Nueva-Clave-Del-Turno-7", CLIENT)
    assert auth.verify_access(here.access_token).username == "jperez"  # this one stays
    assert kind_of(lambda: auth.verify_access(elsewhere.access_token)) is \
        AuthErrorKind.SESSION_REVOKED
    assert kind_of(lambda: auth.login("jperez", PASSWORD, CLIENT)) is \
        AuthErrorKind.INVALID_CREDENTIALS
    assert auth.login("jperez", "Nueva-Clave-Del-Turno-7", CLIENT)


def test_disable_and_role_change_take_effect_at_once(
    auth: AuthService, admin: Principal
) -> None:
    from edge_server.auth import Role

    add_user(auth, admin, "jperez", role=Role.SUPERVISOR)
    pair = auth.login("jperez", PASSWORD, CLIENT)
    auth.users.set_role(admin, "jperez", Role.VIEWER, CLIENT)
    assert auth.verify_access(pair.access_token).role is Role.VIEWER
    auth.users.set_disabled(admin, "jperez", True, CLIENT)
    assert kind_of(lambda: auth.verify_access(pair.access_token)) is \
        AuthErrorKind.SESSION_REVOKED


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=400), st.none(), st.integers()))
def test_garbage_refresh_token_raises_only_auth_error(auth: AuthService, garbage: object) -> None:
    with pytest.raises(AuthError) as info:
        auth.refresh(garbage, CLIENT)  # type: ignore[arg-type]
    assert info.value.kind is AuthErrorKind.INVALID_TOKEN
