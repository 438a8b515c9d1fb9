"""/api/alarms: the active list, the journal, operator actions and the EEMUA 191 KPIs.

Operator actions go to the alarm engine (``AlarmOperations``), which journals them itself; the
API adds an ``audit_log`` row naming the user and the client address (IEC 62443 CR 2.8), for
refusals too. A refusal by the alarm's state (``AlarmOperationRefused``: acknowledge a normal
alarm, shelve a shelved one...) is 409 with the engine's explanation; an unknown alarm is 404;
an invalid argument (shelve too long) is 422.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from psycopg import sql
from psycopg.rows import dict_row
from pydantic import AwareDatetime, BaseModel, Field
from starlette.responses import Response

from domain.alarms.definitions import Priority
from domain.alarms.state import AlarmOperationRefused
from edge_server.api.context import AlarmOperations
from edge_server.api.deps import (
    EARLIEST,
    Ctx,
    Text,
    check_range,
    check_time,
    epoch_to_dt,
)
from edge_server.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from edge_server.api.fastjson import json_response
from edge_server.api.security import client_info, require
from edge_server.auth.audit import Action, Outcome
from edge_server.auth.models import Principal
from edge_server.auth.roles import Permission
from engine.alarms.engine import UnknownAlarm
from engine.alarms.kpis import AlarmKpis, compute_kpis

router = APIRouter(prefix="/alarms", tags=["alarms"], responses=ERROR_RESPONSES)

Reader = Annotated[Principal, require(Permission.READ_ALARMS)]
AlarmName = Annotated[str, Path(min_length=1, max_length=160)]
Comment = Annotated[Text, Field(min_length=1, max_length=1000)]
PriorityLabel = Literal["low", "medium", "high", "critical"]
ACTION_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Unknown alarm"},
    409: {"model": ErrorBody, "description": "The alarm's state does not allow it"},
    503: {"model": ErrorBody, "description": "Alarm engine not running"},
}

# Audit action names for the operator actions the auth layer's ``Action`` enum does not list
# yet (it has ALARM_ACK, ALARM_SHELVE, ALARM_OUT_OF_SERVICE); see docs/api.md.
ALARM_UNSHELVE = "alarm_unshelve"
ALARM_RETURN_TO_SERVICE = "alarm_return_to_service"
ALARM_RESET = "alarm_reset"
ALARM_COMMENT = "alarm_comment"


class Shelf(BaseModel):
    user: str
    reason: str
    until: datetime | None
    one_shot: bool


class OutOfService(BaseModel):
    user: str
    reason: str


class Alarm(BaseModel):
    name: str
    tag: str | None
    kind: str
    priority: str
    priority_value: int
    area: str
    state: str
    condition_active: bool
    acknowledged: bool
    awaiting_reset: bool
    value: float | None
    limit: float | None
    message: str
    consequence: str
    response: str
    first_out: bool
    first_out_group: str | None
    shelf: Shelf | None
    out_of_service: OutOfService | None

    @classmethod
    def of(cls, view: dict[str, Any]) -> Alarm:
        data = dict(view)
        if data.get("shelf") is not None:
            data["shelf"] = {**data["shelf"], "until": epoch_to_dt(data["shelf"]["until"])}
        return cls.model_validate(data)


class JournalEntry(BaseModel):
    id: int
    ts: datetime
    alarm: str
    tag: str | None = Field(default=None, description="the alarm's tag, if it has one")
    area: str
    priority: str
    event: str
    cause: str
    old_state: str
    new_state: str
    annunciated: bool
    value: float | None
    limit: float | None
    user: str | None
    comment: str | None
    message: str = Field(default="", description="the alarm's configured message")
    first_out: bool


class JournalPage(BaseModel):
    entries: list[JournalEntry]
    next_before_id: int | None = Field(description="pass as before_id for the older page")
    start: datetime = Field(description="the lower time bound applied (defaulted when not "
                                        "given: JOURNAL_DEFAULT_DAYS before end)")
    end: datetime | None = Field(description="the upper time bound applied (none: up to now)")


class CommentBody(BaseModel):
    comment: Comment | None = None


class RequiredComment(BaseModel):
    comment: Comment


class ShelveBody(BaseModel):
    reason: Annotated[Text, Field(min_length=1, max_length=500)]
    duration_s: Annotated[float, Field(gt=0, le=7 * 24 * 3600)]
    one_shot: bool = False


class ReasonBody(BaseModel):
    reason: Annotated[Text, Field(min_length=1, max_length=500)]


class ActionResult(BaseModel):
    alarm: Alarm
    transitions: int = Field(description="state changes the action caused (0: note only)")


def _engine(ctx: Ctx) -> AlarmOperations:
    alarms = ctx.engine.alarms
    if alarms is None:
        raise ApiError(503, "not_ready", "the alarm engine is not running")
    return alarms


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def alarm_json(view: dict[str, Any]) -> dict[str, Any]:
    """``Alarm.of(view)`` as a plain dict for ``fastjson`` (no model built, no validation):
    the same fields in the same order, floats as floats, the shelf's end as a UTC datetime.
    tests/edge_server/api/test_fast_responses.py holds it to ``Alarm``."""
    shelf, oos = view["shelf"], view["out_of_service"]
    return {
        "name": str(view["name"]), "tag": view["tag"], "kind": str(view["kind"]),
        "priority": str(view["priority"]), "priority_value": int(view["priority_value"]),
        "area": str(view["area"]), "state": str(view["state"]),
        "condition_active": bool(view["condition_active"]),
        "acknowledged": bool(view["acknowledged"]),
        "awaiting_reset": bool(view["awaiting_reset"]),
        "value": _num(view["value"]), "limit": _num(view["limit"]),
        "message": str(view["message"]), "consequence": str(view["consequence"]),
        "response": str(view["response"]), "first_out": bool(view["first_out"]),
        "first_out_group": view["first_out_group"],
        "shelf": None if shelf is None else {
            "user": str(shelf["user"]), "reason": str(shelf["reason"]),
            "until": epoch_to_dt(shelf["until"]), "one_shot": bool(shelf["one_shot"])},
        "out_of_service": None if oos is None else {
            "user": str(oos["user"]), "reason": str(oos["reason"])},
    }


@router.get("/active", response_model=list[Alarm])
async def active(_: Reader, ctx: Ctx) -> Response:
    """What the operator's alarm list shows: most urgent, then by name. In memory (the alarm
    engine's lock for microseconds): answered on the event loop, no thread hop, as pre-built
    JSON (the shape of ``list[Alarm]``; edge_server/api/fastjson.py)."""
    return json_response([alarm_json(v) for v in _engine(ctx).active()])


@router.get("/suppressed", response_model=list[Alarm])
async def suppressed(_: Reader, ctx: Ctx) -> Response:
    """What the operator's list leaves out: shelved (with who, why and until when), out of
    service (who and why) and suppressed by design, most urgent first (ISA-18.2: suppressed
    alarms stay viewable, so they can be reviewed and brought back)."""
    return json_response([alarm_json(v) for v in _engine(ctx).suppressed()])


_JOURNAL = (
    "SELECT j.id, j.ts, d.name AS alarm, t.name AS tag, j.area, j.priority, j.event, j.cause, "
    "j.old_state, j.new_state, j.annunciated, j.value, j.limit_value AS limit, "
    "j.username AS user, j.comment, d.message, j.first_out "
    "FROM alarm_journal j JOIN alarm_definitions d ON d.id = j.alarm_id "
    "LEFT JOIN tags t ON t.id = d.tag_id "
    "WHERE {} ORDER BY j.id DESC LIMIT %s"
)
#: without ``start`` the search covers this many days before ``end`` (or now): an unbounded
#: text search would read the whole journal (a million rows a year on a busy field)
JOURNAL_DEFAULT_DAYS = 30
#: the longest ``[start, end)`` one search may cover
JOURNAL_MAX_DAYS = 400
JOURNAL_MAX_PAGE = 1000
EventName = Annotated[str, Field(min_length=1, max_length=24)]
SearchText = Annotated[Text, Field(min_length=1, max_length=200)]


def like_pattern(text: str) -> str:
    """``text`` as a literal "contains" pattern for (I)LIKE: its ``%``, ``_`` and ``\\`` match
    themselves, never act as wildcards."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@router.get("/journal", response_model=JournalPage)
