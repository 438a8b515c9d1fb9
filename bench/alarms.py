"""Alarm engine benchmark: 10,000 alarmed tags evaluated per 1 s scan, in process.

Synthetic readings (100 devices x 100 tags, as the scanner delivers them: one call per device
poll, the polls of one scan spread over the scan period as independent device tasks complete)
go straight into ``AlarmEngine.on_readings``; the journal writer commits to a throwaway
PostgreSQL database. Every tag has a HI alarm, every tenth also a LO, every hundredth also a
discrete one (the non-vectorised path). Each scan ~0.03 % of the tags cross the HI limit and
half of the high ones come back: ~6 transitions a second, a permanent flood by EEMUA 191
standards, so the latency is measured on far more events than a real field produces.

The scans are compressed in time (``--pace`` wall seconds per 1 s scan, default 0.25: four
times the real poll density); the timestamps advance 1 s per scan.

Measured:
  * eval_ms_per_scan — engine time for one whole scan (all 100 device calls), median;
  * p99_latency_ms — from a reading's arrival in the engine to its journal row committed;
  * kpi_query_ms — ``compute_kpis`` over a year of journal with 1 million events
    (``bench/_alarm_journal.fill_journal``), median of 3 runs. Printed as -1 when
    ``engine.alarms.kpis`` is not there yet.

Goals (issue): p99 latency < 10 ms, KPI query < 500 ms.

    python bench/alarms.py [--scans 120] [--events 1000000]

Last line: ``alarms tags=N eval_ms_per_scan=N p99_latency_ms=N kpi_query_ms=N``
"""

from __future__ import annotations

import argparse
import importlib
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import psycopg

from bench._common import throwaway_database
from domain.alarms.definitions import AlarmDef, AlarmKind, Priority
from domain.field import DeviceDef, Field, SiteDef
from domain.tags import TagDef
from engine.alarms.engine import AlarmEngine
from engine.alarms.journal import AlarmJournal
from engine.alarms.registry import sync_alarm_registry
from engine.config.alarm_loader import area_of, comms_alarm_name
from engine.store.registry import sync_registry

DEVICES, TAGS_PER_DEVICE = 100, 100
T0 = 1_800_000_000.0


def build(n_devices: int, per_device: int) -> tuple[Field, list[AlarmDef]]:
    sites, alarms = [], []
    for p in range(n_devices // 10):
        devices = []
        for d in range(10):
            dev = f"P{p:02d}W{d}"
            area = area_of("Bench", f"PAD-{p:02d}", dev)
            tags = tuple(TagDef(f"{dev}.T{k:03d}", dev, 2 * k) for k in range(per_device))
            devices.append(DeviceDef(dev, f"PAD-{p:02d}", port=20000 + 10 * p + d, tags=tags))
            for k, t in enumerate(tags):
                alarms.append(AlarmDef(f"{t.name}.HI", t.name, AlarmKind.HI, Priority.LOW, area,
                                       limit=100.0, deadband=2.0))
                if k % 10 == 0:
                    alarms.append(AlarmDef(f"{t.name}.LO", t.name, AlarmKind.LO,
                                           Priority.MEDIUM, area, limit=0.0, deadband=2.0))
                if k % 100 == 0:
                    alarms.append(AlarmDef(f"{t.name}.DISCRETE", t.name, AlarmKind.DISCRETE,
                                           Priority.HIGH, area, state_value=-50.0))
            alarms.append(AlarmDef(comms_alarm_name(dev), dev, AlarmKind.BAD_QUALITY,
                                   Priority.HIGH, area))
        sites.append(SiteDef(f"PAD-{p:02d}", devices=tuple(devices)))
    return Field("Bench", {"normal": 1.0}, tuple(sites)), alarms


def run_scans(url: str, scans: int, pace_s: float) -> tuple[int, float, float]:
    field, alarms = build(DEVICES, TAGS_PER_DEVICE)
    tag_ids = sync_registry(url, field)
    alarm_ids = sync_alarm_registry(url, alarms, tag_ids)
    journal = AlarmJournal(url)
    journal.start()
    devices = {d.name: [t.name for t in d.tags] for d in field.devices()}
    engine = AlarmEngine(alarms, alarm_ids, tag_ids, journal, devices=devices,
                         clock=lambda: T0 + scans + 1)
    dev_ids = [np.array([tag_ids[t.name] for t in d.tags], dtype=np.int64)
               for d in field.devices()]
    n = sum(len(x) for x in dev_ids)
    rng = np.random.default_rng(1)
    high = np.zeros(n, dtype=bool)
    quals = np.zeros(TAGS_PER_DEVICE, dtype=np.int16)
    eval_ms: list[float] = []
    for s in range(scans):
        flip = rng.random(n) < 0.0003
        high = np.where(high, rng.random(n) < 0.5, flip)
        values = np.where(high, 120.0, 50.0 + rng.normal(0, 5, n))
        ts = T0 + s
        began = time.perf_counter()
        busy = 0.0
        for d, ids in enumerate(dev_ids):
            time.sleep(max(0.0, began + pace_s * d / len(dev_ids) - time.perf_counter()))
            chunk = values[d * TAGS_PER_DEVICE:(d + 1) * TAGS_PER_DEVICE]
            t = time.perf_counter()
            engine.on_readings(ids, ts, chunk, quals)
            busy += time.perf_counter() - t
        eval_ms.append(busy * 1000.0)
        time.sleep(max(0.0, began + pace_s - time.perf_counter()))
    assert journal.flush(30.0), journal.stats()
    lat = sorted(journal.latencies)
    stats = journal.stats()
    journal.stop()
    p99 = lat[int(0.99 * (len(lat) - 1))] * 1000.0 if lat else float("nan")
    print(f"scans={scans} journal_rows={stats['written_rows']} batches={stats['batches']} "
          f"eval_ms median={statistics.median(eval_ms):.2f} max={max(eval_ms):.2f} "
          f"latency_ms p50={lat[len(lat) // 2] * 1000:.2f} p99={p99:.2f} max={lat[-1] * 1000:.2f}",
          flush=True)
    return n, statistics.median(eval_ms), p99


def kpi_query(events: int) -> float:
    try:
        kpis = importlib.import_module("engine.alarms.kpis")
        from bench._alarm_journal import fill_journal, journal_period
    except ImportError as exc:
        print(f"kpi part skipped: {exc} (engine/alarms/kpis.py not there yet)", flush=True)
        return -1.0
    with throwaway_database("bench_alarm_kpi") as url, psycopg.connect(url) as conn:
        began = time.perf_counter()
        fill_journal(conn, events=events, days=365, seed=1)
        print(f"journal filled: {events:,} events in {time.perf_counter() - began:.1f} s",
              flush=True)
        start, end = journal_period(365)
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            kpis.compute_kpis(conn, start, end)
            conn.rollback()
            runs.append((time.perf_counter() - t) * 1000.0)
        print(f"kpi query ms: {', '.join(f'{r:.0f}' for r in runs)}", flush=True)
        return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=120)
    parser.add_argument("--pace", type=float, default=0.25, help="wall seconds between scans")
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with throwaway_database("bench_alarms") as url:
        tags, eval_ms, p99 = run_scans(url, args.scans, args.pace)
    kpi_ms = kpi_query(args.events)
    print(f"alarms tags={tags} eval_ms_per_scan={eval_ms:.1f} p99_latency_ms={p99:.1f} "
          f"kpi_query_ms={kpi_ms:.0f}")


if __name__ == "__main__":
    main()
