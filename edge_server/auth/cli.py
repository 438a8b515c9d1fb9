"""``oilfield user ...``, ``oilfield apikey ...`` and ``oilfield grant ...``: account and
tag-write administration at the console.

Why a console path at all: there is no default password anywhere, so the first admin is
created here, by someone who already has a shell on the edge box (root or the service user).
Those commands act as a local admin (audited as ``local:<os user>``, client ``oilfield-cli``).
Run them as the same OS user as the edge service, so the API-key secret file they may create is
one the service can read.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

from edge_server.auth.errors import AuthError
from edge_server.auth.models import ClientInfo, Principal
from edge_server.auth.roles import Permission, Role, has_permission
from edge_server.auth.settings import AuthSettings

if TYPE_CHECKING:
    from domain.field import Field
    from edge_server.auth.service import AuthService
    from edge_server.auth.tag_writes import TagGrant

CLIENT = ClientInfo(address="local", name="oilfield-cli")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``user`` and ``apikey`` command groups on the main parser."""
    roles = [r.value for r in Role]

    def db_options(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--config", help="edge settings file (its database is used)")
        p.add_argument("--demo", action="store_true", help="the demo's (embedded) database")
        return p

    user = sub.add_parser("user", help="user accounts (the first admin is created here)")
    user.set_defaults(func=cmd_user)
    actions = user.add_subparsers(dest="user_action", required=True)
    add = db_options(actions.add_parser("add", help="create an account"))
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=roles)
    add.add_argument("--display-name", default="")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin (scripts)")
    add.add_argument("--temporary", action="store_true",
                     help="the user must change the password at first login")
    db_options(actions.add_parser("list", help="list accounts"))
    passwd = db_options(actions.add_parser("passwd", help="set a user's password"))
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.add_argument("--temporary", action="store_true",
                        help="the user must change it at next login")
    for name, text in (("disable", "disable an account and end its sessions"),
                       ("enable", "re-enable an account"),
                       ("unlock", "clear a lockout after failed logins")):
        db_options(actions.add_parser(name, help=text)).add_argument("username")
    role = db_options(actions.add_parser("role", help="change an account's role"))
    role.add_argument("username")
    role.add_argument("role", choices=roles)

    apikey = sub.add_parser("apikey", help="API keys of scada service accounts")
    apikey.set_defaults(func=cmd_apikey)
    kactions = apikey.add_subparsers(dest="apikey_action", required=True)
    create = db_options(kactions.add_parser("create", help="create a key (printed once)"))
    create.add_argument("username")
    create.add_argument("--name", required=True, help="what uses the key, e.g. 'DCS gateway'")
    create.add_argument("--expires-days", type=int, help="expire after N days (default never)")
    klist = db_options(kactions.add_parser("list", help="list keys (prefixes only)"))
    klist.add_argument("username", nargs="?")
    revoke = db_options(kactions.add_parser("revoke", help="revoke a key by its prefix"))
    revoke.add_argument("prefix")

    grant = sub.add_parser("grant", help="per-tag write grants (which tags a role or user "
                                         "may write)")
    grant.set_defaults(func=cmd_grant)
    gactions = grant.add_subparsers(dest="grant_action", required=True)
    gadd = db_options(gactions.add_parser(
        "add", help="grant writes on a tag or glob pattern (kept as a pattern: wells added "
                    "later are covered)"))
    gadd.add_argument("tag", help="tag name or glob pattern, e.g. 'W*.ESP.FREQ_SP' (quote it)")
    to = gadd.add_mutually_exclusive_group(required=True)
    to.add_argument("--role", choices=[r.value for r in Role
                                       if has_permission(r, Permission.TAG_WRITE)])
    to.add_argument("--user", help="one account instead of a role")
    gadd.add_argument("--min", type=float, dest="min_value",
                      help="lowest value allowed (default: the tag's engineering minimum)")
    gadd.add_argument("--max", type=float, dest="max_value",
                      help="highest value allowed (default: the tag's engineering maximum)")
    gremove = db_options(gactions.add_parser("remove", help="remove a grant by its number"))
    gremove.add_argument("grant_id", type=int)
    glist = db_options(gactions.add_parser("list", help="list grants and the tags they cover"))
    glist.add_argument("--tag", help="only grants that apply to this tag")
    glist.add_argument("--role", choices=roles)
    glist.add_argument("--user")


def local_admin() -> Principal:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return Principal(username=f"local:{who}", role=Role.ADMIN, user_id=None, via="local")


def field_of(args: argparse.Namespace) -> Field:
    """The field the configured edge scans (for the writable tags a grant may cover)."""
    from edge_server.cli import config_path, demo_config
    from engine.config import load_field, load_settings

    settings = load_settings(demo_config() if args.demo else config_path(args.config))
    return load_field(settings.field_path)


@contextmanager
def open_auth(args: argparse.Namespace, *, needs_secrets: bool) -> Iterator[AuthService]:
    """The configured database (migrated to head, like ``oilfield db upgrade``) and the auth
    service on it. User commands issue no token or key, so they use throwaway secrets and never
    create secret files; ``apikey`` commands need the real API-key secret."""
    from edge_server.auth.service import AuthService
    from edge_server.cli import config_path, demo_config
    from edge_server.database import Database
    from engine.config import load_settings
    from engine.store.urls import redact

    settings = load_settings(demo_config() if args.demo else config_path(args.config))
    database = Database(settings)
    try:
        if not database.migrate():
            raise SystemExit(f"cannot reach the database at {redact(database.url)}")
        auth_settings = (
            AuthSettings.load(settings.state_dir) if needs_secrets
            else AuthSettings(jwt_secret=secrets.token_bytes(32),
                              apikey_secret=secrets.token_bytes(32))
        )
        with AuthService(database.url, auth_settings, pool_size=1) as service:
            yield service
    finally:
        database.close()


