"""The PVT calculator's model: a black-oil fluid, its bubble point, its properties at one
pressure and over a pressure range, and the report of all that. Qt-free.

The numbers all come from :class:`domain.engineering.pvt.BlackOilFluid`; this module only
collects the engineer's inputs (oilfield units inside, whatever the screen shows), checks what
the domain does not (a table range, mole percents), runs the table with progress reports, and
converts the result to the unit system on screen. Two things the domain does not take directly
are derived here: a *known bubble point* becomes the GOR that the chosen correlation puts at
that pressure (the correlation's own inverse, so the fluid's bubble point comes back exactly),
and the *salinity* becomes the brine's specific gravity (McCain's standard-conditions density).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from domain.engineering.pvt import FIELDS, BlackOilFluid, FieldSpec, FluidState, header
from domain.engineering.pvt import oil as oil_corr
from domain.engineering.pvt import units as pvt_units
from domain.engineering.pvt import water as water_corr
from hmi.components.events import Event
from hmi.components.numbers import significant
from hmi.reports import Chart, KeyValues, Note, Report, Series, Table

System = Literal["oilfield", "si"]
Translate = Callable[[str], str]
ProgressFn = Callable[[float, str], None]


def _same(text: str) -> str:
    return text


#: oil correlation key -> name shown (bubble point, Rs, saturated Bo)
OIL_CORRELATIONS: dict[str, str] = {
    "standing": "Standing (1947)",
    "vasquez_beggs": "Vasquez-Beggs (1980)",
}
#: z-factor method key -> name shown
Z_METHODS: dict[str, str] = {
    "dak": "Dranchuk-Abou-Kassem (1975)",
    "hy": "Hall-Yarborough (1973)",
}
#: the fixed choices of the fluid model, for the report (see domain/engineering/pvt/fluid.py)
FIXED_CORRELATIONS: tuple[tuple[str, str], ...] = (
    ("Gas pseudo-criticals", "Sutton + Kay's rule, Wichert-Aziz"),
    ("Gas viscosity", "Lee-Gonzalez-Eakin (1966)"),
    ("Oil viscosity", "Beggs-Robinson; Vasquez-Beggs above pb"),
    ("Undersaturated Bo, co", "Vasquez-Beggs; co below pb McCain"),
    ("Water Bw, density, viscosity", "McCain (1990)"),
    ("Surface tension", "Baker-Swerdloff; Hough et al."),
)
MAX_POINTS = 2000
#: rows of each PDF table (the CSV always has them all)
PDF_MAX_ROWS = 300

# -- units -------------------------------------------------------------------------------------

InputKind = Literal["p", "T", "gor", ""]
_INPUT_UNITS: dict[str, tuple[str, str]] = {
    "p": ("psia", "kPa"),
    "T": ("°F", "°C"),
    "gor": ("scf/STB", "sm³/sm³"),
}


def input_unit(kind: str, system: System) -> str:
    """The unit an input of ``kind`` ("p", "T", "gor") is typed in, in ``system``."""
    pair = _INPUT_UNITS.get(kind)
    return "" if pair is None else pair[0 if system == "oilfield" else 1]


def to_display(kind: str, value: float, system: System) -> float:
    """An oilfield input value in the units of ``system``."""
    if system == "oilfield":
        return value
    if kind == "p":
        return pvt_units.psia_to_kpa(value)
    if kind == "T":
        return pvt_units.degf_to_degc(value)
    if kind == "gor":
        return pvt_units.scf_stb_to_sm3_sm3(value)
    return value


def from_display(kind: str, value: float, system: System) -> float:
    """A value typed in the units of ``system`` -> oilfield units."""
    if system == "oilfield":
        return value
    if kind == "p":
        return pvt_units.kpa_to_psia(value)
    if kind == "T":
        return pvt_units.degc_to_degf(value)
    if kind == "gor":
        return pvt_units.sm3_sm3_to_scf_stb(value)
    return value


_PRETTY = {"degF": "°F", "degC": "°C", "lb/ft3": "lb/ft³", "kg/m3": "kg/m³",
           "sm3/sm3": "sm³/sm³", "mPa.s": "mPa·s", "-": "–"}
_VOLUME_FACTORS = {"bo_rb_stb", "bw_rb_stb", "bg_rb_scf"}


def field_unit(spec: FieldSpec, system: System) -> str:
    """The unit of a :data:`FIELDS` column as shown on screen (typography, rm³/sm³)."""
    if system == "si" and spec.name in _VOLUME_FACTORS:
        return "rm³/sm³"
    u = spec.unit if system == "oilfield" else spec.si_unit
    return _PRETTY.get(u, u)


def field(name: str) -> FieldSpec:
    """The :data:`FIELDS` entry of attribute ``name``."""
    for f in FIELDS:
        if f.name == name:
            return f
    raise KeyError(name)


def convert(name: str, value: float, system: System) -> float:
    """An oilfield value of field ``name`` in ``system``."""
    return value if system == "oilfield" else field(name).to_si(value)


def fmt(value: float | None, digits: int = 4) -> str:
    """A property value for the screen and the report (:func:`significant`)."""
    return significant(value, digits)


def fmt_input(value: float) -> str:
    """An input value as the engineer would type it (up to 6 significant digits)."""
    return f"{value:.6g}"


def fmt_t(value: float) -> str:
    """A temperature: 4 significant digits, no trailing zeros ("180", "82.22")."""
    return f"{value:.4g}"


def fmt_q(value: float | None, unit: str, digits: int = 4) -> str:
    """A number with its unit, ``"2,463 psia"``."""
    text = fmt(value, digits)
    return text if not unit or unit == "–" or text == "—" else f"{text} {unit}"


# -- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PvtInputs:
    """What the engineer typed, in oilfield units (mole fractions, not percents).

    ``spec`` says which of ``gor_scf_stb`` ("gor") or ``pb_psia`` ("pb") describes the oil;
    the other is derived. Separator conditions are optional (both or neither) and only matter
    to Vasquez-Beggs. ``t_point_degf`` None means the reservoir temperature.
    """

    api: float = 35.0
    gas_sg: float = 0.75
    spec: Literal["gor", "pb"] = "gor"
    gor_scf_stb: float = 600.0
    pb_psia: float = 2500.0
    t_res_degf: float = 180.0
    sep_p_psia: float | None = None
    sep_t_degf: float | None = None
    salinity_wt_pct: float = 8.0
    y_h2s: float = 0.0
    y_co2: float = 0.0
    y_n2: float = 0.0
    correlation: str = "standing"
    z_method: str = "dak"
    p_min_psia: float = 14.7
    p_max_psia: float = 5000.0
    points: int = 50
    p_point_psia: float = 3000.0
    t_point_degf: float | None = None

    @property
    def water_sg(self) -> float:
        """Brine specific gravity (60/60 degF) of ``salinity_wt_pct`` (McCain 1990)."""
        return (water_corr.water_density_sc(self.salinity_wt_pct)
                / water_corr.water_density_sc(0.0))

    @property
    def t_point(self) -> float:
        return self.t_res_degf if self.t_point_degf is None else self.t_point_degf

    def gor(self) -> float:
        """The solution GOR at the bubble point, scf/STB: typed, or the chosen correlation's
        Rs at the typed bubble point and the reservoir temperature."""
        if self.spec == "gor":
            return self.gor_scf_stb
        base = self._fluid(0.0)  # validates gravities, separator, correlation
        pb = self.pb_psia
        if not (math.isfinite(pb) and pb > 0.0):
            raise ValueError(f"bubble-point pressure must be > 0 psia, got {pb:g}")
        if base.correlation == "standing":
            return oil_corr.standing_rs(pb, self.t_res_degf, self.api, self.gas_sg)
        return oil_corr.vasquez_beggs_rs(pb, self.t_res_degf, self.api, base.gas_sg_100)

    def _fluid(self, gor: float) -> BlackOilFluid:
        return BlackOilFluid(
            api=self.api, gas_sg=self.gas_sg, gor_scf_stb=gor, water_sg=self.water_sg,
            y_h2s=self.y_h2s, y_co2=self.y_co2, y_n2=self.y_n2,
            correlation=self.correlation, sep_p_psia=self.sep_p_psia,
            sep_t_degf=self.sep_t_degf, z_method=self.z_method)

    def fluid(self) -> BlackOilFluid:
        """The domain's fluid for these inputs; its ValueError (the domain's message) if an
        input is impossible."""
        return self._fluid(self.gor())

    def validate(self, tr: Translate = _same) -> None:
        """Checks the domain does not make: the table range, the point, mole percents."""
        for name, y in ((tr("H2S"), self.y_h2s), (tr("CO2"), self.y_co2),
                        (tr("N2"), self.y_n2)):
            if not 0.0 <= y < 1.0:
                raise ValueError(tr("%1: enter a mole percent from 0 to below 100")
                                 .replace("%1", name))
        if not self.p_min_psia > 0.0:
            raise ValueError(tr("Table: the minimum pressure must be above zero (absolute)"))
        if not self.p_max_psia > self.p_min_psia:
            raise ValueError(tr("Table: the maximum pressure must be above the minimum"))
        if not 2 <= self.points <= MAX_POINTS:
            raise ValueError(tr("Table: the number of points must be from 2 to %1")
                             .replace("%1", str(MAX_POINTS)))
        if not self.p_point_psia > 0.0:
            raise ValueError(tr("Single point: the pressure must be above zero (absolute)"))

    def pressures(self, pb_psia: float) -> np.ndarray:
        """The table's pressures: ``points`` evenly spaced, plus the bubble point when it lies
        inside the range (so the table and the plots show the break exactly)."""
        ps = np.linspace(self.p_min_psia, self.p_max_psia, self.points)
        if self.p_min_psia < pb_psia < self.p_max_psia and not np.any(
                np.isclose(ps, pb_psia, rtol=1e-9, atol=0.0)):
            ps = np.sort(np.append(ps, pb_psia))
        return ps


#: name -> inputs; the first is the tab's default
PRESETS: dict[str, PvtInputs] = {
    "Black oil, 35 °API": PvtInputs(),
    "Heavy oil, 18 °API": PvtInputs(
        api=18.0, gas_sg=0.65, gor_scf_stb=90.0, pb_psia=850.0, t_res_degf=140.0,
        salinity_wt_pct=3.0, p_max_psia=3000.0, p_point_psia=1500.0),
    "Sour light oil, rich gas": PvtInputs(
        api=45.0, gas_sg=0.85, gor_scf_stb=1800.0, pb_psia=5000.0, t_res_degf=240.0,
        sep_p_psia=150.0, sep_t_degf=90.0, salinity_wt_pct=12.0, y_h2s=0.08, y_co2=0.06,
        y_n2=0.01, correlation="vasquez_beggs", z_method="hy", p_max_psia=8000.0,
        p_point_psia=6000.0),
    "Volatile oil, 42 °API": PvtInputs(
        api=42.0, gas_sg=0.80, gor_scf_stb=1100.0, pb_psia=3500.0, t_res_degf=210.0,
        salinity_wt_pct=5.0, y_co2=0.02, y_n2=0.005, p_max_psia=6000.0, p_point_psia=4000.0),
}
DEFAULT_PRESET = next(iter(PRESETS))


# -- result ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PvtResult:
    inputs: PvtInputs
    fluid: BlackOilFluid
    pb_psia: float
    #: the fluid at its bubble point and the reservoir temperature (None for a dead oil)
    bubble: FluidState | None
    states: tuple[FluidState, ...]
    point: FluidState

    @property
    def pb_row(self) -> int | None:
        """The table row computed exactly at the bubble point, if the range contains it."""
        for i, s in enumerate(self.states):
            if s.p_psia == self.pb_psia:
                return i
        return None

    def rows(self, system: System) -> list[tuple[float, ...]]:
        """The table in :data:`FIELDS` order, in ``system`` units (the domain's conversion)."""
        return [s.as_row(system) for s in self.states]

    def column(self, name: str, system: System) -> np.ndarray:
        i = [f.name for f in FIELDS].index(name)
        return np.array([r[i] for r in self.rows(system)], dtype=float)


def compute(progress: ProgressFn, inputs: PvtInputs) -> PvtResult:
    """The whole calculation (the tab runs it in a worker): ValueError with the domain's
    message, plus the pressure it happened at, if a correlation refuses a state."""
    fluid = inputs.fluid()
    t = inputs.t_res_degf
    pb = fluid.bubble_point(t)
    pressures = inputs.pressures(pb)
    n = len(pressures)
    states: list[FluidState] = []
    progress(0.0, "")
    for i, p in enumerate(pressures):
        states.append(_at(fluid, float(p), t))
        if i % 25 == 24:
            progress((i + 1) / (n + 2), "")
    bubble = _at(fluid, pb, t) if pb > 0.0 else None
    point = _at(fluid, inputs.p_point_psia, inputs.t_point)
    progress(1.0, "")
    return PvtResult(inputs, fluid, pb, bubble, tuple(states), point)


def _at(fluid: BlackOilFluid, p: float, t: float) -> FluidState:
    try:
        return fluid.at(p, t)
    except ValueError as e:
        raise ValueError(f"{e} (p = {p:,.6g} psia, T = {t:.6g} °F)") from e


# -- the model the tab observes ----------------------------------------------------------------


class PvtModel:
    """The inputs last run and their result. ``changed()`` fires when the result is set or
    cleared (the tab redraws); a result is only ever shown together with its inputs."""

    def __init__(self, inputs: PvtInputs | None = None) -> None:
        self.inputs = inputs or PRESETS[DEFAULT_PRESET]
        self.result: PvtResult | None = None
        self.changed = Event()

    def prepare(self, inputs: PvtInputs, tr: Translate = _same) -> PvtInputs:
        """Checks ``inputs`` (raises ValueError with a message for the user) and adopts them."""
        inputs.validate(tr)
        inputs.fluid()
        self.inputs = inputs
        return inputs

    def set_result(self, result: PvtResult) -> None:
        self.result = result
        self.inputs = result.inputs
        self.changed.emit()

    def clear(self) -> None:
        if self.result is not None:
            self.result = None
            self.changed.emit()

    def run_now(self, inputs: PvtInputs) -> PvtResult:
        """Synchronously (scripts, tests): prepare, compute, set."""
        result = compute(lambda _f, _t: None, self.prepare(inputs))
        self.set_result(result)
        return result


# -- presentation shared by the screen and the report ------------------------------------------

#: (field, title) of the plots vs pressure, in screen order (two rows of three)
PLOTS: tuple[tuple[str, str], ...] = (
    ("rs_scf_stb", "Solution GOR, Rs"),
    ("bo_rb_stb", "Oil FVF, Bo"),
    ("z", "Gas z-factor"),
    ("mu_o_cp", "Oil viscosity, μo"),
    ("mu_g_cp", "Gas viscosity, μg"),
    ("bg_rb_scf", "Gas FVF, Bg"),
)
#: plots with a logarithmic y axis (Bg falls hyperbolically with pressure)
LOG_PLOTS = frozenset({"bg_rb_scf"})
#: the properties by phase: the single point on screen, and the table split for print (A4 is
#: too narrow for 18 columns): title -> fields
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Oil", ("rs_scf_stb", "bo_rb_stb", "rho_o_lbft3", "mu_o_cp", "co_1psi",
             "sigma_og_dyncm")),
    ("Gas", ("z", "bg_rb_scf", "rho_g_lbft3", "mu_g_cp", "cg_1psi")),
    ("Water", ("bw_rb_stb", "rho_w_lbft3", "mu_w_cp", "sigma_wg_dyncm")),
)