def journal(
    _: Reader, ctx: Ctx,
    start: Annotated[AwareDatetime | None, Query(
        description=f"default: {JOURNAL_DEFAULT_DAYS} days before end (or now)")] = None,
    end: Annotated[AwareDatetime | None, Query(description="exclusive; default: none")] = None,
    area: Annotated[str | None, Query(max_length=200,
                                      description="this area and everything below")] = None,
    priority: Annotated[list[PriorityLabel] | None, Query(
        max_length=4, description="one or more (repeat the parameter)")] = None,
    alarm: Annotated[str | None, Query(max_length=160, description="exact alarm name")] = None,
    name: Annotated[SearchText | None, Query(
        description="alarm or tag name contains (case-insensitive)")] = None,
    event: Annotated[list[EventName] | None, Query(
        max_length=16, description="journal event kind(s): activate, return_to_normal, "
        "acknowledge, shelve, unshelve, comment... (repeat the parameter)")] = None,
    user: Annotated[str | None, Query(max_length=128,
                                      description="exact user name, case-insensitive")] = None,
    text: Annotated[SearchText | None, Query(
        description="the alarm's message or the entry's comment contains "
                    "(case-insensitive)")] = None,
    before_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=JOURNAL_MAX_PAGE)] = 100,
) -> JournalPage:
    """Newest first, keyset-paged (``before_id``), always within a bounded time range: without
    ``start`` the last JOURNAL_DEFAULT_DAYS days before ``end`` (or now) are searched, and a
    range longer than JOURNAL_MAX_DAYS days is refused (422). SQL is built only from fixed
    fragments; every filter value is a bound parameter."""
    if end is not None:
        end = check_time("end", end)
    if start is not None:
        start = check_time("start", start)
    else:
        start = max((end or datetime.now(UTC)) - timedelta(days=JOURNAL_DEFAULT_DAYS),
                    EARLIEST)
    if end is not None:
        check_range(start, end)
    if (end or datetime.now(UTC)) - start > timedelta(days=JOURNAL_MAX_DAYS):
        raise ApiError(422, "validation_error",
                       f"the journal is searched {JOURNAL_MAX_DAYS} days at most at a time")
    clauses: list[sql.Composable] = []
    params: list[Any] = []

    def where(fragment: str, *values: Any) -> None:
        clauses.append(sql.SQL(fragment))  # literals below only, never input
        params.extend(values)

    where("j.ts >= %s", start)
    if end is not None:
        where("j.ts < %s", end)
    if area:
        a = area.rstrip("/")
        where("(j.area = %s OR starts_with(j.area, %s))", a, a + "/")
    if priority:
        where("j.priority = ANY(%s)",
              sorted({int(Priority.from_label(p)) for p in priority}))
    if alarm is not None:
        where("d.name = %s", alarm)
    if name is not None:
        pattern = like_pattern(name)
        where("(d.name ILIKE %s OR t.name ILIKE %s)", pattern, pattern)
    if event:
        where("j.event = ANY(%s)", sorted(set(event)))
    if user is not None:
        where("lower(j.username) = lower(%s)", user)
    if text is not None:
        pattern = like_pattern(text)
        where("(d.message ILIKE %s OR j.comment ILIKE %s)", pattern, pattern)
    if before_id is not None:
        where("j.id < %s", before_id)
    condition = sql.SQL(" AND ").join(clauses)
    with ctx.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(sql.SQL(_JOURNAL).format(condition), [*params, limit + 1]).fetchall()
    more = len(rows) > limit
    entries = [JournalEntry(**{**r, "priority": _label(r["priority"])}) for r in rows[:limit]]
    return JournalPage(entries=entries, next_before_id=entries[-1].id if more else None,
                       start=start, end=end)


