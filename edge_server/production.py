"""``oilfield production ...`` and ``oilfield sim history``: daily production at the console,
and the demo's simulated history.

    oilfield production import FILE.csv [--manual]     load history (all or nothing)
    oilfield production export [--well W01 ...] [--start D] [--end D] [-o FILE] [--full]
    oilfield production wells                          wells with history, first/last day
    oilfield production close [--days N]               close missing days now (the engine
                                                       does it by itself every few minutes)
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
