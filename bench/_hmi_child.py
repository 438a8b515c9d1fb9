"""The Qt side of ``bench/hmi.py``: one measurement per process (``bench/hmi.py`` runs it).

    python bench/_hmi_child.py startup SNAPSHOT.json
    python bench/_hmi_child.py baseline
    python bench/_hmi_child.py alarms SNAPSHOT.json [--alarms 10000] [--screenshot OUT.png]
    python bench/_hmi_child.py trend --config hmi|tuned|tuned-thin [--pens 10] [--points 1000000]

Protocol with the parent: lines starting with ``@`` on stdout. ``@painted_tiles`` and
``@painted_values`` are printed (and flushed) the moment the overview has been painted, so the
parent can time them from its side; ``@result {json}`` carries the child's own figures. The
exit code is the child's honest status: the parent reports a non-zero one as a failure.

Run with ``QT_QPA_PLATFORM=offscreen`` (the parent sets it).
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # the child's first statement after the interpreter's own start

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAGES: dict[str, float] = {}


def stage(name: str) -> None:
    STAGES.setdefault(name, round(time.perf_counter() - T0, 4))


def emit(marker: str, payload: Any = None) -> None:
    text = f"@{marker}" if payload is None else f"@{marker} {json.dumps(payload)}"
    print(text, flush=True)


def p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


# -- startup: the real ``hmi._qt.app.main()`` against a recorded snapshot ----------------------
def snapshot_handler(snap: dict[str, Any]) -> Any:
    """An httpx handler answering the edge API routes the HMI calls from ``snap``."""
    import httpx

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api")
        stage(f"served {request.method} {path.split('/history/')[0] or path}")
        if path == "/auth/login":
            return httpx.Response(200, json=snap["login"])
        if path == "/auth/logout":
            return httpx.Response(204)
        if path == "/tags":
            return httpx.Response(200, json={"items": snap["tags"], "next_after": None})
        if path == "/tags/values":
            names = set(json.loads(request.content)["names"])
            return httpx.Response(200, json={"values": [v for v in snap["values"]
                                                        if v["name"] in names]})
        if path == "/alarms/active":
            return httpx.Response(200, json=snap["alarms"])
        if path == "/alarms/journal":
            return httpx.Response(200, json={"entries": []})
        if path == "/devices":
            return httpx.Response(200, json=snap["devices"])
        if path == "/health":
            return httpx.Response(200, json=snap["health"])
        if path.startswith("/history/") and path.endswith("/trend"):
            return httpx.Response(200, json=snap["production_trend"])
        return httpx.Response(404, json={"error": "not_found",
                                         "message": {"en": path, "es": path}})

    return handle


def run_startup(snapshot: Path, timeout_s: float) -> int:
    import functools

    import httpx
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import hmi._qt.app as app_mod
    from hmi._qt.overview.tile import WellTile
    from hmi._qt.shell.main_window import MainWindow
    from hmi.api.client import ApiClient

    stage("imports done (PySide6, hmi._qt.app and everything it imports)")
    snap = json.loads(snapshot.read_text("utf-8"))
    # The one substitution: the client's transport answers from the snapshot in process
    # (no socket, no edge). Everything else is hmi._qt.app.main() as `python -m hmi` runs it.
    transport = httpx.MockTransport(snapshot_handler(snap))
    app_mod.ApiClient = functools.partial(  # type: ignore[misc,assignment]
        ApiClient, transport=transport)
    windows: list[MainWindow] = []

    class TimedMainWindow(MainWindow):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            stage("main window construction starts")
            super().__init__(*args, **kwargs)
            stage("main window constructed")
            windows.append(self)

    app_mod.MainWindow = TimedMainWindow  # type: ignore[misc]
    load_credentials = app_mod.credentials.load

    def timed_load(server: str) -> tuple[str, str] | None:
        stage("keyring lookup (credentials.load) starts")
        try:
            return load_credentials(server)
        finally:
            stage("keyring lookup done")

    app_mod.credentials.load = timed_load
    app = QApplication(sys.argv[:1])  # main() reuses QApplication.instance()
    stage("QApplication created")
    done = {"tiles": False, "values": False}

    def close_window() -> None:
        for w in windows:
            w.close()  # the app's own close path: updater stopped, logout, main() returns

    def mark(kind: str) -> None:
        stage(f"overview painted ({kind})")
        emit(f"painted_{kind}")
        if kind == "values":
            QTimer.singleShot(0, close_window)

    class PaintProbe(QObject):
        """Watches paint events of the overview's well tiles (app-wide event filter)."""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(obj, WellTile):
                if not done["tiles"]:
                    done["tiles"] = True
                    # end of this paint pass: the timer fires once the whole window is painted
                    QTimer.singleShot(0, lambda: mark("tiles"))
                if not done["values"] and obj._tags.readings:
                    done["values"] = True
                    QTimer.singleShot(0, lambda: mark("values"))
            return False

    probe = PaintProbe()
    app.installEventFilter(probe)

    def give_up() -> None:
        emit("error", {"what": f"overview not painted with values within {timeout_s} s",
                       "stages": STAGES})
        os._exit(3)

    QTimer.singleShot(int(timeout_s * 1000), give_up)
    os.environ["OILFIELD_HMI_PASSWORD"] = "bench-only"
    rc = app_mod.main(["--server", "http://snapshot.invalid:8080", "--user", "bench",
                       "--language", "es", "--units", "oilfield"])
    stage("main() returned")
    emit("result", {"rc_main": rc, "stages": STAGES,
                    "tiles": len(windows[0].overview.tiles) if windows else 0})
    return int(rc)


