"""The stream hub: numbering, the ring, resume without gaps or duplicates, overflow, threads,
and the scanner-side change filter."""

from __future__ import annotations

import asyncio
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.tags import Quality
from engine.stream import (
    ALARM,
    DEVICE,
    TAGS,
    ResyncRequired,
    StreamHub,
    SubscriptionClosed,
    TagChangePublisher,
)

# An interleaving: publish n events, or disconnect (remember the last seq seen) and later
# resume from it.
ops = st.lists(st.one_of(st.integers(1, 30), st.just("drop"), st.just("resume")),
               min_size=1, max_size=40)


@given(ops, st.integers(1, 200), st.integers(0, 2**40))
@settings(max_examples=150, deadline=None)
def test_any_interleaving_of_publishes_and_resumes_is_gap_free(
    script: list[int | str], ring: int, start: int
) -> None:
    async def run() -> None:
        hub = StreamHub(max_events=ring, max_age_s=1e9, queue_size=10_000, start_seq=start)
        sub, _, _, _ = hub.subscribe()
        seen: list[int] = []
        connected = True
        published = 0
        for op in script:
            if op == "drop" and connected:
                seen.extend(e.seq for e in await sub.next_batch(0))
                sub.close()
                connected = False
            elif op == "resume" and not connected:
                last = seen[-1] if seen else start - 1
                try:
                    sub, _, backlog, _ = hub.subscribe(resume_from=last)
                except ResyncRequired as exc:
                    # Only when the ring really lost events after `last`.
                    assert exc.oldest > last + 1
                    assert published - (last - start + 1) > ring
                    return
                seen.extend(e.seq for e in backlog)
                connected = True
            elif isinstance(op, int):
                for _ in range(op):
                    hub.publish(DEVICE, {"n": published})
                    published += 1
        if not connected:
            last = seen[-1] if seen else start - 1
            try:
                sub, _, backlog, _ = hub.subscribe(resume_from=last)
            except ResyncRequired:
                assert published - (last - start + 1) > ring
                return
            seen.extend(e.seq for e in backlog)
        seen.extend(e.seq for e in await sub.next_batch(0))
        assert seen == list(range(start, start + published)), "no gap, no duplicate"

    asyncio.run(run())


async def test_resume_from_before_the_ring_or_from_the_future_needs_a_resync() -> None:
    hub = StreamHub(max_events=10, start_seq=100)
    for i in range(25):
        hub.publish(DEVICE, {"i": i})
    assert hub.latest_seq == 124
    assert [e.seq for e in hub.subscribe(resume_from=114)[2]] == list(range(115, 125))
    with pytest.raises(ResyncRequired) as exc:
        hub.subscribe(resume_from=113)
    assert exc.value.oldest == 115 and exc.value.latest == 124
    with pytest.raises(ResyncRequired):
        hub.subscribe(resume_from=125)  # a number this run never issued (earlier process)
    assert hub.subscribe(resume_from=124)[2] == []
    assert hub.stats()["resyncs"] == 2


async def test_events_older_than_max_age_leave_the_ring() -> None:
    now = [1000.0]
    hub = StreamHub(max_events=1000, max_age_s=60, start_seq=1, clock=lambda: now[0])
    hub.publish(DEVICE, {})
    now[0] += 61
    hub.publish(DEVICE, {})
    assert hub.stats()["buffered"] == 1
    with pytest.raises(ResyncRequired):
        hub.subscribe(resume_from=0)


async def test_a_slow_subscriber_is_closed_with_overflow_and_can_resume() -> None:
    hub = StreamHub(max_events=1000, queue_size=5, start_seq=1)
    fast, _, _, _ = hub.subscribe()
    slow, _, _, _ = hub.subscribe()
    for i in range(5):
        hub.publish(DEVICE, {"i": i})
    assert len(await fast.next_batch(0)) == 5
    first = await slow.next_batch(0)  # reads 5, then falls behind
    assert [e.seq for e in first] == [1, 2, 3, 4, 5]
    for i in range(8):
        hub.publish(DEVICE, {"i": i})
        assert len(await fast.next_batch(0)) == 1  # the fast one keeps up
    got = await slow.next_batch(0)
    assert [e.seq for e in got] == [6, 7, 8, 9, 10]  # what it queued before overflowing
    with pytest.raises(SubscriptionClosed) as closed:
        await slow.next_batch(0)
    assert closed.value.reason == "overflow" and closed.value.last_seq == 10
    _, _, backlog, _ = hub.subscribe(resume_from=closed.value.last_seq)
    assert [e.seq for e in backlog] == [11, 12, 13]
    assert hub.stats()["overflows"] == 1


