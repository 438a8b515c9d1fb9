"""/api/tags: browse the tag definitions and read current values from the last-value cache.

The endpoints are ``async``: they read memory only (the tag index, the LVC under its lock for
microseconds), so they answer on the event loop without a thread hop; the one database read
(tag ids, when a name is missing from the registry cache) goes to the thread pool.

Every value carries its quality explicitly (GOOD, UNCERTAIN, STALE, BAD_COMM, BAD_CONFIG, or
NO_VALUE when the tag was never read); ``good`` is true only for a fresh GOOD number, the one
case a screen may draw as normal. A missing or old value is never returned as if it were good.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from domain.field import Field as FieldDef
from domain.tags import TagDef
from edge_server.api.deps import Ctx, epoch_to_dt
from edge_server.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from edge_server.api.fastjson import json_response
from edge_server.api.security import require
from edge_server.auth.models import Principal
from edge_server.auth.roles import Permission
from engine.lvc import LastValue, is_shown_as_good

router = APIRouter(prefix="/tags", tags=["tags"], responses=ERROR_RESPONSES)
Reader = Annotated[Principal, require(Permission.READ_TAGS)]
TagName = Annotated[str, Path(min_length=1, max_length=128)]
QualityName = Literal["GOOD", "UNCERTAIN", "STALE", "BAD_COMM", "BAD_CONFIG", "NO_VALUE"]
MAX_BULK = 1000


class TagInfo(BaseModel):
    name: str
    site: str
    device: str
    data_type: str
    units: str
    description: str
    scan_class: str
    deadband: float
    eu_min: float | None
    eu_max: float | None
    writable: bool


class TagValue(BaseModel):
    name: str
    value: float | None = Field(description="null when the quality carries no value")
    quality: QualityName
    good: bool = Field(description="a fresh GOOD value: the only kind to show as normal")
    ts: datetime | None = Field(description="when the reading was taken")
    good_ts: datetime | None = Field(description="when the tag last read GOOD")


class TagDetail(TagInfo):
    current: TagValue


class TagPage(BaseModel):
    items: list[TagInfo]
    next_after: str | None = Field(description="pass as `after` for the next page")


class ValuesRequest(BaseModel):
    names: Annotated[list[Annotated[str, Field(min_length=1, max_length=128)]],
                     Field(min_length=1, max_length=MAX_BULK)]


class ValuesResponse(BaseModel):
    values: list[TagValue]
    unknown: list[str] = Field(description="names that are not tags of this field")


_cached: list[tuple[FieldDef, list[TagInfo], dict[str, TagInfo]]] = []


def _index(field: FieldDef) -> tuple[list[TagInfo], dict[str, TagInfo]]:
    """Tag definitions sorted by name, built once per field object (the field does not
    change while the engine runs; the cache holds the object, so identity is reliable)."""
    if not _cached or _cached[0][0] is not field:
        site_of = {d.name: d.site for d in field.devices()}
        infos = sorted((_info(t, site_of[t.device]) for t in field.tags()),
                       key=lambda i: i.name)
        _cached[:] = [(field, infos, {i.name: i for i in infos})]
    return _cached[0][1], _cached[0][2]


def _info(t: TagDef, site: str) -> TagInfo:
    return TagInfo(name=t.name, site=site, device=t.device, data_type=t.data_type.value,
                   units=t.units, description=t.description, scan_class=t.scan_class,
                   deadband=t.deadband, eu_min=t.eu_min, eu_max=t.eu_max, writable=t.writable)


def tag_value(name: str, entry: LastValue | None) -> TagValue:
    if entry is None:
        return TagValue(name=name, value=None, quality="NO_VALUE", good=False, ts=None,
                        good_ts=None)
    value = None if math.isnan(entry.value) or math.isinf(entry.value) else entry.value
    return TagValue(name=name, value=value, quality=entry.quality.name,  # type: ignore[arg-type]
                    good=is_shown_as_good(entry), ts=epoch_to_dt(entry.ts),
                    good_ts=epoch_to_dt(entry.good_ts))


def tag_value_json(name: str, entry: LastValue | None,
                   times: dict[float | None, datetime | None]) -> dict[str, Any]:
    """``tag_value(name, entry)`` as a plain dict for ``fastjson``, without building the model
    (the hot path of ``POST /values``). ``times`` memoises the datetimes: one scan's tags share
    ``ts``. Same rules: NaN/inf read back as null, ``good`` only for a fresh GOOD number."""
    if entry is None:
        return {"name": name, "value": None, "quality": "NO_VALUE", "good": False, "ts": None,
                "good_ts": None}
    v = entry.value
    ts, good_ts = entry.ts, entry.good_ts
    if ts not in times:
        times[ts] = epoch_to_dt(ts)
    if good_ts not in times:
        times[good_ts] = epoch_to_dt(good_ts)
    return {"name": name, "value": None if math.isnan(v) or math.isinf(v) else float(v),
            "quality": entry.quality.name, "good": is_shown_as_good(entry), "ts": times[ts],
            "good_ts": times[good_ts]}


async def _entries(ctx: Ctx, names: list[str]) -> list[tuple[str, LastValue | None]]:
    """(name, LVC entry or None) for ``names``, read under one LVC lock (a consistent view)."""
    lvc = ctx.engine.lvc
    ids = ctx.tag_ids.peek_many(names)
    if ids is None:
        ids = await run_in_threadpool(ctx.tag_ids.many, names)
    entries = lvc.get_many(ids.values()) if lvc is not None else {}
    return [(n, entries.get(ids[n]) if n in ids else None) for n in names]


async def read_values(ctx: Ctx, names: list[str]) -> list[TagValue]:
    """Current values, read under one LVC lock (a consistent view)."""
    return [tag_value(n, e) for n, e in await _entries(ctx, names)]


@router.get("", response_model=TagPage)
async def browse(
    _: Reader, ctx: Ctx,
    site: Annotated[str | None, Query(max_length=64)] = None,
    device: Annotated[str | None, Query(max_length=64)] = None,
    prefix: Annotated[str | None, Query(max_length=128, description="name starts with")] = None,
    after: Annotated[str | None, Query(max_length=128, description="paging cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> TagPage:
    """Tag definitions by name, filtered, keyset-paged (stable while tags are added)."""
    infos, _by_name = _index(ctx.engine.field)
    out: list[TagInfo] = []
    for info in infos:
        if after is not None and info.name <= after:
            continue
        if (site is not None and info.site != site) or (
                device is not None and info.device != device) or (
                prefix is not None and not info.name.startswith(prefix)):
            continue
        out.append(info)
        if len(out) > limit:
            break
    more = len(out) > limit
    out = out[:limit]
    return TagPage(items=out, next_after=out[-1].name if more else None)


@router.get("/{name}", response_model=TagDetail, responses={404: {"model": ErrorBody}})
async def get_tag(name: TagName, _: Reader, ctx: Ctx) -> TagDetail:
    """Definition and current value (with explicit quality)."""
    _infos, by_name = _index(ctx.engine.field)
    info = by_name.get(name)
    if info is None:
        raise ApiError(404, "unknown_tag", name)
    return TagDetail(**info.model_dump(), current=(await read_values(ctx, [name]))[0])


@router.post("/values", response_model=ValuesResponse)
async def bulk_values(body: ValuesRequest, _: Reader, ctx: Ctx) -> Response:
    """Current values of up to 1000 tags in one consistent read."""
    _infos, by_name = _index(ctx.engine.field)
    names = list(dict.fromkeys(body.names))
    known = [n for n in names if n in by_name]
    # The most frequent request of every screen: answered as pre-built JSON (the shape of
    # ``ValuesResponse``, documented by ``response_model``; edge_server/api/fastjson.py).
    times: dict[float | None, datetime | None] = {}
    return json_response({
        "values": [tag_value_json(n, e, times) for n, e in await _entries(ctx, known)],
        "unknown": [n for n in names if n not in by_name]})
