"""Material balance window model: history table, inputs, run, results and report (Qt-free).

The engineer types (or imports from CSV, or loads a textbook example) one row per pressure
survey, row 0 being the initial survey; picks oil or gas, the drive (gas cap, aquifer model)
and runs :func:`domain.engineering.matbal.estimate_ooip` / ``estimate_ogip``. The answer, the
Havlena-Odeh (or p/z) straight line, the drive indices and the balance terms are described
once, as :class:`PlotSpec` and :class:`hmi.reports.Report` blocks, so the screen and the
exported PDF/CSV show the same numbers.

Everything is in oilfield units (psia, STB, scf, rb, rb/STB, rb/scf, 1/psi, days, °F), the
domain's units: the window labels every column and field with them.

Errors are ``ValueError`` with messages naming the field, the CSV line and column, or the table
row (row 0 = the initial survey, as the domain numbers them), shown to the user as they are.

Where things are (everything the widget and the tests use is re-exported here):

- :mod:`.history` — the history table, its oil and gas columns, CSV import and export;
- :mod:`.inputs` — reservoir kind, drive choices, the form's number fields, ratio/row lists;
- :mod:`.number_text` — numbers as typed (``parse_number``) and as shown (``sig``, ``volume``);
- :mod:`.job` — the checked :class:`Job` and its :class:`Outcome` (plots, tables);
- :mod:`.form` — the form and table read and checked into a job;
- :mod:`.model` — :class:`MatbalModel`, the window's state and events;
- :mod:`.compute` — running a job through the domain solver (worker thread);
- :mod:`.describe`, :mod:`.plots` — a domain result turned into an outcome;
- :mod:`.report` — the outcome as a report for export;
- :mod:`.examples` — published textbook examples with their references.
"""

from __future__ import annotations

from .compute import compute
from .examples import DEFAULT_EXAMPLE, EXAMPLES, Example
from .history import (
    GAS_COLUMNS,
    OIL_COLUMNS,
    Cell,
    Column,
    HistoryTable,
    history_csv,
    parse_history_csv,
)
from .inputs import (
    AQUIFER_KINDS,
    AQUIFER_NAMES,
    FIELDS,
    GAS_CAP_NAMES,
    GAS_FIELDS,
    OIL_FIELDS,
    PVT_FIELDS,
    AquiferKind,
    Field,
    GasCapMode,
    Kind,
    parse_ratios,
    parse_rows,
)
from .job import Job, Outcome, PlotSpec, SeriesSpec
from .model import MatbalModel
from .number_text import parse_number, sig, volume
from .report import build_report

__all__ = [
    "AQUIFER_KINDS",
    "AQUIFER_NAMES",
    "DEFAULT_EXAMPLE",
    "EXAMPLES",
    "FIELDS",
    "GAS_CAP_NAMES",
    "GAS_COLUMNS",
    "GAS_FIELDS",
    "OIL_COLUMNS",
    "OIL_FIELDS",
    "PVT_FIELDS",
    "AquiferKind",
    "Cell",
    "Column",
    "Example",
    "Field",
    "GasCapMode",
    "HistoryTable",
    "Job",
    "Kind",
    "MatbalModel",
    "Outcome",
    "PlotSpec",
    "SeriesSpec",
    "build_report",
    "compute",
    "history_csv",
    "parse_history_csv",
    "parse_number",
    "parse_ratios",
    "parse_rows",
    "sig",
    "volume",
]
