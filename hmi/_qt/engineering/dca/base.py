"""What the Decline curves tab's parts share: :class:`DcaTabBase` names the widgets, plot items
and state that :class:`~.tab.DcaTab` and its mixins set and read, and (for the type checker
only) the methods one mixin calls on another.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
)

from hmi._qt.engineering.common import AnalysisTab
from hmi.components.engineering.dca import DcaModel, FitOptions, ForecastOptions, ParamSpec


class DcaTabBase(AnalysisTab):
    """The attributes of :class:`~.tab.DcaTab` (declared here so each mixin type-checks)."""

    model: DcaModel
    _texts: list[tuple[Callable[[str], None], str]]
    _load_serial: int
    _placing: bool
    loading: asyncio.Task[Any] | None
    _t_params: str
    param_spins: dict[str, tuple[ParamSpec, QDoubleSpinBox]]
    _refit_timer: QTimer
    _load_timer: QTimer
    # the form (form.py)
    well_list: QListWidget
    refresh_button: QPushButton
    mode_combo: QComboBox
    align_combo: QComboBox
    model_combo: QComboBox
    from_peak: QCheckBox
    start_check: QCheckBox
    start_date: QDateEdit
    end_check: QCheckBox
    end_date: QDateEdit
    basis_combo: QComboBox
    outlier_check: QCheckBox
    outlier_sigma: QDoubleSpinBox
    b_min: QDoubleSpinBox
    b_max: QDoubleSpinBox
    terminal: QDoubleSpinBox
    fit_button: QPushButton
    params_box: QGroupBox
    params_form: QFormLayout
    edited_label: QLabel
    reset_button: QPushButton
    q_limit: QDoubleSpinBox
    fc_end_check: QCheckBox
    fc_end_date: QDateEdit
    max_years: QDoubleSpinBox
    bands_n: QSpinBox
    bands_button: QPushButton
    # the plots and results (plots.py)
    title: QLabel
    plot: pg.PlotWidget
    _dated_axis: bool
    pt_used: pg.PlotDataItem
    pt_excluded: pg.PlotDataItem
    pt_outlier: pg.PlotDataItem
    fit_line: pg.PlotDataItem
    fc_line: pg.PlotDataItem
    p90_line: pg.PlotDataItem
    p10_line: pg.PlotDataItem
    limit_line: pg.PlotDataItem
    handles: dict[str, pg.TargetItem]
    cum_plot: pg.PlotWidget
    cum_used: pg.PlotDataItem
    cum_excluded: pg.PlotDataItem
    cum_fc: pg.PlotDataItem
    results: QLabel

    if TYPE_CHECKING:
        # defined by the mixins and the tab
        def fit(self) -> None: ...
        def compute_bands(self) -> None: ...
        def read_fit_options(self) -> FitOptions: ...
        def read_forecast_options(self) -> ForecastOptions: ...
        def _update_enabled(self) -> None: ...
        def _fit_options_changed(self) -> None: ...
        def _forecast_options_changed(self) -> None: ...
        def _show_wells(self) -> None: ...
        def selected_wells(self) -> list[str]: ...
        def _rebuild_param_spins(self) -> None: ...
        def _show_params(self) -> None: ...
        def _param_edited(self, spec: ParamSpec, shown: float) -> None: ...
        def _relegend(self) -> None: ...
        def _x(self, days: Any) -> Any: ...
        def _draw_history(self) -> None: ...
        def _fit_changed(self) -> None: ...
        def _draw_curve(self) -> None: ...
        def _place_handles(self) -> None: ...
        def _handle_moved(self, kind: str) -> None: ...
        def _show_results(self) -> None: ...
        def _spawn(self, coro: Any) -> None: ...
        async def load_selected(self) -> None: ...
        async def refresh_wells(self, auto_select: bool = False) -> None: ...
