"""Which tags a caller may write, and within which limits (default deny).

A write needs both: the role's ``tags.write`` permission (``roles.py``) and a row in
``tag_write_permissions`` granting that tag (by id, or by a glob pattern such as ``PAD-A.*``)
to the caller's role or to the caller's own account. The value must lie within the grant's
min/max, or the tag's engineering range when the grant sets none. Why per-tag grants: an
operator may start a pump but not change a safety setpoint, and a SCADA client should reach only
the few tags it was commissioned for (IEC 62443-4-2 CR 2.1, least privilege).

Grants are managed by admins (``config.manage``) with ``add``/``remove``/``list_grants``, from
the console (``oilfield grant ...``) or the API (``/api/grants``); each change is audited as
``config_change`` with the old and new grant. A grant names a tag or a glob pattern and is
**stored as written** (an exact name is a pattern that matches only itself), not expanded into
one row per tag: a grant states a rule ("operators may write every ESP frequency setpoint"), so
a well added to the field later is covered by it, and a grant can be made before the engine has
ever registered the tags. To keep that from hiding mistakes, ``add`` refuses a pattern that
matches none of the field's *writable* tags (the caller passes them), and both the console and
the API show which tags a grant covers now. Only writable tags can ever be written, whatever a
pattern matches.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any

from psycopg_pool import ConnectionPool

from edge_server.auth.audit import Action, AuditLog, Outcome
from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal
from edge_server.auth.roles import Permission, Role, has_permission
from edge_server.auth.store import find_user

#: A grant's tag selector: tag-name characters (engine/config/field_schema.py) and the glob's
#: ``* ? [ ] !``; 160 is the column's width.
TAG_SELECTOR_RE = re.compile(r"^[A-Za-z0-9_.\-*?\[\]!]{1,160}$")


@dataclass(frozen=True)
class TagGrant:
    """One row of ``tag_write_permissions`` as admins see it."""

    id: int
    tag: str  # the pattern as granted (or, for a grant by tag id, that tag's name)
    by_id: bool  # granted by tag id (older API), not by name/pattern
    role: Role | None
    username: str | None
    min_value: float | None
    max_value: float | None
    created_at: datetime
    created_by: str | None

    @property
    def grantee(self) -> str:
        return f"role:{self.role.value}" if self.role is not None else f"user:{self.username}"

    def describe(self) -> str:
        """The audit log's old/new value: everything that decides what the grant allows."""
        return (f"tag={self.tag} to={self.grantee} min={_fmt(self.min_value)} "
                f"max={_fmt(self.max_value)}")

    def audit_detail(self) -> dict[str, Any]:
        return {"grant_id": self.id, "tag": self.tag, "role": self.role.value if self.role
                else None, "username": self.username, "min": self.min_value,
                "max": self.max_value}

    def matches(self, tag_name: str) -> bool:
        return fnmatchcase(tag_name, self.tag)


def covered(selector: str, tag_names: Iterable[str]) -> list[str]:
    """The names ``selector`` (a tag name or glob pattern) matches, sorted."""
    return sorted(n for n in tag_names if fnmatchcase(n, selector))


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


@dataclass(frozen=True)
class TagWriteDecision:
    allowed: bool
    reason: str  # "granted", "no_permission", "no_grant", "out_of_range", "unknown_tag", ...
    min_value: float | None = None
    max_value: float | None = None


