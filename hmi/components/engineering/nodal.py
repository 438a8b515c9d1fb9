"""Inflow/outflow (nodal) analysis of one oil well, Qt-free: inputs, validation, the
background work functions and the report.

The engineer describes the well the way it is known in the field (reservoir pressure and
temperature, a well test or a productivity index, oil API, GOR, water cut, tubing, wellhead
pressure, an optional ESP) in :class:`NodalInputs`, always in oilfield units (psia, degF, ft,
STB/d, in); the widget converts what it shows. :func:`build_well` turns the inputs into the
domain objects of :mod:`domain.engineering.flow` (an IPR and an :class:`Outflow`) and names the
field at fault when something is wrong. :func:`run_nodal` and :func:`run_sensitivity` are the
work functions the :class:`~hmi.components.engineering.jobs.JobRunner` runs in its worker
thread; :class:`NodalModel` keeps the last results and builds the :class:`Report`.

Every number comes from the domain library: the operating point is
:func:`domain.engineering.flow.nodal_analysis`'s, the families are its ``*_sensitivity``
functions', evaluated one value at a time so the run can report progress and be cancelled.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np

from domain.engineering.flow import (
    ACHONG,
    BAXENDELL,
    GILBERT,
    ROS,
    ChokeCorrelation,
    CompositeIPR,
    EspPump,
    FetkovichIPR,
    FlowPattern,
    InflowModel,
    NodalResult,
    OperatingPoint,
    Outflow,
    Production,
    PumpCurve,
    SensitivityCase,
    TemperatureProfile,
    TraverseResult,
    VogelIPR,
    Wellbore,
    choke_sensitivity,
    esp_frequency_sensitivity,
    glr_sensitivity,
    nodal_analysis,
    thp_sensitivity,
)
from domain.engineering.pvt import BlackOilFluid
from hmi.components.events import Event
from hmi.components.units import UnitsModel, UnitSystem
from hmi.reports import Chart, KeyValues, Note, Report, Series, Table

# -- translation hook ---------------------------------------------------------------------------
# The model may not import Qt; the widget installs QCoreApplication.translate here. Strings
# go through the module-level tr() so that lupdate finds them.

_translator: list[Callable[[str], str]] = [lambda s: s]


def set_translator(fn: Callable[[str], str]) -> None:
    _translator[0] = fn


def tr(text: str) -> str:
    return _translator[0](text)


IprModel = Literal["composite", "vogel", "fetkovich", "pi"]
IprSource = Literal["test", "direct"]
Variable = Literal["thp", "choke", "esp_frequency", "glr"]
CHOKES: dict[str, ChokeCorrelation] = {"gilbert": GILBERT, "ros": ROS, "baxendell": BAXENDELL,
                                       "achong": ACHONG}
CORRELATION_NAMES = {"beggs_brill": "Beggs & Brill", "hagedorn_brown": "Hagedorn & Brown"}
PATTERN_NAMES = {
    FlowPattern.LIQUID: "Liquid",
    FlowPattern.GAS: "Gas",
    FlowPattern.SEGREGATED: "Segregated",
    FlowPattern.TRANSITION: "Transition",
    FlowPattern.INTERMITTENT: "Intermittent",
    FlowPattern.DISTRIBUTED: "Distributed",
    FlowPattern.BUBBLE: "Bubble",
    FlowPattern.SLUG_CHURN: "Slug / churn",
}


class InputError(ValueError):
    """Bad input; ``field`` is the :class:`NodalInputs` attribute at fault (the widget
    highlights it), the message names it in words."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


