"""A small simulated site run as real processes: ``oilfield sim`` and ``oilfield edge``.

Used by the process-level tests (SIGTERM, kill -9, database outage): they need the product as
IT runs it, not objects inside the test process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from plugins.simulator.generator import dump_yaml, generate_field
from tests._ports import free_ports


def wait_until(predicate: Callable[[], Any], timeout: float, what: str, step: float = 0.25) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


HISTORIAN = "flush_interval_s: 0.5, rollup_interval_s: 2"


class Site:
    """``historian``: the edge.yaml ``historian`` mapping's entries; ``store_every_scan``: every
    tag's ``max_interval_s`` is made shorter than any scan period, so the storage filter keeps
    every scanned sample (the historian then holds exactly one row per tag per scan)."""

    def __init__(
        self, root: Path, database_url: str, wells: int = 3, *, historian: str = HISTORIAN,
        store_every_scan: bool = False,
    ) -> None:
        self.root = root
        self.database_url = database_url
        config = generate_field(wells, seed=3, name="Campo Prueba")
        devices = [d for s in config["sites"] for d in s["devices"]]
        if store_every_scan:
            for device in devices:
                for tag in device["tags"]:
                    tag["max_interval_s"] = 0.001
        *ports, self.control_port = free_ports(len(devices) + 1)
        for device, port in zip(devices, ports, strict=True):
            device["port"] = port
        config["scan_classes"] = {"fast": 0.5, "normal": 1.0, "slow": 2.0}
        self.device_names = [d["name"] for d in devices]
        (root / "field.yaml").write_text(dump_yaml(config), encoding="utf-8")
        self.config = root / "edge.yaml"
        self.config.write_text(
            "site_name: Prueba\nfield: field.yaml\nstate_dir: state\n"
            f"historian: {{{historian}}}\n",
            encoding="utf-8",
        )
        self.health_file = root / "state" / "health.json"
        self.sim: subprocess.Popen[str] | None = None
        self.edge: subprocess.Popen[str] | None = None
        self.edge_runs = 0

    def _env(self) -> dict[str, str]:
        return {**os.environ, "OILFIELD_DATABASE_URL": self.database_url}

    def start_sim(self) -> None:
        self.sim = subprocess.Popen(
            [sys.executable, "-m", "edge_server.cli", "sim",
             "--field", str(self.root / "field.yaml"), "--control-port", str(self.control_port)],
            stdout=(self.root / "sim.log").open("a"), stderr=subprocess.STDOUT, text=True,
        )

    def sim_command(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "edge_server.cli", "sim", *args,
             "--control-port", str(self.control_port)],
            capture_output=True, text=True, timeout=30,
        )

    def start_edge(self) -> None:
        self.edge_runs += 1
        self.edge = subprocess.Popen(
            [sys.executable, "-m", "edge_server.cli", "edge", "--config", str(self.config)],
            stdout=(self.root / f"edge-{self.edge_runs}.log").open("w"),
            stderr=subprocess.STDOUT, text=True, env=self._env(),
        )

    def edge_log(self, run: int | None = None) -> list[dict[str, Any]]:
        text = (self.root / f"edge-{run or self.edge_runs}.log").read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def health(self) -> dict[str, Any] | None:
        try:
            return dict(json.loads(self.health_file.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    def status(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "edge_server.cli", "edge", "status", "--config",
             str(self.config)],
            capture_output=True, text=True, timeout=30,
        )

    def wait_healthy(self, timeout: float = 60) -> dict[str, Any]:
        def healthy() -> dict[str, Any] | None:
            assert self.edge is not None and self.edge.poll() is None, "edge process died"
            h = self.health()
            return h if h and h["status"] == "healthy" else None

        return dict(wait_until(healthy, timeout, "a healthy report"))

    def rows(self, where: str = "TRUE", params: tuple[Any, ...] = ()) -> int:
        with psycopg.connect(self.database_url) as conn:
            row = conn.execute(f"SELECT count(*) FROM historian.samples WHERE {where}", params)
            return int(row.fetchone()[0])  # type: ignore[index]

    def stop_edge(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        assert self.edge is not None
        self.edge.send_signal(sig)
        return self.edge.wait(timeout)

    def close(self) -> None:
        for proc in (self.edge, self.sim):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(10)
