"""Alarm-system performance KPIs (EEMUA 191 3rd ed., 2013; ISA-18.2-2016 clause 16 / IEC 62682),
computed in SQL over the append-only ``alarm_journal``.

Why in SQL: a year of journal is about a million rows (a third of them activations); aggregating
them server-side returns a few thousand rows at most, while fetching them into Python would take
longer than the whole report. Every query over activations filters on exactly
``event = 'activate' AND annunciated AND ts >= start AND ts < end``, the predicate of the partial
index ``ix_alarm_journal_activations`` (``ts`` INCLUDE ``alarm_id, priority, area``), so all of
them are index-only scans of the activations alone.

What counts: an *annunciated activation*, i.e. a journal row with ``event = 'activate'`` and
``annunciated`` (the alarm was put in front of the operator). Activations of shelved, suppressed
or out-of-service alarms are journaled but are not load on the operator, so they are not counted
(ISA-18.2-2016's performance metrics count "annunciated alarms").

The benchmark figures, as given in ISA-18.2-2016 clause 16 (alarm performance monitoring; its
table of recommended metrics adopts the EEMUA 191 figures) and as commonly quoted from it:

* average annunciated alarm rate per operator: ~1 per 10 min / ~6 per hour / ~144 per day is
  "very likely acceptable", ~2 per 10 min / ~12 per hour / ~288 per day the "maximum manageable"
  (ISA-18.2 rounds the daily figures to ~150 and ~300); EEMUA 191 table of long-term average
  rates: > 1 per minute "very likely to be unacceptable", 1 per 2 minutes "likely to be
  over-demanding", 1 per 5 minutes "manageable", < 1 per 10 minutes "very likely to be
  acceptable";
* peak: at most 10 alarms in any 10-minute period; flood: more than 10 annunciated alarms in
  10 minutes; time in flood < 1 %;
* the 10 most frequent alarms should carry ~1 % to 5 % at most of the load;
* chattering (the same alarm 3 or more times in 60 s) and stale (active more than 24 h) alarms:
  zero chattering, fewer than 5 stale present on any day;
* annunciated priority distribution ~80 % low, ~15 % medium, ~5 % high; where a fourth, highest
  ("critical", "emergency") priority is used, "< 1 %" is the figure commonly quoted for it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg import pq

from domain.alarms.definitions import Priority

# ---------------------------------------------------------------------------- benchmark figures

ACCEPTABLE_PER_10_MIN = 1.0
"""EEMUA 191 (3rd ed.) "very likely to be acceptable": < 1 alarm per 10 minutes on average."""
MANAGEABLE_PER_10_MIN = 2.0
"""EEMUA 191 "manageable": 1 per 5 minutes; ISA-18.2-2016 "maximum manageable" (~300/day)."""
OVER_DEMANDING_PER_10_MIN = 10.0
"""Above 1 per minute EEMUA 191 says "very likely to be unacceptable"; between 1 per 5 minutes and
1 per minute (its row "1 per 2 minutes") "likely to be over-demanding"."""

FLOOD_THRESHOLD = 10
"""A 10-minute period with more than this many annunciated alarms is in flood (EEMUA 191,
ISA-18.2-2016 clause 16); it is also the target for the peak 10-minute count."""
FLOOD_TARGET_PERCENT = 1.0
"""ISA-18.2-2016 clause 16 metrics table: time in flood ~< 1 %."""
TOP10_TARGET_PERCENT = 5.0
"""ISA-18.2-2016 clause 16 metrics table: the top-10 most frequent alarms carry ~1 % to 5 %
maximum of the load."""
STALE_AFTER = timedelta(hours=24)
"""ISA-18.2-2016 clause 16 / EEMUA 191: an alarm active for more than 24 h is stale."""
STALE_TARGET_MAX = 5
"""ISA-18.2-2016 clause 16 metrics table: fewer than 5 stale alarms present on any day."""
CHATTER_COUNT = 3
CHATTER_WINDOW_S = 60
"""Chattering: the same alarm 3 or more times within 60 s (ISA-18.2-2016 clause 16 / EEMUA 191)."""
PRIORITY_GUIDELINE_PERCENT: Mapping[Priority, float] = {
    Priority.LOW: 80.0,
    Priority.MEDIUM: 15.0,
    Priority.HIGH: 5.0,
}
"""EEMUA 191 / ISA-18.2-2016 clause 16 annunciated priority distribution for three priorities."""
CRITICAL_GUIDELINE_PERCENT = 1.0
"""For a fourth, highest priority "< 1 %" is commonly quoted (e.g. in ISA-18.2 training and
vendor guidance); the standards' table itself lists three priorities."""
PRIORITY_TOLERANCE_PP = 5.0
"""How far (percentage points) a share may stray from 80/15/5 and still be "close to guideline".
The standards give the mix as approximate ("~"); 5 points is our reading, not theirs."""

