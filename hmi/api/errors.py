"""Errors the client raises: the API's one error shape ``{error, message: {en, es}, detail}``
kept intact, so screens can show the edge's own text in the operator's language."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A refusal from the edge (4xx/5xx) with its stable code and bilingual message."""

    def __init__(self, status: int, code: str, message_en: str = "", message_es: str = "",
                 detail: Any = None) -> None:
        super().__init__(f"{status} {code}: {message_en or detail}")
        self.status = status
        self.code = code
        self.message_en = message_en
        self.message_es = message_es
        self.detail = detail

    def text(self, language: str) -> str:
        """The edge's message in ``language`` ("es" or "en"), with the detail when useful."""
        msg = self.message_es if language == "es" else self.message_en
        msg = msg or self.code
        if isinstance(self.detail, str) and self.detail:
            msg = f"{msg} ({self.detail})"
        return msg


class AuthRequired(ApiError):
    """The session ended and could not be renewed silently: the HMI must ask for the password
    again (screens stay open)."""

    def __init__(self, reason: str) -> None:
        super().__init__(401, "auth_required", reason, reason)
        self.reason = reason


class ConnectionLost(Exception):
    """The edge did not answer (network, process down). Not an ``ApiError``: nothing was
    refused, the request may be retried when the link returns."""


class NotAvailable(Exception):
    """The edge does not offer this feature yet (404 on a route the HMI knows of)."""


class CertificateRejected(ConnectionLost):
    """The edge's TLS certificate is not the one pinned (``--pin``): the connection was closed
    before anything was sent. A wrong address, a replaced certificate or an interception; the
    operator must see which certificate was offered, in their language."""

    def __init__(self, message_en: str, message_es: str, presented: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_es = message_es
        self.presented = presented

    def text(self, language: str) -> str:
        return self.message_es if language == "es" else self.message_en