def state_value(state: FluidState, name: str, system: System) -> float:
    return convert(name, float(getattr(state, name)), system)


def input_items(inputs: PvtInputs, system: System, tr: Translate = _same,
                preset: str = "") -> list[tuple[str, str]]:
    """The fluid description as (label, value with units) for reports and the screen."""
    u = lambda kind: input_unit(kind, system)  # noqa: E731
    d = lambda kind, v: f"{fmt_input(to_display(kind, v, system))} {u(kind)}"  # noqa: E731
    items: list[tuple[str, str]] = []
    if preset:
        items.append((tr("Preset"), tr(preset)))
    items += [
        (tr("Oil gravity"), f"{fmt_input(inputs.api)} °API"),
        (tr("Gas specific gravity (air = 1)"), fmt_input(inputs.gas_sg)),
    ]
    if inputs.spec == "gor":
        items.append((tr("Solution GOR at bubble point"), d("gor", inputs.gor_scf_stb)))
    else:
        items.append((tr("Bubble-point pressure (given)"), d("p", inputs.pb_psia)))
    items.append((tr("Reservoir temperature"), d("T", inputs.t_res_degf)))
    if inputs.sep_p_psia is not None and inputs.sep_t_degf is not None:
        items.append((tr("Separator"), f"{d('p', inputs.sep_p_psia)}, "
                                       f"{d('T', inputs.sep_t_degf)}"))
    items += [
        (tr("Water salinity"), f"{fmt_input(inputs.salinity_wt_pct)} wt% TDS "
                               f"(SG {fmt(inputs.water_sg)})"),
        (tr("H2S / CO2 / N2"), " / ".join(fmt_input(y * 100) for y in
                                          (inputs.y_h2s, inputs.y_co2, inputs.y_n2))
         + " mol%"),
    ]
    return items


