"""Scan benchmark: a 10,000-tag field (500 simulated wells) scanned every second.

The field is laid out with one RTU per pad (5-10 wells each), as most fields are wired. The
simulator runs in its own process (its CPU is not the engine's); this process runs what
the edge engine runs on the scan path: the scanner with the Modbus driver, the last-value
cache, the storage filter and the historian writer committing to a throwaway PostgreSQL
database. Every tag is put in a 1 s scan class (the worst case).

Measured against the naive baseline of one Modbus request per tag. Goals (issue 2): >= 20x
fewer requests, engine CPU < 30 % of one core, engine RSS < 300 MB.

    python bench/scan.py [--wells 500] [--seconds 30]

Last line: ``scan tags=N requests_per_cycle=N naive_requests=N cycle_ms=N cpu_pct=N rss_mb=N``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import logging

from bench._common import throwaway_database
from domain.field import Field
from engine.historian.writer import HistorianWriter
from engine.lvc import LastValueCache
from engine.scanner import Scanner
from engine.store.registry import sync_registry
from plugins.simulator.generator import dump_yaml, field_from_dict, generate_field
from plugins.simulator.server import send_control


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads of this process
    return usage.ru_utime + usage.ru_stime


def free_port_block(count: int, start: int = 20001) -> int:
    """First port of ``count`` consecutive free loopback ports."""
    base = start
    while base + count < 65000:
        try:
            for port in range(base, base + count + 1):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            base = port + 1
    raise RuntimeError("no block of free ports")


def all_at_one_second(field: Field) -> Field:
    sites = tuple(
        replace(site, devices=tuple(
            replace(dev, tags=tuple(replace(t, scan_class="fast") for t in dev.tags))
            for dev in site.devices
        ))
        for site in field.sites
    )
    return replace(field, scan_classes={"fast": 1.0}, sites=sites)


async def wait_for_simulator(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("simulator exited")
        try:
            if (await send_control("127.0.0.1", port, {"cmd": "status"})).get("ok"):
                return
        except OSError:
            pass
        await asyncio.sleep(0.3)
    raise RuntimeError("simulator did not start")


async def measure(field: Field, url: str, seconds: float, warmup: float) -> dict[str, float]:
    tag_ids = sync_registry(url, field)
    with tempfile.TemporaryDirectory() as spill:
        writer = HistorianWriter(url, Path(spill))
        writer.start()
        scanner = Scanner(field, tag_ids, writer, LastValueCache())
        task = asyncio.create_task(scanner.run())
        await asyncio.sleep(warmup)
        cpu0, t0 = cpu_seconds(), time.monotonic()
        cycles: list[float] = []
        while time.monotonic() - t0 < seconds:
            await asyncio.sleep(1.0)
            status = scanner.device_status().values()
            cycles.append(max(d["last_cycle_ms"] for d in status))
        cpu = (cpu_seconds() - cpu0) / (time.monotonic() - t0) * 100
        status = list(scanner.device_status().values())
        await scanner.stop()
        await task
        writer.stop(30)
        stats = writer.stats()
    connected = sum(1 for d in status if d["state"] == "connected")
    return {
        "requests_per_cycle": scanner.request_count_per_cycle(),
        "naive_requests": scanner.naive_request_count(),
        "cycle_ms": statistics.median(cycles),
        "cycle_ms_max": max(cycles),
        "cpu_pct": cpu,
        "rss_mb": rss_mb(),
        "connected": connected,
        "devices": len(status),
        "overruns": sum(d["overruns"] for d in status),
        "written_rows": stats.get("written_rows", 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wells", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    args = parser.parse_args()
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)  # the scanner reports comms itself

    config = generate_field(args.wells, seed=1, base_port=20001, rtu_per="pad")
    devices = sum(len(site["devices"]) for site in config["sites"])
    base = free_port_block(devices + 2)
    config = generate_field(args.wells, seed=1, base_port=base, rtu_per="pad")
    field = all_at_one_second(field_from_dict(config))
    tags = sum(1 for _ in field.tags())
    control_port = base + devices + 1
    with tempfile.TemporaryDirectory() as tmp:
        field_file = Path(tmp) / "field.yaml"
        field_file.write_text(dump_yaml(config), encoding="utf-8")
        sim = subprocess.Popen(
            [sys.executable, "-m", "edge_server.cli", "sim", "--field", str(field_file),
             "--control-port", str(control_port), "--log-format", "json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )
        try:
            asyncio.run(wait_for_simulator(control_port, sim))
            with throwaway_database("bench_scan") as url:
                r = asyncio.run(measure(field, url, args.seconds, args.warmup))
        finally:
            sim.terminate()
            sim.wait(10)
    ratio = r["naive_requests"] / r["requests_per_cycle"]
    print(f"devices connected {r['connected']}/{r['devices']}, overruns {r['overruns']}, "
          f"rows stored {r['written_rows']:,}, max cycle {r['cycle_ms_max']:.0f} ms, "
          f"{ratio:.0f}x fewer requests than one per tag")
    print(
        f"scan tags={tags} requests_per_cycle={r['requests_per_cycle']} "
        f"naive_requests={r['naive_requests']} cycle_ms={r['cycle_ms']:.0f} "
        f"cpu_pct={r['cpu_pct']:.1f} rss_mb={r['rss_mb']:.0f}"
    )


if __name__ == "__main__":
    main()
