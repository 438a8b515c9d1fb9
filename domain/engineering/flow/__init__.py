"""Inflow, outflow and nodal analysis of oil wells (oilfield units: psia, degF, ft, STB/d).

Public API (everything an HMI "nodal" window needs):

Inflow (:mod:`.ipr`), all with ``rate(pwf)``, ``pwf(q)`` (vectorised), ``pr_psia``,
``qmax_stb_d``:

- ``VogelIPR(pr_psia, qmax_stb_d)``, ``VogelIPR.from_test(pr_psia, q_stb_d, pwf_psia)``
- ``FetkovichIPR(pr_psia, c, n)``, ``FetkovichIPR.from_tests(pr_psia, q_list, pwf_list)``
- ``CompositeIPR(pr_psia, pb_psia, j_stb_d_psi)``,
  ``CompositeIPR.from_test(pr_psia, pb_psia, q_stb_d, pwf_psia)`` (straight line above pb,
  Vogel below; pb <= 0 is a plain PI line)
- ``productivity_index(q_stb_d, pwf_psia, pr_psia, pb_psia=None) -> float``

Outflow (:mod:`.traverse`, :mod:`.well`):

- ``Wellbore.vertical(depth_ft, tubing_id_in, roughness_in)``,
  ``Wellbore(md_ft, tvd_ft, ...)``, ``Wellbore.from_inclination(md_ft, inc_deg, ...)``
- ``TemperatureProfile(wellhead_degf, gradient_degf_per_ft)``,
  ``TemperatureProfile.between(wellhead_degf, bottomhole_degf, bottom_tvd_ft)``
- ``Production(gor_scf_stb, water_cut=0, glr_total_scf_stb=None, injection_md_ft=None)``
- ``Outflow(wellbore, fluid, production, temperature, correlation="beggs_brill"|
  "hagedorn_brown", pump=None, pump_hz=60)`` with
  ``.pwf(rates_stb_d, thp_psia) -> ndarray`` (the VLP curve, vectorised over rates; inf where
  the tubing cannot lift the rate) and ``.traverse(rate, thp_psia) -> TraverseResult``
  (pressure, temperature, holdup and flow pattern against MD/TVD), ``.with_changes(**kw)``.
  ``fluid`` is a ``domain.engineering.pvt.BlackOilFluid`` or anything with ``.at(p, t)``
  (:class:`FluidModel`).

Lift and surface equipment:

- ``PumpCurve.from_points(rates_bpd, head_ft_per_stage, base_hz=60)``, ``.head(q, hz)``
  (affinity laws); ``EspPump(curve, stages, setting_md_ft)``
- choke (:mod:`.choke`): ``wellhead_pressure(q, glr_scf_stb, bean_64ths, correlation)``,
  ``liquid_rate(...)``, ``bean_size(...)``, ``is_critical(p_wh, p_flowline)``; correlations
  ``GILBERT``, ``ROS``, ``BAXENDELL``, ``ACHONG``

Nodal (:mod:`.nodal`):

- ``nodal_analysis(ipr, outflow, thp_psia, rates=None) -> NodalResult`` (curves on a shared
  rate grid, ``operating_point`` or None when the well is dead, all ``intersections``)
- ``operating_point(ipr, vlp_function, rates=None) -> OperatingPoint | None``
- families (``Sensitivity`` with one ``SensitivityCase`` per value):
  ``thp_sensitivity(ipr, outflow, thp_values)``,
  ``choke_sensitivity(ipr, outflow, bean_sizes_64ths, flowline_psia)``,
  ``esp_frequency_sensitivity(ipr, outflow, thp_psia, frequencies_hz)``,
  ``glr_sensitivity(ipr, outflow, thp_psia, glr_values, injection_md_ft=None)``

The pressure-gradient correlations are also usable alone, as pure functions of in-situ
velocities and properties: :func:`.beggs_brill.pressure_gradient`,
:func:`.hagedorn_brown.pressure_gradient` (and their holdup / flow-pattern pieces),
:func:`.gradient.moody_friction_factor`.
"""

from domain.engineering.flow.choke import (
    ACHONG,
    BAXENDELL,
    GILBERT,
    ROS,
    ChokeCorrelation,
    bean_size,
    is_critical,
    liquid_rate,
    wellhead_pressure,
)
from domain.engineering.flow.esp import EspPump, PumpCurve
from domain.engineering.flow.gradient import FlowPattern, GradientResult, moody_friction_factor
from domain.engineering.flow.insitu import FluidModel, FluidStateLike
from domain.engineering.flow.ipr import (
    CompositeIPR,
    FetkovichIPR,
    InflowModel,
    VogelIPR,
    productivity_index,
    vogel_qmax,
)
from domain.engineering.flow.nodal import (
    NodalResult,
    OperatingPoint,
    Sensitivity,
    SensitivityCase,
    choke_sensitivity,
    esp_frequency_sensitivity,
    glr_sensitivity,
    nodal_analysis,
    operating_point,
    thp_sensitivity,
)
from domain.engineering.flow.traverse import Correlation, Outflow, TraverseResult
from domain.engineering.flow.well import Production, TemperatureProfile, Wellbore

__all__ = [
    "ACHONG",
    "BAXENDELL",
    "GILBERT",
    "ROS",
    "ChokeCorrelation",
    "CompositeIPR",
    "Correlation",
    "EspPump",
    "FetkovichIPR",
    "FlowPattern",
    "FluidModel",
    "FluidStateLike",
    "GradientResult",
    "InflowModel",
    "NodalResult",
    "OperatingPoint",
    "Outflow",
    "Production",
    "PumpCurve",
    "Sensitivity",
    "SensitivityCase",
    "TemperatureProfile",
    "TraverseResult",
    "VogelIPR",
    "Wellbore",
    "bean_size",
    "choke_sensitivity",
    "esp_frequency_sensitivity",
    "glr_sensitivity",
    "is_critical",
    "liquid_rate",
    "moody_friction_factor",
    "nodal_analysis",
    "operating_point",
    "productivity_index",
    "thp_sensitivity",
    "vogel_qmax",
    "wellhead_pressure",
]