def correlation_items(inputs: PvtInputs, tr: Translate = _same) -> list[tuple[str, str]]:
    return [
        (tr("Bubble point, Rs, Bo"), OIL_CORRELATIONS.get(inputs.correlation,
                                                          inputs.correlation)),
        (tr("Gas z-factor and cg"), Z_METHODS.get(inputs.z_method, inputs.z_method)),
        *((tr(k), v) for k, v in FIXED_CORRELATIONS),
    ]


def key_items(result: PvtResult, system: System, tr: Translate = _same
              ) -> list[tuple[str, str]]:
    """The bubble point and the oil at it."""
    t_unit = input_unit("T", system)
    t = to_display("T", result.inputs.t_res_degf, system)
    pb = convert("pb_psia", result.pb_psia, system)
    items = [(tr("Bubble-point pressure") + f" ({fmt_t(t)} {t_unit})",
              fmt_q(pb, field_unit(field("pb_psia"), system)))]
    b = result.bubble
    if b is not None:
        for name, label in (("rs_scf_stb", "Rs at bubble point"),
                            ("bo_rb_stb", "Bo at bubble point"),
                            ("mu_o_cp", "Oil viscosity at bubble point"),
                            ("rho_o_lbft3", "Oil density at bubble point")):
            items.append((tr(label), fmt_q(state_value(b, name, system),
                                           field_unit(field(name), system))))
    else:
        items.append((tr("Oil"), tr("dead oil (no dissolved gas): no bubble point")))
    fl = result.fluid
    if fl.sep_p_psia is not None:
        items.append((tr("Gas gravity at 100 psig separator"), fmt(fl.gas_sg_100)))
    return items