# -- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodalInputs:
    """Everything the analysis needs, oilfield units. The defaults are a realistic example:
    an 8,000 ft vertical producer in 2-7/8 in tubing (2.441 in ID), 32 degAPI oil, 30 % water,
    an undersaturated reservoir tested at 900 STB/d with 2,700 psia flowing."""

    pr_psia: float = 3500.0
    t_res_degf: float = 200.0
    ipr_model: IprModel = "composite"
    ipr_source: IprSource = "test"
    test_q_stb_d: float = 900.0
    test_pwf_psia: float = 2700.0
    #: bubble point for the composite IPR; None = from the fluid (Standing) at reservoir T
    pb_psia: float | None = None
    pi_stb_d_psi: float = 1.0
    qmax_stb_d: float = 2000.0
    fet_c: float = 5.0e-4
    fet_n: float = 0.85
    api: float = 32.0
    gas_sg: float = 0.75
    gor_scf_stb: float = 400.0
    water_cut_pct: float = 30.0
    water_sg: float = 1.07
    md_ft: float = 8000.0
    tvd_ft: float = 8000.0
    tubing_id_in: float = 2.441
    roughness_in: float = 0.0006
    twh_degf: float = 100.0
    correlation: Literal["beggs_brill", "hagedorn_brown"] = "beggs_brill"
    thp_psia: float = 200.0
    rate_points: int = 40
    esp: bool = False
    pump_md_ft: float = 7500.0
    pump_stages: int = 120
    pump_hz: float = 60.0
    #: catalogue curve at 60 Hz: in-situ rate (bbl/d) and head per stage (ft)
    pump_rates_bpd: tuple[float, ...] = (0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0, 3000.0)
    pump_head_ft: tuple[float, ...] = (32.0, 31.0, 29.0, 26.0, 21.5, 15.0, 6.0)
    # sensitivity
    variable: Variable = "thp"
    values: tuple[float, ...] = (100.0, 200.0, 300.0, 400.0, 500.0)
    flowline_psia: float = 100.0
    choke: str = "gilbert"
    injection_md_ft: float | None = None

    def replace(self, **changes: Any) -> NodalInputs:
        return dataclasses.replace(self, **changes)


#: What the sensitivity values of each variable look like by default (a sensible family).
DEFAULT_VALUES: dict[Variable, tuple[float, ...]] = {
    "thp": (100.0, 200.0, 300.0, 400.0, 500.0),
    "choke": (16.0, 24.0, 32.0, 48.0, 64.0),
    "esp_frequency": (45.0, 50.0, 55.0, 60.0, 65.0),
    "glr": (400.0, 600.0, 800.0, 1200.0, 1600.0),
}


def variable_label(v: Variable) -> str:
    return {"thp": tr("Wellhead pressure (THP)"), "choke": tr("Choke bean size"),
            "esp_frequency": tr("ESP frequency"), "glr": tr("Total GLR (gas lift)")}[v]


def variable_short(v: Variable) -> str:
    """A column header for the variable."""
    return {"thp": "THP", "choke": tr("Choke"), "esp_frequency": tr("ESP frequency"),
            "glr": tr("Total GLR")}[v]


def variable_unit(v: Variable) -> str:
    """Oilfield unit of the sensitivity variable (THP converts with the display units)."""
    return {"thp": "psia", "choke": "1/64 in", "esp_frequency": "Hz", "glr": "scf/STB"}[v]


def parse_numbers(text: str, what: str, field_name: str) -> tuple[float, ...]:
    """``"100, 200; 300"`` → floats; a clear message naming ``what`` otherwise."""
    parts = [p for p in text.replace(";", ",").replace("\n", ",").split(",") if p.strip()]
    if not parts:
        raise InputError(field_name, tr("%1: enter at least one value").replace("%1", what))
    out = []
    for p in parts:
        try:
            v = float(p.strip())
        except ValueError:
            raise InputError(field_name, tr("%1: '%2' is not a number")
                             .replace("%1", what).replace("%2", p.strip())) from None
        if not math.isfinite(v):
            raise InputError(field_name, tr("%1: '%2' is not a number")
                             .replace("%1", what).replace("%2", p.strip()))
        out.append(v)
    return tuple(out)


# -- building the domain objects -------------------------------------------------------------


@dataclass(frozen=True)
class Well:
    """The domain objects for one set of inputs."""

    inputs: NodalInputs
    ipr: InflowModel
    outflow: Outflow
    pb_psia: float
    ipr_summary: list[tuple[str, str]]


