"""Material balance window model: history table, inputs, run, results and report (Qt-free).

The engineer types (or imports from CSV, or loads a textbook example) one row per pressure
survey, row 0 being the initial survey; picks oil or gas, the drive (gas cap, aquifer model)
and runs :func:`domain.engineering.matbal.estimate_ooip` / ``estimate_ogip``. The answer, the
Havlena-Odeh (or p/z) straight line, the drive indices and the balance terms are described
here once, as :class:`PlotSpec` and :class:`hmi.reports.Report` blocks, so the screen and the
exported PDF/CSV show the same numbers.

Everything is in oilfield units (psia, STB, scf, rb, rb/STB, rb/scf, 1/psi, days, °F), the
domain's units: the window labels every column and field with them.

Errors are ``ValueError`` with messages naming the field, the CSV line and column, or the table
row (row 0 = the initial survey, as the domain numbers them), shown to the user as they are.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from domain.engineering import matbal as mb
from domain.engineering.pvt import BlackOilFluid
from domain.engineering.pvt import gas as pvt_gas
from hmi.components.events import Event
from hmi.reports import Chart, KeyValues, Note, Report, Series, Table

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


# --- the history table -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the history table: domain argument, symbol, units, what it is."""

    key: str
    symbol: str
    unit: str
    description: str
    required: bool = False
    #: "positive" (> 0), "volume" (>= 0)
    sign: Literal["positive", "volume"] = "volume"

    @property
    def header(self) -> str:
        return f"{self.symbol} [{self.unit}]"


OIL_COLUMNS: tuple[Column, ...] = (
    Column("time_days", "t", "days", "Time since the initial survey (needed by the "
           "Fetkovich, Carter-Tracy and van Everdingen-Hurst aquifers)", sign="volume"),
    Column("pressure", "p", "psia", "Average reservoir pressure at the survey", True,
           "positive"),
    Column("cum_oil", "Np", "STB", "Cumulative oil produced", True),
    Column("cum_gas", "Gp", "scf", "Cumulative gas produced (blank with Rs and Bg for an oil "
           "above its bubble point)"),
    Column("cum_water", "Wp", "STB", "Cumulative water produced"),
    Column("bo", "Bo", "rb/STB", "Oil formation volume factor at the row's pressure", True,
           "positive"),
    Column("rs", "Rs", "scf/STB", "Solution gas-oil ratio at the row's pressure"),
    Column("bg", "Bg", "rb/scf", "Gas formation volume factor at the row's pressure",
           sign="positive"),
    Column("bw", "Bw", "rb/STB", "Water formation volume factor (1.0 when blank)",
           sign="positive"),
    Column("cum_water_injected", "Wi", "STB", "Cumulative water injected"),
    Column("cum_gas_injected", "Gi", "scf", "Cumulative gas injected"),
)

GAS_COLUMNS: tuple[Column, ...] = (
    Column("time_days", "t", "days", "Time since the initial survey (needed by the "
           "Fetkovich, Carter-Tracy and van Everdingen-Hurst aquifers)"),
    Column("pressure", "p", "psia", "Average reservoir pressure at the survey", True,
           "positive"),
    Column("cum_gas", "Gp", "scf", "Cumulative gas produced", True),
    Column("cum_water", "Wp", "STB", "Cumulative water produced"),
    Column("z", "z", "-", "Gas deviation factor at the row's pressure (blank: computed from "
           "the gas gravity and temperature)", sign="positive"),
    Column("bg", "Bg", "rb/scf", "Gas formation volume factor (blank: computed from z and "
           "the temperature)", sign="positive"),
    Column("bw", "Bw", "rb/STB", "Water formation volume factor (1.0 when blank)",
           sign="positive"),
)

Cell = float | None


def parse_number(text: str) -> float | None:
    """A number typed by an engineer: blank → None; ``1,25`` (decimal comma) and ``1.234,5``
    / ``1,234.5`` (grouped) accepted. ``ValueError`` when it is not a number."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        return None
    if "," in s and "." in s:
        # the last separator is the decimal one
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else \
            s.replace(",", "")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    v = float(s)  # raises ValueError
    if not math.isfinite(v):
        raise ValueError(text)
    return v


class HistoryTable:
    """Rows of cells (float or None = blank), one per pressure survey; ``changed()`` on edits."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.rows: list[list[Cell]] = []
        self.changed = Event()

    def index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def __len__(self) -> int:
        return len(self.rows)

    def replace(self, rows: Iterable[Sequence[Cell]]) -> None:
        new = [list(r) for r in rows]
        for r in new:
            if len(r) != len(self.columns):
                raise ValueError(f"a history row needs {len(self.columns)} cells, got {len(r)}")
        self.rows = new
        self.changed.emit()

    def set_cell(self, row: int, col: int, value: Cell) -> None:
        self.rows[row][col] = value
        self.changed.emit()

    def insert_row(self, at: int | None = None) -> int:
        at = len(self.rows) if at is None else max(0, min(at, len(self.rows)))
        self.rows.insert(at, [None] * len(self.columns))
        self.changed.emit()
        return at

    def remove_rows(self, rows: Iterable[int]) -> None:
        drop = set(rows)
        self.rows = [r for i, r in enumerate(self.rows) if i not in drop]
        self.changed.emit()

    def values(self, key: str) -> list[Cell]:
        i = self.index(key)
        return [r[i] for r in self.rows]

    def column_array(self, key: str) -> np.ndarray | None:
        """The column as floats; None when every cell is blank; ``ValueError`` naming the row
        when only some are."""
        vals = self.values(key)
        if all(v is None for v in vals):
            return None
        blank = [i for i, v in enumerate(vals) if v is None]
        if blank:
            col = self.columns[self.index(key)]
            raise ValueError(f"History table, column {col.header}: row {blank[0]} is blank "
                             "(fill every row, or leave the whole column blank)")
        return np.array(vals, dtype=np.float64)

    def used_columns(self) -> list[int]:
        """Columns with at least one value (required ones always)."""
        return [i for i, c in enumerate(self.columns)
                if c.required or any(r[i] is not None for r in self.rows)]


def _normalise_header(text: str) -> str:
    s = text.strip().lstrip("\ufeff").lower()
    for opener in ("[", "("):
        if opener in s:
            s = s[: s.index(opener)]
    return "".join(ch for ch in s if ch.isalnum() or ch == "_")


