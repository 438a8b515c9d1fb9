"""From the edge's daily production to what is fitted: one well's history, a group as the
sum of its rates, or a type well on a common clock (:class:`Subject`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import numpy.typing as npt

from domain.engineering import dca
from hmi.api.types import WellDaily

from .labels import Translate, _identity
from .options import FitOptions

FloatArray = npt.NDArray[np.float64]
Mode = Literal["single", "group", "type_well"]


def _floats(values: Sequence[float | None]) -> FloatArray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def well_history(daily: WellDaily) -> dca.ProductionHistory:
    """One well's daily records as a history: calendar-day oil rate (bbl/d) and uptime
    (hours on / 24, clipped to 1 for the 25-hour day; NaN where unknown)."""
    if len(daily) == 0:
        raise ValueError(f"{daily.well}: no daily production on the edge")
    time = np.array([d.isoformat() for d in daily.day], dtype="datetime64[D]")
    rate = _floats(daily.oil_bbl)
    hours = _floats(daily.hours_on)
    uptime = None if np.all(np.isnan(hours)) else np.clip(hours / 24.0, 0.0, 1.0)
    return dca.ProductionHistory(time, rate, uptime)


def group_history(dailies: Sequence[WellDaily]) -> dca.ProductionHistory:
    """The sum of the wells' calendar-day rates per day; uptime = mean of the wells reporting
    that day (days where no well reports have no record)."""
    per_day: dict[date, list[tuple[float, float]]] = {}
    for d in dailies:
        for day, oil, hours in zip(d.day, d.oil_bbl, d.hours_on, strict=True):
            per_day.setdefault(day, []).append(
                (np.nan if oil is None else float(oil),
                 np.nan if hours is None else min(max(float(hours) / 24.0, 0.0), 1.0)))
    if not per_day:
        raise ValueError("the selected wells have no daily production on the edge")
    days = sorted(per_day)
    rate = np.array([np.nansum([o for o, _ in per_day[d]]) if any(
        math.isfinite(o) for o, _ in per_day[d]) else np.nan for d in days])
    up = np.array([np.nanmean([u for _, u in per_day[d]]) if any(
        math.isfinite(u) for _, u in per_day[d]) else np.nan for d in days])
    time = np.array([d.isoformat() for d in days], dtype="datetime64[D]")
    return dca.ProductionHistory(time, rate, None if np.all(np.isnan(up)) else up)


@dataclass(frozen=True, eq=False)
class Subject:
    """What is being fitted: one well, a group of wells, or a type well."""

    kind: Mode
    wells: tuple[str, ...]
    history: dca.ProductionHistory
    type_well: dca.TypeWell | None = None

    @property
    def dated(self) -> bool:
        return self.history.epoch is not None

    def name(self, tr: Translate = _identity) -> str:
        if self.kind == "single":
            return self.wells[0]
        listed = ", ".join(self.wells[:6]) + (" …" if len(self.wells) > 6 else "")
        if self.kind == "group":
            return tr("Group of %1 wells (sum of rates): %2").replace(
                "%1", str(len(self.wells))).replace("%2", listed)
        return tr("Type well of %1 wells: %2").replace("%1", str(len(self.wells))).replace(
            "%2", listed)


def make_subject(dailies: Sequence[WellDaily], mode: Mode,
                 options: FitOptions = FitOptions()) -> Subject:  # noqa: B008 (frozen)
    """One well's history, the group sum, or the type well of ``dailies``."""
    if not dailies:
        raise ValueError("pick at least one well")
    wells = tuple(d.well for d in dailies)
    empty = [d.well for d in dailies if len(d) == 0]
    if empty:
        raise ValueError(f"no daily production on the edge for: {', '.join(empty)}")
    if len(dailies) == 1 or mode == "single":
        return Subject("single", wells[:1], well_history(dailies[0]))
    if mode == "group":
        return Subject("group", wells, group_history(dailies))
    tw = dca.type_well([well_history(d) for d in dailies], align=options.align,
                       statistic=options.statistic)
    return Subject("type_well", wells, tw.history(1), tw)
