"""Daily production as CSV: what other systems hand over, and what engineers take away.

Import format (UTF-8, a header line, comma-separated, columns in any order)::

    well,day,oil_bbl,water_bbl,gas_mscf,hours_on
    W01,2024-01-01,812.5,1510,402.7,24

``well``, ``day`` (ISO ``YYYY-MM-DD``) and ``oil_bbl`` are required columns; ``water_bbl``,
``gas_mscf`` and ``hours_on`` are optional ones. A value may be left empty (unknown) except
``well`` and ``day``. Numbers use a dot for decimals and no thousands separator; volumes are
bbl and Mscf, never negative; ``hours_on`` is 0..24 (25 on the day clocks go back).

Why so strict, and all or nothing: a production history feeds reserves estimates. A file that
is half loaded, or loaded with a misread column (a day-first date, a decimal comma), is worse
than a refused file, so :func:`read_csv` checks every line before anything is written and
reports each problem with its line and column (up to ``MAX_ERRORS`` of them).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO

from domain.production import DailyProduction, ProductionError, Source

REQUIRED = ("well", "day", "oil_bbl")
OPTIONAL = ("water_bbl", "gas_mscf", "hours_on")
IMPORT_COLUMNS = (*REQUIRED, *OPTIONAL)
EXPORT_EXTRA = ("hours_data", "source")
MAX_ERRORS = 50
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class LineError:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CsvError(ValueError):
    """The file cannot be imported; ``errors`` say where and why (nothing was written)."""

    def __init__(self, errors: list[LineError], more: bool = False) -> None:
        self.errors = errors
        self.more = more
        text = "\n".join(str(e) for e in errors)
        if more:
            text += f"\n... and more (only the first {len(errors)} are shown)"
        super().__init__(text)


def read_csv(source: str | IO[str], *, origin: Source = Source.IMPORT) -> list[DailyProduction]:
    """Every row of a CSV text or text stream, or ``CsvError`` listing what is wrong."""
    stream = io.StringIO(source) if isinstance(source, str) else source
    reader = csv.reader(stream)
    errors: list[LineError] = []
    try:
        header = next(reader)
    except StopIteration:
        raise CsvError([LineError(1, None, "the file is empty: a header line is needed "
                                           f"({','.join(IMPORT_COLUMNS)})")]) from None
    except csv.Error as exc:
        raise CsvError([LineError(1, None, f"unreadable CSV: {exc}")]) from None
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    for name in columns:
        if name not in IMPORT_COLUMNS:
            errors.append(LineError(1, name or "(empty)", "unknown column (known: "
                                    f"{', '.join(IMPORT_COLUMNS)})"))
    for name in sorted({c for c in columns if columns.count(c) > 1}):
        errors.append(LineError(1, name, "column given twice"))
    for name in REQUIRED:
        if name not in columns:
            errors.append(LineError(1, name, "required column missing"))
    if errors:
        raise CsvError(errors)

    rows: list[DailyProduction] = []
    first_line: dict[tuple[str, date], int] = {}
    more = False
    line = 1
    try:
        for record in reader:
            line = reader.line_num
            if not any(v.strip() for v in record):
                continue  # blank line
            if len(errors) >= MAX_ERRORS:
                more = True
                break
            row = _row(record, columns, line, origin, errors)
            if row is None:
                continue
            key = (row.well, row.day)
            if key in first_line:
                errors.append(LineError(line, "day", f"{row.well} {row.day} is already on "
                                                     f"line {first_line[key]}"))
                continue
            first_line[key] = line
            rows.append(row)
    except csv.Error as exc:
        errors.append(LineError(reader.line_num or line, None, f"unreadable CSV: {exc}"))
    if errors:
        raise CsvError(errors[:MAX_ERRORS], more or len(errors) > MAX_ERRORS)
    return rows


def _row(record: list[str], columns: list[str], line: int, origin: Source,
         errors: list[LineError]) -> DailyProduction | None:
    if len(record) != len(columns):
        errors.append(LineError(line, None, f"{len(record)} fields, the header has "
                                            f"{len(columns)}"))
        return None
    values = {c: v.strip() for c, v in zip(columns, record, strict=True)}
    before = len(errors)
    well = values["well"]
    if not well:
        errors.append(LineError(line, "well", "empty: every row names its well"))
    day: date | None = None
    text = values["day"]
    if not _DAY.match(text):
        errors.append(LineError(line, "day", f"{text!r} is not a date in YYYY-MM-DD form"))
    else:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            errors.append(LineError(line, "day", f"{text!r} is not a valid date"))
    numbers: dict[str, float | None] = {}
    for name in ("oil_bbl", *OPTIONAL):
        raw = values.get(name, "")
        if raw == "":
            numbers[name] = None
            continue
        if not _NUMBER.match(raw):
            errors.append(LineError(line, name, f"{raw!r} is not a number (use a dot for "
                                                "decimals, no thousands separator)"))
            continue
        value = float(raw)
        if not math.isfinite(value):
            errors.append(LineError(line, name, f"{raw!r} is too large"))
            continue
        numbers[name] = value
    if len(errors) > before or day is None:
        return None
    try:
        return DailyProduction(
            well=well, day=day, oil_bbl=numbers["oil_bbl"], water_bbl=numbers["water_bbl"],
            gas_mscf=numbers["gas_mscf"], hours_on=numbers["hours_on"], hours_data=None,
            source=origin,
        )
    except ProductionError as exc:
        errors.append(LineError(line, exc.field, exc.message))
        return None


def _fmt(value: float | None) -> str:
    return "" if value is None else repr(round(value, 6)).removesuffix(".0")


def write_csv(rows: Iterable[DailyProduction], out: IO[str], *, full: bool = False) -> int:
    """Write ``rows`` as CSV in the import format (``full``: also ``hours_data`` and
    ``source``, which the import does not take back); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*IMPORT_COLUMNS, *(EXPORT_EXTRA if full else ())))
    n = 0
    for r in rows:
        record = [r.well, r.day.isoformat(), _fmt(r.oil_bbl), _fmt(r.water_bbl),
                  _fmt(r.gas_mscf), _fmt(r.hours_on)]
        if full:
            record += [_fmt(r.hours_data), r.source.value]
        writer.writerow(record)
        n += 1
    return n