def _aliases(col: Column) -> set[str]:
    names = {col.key, col.symbol, col.key.replace("_", "")}
    extra = {
        "time_days": {"time", "days", "t_days"},
        "pressure": {"p", "pressure_psia", "presion"},
        "cum_oil": {"np", "oil"},
        "cum_gas": {"gp", "gas"},
        "cum_water": {"wp", "water"},
        "cum_water_injected": {"wi", "winj"},
        "cum_gas_injected": {"gi", "ginj"},
    }.get(col.key, set())
    return {_normalise_header(n) for n in names | extra}


def parse_history_csv(text: str, columns: Sequence[Column]) -> tuple[list[list[Cell]],
                                                                      list[str]]:
    """Rows of a history CSV (header row first; ``,`` or ``;`` separated, ``;`` files may use a
    decimal comma). Returns ``(rows, ignored header names)``.

    Headers are matched by symbol or name, units in brackets ignored (``Np [STB]``, ``np``,
    ``cum_oil``). ``ValueError`` names the line (1 = header) and the column of the first
    problem: a missing required column, text in a number column, a blank required cell, a
    pressure <= 0 or a negative volume. Nothing is returned half-parsed.
    """
    lines = [ln for ln in text.lstrip("\ufeff").splitlines()]
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise ValueError("CSV file is empty: expected a header row with the column names")
    try:
        dialect = csv.Sniffer().sniff(lines[first], delimiters=",;\t")
        delim = dialect.delimiter
    except csv.Error:
        delim = ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delim)
    records = list(reader)
    header = records[first]
    where: dict[int, int] = {}  # table column -> csv column
    ignored: list[str] = []
    for j, name in enumerate(header):
        key = _normalise_header(name)
        hit = next((i for i, c in enumerate(columns) if key in _aliases(c)), None)
        if hit is None:
            if name.strip():
                ignored.append(name.strip())
        elif hit in where:
            raise ValueError(f"CSV line {first + 1}: column {columns[hit].header} appears "
                             "twice")
        else:
            where[hit] = j
    missing = [c.header for i, c in enumerate(columns) if c.required and i not in where]
    if missing:
        raise ValueError(f"CSV line {first + 1}: missing column {', '.join(missing)} "
                         f"(found: {', '.join(h.strip() for h in header)})")
    rows: list[list[Cell]] = []
    for ln, rec in enumerate(records[first + 1:], start=first + 2):
        if not any(c.strip() for c in rec):
            continue
        row: list[Cell] = []
        for i, col in enumerate(columns):
            src = where.get(i)
            raw = rec[src] if src is not None and src < len(rec) else ""
            try:
                v = parse_number(raw)
            except ValueError:
                raise ValueError(f"CSV line {ln}, column {col.header}: {raw.strip()!r} is not "
                                 "a number") from None
            if v is None and col.required:
                raise ValueError(f"CSV line {ln}, column {col.header}: blank, a value is "
                                 "required")
            if v is not None and col.sign == "positive" and not v > 0.0:
                raise ValueError(f"CSV line {ln}, column {col.header}: must be > 0, got {v:g}")
            if v is not None and v < 0.0:
                raise ValueError(f"CSV line {ln}, column {col.header}: cannot be negative, "
                                 f"got {v:g}")
            row.append(v)
        rows.append(row)
    if not rows:
        raise ValueError("CSV file has a header but no data rows")
    return rows, ignored


def history_csv(table: HistoryTable) -> str:
    """The table as CSV text that :func:`parse_history_csv` reads back (a template too)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    cols = table.used_columns()
    w.writerow([table.columns[i].header for i in cols])
    for r in table.rows:
        w.writerow(["" if r[i] is None else repr(float(r[i])) for i in cols])  # type: ignore[arg-type]
    return out.getvalue()


# --- scalar inputs ---------------------------------------------------------------------------


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


# --- the job and its outcome -----------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """Everything a run needs, checked and copied on the window's thread."""

    kind: Kind
    history: dict[str, np.ndarray]
    params: dict[str, Any]
    inputs: list[tuple[str, str]]  # for the report, formatted
    #: the model's edit count when the job was made: a result of older inputs is stale
    revision: int = 0


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    x: np.ndarray
    y: np.ndarray
    style: Literal["points", "hollow", "line", "dash"] = "line"
    color: int = 0  # index into the palette


@dataclass(frozen=True)
class PlotSpec:
    key: str
    title: str
    x_label: str
    y_label: str
    series: list[SeriesSpec]


@dataclass(frozen=True)
class Outcome:
    """A finished run: its job, the domain result and what is drawn and tabulated."""

    job: Job
    oil: mb.OilResult | None = None
    gas: mb.GasResult | None = None
    #: (label, formatted value) of the key results
    summary: list[tuple[str, str]] = field(default_factory=list)
    plots: list[PlotSpec] = field(default_factory=list)
    terms_header: list[str] = field(default_factory=list)
    terms_rows: list[list[object]] = field(default_factory=list)
    drive_header: list[str] = field(default_factory=list)
    drive_rows: list[list[object]] = field(default_factory=list)
    candidates: list[tuple[str, float, float, float]] = field(default_factory=list)

    @property
    def in_place(self) -> float:
        """OOIP (STB) or OGIP (scf)."""
        if self.oil is not None:
            return self.oil.ooip
        assert self.gas is not None
        return self.gas.ogip

    @property
    def warnings(self) -> tuple[str, ...]:
        r = self.oil if self.oil is not None else self.gas
        return r.warnings if r is not None else ()


def sig(v: float, digits: int = 4) -> str:
    """``v`` to ``digits`` significant figures, thousands grouped; NaN → "—"."""
    if v is None or not math.isfinite(v):
        return "—" if v is None or math.isnan(v) else ("∞" if v > 0 else "-∞")
    if v == 0:
        return "0"
    dec = max(0, digits - 1 - math.floor(math.log10(abs(v))))
    return f"{v:,.{dec}f}"


def volume(v: float, unit: str) -> str:
    """A volume with the oilfield multiple that reads best: 312.4 MMSTB, 14.21 Bscf."""
    if not math.isfinite(v):
        return sig(v)
    a = abs(v)
    if a >= 1e9:
        return f"{sig(v / 1e9)} B{unit}" if unit == "scf" else f"{sig(v / 1e6)} MM{unit}"
    if a >= 1e6:
        return f"{sig(v / 1e6)} MM{unit}"
    if a >= 1e3:
        return f"{sig(v / 1e3)} M{unit}"
    return f"{sig(v)} {unit}"


