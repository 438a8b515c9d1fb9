"""Drive indices: which source of energy produced the withdrawal at each pressure step.

Pirson (*Oil Reservoir Engineering*, 2nd ed., 1958) split the material balance by the
hydrocarbon withdrawal ``A`` so each term reads as a fraction (Ahmed, *Reservoir Engineering
Handbook*, ch. 11; Pletcher, "Improvements to Reservoir Material-Balance Methods", SPE REE
Feb. 2002):

``A = N_p B_o + (G_p - N_p R_s) B_g`` (oil) or ``G_p B_g`` (gas), rb, and

* depletion  ``N E_o / A`` (oil and solution-gas expansion; ``G E_g / A`` for gas),
* gas cap    ``N m E_g / A`` (segregation drive),
* compaction ``N E_f,w / A`` (rock and connate-water expansion),
* water      ``(W_e - W_p B_w) / A`` (net water influx),
* injection  ``(W_i B_w + G_i B_g) / A``.

They add up to exactly 1 when the fitted balance reproduces the data, so ``total - 1`` is the
material-balance error of that step (Pletcher 2002 uses it as a check); ``normalized()``
rescales them to sum to 1 for a stacked chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import FloatArray


@dataclass(frozen=True)
class DriveIndices:
    """Drive indices per history row (dimensionless; NaN at row 0, where nothing is produced)."""

    depletion: FloatArray
    gas_cap: FloatArray
    water: FloatArray
    compaction: FloatArray
    injection: FloatArray

    @property
    def total(self) -> FloatArray:
        """Sum of the indices per row: 1 where the balance closes, ``1 + error`` otherwise."""
        return np.asarray(
            self.depletion + self.gas_cap + self.water + self.compaction + self.injection
        )

    def normalized(self) -> DriveIndices:
        """The indices divided by their total, so each row sums to exactly 1."""
        t = self.total
        return DriveIndices(
            depletion=self.depletion / t,
            gas_cap=self.gas_cap / t,
            water=self.water / t,
            compaction=self.compaction / t,
            injection=self.injection / t,
        )


def drive_indices(
    withdrawal: FloatArray,
    depletion: FloatArray,
    gas_cap: FloatArray,
    compaction: FloatArray,
    net_water: FloatArray,
    injection: FloatArray,
) -> DriveIndices:
    """Each energy term (rb) divided by the hydrocarbon withdrawal ``A`` (rb)."""
    a = np.where(withdrawal > 0.0, withdrawal, np.nan)
    a[0] = np.nan

    def part(x: FloatArray) -> FloatArray:
        return np.asarray(x / a)

    return DriveIndices(
        depletion=part(depletion),
        gas_cap=part(gas_cap),
        water=part(net_water),
        compaction=part(compaction),
        injection=part(injection),
    )