def _need(cond: bool, field_name: str, message: str) -> None:
    if not cond:
        raise InputError(field_name, message)


def _finite(inp: NodalInputs) -> None:
    labels = field_labels()
    for f in dataclasses.fields(inp):
        v = getattr(inp, f.name)
        if isinstance(v, float) and not math.isfinite(v):
            raise InputError(f.name, tr("%1 must be a finite number")
                             .replace("%1", labels.get(f.name, f.name)))


def field_labels() -> dict[str, str]:
    """Input names as the form shows them (translated), for messages."""
    return {
        "pr_psia": tr("Reservoir pressure"), "t_res_degf": tr("Reservoir temperature"),
        "test_q_stb_d": tr("Test rate"), "test_pwf_psia": tr("Test flowing pressure"),
        "pb_psia": tr("Bubble point"), "pi_stb_d_psi": tr("Productivity index"),
        "qmax_stb_d": tr("Absolute open flow"), "fet_c": tr("Fetkovich C"),
        "fet_n": tr("Fetkovich n"), "api": tr("Oil gravity"), "gas_sg": tr("Gas gravity"),
        "gor_scf_stb": tr("Producing GOR"), "water_cut_pct": tr("Water cut"),
        "water_sg": tr("Water gravity"), "md_ft": tr("Measured depth"),
        "tvd_ft": tr("True vertical depth"), "tubing_id_in": tr("Tubing ID"),
        "roughness_in": tr("Roughness"), "twh_degf": tr("Wellhead temperature"),
        "thp_psia": tr("Wellhead pressure"), "rate_points": tr("VLP rate points"),
        "pump_md_ft": tr("Pump depth"), "pump_stages": tr("Stages"),
        "pump_hz": tr("Frequency"), "pump_rates_bpd": tr("Pump curve rates"),
        "pump_head_ft": tr("Pump curve head"), "values": tr("Values"),
        "flowline_psia": tr("Flowline pressure"), "injection_md_ft": tr("Injection depth"),
    }


def _positive(inp: NodalInputs, name: str) -> None:
    _need(getattr(inp, name) > 0, name,
          tr("%1 must be greater than zero").replace("%1", field_labels()[name]))