def _scale_for(values: np.ndarray, unit: str) -> tuple[float, str]:
    """A plotting multiple for a volume axis: (divisor, "MMSTB")."""
    finite = values[np.isfinite(values)]
    a = float(np.max(np.abs(finite))) if finite.size else 0.0
    if unit == "scf" and a >= 1e9:
        return 1e9, "Bscf"
    if a >= 1e6:
        return 1e6, "MM" + unit
    if a >= 1e3:
        return 1e3, "M" + unit
    return 1.0, unit


def _pm(value: float, err: float) -> str:
    if not (math.isfinite(err) and value):
        return ""
    return f" ± {100 * err / abs(value):.1f} %"


# --- the model -------------------------------------------------------------------------------


class MatbalModel:
    """The window's state: kind, two history tables (oil, gas), form texts, last outcome.

    Events: ``history_changed(kind)``, ``inputs_changed()``, ``outcome_changed(outcome|None)``.
    """

    def __init__(self) -> None:
        self.kind: Kind = "oil"
        self.tables: dict[Kind, HistoryTable] = {"oil": HistoryTable(OIL_COLUMNS),
                                                 "gas": HistoryTable(GAS_COLUMNS)}
        self.texts: dict[str, str] = {}
        self.gas_cap: GasCapMode = "none"
        self.aquifer: dict[Kind, AquiferKind] = {"oil": "none", "gas": "none"}
        self.radius_ratios = ""
        self.exclude = ""
        self.outcome: Outcome | None = None
        #: the inputs changed since the outcome was computed
        self.stale = False
        self.revision = 0
        self.example_name = ""
        self.history_changed = Event()
        self.inputs_changed = Event()
        self.outcome_changed = Event()
        for kind, t in self.tables.items():
            t.changed.connect(lambda k=kind: self._history_edited(k))
        defaults = {"swi": "0.2", "cw": "3", "cf": "4", "temperature": "200", "m": "0",
                    "aquifer_constant": "", "aquifer_j": "", "td_per_day": "",
                    "api": "35", "pvt_gas_sg": "0.75", "rsi": "650", "pvt_temperature": "200"}
        self.texts.update(defaults)

    # -- editing ---------------------------------------------------------------------------

    @property
    def table(self) -> HistoryTable:
        return self.tables[self.kind]

    def _history_edited(self, kind: Kind) -> None:
        if kind == self.kind:
            self._mark_stale()
        self.history_changed.emit(kind)

    def _mark_stale(self) -> None:
        self.revision += 1
        if self.outcome is not None and not self.stale:
            self.stale = True
            self.outcome_changed.emit(self.outcome)

    def set_kind(self, kind: Kind) -> None:
        if kind != self.kind:
            self.kind = kind
            self.revision += 1
            self.outcome = None
            self.stale = False
            self.inputs_changed.emit()
            self.history_changed.emit(kind)
            self.outcome_changed.emit(None)

    def set_text(self, key: str, text: str) -> None:
        if self.texts.get(key) != text:
            self.texts[key] = text
            self._mark_stale()

    def set_gas_cap(self, mode: GasCapMode) -> None:
        if mode != self.gas_cap:
            self.gas_cap = mode
            self._mark_stale()
            self.inputs_changed.emit()

    def set_aquifer(self, kind: AquiferKind) -> None:
        if kind != self.aquifer[self.kind]:
            self.aquifer[self.kind] = kind
            self._mark_stale()
            self.inputs_changed.emit()

    def set_radius_ratios(self, text: str) -> None:
        if text != self.radius_ratios:
            self.radius_ratios = text
            self._mark_stale()

    def set_exclude(self, text: str) -> None:
        if text != self.exclude:
            self.exclude = text
            self._mark_stale()

    def import_csv(self, text: str) -> list[str]:
        """Replace the current table with a CSV's rows; on error nothing changes. Returns the
        CSV's ignored column names."""
        rows, ignored = parse_history_csv(text, self.table.columns)
        self.table.replace(rows)
        return ignored

    # -- numbers of the form -------------------------------------------------------------

    def number(self, key: str) -> float | None:
        """The value of field ``key`` in domain units; ``ValueError`` naming the field."""
        f = FIELDS[key]
        text = self.texts.get(key, "")
        try:
            v = parse_number(text)
        except ValueError:
            raise ValueError(f"{f.caption}: {text.strip()!r} is not a number") from None
        if v is None:
            if f.required:
                raise ValueError(f"{f.caption}: a value is required")
            return None
        if f.lo is not None and v < f.lo:
            raise ValueError(f"{f.caption}: must be >= {f.lo:g}, got {v:g}")
        if f.hi is not None and not v < f.hi:
            raise ValueError(f"{f.caption}: must be below {f.hi:g}, got {v:g}")
        return v * f.scale

    def _positive(self, key: str) -> float:
        v = self.number(key)
        assert v is not None
        if not v > 0.0:
            raise ValueError(f"{FIELDS[key].caption}: must be > 0")
        return v

    # -- PVT from a correlation ----------------------------------------------------------

    def fill_pvt_from_correlation(self) -> float:
        """Fill Bo, Rs, Bg, Bw of every oil row from a black-oil correlation (Standing; gas by
        DAK, water by McCain) at each row's pressure. Returns the bubble point (psia), also
        written to the form. ``ValueError`` on bad fields or an empty pressure column."""
        api = self._positive("api")
        sg = self._positive("pvt_gas_sg")
        rsi = self.number("rsi")
        t = self.number("pvt_temperature")
        assert rsi is not None and t is not None
        fluid = BlackOilFluid(api=api, gas_sg=sg, gor_scf_stb=rsi)
        table = self.tables["oil"]
        if not table.rows:
            raise ValueError("History table: enter the pressures first")
        pi = table.index("pressure")
        blank = [i for i, r in enumerate(table.rows) if r[pi] is None]
        if blank:
            raise ValueError(f"History table, column {table.columns[pi].header}: row "
                             f"{blank[0]} is blank")
        states = [fluid.at(float(r[pi]), t) for r in table.rows]  # type: ignore[arg-type]
        cols = {k: table.index(k) for k in ("bo", "rs", "bg", "bw")}
        rows = [list(r) for r in table.rows]
        for r, s in zip(rows, states, strict=True):
            r[cols["bo"]] = s.bo_rb_stb
            r[cols["rs"]] = s.rs_scf_stb
            r[cols["bg"]] = s.bg_rb_scf
            r[cols["bw"]] = s.bw_rb_stb
        table.replace(rows)
        pb = states[0].pb_psia
        self.set_text("bubble_point", f"{pb:.0f}")
        self.inputs_changed.emit()
        return pb

    # -- the run -------------------------------------------------------------------------

    def _aquifers(self, kind: AquiferKind) -> list[Any]:
        if kind == "none":
            return []
        c = self._positive("aquifer_constant")
        if kind == "pot":
            return [mb.PotAquifer(c)]
        if kind == "fetkovich":
            return [mb.FetkovichAquifer(c, self._positive("aquifer_j"))]
        td = self._positive("td_per_day")
        cls = mb.CarterTracyAquifer if kind == "carter_tracy" else mb.VanEverdingenHurstAquifer
        return [cls(c, td, red) for red in parse_ratios(self.radius_ratios)]

    def prepare(self) -> Job:
        """Check the form and the table and copy them into a :class:`Job` (cheap)."""
        table = self.table
        if len(table) < 3:
            raise ValueError(f"History table: {len(table)} row(s); the material balance needs "
                             "the initial survey and at least two more")
        hist: dict[str, np.ndarray] = {}
        for col in table.columns:
            arr = table.column_array(col.key)
            if arr is None:
                if col.required:
                    raise ValueError(f"History table, column {col.header}: required")
                continue
            hist[col.key] = arr
        exclude = parse_rows(self.exclude, len(table))
        aq_kind = self.aquifer[self.kind]
        aquifers = self._aquifers(aq_kind)
        if aquifers and aquifers[0].needs_time and "time_days" not in hist:
            raise ValueError(f"{AQUIFER_NAMES[aq_kind]}: needs the time column t [days] in "
                             "the history table")
        swi = self.number("swi")
        cw = self.number("cw")
        cf = self.number("cf")
        inputs: list[tuple[str, str]] = [
            ("Reservoir", "oil" if self.kind == "oil" else "gas"),
            ("Pressure steps", str(len(table))),
            ("Initial pressure", f"{sig(float(hist['pressure'][0]))} psia"),
        ]
        if self.example_name:
            inputs.append(("Data", self.example_name))
        params: dict[str, Any] = {"swi": swi, "cw": cw, "cf": cf, "exclude": exclude,
                                  "aquifer": aquifers or None}
        inputs += [(FIELDS["swi"].caption, sig(swi or 0.0, 3)),
                   (FIELDS["cw"].caption, sig((cw or 0.0) / 1e-6, 3)),
                   (FIELDS["cf"].caption, sig((cf or 0.0) / 1e-6, 3))]
        if self.kind == "oil":
            gas_cols = [k for k in ("cum_gas", "rs", "bg") if k in hist]
            if gas_cols and len(gas_cols) < 3:
                need = [table.columns[table.index(k)].header for k in ("cum_gas", "rs", "bg")
                        if k not in hist]
                raise ValueError(f"History table: Gp, Rs and Bg go together; fill "
                                 f"{', '.join(need)} or clear the other gas columns")
            pb = self.number("bubble_point")
            if pb is not None:
                inputs.append((FIELDS["bubble_point"].caption, sig(pb)))
                if not gas_cols:
                    below = np.flatnonzero(hist["pressure"] < pb)
                    if below.size:
                        k = int(below[0])
                        raise ValueError(
                            f"History table: row {k} is below the bubble point ({sig(pb)} "
                            "psia) but Gp, Rs and Bg are blank: enter the gas columns (or "
                            "fill the PVT from the correlation)")
            if self.gas_cap == "known":
                m = self.number("m")
                params["gas_cap_ratio"] = m
                inputs.append(("Gas cap", f"m = {sig(m or 0.0, 3)} (known)"))
            elif self.gas_cap == "fit":
                params["gas_cap_ratio"] = None
                inputs.append(("Gas cap", "m estimated"))
            else:
                params["gas_cap_ratio"] = 0.0
                inputs.append(("Gas cap", "none (m = 0)"))
        else:
            t = self.number("temperature")
            sg = self.number("gas_sg")
            pa = self.number("abandonment_pressure")
            za = self.number("abandonment_z")
            if "z" not in hist and "bg" not in hist and sg is None:
                raise ValueError("History table: the z column is blank; enter z, or Bg, or "
                                 "the gas specific gravity to compute z")
            if "z" not in hist and sg is None:
                raise ValueError("Gas gravity γg [air=1]: needed to compute the blank "
                                 "z column")
            params.update(temperature=t, gas_sg=sg, abandonment_pressure=pa,
                          abandonment_z=za)
            inputs.append((FIELDS["temperature"].caption, sig(t or 0.0)))
            if sg is not None:
                inputs.append((FIELDS["gas_sg"].caption, sig(sg, 3)))
            if pa is not None:
                inputs.append((FIELDS["abandonment_pressure"].caption, sig(pa)))
                if za is None and sg is None and not aquifers:
                    raise ValueError("z at abandonment: enter it, or the gas specific gravity "
                                     "to compute it")
            if za is not None:
                inputs.append((FIELDS["abandonment_z"].caption, sig(za, 4)))
        inputs.append(("Aquifer", AQUIFER_NAMES[aq_kind]))
        if aquifers:
            inputs.append((FIELDS["aquifer_constant"].caption,
                           sig(self.number("aquifer_constant") or 0.0)))
            if aq_kind == "fetkovich":
                inputs.append((FIELDS["aquifer_j"].caption, sig(self.number("aquifer_j")
                                                                 or 0.0)))
            if aq_kind in ("carter_tracy", "veh"):
                inputs.append((FIELDS["td_per_day"].caption,
                               sig(self.number("td_per_day") or 0.0)))
                inputs.append(("Outer radius ratio ra/ro", ", ".join(
                    "∞" if a.outer_radius_ratio is None else f"{a.outer_radius_ratio:g}"
                    for a in aquifers)))
        if exclude:
            inputs.append(("Rows left out of the fit", ", ".join(map(str, exclude))))
        return Job(self.kind, hist, params, inputs, self.revision)

    def run_now(self) -> Outcome:
        """Prepare and compute on the calling thread (tests; the first, tiny example)."""
        out = compute(self.prepare())
        self.set_outcome(out)
        return out

    def set_outcome(self, outcome: Outcome) -> None:
        if outcome.job.kind != self.kind:
            return  # the user switched oil/gas while it ran
        self.outcome = outcome
        self.stale = outcome.job.revision != self.revision
        self.outcome_changed.emit(outcome)

    # -- examples ------------------------------------------------------------------------

    def load_example(self, key: str) -> None:
        ex = EXAMPLES[key]
        self.kind = ex.kind
        table = self.tables[ex.kind]
        rows = []
        n = len(next(iter(ex.columns.values())))
        for i in range(n):
            rows.append([ex.columns[c.key][i] if c.key in ex.columns else None
                         for c in table.columns])
        for k in ("bubble_point", "gas_sg", "abandonment_pressure", "abandonment_z"):
            self.texts[k] = ""
        self.texts.update(ex.texts)
        self.gas_cap = ex.gas_cap
        self.aquifer[ex.kind] = ex.aquifer
        self.radius_ratios = ex.radius_ratios
        self.exclude = ex.exclude
        self.example_name = ex.title
        self.outcome = None
        self.stale = False
        self.revision += 1
        table.replace(rows)
        self.inputs_changed.emit()
        self.outcome_changed.emit(None)


