"""Ingest rate of HistorianWriter (submit -> committed) against the classic per-row binary COPY.

Both write the same rows (N tags scanned every second) into the same partitioned
``historian.samples`` of a throwaway database, truncated in between. The classic path is what
most code does: psycopg ``copy.write_row`` per row, 10k-row batches, one commit each.

    .venv/bin/python bench/historian_ingest.py [--tags 10000] [--scans 200]

Last line: ``historian_ingest values_per_s=N ratio_vs_copy=R``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import throwaway_database

from engine.historian.partitions import RAW, PartitionCache
from engine.historian.writer import HistorianWriter

Scan = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # tag_ids, ts_us, values, quals
START = datetime(2026, 11, 22, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def make_scans(tags: int, scans: int) -> list[Scan]:
    """One (tag_ids, ts_us, values, qualities) tuple per scan: every tag at the same instant."""
    rng = np.random.default_rng(0)
    t0 = (START - EPOCH) // timedelta(microseconds=1)
    tag_ids = np.arange(1, tags + 1, dtype=np.int32)
    out: list[Scan] = []
    for s in range(scans):
        ts = np.full(tags, t0 + s * 1_000_000, dtype=np.int64)
        values = rng.normal(100.0, 10.0, tags)
        qualities = np.zeros(tags, dtype=np.int16)
        qualities[::97] = 3
        values[::97] = np.nan
        out.append((tag_ids, ts, values, qualities))
    return out


def classic_copy(url: str, scans: list[Scan], batch: int = 10_000) -> float:
    """Rows/s of per-row ``write_row`` binary COPY (row tuples built before the clock starts)."""
    rows = [
        (int(t), EPOCH + timedelta(microseconds=int(ts)), None if np.isnan(v) else float(v),
         int(q))
        for tags, tss, vals, quals in scans
        for t, ts, v, q in zip(tags, tss, vals, quals, strict=True)
    ]
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        for i in range(0, len(rows), batch):
            with conn.cursor() as cur, cur.copy(
                "COPY historian.samples (tag_id, ts, value, quality) FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(["int4", "timestamptz", "float8", "int2"])
                for row in rows[i : i + batch]:
                    copy.write_row(row)
            conn.commit()
        return len(rows) / (time.perf_counter() - started)


def historian_writer(url: str, scans: list[Scan], batch_rows: int) -> float:
    """Rows/s from the first submit() to flush() returning (everything committed)."""
    total = sum(len(s[0]) for s in scans)
    with tempfile.TemporaryDirectory() as spill:
        writer = HistorianWriter(url, spill, batch_rows=batch_rows,
                                 memory_limit_rows=total + 1)
        writer.start()
        started = time.perf_counter()
        for scan in scans:
            writer.submit(*scan)
        assert writer.flush(timeout=600), "flush timed out"
        elapsed = time.perf_counter() - started
        stats = writer.stats()
        writer.stop(timeout=60)
    assert stats["written_rows"] == total and stats["spill_files"] == 0, stats
    return total / elapsed


def count(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM historian.samples").fetchone()
        return int(row[0]) if row else 0


def truncate(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE historian.samples")
        conn.execute("CHECKPOINT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tags", type=int, default=10_000)
    ap.add_argument("--scans", type=int, default=200)
    ap.add_argument("--batch-rows", type=int, default=50_000)
    args = ap.parse_args()
    scans = make_scans(args.tags, args.scans)
    total = args.tags * args.scans
    with throwaway_database("bench_ingest") as url:
        with psycopg.connect(url, autocommit=True) as conn:
            PartitionCache().ensure_days(conn, RAW, [START.date()])
        classic = classic_copy(url, scans)
        assert count(url) == total
        print(f"classic write_row COPY (10k batches): {classic:,.0f} rows/s", flush=True)
        truncate(url)
        ours = historian_writer(url, scans, args.batch_rows)
        assert count(url) == total
        print(f"HistorianWriter (batch {args.batch_rows}): {ours:,.0f} rows/s", flush=True)
    print(f"historian_ingest values_per_s={ours:.0f} ratio_vs_copy={ours / classic:.2f}")


if __name__ == "__main__":
    main()
