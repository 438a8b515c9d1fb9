"""One error shape for every refusal the API gives, and the handlers that produce it.

Why one shape: the HMI shows ``message`` in the operator's language without knowing which
layer refused (auth, validation, the alarm state machine), and integrations branch on the
stable ``error`` code, never on text. Nothing but these handlers writes an error body, so an
unexpected exception becomes a bland 500 with no stack trace, and every 401 carries
``WWW-Authenticate`` (RFC 6750).
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from psycopg_pool import PoolTimeout
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from edge_server.auth.errors import AuthError, AuthErrorKind

log = logging.getLogger(__name__)

BEARER_CHALLENGE = 'Bearer realm="oilfield-edge"'


class Message(BaseModel):
    en: str
    es: str


class ErrorBody(BaseModel):
    """What every 4xx/5xx answer looks like."""

    error: str
    message: Message
    detail: Any | None = None


_TEXT: dict[str, tuple[str, str]] = {  # (en, es) for codes the auth layer does not define
    "bad_request": ("Bad request.", "Solicitud incorrecta."),
    "malformed_json": ("The request body is not valid JSON.",
                       "El cuerpo de la solicitud no es JSON válido."),
    "validation_error": ("Some request fields are invalid.",
                         "Algunos campos de la solicitud no son válidos."),
    "not_found": ("Not found.", "No encontrado."),
    "unknown_tag": ("No such tag.", "No existe esa variable."),
    "unknown_alarm": ("No such alarm.", "No existe esa alarma."),
    "method_not_allowed": ("Method not allowed.", "Método no permitido."),
    "payload_too_large": ("The request body is too large.",
                          "El cuerpo de la solicitud es demasiado grande."),
    "unsupported_media_type": ("Send the body as application/json.",
                               "Envíe el cuerpo como application/json."),
    "alarm_refused": ("The alarm's current state does not allow this action.",
                      "El estado actual de la alarma no permite esta acción."),
    "rate_limited": ("Too many login attempts from this address: wait and try again.",
                     "Demasiados intentos de inicio de sesión desde esta dirección: "
                     "espere e intente de nuevo."),
    "not_ready": ("The edge engine is still starting.", "El motor de borde aún está iniciando."),
    "unavailable": ("The service is temporarily unavailable.",
                    "El servicio no está disponible temporalmente."),
    "internal_error": ("Internal error; it has been logged.",
                       "Error interno; quedó registrado."),
}

_STATUS_CODE = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
                413: "payload_too_large", 415: "unsupported_media_type", 503: "unavailable"}


class ApiError(Exception):
    """A refusal from an endpoint: status, stable code, optional detail (never secrets)."""

    def __init__(
        self, status: int, code: str, detail: Any | None = None, *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or {}


def error_response(
    status: int, code: str, detail: Any | None = None, *,
    message: tuple[str, str] | None = None, headers: dict[str, str] | None = None,
) -> JSONResponse:
    en, es = message or _TEXT.get(code, _TEXT["bad_request"])
    body = ErrorBody(error=code, message=Message(en=en, es=es), detail=detail)
    hdrs = dict(headers or {})
    if status == 401:
        hdrs.setdefault("WWW-Authenticate", f'{BEARER_CHALLENGE}, error="invalid_token"')
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=hdrs)


def auth_error_response(exc: AuthError) -> JSONResponse:
    detail: dict[str, Any] = {}
    if exc.detail:
        detail["reason"] = exc.detail
    if exc.violations:
        detail["violations"] = [{"key": v.key, "en": v.en, "es": v.es} for v in exc.violations]
    headers: dict[str, str] = {}
    if exc.retry_after_s is not None:
        detail["retry_after_s"] = round(exc.retry_after_s)
        headers["Retry-After"] = str(max(1, round(exc.retry_after_s)))
    if exc.http_status == 401:
        headers["WWW-Authenticate"] = f'{BEARER_CHALLENGE}, error="invalid_token"'
        if exc.kind is AuthErrorKind.INVALID_CREDENTIALS:
            headers["WWW-Authenticate"] = BEARER_CHALLENGE
    return error_response(exc.http_status, exc.kind.value, detail or None,
                          message=(exc.message.en, exc.message.es), headers=headers)


def _validation_response(exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "malformed_json")
    detail = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
         "type": str(e.get("type", ""))}
        for e in errors[:20]  # bounded: a hostile body must not produce a huge answer
    ]
    return error_response(422, "validation_error", detail)


def install_error_handlers(app: FastAPI) -> None:
    """Every exception type an endpoint may raise, mapped to the one shape."""

    async def on_auth(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AuthError)
        return auth_error_response(exc)

    async def on_api(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.code, exc.detail, headers=exc.headers)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return _validation_response(exc)

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = _STATUS_CODE.get(exc.status_code, "bad_request" if exc.status_code < 500
                                else "internal_error")
        return error_response(exc.status_code, code, headers=dict(exc.headers or {}))

    async def on_database_down(request: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable for %s %s: %s", request.method, request.url.path,
                    str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return error_response(503, "unavailable", headers={"Retry-After": "5"})

    async def on_bad_value(request: Request, exc: Exception) -> JSONResponse:
        # A value PostgreSQL cannot store or compare (a NUL byte, an out-of-range number):
        # the caller's input, not our failure.
        return error_response(422, "validation_error", "a value cannot be stored or searched "
                                                       "(control characters?)")

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error")

    app.add_exception_handler(AuthError, on_auth)
    app.add_exception_handler(ApiError, on_api)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(psycopg.OperationalError, on_database_down)
    app.add_exception_handler(PoolTimeout, on_database_down)
    app.add_exception_handler(psycopg.DataError, on_bad_value)
    app.add_exception_handler(Exception, on_unexpected)


#: For ``responses=`` in route declarations: the error shape in the OpenAPI document.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "Malformed request"), (401, "Not authenticated"), (403, "Not allowed"),
        (413, "Body too large"), (422, "Invalid fields"),
    )
}