# --- computing -------------------------------------------------------------------------------


def _z_function(sg: float, t_f: float) -> Callable[[float], float]:
    pc = pvt_gas.pseudo_critical(sg)

    def z(p: float) -> float:
        tpr, ppr = pc.reduced(p, t_f)
        return pvt_gas.z_factor(tpr, ppr)

    return z


def compute(job: Job, progress: Callable[[float, str], None] | None = None) -> Outcome:
    """Run the domain solver for ``job`` and describe the answer (worker thread)."""
    def report(f: float, text: str) -> None:
        if progress is not None:
            progress(f, text)

    report(0.05, "Material balance: checking the history")
    h = job.history
    p = job.params
    if job.kind == "oil":
        hist = mb.OilHistory(
            pressure=h["pressure"], cum_oil=h["cum_oil"], bo=h["bo"],
            cum_gas=h.get("cum_gas"), rs=h.get("rs"), bg=h.get("bg"),
            cum_water=h.get("cum_water"), bw=h.get("bw"), time_days=h.get("time_days"),
            cum_water_injected=h.get("cum_water_injected"),
            cum_gas_injected=h.get("cum_gas_injected"))
        report(0.3, "Material balance: fitting the Havlena-Odeh line")
        res = mb.estimate_ooip(hist, swi=p["swi"], cw=p["cw"], cf=p["cf"],
                               gas_cap_ratio=p["gas_cap_ratio"], aquifer=p["aquifer"],
                               exclude=p["exclude"])
        report(0.9, "Material balance: tabulating")
        return _oil_outcome(job, res)
    z: Any
    z = h["z"] if "z" in h else _z_function(p["gas_sg"], p["temperature"])
    za = p["abandonment_z"]
    if za is None and p["abandonment_pressure"] is not None and p["gas_sg"] is not None \
            and not callable(z):
        za = _z_function(p["gas_sg"], p["temperature"])(p["abandonment_pressure"])
    ghist = mb.GasHistory(pressure=h["pressure"], cum_gas=h["cum_gas"], z=z,
                          temperature_f=p["temperature"], bg=h.get("bg"),
                          cum_water=h.get("cum_water"), bw=h.get("bw"),
                          time_days=h.get("time_days"))
    report(0.3, "Material balance: fitting the p/z line")
    gres = mb.estimate_ogip(ghist, swi=p["swi"], cw=p["cw"], cf=p["cf"], aquifer=p["aquifer"],
                            abandonment_pressure=p["abandonment_pressure"],
                            abandonment_z=za, exclude=p["exclude"])
    report(0.9, "Material balance: tabulating")
    return _gas_outcome(job, gres, z)


