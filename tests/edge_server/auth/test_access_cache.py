"""The access-check cache: reused for at most its TTL, dropped at once by every change made
through this process that may withdraw or alter access (edge_server/auth/access_cache.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from edge_server.auth import AuthError, AuthErrorKind, AuthService, Principal, Role
from edge_server.auth.access_cache import ACCESS_CACHE_TTL_S, AccessCache
from tests.edge_server.auth.conftest import CLIENT, PASSWORD, FakeClock, add_user


def kind_of(call: object) -> AuthErrorKind:
    assert callable(call)
    with pytest.raises(AuthError) as info:
        call()
    return info.value.kind


def primed(auth: AuthService, token: str) -> Principal:
    """Check twice: the second answer comes from the cache."""
    first = auth.verify_access(token)
    assert auth.cached_access(token) == first
    return first


def test_ttl_is_short() -> None:
    assert 0 < ACCESS_CACHE_TTL_S <= 5.0


def test_logout_is_refused_on_the_next_request(auth: AuthService, admin: Principal) -> None:
    add_user(auth, admin, "jperez")
    pair = auth.login("jperez", PASSWORD, CLIENT)
    auth.logout(CLIENT, principal=primed(auth, pair.access_token))
    assert auth.cached_access(pair.access_token) is None
    assert kind_of(lambda: auth.verify_access(pair.access_token)) is \
        AuthErrorKind.SESSION_REVOKED


def test_logout_by_refresh_token_is_refused_on_the_next_request(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    pair = auth.login("jperez", PASSWORD, CLIENT)
    primed(auth, pair.access_token)
    auth.logout(CLIENT, refresh_token=pair.refresh_token)
    assert kind_of(lambda: auth.verify_access(pair.access_token)) is \
        AuthErrorKind.SESSION_REVOKED


def test_disable_is_refused_on_the_next_request(auth: AuthService, admin: Principal) -> None:
    add_user(auth, admin, "jperez")
    pair = auth.login("jperez", PASSWORD, CLIENT)
    primed(auth, pair.access_token)
    auth.users.set_disabled(admin, "jperez", True, CLIENT)
    assert kind_of(lambda: auth.verify_access(pair.access_token)) in (
        AuthErrorKind.SESSION_REVOKED, AuthErrorKind.ACCOUNT_DISABLED)


def test_role_change_applies_on_the_next_request(auth: AuthService, admin: Principal) -> None:
    add_user(auth, admin, "jperez", Role.OPERATOR)
    pair = auth.login("jperez", PASSWORD, CLIENT)
    assert primed(auth, pair.access_token).role is Role.OPERATOR
    auth.users.set_role(admin, "jperez", Role.VIEWER, CLIENT)
    assert auth.verify_access(pair.access_token).role is Role.VIEWER


def test_password_reset_and_change_end_other_sessions_at_once(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    here = auth.login("jperez", PASSWORD, CLIENT)
    elsewhere = auth.login("jperez", PASSWORD, CLIENT)
    me = primed(auth, here.access_token)
    primed(auth, elsewhere.access_token)
    new_password = PASSWORD + "-Nueva"
    auth.change_password(me, PASSWORD, new_password, CLIENT)
    assert kind_of(lambda: auth.verify_access(elsewhere.access_token)) is \
        AuthErrorKind.SESSION_REVOKED
    assert auth.verify_access(here.access_token).username == "jperez"
    auth.users.reset_password(admin, "jperez", PASSWORD + "-Otra", CLIENT)
    assert kind_of(lambda: auth.verify_access(here.access_token)) is \
        AuthErrorKind.SESSION_REVOKED


def test_refresh_reuse_is_refused_on_the_next_request(
    auth: AuthService, admin: Principal
) -> None:
    add_user(auth, admin, "jperez")
    stolen = auth.login("jperez", PASSWORD, CLIENT)
    legit = auth.refresh(stolen.refresh_token, CLIENT)
    primed(auth, legit.access_token)
    with pytest.raises(AuthError):
        auth.refresh(stolen.refresh_token, CLIENT)
    assert kind_of(lambda: auth.verify_access(legit.access_token)) is \
        AuthErrorKind.SESSION_REVOKED


def test_expired_token_is_not_served_from_the_cache(
    auth: AuthService, admin: Principal, clock: FakeClock
) -> None:
    add_user(auth, admin, "jperez")
    pair = auth.login("jperez", PASSWORD, CLIENT)
    primed(auth, pair.access_token)
    clock.advance(seconds=auth.settings.access_ttl.total_seconds() + 1)
    assert auth.cached_access(pair.access_token) is None
    assert kind_of(lambda: auth.verify_access(pair.access_token)) is \
        AuthErrorKind.TOKEN_EXPIRED


def test_another_process_revoking_is_seen_within_the_ttl(
    auth: AuthService, admin: Principal, database_url: str
) -> None:
    """Documented bound (docs/security.md): a change this process did not make (e.g. the
    ``oilfield user`` CLI) applies once the cached entry is older than the TTL."""
    now = [100.0]
    auth.access_cache._clock = lambda: now[0]
    add_user(auth, admin, "jperez")
    pair = auth.login("jperez", PASSWORD, CLIENT)
    primed(auth, pair.access_token)
    with AuthService(database_url, auth.settings) as other_process:
        other_process.logout(CLIENT, refresh_token=pair.refresh_token)
    assert auth.verify_access(pair.access_token)  # still cached ...
    now[0] += ACCESS_CACHE_TTL_S
    assert kind_of(lambda: auth.verify_access(pair.access_token)) is \
        AuthErrorKind.SESSION_REVOKED  # ... for at most the TTL


def test_a_check_racing_an_invalidation_is_not_stored() -> None:
    cache = AccessCache(5.0)
    principal = Principal(username="u", role=Role.VIEWER, user_id=1)
    later = datetime.now(UTC) + timedelta(hours=1)
    generation = cache.generation  # read before the (slow) database query ...
    cache.invalidate()  # ... a logout commits meanwhile ...
    cache.put(generation, "tok", principal, later)  # ... the stale answer is dropped
    assert cache.get("tok", datetime.now(UTC)) is None
    cache.put(cache.generation, "tok", principal, later)
    assert cache.get("tok", datetime.now(UTC)) is principal


def test_zero_ttl_disables_the_cache() -> None:
    cache = AccessCache(0.0)
    principal = Principal(username="u", role=Role.VIEWER, user_id=1)
    cache.put(cache.generation, "tok", principal, datetime.now(UTC) + timedelta(hours=1))
    assert cache.get("tok", datetime.now(UTC)) is None