_TEN_MIN = timedelta(minutes=10)
_TIME_KEY_BITS = 40
"""The chattering query packs (alarm_id, milliseconds since start) into one bigint sort key."""
_MAX_PACKED_ALARM_ID = 2 ** (63 - _TIME_KEY_BITS) - 1
_MAX_PERIOD = timedelta(days=365 * 30)  # 30 years in ms < 2**40 with room to spare
_WORK_MEM = "64MB"
"""Per-query memory for the sorts/hashes, so a year's activations sort in memory (default 4 MB
spills to disk and doubles the time). Set transaction-locally and restored afterwards."""


# ---------------------------------------------------------------------------- result types


@dataclass(frozen=True, slots=True)
class RateKpi:
    """Average annunciated alarms per ``per`` over the period, against the EEMUA 191 table."""

    per: str
    value: float
    acceptable: float
    manageable: float
    verdict: str


@dataclass(frozen=True, slots=True)
class PeakKpi:
    """Largest count in one fixed 10-minute bucket and where it was; target ≤ 10."""

    count: int
    bucket_start: datetime | None
    target: int
    meets_target: bool


@dataclass(frozen=True, slots=True)
class FloodKpi:
    """10-minute periods with more than ``threshold`` alarms, as a share of all periods."""

    periods: int
    periods_in_flood: int
    percent_in_flood: float
    threshold: int
    target_percent: float
    meets_target: bool


@dataclass(frozen=True, slots=True)
class FrequentAlarm:
    """One of the most frequent alarms and its share of the annunciated load."""

    name: str
    area: str
    priority: str
    count: int
    share_percent: float


@dataclass(frozen=True, slots=True)
class TopAlarms:
    """The top-10 "bad actors" and their combined share; target ≤ 5 % (ISA-18.2-2016)."""

    alarms: tuple[FrequentAlarm, ...]
    share_percent: float
    target_percent: float
    meets_target: bool


@dataclass(frozen=True, slots=True)
class ChatteringAlarm:
    """An alarm that activated ``CHATTER_COUNT`` or more times within ``CHATTER_WINDOW_S``.

    ``chatter_activations`` counts activations that were at least the third within 60 s;
    ``max_in_60s`` is the most activations seen in any 60-s window.
    """

    name: str
    area: str
    priority: str
    activations: int
    chatter_activations: int
    max_in_60s: int


@dataclass(frozen=True, slots=True)
class StaleAlarm:
    """An alarm standing (UNACK, ACKED or LATCHED) for more than 24 h at the period's end.

    ``since_source`` is ``"journal"`` when ``active_since`` is the last journaled activation, or
    ``"state"`` when the journal has none (pruned history) and ``alarm_state.updated_at`` — a
    lower bound of the duration — is used instead.
    """

    name: str
    area: str
    priority: str
    state: str
    active_since: datetime
    active_for_h: float
    since_source: str


@dataclass(frozen=True, slots=True)
class PriorityShare:
    priority: str
    count: int
    percent: float
    guideline_percent: float | None


@dataclass(frozen=True, slots=True)
class PriorityDistribution:
    """Annunciated activations per priority against ~80/15/5 (critical: "< 1 %", see module)."""

    shares: tuple[PriorityShare, ...]
    max_deviation_pp: float
    verdict: str
    critical_percent: float
    critical_within_guideline: bool


@dataclass(frozen=True, slots=True)
class ShelvedAlarm:
    """An alarm shelved now (``alarm_state``), with the shelf from its snapshot when present."""

    name: str
    area: str
    priority: str
    user: str | None
    reason: str | None
    since: datetime | None
    expires_at: datetime | None
    one_shot: bool | None


@dataclass(frozen=True, slots=True)
class OutOfServiceAlarm:
    """An alarm out of service now (``alarm_state``), with who/why/since from its snapshot."""

    name: str
    area: str
    priority: str
    user: str | None
    reason: str | None
    since: datetime | None


