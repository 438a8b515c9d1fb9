"""The one error type the auth layer raises, with a machine-readable kind and bilingual text.

Why one type: the API layer maps ``kind`` to an HTTP status in one place (``HTTP_STATUS``), and
callers can never leak an unexpected exception (a stack trace, a 500) from a bad token or
password. Messages exist in Spanish and English because the control rooms are Spanish-speaking
and the vendors' engineers often are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AuthErrorKind(StrEnum):
    INVALID_CREDENTIALS = "invalid_credentials"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_DISABLED = "account_disabled"
    PASSWORD_CHANGE_REQUIRED = "password_change_required"
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    SESSION_EXPIRED = "session_expired"
    SESSION_REVOKED = "session_revoked"
    REFRESH_REUSED = "refresh_reused"
    FORBIDDEN = "forbidden"
    POLICY_VIOLATION = "policy_violation"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    INVALID_REQUEST = "invalid_request"


#: What the (coming) HTTP layer answers for each kind.
HTTP_STATUS: dict[AuthErrorKind, int] = {
    AuthErrorKind.INVALID_CREDENTIALS: 401,
    AuthErrorKind.ACCOUNT_LOCKED: 423,
    AuthErrorKind.ACCOUNT_DISABLED: 403,
    AuthErrorKind.PASSWORD_CHANGE_REQUIRED: 403,
    AuthErrorKind.INVALID_TOKEN: 401,
    AuthErrorKind.TOKEN_EXPIRED: 401,
    AuthErrorKind.SESSION_EXPIRED: 401,
    AuthErrorKind.SESSION_REVOKED: 401,
    AuthErrorKind.REFRESH_REUSED: 401,
    AuthErrorKind.FORBIDDEN: 403,
    AuthErrorKind.POLICY_VIOLATION: 422,
    AuthErrorKind.NOT_FOUND: 404,
    AuthErrorKind.CONFLICT: 409,
    AuthErrorKind.INVALID_REQUEST: 422,
}

_TEXT: dict[AuthErrorKind, tuple[str, str]] = {  # (en, es)
    AuthErrorKind.INVALID_CREDENTIALS: (
        "Invalid username or password.", "Usuario o contraseña incorrectos."),
    AuthErrorKind.ACCOUNT_LOCKED: (
        "Account temporarily locked after repeated failed logins.",
        "Cuenta bloqueada temporalmente por intentos fallidos repetidos."),
    AuthErrorKind.ACCOUNT_DISABLED: ("Account disabled.", "Cuenta deshabilitada."),
    AuthErrorKind.PASSWORD_CHANGE_REQUIRED: (
        "You must change your password first.", "Debe cambiar su contraseña primero."),
    AuthErrorKind.INVALID_TOKEN: ("Invalid token.", "Token inválido."),
    AuthErrorKind.TOKEN_EXPIRED: ("Token expired.", "Token vencido."),
    AuthErrorKind.SESSION_EXPIRED: (
        "Session expired: log in again.", "Sesión vencida: inicie sesión de nuevo."),
    AuthErrorKind.SESSION_REVOKED: (
        "Session ended: log in again.", "Sesión terminada: inicie sesión de nuevo."),
    AuthErrorKind.REFRESH_REUSED: (
        "Session ended for security (token reused): log in again.",
        "Sesión terminada por seguridad (token reutilizado): inicie sesión de nuevo."),
    AuthErrorKind.FORBIDDEN: (
        "Your role does not allow this action.", "Su rol no permite esta acción."),
    AuthErrorKind.POLICY_VIOLATION: (
        "The password does not meet the policy.", "La contraseña no cumple la política."),
    AuthErrorKind.NOT_FOUND: ("Not found.", "No encontrado."),
    AuthErrorKind.CONFLICT: (
        "Conflicts with the current state.", "Conflicto con el estado actual."),
    AuthErrorKind.INVALID_REQUEST: ("Invalid request.", "Solicitud inválida."),
}


@dataclass(frozen=True)
class Message:
    """A user-facing message: a stable key for clients plus both languages."""

    key: str
    en: str
    es: str


class AuthError(Exception):
    """Authentication/authorization refused; ``kind`` says why, ``detail`` may say more."""

    def __init__(
        self,
        kind: AuthErrorKind,
        detail: str | None = None,
        *,
        retry_after_s: float | None = None,
        violations: tuple[Message, ...] = (),
    ) -> None:
        en, es = _TEXT[kind]
        super().__init__(f"{kind.value}: {detail or en}")
        self.kind = kind
        self.detail = detail
        self.message = Message(kind.value, en, es)
        self.retry_after_s = retry_after_s
        self.violations = violations

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.kind]
