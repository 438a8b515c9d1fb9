"""What each simulated device model exposes: signal names, units, ranges and how to scan them.

One table drives both the physics validation (every signal a model computes is listed here) and
the field generator (tag names, Spanish descriptions, deadbands, scan classes). Deadbands are a
little above the simulated noise so the historian stores changes, not jitter.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a signal behaves, which decides its register type in the generator."""

    ANALOG = "analog"  # a measurement or setpoint
    STATUS = "status"  # 0/1
    COUNTER = "counter"  # monotonic integer that wraps (strokes, starts)
    TOTAL = "total"  # monotonic accumulated volume or time


@dataclass(frozen=True, slots=True)
class SignalSpec:
    signal: str  # the quantity, e.g. "esp.frequency"
    suffix: str  # tag name after the device name, e.g. "ESP.FREQ"
    units: str
    description: str  # Spanish: the operators are Spanish-speaking
    eu_min: float
    eu_max: float
    deadband: float
    scan_class: str  # fast | normal | slow
    kind: Kind = Kind.ANALOG
    writable: bool = False


def _a(
    signal: str,
    suffix: str,
    units: str,
    description: str,
    eu_min: float,
    eu_max: float,
    deadband: float,
    scan_class: str,
    kind: Kind = Kind.ANALOG,
    writable: bool = False,
) -> SignalSpec:
    return SignalSpec(
        signal, suffix, units, description, eu_min, eu_max, deadband, scan_class, kind, writable
    )


# Signals every producing well has, whatever lifts it.
_WELL_COMMON: tuple[SignalSpec, ...] = (
    _a("well.thp", "THP", "psi", "Presión de cabeza de tubería", 0, 1500, 2.0, "fast"),
    _a("well.chp", "CHP", "psi", "Presión de cabeza de casing", 0, 1500, 2.0, "normal"),
    _a("well.flowline_temperature", "TEMP_LINEA", "degF", "Temperatura de línea de flujo",
       0, 300, 0.5, "normal"),
    _a("well.liquid_rate", "Q_LIQ", "bbl/d", "Caudal de líquido", 0, 6000, 5.0, "normal"),
    _a("well.oil_rate", "Q_OIL", "bbl/d", "Caudal de petróleo", 0, 6000, 2.0, "normal"),
    _a("well.water_rate", "Q_WAT", "bbl/d", "Caudal de agua", 0, 6000, 5.0, "normal"),
    _a("well.water_cut", "WCUT", "%", "Corte de agua", 0, 100, 0.5, "slow"),
    _a("well.gas_rate", "Q_GAS", "Mscf/d", "Caudal de gas", 0, 5000, 2.0, "normal"),
)

ESP_SIGNALS: tuple[SignalSpec, ...] = (
    _a("esp.frequency", "ESP.FREQ", "Hz", "Frecuencia del variador", 0, 70, 0.05, "fast"),
    _a("esp.frequency_setpoint", "ESP.FREQ_SP", "Hz", "Consigna de frecuencia del variador",
       30, 70, 0.0, "normal", writable=True),
    _a("esp.motor_current", "ESP.AMPS", "A", "Corriente del motor", 0, 200, 0.5, "fast"),
    _a("esp.motor_voltage", "ESP.VOLTS", "V", "Tensión de salida del variador", 0, 3000, 5.0,
       "normal"),
    _a("esp.motor_load", "ESP.LOAD", "%", "Carga del motor", 0, 150, 0.5, "normal"),
    _a("esp.motor_temperature", "ESP.MTR_TEMP", "degF", "Temperatura del motor", 50, 400, 0.5,
       "normal"),
    _a("esp.intake_pressure", "ESP.PIP", "psi", "Presión de entrada de la bomba", 0, 5000, 2.0,
       "fast"),
    _a("esp.intake_temperature", "ESP.PIT", "degF", "Temperatura de entrada de la bomba", 50,
       350, 0.5, "slow"),
    _a("esp.discharge_pressure", "ESP.PDP", "psi", "Presión de descarga de la bomba", 0, 6000,
       3.0, "normal"),
    _a("esp.vibration", "ESP.VIB", "g", "Vibración de la bomba", 0, 5, 0.02, "normal"),
    _a("esp.running", "ESP.RUN", "", "Estado de marcha (1 = en marcha)", 0, 1, 0.0, "fast",
       Kind.STATUS),
    _a("esp.run_hours", "ESP.HRS", "h", "Horas de marcha acumuladas", 0, 200000, 0.1, "slow",
       Kind.TOTAL),
    _a("esp.start_count", "ESP.STARTS", "", "Contador de arranques", 0, 65535, 0.0, "slow",
       Kind.COUNTER),
    *_WELL_COMMON,
)