def _x_axis(job: Job) -> tuple[np.ndarray, str]:
    t = job.history.get("time_days")
    if t is not None:
        return t, "Time [days]"
    if job.kind == "oil":
        s, u = _scale_for(job.history["cum_oil"], "STB")
        return job.history["cum_oil"] / s, f"Np, cumulative oil [{u}]"
    s, u = _scale_for(job.history["cum_gas"], "scf")
    return job.history["cum_gas"] / s, f"Gp, cumulative gas [{u}]"


def _straight_line_plot(key: str, pd: mb.PlotData, x_unit: str, y_unit: str,
                        x_from_zero: bool) -> PlotSpec:
    """A Havlena-Odeh plot in readable multiples, with the fitted line across the points."""
    xs, xu = _scale_for(pd.x, x_unit) if x_unit else (1.0, "")
    ys, yu = _scale_for(pd.y, y_unit) if y_unit else (1.0, "")
    used = pd.used & np.isfinite(pd.x) & np.isfinite(pd.y)
    other = ~pd.used & np.isfinite(pd.x) & np.isfinite(pd.y)
    finite = pd.x[np.isfinite(pd.x)]
    lo = 0.0 if x_from_zero or not finite.size else float(finite.min())
    hi = float(finite.max()) if finite.size else 1.0
    pad = 0.05 * (hi - lo or abs(hi) or 1.0)
    lx = np.array([lo if x_from_zero else lo - pad, hi + pad])
    series = [SeriesSpec("Fitted line", lx / xs, pd.line(lx) / ys, "line", 1),
              SeriesSpec("Fitted rows", pd.x[used] / xs, pd.y[used] / ys, "points", 0)]
    if other.any():
        series.append(SeriesSpec("Left out of the fit", pd.x[other] / xs, pd.y[other] / ys,
                                 "hollow", 6))
    x_label = _relabel(pd.x_label.replace(", We for the aquifer constant given", ""), x_unit,
                       xu)
    y_label = _relabel(pd.y_label, y_unit, yu)
    return PlotSpec(key, pd.title, x_label, y_label, series)


def _relabel(label: str, unit: str, shown: str) -> str:
    """Domain labels say "(STB)": say the multiple shown instead, in brackets."""
    if unit and f"({unit})" in label:
        return label.replace(f"({unit})", f"[{shown}]")
    if unit and unit in label and shown != unit:
        return label.replace(unit, shown)
    return label


def _drive_plot(job: Job, d: mb.DriveIndices, gas: bool) -> PlotSpec:
    x, xl = _x_axis(job)
    parts = [("Depletion", d.depletion, 0)]
    if not gas:
        parts.append(("Gas cap", d.gas_cap, 1))
    parts += [("Water influx", d.water, 2), ("Rock and water expansion", d.compaction, 4)]
    parts.append(("Injection", d.injection, 3))
    series = [SeriesSpec(n, x[1:], v[1:], "line", c) for n, v, c in parts
              if np.isfinite(v[1:]).any() and np.nanmax(np.abs(v[1:])) > 1e-6]
    series.append(SeriesSpec("Sum (1 = balance closes)", x[1:], d.total[1:], "dash", 6))
    return PlotSpec("drive", "Drive indices", xl, "Drive index [-]", series)


