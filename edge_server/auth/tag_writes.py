"""Which tags a caller may write, and within which limits (default deny).

A write needs both: the role's ``tags.write`` permission (``roles.py``) and a row in
``tag_write_permissions`` granting that tag (by id, or by a glob pattern such as ``PAD-A.*``)
to the caller's role or to the caller's own account. The value must lie within the grant's
min/max, or the tag's engineering range when the grant sets none. Why per-tag grants: an
operator may start a pump but not change a safety setpoint, and a SCADA client should reach only
the few tags it was commissioned for (IEC 62443-4-2 CR 2.1, least privilege).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fnmatch import fnmatchcase

from psycopg_pool import ConnectionPool

from edge_server.auth.audit import Action, AuditLog, Outcome
from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal
from edge_server.auth.roles import Permission, Role, has_permission


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
