"""Published material-balance worked examples, as printed: the data the validation tests
check the library against (tests/domain/engineering/test_matbal_published.py, answers in
docs/engineering-validation.md) and the examples the HMI's window loads. One copy of each
table, so a typo cannot make the window and the validation disagree.

Units as the histories take them: psia, STB, scf, rb; days.
"""

from __future__ import annotations

from .gas import GasHistory
from .oil import OilHistory


def _times(seq: list[float], k: float) -> list[float]:
    return [v * k for v in seq]


# --- Dake, L.P. (1978) "Fundamentals of Reservoir Engineering", ch. 3: gas-cap drive ---------
DAKE_GC_NP = _times([0, 3.295, 5.903, 8.852, 11.503, 14.513, 17.730], 1e6)
DAKE_GC_RP = [0, 1050, 1060, 1160, 1235, 1265, 1300]
DAKE_GC_SWI, DAKE_GC_M = 0.2, 0.5


def dake_gas_cap() -> OilHistory:
    """N = 115 MMSTB with m = 0.5 (Dake's answer)."""
    return OilHistory(
        pressure=[3330, 3150, 3000, 2850, 2700, 2550, 2400],
        cum_oil=DAKE_GC_NP,
        cum_gas=[n * r for n, r in zip(DAKE_GC_NP, DAKE_GC_RP, strict=True)],
        bo=[1.2511, 1.2353, 1.2222, 1.2122, 1.2022, 1.1922, 1.1822],
        rs=[510, 477, 450, 425, 401, 375, 352],
        bg=[0.00087, 0.00092, 0.00096, 0.00101, 0.00107, 0.00113, 0.00120],
    )


# --- Dake (1978) ch. 9: water drive, van Everdingen-Hurst aquifer ----------------------------
DAKE_WD_NP = _times([0, 7.88, 18.42, 29.15, 40.69, 50.14, 58.42, 65.39, 70.74, 74.54, 77.43],
                    1e6)
DAKE_WD_RP = [0, 760, 845, 920, 975, 1025, 1065, 1095, 1120, 1145, 1160]
DAKE_WD_SWI = 0.25


def dake_water_drive() -> OilHistory:
    """Eleven yearly surveys; Dake finds N = 312 MMSTB with r_a/r_o = 5."""
    return OilHistory(
        pressure=[2740, 2500, 2290, 2109, 1949, 1818, 1702, 1608, 1535, 1480, 1440],
        cum_oil=DAKE_WD_NP,
        cum_gas=[n * r for n, r in zip(DAKE_WD_NP, DAKE_WD_RP, strict=True)],
        bo=[1.404, 1.374, 1.349, 1.329, 1.316, 1.303, 1.294, 1.287, 1.280, 1.276, 1.273],
        rs=[650, 592, 545, 507, 471, 442, 418, 398, 383, 371, 364],
        bg=[0.00093, 0.00098, 0.00107, 0.00117, 0.00128, 0.00139, 0.00150, 0.00160, 0.00170,
            0.00176, 0.00182],
        time_days=_times(list(range(11)), 365.0),
    )


# --- Pletcher, J.L. (2002) "Improvements to Reservoir Material-Balance Methods", SPE REE
# 5(1), SPE 75354: oil with a pot aquifer (N = 20.3 MMSTB) and gas with a weak aquifer
# (OGIP 100.8 Bscf) ---------------------------------------------------------------------------
PL_OIL_CW, PL_OIL_CF, PL_OIL_SWI = 2.28e-6, 26e-6, 0.208
PL_OIL_AQUIFER_WATER = 79e6  # rb, Pletcher's model
PL_OIL_EXCLUDE = (1, 2)  # the two early points Pletcher leaves off the line


def pletcher_oil() -> OilHistory:
    return OilHistory(
        pressure=[2855, 2779, 2627, 2457, 2402, 2223, 2080, 1833, 1665, 1460],
        cum_oil=[0, 192821, 633942, 1314880, 1524400, 2152960, 2572000, 3200560, 3584680,
                 4003720],
        cum_gas=_times([0, 94513, 312064, 710670, 850934, 1355720, 1823250, 2732860, 3397740,
                        4216120], 1e3),
        bo=[1.2665, 1.2677, 1.2681, 1.2554, 1.2512, 1.2383, 1.2278, 1.2074, 1.1949, 1.1802],
        rs=_times([0.5010, 0.5010, 0.4973, 0.4671, 0.4574, 0.4269, 0.4024, 0.3579, 0.3277,
                   0.2908], 1e3),
        bg=_times([0.9201, 0.9637, 1.0502, 1.0977, 1.1146, 1.2010, 1.2825, 1.4584, 1.6112,
                   1.8526], 1e-3),
        cum_water=[0, 0, 0, 4, 7, 26, 60, 822, 11135, 97443],
        bw=[1.0222, 1.0224, 1.0228, 1.0232, 1.0233, 1.0237, 1.0240, 1.0246, 1.0250, 1.0254],
        time_days=[0, 305, 700, 1285, 1465, 2005, 2365, 2905, 3235, 3595],
    )


# year, p psia, Gp Bscf, Wp STB, z, Bg rb/Mscf, Bw rb/STB
PL_GAS = [
    [0, 6411, 0.000, 0, 1.1192, 0.6279, 1.0452],
    [1, 5947, 5.475, 378, 1.0890, 0.6587, 1.0467],
    [2, 5509, 10.950, 1434, 1.0618, 0.6933, 1.0480],
    [3, 5093, 16.425, 3056, 1.0374, 0.7327, 1.0493],
    [4, 4697, 21.900, 5284, 1.0156, 0.7778, 1.0506],
    [5, 4319, 27.375, 8183, 0.9966, 0.8300, 1.0517],
    [6, 3957, 32.850, 11864, 0.9801, 0.8910, 1.0529],
    [7, 3610, 38.325, 16425, 0.9663, 0.9628, 1.0540],
    [8, 3276, 43.800, 22019, 0.9551, 1.0487, 1.0551],
    [9, 2953, 49.275, 28860, 0.9467, 1.1532, 1.0560],
    [10, 2638, 54.750, 37256, 0.9409, 1.2829, 1.0571],
]
PL_GAS_SWI, PL_GAS_CW, PL_GAS_CF = 0.15, 3e-6, 6e-6
PL_GAS_AQUIFER_CONSTANT = 9e-6 * 70e6  # rb/psi, Pletcher's model


def pletcher_gas() -> GasHistory:
    return GasHistory(
        pressure=[r[1] for r in PL_GAS],
        cum_gas=[r[2] * 1e9 for r in PL_GAS],
        z=[r[4] for r in PL_GAS],
        bg=[r[5] / 1e3 for r in PL_GAS],
        cum_water=[r[3] for r in PL_GAS],
        bw=[r[6] for r in PL_GAS],
        time_days=[r[0] * 365.0 for r in PL_GAS],
    )


# --- Ahmed, T. "Reservoir Engineering Handbook", ch. 13: volumetric gas, p/z plot ----------
AHMED_GAS_ABANDONMENT_PSIA = 500.0


def ahmed_gas() -> GasHistory:
    return GasHistory(
        pressure=[1798, 1680, 1540, 1428, 1335],
        cum_gas=_times([0, 0.96, 2.12, 3.21, 3.92], 1e9),
        z=[0.869, 0.870, 0.880, 0.890, 0.900],
        temperature_f=164.0,
    )
