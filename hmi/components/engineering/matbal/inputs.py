"""The scalar inputs of the form: the reservoir kind and drive choices, each number field
with its units and limits, and the two small text lists (outer radius ratios, rows left
out of the fit).

The fields live here, not in the widget, so the model can check them and name the field
in its messages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Kind = Literal["oil", "gas"]
GasCapMode = Literal["none", "known", "fit"]
AquiferKind = Literal["none", "pot", "fetkovich", "carter_tracy", "veh"]

AQUIFER_KINDS: tuple[AquiferKind, ...] = ("none", "pot", "fetkovich", "carter_tracy", "veh")
AQUIFER_NAMES: dict[AquiferKind, str] = {
    "none": "None (volumetric)",
    "pot": "Pot aquifer",
    "fetkovich": "Fetkovich (finite, pseudo-steady state)",
    "carter_tracy": "Carter-Tracy (radial, unsteady)",
    "veh": "van Everdingen-Hurst (radial, superposition)",
}
GAS_CAP_NAMES: dict[GasCapMode, str] = {
    "none": "No gas cap (m = 0)",
    "known": "Known gas cap ratio m",
    "fit": "Estimate m from the history",
}


@dataclass(frozen=True)
class Field:
    """A number typed in the form: label, units, what it is, and its limits."""

    key: str
    label: str
    unit: str
    tip: str
    required: bool = True
    lo: float | None = 0.0  # inclusive lower bound
    hi: float | None = None  # exclusive upper bound
    scale: float = 1.0  # shown value x scale = domain value (1e-6 for 10⁻⁶/psi)

    @property
    def caption(self) -> str:
        return f"{self.label} [{self.unit}]" if self.unit and self.unit != "-" else self.label


FIELDS: dict[str, Field] = {f.key: f for f in (
    Field("swi", "Connate water Swi", "fraction",
          "Initial (connate) water saturation of the oil or gas zone, 0 to 1", hi=1.0),
    Field("cw", "Water compressibility cw", "10⁻⁶/psi",
          "Compressibility of the connate water, in microsips (3 means 3×10⁻⁶ 1/psi)",
          scale=1e-6, hi=1e4),
    Field("cf", "Pore compressibility cf", "10⁻⁶/psi",
          "Formation (pore-volume) compressibility, in microsips (4 means 4×10⁻⁶ 1/psi)",
          scale=1e-6, hi=1e4),
    Field("bubble_point", "Bubble point pb", "psia",
          "Optional. With the gas columns (Gp, Rs, Bg) blank, every pressure must stay at or "
          "above it", required=False),
    Field("m", "Gas cap ratio m", "-",
          "Initial gas-cap reservoir volume / oil-zone reservoir volume"),
    Field("aquifer_constant", "Aquifer constant", "rb/psi",
          "Pot and Fetkovich: C = (cw + cf) Wi; radial models: U = 1.119 φ ct h r_o² θ/360. "
          "The fit multiplies it by a factor (≈ 1 when the aquifer description is right)"),
    Field("aquifer_j", "Aquifer PI J", "rb/day/psi",
          "Fetkovich aquifer productivity index (response time = C / J days)"),
    Field("td_per_day", "tD per day", "1/day",
          "0.006328 k / (φ μw ct r_o²), k in mD, μw in cP, ct in 1/psi, r_o in ft"),
    Field("temperature", "Temperature T", "°F",
          "Reservoir temperature: gives Bg from z, and z from the gas gravity", lo=-400.0),
    Field("gas_sg", "Gas gravity γg", "air=1",
          "Optional. With it, blank z values (and the z at abandonment) are computed "
          "(Sutton pseudo-criticals, Dranchuk-Abou-Kassem)", required=False),
    Field("abandonment_pressure", "Abandonment pressure", "psia",
          "Optional. Gives the recoverable gas and the recovery factor on the p/z line",
          required=False),
    Field("abandonment_z", "z at abandonment", "-",
          "Optional when the gas gravity is given (then computed)", required=False),
    Field("api", "Oil gravity", "°API", "Stock-tank oil gravity for the PVT correlation"),
    Field("pvt_gas_sg", "Gas gravity γg", "air=1",
          "Separator gas gravity for the PVT correlation"),
    Field("rsi", "Solution GOR Rsi", "scf/STB",
          "Solution gas-oil ratio at and above the bubble point"),
    Field("pvt_temperature", "Temperature T", "°F",
          "Reservoir temperature for the PVT correlation", lo=-400.0),
)}

#: the fields shown per reservoir kind, in form order
OIL_FIELDS = ("swi", "cw", "cf", "bubble_point")
GAS_FIELDS = ("temperature", "gas_sg", "swi", "cw", "cf", "abandonment_pressure",
              "abandonment_z")
PVT_FIELDS = ("api", "pvt_gas_sg", "rsi", "pvt_temperature")


def parse_ratios(text: str) -> list[float | None]:
    """``"3, 4, 5, inf"`` → [3, 4, 5, None] (None = infinite aquifer); blank → [None]."""
    out: list[float | None] = []
    for part in text.replace(";", ",").split(","):
        p = part.strip().lower()
        if not p:
            continue
        if p in ("inf", "infinite", "infinito", "∞"):
            out.append(None)
            continue
        try:
            v = float(p)
        except ValueError:
            raise ValueError(f"Outer radius ratio ra/ro: {part.strip()!r} is not a number "
                             "(use e.g. 3, 5, 10, inf)") from None
        if not (math.isfinite(v) and v > 1.0):
            raise ValueError(f"Outer radius ratio ra/ro: {part.strip()} must be > 1 "
                             "(or inf for an infinite aquifer)")
        out.append(v)
    return out or [None]


def parse_rows(text: str, n: int) -> list[int]:
    """``"1, 2"`` → [1, 2], checked against the table's n rows."""
    out: list[int] = []
    for part in text.replace(";", ",").split(","):
        p = part.strip()
        if not p:
            continue
        try:
            k = int(p)
        except ValueError:
            raise ValueError(f"Rows left out of the fit: {p!r} is not a row number") from None
        if not 1 <= k < n:
            raise ValueError(f"Rows left out of the fit: row {k} is not a fitted row "
                             f"(1 to {n - 1}; row 0 is the initial survey)")
        out.append(k)
    return sorted(set(out))
