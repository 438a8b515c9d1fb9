"""API benchmark: REST read latency under 50 concurrent clients, and WebSocket fan-out.

Set-up, all real: a throwaway migrated database, the field simulator (``oilfield sim``) and the
edge (``oilfield edge``: engine + uvicorn API, one process, one loop) in subprocesses, on a field
of ~1,000 tags all scanned at 1 Hz. This process only runs the clients.

* REST: 50 concurrent clients for ``REST_S`` seconds, each looping over the three reads an HMI
  makes: current values of 50 tags (``POST /api/tags/values``), a 10-minute trend
  (``GET /api/history/{tag}/trend``) and the active alarm list. Reported: p95 latency.
* WebSocket: 20 clients each subscribed to every tag for ``WS_S`` seconds. Latency per message
  is delivery time at the client minus ``rx``, the time the poll's readings reached the
  engine's scanner observer (same machine, same clock). Reported: p99, and the edge process's
  CPU (% of one core) over the WebSocket window.

Goals: REST p95 < 50 ms, WS p99 < 100 ms. Last line:
``api rest_p95_ms=N ws_p99_ms=N cpu_pct=N``. Run: ``.venv/bin/python -m bench.api``.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psutil
import websockets

from bench._common import throwaway_database
from edge_server.auth import AuthService, AuthSettings, ClientInfo, Principal, Role
from plugins.simulator.generator import dump_yaml, generate_field
from tests._ports import free_ports

WELLS = 46  # ESP/rod/gas-lift mix, one RTU per well: ~1,000 tags
REST_CLIENTS, REST_S = 50, 20.0
WS_CLIENTS, WS_S = 20, 20.0
START_TIMEOUT_S = 45.0
PASSWORD = "Medicion-Campo-2026x"
ADMIN = Principal(username="local:bench", role=Role.ADMIN, user_id=None, via="local")


def write_site(root: Path, api_port: int) -> tuple[Path, Path, int]:
    config = generate_field(WELLS, seed=3, name="Campo Bench")
    config["scan_classes"] = {"fast": 1.0, "normal": 1.0, "slow": 1.0}
    devices = [d for s in config["sites"] for d in s["devices"]]
    ports = free_ports(len(devices) + 1)
    for device, port in zip(devices, ports, strict=False):
        device["port"] = port
    field = root / "field.yaml"
    field.write_text(dump_yaml(config), encoding="utf-8")
    edge = root / "edge.yaml"
    edge.write_text(
        "site_name: Bench\nfield: field.yaml\nstate_dir: state\n"
        "log: {level: warning, format: text}\n"
        f"api: {{host: 127.0.0.1, port: {api_port}, tls: {{mode: 'off'}}}}\n",
        encoding="utf-8")
    return field, edge, ports[-1]


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def wait_ready(base: str, token: str, names: list[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"},
                                 timeout=5) as client:
        while time.monotonic() < deadline:
            try:
                r = await client.post("/api/tags/values", json={"names": names})
                if r.status_code == 200 and all(v["quality"] == "GOOD"
                                                for v in r.json()["values"]):
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5)
    raise RuntimeError("the edge did not become ready in time")


async def login(base: str) -> str:
    deadline = time.monotonic() + START_TIMEOUT_S
    async with httpx.AsyncClient(base_url=base, timeout=5) as client:
        while True:
            try:
                r = await client.post("/api/auth/login",
                                      json={"username": "bench", "password": PASSWORD})
                if r.status_code == 200:
                    token: str = r.json()["access_token"]
                    return token
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("could not log in to the edge API")
            await asyncio.sleep(0.5)


async def rest_phase(base: str, token: str, names: list[str]) -> list[float]:
    latencies: list[float] = []
    stop_at = time.monotonic() + REST_S
    limits = httpx.Limits(max_connections=REST_CLIENTS)

    async def client_loop(k: int) -> None:
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10,
                                     headers={"Authorization": f"Bearer {token}"}) as c:
            i = k
            while time.monotonic() < stop_at:
                i += 1
                began = time.perf_counter()
                if i % 3 == 0:
                    r = await c.post("/api/tags/values", json={"names": rng.sample(names, 50)})
                elif i % 3 == 1:
                    end = datetime.now(UTC)
                    r = await c.get(f"/api/history/{rng.choice(names)}/trend", params={
                        "start": (end - timedelta(minutes=10)).isoformat(),
                        "end": end.isoformat(), "points": 300})
                else:
                    r = await c.get("/api/alarms/active")
                if r.status_code != 200:
                    raise RuntimeError(f"{r.request.url}: {r.status_code} {r.text[:200]}")
                latencies.append((time.perf_counter() - began) * 1000)

    await asyncio.gather(*(client_loop(k) for k in range(REST_CLIENTS)))
    return latencies


async def ws_phase(url: str, token: str, names: list[str],
                   edge: psutil.Process) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    values = [0]
    stop_at = time.monotonic() + WS_S + 3.0

    async def client() -> None:
        async with websockets.connect(f"{url}?token={token}", max_size=2**24) as ws:
            await ws.recv()
            await ws.send(json.dumps({"op": "subscribe", "tags": names}))
            while time.monotonic() < stop_at:
                try:
                    raw = await asyncio.wait_for(ws.recv(), 1.0)
                except TimeoutError:
                    continue
                now = time.time()
                msg = json.loads(raw)
                if msg.get("type") == "tags" and measuring[0]:
                    latencies.append((now - msg["rx"]) * 1000)
                    values[0] += len(msg["values"])

    measuring = [False]
    tasks = [asyncio.create_task(client()) for _ in range(WS_CLIENTS)]
    await asyncio.sleep(3.0)  # connect, snapshots
    measuring[0] = True
    edge.cpu_percent(None)
    await asyncio.sleep(WS_S)
    cpu = edge.cpu_percent(None)
    measuring[0] = False
    await asyncio.gather(*tasks)
    return latencies, cpu, values[0]


async def measure(api_port: int, names: list[str], edge: psutil.Process
                  ) -> tuple[float, float, float]:
    base = f"http://127.0.0.1:{api_port}"
    token = await login(base)
    await wait_ready(base, token, names[:50])
    print(f"edge ready: {len(names)} tags at 1 Hz", flush=True)
    rest = await rest_phase(base, token, names)
    print(f"rest: {len(rest)} requests, {REST_CLIENTS} clients, "
          f"median {statistics.median(rest):.1f} ms, p95 {percentile(rest, .95):.1f} ms",
          flush=True)
    ws, cpu, n_values = await ws_phase(f"ws://127.0.0.1:{api_port}/api/ws", token, names,
                                       edge)
    print(f"ws: {len(ws)} messages ({n_values} values) to {WS_CLIENTS} clients, "
          f"median {statistics.median(ws):.1f} ms, p99 {percentile(ws, .99):.1f} ms, "
          f"edge cpu {cpu:.0f}%", flush=True)
    return percentile(rest, 0.95), percentile(ws, 0.99), cpu


def bench(root: Path, url: str) -> tuple[float, float, float]:
    """Start the simulator and the edge, measure, stop them (always)."""
    from engine.config import load_field

    api_port = free_ports(1)[0]
    field_path, edge_path, control_port = write_site(root, api_port)
    names = sorted(t.name for t in load_field(field_path).tags())
    with AuthService(url, AuthSettings.load(root / "state", env={})) as auth:
        auth.users.create_user(ADMIN, "bench", Role.VIEWER, ClientInfo(name="bench"),
                               password=PASSWORD, must_change_password=False)
    exe = Path(sys.executable).parent / "oilfield"
    env = {**os.environ, "OILFIELD_DATABASE_URL": url}
    sim = subprocess.Popen([str(exe), "sim", "--field", str(field_path), "--control-port",
                            str(control_port), "--log-format", "text"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    edge_log = (root / "edge.log").open("wb")
    edge = subprocess.Popen([str(exe), "edge", "--config", str(edge_path), "--log-format",
                             "text"], env=env, stdout=edge_log, stderr=subprocess.STDOUT)
    try:
        return asyncio.run(measure(api_port, names, psutil.Process(edge.pid)))
    finally:
        for proc in (edge, sim):
            proc.terminate()
        for proc in (edge, sim):
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
        edge_log.close()
        if edge.returncode not in (0, -15):
            print((root / "edge.log").read_text(errors="replace")[-2000:], file=sys.stderr)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="oilfield-bench-api-") as tmp, \
            throwaway_database("bench_api") as url:
        rest_p95, ws_p99, cpu = bench(Path(tmp), url)
    print(f"api rest_p95_ms={rest_p95:.0f} ws_p99_ms={ws_p99:.0f} cpu_pct={cpu:.0f}",
          flush=True)


if __name__ == "__main__":
    main()
