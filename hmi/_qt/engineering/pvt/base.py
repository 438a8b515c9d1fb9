"""What the PVT tab's parts share: :class:`PvtTabBase` names the widgets and state that
:class:`~.tab.PvtTab` and its mixins set and read, and (for the type checker only) the methods
one mixin calls on another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableView,
)

from hmi._qt.engineering.common import AnalysisTab
from hmi.components.engineering import pvt as m

if TYPE_CHECKING:
    from hmi._qt.engineering.pvt.fields import NumberField
    from hmi._qt.engineering.pvt.table_model import PvtTableModel


class PvtTabBase(AnalysisTab):
    """The attributes of :class:`~.tab.PvtTab` (declared here so each mixin type-checks)."""

    model: m.PvtModel
    system: m.System
    preset: str
    _input_error: str | None
    _loading: bool
    _csv_export: bool
    fields: dict[str, NumberField]
    _labels: dict[str, QLabel]
    _debounce: QTimer
    # the form (form.py)
    preset_label: QLabel
    preset_combo: QComboBox
    spec_label: QLabel
    spec_combo: QComboBox
    sep_check: QCheckBox
    oil_combo: QComboBox
    z_label: QLabel
    z_combo: QComboBox
    calc_button: QPushButton
    # the body (plots.py)
    banner: QLabel
    table: QTableView
    table_model: PvtTableModel
    point_box: QGroupBox
    point_grid: QGridLayout
    point_heads: dict[str, QLabel]
    point_names: dict[str, QLabel]
    point_values: dict[str, QLabel]
    plots: dict[str, pg.PlotWidget]

    if TYPE_CHECKING:
        # defined by the mixins and the tab
        def calculate(self) -> None: ...
        def _relabel(self) -> None: ...
        def _edited(self, *_args: object) -> None: ...
        def _preset_chosen(self, _i: int) -> None: ...
        def _spec_changed(self, *_args: object) -> None: ...
        def _sep_toggled(self, *_args: object) -> None: ...
        def _show_plots(self, r: m.PvtResult | None) -> None: ...
