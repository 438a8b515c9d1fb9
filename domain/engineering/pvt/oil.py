"""Black-oil correlations: bubble point, solution GOR, Bo, compressibility, viscosity, density.

Oilfield units: psia, degF, scf/STB, rb/STB, cP, 1/psi, lb/ft3. Scalar functions on floats (the
flow calculations call them once per pipe segment, where ``math`` is several times faster than
numpy); map them over arrays when a table is wanted.

Each correlation returns the published formula; the data range it was fitted on is stated and not
enforced, because field use routinely extrapolates (a wellhead is colder than any PVT cell).
Physically meaningless input (negative pressure or GOR, API <= 0, gas gravity <= 0.55) raises
ValueError.
"""

from __future__ import annotations

import math

from domain.engineering.pvt import _checks as chk

# Vasquez & Beggs (1980) coefficient sets, API <= 30 and API > 30.
_VB_RS = {True: (0.0362, 1.0937, 25.7240), False: (0.0178, 1.1870, 23.931)}
_VB_BO = {True: (4.677e-4, 1.751e-5, -1.811e-8), False: (4.670e-4, 1.100e-5, 1.337e-9)}
_VB_SEP_REF_PSIA = 114.7  # 100 psig: the separator pressure the VB gas gravity refers to
CO_FLOOR_1PSI = 1e-6  # VB's co numerator goes negative for cold, heavy, gas-free oils


def _heavy(api: float) -> bool:
    return api <= 30.0


# --- Standing (1947) -------------------------------------------------------------------------


def standing_pb(rsb_scf_stb: float, t_degf: float, api: float, gas_sg: float) -> float:
    """Bubble-point pressure, psia (Standing 1947, equation form of Standing 1977/1981).

    Standing, M.B. (1947) "A Pressure-Volume-Temperature Correlation for Mixtures of California
    Oils and Gases", Drill. & Prod. Prac., API, 275-287; the chart as an equation in Standing
    (1977) "Volumetric and Phase Behavior of Oil Field Hydrocarbon Systems", SPE:
    pb = 18.2 [(Rs/g)^0.83 10^(0.00091 T - 0.0125 API) - 1.4].
    Data: 105 points on 22 California oils, pb 130-7000 psia, T 100-258 degF,
    Rs 20-1425 scf/STB, 16.5-63.8 degAPI, g 0.59-0.95; average error 4.8%. A GOR so small that
    the formula goes below zero returns 0 (the oil is undersaturated at any pressure).
    """
    rs = chk.non_negative("solution GOR", rsb_scf_stb, "scf/STB")
    t = chk.temperature(t_degf)
    a = chk.api_gravity(api)
    g = chk.gas_gravity(gas_sg)
    pb = 18.2 * ((rs / g) ** 0.83 * 10.0 ** (0.00091 * t - 0.0125 * a) - 1.4)
    return max(pb, 0.0)


def standing_rs(p_psia: float, t_degf: float, api: float, gas_sg: float) -> float:
    """Solution GOR at p <= pb, scf/STB (Standing 1947; the inverse of :func:`standing_pb`).

    Rs = g [(p/18.2 + 1.4) 10^(0.0125 API - 0.00091 T)]^1.2048. Above pb the caller must cap it
    at the bubble-point GOR. Note it is not 0 at p = 0 (about 1-5 scf/STB): a known artefact of
    the -1.4 shift, harmless at the pressures a well sees.
    """
    p = chk.pressure(p_psia)
    t = chk.temperature(t_degf)
    a = chk.api_gravity(api)
    g = chk.gas_gravity(gas_sg)
    return g * ((p / 18.2 + 1.4) * 10.0 ** (0.0125 * a - 0.00091 * t)) ** (1.0 / 0.83)


def standing_bo(rs_scf_stb: float, t_degf: float, api: float, gas_sg: float) -> float:
    """Saturated oil formation volume factor, rb/STB (Standing 1947/1981).

    Bo = 0.9759 + 0.00012 [Rs (g/go)^0.5 + 1.25 T]^1.2, go = stock-tank oil specific gravity.
    Valid at and below the bubble point, with Rs the solution GOR at that pressure; average
    error 1.2% on Standing's data (ranges as :func:`standing_pb`).
    """
    rs = chk.non_negative("solution GOR", rs_scf_stb, "scf/STB")
    t = chk.temperature(t_degf)
    go = chk.oil_sg(api)
    g = chk.gas_gravity(gas_sg)
    return 0.9759 + 0.00012 * (rs * math.sqrt(g / go) + 1.25 * t) ** 1.2


