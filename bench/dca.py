"""Decline-curve benchmark: fit and forecast a field of 500 wells × 10 years of daily history.

Each well is a modified hyperbolic (Robertson 1988) with its own qi, initial decline and b,
an 8 %/yr terminal decline, and the defects of field data: 12 % multiplicative metering noise
(autocorrelated day to day), shut-in days, partial days, missing records and gross outliers
(see ``domain/engineering/dca/synthetic.py``). The histories are generated first (seeded,
not timed); then every well is fitted on its full *daily* history (no monthly averaging or
downsampling: the fit uses every screened day) and forecast to a 5 bbl/d economic limit, with
EUR and remaining reserves. That fit + forecast loop is what is timed.

P-bands are optional here (``--bands N`` bootstraps the first N wells, 200 replicates each,
timed separately and not in the last line): a bootstrap is ~200 refits, which a screen does
for the one well on display, not for a whole field at once.

Goal (issue 6): < 10 s for 500 wells on the 2-core development machine, single process.

    python bench/dca.py [--wells 500] [--years 10] [--seed 1] [--bands 0]

Last line: ``dca wells=N seconds=S``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.engineering.dca import DAYS_PER_YEAR, ModifiedHyperbolic, fit
from domain.engineering.dca.synthetic import SyntheticWell, synthetic_history

Q_LIMIT = 5.0  # bbl/d economic limit
TERMINAL = 0.08  # effective terminal decline, 1/yr


def make_field(wells: int, years: int, seed: int) -> list[tuple[ModifiedHyperbolic, SyntheticWell]]:
    """``wells`` synthetic wells with their true models (seeded)."""
    rng = np.random.default_rng(seed)
    days = round(years * DAYS_PER_YEAR)
    field = []
    for i in range(wells):
        truth = ModifiedHyperbolic.from_effective(
            qi=float(rng.lognormal(np.log(600.0), 0.6)),
            de=float(rng.uniform(0.5, 0.9)),
            b=float(rng.uniform(0.5, 1.6)),
            dlim_effective=TERMINAL,
        )
        well = synthetic_history(truth, days, noise=0.12, autocorrelation=0.3, seed=seed + i)
        field.append((truth, well))
    return field


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wells", type=int, default=500)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bands", type=int, default=0, help="bootstrap P-bands for N wells")
    args = parser.parse_args()

    t0 = time.perf_counter()
    field = make_field(args.wells, args.years, args.seed)
    generated = time.perf_counter() - t0
    points = sum(w.history.days.size for _, w in field)
    print(f"generated {args.wells} wells x {args.years} years daily ({points:,} points) "
          f"in {generated:.2f} s")  # fmt: skip

    errors: list[float] = []
    failures = 0
    t0 = time.perf_counter()
    for truth, well in field:
        try:
            result = fit(well.history, "modified_hyperbolic", terminal_decline=TERMINAL)
            forecast = result.forecast(q_limit=Q_LIMIT)
        except ValueError:
            failures += 1
            continue
        # EUR on the true cumulative to date, so only the forecast's error is measured
        done = float(truth.cum(well.history.end))
        t_limit = max(truth.time_to_rate(Q_LIMIT), well.history.end)
        errors.append((done + forecast.remaining) / float(truth.cum(t_limit)) - 1.0)
    seconds = time.perf_counter() - t0

    abs_err = sorted(abs(e) for e in errors)
    print(f"fit + forecast: {1000 * seconds / args.wells:.1f} ms per well, "
          f"{failures} refused")  # fmt: skip
    if abs_err:
        p90 = abs_err[int(0.9 * (len(abs_err) - 1))]
        median, mean = statistics.median(abs_err), statistics.fmean(errors)
        print(f"EUR vs truth: median |error| {100 * median:.1f} %, "
              f"P90 |error| {100 * p90:.1f} %, mean error {100 * mean:+.1f} %")  # fmt: skip

    if args.bands > 0:
        t0 = time.perf_counter()
        for _, well in field[: args.bands]:
            fit(well.history, "modified_hyperbolic", terminal_decline=TERMINAL).p_bands(
                n=200, seed=args.seed, q_limit=Q_LIMIT
            )
        per = (time.perf_counter() - t0) / args.bands
        print(f"P-bands (200 bootstrap replicates): {per:.2f} s per well")

    print(f"dca wells={args.wells} seconds={seconds:.2f}")


if __name__ == "__main__":
    main()
