"""The pre-serialised answers of the hot reads (``POST /api/tags/values``, ``GET
/api/alarms/active``, ``GET /api/history/{tag}/trend``) say exactly what their pydantic
response models would: same JSON value for every shape (NaN/inf, None, shelves, time zone
offsets, numpy floats), and the OpenAPI document still names those models."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from domain.tags import Quality
from edge_server.api.alarms import Alarm, alarm_json
from edge_server.api.fastjson import dumps, json_response, utc_z
from edge_server.api.history import (
    PriorSample,
    Trend,
    TrendPoint,
    trend_json,
    trend_json_columns,
)
from edge_server.api.tags import ValuesResponse, tag_value, tag_value_json
from engine.historian import query
from engine.historian.copy_encoder import datetime_to_us, us_to_datetime
from engine.historian.recent import TrendColumns
from engine.lvc import LastValue
from tests.edge_server.api.conftest import ApiRig, connected

NOW = 1_900_000_000.123456


def _same(fast: Any, model_json: str) -> None:
    assert json.loads(dumps(fast)) == json.loads(model_json)


@pytest.mark.parametrize("entry", [
    None,
    LastValue(12.5, Quality.GOOD, NOW, NOW),
    LastValue(3.0, Quality.GOOD, 1_900_000_000.0, 1_900_000_000.0),  # no microseconds
    LastValue(math.nan, Quality.BAD_COMM, NOW, NOW - 30),
    LastValue(math.nan, Quality.GOOD, NOW, None),  # GOOD without a number is not "good"
    LastValue(math.inf, Quality.UNCERTAIN, NOW, None),
    LastValue(-math.inf, Quality.STALE, NOW, NOW - 5),
    LastValue(7.25, Quality.STALE, NOW - 60, NOW - 60),
    LastValue(1e-7, Quality.BAD_CONFIG, 0.0, math.nan),
])
def test_tag_values_match_the_model(entry: LastValue | None) -> None:
    _same(tag_value_json("W01.PT", entry, {}), tag_value("W01.PT", entry).model_dump_json())


def test_values_answer_matches_values_response() -> None:
    entries = [("A", LastValue(1.5, Quality.GOOD, NOW, NOW)), ("B", None),
               ("C", LastValue(math.nan, Quality.BAD_COMM, NOW, NOW - 3))]
    times: dict[float | None, datetime | None] = {}
    fast = {"values": [tag_value_json(n, e, times) for n, e in entries], "unknown": ["X"]}
    model = ValuesResponse(values=[tag_value(n, e) for n, e in entries], unknown=["X"])
    _same(fast, model.model_dump_json())
    response = json_response(fast)
    assert response.media_type == "application/json"
    assert ValuesResponse.model_validate_json(response.body) == model


def _view(**over: Any) -> dict[str, Any]:
    view: dict[str, Any] = {
        "name": "W01.PT.HI", "tag": "W01.PT", "kind": "hi", "priority": "high",
        "priority_value": 3, "area": "Campo/Sur", "state": "UNACK", "condition_active": True,
        "acknowledged": False, "awaiting_reset": False, "value": 12.5, "limit": 10.0,
        "message": "Presión alta — revisar", "consequence": "", "response": "Revisar",
        "first_out": False, "first_out_group": None, "shelf": None, "out_of_service": None,
    }
    view.update(over)
    return view


@pytest.mark.parametrize("view", [
    _view(),
    _view(tag=None, value=None, limit=None, kind="discrete", first_out=True,
          first_out_group="ESP-TRIP"),
    _view(value=np.float64(3.5), limit=4, priority_value=np.int64(4)),
    _view(state="SHELVED", shelf={"user": "ana", "reason": "mantenimiento",
                                  "until": NOW + 3600, "one_shot": True}),
    _view(state="SHELVED", shelf={"user": "ana", "reason": "r", "until": None,
                                  "one_shot": False}),
    _view(state="OUT_OF_SERVICE", out_of_service={"user": "sup", "reason": "sensor"}),
])
def test_alarms_match_the_model(view: dict[str, Any]) -> None:
    _same([alarm_json(view)],
          TypeAdapter(list[Alarm]).dump_json([Alarm.of(view)]).decode())


@pytest.mark.parametrize("tz", [UTC, timezone(timedelta(hours=-3)),
                                ZoneInfo("America/Argentina/Buenos_Aires"),
                                ZoneInfo("Asia/Kathmandu")])
def test_trend_matches_the_model(tz: Any) -> None:
    start = datetime(2026, 12, 3, 6, 0, 0, 250_000, tzinfo=tz)
    end = start + timedelta(minutes=10)
    rows = [query.TrendPoint(start + timedelta(seconds=2 * i), 1.0 * i, 2.0 * i, 1.5 * i,
                             float(i), 2, 0) for i in range(5)]
    rows += [query.TrendPoint(end - timedelta(seconds=2), None, None, None, None, 0, 2),
             query.TrendPoint(end - timedelta(seconds=1), math.nan, math.inf, 1e300, -0.0,
                              1, 1)]
    model = Trend(tag="W01.PT", start=start, end=end, bucket_s=2.0, points=[
        TrendPoint(t=p.bucket_start, min=p.vmin, max=p.vmax, avg=p.avg, last=p.last,
                   count=p.count, nbad=p.nbad) for p in rows])
    _same(trend_json("W01.PT", start, end, 2.0, rows), model.model_dump_json())
    before = query.Sample(start - timedelta(seconds=40), 7.25, 0)
    model.prior = PriorSample(t=before.ts, value=7.25, quality="GOOD")
    model.hold_s = 900.0
    _same(trend_json("W01.PT", start, end, 2.0, rows, before, 900.0), model.model_dump_json())
    model.prior = PriorSample(t=before.ts, value=None, quality="BAD_COMM")
    bad = query.Sample(before.ts, None, int(Quality.BAD_COMM))
    _same(trend_json("W01.PT", start, end, 2.0, rows, bad, 900.0), model.model_dump_json())


def test_trend_from_columns_matches_the_model() -> None:
    """The live trend's JSON (columns from memory, times by ``utc_z``, NaN for no value)."""
    start = datetime(2026, 12, 3, 23, 59, 50, 250_000, tzinfo=UTC)  # buckets cross midnight
    end = start + timedelta(seconds=20)
    t_us = np.array([datetime_to_us(start) + k * 2_000_000 for k in range(6)]
                    + [datetime_to_us(end) - 750_000], np.int64)  # a whole second
    nan = math.nan
    cols = TrendColumns(t_us, np.array([1.0, nan, -0.0, 1e300, 2.5, 3.0, nan]),
                        np.array([2.0, nan, 0.0, math.inf, 2.5, 3.0, nan]),
                        np.array([1.5, nan, 0.0, 1e300, 2.5, 3.0, nan]),
                        np.array([2.0, nan, 0.0, 1e300, 2.5, 3.0, nan]),
                        np.array([2, 0, 1, 1, 1, 1, 0]), np.array([0, 3, 0, 0, 1, 0, 1]))
    model = Trend(tag="W01.PT", start=start, end=end, bucket_s=2.0, points=[
        TrendPoint(t=p.bucket_start, min=p.vmin, max=p.vmax, avg=p.avg, last=p.last,
                   count=p.count, nbad=p.nbad) for p in cols.points()])
    fast = trend_json_columns("W01.PT", start, end, 2.0, cols)
    _same(fast, model.model_dump_json())
    assert dumps(fast) == dumps(trend_json("W01.PT", start, end, 2.0, cols.points()))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 7_258_118_400_000_000), max_size=40),  # 1970..2200
       st.booleans())
