"""Synthetic multi-year daily production history for the simulated field's wells.

Why: decline-curve analysis, the daily report and their screens need years of daily history,
and a demo edge has run for minutes. This makes a plausible past for every well, ending
yesterday at about the rate the simulator's physics produce today, so the live close of the
next days continues the same curves.

Per well (all drawn from one seed, each well from its own random stream, so adding a well does
not change the others):

* **Decline**: Arps hyperbolic, ``q(t) = qi / (1 + b·Di·t)^(1/b)`` (Arps, J.J., "Analysis of
  Decline Curves", Trans. AIME 160, 1945), ``qi`` 200–1500 bbl/d, nominal ``Di`` 30–70 %/yr,
  ``b`` 0.3–1.2. About 40 % of the wells come on production later than the start (drilled in
  campaigns), so histories differ in length.
* **Workovers**: 0–3 per well (about one per 3 years), each a 3–10 day shut-in followed by a
  rate step up of ×1.25–1.8 from which a new hyperbolic decline starts.
* **Shut-ins**: about 3 a year, 1–14 days at zero rate and ``hours_on`` 0; the day before and
  the day after one are often partial (a trip, a restart), as are ~3 % of other days.
* **Noise**: lognormal, 5–8 % per well on oil, its own on water and gas.
* **Water cut** rises from a fraction of today's value to today's value (power-law in time).
* **GOR** stays at the solution GOR until the reservoir falls below the bubble point (20–60 %
  into the well's life), then climbs to today's GOR; gas = oil × GOR.
* **Data gaps**: ~1 % of days have ``hours_data`` < 24 (an RTU or radio outage): volumes then
  cover only those hours, as the historian close would report them (never extrapolated).

Joining today: with ``anchors`` (today's oil/water/gas rates per well, see
:func:`plant_anchors`), ``Di`` is chosen within its 30–70 % range to bring the drawn ``qi`` as
close as possible to a curve that ends at today's oil rate, and the whole curve is then scaled
to end exactly there. So ``qi`` follows from today's rate and may leave 200–1500 bbl/d for
wells the physics make very strong or very weak; without anchors the drawn values stand.
Daylight-saving days are not modelled (every day has 24 h).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from domain.field import Field
from domain.production import DailyProduction, Source, production_tags

DAYS_PER_YEAR = 365.25
QI_RANGE = (200.0, 1500.0)
DI_RANGE = (0.30, 0.70)  # nominal, 1/yr
B_RANGE = (0.3, 1.2)


@dataclass(frozen=True)
class Anchor:
    """A well's rates today (bbl/d, Mscf/d): where its synthetic history should end."""

    well: str
    oil: float
    water: float
    gas: float


def plant_anchors(field: Field, seed: int, *, hours: float = 1.0) -> dict[str, Anchor]:
    """Today's rates of every well of the simulator's plant for ``field`` and ``seed`` (the
    same plant ``oilfield sim --seed`` serves), averaged over ``hours`` of simulated time so a
    rod pump caught in a pump-off pause does not read as a dead well. Wells the physics give
    (almost) no oil get no anchor."""
    from plugins.simulator.plant import Plant  # the physics are only needed here

    plant = Plant(field, seed)
    wells = list(production_tags(field))
    step_s = 15.0
    steps = max(1, int(hours * 3600 / step_s))
    totals = {w: np.zeros(3) for w in wells}
    for _ in range(steps):
        plant.step(step_s)
        for w in wells:
            totals[w] += [plant.value(w, s) for s in
                          ("well.oil_rate", "well.water_rate", "well.gas_rate")]
    out: dict[str, Anchor] = {}
    for w in wells:
        oil, water, gas = (float(v) / steps for v in totals[w])
        if oil > 1.0:
            out[w] = Anchor(w, oil, max(water, 0.0), max(gas, 0.0))
    return out


def arps(t_years: np.ndarray, qi: float, di: float, b: float) -> np.ndarray:
    """Arps hyperbolic rate at ``t_years`` (nominal ``di`` per year, 0 < b)."""
    return np.asarray(qi / np.power(1.0 + b * di * t_years, 1.0 / b), dtype=np.float64)


@dataclass(frozen=True)
class WellPlan:
    """The drawn parameters of one well's history (kept for tests and the docs)."""

    well: str
    first_day: date
    qi: float
    di: float
    b: float
    workovers: tuple[date, ...]


