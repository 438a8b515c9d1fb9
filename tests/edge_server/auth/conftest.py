"""Fixtures for the auth tests: a real migrated database, a movable clock, a service on both."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from edge_server.auth import AuthService, AuthSettings, ClientInfo, Principal, Role

PASSWORD = "Bomba-Sumergible-42"
CLIENT = ClientInfo(address="10.20.0.15", name="HMI-SALA-1")


class FakeClock:
    """The one time source of the service; tests move it instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def auth_settings(tmp_path: Path) -> AuthSettings:
    return AuthSettings.load(tmp_path / "state", env={})


@pytest.fixture
def auth(database_url: str, auth_settings: AuthSettings, clock: FakeClock) -> Iterator[AuthService]:
    with AuthService(database_url, auth_settings, clock=clock) as service:
        yield service


@pytest.fixture
def admin() -> Principal:
    """The console admin (what ``oilfield user`` acts as)."""
    return Principal(username="local:test", role=Role.ADMIN, user_id=None, via="local")


def add_user(
    auth: AuthService, admin: Principal, username: str, role: Role = Role.OPERATOR,
    password: str = PASSWORD, *, must_change: bool = False,
) -> None:
    auth.users.create_user(
        admin, username, role, CLIENT,
        password=None if role is Role.SCADA else password, must_change_password=must_change,
    )