def test_utc_z_writes_times_as_the_encoder_does(stamps: list[int], whole: bool) -> None:
    t_us = np.array([s - s % 1_000_000 if whole else s for s in stamps], np.int64)
    assert utc_z(t_us) == [json.loads(dumps(us_to_datetime(s))) for s in t_us.tolist()]


async def test_served_answers_and_openapi_still_name_the_models(rig: ApiRig) -> None:
    await connected(rig)
    c = rig.client("viewer")
    names = [t.name for t in rig.engine.field.tags()][:5]
    r = await c.post("/api/tags/values", json={"names": [*names, "NOPE"]})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.headers["cache-control"] == "no-store"  # security headers still added
    body = ValuesResponse.model_validate_json(r.content)
    assert [v.name for v in body.values] == names and body.unknown == ["NOPE"]
    r = await c.get("/api/alarms/active")
    assert r.status_code == 200
    TypeAdapter(list[Alarm]).validate_json(r.content)
    end = datetime.now(UTC)
    r = await c.get(f"/api/history/{names[0]}/trend", params={
        "start": (end - timedelta(minutes=10)).isoformat(), "end": end.isoformat(),
        "points": 300})
    assert r.status_code == 200
    assert Trend.model_validate_json(r.content).tag == names[0]

    paths = rig.app.openapi()["paths"]

    def schema(path: str, method: str) -> Any:
        return paths[path][method]["responses"]["200"]["content"]["application/json"]["schema"]

    assert schema("/api/tags/values", "post") == {"$ref": "#/components/schemas/ValuesResponse"}
    assert schema("/api/alarms/active", "get")["items"] == {"$ref": "#/components/schemas/Alarm"}
    assert schema("/api/history/{name}/trend", "get") == {"$ref": "#/components/schemas/Trend"}
