"""The numpy binary-COPY encoder round-trips exactly through a real PostgreSQL COPY."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator

import numpy as np
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.abc import Buffer
from psycopg.adapt import Loader
from psycopg.pq import Format

from engine.historian.copy_encoder import (
    MAX_TS_US,
    MIN_TS_US,
    PG_EPOCH_OFFSET_US,
    columns,
    encode,
)

ROW = st.tuples(
    st.integers(-(2**31), 2**31 - 1),
    st.one_of(
        st.integers(MIN_TS_US, int(MAX_TS_US)),
        st.sampled_from([MIN_TS_US, int(MAX_TS_US), 0, -1, 946_684_800_000_000]),
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(2**15), 2**15 - 1),
)


class UnixMicrosLoader(Loader):
    """timestamptz (binary) -> exact int Unix microseconds, for years Python cannot hold."""

    format = Format.BINARY

    def load(self, data: Buffer) -> int:
        return int.from_bytes(bytes(data), "big", signed=True) + PG_EPOCH_OFFSET_US


@pytest.fixture(scope="module")
def scratch(pg_admin_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.adapters.register_loader("timestamptz", UnixMicrosLoader)
        conn.execute(
            "CREATE TEMP TABLE enc (tag_id int4, ts timestamptz, value float8, quality int2)"
        )
        yield conn


def _copy_and_read(conn: psycopg.Connection, payload: bytes) -> Counter[tuple[object, ...]]:
    conn.execute("TRUNCATE enc")
    with conn.cursor() as cur, cur.copy("COPY enc FROM STDIN (FORMAT BINARY)") as copy:
        copy.write(payload)
    rows = conn.execute("SELECT tag_id, ts, value, quality FROM enc", binary=True).fetchall()
    return Counter(tuple(r) for r in rows)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(ROW, max_size=40))
def test_round_trip_through_real_copy(
    scratch: psycopg.Connection, rows: list[tuple[int, int, float, int]]
) -> None:
    tags, ts, values, quals = (list(c) for c in zip(*rows, strict=True)) if rows else ([],) * 4
    payload = encode(columns(tags, ts, values, quals))
    expected = Counter(
        (t, s, None if math.isnan(v) else v, q) for t, s, v, q in rows
    )
    assert _copy_and_read(scratch, payload) == expected


def test_nan_becomes_null_and_infinities_survive(scratch: psycopg.Connection) -> None:
    payload = encode(columns([1, 2, 3], [0, 1, 2], [float("nan"), math.inf, -math.inf], [3, 0, 0]))
    got = _copy_and_read(scratch, payload)
    assert got == Counter({(1, 0, None, 3): 1, (2, 1, math.inf, 0): 1, (3, 2, -math.inf, 0): 1})


def test_rows_without_nulls_are_forty_bytes() -> None:
    payload = encode(columns(np.arange(10), np.arange(10), np.ones(10), np.zeros(10)))
    assert len(payload) == 19 + 10 * 40 + 2
    payload = encode(columns(np.arange(10), np.arange(10), np.full(10, np.nan), np.zeros(10)))
    assert len(payload) == 19 + 10 * 32 + 2


@pytest.mark.parametrize(
    ("tags", "ts", "quals"),
    [([2**31], [0], [0]), ([1], [MIN_TS_US - 1], [0]), ([1], [0], [2**15]), ([1, 2], [0], [0])],
)
def test_values_the_table_cannot_hold_are_refused(
    tags: list[int], ts: list[int], quals: list[int]
) -> None:
    with pytest.raises(ValueError):
        columns(tags, ts, [1.0] * len(tags), quals)