ROD_PUMP_SIGNALS: tuple[SignalSpec, ...] = (
    _a("rodpump.spm", "BM.SPM", "SPM", "Velocidad de bombeo (golpes por minuto)", 0, 15, 0.05,
       "fast"),
    _a("rodpump.spm_setpoint", "BM.SPM_SP", "SPM", "Consigna de golpes por minuto", 1, 15,
       0.0, "normal", writable=True),
    _a("rodpump.peak_load", "BM.PPRL", "klbf", "Carga máxima en barra pulida", 0, 50, 0.1,
       "fast"),
    _a("rodpump.min_load", "BM.MPRL", "klbf", "Carga mínima en barra pulida", 0, 50, 0.1,
       "fast"),
    _a("rodpump.fillage", "BM.FILL", "%", "Llenado de la bomba", 0, 100, 1.0, "fast"),
    _a("rodpump.pumpoff_setpoint", "BM.POC_SP", "%", "Consigna de llenado del controlador POC",
       30, 95, 0.0, "slow", writable=True),
    _a("rodpump.stroke_count", "BM.STROKES", "", "Contador de carreras", 0, 4294967295, 0.0,
       "slow", Kind.COUNTER),
    _a("rodpump.running", "BM.RUN", "", "Estado de marcha (1 = en marcha)", 0, 1, 0.0, "fast",
       Kind.STATUS),
    _a("rodpump.run_hours", "BM.HRS", "h", "Horas de marcha acumuladas", 0, 200000, 0.1,
       "slow", Kind.TOTAL),
    _a("rodpump.motor_current", "BM.AMPS", "A", "Corriente media del motor", 0, 300, 0.5,
       "normal"),
    _a("rodpump.motor_power", "BM.KW", "kW", "Potencia del motor", 0, 200, 0.2, "normal"),
    _a("rodpump.intake_pressure", "BM.PIP", "psi", "Presión de entrada de la bomba (calculada)",
       0, 3000, 2.0, "normal"),
    _a("rodpump.fluid_level", "BM.NIVEL", "ft", "Nivel dinámico de fluido desde superficie",
       0, 12000, 5.0, "normal"),
    *_WELL_COMMON,
)

GAS_LIFT_SIGNALS: tuple[SignalSpec, ...] = (
    _a("gaslift.injection_rate", "GL.QINY", "Mscf/d", "Caudal de gas de inyección", 0, 3000,
       2.0, "fast"),
    _a("gaslift.injection_setpoint", "GL.QINY_SP", "Mscf/d",
       "Consigna de caudal de gas de inyección", 0, 2500, 0.0, "normal", writable=True),
    _a("gaslift.choke_position", "GL.CHOKE", "%", "Apertura del choke de inyección", 0, 100,
       0.5, "normal"),
    _a("gaslift.injection_temperature", "GL.TINY", "degF", "Temperatura del gas de inyección",
       0, 200, 0.5, "slow"),
    _a("gaslift.injection_total", "GL.VOL_INY", "Mscf", "Volumen de gas inyectado acumulado",
       0, 1e9, 1.0, "slow", Kind.TOTAL),
    _a("gaslift.bottomhole_pressure", "GL.PWF", "psi", "Presión de fondo fluyente", 0, 6000,
       3.0, "normal"),
    _a("gaslift.running", "GL.RUN", "", "Pozo en inyección (1 = sí)", 0, 1, 0.0, "fast",
       Kind.STATUS),
    _a("gaslift.run_hours", "GL.HRS", "h", "Horas en producción acumuladas", 0, 200000, 0.1,
       "slow", Kind.TOTAL),
    *_WELL_COMMON,
)