async def test_alarm_events_from_other_threads_keep_their_order_and_wake_subscribers() -> None:
    hub = StreamHub(start_seq=1)
    hub.bind()
    await asyncio.sleep(0)
    sub, _, _, _ = hub.subscribe(tags=False)

    def producer(k: int) -> None:
        for i in range(200):
            hub.publish_threadsafe(ALARM, {"k": k, "i": i})

    threads = [threading.Thread(target=producer, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    hub.publish(TAGS, "ignored by this subscriber")
    for t in threads:
        t.join()
    got: list[dict[str, int]] = []
    while len(got) < 600:
        got.extend(e.data for e in await sub.next_batch(2.0))
    for k in range(3):
        assert [d["i"] for d in got if d["k"] == k] == list(range(200))
    assert hub.latest_seq == 601


async def test_a_subscriber_on_another_loop_is_woken_there() -> None:
    hub = StreamHub(start_seq=1)
    hub.bind()
    await asyncio.sleep(0)
    result: list[int] = []
    subscribed = threading.Event()

    def other_loop() -> None:
        async def consume() -> None:
            sub, seq, _, snap = await hub.open(snapshot=lambda: "snap")
            assert snap == "snap" and seq == 0
            subscribed.set()
            while len(result) < 3:
                result.extend(e.seq for e in await sub.next_batch(5.0))

        asyncio.run(consume())

    t = threading.Thread(target=other_loop)
    t.start()
    assert await asyncio.to_thread(subscribed.wait, 10)
    for _ in range(3):
        hub.publish(DEVICE, {})
    await asyncio.to_thread(t.join, 10)
    assert result == [1, 2, 3]


async def test_tag_publisher_sends_changes_only_plus_keepalive() -> None:
    now = [1000.0]
    hub = StreamHub(start_seq=1)
    pub = TagChangePublisher(hub, {"A": 10, "B": 11, "C": 12}, keepalive_s=30,
                             clock=lambda: now[0])
    sub, _, _, _ = hub.subscribe()
    ids = np.array([10, 11, 12], dtype=np.int64)
    good = np.full(3, int(Quality.GOOD), dtype=np.int16)

    def poll(values: list[float], q: np.ndarray = good) -> list[tuple[str, float | None, str]]:
        before = hub.latest_seq
        pub.on_readings(ids, now[0], np.array(values), q)
        if hub.latest_seq == before:
            return []
        _, _, backlog, _ = hub.subscribe(resume_from=before)
        return list(backlog[-1].data.items)

    first = poll([1.0, 2.0, float("nan")])
    assert first == [("A", 1.0, "GOOD"), ("B", 2.0, "GOOD"), ("C", None, "GOOD")]
    before = hub.latest_seq
    now[0] += 1
    pub.on_readings(ids, now[0], np.array([1.0, 2.0, float("nan")]), good)
    assert hub.latest_seq == before, "nothing changed: nothing sent (NaN equals NaN here)"
    now[0] += 1
    bad = np.array([int(Quality.GOOD), int(Quality.BAD_COMM), int(Quality.GOOD)], np.int16)
    assert poll([1.5, 2.0, float("nan")], bad) == [("A", 1.5, "GOOD"), ("B", 2.0, "BAD_COMM")]
    now[0] += 30
    assert len(poll([1.5, 2.0, float("nan")], bad)) == 3, "keepalive re-sends steady tags"
    pub.on_device_state("RTU-1", False, now[0])
    events = await sub.next_batch(0)
    assert [e.kind for e in events] == [TAGS, TAGS, TAGS, DEVICE]
    assert events[-1].data == {"device": "RTU-1", "up": False, "ts": now[0]}
    assert events[0].data.rx == 1000.0
