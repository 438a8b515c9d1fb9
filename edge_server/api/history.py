"""/api/history: decimated trends and raw samples from the historian
(``engine.historian.query``: the tier per request is chosen there, raw to ``rollup_1h``).

A live trend (within the last hour, buckets under a minute) is computed from the engine's
memory (``engine.historian.recent``: the same answer, no database); the others read the
database, as below.

The trend, the hot read (every trend screen of a control room), runs on the event loop: the
API's async pool (``ApiContext.apool``) and ``query.trend_async``, one round trip (the coverage
and the SELECT pipelined, planned from the last coverage and checked against the one read) and
no thread hop (each hop and each round trip made in a worker thread had to win the GIL back
from the busy loop: docs/performance.md, API section). Without an open async pool (an app built
by a test or tool with the sync pool only, or during shutdown) it runs in the thread pool.

Times must carry a zone offset; ranges are checked (start < end, 1970..2200, raw spans at most
``MAX_RAW_SPAN``) before any SQL runs, so a careless or hostile query cannot scan a year of
raw rows on the box that is also scanning the field.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import AwareDatetime, BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from domain.tags import Quality
from edge_server.api.context import ApiContext
from edge_server.api.deps import Ctx, check_range
from edge_server.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from edge_server.api.fastjson import json_response, utc_z
from edge_server.api.security import require
from edge_server.auth.models import Principal
from edge_server.auth.roles import Permission
from engine.historian import query
from engine.historian.recent import TrendColumns

router = APIRouter(prefix="/history", tags=["history"],
                   responses={**ERROR_RESPONSES, 404: {"model": ErrorBody}})
Reader = Annotated[Principal, require(Permission.READ_HISTORY)]
TagName = Annotated[str, Path(min_length=1, max_length=128)]
Start = Annotated[AwareDatetime, Query(description="ISO 8601 with offset, inclusive")]
End = Annotated[AwareDatetime, Query(description="ISO 8601 with offset, exclusive")]
MAX_RAW_SPAN = timedelta(days=7)
MAX_RAW_LIMIT = 100_000


class TrendPoint(BaseModel):
    t: datetime = Field(description="bucket start")
    min: float | None
    max: float | None
    avg: float | None
    last: float | None
    count: int = Field(description="GOOD samples in the bucket")
    nbad: int = Field(description="samples that were not GOOD (draw the bucket as suspect)")


class PriorSample(BaseModel):
    t: datetime
    value: float | None
    quality: str


class Trend(BaseModel):
    tag: str
    start: datetime
    end: datetime
    bucket_s: float
    points: list[TrendPoint]
    prior: PriorSample | None = Field(
        None, description="the last sample before start, if at most hold_s older: the value "
                          "the trend starts from")
    hold_s: float | None = Field(
        None, description="the tag's storage heartbeat: a stored value holds until the next "
                          "sample, for at most this long (null: not a tag of this field)")


class RawSample(BaseModel):
    ts: datetime
    value: float | None
    quality: str


class RawHistory(BaseModel):
    tag: str
    samples: list[RawSample]
    truncated: bool = Field(description="limit reached: ask again from the last ts")


def _tag_id(ctx: Ctx, name: str) -> int:
    tag_id = ctx.tag_ids.get(name)
    if tag_id is None:
        raise ApiError(404, "unknown_tag", name)
    return tag_id


async def _tag_id_async(ctx: ApiContext, name: str) -> int:
    """:func:`_tag_id` without blocking the loop: from memory, or in a thread when the
    registry must be re-read."""
    ids = ctx.tag_ids.peek_many((name,))
    if ids is None:
        return await run_in_threadpool(_tag_id, ctx, name)
    tag_id = ids.get(name)
    if tag_id is None:
        raise ApiError(404, "unknown_tag", name)
    return tag_id


def _trend_rows_sync(ctx: ApiContext, tag_id: int, start: datetime, end: datetime,
                     points: int, prior_lookback: timedelta | None = None, trend: bool = True,
                     ) -> tuple[list[query.TrendPoint], query.Sample | None]:
    """The trend (if ``trend``) and, with a ``prior_lookback``, the sample before ``start``."""
    with ctx.pool.connection() as conn:
        before = (query.prior(conn, tag_id, start, prior_lookback)
                  if prior_lookback is not None else None)
        return (query.trend(conn, tag_id, start, end, points) if trend else []), before


def _quality_name(q: int) -> str:
    try:
        return Quality(q).name
    except ValueError:
        return str(q)


def _num(x: float | None) -> float | None:
    return None if x is None else float(x)


def _prior_json(sample: query.Sample | None) -> dict[str, Any] | None:
    if sample is None:
        return None
    return {"t": sample.ts, "value": _num(sample.value), "quality": _quality_name(sample.quality)}


def trend_json(name: str, start: datetime, end: datetime, bucket_s: float,
               rows: list[query.TrendPoint], prior: query.Sample | None = None,
               hold_s: float | None = None) -> dict[str, Any]:
    """A ``Trend`` as a plain dict for ``fastjson`` (no model per point: a 1,000-point trend
    built 1,000 models and validated them again). tests/edge_server/api/test_fast_responses.py
    holds it to ``Trend``."""
    return {"tag": name, "start": start, "end": end, "bucket_s": float(bucket_s), "points": [
        {"t": p.bucket_start, "min": _num(p.vmin), "max": _num(p.vmax), "avg": _num(p.avg),
         "last": _num(p.last), "count": int(p.count), "nbad": int(p.nbad)} for p in rows],
        "prior": _prior_json(prior), "hold_s": hold_s}


def trend_json_columns(name: str, start: datetime, end: datetime, bucket_s: float,
                       cols: TrendColumns, prior: query.Sample | None = None,
                       hold_s: float | None = None) -> dict[str, Any]:
    """:func:`trend_json` from columns (a live trend from memory): the same JSON, with the
    bucket times formatted in one vectorised step and NaN for "no value", which is null in
    JSON (``fastjson``)."""
    return {"tag": name, "start": start, "end": end, "bucket_s": float(bucket_s), "points": [
        {"t": t, "min": lo, "max": hi, "avg": a, "last": lv, "count": c, "nbad": k}
        for t, lo, hi, a, lv, c, k in zip(
            utc_z(cols.t_us), cols.vmin.tolist(), cols.vmax.tolist(), cols.avg.tolist(),
            cols.last.tolist(), cols.count.tolist(), cols.nbad.tolist(), strict=True)],
        "prior": _prior_json(prior), "hold_s": hold_s}


@router.get("/{name}/trend", response_model=Trend)
async def trend(
    name: TagName, start: Start, end: End, _: Reader, ctx: Ctx,
    points: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> Response:
    """At most ``points`` buckets over [start, end): min/max (spikes survive), average and
    last over GOOD samples, and how many were not GOOD. Empty buckets are omitted."""
    check_range(start, end)
    tag_id = await _tag_id_async(ctx, name)
    width = query.bucket_width(start, end, points).total_seconds()
    hold_s = ctx.hold_s(name)
    lookback = timedelta(seconds=hold_s) if hold_s is not None else None
    recent = ctx.engine.recent
    # a tag not of this field has no hold, so no prior to look for
    prior_known, prior = (lookback is None, None)
    if recent is not None and lookback is not None:
        prior_known, prior = recent.prior(tag_id, start, lookback)
    # a live trend comes from the engine's memory (engine.historian.recent)
    cols = recent.trend_columns(tag_id, start, end, points) if recent is not None else None
    rows: list[query.TrendPoint] = []
    if cols is None or not prior_known:
        rows, read_prior = await _read_database(
            ctx, tag_id, start, end, points, trend=cols is None,
            prior_lookback=None if prior_known else lookback)
        if not prior_known:
            prior = read_prior
    if cols is not None:
        return json_response(trend_json_columns(name, start, end, width, cols, prior, hold_s))
    return json_response(trend_json(name, start, end, width, rows, prior, hold_s))


async def _read_database(ctx: ApiContext, tag_id: int, start: datetime, end: datetime,
                         points: int, *, trend: bool, prior_lookback: timedelta | None,
                         ) -> tuple[list[query.TrendPoint], query.Sample | None]:
    """The trend (if ``trend``) and the sample before ``start`` (with a ``prior_lookback``)
    from the table: on the API's async pool, else in a worker thread on the sync one."""
    apool = ctx.apool
    if apool is None or apool.closed:
        return await run_in_threadpool(_trend_rows_sync, ctx, tag_id, start, end, points,
                                       prior_lookback, trend)
    rows: list[query.TrendPoint] = []
    prior = None
    async with apool.connection() as conn:
        if prior_lookback is not None:
            prior = await query.prior_async(conn, tag_id, start, prior_lookback)
        if trend:
            # work_mem=None: the pool's sessions have it (ApiContext.apool); with the guess:
            # the coverage and the SELECT in one round trip
            rows = await query.trend_async(conn, tag_id, start, end, points, work_mem=None,
                                           guess=ctx.trend_guess)
    return rows, prior


@router.get("/{name}/raw", response_model=RawHistory)
def raw(
    name: TagName, start: Start, end: End, _: Reader, ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=MAX_RAW_LIMIT)] = 10_000,
) -> RawHistory:
    """Stored samples (any quality) in [start, end), oldest first; spans up to 7 days."""
    check_range(start, end)
    if end - start > MAX_RAW_SPAN:
        raise ApiError(422, "validation_error",
                       f"raw history spans at most {MAX_RAW_SPAN.days} days: use /trend")
    tag_id = _tag_id(ctx, name)
    with ctx.pool.connection() as conn:
        rows = query.raw(conn, tag_id, start, end, limit + 1)
    return RawHistory(tag=name, truncated=len(rows) > limit, samples=[
        RawSample(ts=s.ts, value=s.value, quality=_quality_name(s.quality))
        for s in rows[:limit]])
