"""Screenshots of every HMI screen into docs/screenshots/ under Xvfb.

``python -m hmi.tools.screenshots``: starts Xvfb, the simulator and an edge (real processes,
``devsite``), injects a few faults so alarms show, runs the HMI in a child process on the
virtual display, grabs each screen, then stops the edge to capture the "link lost" state.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
DISPLAY = ":87"


def run_site_and_grab(out: Path) -> int:
    from hmi.tools.devsite import DevSite

    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1600x900x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = Path(tempfile.mkdtemp(prefix="hmi-shots-"))
    site = DevSite(root, ROOT / "resources" / "fields" / "demo.yaml",
                   database_url=os.environ.get("OILFIELD_DATABASE_URL"))
    try:
        site.start_sim()
        site.add_user()
        site.start_edge()
        site.wait_api(180, connected=10)
        # a past for the decline curves and a plan for the overview, as the demo has
        cli = [sys.executable, "-m", "edge_server.cli"]
        for args in (["sim", "history", "--field", str(site.field), "--years", "5"],
                     ["production", "target", "set", "--oil", "9500", "--note", "screenshots"]):
            subprocess.run([*cli, *args, "--config", str(site.config)], env=site._env(),
                           check=True, capture_output=True, timeout=600)
        for device, event in (("W03", "esp_trip"), ("W10", "pump_off"), ("W07", "comms_loss"),
                              ("PLC-BAT1", "separator_high_level")):
            site.sim_command("inject", device, event)
        time.sleep(60)  # some history for trends and sparklines, alarms past their delays
        env = {**os.environ, "DISPLAY": DISPLAY, "QT_QPA_PLATFORM": "xcb",
               "OILFIELD_HMI_USER": site.user, "OILFIELD_HMI_PASSWORD": site.password,
               "HMI_SHOTS_EDGE_PID": str(site.edge.pid if site.edge else 0)}
        return subprocess.run([sys.executable, "-m", "hmi.tools.screenshots", "--grab",
                               "--server", site.server, "--out", str(out)], env=env,
                              timeout=600).returncode
    finally:
        site.close()
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(root, ignore_errors=True)


async def _settle(seconds: float) -> None:
    await asyncio.sleep(seconds)  # qasync keeps processing Qt events meanwhile


async def grab_all(server: str, out: Path) -> None:
    from hmi._qt.app import HmiApp, parse_args
    from hmi._qt.i18n import Translations
    from hmi._qt.login.dialog import LoginDialog
    from hmi.api.client import ConnectionState
    from hmi.components.units import UnitSystem

    await asyncio.to_thread(out.mkdir, parents=True, exist_ok=True)
    translations = Translations()
    translations.set_language("es")

    async def never(_s: str, _u: str, _p: str, _pin: str) -> object:
        return None

    dlg = LoginDialog(never, server, "operador")
    dlg.show()
    await _settle(0.5)
    dlg.grab().save(str(out / "login.png"))
    dlg.close()

    hmi = HmiApp(parse_args(["--server", server]), translations)
    await hmi.start()
    w, ctx = hmi.window, hmi.ctx
    assert w is not None and ctx is not None
    w.resize(1600, 900)
    w.move(0, 0)
    await _settle(8)

    async def shot(page: str, name: str, wait: float = 2.0) -> None:
        w.show_page(page)
        await _settle(wait)
        w.grab().save(str(out / f"{name}.png"))

    await shot("overview", "overview")
    await shot("alarms", "alarms")
    w.alarms.show_journal()  # the journal search tab: the last hour's events and actions
    await w.alarms.journal.run_search()
    await shot("alarms", "alarm_journal", 2)
    w.alarms.tabs.setCurrentIndex(0)
    # the suppressed list: the pumped-off well's alarm shelved with a reason
    target = next((a for a in await ctx.client.active_alarms() if a.device == "W10"), None)
    if target is not None:
        await ctx.client.shelve(target.name, "cambio de varillas, cuadrilla en locación",
                                4 * 3600)
    w.alarms.tabs.setCurrentWidget(w.alarms.suppressed)
    await shot("alarms", "alarms_suppressed", 3)
    w.alarms.suppressed.table.selectRow(0)
    await shot("alarms", "alarms_suppressed", 1)
    w.alarms.tabs.setCurrentIndex(0)
    ctx.open_well.emit("W03")
    await shot("wells", "well_w03", 4)
    ctx.open_well.emit("W01")
    await shot("wells", "well_w01", 4)
    ctx.open_well.emit("W10")  # rod pump, pumped off
    await shot("wells", "well_w10_rod_pump", 4)
    ctx.open_well.emit("W09")  # gas lift
    await shot("wells", "well_w09_gas_lift", 4)
    w.trends.model.set_preset("10m")
    for tag in ("W01.Q_LIQ", "W01.ESP.FREQ", "W01.ESP.MTR_TEMP"):
        w.trends.add_tag(tag)
    await shot("trends", "trends", 4)
    # the engineering analyses, each computed on first show (DCA: the largest well's history)
    for key in ("dca", "pvt", "nodal", "matbal"):
        w.show_page("engineering")
        w.engineering.show_tab(key)
        await shot("engineering", f"engineering-{key}", 8 if key == "dca" else 4)
    w.language.setCurrentIndex(1)
    ctx.units.set_system(UnitSystem.SI)
    w.units.setCurrentIndex(1)
    await shot("overview", "overview_en_si", 3)
    w.language.setCurrentIndex(0)
    ctx.units.set_system(UnitSystem.OILFIELD)
    w.units.setCurrentIndex(0)
    pid = int(os.environ.get("HMI_SHOTS_EDGE_PID", "0"))
    if pid:
        os.kill(pid, signal.SIGTERM)
        for _ in range(300):
            if ctx.connection.state is ConnectionState.LOST:
                break
            await _settle(0.1)
        await shot("overview", "link_lost", 3)
    await hmi.shutdown()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--grab", action="store_true", help="(internal) the HMI side")
    p.add_argument("--server")
    p.add_argument("--out", default=str(OUT))
    args = p.parse_args(argv)
    if not args.grab:
        return run_site_and_grab(Path(args.out))
    import qasync
    from PySide6.QtWidgets import QApplication

    from hmi._qt.theme import stylesheet

    app = QApplication(sys.argv[:1])
    app.setStyleSheet(stylesheet())
    app.setQuitOnLastWindowClosed(False)  # the login dialog closes before the window opens
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(grab_all(args.server, Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
