"""``oilfield production ...`` and ``oilfield sim history``: daily production at the console,
and the demo's simulated history.

    oilfield production import FILE.csv [--manual]     load history (all or nothing)
    oilfield production export [--well W01 ...] [--start D] [--end D] [-o FILE] [--full]
    oilfield production wells                          wells with history, first/last day
    oilfield production close [--days N]               close missing days now (the engine
                                                       does it by itself every few minutes)
    oilfield production target set [--well W] [--oil N] [--water N] [--gas N] [--from D]
                                   [--note TEXT]       a daily target from a day on
    oilfield production target list [--well W]         every target, and today's
    oilfield production target delete [--well W] --from D
    oilfield sim history [--field F] [--years 5] [--seed N] [--end D] [--replace]

Each takes ``--config FILE`` (that edge's database and time zone) or ``--demo``. Rules and
formats: docs/production.md.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

import psycopg

from domain.field import Field
from domain.production import Source, production_tags
from engine.config.settings import EdgeSettings
from engine.production import repository
from engine.production.csvio import CsvError, read_csv, write_csv

log = logging.getLogger(__name__)

DEMO_HISTORY_YEARS = 5
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 1, 1)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``oilfield production ...`` on the main parser."""

    def db_options(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--config", help="edge settings file (its database and time zone)")
        p.add_argument("--demo", action="store_true", help="the demo's (embedded) database")
        return p

    prod = sub.add_parser("production", help="daily well production history (DCA, reports)")
    prod.set_defaults(func=cmd_production)
    actions = prod.add_subparsers(dest="production_action", required=True)
    imp = db_options(actions.add_parser("import", help="load daily rows from a CSV file"))
    imp.add_argument("file", help="CSV: well,day,oil_bbl[,water_bbl,gas_mscf,hours_on]")
    imp.add_argument("--manual", action="store_true",
                     help="store as manual entries (highest precedence) instead of 'import'")
    imp.add_argument("--user", help="who is loading it (default local:<os user>)")
    exp = db_options(actions.add_parser("export", help="write daily rows as CSV"))
    exp.add_argument("--well", action="append", default=[],
                     help="a well (repeat for more; default every well with history)")
    exp.add_argument("--start", type=_day, default=EARLIEST, help="first day (YYYY-MM-DD)")
    exp.add_argument("--end", type=_day, default=LATEST, help="day after the last (exclusive)")
    exp.add_argument("-o", "--output", help="output file (default stdout)")
    exp.add_argument("--full", action="store_true",
                     help="also hours_data and source (the import does not take them back)")
    db_options(actions.add_parser("wells", help="wells with history"))
    target = actions.add_parser("target", help="daily production targets (the plan the "
                                               "overview and reports compare against)")
    tacts = target.add_subparsers(dest="target_action", required=True)
    tset = db_options(tacts.add_parser("set", help="set a daily target from a day on"))
    tset.add_argument("--well", help="one well (default: the whole field)")
    tset.add_argument("--oil", type=float, help="oil, bbl/d")
    tset.add_argument("--water", type=float, help="water, bbl/d")
    tset.add_argument("--gas", type=float, help="gas, Mscf/d")
    tset.add_argument("--from", dest="valid_from", type=_day,
                      help="first day it holds (YYYY-MM-DD; default today, site time)")
    tset.add_argument("--note", default="", help="why (the plan, a constraint...)")
    tset.add_argument("--user", help="who sets it (default local:<os user>)")
    tlist = db_options(tacts.add_parser("list", help="every target, and those in force today"))
    tlist.add_argument("--well", help="only this well's (or '*' for the field's)")
    tdel = db_options(tacts.add_parser("delete", help="delete one target (a mistake)"))
    tdel.add_argument("--well", help="one well (default: the whole field)")
    tdel.add_argument("--from", dest="valid_from", type=_day, required=True,
                      help="the day the target to delete starts")
    close = db_options(actions.add_parser("close", help="close complete days now"))
    close.add_argument("--days", type=int, default=None,
                       help="how many days back (default production.catchup_days)")


def add_sim_options(sim: argparse.ArgumentParser) -> None:
    """Options of ``oilfield sim history`` (the ``sim`` parser is built in cli.py)."""
    sim.add_argument("--years", type=float, default=DEMO_HISTORY_YEARS,
                     help="history: years of daily rows")
    sim.add_argument("--end", type=_day, help="history: last day (default yesterday, site time)")
    sim.add_argument("--replace", action="store_true",
                     help="history: delete the wells' earlier simulated rows first")
    sim.add_argument("--config", help="history: edge settings (database, time zone)")
    sim.add_argument("--demo", action="store_true", help="history: the demo's database")


@contextmanager
def open_database(args: argparse.Namespace) -> Iterator[tuple[EdgeSettings, str]]:
    """The configured (or demo) database migrated to head, and the settings."""
    from edge_server.cli import config_path, demo_config
    from edge_server.database import Database
    from engine.config import load_settings
    from engine.store.urls import redact

    settings = load_settings(demo_config() if args.demo else config_path(args.config))
    database = Database(settings)
    try:
        if not database.migrate():
            raise SystemExit(f"cannot reach the database at {redact(database.url)}")
        yield settings, database.url
    finally:
        database.close()


def local_user() -> str:
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):
        return "local:unknown"


