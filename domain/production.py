"""Daily well production: one row per well and producing day, and how a day is closed.

Why daily rows: decline-curve analysis (DCA) and the daily production report work on one
number per well and day (oil, water and gas volumes, hours on production), years of them. The
historian keeps seconds; these rows are what those seconds mean for reservoir work, computed
once per day and kept forever (a few hundred bytes per well and day).

Where a row comes from (``Source``), and which one wins when two disagree about the same well
and day (``SOURCE_RANK``, highest wins, equal replaces):

* ``manual`` (3): typed by a person (a well test, a corrected gauge); nothing automatic may
  overwrite it;
* ``import`` (2): loaded from a file (allocation or accounting system, a previous SCADA);
* ``historian`` (1): the edge's own close of a day from the hourly rollups;
* ``simulated`` (0): synthetic history for demos and training; anything real replaces it.

Closing a day (:func:`close_day`) from hourly aggregates of the well's oil/water/gas rate tags
(bbl/d, Mscf/d) and its running flag (0/1), each hour being a historian ``rollup_1h`` row
(``vsum``, ``vcount`` GOOD samples, ``nbad`` other samples):

* an hour's *coverage* is ``weight × vcount / (vcount + nbad)``: the share of its stored samples
  that were GOOD, times the part of the hour inside the day (``weight`` < 1 only where a site
  zone's offset is not whole hours). An hour without a row has no coverage at all;
* volume = Σ over hours of ``avg_rate / 24 × coverage``, with ``avg_rate = vsum / vcount``:
  only covered time counts. Hours without GOOD data add nothing and are **not extrapolated**;
  ``hours_data`` (Σ coverage of the oil rate) tells how much of the day the volumes stand on;
* ``hours_on`` = Σ over hours of (hourly mean of the running flag × coverage): hours known to
  be running. With no running-flag data at all it is None (unknown), never guessed;
* producing-day rate = volume / (hours_on / 24) (:func:`producing_day_rate`): what DCA fits,
  so shut-in hours do not read as decline.

A day is normally 24 h; on the day a site's clocks go back it has 25, so hours are checked
against 0..25 (``MAX_DAY_HOURS``) and the DST day keeps its real length rather than a squeezed
one (its rate would otherwise come out 4 % high).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.field import Field

MAX_DAY_HOURS = 25.0  # 24, or 25 on the day the clocks go back
WELL_NAME_MAX = 64
WELL_SEPARATOR = ":"  # pad RTUs name the well inside the signal: "W03:well.oil_rate"

OIL_RATE = "well.oil_rate"
WATER_RATE = "well.water_rate"
GAS_RATE = "well.gas_rate"
RUNNING_SIGNALS = ("esp.running", "rodpump.running", "gaslift.running")


class Source(StrEnum):
    """Where a daily row comes from; see ``SOURCE_RANK`` for which one wins."""

    SIMULATED = "simulated"
    HISTORIAN = "historian"
    IMPORT = "import"
    MANUAL = "manual"


#: Precedence: a row may replace an existing one of equal or lower rank, never a higher one.
#: Migration 0006 holds the same table in SQL (``well_production_source_rank``).
SOURCE_RANK: dict[Source, int] = {
    Source.SIMULATED: 0,
    Source.HISTORIAN: 1,
    Source.IMPORT: 2,
    Source.MANUAL: 3,
}


def replaces(new: Source, old: Source) -> bool:
    """May a row from ``new`` overwrite one from ``old``?"""
    return SOURCE_RANK[Source(new)] >= SOURCE_RANK[Source(old)]


class ProductionError(ValueError):
    """An impossible daily row; ``field`` names the offending column."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class DailyProduction:
    """One well's production on one producing day (the site's local calendar day).

    Volumes in bbl (oil, water) and Mscf (gas); None means unknown (no data), which is not 0.
    ``hours_on``: hours producing; ``hours_data``: hours the volumes stand on (GOOD rate data),
    None when the row was not computed from the historian (imports, manual entries).
    """

    well: str
    day: date
    oil_bbl: float | None
    water_bbl: float | None
    gas_mscf: float | None
    hours_on: float | None
    hours_data: float | None = None
    source: Source = Source.HISTORIAN

    def __post_init__(self) -> None:
        well = self.well
        if not isinstance(well, str) or not well.strip() or well != well.strip():
            raise ProductionError("well", "a well name is needed (no surrounding spaces)")
        if len(well) > WELL_NAME_MAX:
            raise ProductionError("well", f"longer than {WELL_NAME_MAX} characters")
        if any(ord(ch) < 32 for ch in well):
            raise ProductionError("well", "control characters are not allowed")
        if not isinstance(self.day, date):
            raise ProductionError("day", "must be a date")
        for name in ("oil_bbl", "water_bbl", "gas_mscf"):
            _check_number(name, getattr(self, name), 0.0, None)
        for name in ("hours_on", "hours_data"):
            _check_number(name, getattr(self, name), 0.0, MAX_DAY_HOURS)
        try:
            object.__setattr__(self, "source", Source(self.source))
        except ValueError:
            raise ProductionError(
                "source", f"{self.source!r} is not one of {', '.join(s.value for s in Source)}"
            ) from None

    @property
    def oil_rate(self) -> float | None:
        """Producing-day oil rate (bbl/d)."""
        return producing_day_rate(self.oil_bbl, self.hours_on)

    @property
    def water_rate(self) -> float | None:
        return producing_day_rate(self.water_bbl, self.hours_on)

    @property
    def gas_rate(self) -> float | None:
        """Producing-day gas rate (Mscf/d)."""
        return producing_day_rate(self.gas_mscf, self.hours_on)

    @property
    def water_cut(self) -> float | None:
        """Water / (oil + water), 0..1; None when unknown or nothing was produced."""
        if self.oil_bbl is None or self.water_bbl is None:
            return None
        liquid = self.oil_bbl + self.water_bbl
        return self.water_bbl / liquid if liquid > 0 else None


