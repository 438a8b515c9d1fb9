"""Small shared dependencies and time checks for the routers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from pydantic import AfterValidator

from edge_server.api.context import ApiContext
from edge_server.api.errors import ApiError

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


async def context(request: Request) -> ApiContext:
    """The app's context. ``async`` on purpose: FastAPI runs a plain ``def`` dependency in the
    thread pool, and this one is on every request (it was a thread hop per request for an
    attribute read; docs/performance.md, API section)."""
    ctx: ApiContext = request.app.state.ctx
    return ctx


Ctx = Annotated[ApiContext, Depends(context)]


def epoch_to_dt(ts: float | None) -> datetime | None:
    """Engine times (seconds since the epoch) as aware UTC datetimes."""
    if ts is None or ts != ts:
        return None
    return datetime.fromtimestamp(ts, UTC)


def check_time(label: str, t: datetime) -> datetime:
    """Aware (ISO 8601 with an offset: a naive time means nothing on a box whose zone IT may
    change) and within 1970..2200 (no overflow further down); returned in UTC."""
    if t.tzinfo is None or t.utcoffset() is None:
        raise ApiError(422, "validation_error",
                       f"{label} needs a time zone offset (e.g. 2026-11-23T06:00:00Z)")
    try:
        utc = t.astimezone(UTC)
    except OverflowError:
        raise ApiError(422, "validation_error", f"{label} out of range") from None
    if not EARLIEST <= utc <= LATEST:
        raise ApiError(422, "validation_error",
                       f"{label} must lie between {EARLIEST.date()} and {LATEST.date()}")
    return utc


def check_range(start: datetime, end: datetime) -> None:
    if check_time("start", start) >= check_time("end", end):
        raise ApiError(422, "validation_error", "start must be before end")


def _no_control_chars(text: str) -> str:
    """PostgreSQL text cannot hold NUL, and a NUL reaching the alarm journal's writer thread
    would fail its batch over and over; other C0 controls have no place in a note either."""
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
        raise ValueError("control characters are not allowed")
    return text


#: Free text that will be stored (comments, reasons, names).
Text = Annotated[str, AfterValidator(_no_control_chars)]