def build_well(inp: NodalInputs) -> Well:
    """Validate the inputs and build the IPR and outflow; :class:`InputError` names the field.
    Cheap (no traverse): safe on the window's thread."""
    _finite(inp)
    lab = field_labels()
    for name in ("pr_psia", "md_ft", "tvd_ft", "tubing_id_in", "thp_psia"):
        _positive(inp, name)
    _need(inp.tubing_id_in <= 12.0, "tubing_id_in",
          tr("Tubing ID is in inches; %1 in is not a tubing")
          .replace("%1", f"{inp.tubing_id_in:g}"))
    _need(0 <= inp.roughness_in < inp.tubing_id_in / 10, "roughness_in",
          tr("Roughness must be between 0 and a tenth of the tubing ID (in)"))
    _need(inp.tvd_ft <= inp.md_ft, "tvd_ft",
          tr("True vertical depth cannot exceed the measured depth"))
    _need(0 <= inp.water_cut_pct <= 100, "water_cut_pct",
          tr("Water cut must be between 0 and 100 %"))
    _need(inp.gor_scf_stb >= 0, "gor_scf_stb", tr("Producing GOR cannot be negative"))
    _need(32 < inp.t_res_degf < 500, "t_res_degf",
          tr("Reservoir temperature must be between 32 and 500 degF"))
    _need(32 <= inp.twh_degf <= inp.t_res_degf, "twh_degf",
          tr("Wellhead temperature must be between 32 degF and the reservoir temperature"))
    _need(10 <= inp.rate_points <= 200, "rate_points",
          tr("VLP rate points must be between 10 and 200"))
    _need(inp.thp_psia < inp.pr_psia, "thp_psia",
          tr("Wellhead pressure must be below the reservoir pressure"))
    try:
        fluid = BlackOilFluid(api=inp.api, gas_sg=inp.gas_sg, gor_scf_stb=inp.gor_scf_stb,
                              water_sg=inp.water_sg)
    except ValueError as e:
        name = ("api" if "api" in str(e).lower() else "gas_sg" if "gas" in str(e).lower()
                else "water_sg" if "water" in str(e).lower() else "gor_scf_stb")
        raise InputError(name, tr("Fluid: %1").replace("%1", str(e))) from e
    pb_fluid = fluid.bubble_point(inp.t_res_degf)
    pb = pb_fluid if inp.pb_psia is None else inp.pb_psia
    ipr, summary = _build_ipr(inp, pb, lab)
    wc = inp.water_cut_pct / 100.0
    if inp.md_ft == inp.tvd_ft:
        wb = Wellbore.vertical(inp.md_ft, inp.tubing_id_in, inp.roughness_in)
    else:  # a straight slant hole from surface to the perforations
        wb = Wellbore((0.0, inp.md_ft), (0.0, inp.tvd_ft), inp.tubing_id_in, inp.roughness_in)
    temp = TemperatureProfile.between(inp.twh_degf, inp.t_res_degf, inp.tvd_ft)
    pump = None
    if inp.esp:
        _need(0 < inp.pump_md_ft < inp.md_ft, "pump_md_ft",
              tr("Pump depth must be inside the well (between 0 and the measured depth)"))
        _need(inp.pump_stages >= 1, "pump_stages", tr("The pump needs at least one stage"))
        _need(20 <= inp.pump_hz <= 90, "pump_hz",
              tr("ESP frequency must be between 20 and 90 Hz"))
        _need(len(inp.pump_rates_bpd) == len(inp.pump_head_ft), "pump_head_ft",
              tr("Pump curve: give one head per rate"))
        try:
            curve = PumpCurve.from_points(inp.pump_rates_bpd, inp.pump_head_ft)
        except ValueError as e:
            raise InputError("pump_rates_bpd", tr("Pump curve: %1").replace("%1", str(e))) from e
        pump = EspPump(curve, int(inp.pump_stages), inp.pump_md_ft)
    outflow = Outflow(wb, fluid, Production(inp.gor_scf_stb, wc), temp,
                      correlation=inp.correlation, pump=pump, pump_hz=inp.pump_hz)
    summary.append((tr("Bubble point used") + " (psia)", f"{pb:.0f}"
                    + ("" if inp.pb_psia is not None else " " + tr("(from fluid PVT)"))))
    return Well(inp, ipr, outflow, pb, summary)


def _build_ipr(inp: NodalInputs, pb: float,
               lab: dict[str, str]) -> tuple[InflowModel, list[tuple[str, str]]]:
    pr = inp.pr_psia
    ipr: InflowModel
    if inp.ipr_source == "test":
        _positive(inp, "test_q_stb_d")
        _need(0 <= inp.test_pwf_psia < pr, "test_pwf_psia",
              tr("Test flowing pressure must be between 0 and the reservoir pressure"))
    if inp.ipr_model in ("composite", "pi"):
        pb_used = pb if inp.ipr_model == "composite" else 0.0
        _need(pb_used >= 0, "pb_psia", tr("Bubble point cannot be negative"))
        if inp.ipr_source == "test":
            ipr = CompositeIPR.from_test(pr, pb_used, inp.test_q_stb_d, inp.test_pwf_psia)
        else:
            _positive(inp, "pi_stb_d_psi")
            ipr = CompositeIPR(pr, pb_used, inp.pi_stb_d_psi)
        comp = ipr
        name = (tr("Composite (straight line above pb, Vogel below)")
                if inp.ipr_model == "composite" else tr("Straight-line PI"))
        summary = [(tr("IPR"), name), (tr("Productivity index") + " (STB/d/psi)",
                                      f"{comp.j_stb_d_psi:.4g}")]
    elif inp.ipr_model == "vogel":
        if inp.ipr_source == "test":
            ipr = VogelIPR.from_test(pr, inp.test_q_stb_d, inp.test_pwf_psia)
        else:
            _positive(inp, "qmax_stb_d")
            ipr = VogelIPR(pr, inp.qmax_stb_d)
        summary = [(tr("IPR"), "Vogel")]
    else:
        _need(0.3 <= inp.fet_n <= 1.5, "fet_n", tr("Fetkovich n must be between 0.3 and 1.5"))
        if inp.ipr_source == "test":
            # one test and the exponent: C = q / (pr^2 - pwf^2)^n
            c = inp.test_q_stb_d / (pr**2 - inp.test_pwf_psia**2) ** inp.fet_n
        else:
            _positive(inp, "fet_c")
            c = inp.fet_c
        ipr = FetkovichIPR(pr, c, inp.fet_n)
        summary = [(tr("IPR"), "Fetkovich"), ("C (STB/d/psi^2n)", f"{c:.4g}"),
                   ("n", f"{inp.fet_n:.3g}")]
    summary.append((tr("Absolute open flow") + " (STB/d)", f"{ipr.qmax_stb_d:,.0f}"))
    return ipr, summary


