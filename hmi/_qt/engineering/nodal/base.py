"""What the nodal tab's parts share: :class:`NodalTabBase` names the widgets and state that
:class:`~.tab.NodalTab` and its mixins set and read, and (for the type checker only) the
methods one mixin calls on another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QTableWidget

from hmi._qt.engineering.common import AnalysisTab
from hmi.components.engineering import nodal as nm
from hmi.components.engineering.jobs import Job
from hmi.components.units import UnitSystem


class NodalTabBase(AnalysisTab):
    """The attributes of :class:`~.tab.NodalTab` (declared here so each mixin type-checks)."""

    model: nm.NodalModel
    _system: UnitSystem
    _autorun_done: bool
    # the form (form.py)
    edits: dict[str, QLineEdit]
    labels: dict[str, QLabel]
    headers: list[tuple[QLabel, Callable[[], str]]]
    ipr_model: QComboBox
    ipr_source: QComboBox
    correlation: QComboBox
    esp: QCheckBox
    pump_rates: QLineEdit
    pump_heads: QLineEdit
    calc_button: QPushButton
    variable: QComboBox
    values: QLineEdit
    choke: QComboBox
    sens_button: QPushButton
    # the body (plots.py)
    plot: pg.PlotWidget
    trav_plot: pg.PlotWidget
    holdup_plot: pg.PlotWidget
    op_label: QLabel
    results: QLabel
    table_title: QLabel
    table: QTableWidget

    if TYPE_CHECKING:
        # defined by the mixins and the tab
        def calculate(self) -> Job[Any] | None: ...
        def run_sensitivity(self) -> Job[Any] | None: ...
        def _update_visibility(self) -> None: ...
        def _variable_changed(self) -> None: ...
        def _current_variable(self) -> nm.Variable: ...
        def _label_text(self, key: str) -> str: ...
        def _to_display(self, v: float, conv: str) -> float: ...
        def _fill_table(self) -> None: ...