def read_password(args: argparse.Namespace) -> str:
    """From stdin's first line (``--password-stdin``) or typed twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password / Contraseña: ")
    if getpass.getpass("Again / Repita: ") != first:
        raise SystemExit("passwords do not match / las contraseñas no coinciden")
    return first


def report(error: AuthError) -> int:
    print(f"error: {error.message.en} / {error.message.es}"
          + (f" ({error.detail})" if error.detail else ""), file=sys.stderr)
    for v in error.violations:
        print(f"  - {v.en} / {v.es}", file=sys.stderr)
    return 1


def cmd_user(args: argparse.Namespace) -> int:
    actor = local_admin()
    wants_password = args.user_action == "passwd" or (
        args.user_action == "add" and args.role != Role.SCADA.value)
    password = read_password(args) if wants_password else None
    try:
        with open_auth(args, needs_secrets=False) as auth:
            users = auth.users
            if args.user_action == "add":
                role = Role(args.role)
                info = users.create_user(
                    actor, args.username, role, CLIENT,
                    password=None if role is Role.SCADA else password,
                    display_name=args.display_name, must_change_password=args.temporary,
                )
                print(f"created {info.username} ({info.role.value})")
            elif args.user_action == "list":
                print(f"{'USERNAME':<24} {'ROLE':<11} {'STATUS':<22} DISPLAY NAME")
                for u in users.list_users(actor):
                    flags = [f for f, on in (("disabled", u.disabled),
                                             ("locked", u.locked_until is not None),
                                             ("must-change", u.must_change_password)) if on]
                    print(f"{u.username:<24} {u.role.value:<11} {','.join(flags) or 'active':<22}"
                          f" {u.display_name}")
            elif args.user_action == "passwd":
                assert password is not None
                users.reset_password(actor, args.username, password, CLIENT,
                                     temporary=args.temporary)
                print(f"password set for {args.username}")
            elif args.user_action in ("disable", "enable"):
                users.set_disabled(actor, args.username, args.user_action == "disable", CLIENT)
                print(f"{args.username} {args.user_action}d")
            elif args.user_action == "unlock":
                users.unlock(actor, args.username, CLIENT)
                print(f"{args.username} unlocked")
            elif args.user_action == "role":
                users.set_role(actor, args.username, Role(args.role), CLIENT)
                print(f"{args.username} is now {args.role}")
    except AuthError as exc:
        return report(exc)
    return 0


def cmd_apikey(args: argparse.Namespace) -> int:
    actor = local_admin()
    try:
        with open_auth(args, needs_secrets=args.apikey_action == "create") as auth:
            if args.apikey_action == "create":
                expires = (auth.now() + timedelta(days=args.expires_days)
                           if args.expires_days else None)
                created = auth.api_keys.create(actor, args.username, args.name, CLIENT,
                                               expires_at=expires)
                print("API key (shown only now; store it in the client's secret store):",
                      file=sys.stderr)
                print(created.key)
            elif args.apikey_action == "list":
                for k in auth.api_keys.list_keys(actor, args.username):
                    state = "revoked" if k.revoked_at else "active"
                    print(f"{k.prefix}  {k.username:<20} {state:<8} {k.name}  "
                          f"last used {k.last_used_at or 'never'}")
            elif args.apikey_action == "revoke":
                auth.api_keys.revoke(actor, args.prefix, CLIENT)
                print(f"revoked {args.prefix}")
    except AuthError as exc:
        return report(exc)
    return 0


def _limits(g: TagGrant) -> str:
    if g.min_value is None and g.max_value is None:
        return "tag's range"
    lo = "tag min" if g.min_value is None else f"{g.min_value:g}"
    hi = "tag max" if g.max_value is None else f"{g.max_value:g}"
    return f"{lo}..{hi}"


def _covers(names: list[str], shown: int = 8) -> str:
    more = f", ... (+{len(names) - shown})" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def cmd_grant(args: argparse.Namespace) -> int:
    from edge_server.auth.tag_writes import covered

    actor = local_admin()
    writable = [t.name for t in field_of(args).tags() if t.writable]
    try:
        with open_auth(args, needs_secrets=False) as auth:
            policy = auth.tag_writes
            if args.grant_action == "add":
                g = policy.add(actor, CLIENT, args.tag,
                               role=Role(args.role) if args.role else None,
                               username=args.user, min_value=args.min_value,
                               max_value=args.max_value, writable=writable)
                names = covered(g.tag, writable)
                print(f"grant #{g.id}: {g.tag} to {g.grantee} ({_limits(g)}); covers "
                      f"{len(names)} writable tag(s): {_covers(names)}")
            elif args.grant_action == "remove":
                g = policy.remove(actor, CLIENT, args.grant_id)
                print(f"removed grant #{g.id}: {g.tag} to {g.grantee}")
            elif args.grant_action == "list":
                grants = policy.list_grants(actor, tag=args.tag,
                                            role=Role(args.role) if args.role else None,
                                            username=args.user)
                print(f"{'#':>4}  {'TAG OR PATTERN':<28} {'TO':<22} {'LIMITS':<16} COVERS")
                for g in grants:
                    names = [g.tag] if g.by_id else covered(g.tag, writable)
                    print(f"{g.id:>4}  {g.tag:<28} {g.grantee:<22} {_limits(g):<16} "
                          f"{len(names)}: {_covers(names, 4)}")
                if not grants:
                    print("(no grants: nobody may write any tag)" if not (
                        args.tag or args.role or args.user) else "(no grant matches)")
    except AuthError as exc:
        return report(exc)
    return 0
