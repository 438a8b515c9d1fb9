"""The overview's production line: net oil delivered today from the LACT totalizer, against
the field's daily target (share delivered, projected day, ▼ when behind plan), in the chosen
units; an edge without targets still shows the delivery."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from hmi._qt.context import AppContext
from hmi._qt.overview.view import OverviewView
from hmi.api.client import ApiClient
from hmi.api.errors import ApiError
from hmi.api.types import ProductionTarget, ProductionTargets, Trend, TrendPoint
from hmi.components.units import UnitSystem


class Edge:
    """What the overview asks of the edge: the totalizer's trend since midnight, targets."""

    def __init__(self, delivered: float, target: float | None, has_targets: bool = True):
        self.delivered = delivered
        self.target = target
        self.has_targets = has_targets
        self.asked_day: date | None = None

    async def trend(self, tag: str, start: datetime, end: datetime, points: int) -> Trend:
        t0 = 1_000_000.0
        pts = [TrendPoint(start, t0, t0 + 10, None, None, 5, 0),
               TrendPoint(end - timedelta(seconds=1), t0 + 10, t0 + self.delivered, None,
                          None, 5, 0)]
        return Trend(tag, start, end, 60.0, pts)

    async def production_targets(self, day: date) -> ProductionTargets:
        self.asked_day = day
        if not self.has_targets:
            raise ApiError(404, "not_found", "Not Found")
        field = None if self.target is None else ProductionTarget(
            "*", day.replace(day=1), self.target, None, None)
        return ProductionTargets(day, field)


def view_for(qtbot: QtBot, edge: Edge) -> OverviewView:
    ctx = AppContext(ApiClient("http://edge.test"))
    client: Any = ctx.client
    client.trend = edge.trend  # the only two calls the production line makes
    client.production_targets = edge.production_targets
    v = OverviewView(ctx)
    qtbot.addWidget(v)
    return v


async def load(v: OverviewView, hours: float) -> str:
    await v._load_production("BAT.LACT.VOL_NETO")
    v._prod_hours = hours  # the hour of the day is the test's, not the clock's
    v._show_production()
    # thousands may be grouped with a (thin) space: compare digits only
    return re.sub(r"(?<=\d)[\s\u202f\u00a0](?=\d{3}\b)", "", v.production.text())


@pytest.fixture(autouse=True)
def _oilfield(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hmi.components.tag_values.TagValuesModel.units",
                        lambda self, tag: "bbl")


async def test_delivery_against_target_and_pace(qtbot: QtBot) -> None:
    edge = Edge(delivered=3_000.0, target=12_000.0)
    v = view_for(qtbot, edge)
    text = await load(v, hours=6.0)
    assert edge.asked_day == datetime.now().astimezone().date()
    assert "3000 bbl" in text and "12000 bbl" in text
    assert "25 %" in text and "on pace for 12000 bbl (100 %" in text and "▼" not in text
    behind = await load(view_for(qtbot, Edge(2_400.0, 12_000.0)), hours=6.0)
    assert "on pace for 9600 bbl (80 %" in behind and "▼" in behind


async def test_first_hour_has_no_projection_and_si_units(qtbot: QtBot) -> None:
    v = view_for(qtbot, Edge(300.0, 12_000.0))
    v.ctx.units.set_system(UnitSystem.SI)
    text = await load(v, hours=0.5)
    assert "on pace" not in text
    assert "m³" in text and "48 m³" in text  # 300 bbl = 47.7 m³


@pytest.mark.parametrize("has_targets", [True, False])
async def test_without_a_target_the_delivery_still_shows(qtbot: QtBot,
                                                         has_targets: bool) -> None:
    text = await load(view_for(qtbot, Edge(1_234.0, None, has_targets)), hours=10.0)
    assert "1234 bbl" in text and "no daily target set" in text

