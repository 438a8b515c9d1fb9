"""A scripted edge serving synthetic daily production with a known decline, for the decline
curve tab's tests (the real API's shapes, as in tests/hmi/test_production_client.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import numpy as np

from domain.engineering.dca import DeclineModel, Hyperbolic
from domain.engineering.dca.synthetic import SyntheticWell, synthetic_history
from hmi.api.client import ApiClient
from hmi.api.types import WellDaily
from tests.hmi.test_client import tokens

#: the truth behind the scripted wells: (model, days of history, first day, seed)
TRUTH: dict[str, tuple[DeclineModel, int, date, int]] = {
    "W-101": (Hyperbolic(850.0, 0.65, 0.8), 1500, date(2021, 1, 1), 11),
    "W-102": (Hyperbolic(600.0, 0.50, 0.6), 1200, date(2021, 9, 1), 12),
    "W-103": (Hyperbolic(420.0, 0.80, 1.1), 900, date(2022, 6, 1), 13),
}


@dataclass
class Well:
    name: str
    synthetic: SyntheticWell
    first: date

    def daily(self) -> WellDaily:
        h = self.synthetic.history
        n = h.days.size
        days = tuple(self.first + timedelta(days=i) for i in range(n))
        oil = tuple(None if not np.isfinite(v) else round(float(v), 3) for v in h.rate)
        hours = tuple(round(float(u) * 24.0, 3) for u in self.synthetic.uptime)
        return WellDaily(self.name, days, oil, tuple(5.0 for _ in days),
                         tuple(0.3 for _ in days), hours, tuple(None for _ in days),
                         tuple("import" for _ in days))


def synthetic_well(name: str, noise: float = 0.06) -> Well:
    model, days, first, seed = TRUTH[name]
    s = synthetic_history(model, days, start=np.datetime64(first.isoformat()), noise=noise,
                          uptime_jitter=0.1, seed=seed)
    return Well(name, s, first)


def short_well(name: str = "W-NEW", days: int = 4) -> WellDaily:
    first = date(2025, 1, 1)
    return WellDaily(name, tuple(first + timedelta(days=i) for i in range(days)),
                     tuple(300.0 - 5 * i for i in range(days)), (1.0,) * days, (0.1,) * days,
                     (24.0,) * days, (None,) * days, ("import",) * days)


class DcaEdge:
    """Serves ``/production/wells`` and ``/production/daily`` for ``wells``; ``down`` makes
    every call fail like an unreachable edge; ``delay_s`` slows the daily answers."""

    def __init__(self, wells: list[WellDaily]) -> None:
        self.wells = {w.well: w for w in wells}
        self.down = False
        self.requests: list[str] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        path = request.url.path
        self.requests.append(path)
        if path == "/api/auth/login":
            return httpx.Response(200, json=tokens(1))
        if path == "/api/production/wells":
            return httpx.Response(200, json={"wells": [{
                "well": w.well, "first_day": str(w.day[0]), "last_day": str(w.day[-1]),
                "days": len(w), "cum_oil_bbl": float(sum(v or 0.0 for v in w.oil_bbl)),
                "cum_water_bbl": 0.0, "cum_gas_mscf": 0.0, "sources": ["import"]}
                for w in self.wells.values()]})
        assert path == "/api/production/daily", path
        start = date.fromisoformat(request.url.params["start"])
        end = date.fromisoformat(request.url.params["end"])
        out = []
        for name in request.url.params.get_list("well"):
            w = self.wells.get(name)
            if w is None:
                continue
            keep = [i for i, d in enumerate(w.day) if start <= d < end]
            out.append({"well": name, "day": [str(w.day[i]) for i in keep],
                        "oil_bbl": [w.oil_bbl[i] for i in keep],
                        "water_bbl": [w.water_bbl[i] for i in keep],
                        "gas_mscf": [w.gas_mscf[i] for i in keep],
                        "hours_on": [w.hours_on[i] for i in keep],
                        "hours_data": [w.hours_data[i] for i in keep],
                        "source": [w.source[i] for i in keep]})
        return httpx.Response(200, json={"start": str(start), "end": str(end), "wells": out})


async def make_client(edge: DcaEdge) -> ApiClient:
    api = ApiClient("http://edge:8080", transport=httpx.MockTransport(edge.handler))
    await api.login("op", "pw")
    return api


async def wait_until(predicate: Callable[[], Any], limit_s: float = 10.0,
                     what: str = "condition") -> None:
    """Let the asyncio loop and Qt run until ``predicate()`` is true."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")