@dataclass(frozen=True, slots=True)
class AlarmKpis:
    """The alarm performance report for ``[start, end)`` (and ``area`` and below, if given).

    ``shelved``, ``out_of_service`` and ``stale`` come from ``alarm_state``, i.e. they describe the
    alarms *as they are now*; they are meaningful when ``end`` is (close to) now.
    """

    start: datetime
    end: datetime
    area: str | None
    annunciated_activations: int
    per_10_min: RateKpi
    per_hour: RateKpi
    per_day: RateKpi
    peak_10_min: PeakKpi
    flood: FloodKpi
    top10: TopAlarms
    chattering: tuple[ChatteringAlarm, ...]
    stale: tuple[StaleAlarm, ...]
    priority_distribution: PriorityDistribution
    shelved: tuple[ShelvedAlarm, ...]
    out_of_service: tuple[OutOfServiceAlarm, ...]
    targets: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible dict (datetimes as ISO 8601 UTC strings, tuples as lists)."""
        return _jsonable(asdict(self))


def _jsonable(x: Any) -> Any:
    if isinstance(x, datetime):
        return x.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(x, Mapping):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


# ---------------------------------------------------------------------------- verdicts


def rate_verdict(per_10_min: float) -> str:
    """EEMUA 191 (3rd ed.) long-term average alarm-rate table, read as bands.

    The table gives points (1 per 10 min, 1 per 5 min, 1 per 2 min, 1 per minute); each rate gets
    the verdict of the first point it does not exceed, the safer reading: ≤ 1 per 10 min "very
    likely acceptable", ≤ 2 "manageable", ≤ 10 "likely over-demanding", above "very likely
    unacceptable". The table is about steady operation; an average that includes floods is
    pessimistic, which is the side to err on.
    """
    if per_10_min <= ACCEPTABLE_PER_10_MIN:
        return "very likely acceptable"
    if per_10_min <= MANAGEABLE_PER_10_MIN:
        return "manageable"
    if per_10_min <= OVER_DEMANDING_PER_10_MIN:
        return "likely over-demanding"
    return "very likely unacceptable"


def _rate(per: str, count: int, duration: timedelta, unit: timedelta) -> RateKpi:
    scale = unit / _TEN_MIN
    per_10 = count / (duration / _TEN_MIN) if duration > timedelta(0) else 0.0
    return RateKpi(
        per=per,
        value=per_10 * scale,
        acceptable=ACCEPTABLE_PER_10_MIN * scale,
        manageable=MANAGEABLE_PER_10_MIN * scale,
        verdict=rate_verdict(per_10),
    )


def _priority_distribution(counts: Mapping[int, int]) -> PriorityDistribution:
    total = sum(counts.values())
    shares = []
    deviation = 0.0
    for p in Priority:
        n = counts.get(int(p), 0)
        pct = 100.0 * n / total if total else 0.0
        guide = PRIORITY_GUIDELINE_PERCENT.get(p)
        if guide is not None:
            deviation = max(deviation, abs(pct - guide))
        shares.append(PriorityShare(p.label, n, pct, guide))
    crit = 100.0 * counts.get(int(Priority.CRITICAL), 0) / total if total else 0.0
    if total == 0:
        verdict = "no alarms"
    elif deviation <= PRIORITY_TOLERANCE_PP:
        verdict = "close to guideline"
    else:
        verdict = "differs from guideline"
    return PriorityDistribution(
        shares=tuple(shares),
        max_deviation_pp=deviation if total else 0.0,
        verdict=verdict,
        critical_percent=crit,
        critical_within_guideline=crit < CRITICAL_GUIDELINE_PERCENT,
    )


# ---------------------------------------------------------------------------- SQL

_ACTS = """
    FROM alarm_journal
    WHERE event = 'activate' AND annunciated
      AND ts >= %(start)s AND ts < %(end)s
      AND (%(area)s::text IS NULL OR area = %(area)s OR starts_with(area, %(area)s || '/'))
