"""Gas-oil and gas-water surface tension, dyn/cm (= mN/m), for the multiphase-flow correlations.

Hagedorn-Brown and Beggs-Brill use surface tension only through dimensionless groups raised to
small powers, so a 10-20% error here moves pressure traverses very little; a consistent, cited
correlation matters more than precision.
"""

from __future__ import annotations

from domain.engineering.pvt import _checks as chk

SIGMA_MIN_DYNCM = 1.0  # floor for live-oil tension near miscibility (common practice)


def baker_swerdloff_dead_oil(api: float, t_degf: float) -> float:
    """Dead-oil/gas surface tension at atmospheric pressure, dyn/cm (Baker & Swerdloff 1956).

    Baker, O. & Swerdloff, W. (1956) "Finding Surface Tension of Hydrocarbon Liquids",
    Oil & Gas J. 54 (2 Jan. 1956), 125; the chart as the lines
    sigma_68 = 39 - 0.2571 API and sigma_100 = 37.5 - 0.2571 API (at 68 and 100 degF),
    interpolated linearly in T between them and held constant outside (Baker & Swerdloff give
    no further temperature dependence). The equations are those reproduced in Brill, J.P. &
    Mukherjee, H. (1999) "Multiphase Flow in Wells", SPE Monograph 17. Floored at 1 dyn/cm for
    API above ~140 where the lines reach zero.
    """
    a = chk.api_gravity(api)
    t = chk.temperature(t_degf)
    s68 = 39.0 - 0.2571 * a
    s100 = 37.5 - 0.2571 * a
    if t <= 68.0:
        s = s68
    elif t >= 100.0:
        s = s100
    else:
        s = s68 - (t - 68.0) * (s68 - s100) / 32.0
    return max(s, SIGMA_MIN_DYNCM)


def baker_swerdloff_live_oil(api: float, t_degf: float, p_psia: float) -> float:
    """Gas-saturated (live) oil/gas surface tension, dyn/cm (Baker & Swerdloff 1956).

    Dissolved gas lowers the tension: sigma_o = sigma_od (1 - 0.024 p^0.45), the usual fit of
    Baker & Swerdloff's correction chart (Brill & Mukherjee 1999). The factor reaches zero
    near 4000 psia, where the fit is no longer meaningful; the result is floored at 1 dyn/cm.
    """
    p = chk.pressure(p_psia)
    factor = 1.0 - 0.024 * p**0.45
    return max(baker_swerdloff_dead_oil(api, t_degf) * factor, SIGMA_MIN_DYNCM)


def gas_water_surface_tension(p_psia: float, t_degf: float) -> float:
    """Gas/water surface tension, dyn/cm.

    The fit to the water/methane interfacial-tension chart of Hough, Rzasa & Wood (1951)
    ("Interfacial Tensions at Reservoir Pressures and Temperatures; Apparatus and the
    Water-Methane System", Trans. AIME 192, 57-60) given in Brill & Mukherjee (1999):
    sigma_74 = 75 - 1.108 p^0.349 and sigma_280 = 53 - 0.1048 p^0.637 (at 74 and 280 degF),
    interpolated linearly in T between them and held constant outside. (Some software credits
    this to Baker & Swerdloff as well.) Floored at 1 dyn/cm.
    """
    p = chk.pressure(p_psia)
    t = chk.temperature(t_degf)
    s74 = 75.0 - 1.108 * p**0.349
    s280 = 53.0 - 0.1048 * p**0.637
    if t <= 74.0:
        s = s74
    elif t >= 280.0:
        s = s280
    else:
        s = s74 - (t - 74.0) * (s74 - s280) / 206.0
    return max(s, SIGMA_MIN_DYNCM)