FACILITY_SIGNALS: tuple[SignalSpec, ...] = (
    _a("facility.separator_pressure", "SEP.PRES", "psi", "Presión del separador", 0, 300, 1.0,
       "fast"),
    _a("facility.separator_pressure_setpoint", "SEP.PRES_SP", "psi",
       "Consigna de presión del separador", 30, 250, 0.0, "normal", writable=True),
    _a("facility.separator_level", "SEP.NIVEL", "%", "Nivel de líquido del separador", 0, 100,
       0.5, "fast"),
    _a("facility.separator_temperature", "SEP.TEMP", "degF", "Temperatura del separador", 0,
       250, 0.5, "slow"),
    _a("facility.inlet_liquid_rate", "ENT.Q_LIQ", "bbl/d", "Caudal de líquido de entrada", 0,
       300000, 10.0, "normal"),
    _a("facility.oil_rate", "ENT.Q_OIL", "bbl/d", "Caudal de petróleo de entrada", 0, 300000,
       5.0, "normal"),
    _a("facility.water_rate", "ENT.Q_WAT", "bbl/d", "Caudal de agua de entrada", 0, 300000,
       10.0, "normal"),
    _a("facility.gas_rate", "ENT.Q_GAS", "Mscf/d", "Caudal de gas del separador", 0, 300000,
       5.0, "normal"),
    _a("facility.tank1_level", "TK1.NIVEL", "ft", "Nivel del tanque de petróleo 1", 0, 30,
       0.02, "normal"),
    _a("facility.tank2_level", "TK2.NIVEL", "ft", "Nivel del tanque de petróleo 2", 0, 30,
       0.02, "normal"),
    _a("facility.tank3_level", "TK3.NIVEL", "ft", "Nivel del tanque de petróleo 3", 0, 30,
       0.02, "normal"),
    _a("facility.water_tank_level", "TKA.NIVEL", "ft", "Nivel del tanque de agua", 0, 30, 0.02,
       "normal"),
    _a("facility.water_transfer_rate", "TKA.Q_TRANSF", "bbl/d",
       "Caudal de transferencia de agua a inyección", 0, 600000, 10.0, "normal"),
    _a("facility.lact_rate", "LACT.CAUDAL", "bbl/d", "Caudal de la unidad LACT", 0, 600000,
       5.0, "fast"),
    _a("facility.lact_running", "LACT.RUN", "", "Unidad LACT en marcha (1 = sí)", 0, 1, 0.0,
       "fast", Kind.STATUS),
    _a("facility.lact_bsw", "LACT.BSW", "%", "BS&W del crudo fiscalizado", 0, 5, 0.02, "normal"),
    _a("facility.lact_gross_total", "LACT.VOL_BRUTO", "bbl",
       "Totalizador fiscal de volumen bruto", 0, 4294967295, 0.0, "slow", Kind.COUNTER),
    _a("facility.lact_net_total", "LACT.VOL_NETO", "bbl",
       "Totalizador fiscal de volumen neto (corregido)", 0, 1e12, 0.1, "slow", Kind.TOTAL),
)

SIGNALS_BY_MODEL: dict[str, tuple[SignalSpec, ...]] = {
    "esp_well": ESP_SIGNALS,
    "rod_pump_well": ROD_PUMP_SIGNALS,
    "gas_lift_well": GAS_LIFT_SIGNALS,
    "facility_plc": FACILITY_SIGNALS,
}

WELL_MODELS = ("esp_well", "rod_pump_well", "gas_lift_well")

# -- pad RTUs ------------------------------------------------------------------------------------
# One RTU/PLC wired to every well of a pad. Its tags name their well inside the signal,
# "W03:esp.frequency", because the device alone no longer says which well a value belongs to.

PAD_RTU = "pad_rtu"
WELL_SEPARATOR = ":"

LIFT_MODEL_BY_PREFIX: dict[str, str] = {
    "esp": "esp_well",
    "rodpump": "rod_pump_well",
    "gaslift": "gas_lift_well",
}
"""Signal prefix -> lift model. ``well.*`` signals are common to every lift type, so they say
nothing about it; a well on a pad RTU needs at least one signal with one of these prefixes."""


def pad_signal(well: str, signal: str) -> str:
    """A pad RTU tag's signal: ``pad_signal("W03", "esp.frequency") == "W03:esp.frequency"``."""
    return f"{well}{WELL_SEPARATOR}{signal}"


def split_pad_signal(signal: str) -> tuple[str, str] | None:
    """``"W03:esp.frequency"`` -> ``("W03", "esp.frequency")``; None without a well name."""
    well, sep, rest = signal.partition(WELL_SEPARATOR)
    if not sep or not well or not rest:
        return None
    return well, rest


def lift_model_of(signal: str) -> str | None:
    """The lift model a signal implies (``esp.frequency`` -> ``esp_well``); None for ``well.*``
    and anything that is not a well signal."""
    return LIFT_MODEL_BY_PREFIX.get(signal.partition(".")[0])
