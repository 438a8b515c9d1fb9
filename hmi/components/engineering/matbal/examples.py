"""Published textbook examples (oil and gas; volumetric, gas-cap and water drives) to load
into the window: the data of ``domain.engineering.matbal.published`` (the same tables the
validation tests use), the reference in each title, and the form texts and drive choices that
go with it.

They let an engineer check the window against a known answer before trusting it with
field data.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from domain.engineering.matbal import GasHistory, OilHistory
from domain.engineering.matbal import published as pub

from .inputs import AquiferKind, GasCapMode, Kind


@dataclass(frozen=True)
class Example:
    title: str
    kind: Kind
    columns: dict[str, list[float]]
    texts: dict[str, str]
    gas_cap: GasCapMode = "none"
    aquifer: AquiferKind = "none"
    radius_ratios: str = ""
    exclude: str = ""


def _columns(history: OilHistory | GasHistory) -> dict[str, list[float]]:
    """The table columns of a published history (its array fields, by their names)."""
    out: dict[str, list[float]] = {}
    for f in fields(history):
        value = getattr(history, f.name)
        if value is not None and not isinstance(value, int | float):
            out[f.name] = [float(v) for v in value]
    return out


EXAMPLES: dict[str, Example] = {
    "dake_water_drive": Example(
        "Dake (1978) ch. 9: water drive, van Everdingen-Hurst aquifer", "oil",
        _columns(pub.dake_water_drive()),
        {"swi": f"{pub.DAKE_WD_SWI:g}", "cw": "0", "cf": "0", "bubble_point": "2740",
         "aquifer_constant": "6446", "td_per_day": "0.015535"},
        aquifer="veh", radius_ratios="3, 4, 5, 6, 8, 10, inf"),
    "dake_gas_cap": Example(
        "Dake (1978) ch. 3: gas-cap drive", "oil",
        _columns(pub.dake_gas_cap()),
        {"swi": f"{pub.DAKE_GC_SWI:g}", "cw": "0", "cf": "0", "bubble_point": "3330",
         "m": f"{pub.DAKE_GC_M:g}"},
        gas_cap="known"),
    "pletcher_oil": Example(
        "Pletcher (2002): oil with a pot aquifer and rock compressibility", "oil",
        _columns(pub.pletcher_oil()),
        {"swi": f"{pub.PL_OIL_SWI:g}", "cw": f"{pub.PL_OIL_CW * 1e6:g}",
         "cf": f"{pub.PL_OIL_CF * 1e6:g}",
         "aquifer_constant":
             f"{(pub.PL_OIL_CW + pub.PL_OIL_CF) * pub.PL_OIL_AQUIFER_WATER:.0f}"},
        aquifer="pot", exclude=", ".join(str(i) for i in pub.PL_OIL_EXCLUDE)),
    "ahmed_gas": Example(
        "Ahmed, Reservoir Engineering Handbook ch. 13: volumetric gas", "gas",
        _columns(pub.ahmed_gas()),
        {"temperature": "164", "swi": "0", "cw": "0", "cf": "0", "gas_sg": "0.65",
         "abandonment_pressure": f"{pub.AHMED_GAS_ABANDONMENT_PSIA:g}"}),
    "pletcher_gas": Example(
        "Pletcher (2002): gas with a weak pot aquifer", "gas",
        _columns(pub.pletcher_gas()),
        {"temperature": "254", "swi": f"{pub.PL_GAS_SWI:g}",
         "cw": f"{pub.PL_GAS_CW * 1e6:g}", "cf": f"{pub.PL_GAS_CF * 1e6:g}",
         "aquifer_constant": f"{pub.PL_GAS_AQUIFER_CONSTANT:.0f}"},
        aquifer="pot"),
}
DEFAULT_EXAMPLE = "dake_water_drive"
