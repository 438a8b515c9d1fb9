"""HMI benchmark: cold start to the painted overview, the 10,000-row alarm table, trend pans.

Every Qt measurement runs in its own child process (``bench/_hmi_child.py``) with
``QT_QPA_PLATFORM=offscreen``; a child that exits non-zero is reported as a failure and makes
this script exit non-zero (docs/performance.md, "HMI").

* **startup_s** — wall time measured *here*, from just before ``subprocess.Popen`` to reading
  the child's ``@painted_values`` line: interpreter start, every import, QApplication, style
  sheet, translations, the qasync loop, login, ``MainWindow`` (all screens) shown, the
  LiveUpdater's polls, and the first paint of the overview's tiles *with values*. The child is
  ``hmi._qt.app.main()`` itself; the only substitution is the ApiClient's transport, an
  in-process ``httpx.MockTransport`` answering from a recorded snapshot of the demo field
  (``resources/fields/demo.yaml`` with synthesized values), so no socket, no edge, no
  PostgreSQL. Median of ``--starts`` runs; baseline: a fresh interpreter that only imports
  PySide6.QtWidgets and paints one QLabel, timed the same way.
* **alarm_table_ms** — worst operation on the real alarm screen (``AlarmsView``: the
  ``AlarmTableModel``, which sorts and filters on the Qt-free side, in its ``QTableView``,
  shown at 1600x900) with 10,000 active alarms: sort by each of the 7 columns in both orders
  (what a header click does) and text filters typed into the search box, each timed until the
  table has painted. Printed too: the model-only figures (sort/filter without a view) and the
  cost of polls (unchanged list, one alarm changed, ten values, one alarm in and one out) and
  of an acknowledge answer; the child fails if the selection did not survive the polls and
  sorts.
* **trend_frame_ms** — p95 per pan frame of the real ``TrendsView`` with 10 pens x 1 M points
  configured as the HMI configures it (since 2026-11: 1 px pens, clip-to-view, auto peak
  downsampling; before that none of these; since 2026-12-03 the pens are added through the
  screen's ``add_tag``, MAX_PENS being 12), plot widget 1600x900; each frame shifts the X
  range by 1 % of the view (20 % of the data visible) and is timed until the plot's viewport
  has painted. Baselines in the same run: the same widget with clip-to-view + auto peak
  downsampling set again on its curves (with and without forcing 1 px pens; both now match
  the HMI's own configuration), and the load the HMI really draws (10 pens x 800 buckets,
  what the edge returns).

    .venv/bin/python bench/hmi.py [--starts 3] [--frames 30] [--only alarm_table] ...

``--only`` (repeatable: startup, alarm_table, trend_frame) runs just those measurements; the
others are printed as ``skipped``.

Last line: ``hmi startup_s=N alarm_table_ms=N trend_frame_ms=N``
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "_hmi_child.py"
FIELD = ROOT / "resources" / "fields" / "demo.yaml"
FAILURES: list[str] = []
MEASUREMENTS = ("startup", "alarm_table", "trend_frame")

# -- the recorded snapshot (built here, so the child only reads JSON) -------------------------
RUN_FLAGS = {"ESP.RUN", "BM.RUN", "GL.RUN"}
PRIORITIES = (("critical", 4, 0.02), ("high", 3, 0.05), ("medium", 2, 0.15), ("low", 1, 0.78))
STATES = (("unack", 0.35), ("acked", 0.45), ("rtn_unack", 0.1), ("shelved", 0.05),
          ("latched", 0.05))
KINDS = (("HIHI", "muy alta"), ("HI", "alta"), ("LO", "baja"), ("LOLO", "muy baja"),
         ("ROC", "cambio brusco"), ("DEV", "desvío"))


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def _value(tag: dict[str, Any], rng: random.Random) -> float:
    signal = tag["name"].split(".", 1)[1] if "." in tag["name"] else tag["name"]
    if signal in RUN_FLAGS:
        return 1.0 if rng.random() < 0.85 else 0.0
    lo = float(tag["eu_min"]) if tag.get("eu_min") is not None else 0.0
    hi = float(tag["eu_max"]) if tag.get("eu_max") is not None else 100.0
    return round(lo + (hi - lo) * rng.uniform(0.25, 0.7), 2)


def build_snapshot(now: datetime, n_alarms: int) -> dict[str, Any]:
    """Tags, devices, values and alarms of the demo field as the edge API would return them.
    W07 has lost comms (BAD_COMM, as in docs/screenshots); everything else is GOOD."""
    rng = random.Random(25)
    field = yaml.safe_load(FIELD.read_text("utf-8"))
    tags, values, devices = [], [], []
    for site in field["sites"]:
        for dev in site["devices"]:
            down = dev["name"] == "W07"
            devices.append({"name": dev["name"], "site": site["name"], "model": dev["model"],
                            "state": "down" if down else "connected",
                            "last_ok": iso(now - timedelta(minutes=20 if down else 0)),
                            "consecutive_failures": 40 if down else 0})
            for t in dev["tags"]:
                tags.append({"name": t["name"], "site": site["name"], "device": dev["name"],
                             "units": t.get("units", ""), "description": t.get("description", ""),
                             "eu_min": t.get("eu_min"), "eu_max": t.get("eu_max"),
                             "writable": bool(t.get("writable")),
                             "data_type": t.get("type", "float32")})
                v = _value(t, rng)
                values.append({"name": t["name"], "value": v,
                               "quality": "BAD_COMM" if down else "GOOD", "good": not down,
                               "ts": iso(now), "good_ts": iso(now - timedelta(
                                   minutes=20 if down else 0))})
    area_of = {t["name"]: f"{field['field']}/{t['site']}/{t['device']}" for t in tags}
    analog = [t for t in tags if t["name"].split(".", 1)[-1] not in RUN_FLAGS]

    def alarm(i: int, tag: dict[str, Any]) -> dict[str, Any]:
        prio, pv = _pick([(p, (p, v)) for p, v, _w in PRIORITIES],
                         [w for *_x, w in PRIORITIES], rng)
        state = _pick([(s, s) for s, _w in STATES], [w for _s, w in STATES], rng)
        kind, text = KINDS[i % len(KINDS)]
        limit = _value(tag, rng)
        return {"name": f"{tag['name']}.{kind}" + (f".{i}" if i >= len(analog) else ""),
                "tag": tag["name"], "priority": prio, "priority_value": pv,
                "area": area_of[tag["name"]], "state": state,
                "condition_active": state in ("unack", "acked", "latched"),
                "acknowledged": state in ("acked", "latched", "shelved"),
                "message": f"{tag['description']} {text} ({tag['name']})",
                "value": round(limit * 1.1, 2), "limit": limit, "kind": kind,
                "consequence": "Parada del pozo" if pv >= 3 else "",
                "response": "Verificar en campo" if pv >= 3 else "",
                "since": iso(now - timedelta(seconds=rng.randint(1, 86_400)))}

    table = [alarm(i, analog[i % len(analog)]) for i in range(n_alarms)]
    active = [a for a in table if a["area"].endswith(("/W03", "/W07", "/W10"))][:12]
    return {
        "recorded": iso(now),
        "login": {"access_token": "snapshot", "refresh_token": "snapshot",
                  "access_expires_at": iso(now + timedelta(minutes=15)),
                  "session_expires_at": iso(now + timedelta(hours=12)),
                  "user": {"username": "bench", "role": "operator",
                           "permissions": ["alarms.ack", "alarms.shelve", "alarms.comment"]}},
        "tags": tags, "values": values, "devices": devices, "alarms": active,
        "alarm_table": table,
        "health": {"status": "ok", "version": "snapshot", "site": field["field"],
                   "database": "connected", "devices": {"down": 1, "total": len(devices)}},
        "production_trend": {
            "tag": "PLC-BAT1.LACT.VOL_NETO", "start": iso(now - timedelta(hours=10)),
            "end": iso(now), "bucket_s": 1800.0,
            "points": [{"t": iso(now - timedelta(hours=10)), "min": 120500.0, "max": 120510.0,
                        "avg": 120505.0, "last": 120510.0, "count": 60, "nbad": 0},
                       {"t": iso(now - timedelta(minutes=30)), "min": 121600.0,
                        "max": 121640.0, "avg": 121620.0, "last": 121640.0, "count": 60,
                        "nbad": 0}]},
    }


def _pick(items: list[tuple[str, Any]], weights: list[float], rng: random.Random) -> Any:
    return rng.choices(items, weights=weights)[0][1]


# -- children -----------------------------------------------------------------------------------
def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_child(label: str, args: list[str], timeout_s: float) -> dict[str, Any]:
    """Run one child; return its ``@`` markers (time after start, measured here) and result.
    A non-zero exit code or a missing result is recorded in FAILURES, never dropped."""
    out: dict[str, Any] = {"markers": {}, "result": None, "rc": None}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(CHILD), *args], cwd=ROOT, env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            now = time.perf_counter() - t0
            if not line.startswith("@"):
                continue
            marker, _, payload = line[1:].rstrip("\n").partition(" ")
            if marker == "result":
                out["result"] = json.loads(payload)
            else:
                out["markers"][marker] = now
                if marker == "error":
                    out["error"] = payload
        out["rc"] = proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        out["rc"] = proc.wait()
        FAILURES.append(f"{label}: killed after {timeout_s:.0f} s")
    stderr = proc.stderr.read() if proc.stderr else ""
    if out["rc"] != 0:
        tail = "\n    ".join(stderr.strip().splitlines()[-6:])
        FAILURES.append(f"{label}: child exit code {out['rc']}"
                        + (" (after reporting its result)" if out["result"] else "")
                        + (f"\n    {tail}" if tail else ""))
    elif out["result"] is None:
        FAILURES.append(f"{label}: child exited 0 without a result")
    return out


SKIPPED = -1.0  # a measurement --only left out


def fmt(v: float | None, spec: str = ".1f") -> str:
    if v == SKIPPED:
        return "skipped"
    return "fail" if v is None or math.isnan(v) else format(v, spec)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--starts", type=int, default=3, help="cold starts (median reported)")
    ap.add_argument("--alarms", type=int, default=10_000)
    ap.add_argument("--pens", type=int, default=10)
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--frames", type=int, default=30)
    ap.add_argument("--cap-s", type=float, default=30.0,
                    help="stop timing frames after this long (at least 3 frames)")
    ap.add_argument("--only", action="append", choices=MEASUREMENTS,
                    help="run only this measurement (repeatable); default: all")
    ap.add_argument("--alarm-screenshot", type=Path,
                    help="save the alarm screen (10,000 rows) as PNG here at the end")
    args = ap.parse_args()
    only = set(args.only or MEASUREMENTS)

    with tempfile.TemporaryDirectory(prefix="bench_hmi_") as tmp:
        snap_path = Path(tmp) / "snapshot.json"
        snap = build_snapshot(datetime.now(UTC), args.alarms)
        snap_path.write_text(json.dumps(snap), "utf-8")
        print(f"snapshot: {len(snap['devices'])} devices, {len(snap['tags'])} tags, "
              f"{len(snap['alarms'])} active alarms for the overview, "
              f"{len(snap['alarm_table'])} for the alarm table", flush=True)

        # 1. cold start
        starts_n = args.starts if "startup" in only else 0
        base = [run_child("baseline start", ["baseline"], 60) for _ in range(starts_n)]
        base_s = [b["markers"].get("painted_values", math.nan) for b in base]
        if base:
            print("baseline (PySide6.QtWidgets + one QLabel painted): "
                  + ", ".join(f"{s:.3f} s" for s in base_s), flush=True)
        starts = [run_child(f"startup #{i + 1}", ["startup", str(snap_path)], 60)
                  for i in range(starts_n)]
        tiles_s = [s["markers"].get("painted_tiles", math.nan) for s in starts]
        values_s = [s["markers"].get("painted_values", math.nan) for s in starts]
        for i, s in enumerate(starts):
            print(f"start #{i + 1}: tiles painted {tiles_s[i]:.3f} s, with values "
                  f"{values_s[i]:.3f} s (rc {s['rc']})", flush=True)
            if s.get("error"):
                print(f"  error: {s['error']}", flush=True)
        if starts and starts[-1]["result"]:
            print("stages of the last start (child clock, from its first statement):",
                  flush=True)
            for name, t in starts[-1]["result"]["stages"].items():
                print(f"  {t:7.3f} s  {name}", flush=True)
        good_starts = [v for v in values_s if not math.isnan(v)]
        startup: float | None = SKIPPED
        if starts:
            startup = statistics.median(good_starts) if len(good_starts) == len(values_s) \
                else None

        # 2. alarm table
        alarm_ms: float | None = SKIPPED
        al: dict[str, Any] = {"result": None, "rc": 0}
        if "alarm_table" in only:
            alarm_ms = None
            shot = ["--screenshot", str(args.alarm_screenshot)] if args.alarm_screenshot \
                else []
            al = run_child("alarm table", ["alarms", str(snap_path), "--alarms",
                                           str(args.alarms), *shot], 600)
        if al["result"]:
            r = al["result"]
            print(f"alarm list model set_alarms ({r['rows']} alarms, Qt-free sort): "
                  f"{r['list_model_set_ms']:.1f} ms", flush=True)
            print(f"selection kept across polls and sorts: {r['selection_kept']}", flush=True)
            g = r["gc"]
            print(f"garbage collector during the screen operations: {g['passes']} passes, "
                  f"{g['ms']:.1f} ms, full passes (ms): {g['full_passes_ms']}", flush=True)
            for title, key in (("model only (AlarmTableModel, no view)", "model_ops_ms"),
                               ("alarm screen (AlarmsView shown, until painted)",
                                "screen_ops_ms")):
                ops: dict[str, float] = r[key]
                in_gc: dict[str, float] = r.get("screen_ops_gc_ms", {}) \
                    if key == "screen_ops_ms" else {}
                print(f"{title}: worst {max(ops.values()):.1f} ms, median "
                      f"{statistics.median(ops.values()):.1f} ms", flush=True)
                for name, ms in ops.items():
                    gc_note = f"  (of which {in_gc[name]:.1f} ms garbage collection)" \
                        if name in in_gc else ""
                    print(f"  {ms:8.1f} ms  {name}{gc_note}", flush=True)
            screen = {k: v for k, v in r["screen_ops_ms"].items()
                      if k.startswith(("sort", "filter"))}
            alarm_ms = max(screen.values())

        # 3. trend
        trend_runs = [
            ("HMI as configured, 1 M points/pen", ["--config", "hmi"], args.points),
            ("clip-to-view + auto peak downsampling, 1 M points/pen", ["--config", "tuned"],
             args.points),
            ("clip-to-view + auto peak downsampling + 1 px pens, 1 M points/pen",
             ["--config", "tuned-thin"], args.points),
            ("HMI as configured, 800 buckets/pen (what the edge returns)", ["--config", "hmi"],
             800),
        ]
        trend_p95: dict[int, float | None] = {}
        if "trend_frame" not in only:
            trend_runs = []
            trend_p95 = dict.fromkeys(range(4), SKIPPED)
        for i, (title, extra, points) in enumerate(trend_runs):
            tr = run_child(f"trend: {title}", ["trend", *extra, "--pens", str(args.pens),
                                               "--points", str(points), "--frames",
                                               str(args.frames), "--cap-s", str(args.cap_s)],
                           900)
            res = tr["result"]
            trend_p95[i] = res["p95_ms"] if res and tr["rc"] == 0 else None
            if res:
                print(f"trend {args.pens} pens, {title}: p95 {res['p95_ms']:.1f} ms, median "
                      f"{res['median_ms']:.1f} ms over {res['frames']} frames "
                      f"({res['paints']} viewport paints), first frame "
                      f"{res['first_frame_ms']:.0f} ms, data → curves "
                      f"{res['draw_data_s']:.2f} s, plot {res['plot_px'][0]}x"
                      f"{res['plot_px'][1]} px", flush=True)
        if al["rc"] != 0:
            alarm_ms = None
        if not base_s:
            base_s = [SKIPPED]

    for f in FAILURES:
        print(f"FAILED {f}", flush=True)
    print(f"baseline_start_s={fmt(statistics.median(base_s), '.3f')} "
          f"trend_tuned_p95_ms={fmt(trend_p95.get(1))} "
          f"trend_tuned_thin_p95_ms={fmt(trend_p95.get(2))} "
          f"trend_800_buckets_p95_ms={fmt(trend_p95.get(3))}", flush=True)
    print(f"hmi startup_s={fmt(startup, '.2f')} alarm_table_ms={fmt(alarm_ms)} "
          f"trend_frame_ms={fmt(trend_p95.get(0))}", flush=True)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
