"""The login dialog and the certificate pin: passed to the login, remembered per server with
"remember me", and a refused certificate explained in the operator's language."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from pytestqt.qtbot import QtBot

from hmi import credentials
from hmi._qt.login.dialog import LoginDialog
from hmi.api.errors import CertificateRejected
from tests.hmi.test_credentials import MemoryKeyring

PIN = "sha256:" + ":".join(["AB"] * 32)


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(before)


async def test_the_pin_is_used_and_remembered_with_the_login(
    qtbot: QtBot, memory_keyring: None
) -> None:
    calls: list[tuple[str, ...]] = []

    async def login(server: str, user: str, password: str, pin: str) -> None:
        calls.append((server, user, password, pin))

    dlg = LoginDialog(login, "https://edge-01:8080", "operador", pin=PIN, language="es")
    qtbot.addWidget(dlg)
    assert dlg.pin.text() == PIN and "solo https" in dlg.pin.placeholderText()
    dlg.password.setText("Bomba-Sumergible-42")
    dlg.remember.setChecked(True)
    await dlg._do_login()
    assert calls == [("https://edge-01:8080", "operador", "Bomba-Sumergible-42", PIN)]
    assert credentials.load_pin("https://edge-01:8080/api") == PIN  # the key the HMI reads
    assert credentials.load("https://edge-01:8080/api") == ("operador", "Bomba-Sumergible-42")


async def test_a_refused_certificate_is_explained(qtbot: QtBot, memory_keyring: None) -> None:
    async def login(server: str, user: str, password: str, pin: str) -> None:
        raise CertificateRejected("The edge's certificate is not the pinned one.",
                                  "El certificado del equipo de borde no es el fijado.",
                                  "sha256:CD")

    dlg = LoginDialog(login, "https://edge-01:8080", "operador", pin=PIN, language="es")
    qtbot.addWidget(dlg)
    dlg.password.setText("Bomba-Sumergible-42")
    dlg.remember.setChecked(True)
    await dlg._do_login()
    assert dlg.error.text() == "El certificado del equipo de borde no es el fijado."
    assert not dlg.error.isHidden() and dlg.result() == 0
    assert credentials.load_pin("https://edge-01:8080/api") is None, "nothing remembered"