def yesterday(zone: tzinfo, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(zone).date() - timedelta(days=1)


# -- oilfield production ---------------------------------------------------------------------
def cmd_production(args: argparse.Namespace) -> int:
    action = args.production_action
    if action == "import":
        return _import(args)
    if action == "target":
        return _target(args)
    with open_database(args) as (_settings, url), psycopg.connect(url) as conn:
        if action == "export":
            wells = args.well or [w.well for w in repository.wells(conn)]
            rows = repository.daily(conn, wells, args.start, args.end)
            if args.output and args.output != "-":
                with open(args.output, "w", encoding="utf-8", newline="") as fh:
                    n = write_csv(rows, fh, full=args.full)
                print(f"wrote {args.output}: {n} rows of {len(wells)} wells", file=sys.stderr)
            else:
                write_csv(rows, sys.stdout, full=args.full)
            return 0
        if action == "wells":
            print(f"{'WELL':<12} {'FIRST':<10} {'LAST':<10} {'DAYS':>6} {'CUM OIL bbl':>14} "
                  f"{'CUM WATER bbl':>14} {'CUM GAS Mscf':>14}  SOURCES")
            for w in repository.wells(conn):
                print(f"{w.well:<12} {w.first_day} {w.last_day} {w.days:>6} "
                      f"{w.cum_oil_bbl:>14,.0f} {w.cum_water_bbl:>14,.0f} "
                      f"{w.cum_gas_mscf:>14,.0f}  {','.join(w.sources)}")
            return 0
    assert action == "close"
    return _close(args)


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    origin = Source.MANUAL if args.manual else Source.IMPORT
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = read_csv(fh, origin=origin)
    except OSError as exc:
        print(f"cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:
        print(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); nothing imported",
              file=sys.stderr)
        return 1
    except CsvError as exc:
        print(f"{path}: nothing imported:", file=sys.stderr)
        for line in str(exc).splitlines():
            print(f"  {path}: {line}", file=sys.stderr)
        return 1
    with open_database(args) as (_settings, url), psycopg.connect(url) as conn:
        result = repository.write(conn, rows, updated_by=args.user or local_user())
    print(f"{path}: {len(rows)} rows ({len({r.well for r in rows})} wells) as {origin.value}: "
          f"{result.written} written, {result.unchanged} unchanged, {result.outranked} kept "
          "because a row of higher precedence holds that day")
    return 0


def _fmt_target(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}"


def _target(args: argparse.Namespace) -> int:
    from domain.production import ProductionError
    from domain.production_targets import FIELD, ProductionTarget
    from engine.production import targets

    scope = getattr(args, "well", None) or FIELD
    with open_database(args) as (settings, url), psycopg.connect(url) as conn:
        today = datetime.now(UTC).astimezone(settings.zone).date()
        if args.target_action == "set":
            try:
                t = ProductionTarget(scope, args.valid_from or today, args.oil, args.water,
                                     args.gas, args.note)
            except ProductionError as exc:
                print(f"target not set: {exc}", file=sys.stderr)
                return 2
            replaced = targets.set_target(conn, t, args.user or local_user())
            what = "the field" if t.is_field else t.scope
            print(f"{'replaced' if replaced else 'set'}: {what} from {t.valid_from}: oil "
                  f"{_fmt_target(t.oil_bbl_d)} bbl/d, water {_fmt_target(t.water_bbl_d)} "
                  f"bbl/d, gas {_fmt_target(t.gas_mscf_d)} Mscf/d")
            return 0
        if args.target_action == "delete":
            if not targets.delete_target(conn, scope, args.valid_from):
                print(f"no target of {scope} starts on {args.valid_from}", file=sys.stderr)
                return 1
            print(f"deleted: {scope} from {args.valid_from}")
            return 0
        in_force = {(s.target.scope, s.target.valid_from) for s in targets.targets_on(conn, today)}
        rows = targets.list_targets(conn, getattr(args, "well", None))
        print(f"{'SCOPE':<12} {'FROM':<10} {'OIL bbl/d':>10} {'WATER bbl/d':>12} "
              f"{'GAS Mscf/d':>11}  {'SET BY':<20} NOTE")
        for s in rows:
            t = s.target
            mark = "*" if (t.scope, t.valid_from) in in_force else " "
            print(f"{t.scope:<12} {t.valid_from} {_fmt_target(t.oil_bbl_d):>10} "
                  f"{_fmt_target(t.water_bbl_d):>12} {_fmt_target(t.gas_mscf_d):>11}"
                  f"{mark} {s.set_by:<20} {t.note}")
        if not rows:
            print("no targets: `oilfield production target set --oil N` sets the field's")
        else:
            print(f"* in force today ({today})")
    return 0


def _close(args: argparse.Namespace) -> int:
    from engine.config import load_field
    from engine.production.closer import DayCloser

    with open_database(args) as (settings, url):
        field = load_field(settings.field_path)
        with psycopg.connect(url) as conn:
            ids = {str(n): int(i) for n, i in conn.execute("SELECT name, id FROM tags")}
        days = args.days or settings.production.catchup_days
        closer = DayCloser(url, field, ids, settings.zone, catchup_days=days)
        report = closer.run_once()
    print(f"closed {len(report.closed)} day(s) ({report.rows_written} rows written, "
          f"{report.rows_outranked} kept: higher precedence); waiting for the hourly rollups: "
          f"{', '.join(d.isoformat() for d in report.waiting) or 'none'}")
    return 0


# -- simulated history ---------------------------------------------------------------------
def write_simulated_history(
    url: str, field: Field, *, end: date, years: float, seed: int, replace: bool = False,
    by: str = "oilfield sim history",
) -> tuple[int, repository.WriteReport]:
    """Generate and store the field's simulated history; returns (rows made, write report)."""
    from plugins.simulator.history import history_for_field

    rows, _plans = history_for_field(field, end, years=years, seed=seed)
    with psycopg.connect(url) as conn, conn.transaction():
        if replace:
            repository.delete_source(conn, list(production_tags(field)), Source.SIMULATED)
        result = repository.write(conn, rows, updated_by=by)
    return len(rows), result


def cmd_sim_history(args: argparse.Namespace, field_file: Path | None) -> int:
    from engine.config import load_field

    if args.years <= 0 or args.years > 50:
        print("--years must be more than 0 and at most 50", file=sys.stderr)
        return 2
    with open_database(args) as (settings, url):
        field = load_field(field_file or settings.field_path)
        end = args.end or yesterday(settings.zone)
        started = time.monotonic()
        made, result = write_simulated_history(url, field, end=end, years=args.years,
                                               seed=args.seed, replace=args.replace)
    wells = len(production_tags(field))
    print(f"simulated history of {wells} wells up to {end} ({args.years:g} years, seed "
          f"{args.seed}): {made} rows, {result.written} written, {result.unchanged} unchanged, "
          f"{result.outranked} kept (real data has precedence) in "
          f"{time.monotonic() - started:.1f} s")
    return 0


def seed_demo_history(url: str, field: Field, *, seed: int, zone: tzinfo,
                      years: float = DEMO_HISTORY_YEARS) -> int:
    """Give the demo field a simulated past once: only when none of its wells has any daily
    row yet. Returns the rows written (0 when history was already there)."""
    wells = list(production_tags(field))
    if not wells:
        return 0
    with psycopg.connect(url) as conn:
        if repository.has_history(conn, wells):
            return 0
    started = time.monotonic()
    made, result = write_simulated_history(url, field, end=yesterday(zone), years=years,
                                           seed=seed, by="oilfield demo")
    log.info(f"seeded {years:g} years of simulated daily production for {len(wells)} wells "
             f"({made:,} rows) in {time.monotonic() - started:.1f} s")
    return result.written


def seed_demo_target(url: str, zone: tzinfo, *, days: int = 30) -> float | None:
    """Give the demo field a daily oil target once (when it has none): the field's mean oil
    over the last ``days`` days of history, rounded to 50 bbl/d, from the first of this month.
    The overview then shows today's delivery against a plan. Returns the target set."""
    from domain.production_targets import FIELD, ProductionTarget
    from engine.production import targets

    with psycopg.connect(url) as conn:
        if targets.list_targets(conn, FIELD):
            return None
        row = conn.execute(
            "SELECT sum(oil_bbl) / count(DISTINCT day) FROM well_daily_production "
            "WHERE day > (SELECT max(day) FROM well_daily_production) - %s",
            (days,)).fetchone()
        mean = float(row[0]) if row and row[0] else 0.0
        if mean <= 0:
            return None
        oil = max(50.0, round(mean / 50.0) * 50.0)
        first = datetime.now(UTC).astimezone(zone).date().replace(day=1)
        targets.set_target(conn, ProductionTarget(
            FIELD, first, oil_bbl_d=oil,
            note=f"demo: mean of the last {days} days of history"), "oilfield demo")
    log.info(f"the demo field's daily oil target: {oil:,.0f} bbl/d "
             "(`oilfield production target list --demo`)")
    return oil