def point_items(state: FluidState, system: System, tr: Translate = _same
                ) -> list[tuple[str, str]]:
    """Every property of one state, labelled with its units."""
    return [(tr(f.label), fmt_q(state_value(state, f.name, system), field_unit(f, system)))
            for f in FIELDS]


def chart_series(result: PvtResult, name: str, system: System, tr: Translate = _same
                 ) -> list[Series]:
    """A plot's curve and the bubble point as a dashed vertical line across its range."""
    x = result.column("p_psia", system)
    y = result.column(name, system)
    series = [Series(tr(field(name).label), list(x), list(y), "line", "#1f4e9c")]
    pb = convert("pb_psia", result.pb_psia, system)
    finite = y[np.isfinite(y)]
    if x[0] <= pb <= x[-1] and result.pb_psia > 0.0 and finite.size:
        series.append(Series(tr("Bubble point"), [pb, pb],
                             [float(finite.min()), float(finite.max())], "dash", "#b03a2e"))
    return series


def build_report(result: PvtResult | None, system: System, tr: Translate = _same,
                 *, preset: str = "", for_csv: bool = False) -> Report:
    """Inputs, correlations, the bubble point, the point, the plots and the table.

    The CSV gets the table whole (every :data:`FIELDS` column, the domain's header with units);
    the PDF gets it split into oil, gas and water tables that fit an A4 page."""
    if result is None:
        raise ValueError(tr("Nothing to export yet: enter the fluid and press Calculate"))
    inp = result.inputs
    p_unit = field_unit(field("p_psia"), system)
    pb = convert("pb_psia", result.pb_psia, system)
    t_disp = f"{fmt_t(to_display('T', inp.t_res_degf, system))} {input_unit('T', system)}"
    subtitle = (f"{fmt_input(inp.api)} °API · "
                + (tr("bubble point %1 at %2").replace("%1", fmt_q(pb, p_unit))
                   .replace("%2", t_disp) if result.pb_psia > 0 else tr("dead oil")))
    r = Report(tr("PVT – black-oil fluid properties"), subtitle)
    r.add(KeyValues(tr("Fluid"), input_items(inp, system, tr, preset)),
          KeyValues(tr("Key results"), key_items(result, system, tr)),
          KeyValues(tr("Correlations"), correlation_items(inp, tr)))
    pt = result.point
    p_title = (tr("Properties at %1, %2")
               .replace("%1", fmt_q(convert("p_psia", pt.p_psia, system), p_unit))
               .replace("%2", f"{fmt_t(to_display('T', pt.t_degf, system))} "
                                    f"{input_unit('T', system)}"))
    r.add(KeyValues(p_title, point_items(pt, system, tr)))
    rows = result.rows(system)
    t_title = tr("Properties vs pressure at %1").replace("%1", t_disp)
    if for_csv:
        r.add(Table(t_title, header(system), rows, pdf_max_rows=PDF_MAX_ROWS))
        return r
    x_label = f"{tr('Pressure')} [{p_unit}]"
    for name, title in PLOTS:
        unit = field_unit(field(name), system)
        r.add(Chart(tr(title), x_label, f"{tr(field(name).label)} [{unit}]",
                    chart_series(result, name, system, tr), y_log=name in LOG_PLOTS))
    names = [f.name for f in FIELDS]
    ip = names.index("p_psia")
    for group, cols in GROUPS:
        idx = [ip, *(names.index(c) for c in cols)]
        head = [FIELDS[i].header(system) for i in idx]
        r.add(Table(f"{t_title} – {tr(group)}", head, [[row[i] for i in idx] for row in rows],
                    pdf_max_rows=PDF_MAX_ROWS))
    r.add(Note(tr("Correlations extrapolate outside their data ranges; compare with a "
                  "laboratory PVT report where one exists. The bubble-point row is "
                  "included in the table when it lies inside the pressure range.")))
    return r


def parse_number(text: str) -> float:
    """A number as typed: dot or comma decimal separator, spaces ignored; ValueError if not
    a finite number."""
    t = text.strip().replace(" ", "").replace("\u00a0", "")
    # "35,5" is a decimal comma; "1,500.5" has thousands separators
    t = t.replace(",", ".") if "," in t and "." not in t else t.replace(",", "")
    v = float(t)
    if not math.isfinite(v):
        raise ValueError(text)
    return v


def table_labels(system: System, tr: Translate = _same) -> list[tuple[str, str, str]]:
    """(key, unit, translated label) of each :data:`FIELDS` column for the screen table."""
    return [(f.key, field_unit(f, system), tr(f.label)) for f in FIELDS]