"""
# ^ kept literally equal to the partial index predicate (event = 'activate' AND annunciated)
# so the planner uses ix_alarm_journal_activations; starts_with() (not LIKE) so that '_' or '%'
# in an area name are not wildcards.

_PER_ALARM_SQL = "SELECT alarm_id, priority, count(*) " + _ACTS + " GROUP BY alarm_id, priority"

# Fixed buckets aligned on ``start`` (see compute_kpis for why fixed).
_BUCKETS_SQL = (
    "WITH b AS MATERIALIZED (SELECT date_bin('10 minutes', ts, %(start)s) AS b, count(*) AS n "
    + _ACTS
    + """ GROUP BY 1)
    SELECT coalesce(max(n), 0),
           count(*) FILTER (WHERE n > %(flood)s),
           (SELECT b FROM b ORDER BY n DESC, b LIMIT 1)
    FROM b"""
)

# Chattering: one bigint per activation, (alarm_id << 40) + ms since start, sorted into a single
# array. Sorting one bigint is ~3x faster than sorting (alarm_id, ts) pairs, and walking an array
# ~2x faster than a window function over 300 k rows. In the sorted array an activation chatters
# ("hit") when the key two places before it is less than 60 s smaller: same alarm, since keys of
# different alarms are >= 2**40 ms apart. Every activation of a >= 3-in-60-s window is a hit or one
# of the two keys before a hit, so a RANGE window over just those few rows gives each alarm's
# largest count in 60 s exactly.
_CHATTER_SQL = (
    """
    WITH k AS (
        SELECT (alarm_id::int8 << 40)
               + floor((date_part('epoch', ts) - %(start_epoch)s) * 1000)::int8 AS k
    """
    + _ACTS
    + """
    ), s AS (SELECT array_agg(k ORDER BY k) AS a FROM k),
    hit AS (
        SELECT i FROM s, generate_series(%(nth)s, coalesce(cardinality(a), 0)) AS i
        WHERE a[i] - a[i - %(nth)s + 1] < %(window_ms)s
    ),
    near AS (SELECT DISTINCT j FROM hit, generate_series(hit.i - %(nth)s + 1, hit.i) AS j),
    w AS (
        SELECT a[j] AS k,
               count(*) OVER (ORDER BY a[j]
                              RANGE BETWEEN %(window_ms)s::int8 - 1 PRECEDING AND CURRENT ROW) AS n
        FROM s, near
    )
    SELECT (k >> 40)::int, count(*) FILTER (WHERE n >= %(nth)s), max(n)
    FROM w GROUP BY 1
    """
)

# Fallback for alarm ids that do not fit the packed key: the plain window function (slower).
_CHATTER_WINDOW_SQL = (
    """
    SELECT alarm_id, count(*) FILTER (WHERE n >= %(nth)s), max(n) FROM (
        SELECT alarm_id, count(*) OVER (PARTITION BY alarm_id ORDER BY ts
                   RANGE BETWEEN %(window_iv)s PRECEDING AND CURRENT ROW) AS n
    """
    + _ACTS
    + """
    ) w GROUP BY 1 HAVING max(n) >= %(nth)s
    """
)

_DEFS_SQL = "SELECT id, name, area, priority FROM alarm_definitions WHERE id = ANY(%(ids)s)"

_STATE_SQL = """
    SELECT d.name, d.area, d.priority, s.state, s.snapshot, s.updated_at, last_act.ts
    FROM alarm_state s
    JOIN alarm_definitions d ON d.id = s.alarm_id
    LEFT JOIN LATERAL (
        SELECT j.ts FROM alarm_journal j
        WHERE j.alarm_id = s.alarm_id AND j.event = 'activate' AND j.ts < %(end)s
        ORDER BY j.ts DESC LIMIT 1
    ) last_act ON s.state IN ('unack', 'acked', 'latched')
    WHERE s.state IN ('unack', 'acked', 'latched', 'shelved', 'out_of_service')
      AND (d.retired_at IS NULL OR d.retired_at > %(end)s)
      AND (%(area)s::text IS NULL OR d.area = %(area)s OR starts_with(d.area, %(area)s || '/'))
    ORDER BY d.name
