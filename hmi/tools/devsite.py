"""A demo edge for HMI development, screenshots and tests, run as real processes
(``oilfield sim`` + ``oilfield edge`` with its API on a free loopback port) and a user made
with ``oilfield user add``. Subprocesses only: the HMI never imports the edge's code.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from hmi.api.client import api_base

PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DevSite:
    """``field``: a field YAML (the 20-well demo by default); ``database_url``: a server to
    use (else the edge's embedded PostgreSQL under ``root``)."""

    def __init__(self, root: Path, field: Path, *, database_url: str | None = None,
                 control_port: int | None = None, role: str = "operator") -> None:
        self.root = root
        self.field = field
        self.database_url = database_url
        self.api_port = free_port()
        self.control_port = control_port or free_port()
        self.user = "operador"
        self.role = role
        self.password = "Hmi-" + secrets.token_urlsafe(16)
        self.sim: subprocess.Popen[bytes] | None = None
        self.edge: subprocess.Popen[bytes] | None = None
        self.config = root / "edge.yaml"
        db = "" if database_url else f"database: {{embedded_data_dir: {root / 'pgdata'}}}\n"
        root.mkdir(parents=True, exist_ok=True)
        self.config.write_text(
            f"site_name: Campo Demo\nfield: {field}\nstate_dir: {root / 'state'}\n{db}"
            "historian: {flush_interval_s: 0.5, rollup_interval_s: 5}\n"
            f"api: {{host: 127.0.0.1, port: {self.api_port}, tls: {{mode: 'off'}}}}\n"
            "log: {level: info, format: text}\n", encoding="utf-8")

    @property
    def server(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.database_url:
            env["OILFIELD_DATABASE_URL"] = self.database_url
        return env

    def start_sim(self) -> None:
        self.sim = subprocess.Popen(
            [PY, "-m", "edge_server.cli", "sim", "--field", str(self.field),
             "--control-port", str(self.control_port), "--log-format", "text"],
            stdout=(self.root / "sim.log").open("ab"), stderr=subprocess.STDOUT)

    def add_user(self) -> None:
        subprocess.run(
            [PY, "-m", "edge_server.cli", "user", "add", self.user, "--role", self.role,
             "--password-stdin", "--config", str(self.config)],
            input=(self.password + "\n").encode(), check=True, env=self._env(),
            stdout=subprocess.DEVNULL, stderr=(self.root / "user.log").open("ab"), timeout=120)

    def start_edge(self) -> None:
        self.edge = subprocess.Popen(
            [PY, "-m", "edge_server.cli", "edge", "--config", str(self.config)],
            stdout=(self.root / "edge.log").open("ab"), stderr=subprocess.STDOUT,
            env=self._env())

    def health(self) -> dict[str, object] | None:
        try:
            with urllib.request.urlopen(api_base(self.server) + "/health", timeout=2) as r:
                return dict(json.loads(r.read()))
        except OSError:
            return None

    def wait_api(self, timeout: float = 120.0, connected: int = 1) -> dict[str, object]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.edge is not None and self.edge.poll() is not None:
                raise RuntimeError(f"edge exited; see {self.root / 'edge.log'}")
            h = self.health()
            devices = h.get("devices") if h else None
            if isinstance(devices, dict) and int(devices.get("connected", 0)) >= connected:
                return h  # type: ignore[return-value]
            time.sleep(0.5)
        raise RuntimeError(f"the API did not come up; see {self.root / 'edge.log'}")

    def sim_command(self, *args: str) -> None:
        subprocess.run([PY, "-m", "edge_server.cli", "sim", *args, "--control-port",
                        str(self.control_port)], check=True, capture_output=True, timeout=30)

    def stop_edge(self) -> None:
        if self.edge is not None and self.edge.poll() is None:
            self.edge.terminate()
            try:
                self.edge.wait(60)
            except subprocess.TimeoutExpired:
                self.edge.kill()

    def close(self) -> None:
        self.stop_edge()
        if self.sim is not None and self.sim.poll() is None:
            self.sim.terminate()
            try:
                self.sim.wait(10)
            except subprocess.TimeoutExpired:
                self.sim.kill()