# --- Vasquez & Beggs (1980) ------------------------------------------------------------------


def vasquez_beggs_gas_sg(gas_sg: float, api: float, sep_p_psia: float, sep_t_degf: float) -> float:
    """Gas gravity corrected to the 100 psig separator the VB correlations were fitted at.

    Vasquez, M. & Beggs, H.D. (1980) "Correlations for Fluid Physical Property Prediction",
    JPT 32(6), 968-970 (SPE-6719):
    g_100 = g [1 + 5.912e-5 API T_sep log10(p_sep / 114.7)], T_sep in degF, p_sep in psia.
    Gas from a low-pressure separator is richer (heavier) than 100-psig gas; without the
    correction Rs and pb are biased.
    """
    g = chk.gas_gravity(gas_sg)
    a = chk.api_gravity(api)
    p = chk.positive("separator pressure", sep_p_psia, "psia")
    t = chk.temperature(sep_t_degf, "separator temperature")
    return g * (1.0 + 5.912e-5 * a * t * math.log10(p / _VB_SEP_REF_PSIA))


def vasquez_beggs_rs(p_psia: float, t_degf: float, api: float, gas_sg_100: float) -> float:
    """Solution GOR at p <= pb, scf/STB (Vasquez & Beggs 1980).

    Rs = C1 g_100 p^C2 exp(C3 API / (T + 460)); C1, C2, C3 = 0.0362, 1.0937, 25.7240 for
    API <= 30 and 0.0178, 1.1870, 23.931 above. ``gas_sg_100`` is the gravity at 100 psig
    separator (see :func:`vasquez_beggs_gas_sg`). Data: about 6000 points from 600 systems,
    pb 50-5250 psia, T 70-295 degF, Rs 20-2070 scf/STB, 16-58 degAPI, g 0.56-1.18.
    """
    p = chk.pressure(p_psia)
    t = chk.temperature(t_degf)
    a = chk.api_gravity(api)
    g = chk.gas_gravity(gas_sg_100)
    c1, c2, c3 = _VB_RS[_heavy(a)]
    return c1 * g * p**c2 * math.exp(c3 * a / (t + 460.0))


def vasquez_beggs_pb(rsb_scf_stb: float, t_degf: float, api: float, gas_sg_100: float) -> float:
    """Bubble-point pressure, psia: :func:`vasquez_beggs_rs` solved for p at Rs = Rsb."""
    rs = chk.non_negative("solution GOR", rsb_scf_stb, "scf/STB")
    t = chk.temperature(t_degf)
    a = chk.api_gravity(api)
    g = chk.gas_gravity(gas_sg_100)
    c1, c2, c3 = _VB_RS[_heavy(a)]
    return (rs / (c1 * g * math.exp(c3 * a / (t + 460.0)))) ** (1.0 / c2)


def vasquez_beggs_bo(rs_scf_stb: float, t_degf: float, api: float, gas_sg_100: float) -> float:
    """Saturated oil formation volume factor, rb/STB (Vasquez & Beggs 1980).

    Bo = 1 + C1 Rs + (T - 60)(API / g_100)(C2 + C3 Rs); C1, C2, C3 = 4.677e-4, 1.751e-5,
    -1.811e-8 for API <= 30 and 4.670e-4, 1.100e-5, 1.337e-9 above. At and below pb.
    """
    rs = chk.non_negative("solution GOR", rs_scf_stb, "scf/STB")
    t = chk.temperature(t_degf)
    a = chk.api_gravity(api)
    g = chk.gas_gravity(gas_sg_100)
    c1, c2, c3 = _VB_BO[_heavy(a)]
    return 1.0 + c1 * rs + (t - 60.0) * (a / g) * (c2 + c3 * rs)


def _vb_co_numerator(rsb: float, t: float, api: float, g100: float) -> float:
    return (-1433.0 + 5.0 * rsb + 17.2 * t - 1180.0 * g100 + 12.61 * api) * 1e-5


