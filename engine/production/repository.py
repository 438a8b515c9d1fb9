"""``well_daily_production`` in PostgreSQL: read ranges, write with precedence, bulk loads.

Every write goes the same way, one row or 36,500: COPY into a temporary staging table, then one
``INSERT ... ON CONFLICT (well, day) DO UPDATE ... WHERE`` that replaces an existing row only
when the new row's source ranks at least as high (``domain.production.SOURCE_RANK``: manual >
import > historian > simulated) and something actually changed (so a re-close of an unchanged
day does not touch ``updated_at``). One statement, one transaction: a bulk import is all or
nothing, and a 5-year demo history of 20 wells loads in well under a second.

Functions take a psycopg connection (the caller owns transactions and pooling), like
``engine.historian.query``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import psycopg

from domain.production import DailyProduction, Source

COLUMNS = ("well", "day", "oil_bbl", "water_bbl", "gas_mscf", "hours_on", "hours_data", "source")
_VALUES = ("oil_bbl", "water_bbl", "gas_mscf", "hours_on", "hours_data", "source")
_STAGE = "pg_temp.production_stage"
_RANK = "well_production_source_rank"

_CREATE_STAGE = f"""
CREATE TEMP TABLE IF NOT EXISTS production_stage (
    well varchar(64) NOT NULL, day date NOT NULL, oil_bbl float8, water_bbl float8,
    gas_mscf float8, hours_on float8, hours_data float8, source varchar(16) NOT NULL,
    updated_by varchar(128)
) ON COMMIT DROP;
TRUNCATE {_STAGE}
"""
_COPY_STAGE = f"COPY {_STAGE} ({', '.join(COLUMNS)}, updated_by) FROM STDIN"
_OUTRANKED = f"""
SELECT count(*) FROM {_STAGE} s JOIN well_daily_production p USING (well, day)
WHERE {_RANK}(s.source) < {_RANK}(p.source)
"""
_UPSERT = f"""
INSERT INTO well_daily_production AS p ({', '.join(COLUMNS)}, updated_by)
SELECT {', '.join(COLUMNS)}, updated_by FROM {_STAGE}
ON CONFLICT (well, day) DO UPDATE SET
    {', '.join(f'{c} = EXCLUDED.{c}' for c in _VALUES)},
    updated_at = now(), updated_by = EXCLUDED.updated_by
WHERE {_RANK}(EXCLUDED.source) >= {_RANK}(p.source)
  AND ({', '.join(f'p.{c}' for c in _VALUES)})
      IS DISTINCT FROM ({', '.join(f'EXCLUDED.{c}' for c in _VALUES)})
"""


@dataclass(frozen=True)
class WriteReport:
    """What a write did: rows inserted or changed, rows left alone because a row of higher
    precedence holds that well and day, and rows that were already stored as they are."""

    written: int
    outranked: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.written + self.outranked + self.unchanged


def write(
    conn: psycopg.Connection, rows: Iterable[DailyProduction], *, updated_by: str | None = None
) -> WriteReport:
    """Upsert ``rows`` with the precedence rules, in one transaction (all or nothing).

    A well and day given twice keeps the last one given.
    """
    latest: dict[tuple[str, date], DailyProduction] = {}
    for row in rows:
        latest[(row.well, row.day)] = row
    if not latest:
        return WriteReport(0, 0, 0)
    by = None if updated_by is None else updated_by[:128]
    with conn.transaction():
        conn.execute(_CREATE_STAGE)
        with conn.cursor().copy(_COPY_STAGE) as copy:
            for r in latest.values():
                copy.write_row((r.well, r.day, r.oil_bbl, r.water_bbl, r.gas_mscf, r.hours_on,
                                r.hours_data, r.source.value, by))
        found = conn.execute(_OUTRANKED).fetchone()
        outranked = int(found[0]) if found else 0
        cur = conn.execute(_UPSERT)
        written = max(cur.rowcount, 0)
        conn.execute(f"DROP TABLE {_STAGE}")
    return WriteReport(written, outranked, len(latest) - written - outranked)


def delete_source(conn: psycopg.Connection, wells: Sequence[str], source: Source) -> int:
    """Delete ``wells``' rows of one source (e.g. simulated history before regenerating it)."""
    cur = conn.execute(
        "DELETE FROM well_daily_production WHERE well = ANY(%s) AND source = %s",
        (list(wells), Source(source).value),
    )
    return max(cur.rowcount, 0)


