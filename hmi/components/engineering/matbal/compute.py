"""Running a job: the domain's ``estimate_ooip`` / ``estimate_ogip`` on the worker thread,
then :mod:`.describe` turns the answer into an :class:`~.job.Outcome`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.engineering import matbal as mb
from domain.engineering.pvt import gas as pvt_gas

from .describe import _gas_outcome, _oil_outcome
from .job import Job, Outcome


def _z_function(sg: float, t_f: float) -> Callable[[float], float]:
    pc = pvt_gas.pseudo_critical(sg)

    def z(p: float) -> float:
        tpr, ppr = pc.reduced(p, t_f)
        return pvt_gas.z_factor(tpr, ppr)

    return z


def compute(job: Job, progress: Callable[[float, str], None] | None = None) -> Outcome:
    """Run the domain solver for ``job`` and describe the answer (worker thread)."""
    def report(f: float, text: str) -> None:
        if progress is not None:
            progress(f, text)

    report(0.05, "Material balance: checking the history")
    h = job.history
    p = job.params
    if job.kind == "oil":
        hist = mb.OilHistory(
            pressure=h["pressure"], cum_oil=h["cum_oil"], bo=h["bo"],
            cum_gas=h.get("cum_gas"), rs=h.get("rs"), bg=h.get("bg"),
            cum_water=h.get("cum_water"), bw=h.get("bw"), time_days=h.get("time_days"),
            cum_water_injected=h.get("cum_water_injected"),
            cum_gas_injected=h.get("cum_gas_injected"))
        report(0.3, "Material balance: fitting the Havlena-Odeh line")
        res = mb.estimate_ooip(hist, swi=p["swi"], cw=p["cw"], cf=p["cf"],
                               gas_cap_ratio=p["gas_cap_ratio"], aquifer=p["aquifer"],
                               exclude=p["exclude"])
        report(0.9, "Material balance: tabulating")
        return _oil_outcome(job, res)
    z: Any
    z = h["z"] if "z" in h else _z_function(p["gas_sg"], p["temperature"])
    za = p["abandonment_z"]
    if za is None and p["abandonment_pressure"] is not None and p["gas_sg"] is not None \
            and not callable(z):
        za = _z_function(p["gas_sg"], p["temperature"])(p["abandonment_pressure"])
    ghist = mb.GasHistory(pressure=h["pressure"], cum_gas=h["cum_gas"], z=z,
                          temperature_f=p["temperature"], bg=h.get("bg"),
                          cum_water=h.get("cum_water"), bw=h.get("bw"),
                          time_days=h.get("time_days"))
    report(0.3, "Material balance: fitting the p/z line")
    gres = mb.estimate_ogip(ghist, swi=p["swi"], cw=p["cw"], cf=p["cf"], aquifer=p["aquifer"],
                            abandonment_pressure=p["abandonment_pressure"],
                            abandonment_z=za, exclude=p["exclude"])
    report(0.9, "Material balance: tabulating")
    return _gas_outcome(job, gres, z)
