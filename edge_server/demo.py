"""``oilfield demo``: a simulated field, the edge engine, its HTTP API (on
http://127.0.0.1:8080/api, plaintext on loopback) and (once it exists) the HMI, on one machine,
with nothing to configure.

The simulator runs as its own process, as a real field would be a separate thing on the
network; the engine runs in this process on the embedded PostgreSQL unless
``OILFIELD_DATABASE_URL`` names another server. Ctrl+C stops everything cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from domain.field import Field
from edge_server.app import build_api, load_config, run_engine_and_api, run_until_signalled
from edge_server.cli import demo_config
from edge_server.database import Database
from edge_server.logging_setup import setup_logging
from edge_server.version import product_version
from engine.config.settings import EdgeSettings
from engine.runtime import EdgeEngine

if TYPE_CHECKING:
    from edge_server.api.server import ApiServer

log = logging.getLogger("demo")

SUMMARY_INTERVAL_S = 10.0
DEMO_API_HOST, DEMO_API_PORT = "127.0.0.1", 8080


def _start_simulator(seed: int, control_port: int, log_file: Path) -> subprocess.Popen[bytes]:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    out = log_file.open("ab")
    # Its own session: Ctrl+C in the terminal must not stop the field before the engine has
    # stopped (every device would be journaled as a comms failure on the way out). It is
    # terminated after the engine, and exits by itself should this process die first.
    return subprocess.Popen(
        [sys.executable, "-m", "edge_server.cli", "sim", "--seed", str(seed),
         "--control-port", str(control_port), "--log-format", "text", "--exit-with-parent"],
        stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )


async def _wait_for_simulator(proc: subprocess.Popen[bytes], control_port: int) -> None:
    from plugins.simulator.server import send_control

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the simulator exited at start (are its ports already in use?)")
        with contextlib.suppress(OSError):
            reply = await send_control("127.0.0.1", control_port, {"cmd": "status"})
            if reply.get("ok"):
                return
        await asyncio.sleep(0.3)
    raise RuntimeError("the simulator did not answer within 30 s")


# -- the HMI (hmi/ owns this block) ----------------------------------------------------------
DEMO_HMI_USER = "operador"


def _start_hmi(api: ApiServer, log_file: Path) -> subprocess.Popen[bytes]:
    """``python -m hmi`` on the demo's API, logged in as a demo-only operator whose password is
    random for this run and handed over in the child's environment (never a fixed default)."""
    import os
    import secrets

    from edge_server.auth.errors import AuthError
    from edge_server.auth.models import ClientInfo, Principal
    from edge_server.auth.roles import Role

    password = secrets.token_urlsafe(18)
    actor = Principal(username="local:demo", role=Role.ADMIN, user_id=None, via="local")
    client = ClientInfo(address="local", name="oilfield-demo")
    try:
        api.auth.users.create_user(actor, DEMO_HMI_USER, Role.OPERATOR, client,
                                   password=password, must_change_password=False)
    except AuthError:  # exists from an earlier demo run: give it this run's password
        api.auth.users.reset_password(actor, DEMO_HMI_USER, password, client, temporary=False)
    server = api.url.removesuffix("/api")
    log.info(f"starting the HMI on {server} as {DEMO_HMI_USER!r} (log: {log_file})")
    env = {**os.environ, "OILFIELD_HMI_USER": DEMO_HMI_USER, "OILFIELD_HMI_PASSWORD": password}
    return subprocess.Popen([sys.executable, "-m", "hmi", "--server", server],
                            stdout=log_file.open("ab"), stderr=subprocess.STDOUT, env=env)


def _has_display() -> bool:
    import os

    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


async def _summaries(engine: EdgeEngine, stop: asyncio.Event) -> None:
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SUMMARY_INTERVAL_S)
        if engine.scanner is None:
            continue
        report = engine.health()
        devices = report["devices"].values()
        up = sum(1 for d in devices if d.get("state") == "connected")
        hist = report["historian"]
        log.info(
            f"{report['status']}: {up}/{len(report['devices'])} devices connected, "
            f"{hist.get('written_rows', 0):,} samples stored, database {report['database']}"
        )


