"""The work functions the job runner calls on its worker thread (:func:`run_nodal`,
:func:`run_sensitivity`) and their results (:class:`NodalRun`, :class:`SensitivityRun`).

Every number is the domain's; a sensitivity runs one value at a time so that it can
report progress and be cancelled between values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from domain.engineering.flow import (
    NodalResult,
    Outflow,
    SensitivityCase,
    TraverseResult,
    choke_sensitivity,
    esp_frequency_sensitivity,
    glr_sensitivity,
    nodal_analysis,
    thp_sensitivity,
)

from .inputs import CHOKES, NodalInputs, Variable, variable_label, variable_unit
from .translate import tr
from .well import Well


@dataclass(frozen=True)
class NodalRun:
    """One base case: curves, operating point and the traverse at it."""

    well: Well
    result: NodalResult
    #: a smooth IPR from pwf = pr to 0 (the nodal grid stops at 99.5 % of qmax)
    ipr_q: np.ndarray
    ipr_pwf: np.ndarray
    traverse: TraverseResult | None

    @property
    def inputs(self) -> NodalInputs:
        return self.well.inputs


@dataclass(frozen=True)
class SensitivityRun:
    variable: Variable
    base: NodalRun
    rates_stb_d: np.ndarray
    cases: tuple[SensitivityCase, ...]
    note: str = ""


ProgressFn = Callable[[float, str], None]


class _ReportingOutflow:
    """Stands in for an Outflow in :func:`nodal_analysis`, reporting each VLP evaluation (and
    giving the user's cancel a chance) before delegating. The numbers are the Outflow's."""

    def __init__(self, outflow: Outflow, progress: ProgressFn, n_rates: int) -> None:
        self.outflow = outflow
        self.progress = progress
        self.n_rates = n_rates
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.outflow, name)

    def pwf(self, rates: Any, thp: Any) -> Any:
        self.calls += 1
        if self.calls == 1:
            self.progress(0.05, tr("VLP: pressure traverses at %1 rates…")
                          .replace("%1", str(self.n_rates)))
        else:
            self.progress(0.6, tr("Refining the operating point…"))
        return self.outflow.pwf(rates, thp)


def _rates(well: Well) -> np.ndarray:
    q = well.ipr.qmax_stb_d
    return np.linspace(0.005 * q, 0.995 * q, well.inputs.rate_points)


def run_nodal(progress: ProgressFn, well: Well, scale: tuple[float, float] = (0.0, 1.0)
              ) -> NodalRun:
    """The work function of a base run: :func:`nodal_analysis` and the traverse at the
    operating point. ``scale`` maps this run's progress into a larger job's."""
    lo, hi = scale

    def sub(f: float, text: str) -> None:
        progress(lo + (hi - lo) * f, text)

    q = _rates(well)
    proxy = _ReportingOutflow(well.outflow, sub, q.size)
    result = nodal_analysis(well.ipr, cast(Outflow, proxy), well.inputs.thp_psia, q)
    trav = None
    op = result.operating_point
    if op is not None:
        sub(0.85, tr("Pressure traverse at the operating point…"))
        trav = well.outflow.traverse(op.rate_stb_d, well.inputs.thp_psia)
    pwf_axis = np.linspace(well.ipr.pr_psia, 0.0, 81)
    sub(1.0, "")
    return NodalRun(well, result, np.asarray(well.ipr.rate(pwf_axis)), pwf_axis, trav)


def run_sensitivity(progress: ProgressFn, well: Well, values: Sequence[float]) -> SensitivityRun:
    """The base case, then one VLP curve and operating point per value (domain's
    ``*_sensitivity`` functions, one value at a time: progress and cancel between values)."""
    inp = well.inputs
    base = run_nodal(progress, well, (0.0, 0.2))
    q = base.result.rates_stb_d
    cases: list[SensitivityCase] = []
    label = variable_label(inp.variable)
    unit = variable_unit(inp.variable)
    note = ""
    for k, v in enumerate(values):
        progress(0.2 + 0.8 * k / len(values), tr("%1 = %2 %3 (%4 of %5)…")
                 .replace("%1", label).replace("%2", f"{v:g}").replace("%3", unit)
                 .replace("%4", str(k + 1)).replace("%5", str(len(values))))
        if inp.variable == "thp":
            fam = thp_sensitivity(well.ipr, well.outflow, [v], q)
        elif inp.variable == "choke":
            fam = choke_sensitivity(well.ipr, well.outflow, [v], inp.flowline_psia,
                                    CHOKES[inp.choke], q)
        elif inp.variable == "esp_frequency":
            fam = esp_frequency_sensitivity(well.ipr, well.outflow, inp.thp_psia, [v], q)
        else:
            fam = glr_sensitivity(well.ipr, well.outflow, inp.thp_psia, [v],
                                  inp.injection_md_ft, q)
        cases.append(fam.cases[0])
    if inp.variable == "glr":
        fglr = well.outflow.production.formation_glr_scf_stb
        if any(v < fglr for v in values):
            note = (tr("GLR values below the formation GLR (%1 scf/STB) are run at the "
                       "formation GLR.").replace("%1", f"{fglr:.0f}"))
    if inp.variable == "choke":
        note = (tr("Choke: %1 critical-flow correlation, THP never below the flowline "
                   "pressure (%2 psia).").replace("%1", CHOKES[inp.choke].name)
                .replace("%2", f"{inp.flowline_psia:g}"))
    progress(1.0, "")
    return SensitivityRun(inp.variable, base, q, tuple(cases), note)
