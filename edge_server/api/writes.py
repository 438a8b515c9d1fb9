"""Field writes: select-before-operate on /api/tags/{name}/select, /operate and /cancel.

Why two steps (IEC 61850/DNP3-style SBO): the operator sees the current value next to the new
one before anything moves, and a stray or replayed request cannot change a setpoint on its own;
the selection is short-lived (30 s by default), single-use, one per tag, and bound to the user
*and* the login session (or API key) that made it.

Every attempt is written to ``audit_log`` (``tag_write_select``, ``tag_write`` for the operate,
``tag_write_cancel``), allowed or not, with the current value, the requested value, the value
read back from the device and the client. A write the device does not hold as asked (read-back
outside the tag's resolution) is a failure: 502 ``write_mismatch``. A device that is not
answering gives 503 ``device_down`` and nothing is sent.

Authorisation is two-fold (docs/security.md): the role needs ``tags.write`` (the route's
declaration, so a viewer gets 403 before anything else), and ``TagWritePolicy`` must grant that
tag and value to the user or role; the grant is checked again at operate, so a grant revoked
in between stops the write.

Endpoints are synchronous (FastAPI's thread pool): the policy and audit are database calls and
the write itself waits on the engine's loop (``WriteService.write_blocking``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from edge_server.api.deps import Ctx, epoch_to_dt
from edge_server.api.errors import ERROR_RESPONSES, ApiError, ErrorBody, error_response
from edge_server.api.security import client_info, require
from edge_server.auth.audit import Action, Outcome
from edge_server.auth.models import ClientInfo, Principal
from edge_server.auth.roles import Permission
from engine.writes import (
    DeviceDown,
    Owner,
    ReadBackFailed,
    Selection,
    SelectionError,
    TagNotWritable,
    UnknownTag,
    ValueOutOfRange,
    WriteNotConfirmed,
    WriteRejected,
    WriteResult,
    WriteService,
)

router = APIRouter(prefix="/tags", tags=["writes"], responses=ERROR_RESPONSES)

Writer = Annotated[Principal, require(Permission.TAG_WRITE)]
TagName = Annotated[str, Path(min_length=1, max_length=128)]
SelectionId = Annotated[str, Field(min_length=1, max_length=64)]

SELECT, OPERATE, CANCEL = "tag_write_select", Action.TAG_WRITE.value, "tag_write_cancel"

RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Unknown tag"},
    409: {"model": ErrorBody, "description": "Selection missing, expired, taken or changed"},
    502: {"model": ErrorBody, "description": "Not confirmed, or read-back differs"},
    503: {"model": ErrorBody, "description": "Device down (nothing written) or engine starting"},
}


class SelectRequest(BaseModel):
    value: float = Field(allow_inf_nan=False, description="new value, engineering units")


class OperateRequest(BaseModel):
    selection_id: SelectionId
    value: float | None = Field(default=None, allow_inf_nan=False,
                                description="if given, must equal the selected value")


class CancelRequest(BaseModel):
    selection_id: SelectionId


class SelectionOut(BaseModel):
    selection_id: str
    tag: str
    current_value: float | None
    current_quality: str
    new_value: float
    units: str
    expires_at: datetime


class OperateOut(BaseModel):
    ok: bool
    tag: str
    written: float
    read_back: float
    match: bool
    tolerance: float


class CancelOut(BaseModel):
    cancelled: bool
    tag: str
    selection_id: str


_TEXT: dict[str, tuple[str, str]] = {
    "unknown_tag": ("No such tag.", "No existe esa variable."),
    "tag_not_writable": ("This tag cannot be written.", "Esta variable no se puede escribir."),
    "write_not_granted": ("You are not allowed to write this tag.",
                          "No tiene permiso para escribir esta variable."),
    "out_of_range": ("The value is outside the allowed range.",
                     "El valor está fuera del rango permitido."),
    "selected_by_other": ("Another user has this tag selected.",
                          "Otro usuario tiene seleccionada esta variable."),
    "no_selection": ("No open selection: select the tag again.",
                     "No hay una selección abierta: seleccione la variable de nuevo."),
    "selection_expired": ("The selection expired: select the tag again.",
                          "La selección venció: seleccione la variable de nuevo."),
    "not_your_selection": ("This selection belongs to another user or session.",
                           "Esta selección pertenece a otro usuario o sesión."),
    "value_changed": ("The value differs from the one selected.",
                      "El valor difiere del seleccionado."),
    "device_down": ("The device is not answering: nothing was written.",
                    "El equipo no responde: no se escribió nada."),
    "write_refused": ("The driver refused this write.", "El driver rechazó esta escritura."),
    "write_not_confirmed": ("The device did not confirm the write: check the value.",
                            "El equipo no confirmó la escritura: verifique el valor."),
    "read_back_failed": ("Written, but the value could not be read back: check it.",
                         "Escrito, pero no se pudo releer el valor: verifíquelo."),
    "write_mismatch": ("The device holds a different value than the one written.",
                       "El equipo tiene un valor distinto del escrito."),
}


class Refusal(Exception):
    """A refused or failed attempt: audited, then answered with the shared error shape."""

    def __init__(self, status: int, code: str, reason: str, *, outcome: Outcome = Outcome.DENIED,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.status, self.code, self.reason = status, code, reason
        self.outcome, self.extra = outcome, extra or {}

    def response(self) -> JSONResponse:
        detail = {"reason": self.reason, **self.extra}
        return error_response(self.status, self.code, detail, message=_TEXT.get(self.code))


# -- helpers ----------------------------------------------------------------------------------

def _service(ctx: Ctx) -> WriteService:
    """The engine's write service (``EdgeEngine.writes``; not part of ``EngineView``, which
    the REST layer owns: read by name, None until the scanner runs)."""
    service: WriteService | None = getattr(ctx.engine, "writes", None)
    if service is None:
        raise ApiError(503, "not_ready", "the engine is not scanning yet")
    return service


def _owner(p: Principal) -> Owner:
    session = str(p.session_id) if p.session_id is not None else f"{p.via}:{p.username}"
    return Owner(user=p.username, session=session)


def _num(x: float | None) -> str | None:
    return None if x is None else repr(float(x))


class _Attempt:
    """One select/operate/cancel: collects what the audit row needs, writes it once."""

    def __init__(self, ctx: Ctx, request: Request, who: Principal, action: str,
                 tag: str) -> None:
        self.ctx, self.who, self.action, self.tag = ctx, who, action, tag
        self.client: ClientInfo = client_info(request)
        self.old: float | None = None
        self.new: float | None = None
        self.detail: dict[str, Any] = {}

    def audit(self, outcome: Outcome, **detail: Any) -> None:
        self.ctx.auth.audit.record(
            self.action, outcome, actor=self.who, client=self.client, target=self.tag,
            old_value=_num(self.old), new_value=_num(self.new),
            detail={**self.detail, **detail})

    def refuse(self, exc: Refusal) -> JSONResponse:
        self.audit(exc.outcome, reason=exc.code, message=exc.reason, **exc.extra)
        return exc.response()


def _check_grant(ctx: Ctx, who: Principal, tag: str, value: float) -> None:
    decision = ctx.auth.tag_writes.check(who, tag, value)
    if decision.allowed:
        return
    if decision.reason == "unknown_tag":
        raise Refusal(404, "unknown_tag", f"{tag} is not a tag of this field")
    if decision.reason == "out_of_range":
        raise Refusal(422, "out_of_range",
                      f"{value:g} is outside the range granted for {tag}: "
                      f"{decision.min_value}..{decision.max_value}",
                      extra={"min": decision.min_value, "max": decision.max_value})
    if decision.reason == "not_a_finite_number":
        raise Refusal(422, "out_of_range", f"{value!r} is not a finite number")
    raise Refusal(403, "write_not_granted",
                  f"no write grant on {tag} for {who.username} ({who.role.value}): "
                  f"{decision.reason}")


def _check_tag(service: WriteService, tag: str, value: float) -> None:
    try:
        service.check_range(service.writable_tag(tag), value)
    except UnknownTag:
        raise Refusal(404, "unknown_tag", f"{tag} is not a tag of this field") from None
    except TagNotWritable as exc:
        raise Refusal(403, "tag_not_writable", str(exc)) from None
    except ValueOutOfRange as exc:
        raise Refusal(422, "out_of_range", str(exc),
                      extra={"min": exc.low, "max": exc.high}) from None


_SELECTION_STATUS = {"selected_by_other": 409, "no_selection": 409, "selection_expired": 409,
                     "not_your_selection": 403, "value_changed": 409}


def _selection_refusal(exc: SelectionError) -> Refusal:
    return Refusal(_SELECTION_STATUS.get(exc.code, 409), exc.code, str(exc))


def _write(service: WriteService, sel: Selection) -> WriteResult:
    try:
        return service.write_blocking(sel.tag, sel.value)
    except DeviceDown as exc:
        raise Refusal(503, "device_down", str(exc), outcome=Outcome.FAILED,
                      extra={"written": False}) from None
    except (WriteRejected, ValueOutOfRange, TagNotWritable) as exc:
        raise Refusal(409, "write_refused", str(exc), outcome=Outcome.FAILED,
                      extra={"written": False}) from None
    except WriteNotConfirmed as exc:  # sent, unconfirmed: it may or may not hold
        raise Refusal(502, "write_not_confirmed", str(exc), outcome=Outcome.FAILED,
                      extra={"written": None, "read_back": None}) from None
    except ReadBackFailed as exc:  # the device confirmed the write; reading it back failed
        raise Refusal(502, "read_back_failed", str(exc), outcome=Outcome.FAILED,
                      extra={"written": sel.value, "read_back": None}) from None


# -- endpoints --------------------------------------------------------------------------------

@router.post("/{name}/select", response_model=SelectionOut, responses=RESPONSES)
def select(name: TagName, body: SelectRequest, who: Writer, ctx: Ctx,
           request: Request) -> SelectionOut | JSONResponse:
    """Step 1: check the grant and range, show the current value, open a selection."""
    service = _service(ctx)
    attempt = _Attempt(ctx, request, who, SELECT, name)
    attempt.new = body.value
    try:
        _check_grant(ctx, who, name, body.value)
        _check_tag(service, name, body.value)
        try:
            sel = service.select(name, body.value, _owner(who))
        except SelectionError as exc:
            raise _selection_refusal(exc) from None
    except Refusal as exc:
        return attempt.refuse(exc)
    attempt.old = sel.current_value
    try:
        attempt.audit(Outcome.OK, selection_id=sel.id, current_quality=sel.current_quality,
                      expires_at=sel.expires_at)
    except Exception:
        service.cancel(name, sel.id, _owner(who))  # no selection without its audit row
        raise
    expires = epoch_to_dt(sel.expires_at)
    assert expires is not None
    return SelectionOut(selection_id=sel.id, tag=name, current_value=sel.current_value,
                        current_quality=sel.current_quality, new_value=sel.value,
                        units=service.tag(name).units, expires_at=expires)


@router.post("/{name}/operate", response_model=OperateOut, responses=RESPONSES)
def operate(name: TagName, body: OperateRequest, who: Writer, ctx: Ctx,
            request: Request) -> OperateOut | JSONResponse:
    """Step 2: same user, session and value, within the selection's life: write, read back,
    compare. The selection is spent whatever the outcome."""
    service = _service(ctx)
    attempt = _Attempt(ctx, request, who, OPERATE, name)
    attempt.new = body.value
    attempt.detail["selection_id"] = body.selection_id
    try:
        try:
            sel = service.take(name, body.selection_id, _owner(who), body.value)
        except UnknownTag:
            raise Refusal(404, "unknown_tag", f"{name} is not a tag of this field") from None
        except TagNotWritable as exc:
            raise Refusal(403, "tag_not_writable", str(exc)) from None
        except SelectionError as exc:
            raise _selection_refusal(exc) from None
        attempt.new = sel.value
        attempt.old = sel.current_value
        attempt.detail["requested"] = sel.value
        _check_grant(ctx, who, name, sel.value)  # again: a grant revoked since select counts
        result = _write(service, sel)
    except Refusal as exc:
        return attempt.refuse(exc)
    outcome: dict[str, Any] = {"written": result.written, "read_back": result.read_back,
               "match": result.match, "tolerance": result.tolerance}
    if not result.match:
        return attempt.refuse(Refusal(
            502, "write_mismatch",
            f"{name}: wrote {result.written:g} but the device reads back {result.read_back:g} "
            f"(tolerance {result.tolerance:g})", outcome=Outcome.FAILED,
            extra={"ok": False, **outcome}))
    attempt.audit(Outcome.OK, **outcome)
    return OperateOut(ok=True, tag=name, written=result.written, read_back=result.read_back,
                      match=True, tolerance=result.tolerance)


@router.post("/{name}/cancel", response_model=CancelOut, responses=RESPONSES)
def cancel(name: TagName, body: CancelRequest, who: Writer, ctx: Ctx,
           request: Request) -> CancelOut | JSONResponse:
    """Drop one's own open selection."""
    service = _service(ctx)
    attempt = _Attempt(ctx, request, who, CANCEL, name)
    attempt.detail["selection_id"] = body.selection_id
    try:
        try:
            sel = service.cancel(name, body.selection_id, _owner(who))
        except UnknownTag:
            raise Refusal(404, "unknown_tag", f"{name} is not a tag of this field") from None
        except SelectionError as exc:
            raise _selection_refusal(exc) from None
    except Refusal as exc:
        return attempt.refuse(exc)
    attempt.new, attempt.old = sel.value, sel.current_value
    attempt.audit(Outcome.OK)
    return CancelOut(cancelled=True, tag=name, selection_id=sel.id)
