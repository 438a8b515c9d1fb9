"""A trend draws what the historian's storage rule implies (on change or quality change, at
least every ``hold_s``): a steady value is held flat from the sample before the window and
after the last bucket, at most ``hold_s`` after its sample; not from a bad sample; and what is
held is drawn, not exported as data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hmi.api.types import Trend, TrendPoint, TrendPrior
from hmi.components.trend import Series

T0 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
END = T0 + timedelta(minutes=10)


def point(minute: float, value: float, nbad: int = 0) -> TrendPoint:
    return TrendPoint(t=T0 + timedelta(minutes=minute), min=value, max=value, avg=value,
                      last=value, count=1, nbad=nbad)


def trend(points: list[TrendPoint], prior: TrendPrior | None, hold_s: float | None = 900.0
          ) -> Trend:
    return Trend(tag="W01.ESP.FREQ", start=T0, end=END, bucket_s=2.0, points=points,
                 prior=prior, hold_s=hold_s)


def ts(m: float) -> float:
    return (T0 + timedelta(minutes=m)).timestamp()


def test_a_steady_value_is_drawn_across_the_window() -> None:
    """No sample in the window at all (the last one 4 minutes before): a flat line at its
    value across the whole window, up to now."""
    prior = TrendPrior(T0 - timedelta(minutes=4), 62.0, "GOOD")
    s = Series.of(trend([], prior), now=END + timedelta(seconds=1))
    assert s.t == [ts(0), ts(10)] and s.avg == [62.0, 62.0] and s.held == [True, True]


def test_held_into_the_first_bucket_and_after_the_last_up_to_now() -> None:
    prior = TrendPrior(T0 - timedelta(minutes=1), 61.0, "GOOD")
    now = T0 + timedelta(minutes=8)  # live: the window's end is in the future
    s = Series.of(trend([point(3, 62.0)], prior), now=now)
    assert s.t == [ts(0), ts(3), ts(3), ts(3) + 2, now.timestamp()]
    assert s.avg == [61.0, 61.0, 62.0, 62.0, 62.0]
    assert s.held == [True, True, False, True, True]


def test_holds_end_after_hold_s_and_never_start_from_a_bad_sample() -> None:
    old = TrendPrior(T0 - timedelta(minutes=20), 61.0, "GOOD")  # older than hold_s (15 min)
    s = Series.of(trend([point(5, 62.0)], old), now=END)
    assert s.t[0] == ts(5)  # no hold reaches into the window
    assert s.t[-1] == ts(10)  # the last value held to the end (within 15 minutes)
    s = Series.of(trend([point(5, 62.0)], old, hold_s=60.0), now=END)
    assert s.t[-1] == ts(5) + 2 + 60  # a 1-minute heartbeat: held one minute, then a gap
    bad = TrendPrior(T0 - timedelta(minutes=1), None, "BAD_COMM")
    assert Series.of(trend([point(5, 62.0)], bad), now=END).t[0] == ts(5)
    uncertain = TrendPrior(T0 - timedelta(minutes=1), 60.0, "UNCERTAIN")
    assert Series.of(trend([point(5, 62.0)], uncertain), now=END).t[0] == ts(5)
    no_hold = Series.of(trend([point(5, 62.0)], None, hold_s=None), now=END)
    assert no_hold.t == [ts(5)] and no_hold.held == [False]
    last_bad = TrendPoint(t=T0 + timedelta(minutes=5), min=None, max=None, avg=None,
                          last=None, count=0, nbad=1)
    assert Series.of(trend([last_bad], None), now=END).t == [ts(5)]  # not held past a bad one


def test_csv_export_leaves_held_values_out() -> None:
    """Qt-free (hmi.components.trend.csv_rows): a pyqtgraph widget left to the garbage
    collector can deadlock PySide6 when a worker thread collects it."""
    from hmi.components.trend import Pen, TrendModel, csv_rows
    from hmi.components.units import UnitsModel

    async def never(*_a: object) -> Trend:
        raise AssertionError("not fetched")

    model = TrendModel(never)
    model.pens.append(Pen(tag="W01.ESP.FREQ", units="Hz", description="frecuencia"))
    prior = TrendPrior(T0 - timedelta(minutes=1), 61.0, "GOOD")
    model.data["W01.ESP.FREQ"] = Series.of(trend([point(3, 62.0)], prior), now=END)
    rows = list(csv_rows(model, UnitsModel()))
    assert len(rows) == 2 and rows[1][1] == (T0 + timedelta(minutes=3)).isoformat()