def simulate_history(
    wells: Sequence[str],
    end: date,
    *,
    years: float = 5.0,
    seed: int = 1,
    anchors: dict[str, Anchor] | None = None,
) -> tuple[list[DailyProduction], list[WellPlan]]:
    """Daily rows (source ``simulated``) for ``wells`` from ``years`` before ``end`` through
    ``end`` (inclusive), and the parameters drawn for each well. Same arguments, same rows."""
    if years <= 0 or years > 50:
        raise ValueError("years must be in (0, 50]")
    n_days = max(1, round(years * DAYS_PER_YEAR))
    start = end - timedelta(days=n_days - 1)
    rows: list[DailyProduction] = []
    plans: list[WellPlan] = []
    if seed < 0:
        raise ValueError("seed must be >= 0")
    for well in wells:
        # A well's stream depends on the seed and its name only: stable when wells are added.
        rng = np.random.default_rng([seed, *_name_words(well)])
        plan, cols = _one_well(well, start, n_days, rng, (anchors or {}).get(well))
        plans.append(plan)
        rows.extend(_rows(well, plan.first_day, *cols))
    return rows, plans


def _name_words(name: str) -> list[int]:
    data = name.encode("utf-8")
    return [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)] or [0]


def _one_well(
    well: str, start: date, n_days: int, rng: np.random.Generator, anchor: Anchor | None
) -> tuple[WellPlan, tuple[np.ndarray, ...]]:
    u = rng.uniform
    qi, di, b = u(*QI_RANGE), u(*DI_RANGE), u(*B_RANGE)
    first = 0 if rng.random() < 0.6 else int(u(0.1, 0.6) * n_days)
    life = n_days - first
    t = np.arange(life, dtype=np.float64)  # days on production

    # Workovers: a shut-in, then a step up and a fresh hyperbolic decline from there.
    n_wo = min(3, int(rng.poisson(life / DAYS_PER_YEAR / 3.0)))
    wo_days = sorted(int(u(0.15, 0.9) * life) for _ in range(n_wo))
    wo_days = [d for i, d in enumerate(wo_days) if i == 0 or d - wo_days[i - 1] > 120]
    steps = [float(u(1.25, 1.8)) for _ in wo_days]
    wo_len = [int(rng.integers(3, 11)) for _ in wo_days]

    def curve(d: float) -> np.ndarray:
        """Rate by day on production; a workover's shut-in days keep the old curve (they are
        zeroed below) and the new decline starts when the well comes back."""
        q = np.empty(life)
        seg_start, seg_q = 0, qi
        for wo, k, length in zip(wo_days, steps, wo_len, strict=True):
            back = min(wo + length, life)
            seg = slice(seg_start, back)
            q[seg] = arps((t[seg] - seg_start) / DAYS_PER_YEAR, seg_q, d, b)
            before = float(arps(np.array([(wo - seg_start) / DAYS_PER_YEAR]), seg_q, d, b)[0])
            seg_start, seg_q = back, before * k
        seg = slice(seg_start, life)
        q[seg] = arps((t[seg] - seg_start) / DAYS_PER_YEAR, seg_q, d, b)
        return q

    q = curve(di)
    if anchor is not None:
        # Pick Di in range so the drawn qi needs the least scaling, then scale exactly.
        grid = np.linspace(*DI_RANGE, 41)
        ends = np.array([curve(d)[-1] for d in grid])
        best = int(np.argmin(np.abs(np.log(ends / anchor.oil))))
        di = float(grid[best])
        scale = anchor.oil / float(ends[best])
        q = curve(di) * scale
        qi *= scale  # after the curve: ``curve`` reads ``qi``

    sigma = u(0.05, 0.08)
    oil = q * rng.lognormal(-sigma**2 / 2, sigma, life)

    # Water cut: a power law in time from a fraction of today's value to today's value.
    wc_end = (anchor.water / (anchor.water + anchor.oil) if anchor is not None
              else u(0.3, 0.9))
    wc_end = min(max(wc_end, 0.01), 0.97)
    wc_start = wc_end * u(0.15, 0.6)
    shape = (t / max(life - 1, 1)) ** u(0.7, 1.6)
    wc = wc_start + (wc_end - wc_start) * shape
    water = oil * wc / (1.0 - wc) * rng.lognormal(-0.05**2 / 2, 0.05, life)

    # GOR: solution GOR above the bubble point, rising once the reservoir falls below it.
    gor_end = (1000.0 * anchor.gas / anchor.oil if anchor is not None else u(300, 1500))
    rs = gor_end * u(0.45, 0.75)
    bubble = u(0.2, 0.6) * life
    below = np.clip((t - bubble) / max(life - bubble, 1.0), 0.0, 1.0)
    gor = rs + (gor_end - rs) * below**1.5
    gas = oil * gor / 1000.0 * rng.lognormal(-0.06**2 / 2, 0.06, life)

    # Hours on: shut-ins (zero), partial days around them and now and then.
    hours_on = np.full(life, 24.0)
    down = np.zeros(life, dtype=bool)
    for wo, length in zip(wo_days, wo_len, strict=True):
        down[wo:wo + length] = True
    for _ in range(int(rng.poisson(3.0 * life / DAYS_PER_YEAR))):
        at = int(rng.integers(0, life))
        down[at:at + int(np.clip(rng.exponential(3.0), 1, 14))] = True
    edges = np.flatnonzero(np.diff(down.astype(np.int8)) != 0)
    partial = rng.random(life) < 0.03
    for e in edges:  # the producing day next to a shut-in
        day = e if not down[e] else e + 1
        if 0 <= day < life and rng.random() < 0.7:
            partial[day] = True
    partial &= ~down
    hours_on[partial] = np.round(u(2.0, 22.0, int(partial.sum())), 2)
    hours_on[down] = 0.0
    frac = hours_on / 24.0

    # Data gaps: volumes from the covered hours only.
    hours_data = np.full(life, 24.0)
    gaps = rng.random(life) < 0.01
    hours_data[gaps] = np.round(u(6.0, 23.0, int(gaps.sum())), 2)
    cover = hours_data / 24.0
    hours_on = np.round(hours_on * cover, 2)  # hours *known* to be on, as the close counts them

    plan = WellPlan(well, start + timedelta(days=first), qi, di, b,
                    tuple(start + timedelta(days=first + d) for d in wo_days))
    return plan, (oil * frac * cover, water * frac * cover, gas * frac * cover, hours_on,
                  hours_data)