def _drive_table(job: Job, d: mb.DriveIndices, gas: bool) -> tuple[list[str], list[list[object]]]:
    t = job.history.get("time_days")
    header = ["Row", "t [days]", "p [psia]", "Depletion", "Gas cap", "Water influx",
              "Rock+water", "Injection", "Sum"]
    if gas:
        header.remove("Gas cap")
        header.remove("Injection")
    if t is None:
        header.remove("t [days]")
    rows: list[list[object]] = []
    for i in range(len(job.history["pressure"])):
        r: list[object] = [i]
        if t is not None:
            r.append(float(t[i]))
        r.append(float(job.history["pressure"][i]))
        r.append(float(d.depletion[i]))
        if not gas:
            r.append(float(d.gas_cap[i]))
        r.append(float(d.water[i]))
        r.append(float(d.compaction[i]))
        if not gas:
            r.append(float(d.injection[i]))
        r.append(float(d.total[i]))
        rows.append(r)
    return header, rows


def _candidates(trials: Sequence[mb.AquiferTrial]) -> list[tuple[str, float, float, float]]:
    return [(t.aquifer.describe(), t.in_place, t.influx_multiplier, t.quality.rms_residual)
            for t in trials]


def _quality_items(q: mb.FitQuality) -> list[tuple[str, str]]:
    return [("R² of the straight line", f"{q.r_squared:.5f}"),
            ("RMS withdrawal residual", f"{volume(q.rms_residual, 'rb')}"),
            ("Largest relative residual", f"{100 * q.max_relative_residual:.2f} %"),
            ("Points fitted / unknowns", f"{q.n_points} / {q.n_parameters}")]


def _oil_outcome(job: Job, r: mb.OilResult) -> Outcome:
    t = r.terms
    se = r.quality.std_errors
    summary = [("OOIP, N", volume(r.ooip, "STB") + _pm(r.ooip, se.get("ooip", math.nan)))]
    if r.gas_cap_fitted:
        mn_err = se.get("m_ooip", math.nan)
        summary.append(("Gas cap ratio m (estimated)", sig(r.gas_cap_ratio, 3) +
                        (f" ± {sig(mn_err / r.ooip, 2)}" if math.isfinite(mn_err) and r.ooip
                         else "")))
    elif r.gas_cap_ratio > 0:
        summary.append(("Gas cap ratio m (given)", sig(r.gas_cap_ratio, 3)))
    if r.gas_cap_gas > 0:
        summary.append(("Initial gas-cap gas, G", volume(r.gas_cap_gas, "scf")))
    if r.aquifer is not None or job.params["aquifer"]:
        summary.append(("Aquifer kept", r.aquifer.describe() if r.aquifer is not None
                        else "none (no influx fitted)"))
        summary.append(("Fitted aquifer constant", f"{sig(r.aquifer_constant)} rb/psi"))
        summary.append(("Factor on the aquifer constant", sig(r.influx_multiplier, 3)))
        summary.append(("Cumulative water influx We (last row)",
                        volume(float(r.water_influx[-1]), "rb")))
    summary += _quality_items(r.quality)
    if r.plot.intercept == 0.0 and not r.gas_cap_fitted and r.aquifer is None \
            and not job.params["aquifer"]:
        x_unit, y_unit = "", "rb"  # F vs Et through the origin
    elif job.params["aquifer"]:
        x_unit, y_unit = "STB", "STB"  # F/Et vs We/Et
    else:
        x_unit, y_unit = "", "STB"  # F/Eo vs Eg/Eo
    fx = _straight_line_plot("havlena_odeh", r.plot, x_unit, y_unit,
                             x_from_zero=x_unit == "" and y_unit == "rb")
    et = t.et(r.gas_cap_ratio)
    header = ["Row", "p [psia]", "F [rb]", "Eo [rb/STB]", "Eg [rb/STB]", "Efw [rb/STB]",
              "Et [rb/STB]", "We [rb]", "F - N·Et - We [rb]", "Fitted"]
    rows: list[list[object]] = []
    for i in range(len(t.f)):
        rows.append([i, float(job.history["pressure"][i]), float(t.f[i]), float(t.eo[i]),
                     float(t.eg[i]), float(t.efw[i]), float(et[i]), float(r.water_influx[i]),
                     float(r.residuals[i]), "yes" if r.plot.used[i] else "no"])
    dh, dr = _drive_table(job, r.drive, gas=False)
    return Outcome(job=job, oil=r, summary=summary,
                   plots=[fx, _drive_plot(job, r.drive, gas=False), _fit_plot(job, t.f,
                                                                              r.fitted_withdrawal)],
                   terms_header=header, terms_rows=rows, drive_header=dh, drive_rows=dr,
                   candidates=_candidates(r.candidates))


def _fit_plot(job: Job, f: np.ndarray, f_fit: np.ndarray) -> PlotSpec:
    x, xl = _x_axis(job)
    s, u = _scale_for(f, "rb")
    return PlotSpec("withdrawal", "Underground withdrawal: history and fitted balance", xl,
                    f"F [{u}]",
                    [SeriesSpec("N·Et + We, fitted balance", x, f_fit / s, "line", 1),
                     SeriesSpec("F, from production", x, f / s, "points", 0)])


