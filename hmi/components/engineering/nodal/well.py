"""Validating the inputs and building the domain objects of one well: the IPR and the
outflow (:func:`build_well`), and the checks of a sensitivity's values
(:func:`parse_values`). Cheap (no traverse), so it runs on the window's thread and a bad
input is reported before any work is queued.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from domain.engineering.flow import (
    CompositeIPR,
    EspPump,
    FetkovichIPR,
    InflowModel,
    Outflow,
    Production,
    PumpCurve,
    TemperatureProfile,
    VogelIPR,
    Wellbore,
)
from domain.engineering.pvt import BlackOilFluid

from .inputs import InputError, NodalInputs, field_labels, variable_label
from .translate import tr


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
