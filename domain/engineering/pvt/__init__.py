"""PVT correlations for black oil, natural gas and formation water (oilfield units).

Modules: :mod:`~domain.engineering.pvt.gas` (pseudo-criticals, z, Bg, density, viscosity, cg),
:mod:`~domain.engineering.pvt.oil` (Standing, Vasquez-Beggs, Beggs-Robinson, McCain co),
:mod:`~domain.engineering.pvt.water` (McCain brine), :mod:`~domain.engineering.pvt.tension`
(surface tension), :mod:`~domain.engineering.pvt.units` (SI conversions) and
:mod:`~domain.engineering.pvt.fluid`, the black-oil model the flow calculations use.
"""

from domain.engineering.pvt.fluid import (
    FIELDS,
    BlackOilFluid,
    FieldSpec,
    FluidState,
    header,
    rows,
)

__all__ = ["FIELDS", "BlackOilFluid", "FieldSpec", "FluidState", "header", "rows"]
