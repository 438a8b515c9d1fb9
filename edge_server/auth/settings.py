"""Auth settings and the server secrets.

Two independent 256-bit secrets, so either can be rotated alone:

* ``jwt.key`` signs access tokens (HS256). Rotating it logs everyone out within one access
  lifetime, which is what you want after a suspected leak.
* ``apikey.key`` is the HMAC key API-key secrets are hashed with. Rotating it invalidates every
  SCADA API key, so it is kept apart from the JWT key.

Each comes from an environment variable (hex, >= 64 digits: IT can set it in the systemd unit)
or else from a file under ``<state_dir>/secrets/`` (directory 0700, file 0600), generated with
``secrets.token_bytes`` at first start. An existing file readable by group or others is refused,
not silently used: that secret may already have leaked.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

JWT_SECRET_ENV = "OILFIELD_JWT_SECRET"
APIKEY_SECRET_ENV = "OILFIELD_APIKEY_SECRET"
SECRET_BYTES = 32


class SecretError(RuntimeError):
    """A secret is missing, too short or stored unsafely (the edge must not start)."""


@dataclass(frozen=True)
class AuthSettings:
    """Everything tunable about authentication. Defaults suit one 12-hour shift."""

    jwt_secret: bytes = field(repr=False)
    apikey_secret: bytes = field(repr=False)
    issuer: str = "oilfield-edge"
    audience: str = "oilfield-api"
    access_ttl: timedelta = timedelta(minutes=10)
    session_ttl: timedelta = timedelta(hours=12)  # absolute: a shift, then log in again
    idle_timeout: timedelta = timedelta(hours=1)  # no refresh for this long ends the session
    lockout_threshold: int = 5  # failures before the first lock
    lockout_base: timedelta = timedelta(minutes=1)  # doubles with each further failure
    lockout_cap: timedelta = timedelta(minutes=30)
    api_key_touch_interval: timedelta = timedelta(minutes=1)  # last_used_at write granularity

    def __post_init__(self) -> None:
        for name in ("jwt_secret", "apikey_secret"):
            if len(getattr(self, name)) < SECRET_BYTES:
                raise SecretError(f"{name} must be at least {SECRET_BYTES * 8} bits")
        if self.access_ttl <= timedelta(0) or self.session_ttl <= timedelta(0):
            raise ValueError("token lifetimes must be positive")
        if self.lockout_threshold < 1:
            raise ValueError("lockout_threshold must be at least 1")

    @classmethod
    def load(
        cls, state_dir: Path, env: Mapping[str, str] | None = None, **overrides: object
    ) -> AuthSettings:
        """Secrets from the environment or ``state_dir/secrets`` (created when missing)."""
        env = os.environ if env is None else env
        return cls(
            jwt_secret=load_secret(state_dir / "secrets" / "jwt.key", env.get(JWT_SECRET_ENV)),
            apikey_secret=load_secret(
                state_dir / "secrets" / "apikey.key", env.get(APIKEY_SECRET_ENV)
            ),
            **overrides,  # type: ignore[arg-type]
        )


def load_secret(path: Path, from_env: str | None = None) -> bytes:
    """The secret from ``from_env`` (hex) if given, else from ``path``, created if missing."""
    if from_env:
        try:
            value = bytes.fromhex(from_env.strip())
        except ValueError:
            raise SecretError("secret environment variables must be hex") from None
        if len(value) < SECRET_BYTES:
            raise SecretError(f"secret from the environment is under {SECRET_BYTES * 8} bits")
        return value
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        _create_secret_file(path)
    info = path.stat()
    if stat.S_IMODE(info.st_mode) & 0o077:
        raise SecretError(f"{path} is readable by others: chmod 600 it, or delete it to rotate")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise SecretError(f"{path} belongs to another user")
    value = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if len(value) < SECRET_BYTES:
        raise SecretError(f"{path} holds under {SECRET_BYTES * 8} bits")
    return value


def _create_secret_file(path: Path) -> None:
    """Write a fresh secret atomically: two processes starting together agree on one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_bytes(SECRET_BYTES).hex() + "\n")
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):  # another process won the race: keep theirs
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
