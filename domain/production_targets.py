"""Production targets: what the field (or a well) is expected to deliver per day, from a date
on, and how today is doing against it.

Supervisors set targets from the monthly plan (``oilfield production target set``); a target
holds from its ``valid_from`` day until the next one of the same scope, so history keeps the
target each day was judged against. The scope is the whole field (:data:`FIELD`) or one well.

How today is doing (:func:`day_pace`): the volume delivered since local midnight against the
share of the day gone by. ``on_pace_for`` extrapolates the day's rate so far to 24 h; it is
withheld during the first hour (:data:`PACE_MIN_HOURS`), when a pump restart or a tank swing
would make it wildly wrong.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from domain.production import WELL_NAME_MAX, ProductionError

FIELD = "*"  # the scope of a whole-field target
PACE_MIN_HOURS = 1.0
QUANTITIES = ("oil_bbl_d", "water_bbl_d", "gas_mscf_d")


@dataclass(frozen=True, slots=True)
class ProductionTarget:
    """Daily target volumes (bbl/d of oil and water, Mscf/d of gas; None = no target for that
    quantity) for ``scope`` from ``valid_from`` on."""

    scope: str
    valid_from: date
    oil_bbl_d: float | None = None
    water_bbl_d: float | None = None
    gas_mscf_d: float | None = None
    note: str = ""

    def __post_init__(self) -> None:
        s = self.scope
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            raise ProductionError("scope", f"the field ({FIELD}) or a well name is needed")
        if len(s) > WELL_NAME_MAX or any(ord(ch) < 32 for ch in s):
            raise ProductionError("scope", f"a well name has 1 to {WELL_NAME_MAX} printable "
                                           "characters")
        if not isinstance(self.valid_from, date) or isinstance(self.valid_from, datetime):
            raise ProductionError("valid_from", "must be a date")
        for name in QUANTITIES:
            v = getattr(self, name)
            if v is None:
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ProductionError(name, f"must be a finite number, not {v!r}")
            if v < 0:
                raise ProductionError(name, f"must not be negative (got {v:g})")
        if all(getattr(self, n) is None for n in QUANTITIES):
            raise ProductionError("target", "give at least one of oil, water or gas")
        if len(self.note) > 500:
            raise ProductionError("note", "at most 500 characters")

    @property
    def is_field(self) -> bool:
        return self.scope == FIELD


def in_force(targets: Iterable[ProductionTarget], scope: str,
             day: date) -> ProductionTarget | None:
    """The target of ``scope`` that holds on ``day``: the latest ``valid_from`` <= day."""
    best: ProductionTarget | None = None
    for t in targets:
        if t.scope == scope and t.valid_from <= day and (
                best is None or t.valid_from > best.valid_from):
            best = t
    return best


@dataclass(frozen=True, slots=True)
class DayPace:
    delivered: float
    target: float
    hours_elapsed: float
    #: delivered / target (0..); the share of the day's target already delivered
    fraction_of_target: float
    #: delivered / (target × share of the day gone by): 1.0 = exactly on plan so far
    pace_ratio: float | None
    #: the day's volume if the rate so far holds to midnight; None in the first hour
    on_pace_for: float | None


def day_pace(delivered: float, target: float, hours_elapsed: float,
             day_hours: float = 24.0) -> DayPace:
    """Today's delivery against a daily target (same units for both)."""
    if not (math.isfinite(delivered) and delivered >= 0):
        raise ValueError(f"delivered must be a finite volume >= 0 (got {delivered!r})")
    if not (math.isfinite(target) and target > 0):
        raise ValueError(f"the target must be > 0 (got {target!r})")
    if not 0 <= hours_elapsed <= day_hours:
        raise ValueError(f"hours elapsed must be within 0..{day_hours:g} (got {hours_elapsed})")
    fraction_of_day = hours_elapsed / day_hours
    enough = hours_elapsed >= PACE_MIN_HOURS
    return DayPace(
        delivered=delivered, target=target, hours_elapsed=hours_elapsed,
        fraction_of_target=delivered / target,
        pace_ratio=delivered / (target * fraction_of_day) if enough else None,
        on_pace_for=delivered / fraction_of_day if enough else None,
    )