def has_history(conn: psycopg.Connection, wells: Sequence[str]) -> bool:
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM well_daily_production WHERE well = ANY(%s))",
        (list(wells),),
    ).fetchone()
    return bool(row and row[0])


def daily(
    conn: psycopg.Connection, wells: Sequence[str], start: date, end: date
) -> list[DailyProduction]:
    """Rows of ``wells`` with ``start <= day < end``, by well then day."""
    rows = conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM well_daily_production "
        "WHERE well = ANY(%s) AND day >= %s AND day < %s ORDER BY well, day",
        (list(wells), start, end),
    ).fetchall()
    return [DailyProduction(well=w, day=d, oil_bbl=o, water_bbl=wa, gas_mscf=g, hours_on=h,
                            hours_data=hd, source=Source(s))
            for w, d, o, wa, g, h, hd, s in rows]


@dataclass
class DailyColumns:
    """One well's days as parallel lists (what the API sends: compact, and what a DCA fit
    wants as arrays)."""

    well: str
    day: list[date] = field(default_factory=list)
    oil_bbl: list[float | None] = field(default_factory=list)
    water_bbl: list[float | None] = field(default_factory=list)
    gas_mscf: list[float | None] = field(default_factory=list)
    hours_on: list[float | None] = field(default_factory=list)
    hours_data: list[float | None] = field(default_factory=list)
    source: list[str] = field(default_factory=list)


_COLUMNS_SQL = f"""
SELECT well, {', '.join(f'array_agg({c} ORDER BY day)' for c in ('day', *_VALUES))}
FROM well_daily_production
WHERE well = ANY(%s) AND day >= %s AND day < %s
GROUP BY well
"""


def daily_columns(
    conn: psycopg.Connection, wells: Sequence[str], start: date, end: date
) -> list[DailyColumns]:
    """Like :func:`daily`, as columns per well, in the order of ``wells`` (a well without
    rows in the range comes back with empty lists)."""
    found: dict[str, DailyColumns] = {}
    for well, *cols in conn.execute(_COLUMNS_SQL, (list(wells), start, end)).fetchall():
        found[well] = DailyColumns(well, *cols)
    out: list[DailyColumns] = []
    seen: set[str] = set()
    for well in wells:
        if well not in seen:
            seen.add(well)
            out.append(found.get(well) or DailyColumns(well))
    return out


@dataclass(frozen=True)
class WellHistory:
    """What history a well has: its first and last day, how many days, and cumulatives."""

    well: str
    first_day: date
    last_day: date
    days: int
    cum_oil_bbl: float
    cum_water_bbl: float
    cum_gas_mscf: float
    sources: tuple[str, ...]


def wells(conn: psycopg.Connection) -> list[WellHistory]:
    """Every well with at least one row, by name."""
    rows: list[Any] = conn.execute(
        "SELECT well, min(day), max(day), count(*), coalesce(sum(oil_bbl), 0), "
        "coalesce(sum(water_bbl), 0), coalesce(sum(gas_mscf), 0), "
        "array_agg(DISTINCT source ORDER BY source) "
        "FROM well_daily_production GROUP BY well ORDER BY well"
    ).fetchall()
    return [WellHistory(w, first, last, int(n), float(o), float(wa), float(g), tuple(src))
            for w, first, last, n, o, wa, g, src in rows]
