"""Storage filter: first sample, quality change, deadband against the last stored value,
heartbeat."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from domain.storage_filter import StorageFilter

S = 1_000_000  # µs per second


def test_first_sample_always_stored():
    f = StorageFilter([1.0, 1.0], [900, 900])
    assert f.select([0, 1], 0, [5.0, math.nan], [0, 3]).tolist() == [True, True]


def test_deadband_is_against_last_stored_value():
    f = StorageFilter([1.0], [900])
    f.select([0], 0, [10.0], [0])
    assert not f.select([0], 1 * S, [10.6], [0])[0]
    assert not f.select([0], 2 * S, [10.9], [0])[0]  # 0.9 from the stored 10.0
    assert f.select([0], 3 * S, [11.2], [0])[0]  # drift adds up past the deadband
    assert not f.select([0], 4 * S, [10.5], [0])[0]  # 0.7 from the stored 11.2


def test_deadband_zero_stores_every_change_only():
    f = StorageFilter([0.0], [900])
    f.select([0], 0, [1.0], [0])
    assert not f.select([0], S, [1.0], [0])[0]
    assert f.select([0], 2 * S, [1.0001], [0])[0]


def test_quality_change_is_stored_even_without_value_change():
    f = StorageFilter([100.0], [900])
    f.select([0], 0, [1.0], [0])
    assert f.select([0], S, [1.0], [1])[0]
    assert f.select([0], 2 * S, [math.nan], [3])[0]
    assert not f.select([0], 3 * S, [math.nan], [3])[0]  # still bad: nothing new
    assert f.select([0], 4 * S, [1.0], [0])[0]


def test_heartbeat_after_max_interval():
    f = StorageFilter([100.0], [10.0])
    f.select([0], 0, [1.0], [0])
    assert not f.select([0], 9 * S, [1.0], [0])[0]
    assert f.select([0], 10 * S, [1.0], [0])[0]
    assert not f.select([0], 15 * S, [1.0], [0])[0]  # interval restarts at the stored one


def test_subset_of_slots_per_call_and_per_sample_timestamps():
    f = StorageFilter([0.5] * 4, [900] * 4)
    f.select([1, 3], [0, 0], [1.0, 2.0], [0, 0])
    keep = f.select([0, 1, 2, 3], [S] * 4, [0.0, 1.0, 0.0, 3.0], [0, 0, 0, 0])
    assert keep.tolist() == [True, False, True, True]


def test_vectorised_over_ten_thousand_tags():
    n = 10_000
    f = StorageFilter(np.full(n, 0.5).tolist(), np.full(n, 60.0).tolist())
    slots = np.arange(n)
    rng = np.random.default_rng(1)
    f.select(slots, 0, np.zeros(n), np.zeros(n, dtype=np.int16))
    values = rng.normal(0, 0.5, n)
    keep = f.select(slots, S, values, np.zeros(n, dtype=np.int16))
    assert (keep == (np.abs(values) > 0.5)).all()


@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.sampled_from([0, 1, 3])), min_size=1,
                max_size=50), st.floats(0, 10))
def test_matches_a_scalar_reference(samples, deadband):
    f = StorageFilter([deadband], [30.0])
    last = None
    for k, (value, quality) in enumerate(samples):
        v = math.nan if quality == 3 else value
        ts = k * S
        if last is None:
            expected = True
        else:
            lv, lq, lts = last
            expected = (
                quality != lq
                or math.isnan(v) != math.isnan(lv)
                or (not math.isnan(v) and abs(v - lv) > deadband)
                or ts - lts >= 30 * S
            )
        assert bool(f.select([0], ts, [v], [quality])[0]) == expected
        if expected:
            last = (v, quality, ts)