def vasquez_beggs_co(
    p_psia: float, rsb_scf_stb: float, t_degf: float, api: float, gas_sg_100: float
) -> float:
    """Undersaturated oil isothermal compressibility, 1/psi (Vasquez & Beggs 1980).

    co = (-1433 + 5 Rsb + 17.2 T - 1180 g_100 + 12.61 API) / (1e5 p), for p >= pb, T in degF;
    fitted on the same data set as VB's Rs and Bo (ranges in :func:`vasquez_beggs_rs`), it is
    an instantaneous (tangent) value at p. The numerator goes negative
    for cold, heavy oils with little gas; the result is then floored at 1e-6 1/psi (a stiff
    dead oil) rather than returning a negative compressibility.
    """
    p = chk.positive("pressure", p_psia, "psia")
    rs = chk.non_negative("solution GOR", rsb_scf_stb, "scf/STB")
    num = _vb_co_numerator(rs, chk.temperature(t_degf), chk.api_gravity(api), gas_sg_100)
    chk.gas_gravity(gas_sg_100)
    return max(num / p, CO_FLOOR_1PSI)


def undersaturated_bo(bob_rb_stb: float, co_1psi: float, p_psia: float, pb_psia: float) -> float:
    """Oil formation volume factor above the bubble point: Bo = Bob exp(co (pb - p)).

    Integrates co = -(1/Bo) dBo/dp at constant co from pb to p (Ahmed, Reservoir Engineering
    Handbook, ch. 2). With a pressure-dependent co use its average over [pb, p]; see
    :func:`vasquez_beggs_bo_undersaturated` for the exact integral of the VB form.
    """
    bob = chk.positive("Bob", bob_rb_stb, "rb/STB")
    co = chk.non_negative("oil compressibility", co_1psi, "1/psi")
    p = chk.pressure(p_psia)
    pb = chk.pressure(pb_psia, "bubble-point pressure")
    return bob * math.exp(co * (pb - p))


def vasquez_beggs_bo_undersaturated(
    bob_rb_stb: float,
    p_psia: float,
    pb_psia: float,
    rsb_scf_stb: float,
    t_degf: float,
    api: float,
    gas_sg_100: float,
) -> float:
    """Bo above pb with the VB compressibility integrated exactly: Bo = Bob (p / pb)^(-A).

    Because VB's co = A / p, integrating -(1/Bo) dBo = co dp from pb to p gives
    Bo = Bob exp(-A ln(p/pb)) (the form given by Ahmed, Reservoir Engineering Handbook, ch. 2),
    i.e. Bob exp(co_avg (pb - p)) with the log-mean co; slightly more accurate than using co at p.
    """
    bob = chk.positive("Bob", bob_rb_stb, "rb/STB")
    p = chk.positive("pressure", p_psia, "psia")
    pb = chk.positive("bubble-point pressure", pb_psia, "psia")
    num = _vb_co_numerator(
        chk.non_negative("solution GOR", rsb_scf_stb, "scf/STB"),
        chk.temperature(t_degf),
        chk.api_gravity(api),
        chk.gas_gravity(gas_sg_100),
    )
    if num <= CO_FLOOR_1PSI * pb:  # degenerate numerator: constant floor compressibility
        return bob * math.exp(CO_FLOOR_1PSI * (pb - p))
    return bob * (p / pb) ** (-num)


def mccain_co_saturated(
    p_psia: float, pb_psia: float, t_degf: float, api: float, rsb_scf_stb: float
) -> float:
    """Oil isothermal compressibility below the bubble point, 1/psi (McCain et al. 1988).

    McCain, W.D. Jr., Rollins, J.B. & Villena Lanzi, A.J. (1988) "The Coefficient of Isothermal
    Compressibility of Black Oils at Pressures Below the Bubblepoint", SPE Formation Evaluation
    3(3), 659-662 (SPE-15664): ln co = -7.573 - 1.450 ln p - 0.383 ln pb + 1.402 ln T
    + 0.256 ln API + 0.449 ln Rsb, T in degR. This co includes the volume of the gas that comes
    out of solution, so it is one to two orders larger than the undersaturated value; the
    discontinuity at pb is physical.
    """
    p = chk.positive("pressure", p_psia, "psia")
    pb = chk.positive("bubble-point pressure", pb_psia, "psia")
    t = chk.temperature(t_degf) + chk.RANKINE_OFFSET
    a = chk.api_gravity(api)
    rsb = chk.positive("bubble-point GOR", rsb_scf_stb, "scf/STB")
    return math.exp(
        -7.573
        - 1.450 * math.log(p)
        - 0.383 * math.log(pb)
        + 1.402 * math.log(t)
        + 0.256 * math.log(a)
        + 0.449 * math.log(rsb)
    )