def _label(p: int) -> str:
    try:
        return Priority(p).label
    except ValueError:
        return str(p)


@router.get("/kpis", response_model=AlarmKpis)
def kpis(
    start: AwareDatetime, end: AwareDatetime, _: Reader, ctx: Ctx,
    area: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> AlarmKpis:
    """EEMUA 191 / ISA-18.2 alarm performance over [start, end) (``engine.alarms.kpis``)."""
    check_range(start, end)
    try:
        with ctx.pool.connection() as conn:
            return compute_kpis(conn, start, end, area=area)
    except ValueError as exc:
        raise ApiError(422, "validation_error", str(exc)) from None


@router.get("/{name}", response_model=Alarm, responses={404: {"model": ErrorBody}})
def get_alarm(name: AlarmName, _: Reader, ctx: Ctx) -> Alarm:
    try:
        return Alarm.of(_engine(ctx).alarm(name))
    except UnknownAlarm:
        raise ApiError(404, "unknown_alarm", name) from None


def _act(
    ctx: Ctx, request: Request, who: Principal, name: str, action: str,
    call: Callable[[AlarmOperations], list[Any]], detail: dict[str, Any],
) -> ActionResult:
    """Run one operator action and audit it (ok, or denied with the engine's reason)."""
    engine = _engine(ctx)
    client = client_info(request)
    audit = ctx.auth.audit
    try:
        done = call(engine)
    except UnknownAlarm:
        raise ApiError(404, "unknown_alarm", name) from None
    except AlarmOperationRefused as exc:
        audit.record(action, Outcome.DENIED, actor=who, client=client, target=name,
                     detail={**detail, "reason_refused": str(exc)})
        raise ApiError(409, "alarm_refused", str(exc)) from None
    except ValueError as exc:
        raise ApiError(422, "validation_error", str(exc)) from None
    view = engine.alarm(name)
    audit.record(action, Outcome.OK, actor=who, client=client, target=name,
                 new_value=str(view.get("state")), detail=detail)
    return ActionResult(alarm=Alarm.of(view), transitions=len(done))


@router.post("/{name}/acknowledge", response_model=ActionResult, responses=ACTION_RESPONSES)
def acknowledge(
    name: AlarmName, request: Request, ctx: Ctx,
    who: Annotated[Principal, require(Permission.ALARM_ACK)],
    body: CommentBody | None = None,
) -> ActionResult:
    comment = body.comment if body else None
    return _act(ctx, request, who, name, Action.ALARM_ACK,
                lambda e: e.acknowledge(name, who.username, comment), {"comment": comment})


@router.post("/{name}/reset", response_model=ActionResult, responses=ACTION_RESPONSES)
def reset(
    name: AlarmName, request: Request, ctx: Ctx,
    who: Annotated[Principal, require(Permission.ALARM_ACK)],
    body: CommentBody | None = None,
) -> ActionResult:
    """Release a latched alarm (acknowledged, condition gone)."""
    comment = body.comment if body else None
    return _act(ctx, request, who, name, Action.ALARM_RESET,
                lambda e: e.reset(name, who.username, comment), {"comment": comment})


@router.post("/{name}/shelve", response_model=ActionResult, responses=ACTION_RESPONSES)
def shelve(
    name: AlarmName, body: ShelveBody, request: Request, ctx: Ctx,
    who: Annotated[Principal, require(Permission.ALARM_SHELVE)],
) -> ActionResult:
    """Hide for at most the engine's maximum (12 h by default); one-shot ends at the next
    return to normal."""
    return _act(ctx, request, who, name, Action.ALARM_SHELVE,
                lambda e: e.shelve(name, who.username, body.reason, body.duration_s,
                                   body.one_shot),
                {"reason": body.reason, "duration_s": body.duration_s,
                 "one_shot": body.one_shot})


@router.post("/{name}/unshelve", response_model=ActionResult, responses=ACTION_RESPONSES)
def unshelve(
    name: AlarmName, request: Request, ctx: Ctx,
    who: Annotated[Principal, require(Permission.ALARM_SHELVE)],
    body: CommentBody | None = None,
) -> ActionResult:
    comment = body.comment if body else None
    return _act(ctx, request, who, name, Action.ALARM_UNSHELVE,
                lambda e: e.unshelve(name, who.username, comment), {"comment": comment})


@router.post("/{name}/comment", response_model=ActionResult, responses=ACTION_RESPONSES)
def comment(
    name: AlarmName, body: RequiredComment, request: Request, ctx: Ctx,
    who: Annotated[Principal, require(Permission.ALARM_COMMENT)],
) -> ActionResult:
    """A note in the journal; the state does not change."""
    return _act(ctx, request, who, name, Action.ALARM_COMMENT,
                lambda e: e.comment(name, who.username, body.comment),
                {"comment": body.comment})


@router.post("/{name}/out-of-service", response_model=ActionResult, responses=ACTION_RESPONSES)
def out_of_service(
    name: AlarmName, body: ReasonBody, request: Request, ctx: Ctx,
    who: Annotated[Principal, require(Permission.ALARM_OUT_OF_SERVICE)],
) -> ActionResult:
    """Supervisors only: takes the alarm out of service (e.g. instrument under repair)."""
    return _act(ctx, request, who, name, Action.ALARM_OUT_OF_SERVICE,
                lambda e: e.remove_from_service(name, who.username, body.reason),
                {"reason": body.reason})


@router.post("/{name}/return-to-service", response_model=ActionResult,
             responses=ACTION_RESPONSES)
def return_to_service(
    name: AlarmName, request: Request, ctx: Ctx,
    who: Annotated[Principal, require(Permission.ALARM_OUT_OF_SERVICE)],
    body: CommentBody | None = None,
) -> ActionResult:
    comment = body.comment if body else None
    return _act(ctx, request, who, name, Action.ALARM_RETURN_TO_SERVICE,
                lambda e: e.return_to_service(name, who.username, comment),
                {"comment": comment})
