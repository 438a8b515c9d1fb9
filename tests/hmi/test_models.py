"""Qt-free models: quality is never lost, alarm counts and filters, trend debounce."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from hmi.api.types import Alarm, TagValue, Trend, TrendPoint
from hmi.components.alarms import AlarmFilter, AlarmListModel
from hmi.components.tag_values import TagValuesModel
from hmi.components.trend import Pen, TrendModel

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def tv(name: str, value: float | None, quality: str = "GOOD") -> TagValue:
    return TagValue(name=name, value=value, quality=quality, good=quality == "GOOD", ts=NOW,
                    good_ts=NOW)


def alarm(name: str, priority: str, state: str = "unack", area: str = "F/PAD-A/W01",
          acked: bool = False) -> Alarm:
    values = {"critical": 4, "high": 3, "medium": 2, "low": 1}
    return Alarm(name=name, tag=None, priority=priority, priority_value=values[priority],
                 area=area, state=state, condition_active=True, acknowledged=acked,
                 message=f"msg {name}")


def test_quality_kept_and_link_loss_marks_everything() -> None:
    m = TagValuesModel()
    changes: list[set[str]] = []
    m.changed.connect(changes.append)
    m.update([tv("A", 1.0), tv("B", 2.0, "STALE"), tv("C", None, "BAD_COMM")])
    assert m.reading("A").shown_good
    assert not m.reading("B").shown_good and m.reading("B").marker == "?"
    assert m.reading("C").marker == "BAD" and m.reading("C").value is None
    assert m.reading("never").quality == "NO_VALUE" and not m.reading("never").shown_good
    m.set_link(False)
    assert changes[-1] == {"A", "B", "C"}
    a = m.reading("A")
    assert not a.shown_good and a.shown_quality == "LINK_LOST" and a.value == 1.0
    m.update([tv("A", 3.0)])  # a late answer while the link is down still is not "good"
    assert not m.reading("A").shown_good
    m.set_link(True)
    assert m.reading("A").shown_good


def test_alarm_counts_order_and_filter() -> None:
    m = AlarmListModel()
    m.set_alarms([alarm("L", "low"), alarm("H", "high"), alarm("C", "critical", acked=True,
                  state="acked"), alarm("M", "medium", area="F/PAD-B/W09"),
                  alarm("S", "high", state="shelved")])
    assert [a.name for a in m.alarms][:2] == ["C", "H"]
    assert m.counts() == {"critical": 0, "high": 1, "medium": 1, "low": 1}
    assert [a.name for a in m.top_unacknowledged(2)] == ["H", "M"]
    assert AlarmFilter(area="F/PAD-B").accepts(m.alarms[2]) is (m.alarms[2].name == "M")
    assert not AlarmFilter(area="F/PAD").accepts(alarm("X", "low"))  # prefix is by level
    assert AlarmFilter(text="msg h").accepts(alarm("H", "high"))
    assert m.worst_priority("W01") == "critical"


async def test_trend_pan_is_debounced_to_one_request() -> None:
    calls: list[tuple[str, datetime, datetime]] = []

    async def fetch(tag: str, start: datetime, end: datetime, points: int) -> Trend:
        calls.append((tag, start, end))
        return Trend(tag=tag, start=start, end=end, bucket_s=60.0, points=[
            TrendPoint(t=start, min=1.0, max=3.0, avg=2.0, last=2.0, count=10, nbad=0),
            TrendPoint(t=end, min=None, max=None, avg=None, last=None, count=0, nbad=5)])

    m = TrendModel(fetch)
    m.add_pen(Pen("W01.Q_LIQ", "bbl/d"))
    await m.wait_idle()
    calls.clear()
    start = NOW - timedelta(hours=2)
    for i in range(20):  # a drag: many range changes in quick succession
        m.request_range(start + timedelta(minutes=i), NOW + timedelta(minutes=i))
        await asyncio.sleep(0.01)
    await m.wait_idle()
    assert len(calls) == 1
    assert calls[0][1] == start + timedelta(minutes=19)
    s = m.data["W01.Q_LIQ"]
    assert s.suspect == [False, True] and not m.live
