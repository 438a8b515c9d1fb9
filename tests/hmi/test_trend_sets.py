"""Saved trend sets: the store (round trip, names, atomic write, damaged files kept), the
model's snapshot/apply round trip (pens, axes, colours, live span or historical range), and
the Trends screen's save / load / overwrite / delete flow with pytest-qt."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hmi.api.types import TagInfo, Trend, TrendPoint
from hmi.components.trend import Pen, TrendModel
from hmi.components.trend_sets import (
    PenSetting,
    TrendSet,
    TrendSetError,
    TrendSetExists,
    TrendSetStore,
)
from hmi.components.units import UnitSystem

TAGS = {
    "W01.ESP.MOTOR_TEMP": ("degF", "Temperatura de motor"),
    "W01.TUBING.PRES": ("psi", "Presión de tubing"),
    "W01.ESP.AMPS": ("A", "Corriente de motor"),
    "W01.FLOW.RATE": ("bbl/d", "Caudal bruto"),
}
SHAPE = {"W01.ESP.MOTOR_TEMP": (190.0, 12.0), "W01.TUBING.PRES": (320.0, 40.0),
         "W01.ESP.AMPS": (48.0, 6.0), "W01.FLOW.RATE": (850.0, 120.0)}


async def fake_trend(tag: str, start: datetime, end: datetime, points: int) -> Trend:
    """A smooth, realistic signal with a dip (and a few suspect buckets)."""
    n = min(points, 300)
    step = (end - start) / n
    base, amp = SHAPE.get(tag, (50.0, 5.0))
    phase = list(SHAPE).index(tag) * 1.9 if tag in SHAPE else 0.0
    pts = []
    for i in range(n):
        t = start + step * i
        x = t.timestamp() / (900.0 + 400 * phase) + phase
        v = base + amp * math.sin(x) + amp * 0.3 * math.sin(x * 7.3)
        if 0.62 < i / n < 0.66:
            v -= amp * 2.5
        pts.append(TrendPoint(t=t, min=v - amp * 0.1, max=v + amp * 0.1, avg=v, last=v,
                              count=10, nbad=1 if 0.63 < i / n < 0.64 else 0))
    return Trend(tag=tag, start=start, end=end, bucket_s=step.total_seconds(), points=pts)


def resolve(setting: PenSetting) -> Pen | None:
    if setting.tag not in TAGS:
        return None
    units, desc = TAGS[setting.tag]
    return Pen(setting.tag, units, desc, y_range=setting.y_range, color=setting.color)


HIST = TrendSet(
    name="Pozo W01 — arranque", live=False, span=timedelta(hours=2),
    start=datetime(2026, 11, 20, 6, 0, tzinfo=UTC), end=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
    pens=(PenSetting("W01.ESP.MOTOR_TEMP", 150.0, 250.0, "#b03a2e"),
          PenSetting("W01.TUBING.PRES", None, None, "#1f4e9c")))


# -- store -------------------------------------------------------------------------------------
def test_store_round_trip_names_and_overwrite(tmp_path: Path) -> None:
    store = TrendSetStore(tmp_path / "sets")
    assert store.names() == [] and store.problems == []
    path = store.save(HIST)
    assert path.parent == tmp_path / "sets" and store.load(HIST.name) == HIST
    assert store.load("POZO W01 — ARRANQUE") == HIST  # names are case-insensitive
    live = TrendSet(name="ampos", pens=(PenSetting("W01.ESP.AMPS"),), span=timedelta(hours=8))
    store.save(live)
    assert store.names() == ["ampos", HIST.name]
    with pytest.raises(TrendSetExists):
        store.save(TrendSet(name="Ampos", pens=()))
    store.save(TrendSet(name="Ampos", pens=()), overwrite=True)
    assert store.load("ampos").pens == () and store.names() == ["Ampos", HIST.name]
    assert [p.name for p in (tmp_path / "sets").iterdir() if p.name.startswith(".tmp")] == []
    store.delete("ampos")
    store.delete("ampos")  # already gone: nothing to do
    assert store.names() == [HIST.name]
    for bad in ("", "   ", "x" * 81, "a\nb"):
        with pytest.raises(TrendSetError):
            store.save(TrendSet(name=bad))
    # odd characters make a safe file name, never a path
    weird = TrendSet(name="../../etc/passwd: ñandú * ?", pens=())
    assert store.save(weird).parent == tmp_path / "sets"
    assert store.load(weird.name).name == weird.name


def test_damaged_file_is_reported_and_kept(tmp_path: Path) -> None:
    store = TrendSetStore(tmp_path)
    store.save(HIST)
    store.save(TrendSet(name="bueno", pens=(PenSetting("W01.ESP.AMPS"),)))
    path = store.path("bueno")
    path.write_text('{"schema": 1, "name": "bueno", "pens": [', encoding="utf-8")
    assert store.names() == [HIST.name]  # the others still load
    assert len(store.problems) == 1 and store.problems[0].path == path
    assert "not valid JSON" in store.problems[0].reason
    with pytest.raises(TrendSetError, match="not valid JSON") as err:
        store.load("bueno")
    assert str(path) in str(err.value)
    # saving the same name again keeps the damaged file aside, never overwrites it
    store.save(TrendSet(name="bueno", pens=()))
    kept = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_text("utf-8").endswith('"pens": [')
    assert store.names() == ["bueno", HIST.name] and store.problems == []


@pytest.mark.parametrize(("change", "reason"), [
    ({"schema": 99}, "format version"),
    ({"pens": [{"tag": "A", "y_min": 1.0}]}, "both ends"),
    ({"pens": [{"tag": "A", "y_min": 5.0, "y_max": 1.0}]}, "axis range"),
    ({"pens": [{"tag": "A", "color": "red; drop"}]}, "colour"),
    ({"pens": [{"tag": "A"}, {"tag": "A"}]}, "twice"),
    ({"pens": [{}]}, "without a tag"),
    ({"live": False, "start": None}, "start < end"),
    ({"span_s": -5}, "span"),
    ({"start": "2026-01-01T00:00:00", "live": False}, "time zone"),
    ({"name": ""}, "empty name"),
])
def test_invalid_content_is_named(change: dict[str, Any], reason: str) -> None:
    data = {**HIST.to_json(), **change}
    with pytest.raises(TrendSetError, match=reason):
        TrendSet.from_json(data)
    with pytest.raises(TrendSetError):
        TrendSet.from_json([1, 2])


# -- model -------------------------------------------------------------------------------------
async def test_model_round_trip_live_and_historical(tmp_path: Path) -> None:
    store = TrendSetStore(tmp_path)
    a = TrendModel(fake_trend)
    for tag in ("W01.ESP.MOTOR_TEMP", "W01.TUBING.PRES", "W01.ESP.AMPS"):
        units, desc = TAGS[tag]
        a.add_pen(Pen(tag, units, desc))
    a.set_preset("8h")
    axes = {"W01.TUBING.PRES": (200.0, 400.0)}
    store.save(a.snapshot("turno", axes, {"W01.ESP.AMPS": "#1e8449"}))
    b = TrendModel(fake_trend)
    b.add_pen(Pen("W09.OTHER", "psi"))
    b.request_range(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC))
    b.live = False
    missing = b.apply_set(store.load("turno"), resolve)
    assert missing == []
    assert [p.tag for p in b.pens] == [p.tag for p in a.pens]
    assert [p.y_range for p in b.pens] == [None, (200.0, 400.0), None]
    assert b.pens[2].color == "#1e8449" and b.live and b.preset_key() == "8h"
    await b.wait_idle()
    assert set(b.data) == {p.tag for p in a.pens}
    # historical: the same fixed range back, not following now; unknown tags left out
    saved = TrendSet(name="h", live=False, span=HIST.span, start=HIST.start, end=HIST.end,
                     pens=(*HIST.pens, PenSetting("NOT.ON.THIS.EDGE")))
    store.save(saved)
    missing = b.apply_set(store.load("h"), resolve)
    assert missing == ["NOT.ON.THIS.EDGE"]
    assert (b.start, b.end, b.live, b.preset_key()) == (HIST.start, HIST.end, False, None)
    assert b.snapshot("h2").pens == HIST.pens
    await b.wait_idle()


# -- screen ------------------------------------------------------------------------------------
@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    from hmi._qt.context import AppContext
    from hmi._qt.trends.view import TrendsView
    from hmi.api.client import ApiClient

    client: Any = ApiClient("http://test.invalid:8080")
    client.trend = fake_trend
    ctx = AppContext(client)
    ctx.tags.set_infos([TagInfo(name=n, site="PAD-A", device="W01", units=u, description=d,
                                eu_min=None, eu_max=None, writable=False)
                        for n, (u, d) in TAGS.items()])
    v: Any = TrendsView(ctx, store=TrendSetStore(tmp_path / "sets"))
    v.questions = []
    v.answer = True

    def confirm(question: str) -> bool:
        v.questions.append(question)
        return bool(v.answer)

    v.confirm = confirm
    qtbot.addWidget(v)
    v.resize(1600, 900)
    yield v
    v._timer.stop()  # the live tick must not outlive the test's event loop


async def test_screen_save_load_overwrite_delete(view: Any) -> None:
    v = view
    assert not v.save_set.isEnabled() and not v.delete_set.isEnabled()
    for tag in ("W01.ESP.MOTOR_TEMP", "W01.TUBING.PRES", "W01.FLOW.RATE"):
        assert v.add_tag(tag)
    v.model.set_preset("24h")
    await v.model.wait_idle()
    v.views[0].setYRange(250.0, 450.0, padding=0)  # the operator fixed the pressure axis
    v.ask_name = lambda default: "  Pozo W01 turno noche "
    v._save_set()
    assert v.store.names() == ["Pozo W01 turno noche"] and "Saved" in v.set_message.text()
    saved = v.store.load("Pozo W01 turno noche")
    assert [p.tag for p in saved.pens] == [p.tag for p in v.model.pens] and saved.live
    assert saved.span == timedelta(hours=24)
    assert saved.pens[0].y_range is None
    lo, hi = saved.pens[1].y_range
    assert lo == pytest.approx(250.0) and hi == pytest.approx(450.0)
    assert v.sets.currentData() == "Pozo W01 turno noche" and v.delete_set.isEnabled()

    # another screen state, then load the set back from the list
    v._clear()
    v.add_tag("W01.ESP.AMPS")
    v.model.set_preset("10m")
    v.sets.setCurrentIndex(v.sets.findData("Pozo W01 turno noche"))
    v.sets.activated.emit(v.sets.currentIndex())
    await v.model.wait_idle()
    assert [p.tag for p in v.model.pens] == [p.tag for p in saved.pens]
    assert v.model.live and v.model.preset_key() == "24h"
    assert v.main_vb.autoRangeEnabled()[1] is not False  # the first pen: automatic
    lo, hi = v.views[0].viewRange()[1]
    assert (lo, hi) == (pytest.approx(250.0), pytest.approx(450.0))
    assert "Loaded" in v.set_message.text()
    # in SI units the fixed axis shows the same pressure in kPa, and is saved back in psi
    v.ctx.units.set_system(UnitSystem.SI)
    lo_kpa, _ = v.views[0].viewRange()[1]
    assert lo_kpa == pytest.approx(250.0 * 6.894757, rel=1e-4)
    assert v.axes_shown()["W01.TUBING.PRES"] == (pytest.approx(250.0), pytest.approx(450.0))
    v.ctx.units.set_system(UnitSystem.OILFIELD)

    # overwrite asks; "no" keeps the saved set
    v.model.set_preset("1h")
    v.answer = False
    assert not v.save_set_as("POZO W01 TURNO NOCHE")
    assert "already exists" in v.questions[-1] and v.store.load(saved.name).span == saved.span
    v.answer = True
    assert v.save_set_as("Pozo W01 turno noche")
    assert v.store.load(saved.name).span == timedelta(hours=1)
    # a historical set comes back historical
    v.model.request_range(datetime(2026, 11, 20, 6, tzinfo=UTC),
                          datetime(2026, 11, 20, 9, tzinfo=UTC))
    v.model.live = False
    assert v.save_set_as("histórico") and not v.store.load("histórico").live
    v.model.set_preset("1h")
    assert v.load_set("histórico") and not v.model.live and "HISTORICAL" in v.live.text()
    await v.model.wait_idle()
    # delete asks, then removes it from the list
    v.sets.setCurrentIndex(v.sets.findData("histórico"))
    v.answer = False
    v._delete_set()
    assert "histórico" in v.store.names()
    v.answer = True
    v._delete_set()
    assert v.store.names() == ["Pozo W01 turno noche"] and v.sets.findData("histórico") < 0
    assert v.sets.currentData() is None and not v.delete_set.isEnabled()


async def test_screen_damaged_and_unknown(view: Any) -> None:
    v = view
    store = v.store
    store.save(TrendSet(name="otro campo", pens=(PenSetting("W01.ESP.AMPS"),
                                                 PenSetting("X99.NOPE"))))
    store.save(TrendSet(name="roto", pens=()))
    store.path("roto").write_bytes(b"\x00\xff garbage")
    v.refresh_sets()
    assert [v.sets.itemData(i) for i in range(v.sets.count())] == [None, "otro campo"]
    assert "could not be read" in v.set_message.text()
    assert str(store.path("roto")) in v.set_message.toolTip()
    assert v.load_set("otro campo")
    assert [p.tag for p in v.model.pens] == ["W01.ESP.AMPS"]
    assert "X99.NOPE" in v.set_message.text()
    await v.model.wait_idle()
    assert not v.load_set("roto") and "could not be read" in v.set_message.text()
    assert store.path("roto").exists()
    v.ask_name = lambda default: "   "
    v._save_set()
    assert "needs a name" in v.set_message.text()
    v.ask_name = lambda default: None  # cancelled
    v._save_set()
    assert "needs a name" in v.set_message.text()


async def test_screenshot(view: Any) -> None:
    v = view
    for tag in ("W01.ESP.MOTOR_TEMP", "W01.TUBING.PRES", "W01.ESP.AMPS"):
        v.add_tag(tag)
    v.model.set_preset("8h")
    await v.model.wait_idle()
    v.save_set_as("Pozo W01 — bomba ESP")
    v.save_set_as("Batería 1 — tanques")
    v.refresh_sets(select="Pozo W01 — bomba ESP")
    v.show()
    for _ in range(3):
        QApplication.processEvents()
    pm = v.grab()
    assert pm.width() == 1600
    if os.environ.get("OILFIELD_TEST_SHOTS"):
        pm.save(str(Path(os.environ["OILFIELD_TEST_SHOTS"]) / "trends_sets.png"))
    assert json.loads(v.store.path("Batería 1 — tanques").read_text("utf-8"))["schema"] == 1


async def test_screen_twelve_pens_pan_keeps_automatic_axes(qtbot: QtBot, tmp_path: Path) -> None:
    """The issue's 10-pen trend (MAX_PENS is 12): every pen gets its own axis and colour. A
    pan does not rescale the automatic Y axes at each frame; the refetched range does, and a
    fixed axis stays as set."""
    from hmi._qt.context import AppContext
    from hmi._qt.trends.view import TrendsView
    from hmi.api.client import ApiClient
    from hmi.components.trend import MAX_PENS

    assert MAX_PENS >= 10
    client: Any = ApiClient("http://test.invalid:8080")
    client.trend = fake_trend
    ctx = AppContext(client)
    names = [*TAGS, *(f"W{i:02d}.Q_LIQ" for i in range(2, 11))]  # 13 tags
    ctx.tags.set_infos([TagInfo(name=n, site="PAD-A", device=n[:3], units="bbl/d",
                                description="", eu_min=None, eu_max=None, writable=False)
                        for n in names])
    v: Any = TrendsView(ctx, store=TrendSetStore(tmp_path / "sets"))
    qtbot.addWidget(v)
    v.resize(1600, 900)
    try:
        assert all(v.add_tag(n) for n in names[:MAX_PENS])
        assert not v.add_tag(names[MAX_PENS])  # one more than the chart takes
        assert len(v.views) == len(v.axes) == MAX_PENS - 1 == len(v.curves) - 1
        colors = [v._color(i, p) for i, p in enumerate(v.model.pens)]
        assert len(set(colors)) == MAX_PENS
        await v.model.wait_idle()
        v.views[0].setYRange(250.0, 450.0, padding=0)  # the operator fixed one axis
        v.show()
        for _ in range(3):
            QApplication.processEvents()
        boxes = [v.main_vb, *v.views]
        before = [vb.viewRange()[1] for vb in boxes]
        lo, hi = v.main_vb.viewRange()[0]
        v.main_vb.setXRange(lo + (hi - lo) * 0.3, hi + (hi - lo) * 0.3, padding=0)  # a drag
        for _ in range(3):
            QApplication.processEvents()
        assert [vb.viewRange()[1] for vb in boxes] == before  # no rescale mid-gesture
        assert not v.model.live
        await v.model.wait_idle()  # the debounced refetch of the new range
        for _ in range(3):
            QApplication.processEvents()
        after = [vb.viewRange()[1] for vb in boxes]
        assert after[1] == before[1] == [250.0, 450.0]  # fixed stays fixed
        assert all(vb.autoRangeEnabled()[1] for i, vb in enumerate(boxes) if i != 1)
        assert sum(a != b for a, b in zip(after, before, strict=True)) >= 6  # refitted
        s = v.model.data[names[0]]
        lo_y, hi_y = after[0]
        assert lo_y <= min(s.avg) and max(s.avg) <= hi_y  # auto: fits the refetched data
    finally:
        v._timer.stop()