# --- viscosity -------------------------------------------------------------------------------


def beggs_robinson_dead_oil_viscosity(api: float, t_degf: float) -> float:
    """Gas-free (dead) oil viscosity at atmospheric pressure, cP (Beggs & Robinson 1975).

    Beggs, H.D. & Robinson, J.R. (1975) "Estimating the Viscosity of Crude Oil Systems",
    JPT 27(9), 1140-1141 (SPE-5434): mu_od = 10^x - 1, x = 10^(3.0324 - 0.02023 API) T^-1.163,
    T in degF. Data: 460 dead oils, 16-58 degAPI, 70-295 degF. Needs T > 0 degF.
    """
    a = chk.api_gravity(api)
    t = chk.temperature(t_degf)
    if t <= 0.0:
        raise ValueError(f"Beggs-Robinson dead-oil viscosity needs T > 0 degF, got {t:g} degF")
    x = 10.0 ** (3.0324 - 0.02023 * a) * t**-1.163
    return 10.0**x - 1.0


def beggs_robinson_live_oil_viscosity(mu_od_cp: float, rs_scf_stb: float) -> float:
    """Gas-saturated (live) oil viscosity at and below pb, cP (Beggs & Robinson 1975).

    mu_o = A mu_od^B, A = 10.715 (Rs + 100)^-0.515, B = 5.44 (Rs + 150)^-0.338.
    Data: 2073 live-oil points from 600 systems, Rs 20-2070 scf/STB, 0-5250 psig.
    """
    mu = chk.positive("dead-oil viscosity", mu_od_cp, "cP")
    rs = chk.non_negative("solution GOR", rs_scf_stb, "scf/STB")
    return 10.715 * (rs + 100.0) ** -0.515 * mu ** (5.44 * (rs + 150.0) ** -0.338)


def vasquez_beggs_undersaturated_viscosity(mu_ob_cp: float, p_psia: float, pb_psia: float) -> float:
    """Oil viscosity above the bubble point, cP (Vasquez & Beggs 1980).

    mu_o = mu_ob (p / pb)^m, m = 2.6 p^1.187 exp(-11.513 - 8.98e-5 p), p in psia.
    Data: 3593 points, 141-9515 psia, mu 0.117-148 cP. At p <= pb returns mu_ob.
    """
    mu = chk.positive("bubble-point oil viscosity", mu_ob_cp, "cP")
    p = chk.pressure(p_psia)
    pb = chk.pressure(pb_psia, "bubble-point pressure")
    if p <= pb or pb == 0.0:  # saturated, or no bubble point to refer the power law to
        return mu
    m = 2.6 * p**1.187 * math.exp(-11.513 - 8.98e-5 * p)
    return mu * (p / pb) ** m


# --- density ---------------------------------------------------------------------------------


def oil_density(rs_scf_stb: float, bo_rb_stb: float, api: float, gas_sg: float) -> float:
    """Oil density at reservoir conditions, lb/ft3, by mass balance on one STB.

    rho_o = (62.37 go + 0.01361 Rs g) / Bo: stock-tank oil mass plus dissolved-gas mass
    (0.0764 lb/scf of air times g, per 5.615 ft3/bbl) over the reservoir volume (Standing 1977;
    Ahmed, Reservoir Engineering Handbook, ch. 2). Above pb use Rs = Rsb and the undersaturated
    Bo.
    """
    rs = chk.non_negative("solution GOR", rs_scf_stb, "scf/STB")
    bo = chk.positive("Bo", bo_rb_stb, "rb/STB")
    go = chk.oil_sg(api)
    g = chk.gas_gravity(gas_sg)
    return (chk.RHO_WATER_SC * go + chk.RHO_AIR_SC / chk.FT3_PER_BBL * rs * g) / bo
