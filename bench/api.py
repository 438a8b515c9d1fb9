"""API benchmark: REST read latency under 50 concurrent clients, and WebSocket fan-out.

Set-up, all real: a throwaway migrated database, the field simulator (``oilfield sim``) and the
edge (``oilfield edge``: engine + uvicorn API, one process, one loop) in subprocesses, on a field
of ~1,000 tags all scanned at 1 Hz. This process only orchestrates: the clients run in worker
processes (``REST_WORKERS``, ``WS_WORKERS``), each with its own event loop and share of the
clients, so the load generator is not what is measured; the edge's CPU is sampled from here.

* REST: 50 concurrent clients for ``REST_S`` seconds, each looping over the three reads an HMI
  makes: current values of 50 tags (``POST /api/tags/values``), a 10-minute trend
  (``GET /api/history/{tag}/trend``) and the active alarm list, over kept-alive HTTP/1.1
  connections. Latency: first request byte written to last body byte read. Reported: p95.
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
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psutil
import websockets

from tests._ports import free_ports

WELLS = 46  # ESP/rod/gas-lift mix, one RTU per well: ~1,000 tags
REST_CLIENTS, REST_S, REST_WORKERS = 50, 20.0, 4
WS_CLIENTS, WS_S, WS_WORKERS = 20, 20.0, 2
START_TIMEOUT_S = 45.0
PASSWORD = "Medicion-Campo-2026x"
START_DELAY_S = 3.0  # workers spawn (light imports only) and connect before the clock starts


def write_site(root: Path, api_port: int) -> tuple[Path, Path, int]:
    from plugins.simulator.generator import dump_yaml, generate_field

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


# -- load generator: worker processes, each with its own event loop ---------------------------
#
# Why processes and a raw HTTP/1.1 client: 50 httpx clients plus 20 websocket clients in the
# bench's own loop measured the bench (its queueing and its parsing), not the edge. Each worker
# owns a share of the clients on its own loop; a request is timed from the first byte written
# to the last body byte read, on a kept-alive connection.

def _shares(total: int, workers: int) -> list[int]:
    return [total // workers + (1 if i < total % workers else 0) for i in range(workers)]


async def _http_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                        request: bytes) -> tuple[int, bytes]:
    """One request on a kept-alive connection: (status, body)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length, chunked = -1, False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if not chunked:
        return status, await reader.readexactly(max(length, 0))
    body = bytearray()
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        body += await reader.readexactly(size + 2)
        if size == 0:
            return status, bytes(body)


def _request(method: str, path: str, token: str, body: bytes | None = None) -> bytes:
    head = (f"{method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n"
            "Connection: keep-alive\r\n")
    if body is None:
        return (head + "\r\n").encode()
    return (head + f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body


async def _rest_clients(port: int, token: str, names: list[str], first: int, count: int,
                        start_at: float, duration: float) -> dict[str, list[float]]:
    latencies: dict[str, list[float]] = {"values": [], "trend": [], "alarms": []}

    async def client_loop(k: int) -> None:
        rng = random.Random(k)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await asyncio.sleep(max(0.0, start_at - time.time()))
        stop_at = time.monotonic() + duration
        i = k
        try:
            while time.monotonic() < stop_at:
                i += 1
                kind = ("values", "trend", "alarms")[i % 3]
                if i % 3 == 0:
                    body = json.dumps({"names": rng.sample(names, 50)}).encode()
                    req = _request("POST", "/api/tags/values", token, body)
                elif i % 3 == 1:
                    end = datetime.now(UTC)
                    q = urlencode({"start": (end - timedelta(minutes=10)).isoformat(),
                                   "end": end.isoformat(), "points": 300})
                    req = _request("GET", f"/api/history/{rng.choice(names)}/trend?{q}", token)
                else:
                    req = _request("GET", "/api/alarms/active", token)
                began = time.perf_counter()
                status, payload = await _http_request(reader, writer, req)
                elapsed = (time.perf_counter() - began) * 1000
                if status != 200:
                    raise RuntimeError(f"{req[:60]!r}: {status} {payload[:200]!r}")
                latencies[kind].append(elapsed)
        finally:
            writer.close()

    await asyncio.gather(*(client_loop(k) for k in range(first, first + count)))
    return latencies


async def _ws_clients(port: int, token: str, names: list[str], count: int, start_at: float,
                      duration: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    values = [0]
    measure_from, measure_to = start_at + 3.0, start_at + 3.0 + duration

    async def client() -> None:
        async with websockets.connect(f"ws://127.0.0.1:{port}/api/ws?token={token}",
                                      max_size=2**24) as ws:
            await ws.recv()
            await ws.send(json.dumps({"op": "subscribe", "tags": names}))
            while (now := time.time()) < measure_to:
                try:
                    raw = await asyncio.wait_for(ws.recv(), 1.0)
                except TimeoutError:
                    continue
                now = time.time()
                msg = json.loads(raw)
                if msg.get("type") == "tags" and measure_from <= now < measure_to:
                    latencies.append((now - msg["rx"]) * 1000)
                    values[0] += len(msg["values"])

    await asyncio.sleep(max(0.0, start_at - time.time()))
    await asyncio.gather(*(client() for _ in range(count)))
    return latencies, values[0]


def _worker(kind: str, args: tuple[Any, ...], out: Any) -> None:
    """A load-generator process: runs its clients, sends back what it measured."""
    try:
        if kind == "rest":
            out.put(("ok", asyncio.run(_rest_clients(*args))))
        else:
            out.put(("ok", asyncio.run(_ws_clients(*args))))
    except BaseException as exc:  # reported to the parent, which fails the run
        out.put(("error", f"{kind} worker: {exc!r}"))


def _run_workers(kind: str, arg_sets: list[tuple[Any, ...]], timeout: float) -> list[Any]:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(kind, a, out), daemon=True) for a in arg_sets]
    for p in procs:
        p.start()
    results = []
    try:
        for _ in procs:
            status, payload = out.get(timeout=timeout)
            if status != "ok":
                raise RuntimeError(payload)
            results.append(payload)
    finally:
        for p in procs:
            p.join(5)
            if p.is_alive():
                p.kill()
    return results


