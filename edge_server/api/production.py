"""/api/production: daily well production, the history decline-curve analysis and the daily
report read (``well_daily_production``, filled by the engine's day closer, imports and manual
entries; see docs/production.md), and the daily production targets (``/targets``).

Days are the site's local calendar days, given and returned as plain dates (``2026-11-23``),
``end`` exclusive. A request is bounded (``MAX_WELLS`` wells, ``MAX_SPAN_DAYS`` of days)
before any SQL runs: at most ~365,000 rows, a few MB of JSON. Each well's days come back as
parallel arrays (one ``day`` list, one list per quantity): compact, and what a curve fit wants.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from domain.production_targets import FIELD
from edge_server.api.deps import Ctx
from edge_server.api.errors import ERROR_RESPONSES, ApiError
from edge_server.api.security import require
from edge_server.auth.models import Principal
from edge_server.auth.roles import Permission
from engine.production import repository, targets

router = APIRouter(prefix="/production", tags=["production"], responses=ERROR_RESPONSES)
Reader = Annotated[Principal, require(Permission.READ_HISTORY)]
MAX_WELLS = 50
MAX_SPAN_DAYS = 7305  # 20 years
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 1, 1)


class WellDaily(BaseModel):
    """One well's days in the range, oldest first; the lists are parallel (same length)."""

    well: str
    day: list[date] = Field(description="producing days (site-local calendar days)")
    oil_bbl: list[float | None] = Field(description="oil volume; null = unknown (no data)")
    water_bbl: list[float | None]
    gas_mscf: list[float | None]
    hours_on: list[float | None] = Field(
        description="hours producing (0..24; 25 on the day clocks go back); null = unknown")
    hours_data: list[float | None] = Field(
        description="hours of GOOD rate data the volumes stand on (historian rows); null for "
                    "imported or manual rows")
    source: list[str] = Field(description="historian, import, manual or simulated")


class DailyProductionAnswer(BaseModel):
    start: date
    end: date = Field(description="exclusive")
    wells: list[WellDaily] = Field(description="in the order asked; a well with no rows in "
                                               "the range has empty lists")


class WellHistory(BaseModel):
    well: str
    first_day: date
    last_day: date
    days: int = Field(description="rows stored (days with any data)")
    cum_oil_bbl: float = Field(description="sum of the known oil volumes")
    cum_water_bbl: float
    cum_gas_mscf: float
    sources: list[str] = Field(description="sources among the well's rows")


class ProductionWells(BaseModel):
    wells: list[WellHistory]


def _check_span(start: date, end: date) -> None:
    for label, d in (("start", start), ("end", end)):
        if not EARLIEST <= d <= LATEST:
            raise ApiError(422, "validation_error",
                           f"{label} must lie between {EARLIEST} and {LATEST}")
    if start >= end:
        raise ApiError(422, "validation_error", "start must be before end (end is exclusive)")
    if end - start > timedelta(days=MAX_SPAN_DAYS):
        raise ApiError(422, "validation_error",
                       f"at most {MAX_SPAN_DAYS} days (20 years) per request: ask in pieces")


@router.get("/daily", response_model=DailyProductionAnswer)
def daily(
    _: Reader, ctx: Ctx,
    well: Annotated[list[str], Query(
        description=f"well name; repeat for more (at most {MAX_WELLS})")],
    start: Annotated[date, Query(description="first day (YYYY-MM-DD), inclusive")],
    end: Annotated[date, Query(description="day after the last (YYYY-MM-DD), exclusive")],
) -> DailyProductionAnswer:
    """Daily volumes, hours on and data coverage of up to 50 wells over up to 20 years."""
    names = list(dict.fromkeys(w.strip() for w in well))
    if not names or any(not 1 <= len(w) <= 64 for w in names):
        raise ApiError(422, "validation_error", "every well name has 1 to 64 characters")
    if any(ord(ch) < 32 for w in names for ch in w):
        raise ApiError(422, "validation_error", "control characters are not allowed")
    if len(names) > MAX_WELLS:
        raise ApiError(422, "validation_error",
                       f"at most {MAX_WELLS} wells per request (got {len(names)})")
    _check_span(start, end)
    with ctx.pool.connection() as conn:
        columns = repository.daily_columns(conn, names, start, end)
    return DailyProductionAnswer(start=start, end=end, wells=[
        WellDaily(well=c.well, day=c.day, oil_bbl=c.oil_bbl, water_bbl=c.water_bbl,
                  gas_mscf=c.gas_mscf, hours_on=c.hours_on, hours_data=c.hours_data,
                  source=c.source)
        for c in columns])


@router.get("/wells", response_model=ProductionWells)
def wells(_: Reader, ctx: Ctx) -> ProductionWells:
    """Every well with daily history: first and last day, row count, cumulative volumes."""
    with ctx.pool.connection() as conn:
        found = repository.wells(conn)
    return ProductionWells(wells=[
        WellHistory(well=w.well, first_day=w.first_day, last_day=w.last_day, days=w.days,
                    cum_oil_bbl=w.cum_oil_bbl, cum_water_bbl=w.cum_water_bbl,
                    cum_gas_mscf=w.cum_gas_mscf, sources=list(w.sources))
        for w in found])


class Target(BaseModel):
    scope: str = Field(description="'*' for the whole field, else a well's name")
    valid_from: date = Field(description="first day the target holds (until the next one)")
    oil_bbl_d: float | None = Field(description="null = no oil target")
    water_bbl_d: float | None
    gas_mscf_d: float | None
    note: str
    set_by: str


class TargetsAnswer(BaseModel):
    day: date
    field: Target | None = Field(description="the whole field's target in force that day")
    wells: list[Target] = Field(description="wells with a target of their own that day")


@router.get("/targets", response_model=TargetsAnswer)
def targets_on_day(
    _: Reader, ctx: Ctx,
    day: Annotated[date | None, Query(
        description="the day (YYYY-MM-DD); default the edge machine's today")] = None,
) -> TargetsAnswer:
    """The daily production targets in force on ``day`` (set with ``oilfield production
    target set``): the field's and any well's of its own."""
    day = day or date.today()
    _check_span(day, day + timedelta(days=1))
    with ctx.pool.connection() as conn:
        found = targets.targets_on(conn, day)
    out = [Target(scope=s.target.scope, valid_from=s.target.valid_from,
                  oil_bbl_d=s.target.oil_bbl_d, water_bbl_d=s.target.water_bbl_d,
                  gas_mscf_d=s.target.gas_mscf_d, note=s.target.note, set_by=s.set_by)
           for s in found]
    field = next((t for t in out if t.scope == FIELD), None)
    return TargetsAnswer(day=day, field=field, wells=[t for t in out if t.scope != FIELD])