def _gas_outcome(job: Job, r: mb.GasResult, z: Any) -> Outcome:
    se = r.quality.std_errors
    summary = [("OGIP, G", volume(r.ogip, "scf") + _pm(r.ogip, se.get("ogip", math.nan)))]
    if job.params["aquifer"]:
        summary.append(("Apparent OGIP from the p/z line", volume(r.apparent_ogip, "scf")))
        summary.append(("Aquifer kept", r.aquifer.describe() if r.aquifer is not None
                        else "none (no influx fitted)"))
        summary.append(("Fitted aquifer constant", f"{sig(r.aquifer_constant)} rb/psi"))
        summary.append(("Factor on the aquifer constant", sig(r.influx_multiplier, 3)))
    summary.append(("Initial p/z (line intercept)", f"{sig(r.initial_p_over_z)} psia"))
    if r.recoverable_gas is not None and r.recovery_factor is not None:
        summary.append(("Recoverable gas at abandonment", volume(r.recoverable_gas, "scf")))
        summary.append(("Recovery factor", f"{100 * r.recovery_factor:.1f} %"))
        gp_last = float(job.history["cum_gas"][-1])
        summary.append(("Remaining reserves", volume(r.recoverable_gas - gp_last, "scf")))
    summary.append(("Cole plot", {"flat": "flat (volumetric)", "rising": "rising (water "
                                  "influx likely)", "falling": "falling (compressibility or "
                                  "weak aquifer)"}[r.cole_shape]))
    summary += _quality_items(r.quality)

    pz = r.pz_plot
    gs, gu = _scale_for(np.append(pz.x, r.apparent_ogip if math.isfinite(r.apparent_ogip)
                                  else 0.0), "scf")
    used = pz.used
    g_end = r.apparent_ogip if math.isfinite(r.apparent_ogip) else float(np.max(pz.x)) * 1.2
    lx = np.array([0.0, g_end])
    series = [SeriesSpec("p/z line → apparent OGIP" if job.params["aquifer"]
                         else "p/z line → OGIP", lx / gs, pz.line(lx), "line", 1),
              SeriesSpec("p/z, fitted rows", pz.x[used] / gs, pz.y[used], "points", 0)]
    if (~used).any():
        series.append(SeriesSpec("Left out of the fit", pz.x[~used] / gs, pz.y[~used],
                                 "hollow", 6))
    if r.recoverable_gas is not None and r.recovery_factor is not None:
        pz_a = r.initial_p_over_z * (1.0 - r.recovery_factor)
        series.append(SeriesSpec("Abandonment p/z", np.array([0.0, g_end / gs]),
                                 np.array([pz_a, pz_a]), "dash", 3))
        # the recoverable gas on the line where it meets the abandonment p/z
        gp_a = r.apparent_ogip * r.recovery_factor
        series.append(SeriesSpec("Recoverable gas", np.array([gp_a / gs]), np.array([pz_a]),
                                 "points", 3))
    title = pz.title
    pz_spec = PlotSpec("pz", title, f"Gp, cumulative gas [{gu}]", "p/z [psia]", series)
    plots = [pz_spec]
    if job.params["aquifer"]:
        plots.append(_straight_line_plot("havlena_odeh", r.plot, "scf", "scf",
                                         x_from_zero=False))
    cole = r.cole_plot
    cs, cu = _scale_for(cole.y, "scf")
    xs, xu = _scale_for(cole.x, "scf")
    ok = cole.used & np.isfinite(cole.y)
    cole_series = [SeriesSpec("F/Et", cole.x[ok] / xs, cole.y[ok] / cs, "points", 0)]
    if math.isfinite(r.ogip):
        cole_series.append(SeriesSpec("OGIP, G", np.array([0.0, np.nanmax(cole.x) / xs]),
                                      np.array([r.ogip, r.ogip]) / cs, "dash", 1))
    plots.append(PlotSpec("cole", cole.title, f"Gp, cumulative gas [{xu}]", f"F/Et [{cu}]",
                          cole_series))
    plots.append(_drive_plot(job, r.drive, gas=True))
    t = r.terms
    header = ["Row", "p [psia]", "z", "p/z [psia]", "Bg [rb/scf]", "F [rb]", "Eg [rb/scf]",
              "Efw [rb/scf]", "We [rb]", "F - G·Et - We [rb]", "Fitted"]
    zz = [float(z(float(pp))) for pp in job.history["pressure"]] if callable(z) else list(z)
    rows: list[list[object]] = []
    for i in range(len(t.f)):
        rows.append([i, float(job.history["pressure"][i]), float(zz[i]), float(t.p_over_z[i]),
                     float(t.bg[i]), float(t.f[i]), float(t.eg[i]), float(t.efw[i]),
                     float(r.water_influx[i]), float(r.residuals[i]),
                     "yes" if r.plot.used[i] else "no"])
    dh, dr = _drive_table(job, r.drive, gas=True)
    return Outcome(job=job, gas=r, summary=summary, plots=plots, terms_header=header,
                   terms_rows=rows, drive_header=dh, drive_rows=dr,
                   candidates=_candidates(r.candidates))


# --- the report ------------------------------------------------------------------------------


def _chart(p: PlotSpec, palette: Sequence[str]) -> Chart:
    style = {"points": "points", "hollow": "points", "line": "line", "dash": "dash"}
    return Chart(p.title, p.x_label, p.y_label,
                 [Series(s.name, [float(v) for v in s.x], [float(v) for v in s.y],
                         style[s.style], palette[s.color % len(palette)])  # type: ignore[arg-type]
                  for s in p.series])


def build_report(model: MatbalModel, palette: Sequence[str],
                 tr: Callable[[str], str] = lambda s: s) -> Report:
    """The last outcome as a report: inputs, results with fit quality, the plots, the drive
    indices, the balance terms and the history table. ``ValueError`` if nothing was run."""
    out = model.outcome
    if out is None:
        raise ValueError(tr("Nothing to export yet: enter the history and press Run"))
    job = out.job
    oil = job.kind == "oil"
    sub = tr("Oil reservoir, Havlena-Odeh straight line") if oil else \
        tr("Gas reservoir, p/z and Havlena-Odeh")
    rep = Report(tr("Material balance"), sub)
    rep.add(KeyValues(tr("Inputs"), [(tr(k), tr(v)) for k, v in job.inputs]))
    rep.add(KeyValues(tr("Result"), [(tr(k), v) for k, v in out.summary]))
    if model.stale:
        rep.add(Note(tr("The inputs were changed after this run: the results below are those "
                        "of the last run.")))
    for w in out.warnings:
        rep.add(Note("⚠ " + w))
    for p in out.plots:
        rep.add(_chart(PlotSpec(p.key, tr(p.title), tr(p.x_label), tr(p.y_label),
                                [SeriesSpec(tr(s.name), s.x, s.y, s.style, s.color)
                                 for s in p.series]), palette))
    if out.candidates:
        div, unit = (1e6, "MMSTB") if oil else (1e9, "Bscf")
        rep.add(Table(tr("Aquifer candidates (best first)"),
                      [tr("Aquifer"), tr("In place") + f" [{unit}]", tr("Factor"),
                       tr("RMS residual [rb]")],
                      [[d, v / div, s, rms] for d, v, s, rms in out.candidates]))
    rep.add(Table(tr("Drive indices"), [tr(h) for h in out.drive_header], out.drive_rows))
    rep.add(Table(tr("Balance terms"), [tr(h) for h in out.terms_header], out.terms_rows))
    table = HistoryTable(OIL_COLUMNS if oil else GAS_COLUMNS)
    keys = [c.key for c in table.columns]
    n = len(job.history["pressure"])
    cols = [i for i, k in enumerate(keys) if k in job.history]
    rep.add(Table(tr("History"), ["Row", *(table.columns[i].header for i in cols)],
                  [[r, *(float(job.history[keys[i]][r]) for i in cols)] for r in range(n)]))
    rep.add(Note(tr("Oilfield units: psia, STB, scf, rb (reservoir barrels). Row 0 is the "
                    "initial survey. Havlena and Odeh (1963); Dake, Fundamentals of Reservoir "
                    "Engineering (1978).")))
    return rep