def _seed_history(url: str, field: Field, seed: int, settings: EdgeSettings) -> None:
    """Years of simulated daily production, once (docs/production.md): the decline-curve and
    report screens have a past to show from the first minute. Never fatal to the demo."""
    from edge_server.production import seed_demo_history, seed_demo_target

    try:
        seed_demo_history(url, field, seed=seed, zone=settings.zone)
        seed_demo_target(url, settings.zone)
    except Exception:
        log.exception("could not seed the simulated production history; the demo runs without")


def _grant_demo_setpoints(api: ApiServer, field: Field) -> None:
    """The demo's operators may write the field's setpoints, so the HMI's setpoint dialog works:
    one grant to the operator role per kind of writable tag (``*.ESP.FREQ_SP``,
    ``*.BM.SPM_SP``, ``*.GL.QINY_SP``, ``*.SEP.PRES_SP``...), within each tag's engineering
    range, audited like any grant. Kept across runs; a real site starts with none."""
    import psycopg

    from edge_server.auth.errors import AuthError
    from edge_server.auth.models import ClientInfo, Principal
    from edge_server.auth.roles import Role

    actor = Principal(username="local:demo", role=Role.ADMIN, user_id=None, via="local")
    client = ClientInfo(address="local", name="oilfield-demo")
    writable = [t.name for t in field.tags() if t.writable]
    patterns = sorted({"*." + n.split(".", 1)[1] if "." in n else n for n in writable})
    policy = api.auth.tag_writes
    try:
        have = {g.tag for g in policy.list_grants(actor, role=Role.OPERATOR)}
        for pattern in patterns:
            if pattern not in have:
                policy.add(actor, client, pattern, role=Role.OPERATOR, writable=writable)
    except (AuthError, psycopg.Error) as exc:
        log.warning(f"could not grant the demo's setpoints to operators: {exc}")
        return
    log.info(f"operators may write the demo's {len(writable)} setpoints "
             f"({', '.join(patterns)}): `oilfield grant list --demo`")


def run_demo(*, seed: int = 1, hmi: bool = True, control_port: int = 15999) -> int:
    settings, field = load_config(demo_config())
    # The demo's API: loopback only, so plaintext is acceptable (and curl needs no pinning).
    settings.api = settings.api.model_copy(update={
        "host": DEMO_API_HOST, "port": DEMO_API_PORT,
        "tls": settings.api.tls.model_copy(update={"mode": "off"})})
    setup_logging(settings.log.level, settings.log.format)
    sim_log = settings.state_dir / "demo-simulator.log"
    sim = _start_simulator(seed, control_port, sim_log)
    database: Database | None = None
    try:
        log.info(f"simulated field {field.name!r} starting (log: {sim_log})")
        database = Database(settings)
        database.migrate(attempts=3)
        _seed_history(database.url, field, seed, settings)
        engine = EdgeEngine(settings, field, database.url, product_version())
        api = build_api(settings, engine, database.url)
        if api is not None:
            _grant_demo_setpoints(api, field)

        async def main(stop: asyncio.Event) -> None:
            await _wait_for_simulator(sim, control_port)
            log.info(
                "demo running. Try, in another terminal:  oilfield sim inject W03 esp_trip"
                "   |   oilfield edge status --config " + str(demo_config())
            )
            hmi_procs: list[subprocess.Popen[bytes]] = []

            def serving(url: str) -> None:
                log.info(f"API serving at {url}  (try: curl {url}/health ; create a user with "
                         "`oilfield user add NAME --role admin --demo`)")
                # The HMI starts only once the API answers, so its automatic login succeeds.
                if hmi and api is not None and _has_display():
                    hmi_procs.append(_start_hmi(api, settings.state_dir / "demo-hmi.log"))

            if hmi and not _has_display():
                log.warning("no graphical display (DISPLAY/WAYLAND_DISPLAY unset): the HMI is "
                            "not started; run `make demo` from a desktop session to see it")
            summary = asyncio.create_task(_summaries(engine, stop))
            try:
                await run_engine_and_api(engine, api, stop, on_serving=serving)
            finally:
                for proc in hmi_procs:
                    if proc.poll() is None:
                        proc.terminate()
                summary.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await summary

        asyncio.run(run_until_signalled(main))
        return 0
    except RuntimeError as exc:
        log.error(str(exc))
        return 1
    finally:
        sim.terminate()
        try:
            sim.wait(10)
        except subprocess.TimeoutExpired:
            sim.kill()
        if database is not None:
            database.close()
