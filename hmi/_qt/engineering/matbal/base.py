"""What the material balance tab's parts share: :class:`MatbalTabBase` names the widgets and
state that :class:`~.tab.MaterialBalanceTab` and its mixins set and read, and (for the type
checker only) the methods one mixin calls on another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
)

from hmi._qt.engineering.common import AnalysisTab
from hmi.components.engineering import matbal as m

if TYPE_CHECKING:
    from hmi._qt.engineering.matbal.table_model import HistoryTableModel


class MatbalTabBase(AnalysisTab):
    """The attributes of :class:`~.tab.MaterialBalanceTab` (declared here so each mixin
    type-checks)."""

    model: m.MatbalModel
    _building: bool
    _labels: dict[str, QLabel]
    # the form (form.py)
    kind_combo: QComboBox
    gas_cap_combo: QComboBox
    aquifer_combo: QComboBox
    edits: dict[str, QLineEdit]
    ratios_edit: QLineEdit
    exclude_edit: QLineEdit
    run_button: QPushButton
    # the body (plots.py)
    splitter: QSplitter
    history_box: QGroupBox
    data_label: QLabel
    table_model: HistoryTableModel
    table_view: QTableView
    add_button: QPushButton
    remove_button: QPushButton
    import_button: QPushButton
    pvt_button: QPushButton
    example_button: QToolButton
    example_menu: QMenu
    example_actions: dict[str, QAction]
    main_plot: pg.PlotWidget
    side_tabs: QTabWidget
    side_plots: dict[str, pg.PlotWidget]
    summary: QLabel

    if TYPE_CHECKING:
        # defined by the mixins
        def _sync_form(self) -> None: ...
        def _draw(self, w: pg.PlotWidget, spec: m.PlotSpec | None) -> None: ...
        def add_row(self) -> None: ...
        def remove_rows(self) -> None: ...
        def _ask_import(self) -> None: ...
        def load_example(self, key: str) -> None: ...
        def run(self) -> None: ...
        def fill_pvt(self) -> None: ...
        def _excluded_rows(self) -> set[int]: ...
        def _update_data_label(self) -> None: ...
