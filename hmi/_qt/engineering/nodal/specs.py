"""The nodal form's numeric inputs (:class:`Spec`, :data:`SPECS`), their display units in SI,
their tooltips, and how a number is written in a field.
"""

from __future__ import annotations

from dataclasses import dataclass

from hmi._qt.engineering.common import tr

ERROR_STYLE = "border: 1.5px solid #b03a2e;"
SI_LABEL = {"psi": "kPa", "degF": "°C", "ft": "m", "bbl/d": "m³/d"}


@dataclass(frozen=True)
class Spec:
    """A numeric input: the model attribute, the unit converted for display (``conv``, a
    :mod:`hmi.components.units` source unit, or ""), the oilfield unit label."""

    key: str
    unit: str
    conv: str = ""
    integer: bool = False
    optional: bool = False


SPECS: dict[str, Spec] = {s.key: s for s in (
    Spec("pr_psia", "psia", "psi"),
    Spec("t_res_degf", "°F", "degF"),
    Spec("test_q_stb_d", "STB/d", "bbl/d"),
    Spec("test_pwf_psia", "psia", "psi"),
    Spec("pb_psia", "psia", "psi", optional=True),
    Spec("pi_stb_d_psi", "STB/d/psi"),
    Spec("qmax_stb_d", "STB/d", "bbl/d"),
    Spec("fet_c", "STB/d/psi²ⁿ"),
    Spec("fet_n", "—"),
    Spec("api", "°API"),
    Spec("gas_sg", "air = 1"),
    Spec("gor_scf_stb", "scf/STB"),
    Spec("water_cut_pct", "%"),
    Spec("water_sg", "water = 1"),
    Spec("md_ft", "ft", "ft"),
    Spec("tvd_ft", "ft", "ft"),
    Spec("tubing_id_in", "in"),
    Spec("roughness_in", "in"),
    Spec("twh_degf", "°F", "degF"),
    Spec("thp_psia", "psia", "psi"),
    Spec("rate_points", "—", integer=True),
    Spec("pump_md_ft", "ft", "ft"),
    Spec("pump_stages", "—", integer=True),
    Spec("pump_hz", "Hz"),
    Spec("flowline_psia", "psia", "psi"),
    Spec("injection_md_ft", "ft", "ft", optional=True),
)}


def tooltips() -> dict[str, str]:
    return {
        "pr_psia": tr("Average reservoir pressure in the drainage area (static), absolute."),
        "t_res_degf": tr("Reservoir temperature; the flowing temperature is taken linear "
                         "between the wellhead and this value at the perforations."),
        "ipr_model": tr("Inflow model: composite = straight-line PI above the bubble point "
                        "and Vogel below (undersaturated reservoirs); Vogel for saturated "
                        "reservoirs; Fetkovich back-pressure q = C (pr² − pwf²)ⁿ."),
        "ipr_source": tr("Fit the IPR to a stabilised well test, or type its parameters."),
        "test_q_stb_d": tr("Stabilised liquid rate of the well test (stock-tank)."),
        "test_pwf_psia": tr("Flowing bottomhole pressure during the test, absolute."),
        "pb_psia": tr("Bubble-point pressure for the composite IPR. Leave empty to use the "
                      "fluid's (Standing) at reservoir temperature."),
        "pi_stb_d_psi": tr("Productivity index J above the bubble point."),
        "qmax_stb_d": tr("Vogel absolute open flow (rate at pwf = 0)."),
        "fet_c": tr("Fetkovich back-pressure coefficient C."),
        "fet_n": tr("Fetkovich exponent n: 1 for Darcy flow, down to 0.5 with strong "
                    "turbulence. With a well test, C is fitted to the test at this n."),
        "api": tr("Stock-tank oil gravity."),
        "gas_sg": tr("Producing gas specific gravity (air = 1)."),
        "gor_scf_stb": tr("Producing gas-oil ratio (formation gas, without lift gas)."),
        "water_cut_pct": tr("Water fraction of the stock-tank liquid."),
        "water_sg": tr("Formation water specific gravity (sets the salinity)."),
        "md_ft": tr("Measured depth of the mid-perforations (the bottomhole node)."),
        "tvd_ft": tr("True vertical depth of the mid-perforations; equal to MD for a "
                     "vertical well, less for a straight deviated hole."),
        "tubing_id_in": tr("Tubing inside diameter (2-7/8 in tubing: 2.441 in)."),
        "roughness_in": tr("Absolute pipe roughness (new steel 0.0006 in)."),
        "twh_degf": tr("Flowing wellhead temperature."),
        "correlation": tr("Multiphase pressure-gradient correlation for the tubing."),
        "thp_psia": tr("Flowing tubing-head (wellhead) pressure, absolute."),
        "rate_points": tr("Rates on the VLP curve (one pressure traverse each)."),
        "esp": tr("An electrical submersible pump in the tubing (affinity laws, no gas "
                  "degradation)."),
        "pump_md_ft": tr("Pump setting depth (measured)."),
        "pump_stages": tr("Number of pump stages."),
        "pump_hz": tr("Operating frequency of the pump motor."),
        "pump_rates_bpd": tr("Catalogue curve at 60 Hz: in-situ rates, bbl/d, comma separated."),
        "pump_head_ft": tr("Catalogue curve at 60 Hz: head per stage, ft, one per rate."),
        "variable": tr("The parameter to vary; one VLP curve and operating point per value."),
        "values": tr("Values of the parameter, comma separated (up to 12)."),
        "flowline_psia": tr("Pressure downstream of the choke (flowline), absolute."),
        "choke": tr("Critical-flow choke correlation (Gilbert-type)."),
        "injection_md_ft": tr("Gas-lift injection depth (measured); empty = at the bottom."),
    }


def _fmt_field(v: float) -> str:
    return f"{v:.6g}"
