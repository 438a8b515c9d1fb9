"""Password hashing (argon2id) and the password policy.

Parameters: m = 32 MiB, t = 2, p = 1. OWASP's floor for argon2id is m = 19 MiB, t = 2, p = 1
(~31 ms on the reference edge box, docs/security.md); we take ~1.7x the memory for headroom
against offline cracking of a stolen database or backup, which keeps a verification at roughly
50-75 ms there: invisible at a login, and online guessing is bounded by the lockout anyway.
p = 1 because the edge box has 2 cores that also scan the field. A semaphore bounds how many
hashes run at once, so a login flood costs at most ``MAX_CONCURRENT_HASHES`` x 32 MiB of RAM
and cannot starve the scanner.

Hashes made with weaker (older) parameters are upgraded on the next successful login
(``verify`` returns a new hash). Passwords are NFKC-normalised first, so the same typed
password (e.g. "ñ" composed or decomposed, full-width digits) always hashes the same.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from edge_server.auth.errors import Message

MEMORY_KIB = 32 * 1024
TIME_COST = 2
PARALLELISM = 1
OWASP_MIN_MEMORY_KIB = 19 * 1024
OWASP_MIN_TIME_COST = 2
MAX_CONCURRENT_HASHES = 2

MIN_LENGTH = 12
MAX_LENGTH = 256  # long enough for any passphrase, short enough not to be a DoS lever

_hasher = PasswordHasher(
    time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
    hash_len=32, salt_len=16, type=Type.ID,
)
_slots = threading.BoundedSemaphore(MAX_CONCURRENT_HASHES)


def normalize(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    """An argon2id PHC string (``$argon2id$v=19$m=32768,t=2,p=1$...``)."""
    with _slots:
        return _hasher.hash(normalize(password))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    new_hash: str | None = None  # set when ok and the stored hash used outdated parameters


def verify_password(stored_hash: str | None, password: str) -> VerifyResult:
    """Check ``password`` against ``stored_hash``; a None/garbage hash verifies as False.

    With ``stored_hash`` None (unknown user, service account) the dummy hash is verified anyway,
    so the answer takes as long as for a real user and timing does not reveal which usernames
    exist.
    """
    target = stored_hash if stored_hash else _dummy_hash()
    candidate = normalize(password)[: MAX_LENGTH * 4]
    with _slots:
        try:
            _hasher.verify(target, candidate)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return VerifyResult(False)
    if not stored_hash:
        return VerifyResult(False)
    new_hash = hash_password(password) if _hasher.check_needs_rehash(stored_hash) else None
    return VerifyResult(True, new_hash)


def burn_verification_time() -> None:
    """Spend one verification's time (for refusals decided before any password check)."""
    verify_password(None, "not a real password")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("dummy password used to equalise timing")


# -- policy ----------------------------------------------------------------------------------
#: A short list of what people choose first in Spanish and English (whole password, lowercase).
#: Not a breach corpus (there is no internet at the edge); it blocks the obvious.
COMMON_PASSWORDS = frozenset({
    "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111",
    "000000000000", "qwertyuiopas", "qwerty123456", "asdfghjklñ12", "abcdefghijkl",
    "password1234", "password12345", "passwordpassword", "password123!", "p@ssw0rd1234",
    "contraseña123", "contraseña1234", "contrasena123", "contrasena1234", "micontraseña",
    "administrador", "administrador1", "admin1234567", "adminadmin12", "operador1234",
    "operador12345", "supervisor123", "supervisor1234", "bienvenido123", "bienvenido1234",
    "welcome12345", "welcome123456", "letmein12345", "iloveyou1234", "teamo1234567",
    "petroleo1234", "petroleo2024", "petroleo2025", "petroleo2026", "oilfield1234",
    "oilfield2024", "oilfield2025", "oilfield2026", "scada1234567", "changeme1234",
    "cambiame1234", "cambiar12345", "default12345", "holamundo123", "qazwsxedcrfv",
})

_RULES: dict[str, tuple[str, str]] = {  # key: (en, es)
    "password.too_short": (
        f"Use at least {MIN_LENGTH} characters.", f"Use al menos {MIN_LENGTH} caracteres."),
    "password.too_long": (
        f"Use at most {MAX_LENGTH} characters.", f"Use como máximo {MAX_LENGTH} caracteres."),
    "password.contains_username": (
        "The password must not contain the username.",
        "La contraseña no debe contener el nombre de usuario."),
    "password.too_common": (
        "This password is too common; choose another.",
        "Esta contraseña es demasiado común; elija otra."),
    "password.single_character": (
        "The password must not repeat a single character.",
        "La contraseña no debe repetir un solo carácter."),
    "password.same_as_old": (
        "The new password must differ from the current one.",
        "La nueva contraseña debe ser distinta de la actual."),
}


def _message(key: str) -> Message:
    en, es = _RULES[key]
    return Message(key, en, es)


def check_policy(password: str, username: str) -> tuple[Message, ...]:
    """Every rule ``password`` breaks (empty when acceptable), with keys and both languages."""
    text = normalize(password)
    folded = text.casefold()
    problems: list[Message] = []
    if len(text) < MIN_LENGTH:
        problems.append(_message("password.too_short"))
    if len(text) > MAX_LENGTH:
        problems.append(_message("password.too_long"))
    user = normalize(username).casefold().strip()
    if user and (folded == user or (len(user) >= 3 and user in folded)):
        problems.append(_message("password.contains_username"))
    if folded in COMMON_PASSWORDS or folded.strip() in COMMON_PASSWORDS:
        problems.append(_message("password.too_common"))
    if text and len(set(text)) == 1:
        problems.append(_message("password.single_character"))
    return tuple(problems)


def same_as_old_violation() -> Message:
    return _message("password.same_as_old")


def parameters_of(stored_hash: str) -> dict[str, int]:
    """The m/t/p parameters of a PHC argon2 string (for tests and the security report)."""
    params = stored_hash.split("$")[3]
    return {k: int(v) for k, v in (item.split("=") for item in params.split(","))}