"""


def compute_kpis(
    conn: psycopg.Connection,
    start: datetime,
    end: datetime,
    *,
    area: str | None = None,
) -> AlarmKpis:
    """The EEMUA 191 / ISA-18.2 KPIs of the annunciated activations in ``[start, end)``.

    ``start``/``end`` must be timezone-aware (a naive time would be read in the server's zone,
    silently shifting every bucket). ``area`` selects that area and everything below it
    ("Campo/PAD-A" includes "Campo/PAD-A/W01" but not "Campo/PAD-AB").

    The peak 10-minute count and the flood share use *fixed* 10-minute buckets aligned on
    ``start``, not a sliding window: the period is partitioned into ``ceil(duration / 10 min)``
    periods, so "% of 10-minute periods in flood" is a true share of time, the figures are
    reproducible and comparable across reports (ISA-18.2-2016 clause 16 states both per
    10-minute period), and the SQL is a single hash aggregate. A sliding window would report a
    peak up to almost twice as high when a burst straddles a bucket boundary; the engine's online
    ``FloodDetector`` is the rolling one, for live annunciation.

    Runs in one read-only REPEATABLE READ transaction when the connection is idle (so all figures
    come from one snapshot), or inside the caller's transaction otherwise.
    """
    start, end = _utc(start, "start"), _utc(end, "end")
    if end <= start:
        raise ValueError("end must be after start")
    if end - start > _MAX_PERIOD:
        raise ValueError("period longer than 30 years")
    if area is not None:
        area = area.strip().rstrip("/")
        if not area:
            raise ValueError("area, when given, must be non-empty")
    params: dict[str, Any] = {
        "start": start,
        "end": end,
        "area": area,
        "flood": FLOOD_THRESHOLD,
        "start_epoch": start.timestamp(),
        "nth": CHATTER_COUNT,
        "window_ms": CHATTER_WINDOW_S * 1000,
        "window_iv": timedelta(seconds=CHATTER_WINDOW_S, microseconds=-1),
    }
    idle = conn.info.transaction_status == pq.TransactionStatus.IDLE
    with conn.transaction(), conn.cursor() as cur:
        if idle:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = cur.execute("SELECT current_setting('work_mem')").fetchone()
        old_work_mem = str(row[0]) if row else "4MB"
        cur.execute("SELECT set_config('work_mem', %s, true)", [_WORK_MEM])
        try:
            per_alarm = cur.execute(_PER_ALARM_SQL, params).fetchall()
            peak_row = cur.execute(_BUCKETS_SQL, params).fetchone()
            chatter = _chatter_counts(cur, params)
            state_rows = cur.execute(_STATE_SQL, params).fetchall()
            counts: dict[int, int] = {}
            by_priority: dict[int, int] = {}
            for alarm_id, priority, n in per_alarm:
                counts[alarm_id] = counts.get(alarm_id, 0) + n
                by_priority[priority] = by_priority.get(priority, 0) + n
            top_ids = sorted(counts, key=lambda i: (-counts[i], i))[:10]
            wanted = sorted(set(top_ids) | set(chatter))
            defs = {
                r[0]: (str(r[1]), str(r[2]), Priority(r[3]).label)
                for r in cur.execute(_DEFS_SQL, {"ids": wanted}).fetchall()
            }
        finally:
            if conn.info.transaction_status != pq.TransactionStatus.INERROR:
                cur.execute("SELECT set_config('work_mem', %s, true)", [old_work_mem])

    total = sum(counts.values())
    duration = end - start
    periods = math.ceil(duration / _TEN_MIN)
    peak, flooded, peak_bucket = peak_row if peak_row else (0, 0, None)

    def name_of(alarm_id: int) -> tuple[str, str, str]:
        return defs.get(alarm_id, (f"#{alarm_id}", "", ""))

    top = tuple(
        FrequentAlarm(*name_of(i), count=counts[i], share_percent=100.0 * counts[i] / total)
        for i in top_ids
    )
    top_share = 100.0 * sum(counts[i] for i in top_ids) / total if total else 0.0
    chattering = tuple(
        sorted(
            (
                ChatteringAlarm(
                    *name_of(i),
                    activations=counts.get(i, 0),
                    chatter_activations=n,
                    max_in_60s=m,
                )
                for i, (n, m) in chatter.items()
            ),
            key=lambda c: (-c.chatter_activations, c.name),
        )
    )
    stale, shelved, oos = _state_lists(state_rows, end)
    flood_pct = 100.0 * flooded / periods
    return AlarmKpis(
        start=start,
        end=end,
        area=area,
        annunciated_activations=total,
        per_10_min=_rate("10 min", total, duration, _TEN_MIN),
        per_hour=_rate("hour", total, duration, timedelta(hours=1)),
        per_day=_rate("day", total, duration, timedelta(days=1)),
        peak_10_min=PeakKpi(
            count=int(peak),
            bucket_start=peak_bucket,
            target=FLOOD_THRESHOLD,
            meets_target=peak <= FLOOD_THRESHOLD,
        ),
        flood=FloodKpi(
            periods=periods,
            periods_in_flood=int(flooded),
            percent_in_flood=flood_pct,
            threshold=FLOOD_THRESHOLD,
            target_percent=FLOOD_TARGET_PERCENT,
            meets_target=flood_pct < FLOOD_TARGET_PERCENT,
        ),
        top10=TopAlarms(
            alarms=top,
            share_percent=top_share,
            target_percent=TOP10_TARGET_PERCENT,
            meets_target=top_share <= TOP10_TARGET_PERCENT,
        ),
        chattering=chattering,
        stale=stale,
        priority_distribution=_priority_distribution(by_priority),
        shelved=shelved,
        out_of_service=oos,
        targets={
            "chattering_max": 0,
            "stale_fewer_than": STALE_TARGET_MAX,
            "chatter_rule": f">= {CHATTER_COUNT} activations within {CHATTER_WINDOW_S} s",
            "stale_after_h": STALE_AFTER / timedelta(hours=1),
            "flood_rule": f"> {FLOOD_THRESHOLD} annunciated alarms in a 10-minute period",
            "sources": "EEMUA 191 3rd ed. (2013); ISA-18.2-2016 clause 16 / IEC 62682",
        },
    )


def _chatter_counts(
    cur: psycopg.Cursor[Any], params: Mapping[str, Any]
) -> dict[int, tuple[int, int]]:
    """alarm_id → (activations that were at least the 3rd within 60 s, most in any 60 s), for
    the chattering alarms only. The packed query works to the millisecond."""
    row = cur.execute("SELECT coalesce(max(id), 0) FROM alarm_definitions").fetchone()
    sql = _CHATTER_SQL if row and row[0] <= _MAX_PACKED_ALARM_ID else _CHATTER_WINDOW_SQL
    return {int(a): (int(n), int(m)) for a, n, m in cur.execute(sql, params).fetchall()}


def _state_lists(
    rows: list[tuple[Any, ...]], end: datetime
) -> tuple[tuple[StaleAlarm, ...], tuple[ShelvedAlarm, ...], tuple[OutOfServiceAlarm, ...]]:
    stale: list[StaleAlarm] = []
    shelved: list[ShelvedAlarm] = []
    oos: list[OutOfServiceAlarm] = []
    for name, area, priority, state, snapshot, updated_at, last_act in rows:
        label = Priority(priority).label
        snap = snapshot if isinstance(snapshot, Mapping) else {}
        if state in ("unack", "acked", "latched"):
            since, source = (last_act, "journal") if last_act is not None else (updated_at, "state")
            if since is not None and end - since > STALE_AFTER:
                stale.append(
                    StaleAlarm(
                        name,
                        area,
                        label,
                        state,
                        since,
                        (end - since) / timedelta(hours=1),
                        source,
                    )
                )
        elif state == "shelved":
            shelf = snap.get("shelf") or {}
            shelved.append(
                ShelvedAlarm(
                    name,
                    area,
                    label,
                    _opt_str(shelf.get("user")),
                    _opt_str(shelf.get("reason")),
                    _epoch(shelf.get("since")),
                    _epoch(shelf.get("expires_at")),
                    None if shelf.get("one_shot") is None else bool(shelf.get("one_shot")),
                )
            )
        else:
            o = snap.get("out_of_service") or {}
            oos.append(
                OutOfServiceAlarm(
                    name,
                    area,
                    label,
                    _opt_str(o.get("user")),
                    _opt_str(o.get("reason")),
                    _epoch(o.get("since")),
                )
            )
    stale.sort(key=lambda s: s.active_since)
    return tuple(stale), tuple(shelved), tuple(oos)


def _epoch(x: Any) -> datetime | None:
    """Snapshot times are the state machine's ``now``: Unix seconds (see the engine)."""
    if isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x):
        return datetime.fromtimestamp(x, UTC)
    return None


def _opt_str(x: Any) -> str | None:
    return None if x is None else str(x)


def _utc(t: datetime, label: str) -> datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"{label} must be timezone-aware (UTC)")
    return t.astimezone(UTC)
