"""The HMI's daily-production calls against a scripted edge: requests split to the edge's
limits (50 wells, 20 years) and stitched back per well; malformed answers fail loudly.
(The same calls against the real API: tests/edge_server/api/test_production_api.py.)"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from hmi.api.client import ApiClient
from hmi.api.types import WellDaily
from tests.hmi.test_client import tokens


class Edge:
    def __init__(self) -> None:
        self.requests: list[tuple[list[str], date, date]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/auth/login":
            return httpx.Response(200, json=tokens(1))
        if request.url.path == "/api/production/wells":
            return httpx.Response(200, json={"wells": [{
                "well": "W01", "first_day": "2020-01-01", "last_day": "2020-01-02", "days": 2,
                "cum_oil_bbl": 10.5, "cum_water_bbl": 3, "cum_gas_mscf": 0,
                "sources": ["historian"]}]})
        assert request.url.path == "/api/production/daily"
        wells = request.url.params.get_list("well")
        start = date.fromisoformat(request.url.params["start"])
        end = date.fromisoformat(request.url.params["end"])
        assert len(wells) <= 50 and (end - start).days <= 7305
        self.requests.append((wells, start, end))
        # One row per well on the first day of the range.
        return httpx.Response(200, json={"start": str(start), "end": str(end), "wells": [
            {"well": w, "day": [str(start)], "oil_bbl": [1.0], "water_bbl": [None],
             "gas_mscf": [2.0], "hours_on": [12.0], "hours_data": [None],
             "source": ["import"]} for w in wells]})


async def test_long_lists_and_spans_are_asked_in_pieces() -> None:
    edge = Edge()
    api = ApiClient("http://edge:8080", transport=httpx.MockTransport(edge.handler))
    await api.login("op", "pw")
    wells = [f"W{i:03d}" for i in range(120)] + ["W000"]
    start = date(1990, 1, 1)
    got = await api.daily_production(wells, start, date(2026, 1, 1))
    assert len(edge.requests) == 3 * 2, "3 groups of wells x 2 spans"
    assert list(got) == wells[:120]
    w = got["W007"]
    assert w.day == (start, start + timedelta(days=7305))
    assert w.oil_bbl == (1.0, 1.0) and w.water_bbl == (None, None) and len(w) == 2
    row = w.rows()[0]
    assert row.oil_rate == pytest.approx(2.0) and row.source == "import"
    (summary,) = await api.production_wells()
    assert summary.cum_oil_bbl == 10.5 and summary.last_day == date(2020, 1, 2)
    await api.close()


def test_a_malformed_answer_fails_at_the_boundary() -> None:
    good: dict[str, Any] = {"well": "W01", "day": ["2020-01-01"], "oil_bbl": [1],
                            "water_bbl": [1], "gas_mscf": [1], "hours_on": [24],
                            "hours_data": [24], "source": ["historian"]}
    assert WellDaily.parse(good).oil_bbl == (1.0,)
    with pytest.raises(ValueError, match="oil_bbl has 2 values for 1 days"):
        WellDaily.parse({**good, "oil_bbl": [1, 2]})
    with pytest.raises(ValueError):
        WellDaily.parse(json.loads(json.dumps({**good, "day": ["01/01/2020"]})))