class TagWritePolicy:
    def __init__(self, pool: ConnectionPool, audit: AuditLog) -> None:
        self._pool = pool
        self._audit = audit

    def check(self, principal: Principal, tag_name: str, value: float) -> TagWriteDecision:
        """Decide, without writing or auditing (the write endpoint audits the outcome)."""
        if principal.must_change_password or not has_permission(
            principal.role, Permission.TAG_WRITE
        ):
            return TagWriteDecision(False, "no_permission")
        if not isinstance(value, int | float) or not math.isfinite(value):
            return TagWriteDecision(False, "not_a_finite_number")
        with self._pool.connection() as conn:
            tag = conn.execute(
                "SELECT id, eu_min, eu_max FROM tags WHERE name = %s AND retired_at IS NULL",
                (tag_name,),
            ).fetchone()
            if tag is None:
                return TagWriteDecision(False, "unknown_tag")
            tag_id, eu_min, eu_max = tag
            rules = conn.execute(
                "SELECT tag_id, tag_pattern, min_value, max_value FROM tag_write_permissions "
                "WHERE (tag_id = %s OR tag_pattern IS NOT NULL) "
                "AND (role = %s OR user_id = %s)",
                (tag_id, principal.role.value, principal.user_id),
            ).fetchall()
        matching = [r for r in rules if r[0] == tag_id or (
            r[1] is not None and fnmatchcase(tag_name, r[1]))]
        if not matching:
            return TagWriteDecision(False, "no_grant")
        best: TagWriteDecision | None = None
        for _, _, lo, hi in matching:
            lo = lo if lo is not None else eu_min
            hi = hi if hi is not None else eu_max
            if (lo is None or value >= lo) and (hi is None or value <= hi):
                return TagWriteDecision(True, "granted", lo, hi)
            best = best or TagWriteDecision(False, "out_of_range", lo, hi)
        assert best is not None
        return best

    def grant(
        self, actor: Principal, client: ClientInfo, *, tag_pattern: str | None = None,
        tag_id: int | None = None, role: Role | None = None, user_id: int | None = None,
        min_value: float | None = None, max_value: float | None = None,
    ) -> int:
        """Add a grant (config change, admins only); returns its id."""
        actor.require(Permission.MANAGE_CONFIG)
        if (tag_pattern is None) == (tag_id is None) or (role is None) == (user_id is None):
            raise AuthError(AuthErrorKind.INVALID_REQUEST,
                            "give one of tag_pattern/tag_id and one of role/user_id")
        with self._pool.connection() as conn, conn.transaction():
            row = conn.execute(
                "INSERT INTO tag_write_permissions (tag_id, tag_pattern, role, user_id, "
                "min_value, max_value, created_by) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "RETURNING id",
                (tag_id, tag_pattern, role.value if role else None, user_id, min_value,
                 max_value, actor.username),
            ).fetchone()
            assert row is not None
            self._audit.record(
                Action.CONFIG_CHANGE, Outcome.OK, actor=actor, client=client,
                target=f"tag_write_permissions/{row[0]}",
                new_value=f"tag={tag_pattern or tag_id} to={role or user_id} "
                          f"min={min_value} max={max_value}",
                conn=conn,
            )
            return int(row[0])

    # -- administration (config.manage) ----------------------------------------------------
    def add(
        self, actor: Principal, client: ClientInfo, tag: str, *, role: Role | None = None,
        username: str | None = None, min_value: float | None = None,
        max_value: float | None = None, writable: Collection[str] | None = None,
    ) -> TagGrant:
        """Grant writes on ``tag`` (a tag name or a glob pattern, stored as written: see the
        module docstring) to a role or one user, within [min_value, max_value] (each None: the
        tag's engineering limit). ``writable``: the names of the field's writable tags; when
        given, a selector matching none of them is refused (a typo must not pass silently).
        An identical selector for the same grantee is a conflict: remove it to change limits."""
        actor.require(Permission.MANAGE_CONFIG)
        selector = tag.strip() if isinstance(tag, str) else ""
        if not TAG_SELECTOR_RE.fullmatch(selector):
            raise AuthError(AuthErrorKind.INVALID_REQUEST,
                            "tag: a tag name or glob pattern (A-Z a-z 0-9 _ . - and * ? [ ] !), "
                            "1-160 characters")
        if (role is None) == (username is None):
            raise AuthError(AuthErrorKind.INVALID_REQUEST, "give one of role or username")
        for label, x in (("min_value", min_value), ("max_value", max_value)):
            if x is not None and (not isinstance(x, int | float) or not math.isfinite(x)):
                raise AuthError(AuthErrorKind.INVALID_REQUEST, f"{label} must be a finite number")
        if min_value is not None and max_value is not None and min_value > max_value:
            raise AuthError(AuthErrorKind.INVALID_REQUEST, "min_value is above max_value")
        if role is not None and not has_permission(role, Permission.TAG_WRITE):
            raise AuthError(AuthErrorKind.INVALID_REQUEST,
                            f"role {role.value} cannot write tags (it lacks tags.write)")
        covers: list[str] | None = None
        if writable is not None:
            covers = covered(selector, writable)
            if not covers:
                raise AuthError(AuthErrorKind.INVALID_REQUEST,
                                f"{selector!r} matches no writable tag of this field")
        with self._pool.connection() as conn, conn.transaction():
            user_id: int | None = None
            if username is not None:
                user = find_user(conn, username)
                if user is None:
                    raise AuthError(AuthErrorKind.NOT_FOUND, f"no user {username!r}")
                if not has_permission(Role(user.role), Permission.TAG_WRITE):
                    raise AuthError(AuthErrorKind.INVALID_REQUEST,
                                    f"{user.username} is a {user.role}, a role that cannot "
                                    "write tags: change the role first")
                user_id, username = user.id, user.username
            # Serialise grant changes, so two admins cannot add the same grant at once.
            conn.execute("LOCK TABLE tag_write_permissions IN SHARE ROW EXCLUSIVE MODE")
            dup = conn.execute(
                "SELECT id FROM tag_write_permissions WHERE tag_pattern = %s "
                "AND role IS NOT DISTINCT FROM %s AND user_id IS NOT DISTINCT FROM %s",
                (selector, role.value if role else None, user_id)).fetchone()
            if dup is not None:
                raise AuthError(AuthErrorKind.CONFLICT,
                                f"grant #{dup[0]} already covers {selector} for "
                                f"{role.value if role else username}: remove it to change it")
            row = conn.execute(
                "INSERT INTO tag_write_permissions (tag_pattern, role, user_id, min_value, "
                "max_value, created_by) VALUES (%s, %s, %s, %s, %s, %s) "
                "RETURNING id, created_at",
                (selector, role.value if role else None, user_id, min_value, max_value,
                 actor.username[:64]),
            ).fetchone()
            assert row is not None
            grant = TagGrant(id=int(row[0]), tag=selector, by_id=False, role=role,
                             username=username, min_value=min_value, max_value=max_value,
                             created_at=row[1], created_by=actor.username[:64])
            detail = {"op": "grant_add", **grant.audit_detail()}
            if covers is not None:
                detail["covers"] = len(covers)
            self._audit.record(
                Action.CONFIG_CHANGE, Outcome.OK, actor=actor, client=client,
                target=f"tag_write_permissions/{grant.id}", old_value=None,
                new_value=grant.describe(), detail=detail, conn=conn)
        return grant

    def remove(self, actor: Principal, client: ClientInfo, grant_id: int) -> TagGrant:
        """Delete one grant (effective for the next select or operate); returns what it was."""
        actor.require(Permission.MANAGE_CONFIG)
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("LOCK TABLE tag_write_permissions IN SHARE ROW EXCLUSIVE MODE")
            grants = self._rows(conn, "WHERE p.id = %s", (grant_id,))
            if not grants:
                raise AuthError(AuthErrorKind.NOT_FOUND, f"no grant #{grant_id}")
            grant = grants[0]
            conn.execute("DELETE FROM tag_write_permissions WHERE id = %s", (grant_id,))
            self._audit.record(
                Action.CONFIG_CHANGE, Outcome.OK, actor=actor, client=client,
                target=f"tag_write_permissions/{grant.id}", old_value=grant.describe(),
                new_value=None, detail={"op": "grant_remove", **grant.audit_detail()}, conn=conn)
        return grant

    def list_grants(
        self, actor: Principal, *, tag: str | None = None, role: Role | None = None,
        username: str | None = None,
    ) -> list[TagGrant]:
        """Every grant, oldest first; ``tag``: only those that apply to that tag name (by
        pattern or id); ``role``/``username``: only those given to that role / that user."""
        actor.require(Permission.MANAGE_CONFIG)
        with self._pool.connection() as conn:
            grants = self._rows(conn, "", ())
        if tag is not None:
            grants = [g for g in grants if g.tag == tag or (not g.by_id and g.matches(tag))]
        if role is not None:
            grants = [g for g in grants if g.role is role]
        if username is not None:
            grants = [g for g in grants
                      if g.username is not None and g.username.lower() == username.lower()]
        return grants

    @staticmethod
    def _rows(conn: Any, where: str, params: tuple[Any, ...]) -> list[TagGrant]:
        """``where`` is one of this module's literals ("" or "WHERE p.id = %s"), never input."""
        rows = conn.execute(
            "SELECT p.id, coalesce(p.tag_pattern, t.name, '#' || p.tag_id::text), "
            "p.tag_pattern IS NULL, p.role, u.username, p.min_value, p.max_value, "
            "p.created_at, p.created_by FROM tag_write_permissions p "
            "LEFT JOIN tags t ON t.id = p.tag_id LEFT JOIN users u ON u.id = p.user_id "
            f"{where} ORDER BY p.id", params).fetchall()
        return [TagGrant(id=int(r[0]), tag=r[1], by_id=bool(r[2]),
                         role=Role(r[3]) if r[3] else None, username=r[4], min_value=r[5],
                         max_value=r[6], created_at=r[7], created_by=r[8]) for r in rows]