def parse_values(inp: NodalInputs) -> tuple[float, ...]:
    """Check the sensitivity values for the chosen variable."""
    vals = inp.values
    label = variable_label(inp.variable)
    _need(1 <= len(vals) <= 12, "values",
          tr("%1: give between 1 and 12 values").replace("%1", label))
    if inp.variable == "thp":
        _need(all(0 < v < inp.pr_psia for v in vals), "values",
              tr("Wellhead pressure (THP) values must be between 0 and the reservoir pressure"))
    elif inp.variable == "choke":
        _need(all(1 <= v <= 256 for v in vals), "values",
              tr("Choke bean sizes are in 64ths of an inch, between 1 and 256"))
        _need(0 < inp.flowline_psia < inp.pr_psia, "flowline_psia",
              tr("Flowline pressure must be between 0 and the reservoir pressure"))
    elif inp.variable == "esp_frequency":
        _need(inp.esp, "values", tr("Enable the ESP to run a frequency sensitivity"))
        _need(all(20 <= v <= 90 for v in vals), "values",
              tr("ESP frequencies must be between 20 and 90 Hz"))
    else:
        _need(all(v >= 0 for v in vals), "values", tr("GLR values cannot be negative"))
        inj = inp.injection_md_ft
        _need(inj is None or 0 < inj <= inp.md_ft, "injection_md_ft",
              tr("Injection depth must be inside the well (between 0 and the measured depth)"))
    return tuple(sorted(set(vals)))


# -- results and work functions ----------------------------------------------------------------


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


# -- the model ---------------------------------------------------------------------------------


def _finite_or_nan(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a), a, np.nan)


def fmt(v: float, digits: int = 4) -> str:
    """A number for the screen: ``digits`` significant figures, thousands grouped."""
    if v is None or not math.isfinite(v):
        return "—"
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e7 or a < 1e-3:
        return f"{v:.{digits - 1}e}"
    dec = max(0, digits - 1 - math.floor(math.log10(a)))
    return f"{v:,.{dec}f}"


def fin(v: float) -> str:
    """An input value as typed: up to 5 significant figures, no trailing zeros."""
    return f"{v:,.5g}"


@dataclass
class Display:
    """Unit conversion for what is shown: the model computes in oilfield units."""

    units: UnitsModel = field(default_factory=UnitsModel)

    @property
    def si(self) -> bool:
        return self.units.system is UnitSystem.SI

    def p(self, v: Any) -> Any:
        return self.units.converter("psi")(v)

    def q(self, v: Any) -> Any:
        return self.units.converter("bbl/d")(v)

    def d(self, v: Any) -> Any:
        return self.units.converter("ft")(v)

    def t(self, v: Any) -> Any:
        return self.units.converter("degF")(v)

    @property
    def pu(self) -> str:
        return "kPa" if self.si else "psia"

    @property
    def qu(self) -> str:
        return "m³/d" if self.si else "STB/d"

    @property
    def du(self) -> str:
        return "m" if self.si else "ft"

    @property
    def tu(self) -> str:
        return "°C" if self.si else "°F"

    def value(self, variable: Variable, v: float) -> float:
        return float(self.p(v)) if variable == "thp" else v

    def value_unit(self, variable: Variable) -> str:
        return self.pu if variable == "thp" else variable_unit(variable)