# --- examples --------------------------------------------------------------------------------


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


def _times(seq: Sequence[float], k: float) -> list[float]:
    return [v * k for v in seq]


_DAKE_WD_NP = _times([0, 7.88, 18.42, 29.15, 40.69, 50.14, 58.42, 65.39, 70.74, 74.54,
                      77.43], 1e6)
_DAKE_WD_RP = [0, 760, 845, 920, 975, 1025, 1065, 1095, 1120, 1145, 1160]
_DAKE_GC_NP = _times([0, 3.295, 5.903, 8.852, 11.503, 14.513, 17.730], 1e6)
_DAKE_GC_RP = [0, 1050, 1060, 1160, 1235, 1265, 1300]
_PL_CT = 2.28e-6 + 26e-6
_PL_GAS = [
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

EXAMPLES: dict[str, Example] = {
    "dake_water_drive": Example(
        "Dake (1978) ch. 9: water drive, van Everdingen-Hurst aquifer", "oil",
        {"time_days": _times(range(11), 365.0),
         "pressure": [2740, 2500, 2290, 2109, 1949, 1818, 1702, 1608, 1535, 1480, 1440],
         "cum_oil": _DAKE_WD_NP,
         "cum_gas": [n * r for n, r in zip(_DAKE_WD_NP, _DAKE_WD_RP, strict=True)],
         "bo": [1.404, 1.374, 1.349, 1.329, 1.316, 1.303, 1.294, 1.287, 1.280, 1.276, 1.273],
         "rs": [650, 592, 545, 507, 471, 442, 418, 398, 383, 371, 364],
         "bg": [0.00093, 0.00098, 0.00107, 0.00117, 0.00128, 0.00139, 0.00150, 0.00160,
                0.00170, 0.00176, 0.00182]},
        {"swi": "0.25", "cw": "0", "cf": "0", "bubble_point": "2740",
         "aquifer_constant": "6446", "td_per_day": "0.015535"},
        aquifer="veh", radius_ratios="3, 4, 5, 6, 8, 10, inf"),
    "dake_gas_cap": Example(
        "Dake (1978) ch. 3: gas-cap drive", "oil",
        {"pressure": [3330, 3150, 3000, 2850, 2700, 2550, 2400],
         "cum_oil": _DAKE_GC_NP,
         "cum_gas": [n * r for n, r in zip(_DAKE_GC_NP, _DAKE_GC_RP, strict=True)],
         "bo": [1.2511, 1.2353, 1.2222, 1.2122, 1.2022, 1.1922, 1.1822],
         "rs": [510, 477, 450, 425, 401, 375, 352],
         "bg": [0.00087, 0.00092, 0.00096, 0.00101, 0.00107, 0.00113, 0.00120]},
        {"swi": "0.2", "cw": "0", "cf": "0", "bubble_point": "3330", "m": "0.5"},
        gas_cap="known"),
    "pletcher_oil": Example(
        "Pletcher (2002): oil with a pot aquifer and rock compressibility", "oil",
        {"time_days": [0, 305, 700, 1285, 1465, 2005, 2365, 2905, 3235, 3595],
         "pressure": [2855, 2779, 2627, 2457, 2402, 2223, 2080, 1833, 1665, 1460],
         "cum_oil": [0, 192821, 633942, 1314880, 1524400, 2152960, 2572000, 3200560, 3584680,
                     4003720],
         "cum_gas": _times([0, 94513, 312064, 710670, 850934, 1355720, 1823250, 2732860,
                            3397740, 4216120], 1e3),
         "cum_water": [0, 0, 0, 4, 7, 26, 60, 822, 11135, 97443],
         "bo": [1.2665, 1.2677, 1.2681, 1.2554, 1.2512, 1.2383, 1.2278, 1.2074, 1.1949,
                1.1802],
         "rs": _times([0.5010, 0.5010, 0.4973, 0.4671, 0.4574, 0.4269, 0.4024, 0.3579,
                       0.3277, 0.2908], 1e3),
         "bg": _times([0.9201, 0.9637, 1.0502, 1.0977, 1.1146, 1.2010, 1.2825, 1.4584,
                       1.6112, 1.8526], 1e-3),
         "bw": [1.0222, 1.0224, 1.0228, 1.0232, 1.0233, 1.0237, 1.0240, 1.0246, 1.0250,
                1.0254]},
        {"swi": "0.208", "cw": "2.28", "cf": "26", "aquifer_constant": f"{_PL_CT * 79e6:.0f}"},
        aquifer="pot", exclude="1, 2"),
    "ahmed_gas": Example(
        "Ahmed, Reservoir Engineering Handbook ch. 13: volumetric gas", "gas",
        {"pressure": [1798, 1680, 1540, 1428, 1335],
         "cum_gas": _times([0, 0.96, 2.12, 3.21, 3.92], 1e9),
         "z": [0.869, 0.870, 0.880, 0.890, 0.900]},
        {"temperature": "164", "swi": "0", "cw": "0", "cf": "0", "gas_sg": "0.65",
         "abandonment_pressure": "500"}),
    "pletcher_gas": Example(
        "Pletcher (2002): gas with a weak pot aquifer", "gas",
        {"time_days": [row[0] * 365.0 for row in _PL_GAS],
         "pressure": [row[1] for row in _PL_GAS],
         "cum_gas": [row[2] * 1e9 for row in _PL_GAS],
         "cum_water": [row[3] for row in _PL_GAS],
         "z": [row[4] for row in _PL_GAS],
         "bg": [row[5] / 1e3 for row in _PL_GAS],
         "bw": [row[6] for row in _PL_GAS]},
        {"temperature": "254", "swi": "0.15", "cw": "3", "cf": "6",
         "aquifer_constant": f"{9e-6 * 70e6:.0f}"},
        aquifer="pot"),
}
DEFAULT_EXAMPLE = "dake_water_drive"
