"""The history table: its columns (oil and gas), the rows of cells, and CSV import/export.

One row per pressure survey, row 0 the initial survey. CSV errors name the line and the
column so the engineer can fix the file; nothing is returned half-parsed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from hmi.components.events import Event

from .number_text import parse_number


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
