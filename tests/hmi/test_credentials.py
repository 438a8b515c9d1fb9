""""Remember me": stored only in a real keyring; a machine without one stores nothing."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.credentials import Credential, SimpleCredential

from hmi import credentials


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)

    def get_credential(self, service: str, username: str | None) -> Credential | None:
        for (s, u), p in self.store.items():
            if s == service and (username is None or u == username):
                return SimpleCredential(u, p)
        return None


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def test_memory_backend_round_trip(restore_keyring: None) -> None:
    keyring.set_keyring(MemoryKeyring())
    assert credentials.available()
    assert credentials.save("http://edge/api", "op", "secret-1")
    assert credentials.save("http://edge/api", "op2", "secret-2")  # replaces, one per server
    assert credentials.load("http://edge/api") == ("op2", "secret-2")
    credentials.forget("http://edge/api")
    assert credentials.load("http://edge/api") is None


def test_no_secret_service_stores_nothing(restore_keyring: None) -> None:
    keyring.set_keyring(fail.Keyring())
    assert not credentials.available()
    assert not credentials.save("http://edge/api", "op", "pw")
    assert credentials.load("http://edge/api") is None


def test_the_certificate_pin_is_remembered_per_server(restore_keyring: None) -> None:
    keyring.set_keyring(MemoryKeyring())
    assert credentials.load_pin("https://edge-01:8080/api") is None
    assert credentials.save_pin("https://edge-01:8080/api", "sha256:3F:9A")
    assert credentials.save_pin("https://edge-02:8080/api", "sha256:AA:BB")
    assert credentials.save_pin("https://edge-01:8080/api", "sha256:3F:9B")  # replaced
    assert credentials.load_pin("https://edge-01:8080/api") == "sha256:3F:9B"
    assert credentials.save("https://edge-01:8080/api", "op", "pw")  # apart from the login
    assert credentials.load("https://edge-01:8080/api") == ("op", "pw")
    credentials.forget_pin("https://edge-01:8080/api")
    assert credentials.load_pin("https://edge-01:8080/api") is None
    assert credentials.load_pin("https://edge-02:8080/api") == "sha256:AA:BB"
    keyring.set_keyring(fail.Keyring())
    assert not credentials.save_pin("https://edge-01:8080/api", "sha256:3F:9A")
    assert credentials.load_pin("https://edge-02:8080/api") is None
