""""Remember me": the password in the OS keyring, or nowhere.

Headless and kiosk machines often have no Secret Service; ``keyring`` then falls back to a
backend that fails or, worse, to a plaintext file if someone installed one. Only a backend of
real priority is used; otherwise nothing is stored and the login dialog says so.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "oilfield-hmi"
_REJECTED = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file")


def _backend_ok(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    if any(module.startswith(r) for r in _REJECTED):
        return False
    if module.startswith("keyring.backends.chainer"):
        return bool(getattr(backend, "backends", []))
    try:
        return float(backend.priority) > 0
    except Exception:
        return False


def available() -> bool:
    """True when a real OS secret store is there to hold the password."""
    try:
        return _backend_ok(keyring.get_keyring())
    except Exception:
        return False


def _key(server: str) -> str:
    return f"{SERVICE}:{server}"


def load(server: str) -> tuple[str, str] | None:
    """(user, password) remembered for ``server``, if any."""
    if not available():
        return None
    try:
        cred = keyring.get_credential(_key(server), None)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None
    return (cred.username, cred.password) if cred is not None else None


def save(server: str, user: str, password: str) -> bool:
    """Store (replacing any other user for this server); False when it could not."""
    if not available():
        return False
    try:
        forget(server)
        keyring.set_password(_key(server), user, password)
        return True
    except keyring.errors.KeyringError as exc:
        log.warning("keyring write failed: %s", exc)
        return False


def forget(server: str) -> None:
    with contextlib.suppress(Exception):
        cred = keyring.get_credential(_key(server), None)
        if cred is not None:
            keyring.delete_password(_key(server), cred.username)


# -- the certificate pin per server (not a secret, but kept with the login it goes with) ------
def _pin_key(server: str) -> str:
    return f"{SERVICE}-pin:{server}"


def load_pin(server: str) -> str | None:
    """The certificate pin remembered for ``server`` (``sha256:AB:...``), if any."""
    if not available():
        return None
    try:
        return keyring.get_password(_pin_key(server), "pin")
    except keyring.errors.KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None


def save_pin(server: str, pin: str) -> bool:
    """Remember ``pin`` for ``server`` (replacing the previous one); False when it could not."""
    if not available():
        return False
    try:
        keyring.set_password(_pin_key(server), "pin", pin)
        return True
    except keyring.errors.KeyringError as exc:
        log.warning("keyring write failed: %s", exc)
        return False


def forget_pin(server: str) -> None:
    with contextlib.suppress(Exception):
        keyring.delete_password(_pin_key(server), "pin")
