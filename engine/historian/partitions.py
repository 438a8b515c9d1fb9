"""Run-time partition management: create ahead of the data, drop whole partitions to expire.

Why partitions and not DELETE: retention by ``DROP TABLE`` of a day is instant and leaves no
bloat, while deleting a day of rows (864 M at 10 k tags/s) would take hours and vacuum after.
Why these sizes:
- raw ``samples``: one partition per UTC day (~1 GB/day at 10 k tags/s), so the hot partition's
  PK index fits in memory and a day is the unit of retention;
- ``rollup_1m``: one per UTC month (1/60 of raw, 5-year retention => 60 partitions);
- ``rollup_10m``: one per UTC month too (1/600 of raw, 3-year retention => 36 partitions; a
  yearly unit would make retention coarse for no gain);
- ``rollup_1h``: one per UTC year (kept forever, a handful of partitions in a lifetime).

There is deliberately no DEFAULT partition: rows landing there would block later creation of
the matching partition. Instead the writer ensures partitions for every day a batch touches
before it COPYs (cached, so it costs one set lookup per batch).

Who runs the DDL: the engine's connections act as ``oilfield_engine`` (``engine.store.roles``),
which owns no table, and only the owner of a partitioned table may create or drop its
partitions. So ``create_partition`` and ``drop_expired`` call the owner's ``SECURITY DEFINER``
functions of migration 0008 (``historian_ensure_partitions``,
``historian_drop_partitions_before``: same names, bounds and advisory lock as before, arguments
validated, EXECUTE for that role only); listing partitions reads the catalog, open to all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import psycopg

log = logging.getLogger(__name__)

SCHEMA = "historian"
_EPOCH = date(1970, 1, 1)
# Serialises partition DDL between processes (writer, maintainer, retention job).
_ADVISORY_KEY = 0x48495354  # "HIST"


@dataclass(frozen=True)
class Tier:
    """A partitioned table and the calendar unit of its partitions."""

    table: str
    unit: str  # "day" | "month" | "year"
    column: str

    def span(self, day: date) -> tuple[date, date, str]:
        """The partition holding ``day``: [lower, upper) and its table name."""
        if self.unit == "day":
            return day, day + timedelta(days=1), f"{self.table}_{day:%Y%m%d}"
        if self.unit == "month":
            lower = day.replace(day=1)
            upper = (lower + timedelta(days=32)).replace(day=1)
            return lower, upper, f"{self.table}_{lower:%Y%m}"
        lower = date(day.year, 1, 1)
        return lower, date(day.year + 1, 1, 1), f"{self.table}_{lower:%Y}"


RAW = Tier("samples", "day", "ts")
ROLLUP_1M = Tier("rollup_1m", "month", "bucket")
ROLLUP_10M = Tier("rollup_10m", "month", "bucket")
ROLLUP_1H = Tier("rollup_1h", "year", "bucket")
TIERS = (RAW, ROLLUP_1M, ROLLUP_10M, ROLLUP_1H)


def day_from_epoch_days(days: int) -> date:
    return _EPOCH + timedelta(days=int(days))


# The owner's SECURITY DEFINER functions (migration 0008); same names, bounds and lock as this
# module used to issue itself.
ENSURE = "SELECT historian_ensure_partitions(%s, %s, %s::text[])"
DROP_BEFORE = "SELECT historian_drop_partitions_before(%s, %s)"


def create_partition(conn: psycopg.Connection, tier: Tier, day: date) -> str:
    """Create (if missing) the partition of ``tier`` containing ``day``; returns its name.

    Runs in the caller's transaction, through the owner's ``historian_ensure_partitions``
    (migration 0008: the engine's role does not own the partitioned tables, and only their
    owner may attach partitions). The function takes the advisory lock (``_ADVISORY_KEY``) so
    that concurrent creators wait instead of failing on the catalog's unique index.
    """
    name = tier.span(day)[2]
    conn.execute(ENSURE, (day, day, [tier.table]))
    return name


class PartitionCache:
    """Remembers which partitions exist so the hot path issues no DDL."""

    def __init__(self) -> None:
        self._known: set[str] = set()

    def ensure_days(self, conn: psycopg.Connection, tier: Tier, days: Iterable[date]) -> int:
        """Ensure partitions for ``days`` in one transaction; returns how many were checked."""
        missing = {}
        for d in days:
            name = tier.span(d)[2]
            if name not in self._known:
                missing[name] = d
        if not missing:
            return 0
        with conn.transaction():
            for d in missing.values():
                create_partition(conn, tier, d)
        self._known.update(missing)
        return len(missing)

    def forget(self) -> None:
        """Drop the cache (after retention dropped partitions behind our back)."""
        self._known.clear()


def ensure_ahead(conn: psycopg.Connection, now: datetime, days_ahead: int = 2) -> None:
    """Create today's and the next days' partitions of every tier before data needs them."""
    today = now.astimezone(UTC).date()
    with conn.transaction():
        for offset in range(days_ahead + 1):
            for tier in TIERS:
                create_partition(conn, tier, today + timedelta(days=offset))


_NAME = re.compile(r"^(samples|rollup_1m|rollup_10m|rollup_1h)_(\d{4})(\d{2})?(\d{2})?$")


def list_partitions(conn: psycopg.Connection, tier: Tier) -> list[tuple[str, date, date]]:
    """Existing partitions of ``tier`` as (name, lower, upper), oldest first."""
    rows = conn.execute(
        """
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE n.nspname = %s AND p.relname = %s
        """,
        (SCHEMA, tier.table),
    ).fetchall()
    out = []
    for (name,) in rows:
        m = _NAME.match(name)
        if not m:
            continue  # not ours (someone attached a partition by hand): never touch it
        day = date(int(m[2]), int(m[3] or 1), int(m[4] or 1))
        lower, upper, _ = tier.span(day)
        out.append((name, lower, upper))
    return sorted(out, key=lambda p: p[1])


@dataclass(frozen=True)
class RetentionPolicy:
    """Days kept per tier; None keeps forever.

    Defaults: raw 400 d, 1-min 5 y, 10-min 3 y, 1-h forever. A coarser tier may be kept
    shorter than a finer one: trends read the next finer tier where the coarse tier's partitions
    are gone (``query.coverage``), only more slowly.
    """

    raw_days: int | None = 400
    rollup_1m_days: int | None = 5 * 365
    rollup_10m_days: int | None = 3 * 365
    rollup_1h_days: int | None = None

    def days_for(self, tier: Tier) -> int | None:
        return {
            RAW.table: self.raw_days,
            ROLLUP_1M.table: self.rollup_1m_days,
            ROLLUP_10M.table: self.rollup_10m_days,
            ROLLUP_1H.table: self.rollup_1h_days,
        }[tier.table]


def drop_expired(
    conn: psycopg.Connection, now: datetime, policy: RetentionPolicy | None = None
) -> list[str]:
    """Drop every partition whose whole range is older than its tier's retention.

    A partition is dropped only when its upper bound is at or before ``now - retention``, so
    retention never removes data younger than promised (it keeps up to one unit more). The
    owner's ``historian_drop_partitions_before`` does the DROP (and refuses a bound later than
    today, UTC: it can never drop a partition holding today's data).
    """
    policy = policy or RetentionPolicy()
    today = now.astimezone(UTC).date()
    dropped: list[str] = []
    for tier in TIERS:
        keep_days = policy.days_for(tier)
        if keep_days is None:
            continue
        cutoff = today - timedelta(days=keep_days)
        for _name, _lower, upper in list_partitions(conn, tier):
            if upper <= cutoff:
                # One partition per transaction (oldest first, so "before its upper bound" is
                # this one), through the owner's function: only the owner may drop them.
                with conn.transaction():
                    gone = [str(r[0]) for r in conn.execute(DROP_BEFORE, (tier.table, upper))]
                dropped.extend(gone)
                for part in gone:
                    log.info("historian retention dropped partition %s (upper bound %s)",
                             part, upper)
    return dropped
