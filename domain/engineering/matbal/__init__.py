"""Material balance: hydrocarbons in place from pressure and production history.

The tank model of Schilthuis (1936) in the straight-line form of Havlena and Odeh (JPT 1963,
1964), as taught by Dake (*Fundamentals of Reservoir Engineering*, 1978, ch. 3 and 9), Craft
and Hawkins (*Applied Petroleum Reservoir Engineering*) and Ahmed (*Reservoir Engineering
Handbook*, ch. 10, 11 and 13). Pure numpy/scipy; oilfield units throughout (psia, STB, scf, rb,
rb/STB, rb/scf, 1/psi, days, °F).

This is the engine of the HMI "material balance" window: a table of pressure steps in (row 0 =
the initial survey), the Havlena-Odeh plot and the answer out.

Oil reservoirs::

    history = OilHistory(pressure=..., cum_oil=..., bo=..., cum_gas=..., rs=..., bg=...,
                         cum_water=..., bw=..., time_days=...)
    result = estimate_ooip(history, swi=0.2, cw=3e-6, cf=4e-6,
                           gas_cap_ratio=0.0,          # m known; None fits it
                           aquifer=None,               # or a model, or a list of candidates
                           exclude=())                 # rows left out of the fit
    result.ooip, result.gas_cap_ratio, result.aquifer_constant   # STB, -, rb/psi
    result.plot        # PlotData: x, y, used, slope, intercept -> the Havlena-Odeh plot
    result.quality     # FitQuality: r_squared, rms_residual, std_errors...
    result.drive       # DriveIndices per row; .total is 1 where the balance closes
    result.residuals, result.terms (F, Eo, Eg, Efw), result.candidates, result.warnings

Gas reservoirs::

    history = GasHistory(pressure=..., cum_gas=..., z=[...] or z_of_p, temperature_f=200.0)
    result = estimate_ogip(history, abandonment_pressure=500.0)      # p/z line
    result = estimate_ogip(history, aquifer=[...], swi=.., cw=.., cf=..)  # water drive
    result.ogip, result.recoverable_gas, result.pz_plot, result.cole_plot, result.cole_shape

Aquifers (``constant`` in rb/psi scales the influx; the solver fits a factor on it):
:class:`PotAquifer`, :class:`FetkovichAquifer` (Fetkovich 1971),
:class:`VanEverdingenHurstAquifer` (1949, superposition), :class:`CarterTracyAquifer` (1960);
geometry helpers :func:`radial_aquifer_constant`, :func:`dimensionless_time_per_day`,
:func:`pot_aquifer_constant`, :func:`fetkovich_productivity_index`; dimensionless functions
:func:`dimensionless_influx` (W_D) and :func:`dimensionless_pressure` (p_D).

Bad input (columns of different lengths, fewer than 3 rows, negative or decreasing
cumulatives, a pressure rising where the model forbids it, no expansion on a fitted row) raises
``ValueError`` with a message naming the column and row. Validation against published worked
examples: ``docs/engineering-validation.md``.
"""

from ._fit import FitQuality, PlotData
from .aquifer import (
    AquiferModel,
    CarterTracyAquifer,
    FetkovichAquifer,
    PotAquifer,
    VanEverdingenHurstAquifer,
    dimensionless_influx,
    dimensionless_pressure,
    dimensionless_time_per_day,
    fetkovich_productivity_index,
    pot_aquifer_constant,
    radial_aquifer_constant,
)
from .drive import DriveIndices
from .gas import GasHistory, GasResult, estimate_ogip, gas_fvf
from .oil import (
    AquiferTrial,
    HavlenaOdehTerms,
    OilHistory,
    OilResult,
    estimate_ooip,
    havlena_odeh_terms,
)

__all__ = [
    "AquiferModel",
    "AquiferTrial",
    "CarterTracyAquifer",
    "DriveIndices",
    "FetkovichAquifer",
    "FitQuality",
    "GasHistory",
    "GasResult",
    "HavlenaOdehTerms",
    "OilHistory",
    "OilResult",
    "PlotData",
    "PotAquifer",
    "VanEverdingenHurstAquifer",
    "dimensionless_influx",
    "dimensionless_pressure",
    "dimensionless_time_per_day",
    "estimate_ogip",
    "estimate_ooip",
    "fetkovich_productivity_index",
    "gas_fvf",
    "havlena_odeh_terms",
    "pot_aquifer_constant",
    "radial_aquifer_constant",
]