def _check_number(name: str, value: float | None, lo: float, hi: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProductionError(name, f"must be a number, not {value!r}")
    if not math.isfinite(value):
        raise ProductionError(name, "must be a finite number")
    if value < lo:
        raise ProductionError(name, f"must not be negative (got {value:g})")
    if hi is not None and value > hi:
        raise ProductionError(name, f"must be at most {hi:g} hours (got {value:g})")


def producing_day_rate(volume: float | None, hours_on: float | None) -> float | None:
    """Rate while producing: ``volume / (hours_on / 24)``; None when unknown or never on."""
    if volume is None or hours_on is None or hours_on <= 0:
        return None
    return volume * 24.0 / hours_on


# -- closing a day from hourly aggregates -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HourAggregate:
    """One hour of one tag, as in ``historian.rollup_1h``: ``vsum`` and ``vcount`` over GOOD
    samples, ``nbad`` samples that were not GOOD. ``weight``: the part of the hour that lies in
    the day being closed (1 except at a day edge of a zone with a half-hour offset)."""

    vsum: float | None
    vcount: int
    nbad: int = 0
    weight: float = 1.0

    @property
    def coverage(self) -> float:
        """Hours of GOOD data this row stands for (0..weight)."""
        total = self.vcount + self.nbad
        if self.vcount <= 0 or self.vsum is None or total <= 0:
            return 0.0
        return self.weight * self.vcount / total

    @property
    def mean(self) -> float | None:
        if self.vcount <= 0 or self.vsum is None:
            return None
        return self.vsum / self.vcount


@dataclass(frozen=True, slots=True)
class Summed:
    """A signal's day: the time integral over covered hours and the hours covered."""

    total_h: float  # Σ mean × coverage (hours × signal units)
    hours: float  # Σ coverage


def integrate(hours: Iterable[HourAggregate]) -> Summed | None:
    """Σ of ``mean × coverage`` and Σ ``coverage`` over hours; None when nothing is covered."""
    total = covered = 0.0
    for h in hours:
        c = h.coverage
        mean = h.mean
        if c <= 0 or mean is None or not math.isfinite(mean):
            continue
        total += max(mean, 0.0) * c  # a rate never integrates negative (zero-drift of a meter)
        covered += c
    return Summed(total, covered) if covered > 0 else None


def close_day(
    well: str,
    day: date,
    *,
    oil: Sequence[HourAggregate] = (),
    water: Sequence[HourAggregate] = (),
    gas: Sequence[HourAggregate] = (),
    running: Sequence[HourAggregate] = (),
    source: Source = Source.HISTORIAN,
) -> DailyProduction | None:
    """One well's day from its hourly aggregates (module docstring has the rules).

    Rates are per day (bbl/d, Mscf/d), so an hour at rate ``q`` holds ``q / 24``. Returns None
    when nothing at all is known for the day (no covered hour of any signal): no row is better
    than a row of zeros that DCA would read as a shut-in.
    """
    sums = {name: integrate(hours) for name, hours in
            (("oil", oil), ("water", water), ("gas", gas), ("running", running))}
    if all(s is None for s in sums.values()):
        return None

    def volume(name: str) -> float | None:
        s = sums[name]
        return None if s is None else s.total_h / 24.0

    run = sums["running"]
    hours_on = None if run is None else min(run.total_h, MAX_DAY_HOURS)
    oil_sum = sums["oil"]
    hours_data = 0.0 if oil_sum is None else min(oil_sum.hours, MAX_DAY_HOURS)
    return DailyProduction(
        well=well, day=day, oil_bbl=volume("oil"), water_bbl=volume("water"),
        gas_mscf=volume("gas"), hours_on=hours_on, hours_data=hours_data, source=source,
    )


# -- which tags carry a well's production -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class WellTags:
    """The tags the day close reads for one well (None: the well has no such tag)."""

    well: str
    oil: str | None = None
    water: str | None = None
    gas: str | None = None
    running: str | None = None

    def names(self) -> list[str]:
        return [t for t in (self.oil, self.water, self.gas, self.running) if t is not None]


_ROLE_OF = {OIL_RATE: "oil", WATER_RATE: "water", GAS_RATE: "gas",
            **{s: "running" for s in RUNNING_SIGNALS}}


def split_signal(device: str, signal: str) -> tuple[str, str]:
    """(well, plain signal) of a tag: ``"W03:well.oil_rate"`` on a pad RTU is W03's oil rate;
    a plain signal belongs to the device itself (one RTU per well: the device is the well)."""
    well, sep, rest = signal.partition(WELL_SEPARATOR)
    if sep and well and rest:
        return well, rest
    return device, signal


def production_tags(field: Field) -> dict[str, WellTags]:
    """Every well of ``field`` with at least one oil, water or gas rate tag, by well name.

    Tags are recognised by their ``signal`` (``well.oil_rate``, ``well.water_rate``,
    ``well.gas_rate`` and a running flag ``esp.running`` / ``rodpump.running`` /
    ``gaslift.running``), prefixed with the well name on pad RTUs. When a well has several tags
    for one role, the first in field order is used (and, for the running flag, the order of
    ``RUNNING_SIGNALS``).
    """
    found: dict[str, dict[str, str]] = {}
    for device in field.devices():
        for tag in device.tags:
            well, plain = split_signal(device.name, tag.signal)
            role = _ROLE_OF.get(plain)
            if role is None:
                continue
            roles = found.setdefault(well, {})
            if role == "running" and "running" in roles:
                current = roles["running_signal"]
                if RUNNING_SIGNALS.index(plain) >= RUNNING_SIGNALS.index(current):
                    continue
            elif role in roles:
                continue
            roles[role] = tag.name
            if role == "running":
                roles["running_signal"] = plain
    return {
        well: WellTags(well, roles.get("oil"), roles.get("water"), roles.get("gas"),
                       roles.get("running"))
        for well, roles in found.items()
        if {"oil", "water", "gas"} & roles.keys()
    }