def _rows(well: str, first: date, oil: np.ndarray, water: np.ndarray, gas: np.ndarray,
          hours_on: np.ndarray, hours_data: np.ndarray) -> Iterable[DailyProduction]:
    ordinal = first.toordinal()
    for i, (o, w, g, h, hd) in enumerate(zip(
            np.round(oil, 2).tolist(), np.round(water, 2).tolist(), np.round(gas, 2).tolist(),
            hours_on.tolist(), hours_data.tolist(), strict=True)):
        yield DailyProduction(well=well, day=date.fromordinal(ordinal + i), oil_bbl=o,
                              water_bbl=w, gas_mscf=g, hours_on=h, hours_data=hd,
                              source=Source.SIMULATED)


def history_for_field(
    field: Field, end: date, *, years: float = 5.0, seed: int = 1, anchored: bool = True
) -> tuple[list[DailyProduction], list[WellPlan]]:
    """:func:`simulate_history` for every well of ``field``, ending at the rates the simulator
    serves for ``seed`` when ``anchored`` (and the field can be simulated)."""
    anchors: dict[str, Anchor] = {}
    if anchored:
        from plugins.simulator.plant import SimulatorConfigError

        try:
            anchors = plant_anchors(field, seed)
        except SimulatorConfigError:
            anchors = {}  # not a simulated field: the drawn curves stand
    return simulate_history(sorted(production_tags(field), key=_natural), end, years=years,
                            seed=seed, anchors=anchors)


def _natural(name: str) -> tuple[str, int, str]:
    head = name.rstrip("0123456789")
    digits = name[len(head):]
    return head, int(digits) if digits else -1, name


def years_span(rows: Sequence[DailyProduction]) -> float:
    """Years between the first and last row (for messages)."""
    if not rows:
        return 0.0
    days = {r.day for r in rows}
    return (max(days) - min(days)).days / DAYS_PER_YEAR


__all__ = ["Anchor", "WellPlan", "arps", "history_for_field", "plant_anchors",
           "simulate_history", "years_span"]
