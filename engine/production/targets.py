"""Production targets in the store (table ``production_targets``, migration 0007)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import psycopg

from domain.production_targets import FIELD, ProductionTarget


@dataclass(frozen=True)
class StoredTarget:
    target: ProductionTarget
    set_by: str
    set_at: datetime


_COLUMNS = "scope, valid_from, oil_bbl_d, water_bbl_d, gas_mscf_d, note, set_by, set_at"


def _row(r: tuple[object, ...]) -> StoredTarget:
    scope, valid_from, oil, water, gas, note, by, at = r
    return StoredTarget(
        ProductionTarget(str(scope), valid_from, oil, water, gas, str(note)),  # type: ignore[arg-type]
        str(by), at)  # type: ignore[arg-type]


def set_target(conn: psycopg.Connection, target: ProductionTarget, by: str) -> bool:
    """Store ``target``; a target of the same scope and day is replaced (a correction).
    Returns True when it replaced one."""
    with conn.transaction():
        replaced = conn.execute(
            "DELETE FROM production_targets WHERE scope = %s AND valid_from = %s",
            (target.scope, target.valid_from)).rowcount > 0
        conn.execute(
            "INSERT INTO production_targets (scope, valid_from, oil_bbl_d, water_bbl_d, "
            "gas_mscf_d, note, set_by) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (target.scope, target.valid_from, target.oil_bbl_d, target.water_bbl_d,
             target.gas_mscf_d, target.note, by))
    return replaced


def delete_target(conn: psycopg.Connection, scope: str, valid_from: date) -> bool:
    with conn.transaction():
        return conn.execute(
            "DELETE FROM production_targets WHERE scope = %s AND valid_from = %s",
            (scope, valid_from)).rowcount > 0


def list_targets(conn: psycopg.Connection, scope: str | None = None) -> list[StoredTarget]:
    """Every target (of ``scope``), field first, then by scope and day."""
    sql = f"SELECT {_COLUMNS} FROM production_targets"
    params: tuple[object, ...] = ()
    if scope is not None:
        sql += " WHERE scope = %s"
        params = (scope,)
    sql += " ORDER BY scope <> %s, scope, valid_from"
    return [_row(r) for r in conn.execute(sql, (*params, FIELD)).fetchall()]


def targets_on(conn: psycopg.Connection, day: date) -> list[StoredTarget]:
    """The target in force on ``day`` for each scope that has one (field first)."""
    rows = conn.execute(
        f"SELECT DISTINCT ON (scope) {_COLUMNS} FROM production_targets "
        "WHERE valid_from <= %s ORDER BY scope, valid_from DESC", (day,)).fetchall()
    found = [_row(r) for r in rows]
    return sorted(found, key=lambda s: (not s.target.is_field, s.target.scope))
