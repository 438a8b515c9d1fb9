"""The role table and per-tag write grants (default deny, limits)."""

from __future__ import annotations

import psycopg
import pytest

from edge_server.auth import (
    ROLE_PERMISSIONS,
    AuthError,
    AuthErrorKind,
    AuthService,
    Permission,
    Principal,
    Role,
    authorize,
)
from edge_server.auth.roles import has_permission
from tests.edge_server.auth.conftest import CLIENT


def test_role_table_matches_the_design() -> None:
    for role in Role:
        assert has_permission(role, Permission.READ_TAGS)  # everyone reads, scada included
    ack = {r for r in Role if has_permission(r, Permission.ALARM_ACK)}
    assert ack == {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN}
    oos = {r for r in Role if has_permission(r, Permission.ALARM_OUT_OF_SERVICE)}
    assert oos == {Role.SUPERVISOR, Role.ADMIN}
    users = {r for r in Role if has_permission(r, Permission.MANAGE_USERS)}
    assert users == {Role.ADMIN}
    assert ROLE_PERMISSIONS[Role.SCADA] == {Permission.READ_TAGS, Permission.READ_HISTORY,
                                            Permission.READ_ALARMS, Permission.TAG_WRITE}
    assert not has_permission(Role.VIEWER, Permission.TAG_WRITE)


def test_authorize_by_roles() -> None:
    authorize(Role.ADMIN, [Role.ADMIN, Role.SUPERVISOR])
    with pytest.raises(AuthError) as info:
        authorize(Role.OPERATOR, [Role.ADMIN])
    assert info.value.kind is AuthErrorKind.FORBIDDEN and info.value.http_status == 403


@pytest.fixture
def tags(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "INSERT INTO tags (name, data_type, eu_min, eu_max) VALUES "
            "('PAD-A.W01.FREQ_SP', 'float32', 30, 60), ('PAD-A.W01.PSD_SP', 'float32', 0, 500),"
            "('PAD-B.W09.FREQ_SP', 'float32', 30, 60)"
        )


def test_tag_writes_default_deny_then_grants_with_limits(
    auth: AuthService, admin: Principal, tags: None
) -> None:
    operator = Principal(username="jperez", role=Role.OPERATOR, user_id=41)
    viewer = Principal(username="ana", role=Role.VIEWER, user_id=42)
    policy = auth.tag_writes
    assert policy.check(operator, "PAD-A.W01.FREQ_SP", 50).reason == "no_grant"
    policy.grant(admin, CLIENT, tag_pattern="PAD-A.*.FREQ_SP", role=Role.OPERATOR,
                 min_value=40, max_value=55)
    ok = policy.check(operator, "PAD-A.W01.FREQ_SP", 50)
    assert ok.allowed and (ok.min_value, ok.max_value) == (40, 55)
    assert policy.check(operator, "PAD-A.W01.FREQ_SP", 58).reason == "out_of_range"
    assert policy.check(operator, "PAD-B.W09.FREQ_SP", 50).reason == "no_grant"
    assert policy.check(operator, "PAD-A.W01.PSD_SP", 100).reason == "no_grant"
    assert policy.check(viewer, "PAD-A.W01.FREQ_SP", 50).reason == "no_permission"
    assert policy.check(operator, "NOPE", 1).reason == "unknown_tag"
    assert policy.check(operator, "PAD-A.W01.FREQ_SP", float("nan")).reason == \
        "not_a_finite_number"
    # a grant without limits falls back to the tag's engineering range
    policy.grant(admin, CLIENT, tag_pattern="PAD-B.*", role=Role.OPERATOR)
    assert policy.check(operator, "PAD-B.W09.FREQ_SP", 60).allowed
    assert not policy.check(operator, "PAD-B.W09.FREQ_SP", 61).allowed
    with pytest.raises(AuthError):
        policy.grant(operator, CLIENT, tag_pattern="*", role=Role.OPERATOR)