class NodalModel:
    """The tab's state: inputs, the last base run and the last sensitivity family.

    ``changed`` fires after results are applied (the widget redraws).
    """

    def __init__(self, units: UnitsModel | None = None) -> None:
        self.inputs = NodalInputs()
        self.display = Display(units or UnitsModel())
        self.run: NodalRun | None = None
        self.sensitivity: SensitivityRun | None = None
        self.changed = Event()

    # jobs ----------------------------------------------------------------------------------

    def prepare(self, inputs: NodalInputs | None = None) -> Well:
        """Validate (raises :class:`InputError`) and keep the inputs."""
        inp = inputs or self.inputs
        well = build_well(inp)
        self.inputs = inp
        return well

    def prepare_sensitivity(self, inputs: NodalInputs | None = None
                            ) -> tuple[Well, tuple[float, ...]]:
        well = self.prepare(inputs)
        return well, parse_values(well.inputs)

    def apply_run(self, run: NodalRun) -> None:
        self.run = run
        self.sensitivity = None  # a family of other inputs would mislead
        self.changed.emit()

    def apply_sensitivity(self, sens: SensitivityRun) -> None:
        self.run = sens.base
        self.sensitivity = sens
        self.changed.emit()

    # text ----------------------------------------------------------------------------------

    def dead_message(self) -> str:
        run = self.run
        assert run is not None
        p = fmt(self.display.p(run.inputs.thp_psia))
        return (tr("No operating point: the well cannot flow at this THP (%1 %2); the VLP "
                   "lies above the IPR at every rate. Lower the wellhead pressure, add lift "
                   "(ESP, gas lift) or check the inputs.")
                .replace("%1", p).replace("%2", self.display.pu))

    def operating_text(self) -> str:
        """One line for the screen and the report."""
        if self.run is None:
            return ""
        op = self.run.result.operating_point
        if op is None:
            return self.dead_message()
        d = self.display
        return (tr("Operating point: q = %1 %2, pwf = %3 %4")
                .replace("%1", fmt(d.q(op.rate_stb_d))).replace("%2", d.qu)
                .replace("%3", fmt(d.p(op.pwf_psia))).replace("%4", d.pu))

    def result_items(self) -> list[tuple[str, str]]:
        """Key results, label → formatted value with units."""
        run = self.run
        if run is None:
            return []
        d = self.display
        op = run.result.operating_point
        items: list[tuple[str, str]] = []
        if op is None:
            items.append((tr("Operating point"), tr("none (the well is dead at this THP)")))
        else:
            items += [
                (tr("Liquid rate"), f"{fmt(d.q(op.rate_stb_d))} {d.qu}"),
                (tr("Oil rate"), f"{fmt(d.q(op.rate_stb_d * (1 - run.inputs.water_cut_pct / 100)))}"
                                 f" {d.qu}"),
                (tr("Flowing bottomhole pressure"), f"{fmt(d.p(op.pwf_psia))} {d.pu}"),
                (tr("Drawdown"),
                 f"{fmt(d.units.convert_delta(run.inputs.pr_psia - op.pwf_psia, 'psi'))} {d.pu}"),
            ]
        unstable = [p for p in run.result.intersections if not p.stable]
        if unstable:
            items.append((tr("Unstable intersection (heading)"),
                          f"{fmt(d.q(unstable[0].rate_stb_d))} {d.qu}"))
        items.append((tr("Absolute open flow"), f"{fmt(d.q(run.well.ipr.qmax_stb_d))} {d.qu}"))
        return items

    def sensitivity_rows(self) -> list[list[object]]:
        """value, q, pwf (display units) per case; None where the well is dead."""
        s = self.sensitivity
        if s is None:
            return []
        d = self.display
        rows: list[list[object]] = []
        for c in s.cases:
            op = c.operating_point
            rows.append([d.value(s.variable, c.value),
                         None if op is None else float(d.q(op.rate_stb_d)),
                         None if op is None else float(d.p(op.pwf_psia))])
        return rows

    def sensitivity_header(self) -> list[str]:
        s = self.sensitivity
        if s is None:
            return []
        d = self.display
        return [f"{variable_short(s.variable)} ({d.value_unit(s.variable)})",
                f"{tr('Liquid rate')} ({d.qu})", f"pwf ({d.pu})"]

    def input_items(self) -> list[tuple[str, str]]:
        """The inputs of the last run, formatted with units (for the report)."""
        run = self.run
        assert run is not None
        i = run.inputs
        d = self.display
        lab = field_labels()
        items = [
            (lab["pr_psia"], f"{fin(d.p(i.pr_psia))} {d.pu}"),
            (lab["t_res_degf"], f"{fin(d.t(i.t_res_degf))} {d.tu}"),
            *run.well.ipr_summary,
        ]
        if i.ipr_source == "test":
            items += [(lab["test_q_stb_d"], f"{fin(d.q(i.test_q_stb_d))} {d.qu}"),
                      (lab["test_pwf_psia"], f"{fin(d.p(i.test_pwf_psia))} {d.pu}")]
        items += [
            (lab["api"], f"{i.api:g} °API"), (lab["gas_sg"], f"{i.gas_sg:g}"),
            (lab["gor_scf_stb"], f"{i.gor_scf_stb:g} scf/STB"),
            (lab["water_cut_pct"], f"{i.water_cut_pct:g} %"),
            (lab["water_sg"], f"{i.water_sg:g}"),
            (lab["md_ft"], f"{fin(d.d(i.md_ft))} {d.du}"),
            (lab["tvd_ft"], f"{fin(d.d(i.tvd_ft))} {d.du}"),
            (lab["tubing_id_in"], f"{i.tubing_id_in:g} in"),
            (lab["roughness_in"], f"{i.roughness_in:g} in"),
            (lab["twh_degf"], f"{fin(d.t(i.twh_degf))} {d.tu}"),
            (tr("VLP correlation"), CORRELATION_NAMES[i.correlation]),
            (lab["thp_psia"], f"{fin(d.p(i.thp_psia))} {d.pu}"),
        ]
        if i.esp:
            items += [(tr("ESP"), tr("%1 stages at %2 %3, %4 Hz")
                       .replace("%1", str(i.pump_stages)).replace("%2", fmt(d.d(i.pump_md_ft)))
                       .replace("%3", d.du).replace("%4", f"{i.pump_hz:g}"))]
        return items

    # report --------------------------------------------------------------------------------

    def chart(self) -> Chart:
        """The IPR/VLP plot for print. Operating points are drawn as crosses (a short line
        pair, NaN-separated) in their VLP's series, so a family adds no legend entries."""
        run = self.run
        assert run is not None
        d = self.display
        res = run.result
        ipr_q, ipr_p = np.asarray(d.q(run.ipr_q)), np.asarray(d.p(run.ipr_pwf))
        dx, dy = 0.015 * float(np.max(ipr_q)), 0.025 * float(np.max(ipr_p))

        def cross(op: OperatingPoint | None) -> tuple[list[float], list[float]]:
            if op is None:
                return [], []
            x, y = float(d.q(op.rate_stb_d)), float(d.p(op.pwf_psia))
            nan = math.nan
            return ([nan, x - dx, x + dx, nan, x, x], [nan, y, y, nan, y - dy, y + dy])

        series = [Series(tr("IPR"), list(ipr_q), list(ipr_p), color="#1e8449")]
        s = self.sensitivity
        if s is None:
            series.append(Series(tr("VLP"), list(d.q(res.rates_stb_d)),
                                 list(d.p(_finite_or_nan(res.vlp_pwf_psia))), color="#1f4e9c"))
            cx, cy = cross(res.operating_point)
            if cx:
                series.append(Series(tr("Operating point"), cx[1:], cy[1:], color="#b03a2e"))
        else:
            for c in s.cases:
                cx, cy = cross(c.operating_point)
                series.append(Series(
                    f"VLP {fmt(d.value(s.variable, c.value), 3)} {d.value_unit(s.variable)}",
                    list(d.q(s.rates_stb_d)) + cx,
                    list(d.p(_finite_or_nan(c.vlp_pwf_psia))) + cy))
        return Chart(tr("Inflow (IPR) and outflow (VLP)"), f"{tr('Liquid rate')} ({d.qu})",
                     f"{tr('Flowing bottomhole pressure')} ({d.pu})", series)

    def build_report(self) -> Report:
        run = self.run
        if run is None:
            raise ValueError(tr("Nothing to export yet: press Calculate first."))
        d = self.display
        i = run.inputs
        subtitle = (f"{CORRELATION_NAMES[i.correlation]} — THP {fin(d.p(i.thp_psia))} {d.pu}"
                    f" — {run.well.ipr_summary[0][1]}")
        r = Report(tr("Nodal analysis (inflow / outflow)"), subtitle)
        r.add(KeyValues(tr("Results"), self.result_items()))
        if run.result.operating_point is None:
            r.add(Note(self.dead_message()))
        r.add(self.chart())
        s = self.sensitivity
        if s is not None:
            r.add(Table(tr("Sensitivity: %1").replace("%1", variable_label(s.variable)),
                        self.sensitivity_header(),
                        [[v, "—" if q is None else q, "—" if p is None else p]
                         for v, q, p in self.sensitivity_rows()]))
            if s.note:
                r.add(Note(s.note))
        r.add(KeyValues(tr("Inputs"), self.input_items()))
        trav = run.traverse
        if trav is not None:
            r.add(Chart(tr("Pressure traverse at the operating point"),
                        f"{tr('Measured depth')} ({d.du})", f"{tr('Pressure')} ({d.pu})",
                        [Series(tr("Pressure"), list(d.d(trav.md_ft)), list(d.p(trav.p_psia)))]))
            r.add(self.traverse_table())
        r.add(self.curves_table())
        r.add(Note(tr("IPR and VLP at the bottomhole node (mid-perforations). VLP by %1 "
                      "with a black-oil fluid (Standing); rates are stock-tank liquid.")
                   .replace("%1", CORRELATION_NAMES[i.correlation])))
        return r

    def traverse_table(self) -> Table:
        run = self.run
        assert run is not None and run.traverse is not None
        t = run.traverse
        d = self.display
        rows = [[float(d.d(t.md_ft[k])), float(d.d(t.tvd_ft[k])), float(d.p(t.p_psia[k])),
                 float(d.t(t.t_degf[k])), float(t.holdup[k]),
                 tr(PATTERN_NAMES.get(FlowPattern(int(t.pattern[k])), "?"))]
                for k in range(t.md_ft.size)]
        return Table(tr("Traverse table"),
                     [f"MD ({d.du})", f"TVD ({d.du})", f"{tr('Pressure')} ({d.pu})",
                      f"{tr('Temperature')} ({d.tu})", tr("Liquid holdup"), tr("Flow pattern")],
                     rows)

    def curves_table(self) -> Table:
        """The curves on the shared rate grid (all VLPs of a family side by side)."""
        run = self.run
        assert run is not None
        d = self.display
        res = run.result
        q = res.rates_stb_d
        header = [f"{tr('Liquid rate')} ({d.qu})", f"IPR pwf ({d.pu})", f"VLP pwf ({d.pu})"]
        cols = [d.q(q), d.p(res.ipr_pwf_psia), d.p(_finite_or_nan(res.vlp_pwf_psia))]
        s = self.sensitivity
        if s is not None:
            for c in s.cases:
                header.append(f"VLP {fmt(d.value(s.variable, c.value), 3)} "
                              f"{d.value_unit(s.variable)} ({d.pu})")
                cols.append(d.p(_finite_or_nan(c.vlp_pwf_psia)))
        rows = [[float(col[k]) for col in cols] for k in range(q.size)]
        return Table(tr("IPR and VLP curves"), header, rows)