def rest_phase(port: int, token: str, names: list[str],
               edge: psutil.Process) -> tuple[dict[str, list[float]], float]:
    """50 clients in ``REST_WORKERS`` processes; (latencies ms by endpoint, edge cpu %)."""
    start_at = time.time() + START_DELAY_S  # workers spawn and connect first
    first, arg_sets = 0, []
    for n in _shares(REST_CLIENTS, REST_WORKERS):
        arg_sets.append((port, token, names, first, n, start_at, REST_S))
        first += n

    def cpu_window() -> float:
        time.sleep(max(0.0, start_at - time.time()))
        edge.cpu_percent(None)
        time.sleep(REST_S)
        return edge.cpu_percent(None)

    with ThreadPoolExecutor(1) as pool:
        cpu = pool.submit(cpu_window)
        results = _run_workers("rest", arg_sets, REST_S + 60)
        return {k: [x for r in results for x in r[k]] for k in results[0]}, cpu.result()


def ws_phase(port: int, token: str, names: list[str],
             edge: psutil.Process) -> tuple[list[float], float, int]:
    """20 clients in ``WS_WORKERS`` processes; (latencies ms, edge cpu %, values)."""
    start_at = time.time() + START_DELAY_S
    arg_sets = [(port, token, names, n, start_at, WS_S)
                for n in _shares(WS_CLIENTS, WS_WORKERS)]

    def cpu_window() -> float:
        time.sleep(max(0.0, start_at + 3.0 - time.time()))  # connect, snapshots
        edge.cpu_percent(None)
        time.sleep(WS_S)
        return edge.cpu_percent(None)

    with ThreadPoolExecutor(1) as pool:
        cpu = pool.submit(cpu_window)
        results = _run_workers("ws", arg_sets, WS_S + 60)
        return ([x for lat, _ in results for x in lat], cpu.result(),
                sum(n for _, n in results))


def measure(api_port: int, names: list[str], edge: psutil.Process
            ) -> tuple[float, float, float]:
    base = f"http://127.0.0.1:{api_port}"
    token = asyncio.run(login(base))
    asyncio.run(wait_ready(base, token, names[:50]))
    print(f"edge ready: {len(names)} tags at 1 Hz", flush=True)
    by_kind, rest_cpu = rest_phase(api_port, token, names, edge)
    rest = [x for lat in by_kind.values() for x in lat]
    print(f"rest: {len(rest)} requests ({len(rest) / REST_S:.0f}/s), {REST_CLIENTS} clients "
          f"in {REST_WORKERS} processes, median {statistics.median(rest):.1f} ms, "
          f"p95 {percentile(rest, .95):.1f} ms, p99 {percentile(rest, .99):.1f} ms, "
          f"edge cpu {rest_cpu:.0f}%", flush=True)
    print("rest by endpoint: " + ", ".join(
        f"{k} median {statistics.median(v):.1f} / p95 {percentile(v, .95):.1f} ms"
        for k, v in by_kind.items()), flush=True)
    ws, cpu, n_values = ws_phase(api_port, token, names, edge)
    print(f"ws: {len(ws)} messages ({n_values} values) to {WS_CLIENTS} clients in "
          f"{WS_WORKERS} processes, median {statistics.median(ws):.1f} ms, "
          f"p99 {percentile(ws, .99):.1f} ms, edge cpu {cpu:.0f}%", flush=True)
    return percentile(rest, 0.95), percentile(ws, 0.99), cpu


def bench(root: Path, url: str) -> tuple[float, float, float]:
    """Start the simulator and the edge, measure, stop them (always)."""
    from edge_server.auth import AuthService, AuthSettings, ClientInfo, Principal, Role
    from engine.config import load_field

    admin = Principal(username="local:bench", role=Role.ADMIN, user_id=None, via="local")

    api_port = free_ports(1)[0]
    field_path, edge_path, control_port = write_site(root, api_port)
    names = sorted(t.name for t in load_field(field_path).tags())
    with AuthService(url, AuthSettings.load(root / "state", env={})) as auth:
        auth.users.create_user(admin, "bench", Role.VIEWER, ClientInfo(name="bench"),
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
        return measure(api_port, names, psutil.Process(edge.pid))
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
    from bench._common import throwaway_database

    with tempfile.TemporaryDirectory(prefix="oilfield-bench-api-") as tmp, \
            throwaway_database("bench_api") as url:
        rest_p95, ws_p99, cpu = bench(Path(tmp), url)
    print(f"api rest_p95_ms={rest_p95:.0f} ws_p99_ms={ws_p99:.0f} cpu_pct={cpu:.0f}",
          flush=True)


if __name__ == "__main__":
    main()
