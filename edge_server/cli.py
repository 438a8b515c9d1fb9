"""``oilfield``: the one command IT and developers use.

    oilfield edge [run] [--config FILE]      run the edge engine (until SIGTERM)
    oilfield edge status [--config FILE]     the running engine's health report
    oilfield edge cert [--config FILE]       the API's TLS certificate fingerprint (to pin)
    oilfield sim [run] [--field FILE]        serve a simulated field over Modbus TCP
    oilfield sim generate --wells N          write a field config for N simulated wells
                                             (--rtu pad: one RTU per pad, not per well)
    oilfield sim inject|clear DEVICE EVENT   inject or clear an event in a running simulator
    oilfield sim status                      the running simulator's devices and events
    oilfield sim history [--years 5]         simulated daily production history in the database
    oilfield demo                            simulator + edge engine (+ HMI) on this machine
    oilfield db upgrade|status [--config]    migrate the database / show its revision
    oilfield config check FILE               validate a field or edge config file
    oilfield user add USERNAME --role ROLE   create an account (the first admin too);
                                             also: user list|passwd|disable|enable|unlock|role
    oilfield apikey create USERNAME --name N API key for a scada account (printed once);
                                             also: apikey list|revoke
    oilfield grant add TAG|PATTERN --role R  let a role (or --user) write tags; also:
                                             grant list|remove (docs/security.md)
    oilfield production import FILE.csv      daily well production (DCA, reports); also:
                                             production export|wells|close

Configuration errors are printed as ``file:line: field: problem`` and exit with status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from importlib import resources
from pathlib import Path

from engine.config import ConfigError

DEFAULT_CONFIG = Path("/etc/oilfield/edge.yaml")
CONFIG_ENV = "OILFIELD_CONFIG"
DEFAULT_CONTROL_PORT = 15999


def demo_config() -> Path:
    return Path(str(resources.files("resources") / "demo" / "edge.yaml"))


def demo_field() -> Path:
    return Path(str(resources.files("resources") / "fields" / "demo.yaml"))


def config_path(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    if DEFAULT_CONFIG.exists():
        return DEFAULT_CONFIG
    raise ConfigError(
        DEFAULT_CONFIG,
        f"no config given: pass --config FILE, set {CONFIG_ENV}, or install {DEFAULT_CONFIG} "
        "(try `oilfield demo` for a simulated field)",
    )


# -- edge ------------------------------------------------------------------------------------
def cmd_edge(args: argparse.Namespace) -> int:
    if args.action == "status":
        return cmd_edge_status(args)
    if args.action == "cert":
        return cmd_edge_cert(args)
    from edge_server.app import run_edge

    return run_edge(config_path(args.config), log_format=args.log_format)


def cmd_edge_status(args: argparse.Namespace) -> int:
    from edge_server.status import exit_code, read_report, render
    from engine.config import load_settings

    settings = load_settings(config_path(args.config))
    report, problem = read_report(settings.health_file)
    if args.json:
        print(json.dumps(report if report is not None else {"status": "unknown",
                                                           "problem": problem}, indent=2))
    elif report is None:
        print(f"Edge status unknown: {problem}")
    else:
        print(render(report, problem))
    return exit_code(report)


def cmd_edge_cert(args: argparse.Namespace) -> int:
    """Print the API certificate's fingerprints, generating the self-signed one if it does
    not exist yet (so IT can pin it before the first start)."""
    from edge_server.api.tls import TlsError, describe, ensure_tls
    from engine.config import load_settings

    settings = load_settings(config_path(args.config))
    try:
        files = ensure_tls(settings.api.tls, settings.tls_dir)
    except TlsError as exc:
        print(f"TLS problem: {exc}", file=sys.stderr)
        return 1
    if files is None:
        print("api.tls.mode is off: the API serves plaintext (loopback only)", file=sys.stderr)
        return 1
    print(describe(files))
    return 0


# -- sim -------------------------------------------------------------------------------------
def cmd_sim(args: argparse.Namespace) -> int:
    if args.action == "history":
        from edge_server.production import cmd_sim_history

        return cmd_sim_history(args, Path(args.field) if args.field else None)
    if args.action == "generate":
        from plugins.simulator.generator import dump_yaml, generate_field

        text = dump_yaml(generate_field(
            args.wells, seed=args.seed, base_port=args.base_port, rtu_per=args.rtu
        ))
        if args.output and args.output != "-":
            Path(args.output).write_text(text, encoding="utf-8")
            print(f"wrote {args.output}: {args.wells} wells", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    if args.action in ("inject", "clear", "status"):
        from plugins.simulator.server import send_control

        request: dict[str, object] = {"cmd": args.action}
        if args.action != "status":
            if not args.device or not args.event:
                print(f"usage: oilfield sim {args.action} DEVICE EVENT", file=sys.stderr)
                return 2
            request.update(device=args.device, event=args.event)
        try:
            reply = asyncio.run(send_control("127.0.0.1", args.control_port, request))
        except OSError as exc:
            print(f"no simulator answers on 127.0.0.1:{args.control_port}: {exc}",
                  file=sys.stderr)
            return 1
        print(json.dumps(reply, indent=2, ensure_ascii=False))
        return 0 if reply.get("ok") else 1

    from edge_server.app import run_until_signalled
    from edge_server.logging_setup import setup_logging
    from engine.config import load_field
    from plugins.simulator.server import run_simulator

    setup_logging("info", args.log_format or "text")
    field = load_field(Path(args.field) if args.field else demo_field())

    async def main(stop: asyncio.Event) -> None:
        watch = asyncio.create_task(_stop_when_orphaned(stop)) if args.exit_with_parent else None
        try:
            await run_simulator(field, args.seed, args.control_port, stop)
        finally:
            if watch is not None:
                watch.cancel()

    try:
        asyncio.run(run_until_signalled(main))
    except OSError as exc:  # a device or control port already taken
        print(f"simulator cannot start: {exc}", file=sys.stderr)
        return 1
    return 0


async def _stop_when_orphaned(stop: asyncio.Event) -> None:
    """Set ``stop`` once the process that started us is gone (we were re-parented)."""
    parent = os.getppid()
    while not stop.is_set():
        if os.getppid() != parent:
            stop.set()
            return
        await asyncio.sleep(1.0)


# -- db --------------------------------------------------------------------------------------
def cmd_db(args: argparse.Namespace) -> int:
    from edge_server.database import Database
    from edge_server.db.migrate import current_revision, head_revision
    from engine.config import load_settings
    from engine.store.urls import redact

    settings = load_settings(config_path(args.config) if not args.demo else demo_config())
    database = Database(settings)
    try:
        if args.action == "upgrade" and not database.migrate():
            print(f"cannot reach the database at {redact(database.url)}", file=sys.stderr)
            return 1
        current = current_revision(database.url)
        head = head_revision()
        state = "up to date" if current == head else f"behind (head is {head})"
        print(f"database {redact(database.url)}: revision {current or 'none'}, {state}")
        return 0 if current == head else 1
    finally:
        database.close()


# -- config ----------------------------------------------------------------------------------
def cmd_config_check(args: argparse.Namespace) -> int:
    from engine.config import load_field, load_settings
    from engine.config.yaml_source import YamlSource

    path = Path(args.file)
    source = YamlSource.read(path)
    if isinstance(source.data, dict) and "sites" in source.data:
        field = load_field(path)
        tags = sum(1 for _ in field.tags())
        devices = sum(1 for _ in field.devices())
        print(f"{path}: field {field.name!r} OK: {len(field.sites)} sites, {devices} devices, "
              f"{tags} tags")
    else:
        settings = load_settings(path)
        field = load_field(settings.field_path)
        print(f"{path}: edge settings OK; field {settings.field_path} OK "
              f"({sum(1 for _ in field.tags())} tags)")
    return 0


# -- demo ------------------------------------------------------------------------------------
def cmd_demo(args: argparse.Namespace) -> int:
    from edge_server.demo import run_demo

    return run_demo(seed=args.seed, hmi=not args.no_hmi, control_port=args.control_port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="oilfield", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    edge = sub.add_parser("edge", help="run the edge engine, or show its status")
    edge.add_argument("action", nargs="?", choices=["run", "status", "cert"],
                      default="run")
    edge.add_argument("--config", help=f"edge settings file (default ${CONFIG_ENV} or "
                                       f"{DEFAULT_CONFIG})")
    edge.add_argument("--json", action="store_true", help="status as JSON")
    edge.add_argument("--log-format", choices=["json", "text"])
    edge.set_defaults(func=cmd_edge)

    sim = sub.add_parser("sim", help="simulated oil field on Modbus TCP")
    sim.add_argument("action", nargs="?", default="run",
                     choices=["run", "generate", "inject", "clear", "status", "history"])
    sim.add_argument("device", nargs="?", help="device name (inject/clear)")
    sim.add_argument("event", nargs="?",
                     help="esp_trip, gas_lock, pump_off, separator_high_level, comms_loss")
    sim.add_argument("--field", help="field config to serve (default: the 20-well demo), or "
                                     "to make history for (default: the --config's field)")
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--wells", type=int, default=20, help="generate: number of wells")
    sim.add_argument("--base-port", type=int, default=15001, help="generate: first port")
    sim.add_argument("--rtu", choices=["well", "pad"], default="well",
                     help="generate: one RTU per well, or one pad RTU per pad of 5-10 wells")
    sim.add_argument("-o", "--output", help="generate: output file (default stdout)")
    sim.add_argument("--control-port", type=int, default=DEFAULT_CONTROL_PORT)
    sim.add_argument("--log-format", choices=["json", "text"])
    sim.add_argument("--exit-with-parent", action="store_true",
                     help="stop when the process that started the simulator exits")
    from edge_server.production import add_sim_options

    add_sim_options(sim)  # sim history
    sim.set_defaults(func=cmd_sim)

    demo = sub.add_parser("demo", help="simulated field + edge engine (+ HMI) on this machine")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--no-hmi", action="store_true", help="terminal only")
    demo.add_argument("--control-port", type=int, default=DEFAULT_CONTROL_PORT)
    demo.set_defaults(func=cmd_demo)

    db = sub.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade", "status"])
    db.add_argument("--config")
    db.add_argument("--demo", action="store_true", help="the demo's (embedded) database")
    db.set_defaults(func=cmd_db)

    cfg = sub.add_parser("config", help="configuration files")
    cfg_sub = cfg.add_subparsers(dest="config_action", required=True)
    check = cfg_sub.add_parser("check", help="validate a field or edge settings file")
    check.add_argument("file")
    check.set_defaults(func=cmd_config_check)

    from edge_server.auth.cli import add_commands as add_user_commands

    add_user_commands(sub)
    from edge_server.production import add_commands as add_production_commands

    add_production_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
