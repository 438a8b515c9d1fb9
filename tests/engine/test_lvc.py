"""Last-value cache: latest value per tag, never old-and-good, safe across threads."""

from __future__ import annotations

import math
import threading

from domain.tags import Quality
from engine.lvc import LastValueCache, is_shown_as_good


class Clock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_latest_value_and_good_ts():
    clock = Clock()
    lvc = LastValueCache(clock=clock)
    assert lvc.get(1) is None
    lvc.update([1, 2], 1_000.0, [3.5, math.nan], [Quality.GOOD, Quality.BAD_COMM])
    one = lvc.get(1)
    assert one is not None and one.value == 3.5 and one.quality is Quality.GOOD
    assert one.good_ts == 1_000.0 and is_shown_as_good(one)
    two = lvc.get(2)
    assert two is not None and two.good_ts is None and not is_shown_as_good(two)
    clock.now = 1_001.0
    lvc.update([1], 1_001.0, [math.nan], [Quality.BAD_COMM])
    one = lvc.get(1)
    assert one is not None and one.quality is Quality.BAD_COMM and one.good_ts == 1_000.0


def test_goes_stale_after_three_periods_with_a_floor():
    clock = Clock()
    lvc = LastValueCache(stale_floor_s=2.0, clock=clock)
    lvc.set_scan_period([1], 1.0)  # 3 s
    lvc.set_scan_period([2], 0.1)  # 0.3 s, but the floor is 2 s
    lvc.update([1, 2], 1_000.0, [1.0, 2.0], [0, 0])
    clock.now = 1_002.5
    assert lvc.get(1).quality is Quality.GOOD  # type: ignore[union-attr]
    assert lvc.get(2).quality is Quality.STALE  # type: ignore[union-attr]
    clock.now = 1_003.5
    stale = lvc.get(1)
    assert stale is not None and stale.quality is Quality.STALE and stale.value == 1.0
    assert not is_shown_as_good(stale)
    assert {k: v.quality for k, v in lvc.snapshot().items()} == {
        1: Quality.STALE,
        2: Quality.STALE,
    }


def test_worse_quality_is_not_improved_to_stale():
    clock = Clock()
    lvc = LastValueCache(clock=clock)
    lvc.update([1], 1_000.0, [math.nan], [Quality.BAD_CONFIG])
    clock.now = 2_000.0
    assert lvc.get(1).quality is Quality.BAD_CONFIG  # type: ignore[union-attr]


def test_get_many_and_concurrent_readers():
    lvc = LastValueCache()
    ids = list(range(1000))
    errors: list[BaseException] = []
    done = threading.Event()

    def reader() -> None:
        try:
            while not done.is_set():
                view = lvc.get_many(ids)
                values = {v.value for v in view.values()}
                assert len(values) <= 1  # one scan's update is atomic for a reader
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    import time

    for k in range(200):
        lvc.update(ids, time.time(), [float(k)] * len(ids), [0] * len(ids))
    done.set()
    for t in threads:
        t.join()
    assert not errors
    assert len(lvc) == 1000
