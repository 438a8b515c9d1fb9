"""Inflow/outflow (nodal) analysis of one oil well, Qt-free: inputs, validation, the
background work functions and the report.

The engineer describes the well the way it is known in the field (reservoir pressure and
temperature, a well test or a productivity index, oil API, GOR, water cut, tubing, wellhead
pressure, an optional ESP) in :class:`NodalInputs`, always in oilfield units (psia, degF, ft,
STB/d, in); the widget converts what it shows. :func:`build_well` turns the inputs into the
domain objects of :mod:`domain.engineering.flow` (an IPR and an :class:`Outflow`) and names the
field at fault when something is wrong. :func:`run_nodal` and :func:`run_sensitivity` are the
work functions the :class:`~hmi.components.engineering.jobs.JobRunner` runs in its worker
thread; :class:`NodalModel` keeps the last results and builds the :class:`Report`.

Every number comes from the domain library: the operating point is
:func:`domain.engineering.flow.nodal_analysis`'s, the families are its ``*_sensitivity``
functions', evaluated one value at a time so the run can report progress and be cancelled.

Where things are (everything the widget and the tests use is re-exported here):

- :mod:`.translate` — the ``tr()`` hook the widget points at Qt (:func:`set_translator`);
- :mod:`.inputs` — :class:`NodalInputs`, the sensitivity variables, :class:`InputError`;
- :mod:`.well` — validation and the domain objects of one well (:func:`build_well`);
- :mod:`.runs` — the work functions (:func:`run_nodal`, :func:`run_sensitivity`) and results;
- :mod:`.display` — number formatting and display-unit conversion (:class:`Display`);
- :mod:`.summary` — a run's results, sensitivity rows and inputs as text;
- :mod:`.report` — the chart, tables and exported report;
- :mod:`.model` — :class:`NodalModel`, the tab's state.
"""

from __future__ import annotations

from domain.engineering.flow import FlowPattern

from .display import PATTERN_NAMES, Display, fin, fmt
from .inputs import (
    CHOKES,
    CORRELATION_NAMES,
    DEFAULT_VALUES,
    InputError,
    IprModel,
    IprSource,
    NodalInputs,
    Variable,
    field_labels,
    parse_numbers,
    variable_label,
    variable_short,
    variable_unit,
)
from .model import NodalModel
from .runs import NodalRun, ProgressFn, SensitivityRun, run_nodal, run_sensitivity
from .translate import set_translator, tr
from .well import Well, build_well, parse_values

__all__ = [
    "CHOKES",
    "CORRELATION_NAMES",
    "DEFAULT_VALUES",
    "PATTERN_NAMES",
    "Display",
    "FlowPattern",
    "InputError",
    "IprModel",
    "IprSource",
    "NodalInputs",
    "NodalModel",
    "NodalRun",
    "ProgressFn",
    "SensitivityRun",
    "Variable",
    "Well",
    "build_well",
    "field_labels",
    "fin",
    "fmt",
    "parse_numbers",
    "parse_values",
    "run_nodal",
    "run_sensitivity",
    "set_translator",
    "tr",
    "variable_label",
    "variable_short",
    "variable_unit",
]
