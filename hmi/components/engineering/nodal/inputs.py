"""The well as the engineer describes it (:class:`NodalInputs`, oilfield units), the
sensitivity variables and their default families, the input names shown in messages,
and :class:`InputError`, which names the field at fault so the widget can highlight it.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Literal

from domain.engineering.flow import (
    ACHONG,
    BAXENDELL,
    GILBERT,
    ROS,
    ChokeCorrelation,
)

from .translate import tr

IprModel = Literal["composite", "vogel", "fetkovich", "pi"]
IprSource = Literal["test", "direct"]
Variable = Literal["thp", "choke", "esp_frequency", "glr"]
CHOKES: dict[str, ChokeCorrelation] = {"gilbert": GILBERT, "ros": ROS, "baxendell": BAXENDELL,
                                       "achong": ACHONG}
CORRELATION_NAMES = {"beggs_brill": "Beggs & Brill", "hagedorn_brown": "Hagedorn & Brown"}


class InputError(ValueError):
    """Bad input; ``field`` is the :class:`NodalInputs` attribute at fault (the widget
    highlights it), the message names it in words."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


# -- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodalInputs:
    """Everything the analysis needs, oilfield units. The defaults are a realistic example:
    an 8,000 ft vertical producer in 2-7/8 in tubing (2.441 in ID), 32 degAPI oil, 30 % water,
    an undersaturated reservoir tested at 900 STB/d with 2,700 psia flowing."""

    pr_psia: float = 3500.0
    t_res_degf: float = 200.0
    ipr_model: IprModel = "composite"
    ipr_source: IprSource = "test"
    test_q_stb_d: float = 900.0
    test_pwf_psia: float = 2700.0
    #: bubble point for the composite IPR; None = from the fluid (Standing) at reservoir T
    pb_psia: float | None = None
    pi_stb_d_psi: float = 1.0
    qmax_stb_d: float = 2000.0
    fet_c: float = 5.0e-4
    fet_n: float = 0.85
    api: float = 32.0
    gas_sg: float = 0.75
    gor_scf_stb: float = 400.0
    water_cut_pct: float = 30.0
    water_sg: float = 1.07
    md_ft: float = 8000.0
    tvd_ft: float = 8000.0
    tubing_id_in: float = 2.441
    roughness_in: float = 0.0006
    twh_degf: float = 100.0
    correlation: Literal["beggs_brill", "hagedorn_brown"] = "beggs_brill"
    thp_psia: float = 200.0
    rate_points: int = 40
    esp: bool = False
    pump_md_ft: float = 7500.0
    pump_stages: int = 120
    pump_hz: float = 60.0
    #: catalogue curve at 60 Hz: in-situ rate (bbl/d) and head per stage (ft)
    pump_rates_bpd: tuple[float, ...] = (0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0, 3000.0)
    pump_head_ft: tuple[float, ...] = (32.0, 31.0, 29.0, 26.0, 21.5, 15.0, 6.0)
    # sensitivity
    variable: Variable = "thp"
    values: tuple[float, ...] = (100.0, 200.0, 300.0, 400.0, 500.0)
    flowline_psia: float = 100.0
    choke: str = "gilbert"
    injection_md_ft: float | None = None

    def replace(self, **changes: Any) -> NodalInputs:
        return dataclasses.replace(self, **changes)


#: What the sensitivity values of each variable look like by default (a sensible family).
DEFAULT_VALUES: dict[Variable, tuple[float, ...]] = {
    "thp": (100.0, 200.0, 300.0, 400.0, 500.0),
    "choke": (16.0, 24.0, 32.0, 48.0, 64.0),
    "esp_frequency": (45.0, 50.0, 55.0, 60.0, 65.0),
    "glr": (400.0, 600.0, 800.0, 1200.0, 1600.0),
}


def variable_label(v: Variable) -> str:
    return {"thp": tr("Wellhead pressure (THP)"), "choke": tr("Choke bean size"),
            "esp_frequency": tr("ESP frequency"), "glr": tr("Total GLR (gas lift)")}[v]


def variable_short(v: Variable) -> str:
    """A column header for the variable."""
    return {"thp": "THP", "choke": tr("Choke"), "esp_frequency": tr("ESP frequency"),
            "glr": tr("Total GLR")}[v]


def variable_unit(v: Variable) -> str:
    """Oilfield unit of the sensitivity variable (THP converts with the display units)."""
    return {"thp": "psia", "choke": "1/64 in", "esp_frequency": "Hz", "glr": "scf/STB"}[v]


def parse_numbers(text: str, what: str, field_name: str) -> tuple[float, ...]:
    """``"100, 200; 300"`` → floats; a clear message naming ``what`` otherwise."""
    parts = [p for p in text.replace(";", ",").replace("\n", ",").split(",") if p.strip()]
    if not parts:
        raise InputError(field_name, tr("%1: enter at least one value").replace("%1", what))
    out = []
    for p in parts:
        try:
            v = float(p.strip())
        except ValueError:
            raise InputError(field_name, tr("%1: '%2' is not a number")
                             .replace("%1", what).replace("%2", p.strip())) from None
        if not math.isfinite(v):
            raise InputError(field_name, tr("%1: '%2' is not a number")
                             .replace("%1", what).replace("%2", p.strip()))
        out.append(v)
    return tuple(out)


def field_labels() -> dict[str, str]:
    """Input names as the form shows them (translated), for messages."""
    return {
        "pr_psia": tr("Reservoir pressure"), "t_res_degf": tr("Reservoir temperature"),
        "test_q_stb_d": tr("Test rate"), "test_pwf_psia": tr("Test flowing pressure"),
        "pb_psia": tr("Bubble point"), "pi_stb_d_psi": tr("Productivity index"),
        "qmax_stb_d": tr("Absolute open flow"), "fet_c": tr("Fetkovich C"),
        "fet_n": tr("Fetkovich n"), "api": tr("Oil gravity"), "gas_sg": tr("Gas gravity"),
        "gor_scf_stb": tr("Producing GOR"), "water_cut_pct": tr("Water cut"),
        "water_sg": tr("Water gravity"), "md_ft": tr("Measured depth"),
        "tvd_ft": tr("True vertical depth"), "tubing_id_in": tr("Tubing ID"),
        "roughness_in": tr("Roughness"), "twh_degf": tr("Wellhead temperature"),
        "thp_psia": tr("Wellhead pressure"), "rate_points": tr("VLP rate points"),
        "pump_md_ft": tr("Pump depth"), "pump_stages": tr("Stages"),
        "pump_hz": tr("Frequency"), "pump_rates_bpd": tr("Pump curve rates"),
        "pump_head_ft": tr("Pump curve head"), "values": tr("Values"),
        "flowline_psia": tr("Flowline pressure"), "injection_md_ft": tr("Injection depth"),
    }