def run_baseline() -> int:
    """Floor: a fresh interpreter, PySide6.QtWidgets, one QLabel shown and painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    stage("imports done (PySide6.QtWidgets)")
    app = QApplication(sys.argv[:1])
    label = QLabel("Campo Demo")

    class Probe(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and obj is label and "painted" not in STAGES:
                stage("painted")
                def done() -> None:
                    emit("painted_values")
                    app.quit()

                QTimer.singleShot(0, done)
            return False

    probe = Probe()
    label.installEventFilter(probe)
    label.resize(1600, 900)
    label.show()
    app.exec()
    emit("result", {"stages": STAGES})
    return 0


# -- alarm table ------------------------------------------------------------------------------
def run_alarms(snapshot: Path, n: int, screenshot: Path | None = None) -> int:
    import asyncio
    import functools
    import gc
    from collections.abc import Callable
    from dataclasses import replace

    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication

    from hmi._qt.alarms.table_model import COLUMNS, AlarmTableModel
    from hmi._qt.alarms.view import AlarmsView
    from hmi._qt.context import AppContext
    from hmi._qt.theme import stylesheet
    from hmi.api.client import ApiClient
    from hmi.api.types import Alarm, Me
    from hmi.components.alarms import AlarmFilter, AlarmListModel

    snap = json.loads(snapshot.read_text("utf-8"))
    raw = snap["alarm_table"][:n]
    assert len(raw) == n, f"snapshot has {len(raw)} alarms, {n} asked"
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(stylesheet())
    asyncio.set_event_loop(asyncio.new_event_loop())
    alarms = [Alarm.parse(a) for a in raw]
    out: dict[str, Any] = {"rows": n}

    # 1. the Qt-free list: what every poll does with a changed active list
    lm = AlarmListModel()
    t = time.perf_counter()
    lm.set_alarms(alarms)
    out["list_model_set_ms"] = (time.perf_counter() - t) * 1000

    # 2. model level: AlarmTableModel (sorts and filters itself), no view
    model = AlarmTableModel(lm)
    model.rowCount()
    filters = [("text 'mtr_temp'", AlarmFilter(text="mtr_temp")),
               ("text 'W07'", AlarmFilter(text="W07")),
               ("text 'motor'", AlarmFilter(text="motor")),
               ("area PAD-B", AlarmFilter(area="Campo Demo/PAD-B")),
               ("priority high + unack", AlarmFilter(priority="high", state="unack")),
               ("no filter", AlarmFilter())]
    orders = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
    model_ops: dict[str, float] = {}
    for col, name in enumerate(COLUMNS):
        for order in orders:
            t = time.perf_counter()
            model.sort(col, order)
            model.rowCount()
            model_ops[f"sort {name} {order.name[:-5].lower()}"] = (time.perf_counter() - t) * 1000
    model.sort(0, Qt.SortOrder.DescendingOrder)  # the screen's default order
    for label, f in filters:
        t = time.perf_counter()
        model.set_filter(f)
        rows = model.rowCount()
        model_ops[f"filter {label} ({rows} rows)"] = (time.perf_counter() - t) * 1000
    out["model_ops_ms"] = model_ops

    # 3. screen level: the real AlarmsView (QTableView, widths fixed from the font), shown at
    # 1600x900; each operation until its paint is done.
    client = ApiClient("http://bench.invalid:8080")
    ctx = AppContext(client)
    ctx.session.set_user(Me(username="bench", role="operator",
                            permissions=frozenset({"alarms.ack", "alarms.shelve",
                                                   "alarms.comment"})))
    view = AlarmsView(ctx)
    view.resize(1600, 900)
    view.show()
    app.processEvents()
    paints = {"n": 0}

    class Count(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints["n"] += 1
            return False

    counter = Count()
    view.table.viewport().installEventFilter(counter)

    def settle() -> None:
        """Let the screen do what the operation queued (layout, repaint); if nothing
        painted the table, paint it now, so every timing includes one paint."""
        before = paints["n"]
        app.processEvents()
        app.processEvents()
        if paints["n"] == before:
            view.table.viewport().repaint()

    # The garbage collector's passes land inside whichever operation allocates at the time
    # (a full pass over the HMI's objects takes tens of ms): counted, not excluded.
    gc_log: list[tuple[int, float]] = []
    gc_started = [0.0]

    def gc_watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            gc_log.append((info["generation"], (time.perf_counter() - gc_started[0]) * 1000))

    screen_ops: dict[str, float] = {}
    screen_gc: dict[str, float] = {}

    def timed(action: Callable[[], object], label: Callable[[], str] | str) -> None:
        """One operation until painted; GC time inside it is noted next to it."""
        n_gc = len(gc_log)
        t = time.perf_counter()
        action()
        settle()
        ms = (time.perf_counter() - t) * 1000
        key = label if isinstance(label, str) else label()
        screen_ops[key] = ms
        gc_ms = sum(g_ms for _g, g_ms in gc_log[n_gc:])
        if gc_ms >= 1.0:
            screen_gc[key] = round(gc_ms, 1)

    # Each poll hands the list freshly parsed, as the client does every second (the parse
    # itself is not timed: it is the client's work, the same for any screen).
    def fresh(changes: dict[int, dict[str, Any]]) -> list[Alarm]:
        return [Alarm.parse({**r, **changes.get(i, {})}) for i, r in enumerate(raw)]

    ack0 = {0: {"state": "acked", "acknowledged": True}}
    ten = {**ack0, **{i: {"value": (raw[i]["value"] or 0.0) + 1.0}
                      for i in range(1, n, max(1, n // 10))}}
    polls = [("poll, list unchanged", fresh({})),
             ("poll with 1 alarm changed", fresh(ack0)),
             ("poll with 10 values changed", fresh(ten)),
             ("poll with 1 alarm new, 1 gone",
              fresh({**ten, 2: {"name": raw[2]["name"] + ".NEW"}}))]
    gc.collect()
    gc.callbacks.append(gc_watch)
    # the first poll with 10,000 alarms: reset + sort + paint
    timed(lambda: ctx.alarms.set_alarms(alarms), "load 10,000 alarms (poll: list changed)")
    # the operator has two alarms selected through all of what follows
    keep = [alarms[n // 3].name, alarms[2 * n // 3].name]
    view.select(keep)
    for label, alarm_list in polls:
        timed(functools.partial(ctx.alarms.set_alarms, alarm_list), label)
    header = view.table.horizontalHeader()
    for col, name in enumerate(COLUMNS):
        for order in orders:
            timed(functools.partial(header.setSortIndicator, col, order),  # a header click
                  f"sort {name} {order.name[:-5].lower()}")
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    settle()
    # still selected after the polls and sorts (a filter then drops what it hides)
    out["selection_kept"] = sorted(a.name for a in view.selected()) == sorted(keep)
    def filter_label(text: str) -> str:
        return f"filter text '{text}' ({view.table_model.rowCount()} rows)"

    for text in ("mtr_temp", "W07", "motor", ""):
        # textChanged -> _apply_filter, as typing/pasting does
        timed(functools.partial(view.search.setText, text),
              functools.partial(filter_label, text))
    target = next(a for a in ctx.alarms.alarms if a.state == "unack")
    timed(lambda: ctx.alarms.replace_one(replace(target, state="acked", acknowledged=True)),
          "acknowledge answer applied (1 alarm moves)")
    gc.callbacks.remove(gc_watch)
    out["screen_ops_ms"] = screen_ops
    out["screen_ops_gc_ms"] = screen_gc
    out["table_paints"] = paints["n"]
    full = [ms for gen, ms in gc_log if gen == 2]
    out["gc"] = {"passes": len(gc_log), "ms": round(sum(ms for _g, ms in gc_log), 1),
                 "full_passes_ms": [round(ms, 1) for ms in full]}
    if screenshot is not None:
        view.grab().save(str(screenshot))
    view.close()
    emit("result", out)
    return 0 if out["selection_kept"] else 4


# -- trend ------------------------------------------------------------------------------------
def run_trend(config: str, pens: int, points: int, frames: int, cap_s: float) -> int:
    import asyncio
    from datetime import UTC, datetime

    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from hmi._qt.context import AppContext
    from hmi._qt.theme import stylesheet
    from hmi._qt.trends.view import TrendsView
    from hmi.api.client import ApiClient
    from hmi.api.types import TagInfo
    from hmi.components.trend import Series

    app = QApplication(sys.argv[:1])
    app.setStyleSheet(stylesheet())
    # request_range() schedules its debounced refetch on this loop, which never runs here:
    # the frames measure the redraw of the data already in the widget, not a refetch.
    asyncio.set_event_loop(asyncio.new_event_loop())
    ctx = AppContext(ApiClient("http://bench.invalid:8080"))
    names = [f"W{i + 1:02d}.Q_LIQ" for i in range(pens)]
    ctx.tags.set_infos([TagInfo(name=n, site="PAD-A", device=n[:3], units="bbl/d",
                                description="Caudal de líquido", eu_min=0, eu_max=4000,
                                writable=False) for n in names])
    view = TrendsView(ctx)
    out: dict[str, Any] = {"config": config, "pens": pens, "points": points}
    # The pens go through the screen's own add_tag -> TrendModel.add_pen (MAX_PENS is 12
    # since 2026-12-03; it was 8 and the bench set model.pens directly), which builds each
    # pen's axis and curve. The fetch add_pen schedules never runs (no event loop); the data
    # are set below instead.
    for n in names:
        if not view.add_tag(n):
            emit("error", f"add_tag({n}) refused: more pens than MAX_PENS?")
            return 5
    assert [p.tag for p in view.model.pens] == names
    end = datetime.now(UTC).timestamp()
    t_arr = end - (points - 1) + np.arange(points, dtype=float)  # 1 Hz samples up to now
    t_list = t_arr.tolist()
    rng = np.random.default_rng(7)
    no_bad = [False] * points
    for i, n in enumerate(names):
        y = 1500 + 400 * np.sin(t_arr / (3600 * (i + 1))) + np.cumsum(rng.normal(0, 2, points))
        y_list = y.tolist()
        view.model.data[n] = Series(t=t_list, avg=y_list, vmin=y_list, vmax=y_list,
                                    suspect=no_bad, bucket_s=1.0)
    if config in ("tuned", "tuned-thin"):
        for curve, _fill, _scatter in view.curves:
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            if config == "tuned-thin":  # 1 px pens (the HMI's were 1.6 px until 2026-11)
                curve.setPen(pg.mkPen(curve.opts["pen"].color(), width=1))
    t = time.perf_counter()
    view._draw()  # the widget's own path from model data to curves
    out["draw_data_s"] = time.perf_counter() - t
    view.plot.setFixedSize(1600, 900)  # the chart itself; the window around it is wider
    view.show()
    app.processEvents()
    out["plot_px"] = [view.plot.width(), view.plot.height()]
    span = t_arr[-1] - t_arr[0]
    width = span * 0.2  # the view shows 20 % of the data: 200 k of 1 M points per pen
    step = width * 0.01  # each frame pans by 1 % of the view, like a drag
    lo = t_arr[0] + span * 0.4
    paints = {"n": 0}

    class Count(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints["n"] += 1
            return False

    counter = Count()
    viewport = view.plot.viewport()
    viewport.installEventFilter(counter)
    vb = view.main_vb

    def frame(k: int) -> float:
        """One pan step until painted: the range change queues the scene's repaint, which
        processEvents() performs (as the event loop does during a drag); if nothing painted,
        the viewport is repainted synchronously, so every frame holds at least one paint."""
        t0 = time.perf_counter()
        before = paints["n"]
        vb.setXRange(lo + k * step, lo + k * step + width, padding=0)
        app.processEvents()
        if paints["n"] == before:
            viewport.repaint()
        return (time.perf_counter() - t0) * 1000

    t = time.perf_counter()
    out["first_frame_ms"] = frame(0)
    frame(1)  # warm-up
    times: list[float] = []
    started = time.perf_counter()
    for k in range(2, frames + 2):
        times.append(frame(k))
        if time.perf_counter() - started > cap_s and len(times) >= 3:
            break
    out["frames"] = len(times)
    out["paints"] = paints["n"]
    out["frame_ms"] = [round(x, 2) for x in times]
    out["p95_ms"] = p95(times)
    out["median_ms"] = statistics.median(times)
    out["refetches_requested"] = view.model._pending is not None
    grab = view.plot.grab()
    out["grab_px"] = [grab.width(), grab.height()]
    view.close()
    emit("result", out)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("startup", "baseline", "alarms", "trend"))
    ap.add_argument("snapshot", nargs="?", type=Path)
    ap.add_argument("--alarms", type=int, default=10_000)
    ap.add_argument("--config", choices=("hmi", "tuned", "tuned-thin"), default="hmi")
    ap.add_argument("--pens", type=int, default=10)
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--frames", type=int, default=30)
    ap.add_argument("--cap-s", type=float, default=30.0)
    ap.add_argument("--timeout-s", type=float, default=30.0)
    ap.add_argument("--screenshot", type=Path, help="alarms: save the screen here at the end")
    args = ap.parse_args()
    if args.mode == "startup":
        return run_startup(args.snapshot, args.timeout_s)
    if args.mode == "baseline":
        return run_baseline()
    if args.mode == "alarms":
        return run_alarms(args.snapshot, args.alarms, args.screenshot)
    return run_trend(args.config, args.pens, args.points, args.frames, args.cap_s)


if __name__ == "__main__":
    sys.exit(main())
