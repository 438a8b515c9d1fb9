"""The form's values as fit and forecast options, which inputs are enabled, and what a change
of them sets off (a delayed refit, new forecast options).
"""

from __future__ import annotations

from PySide6.QtCore import QDate

from hmi._qt.engineering.dca.base import DcaTabBase
from hmi._qt.engineering.dca.inputs import _to_date
from hmi.components.engineering.dca import (
    FitOptions,
    ForecastOptions,
)


class DcaOptionsMixin(DcaTabBase):
    """Reads the form into :class:`FitOptions` / :class:`ForecastOptions` and reacts to edits."""

    def read_fit_options(self) -> FitOptions:
        mode = str(self.mode_combo.currentData())
        return FitOptions(
            model=str(self.model_combo.currentData()),
            start=_to_date(self.start_date.date()) if self.start_check.isChecked() else None,
            end=_to_date(self.end_date.date()) if self.end_check.isChecked() else None,
            from_peak=self.from_peak.isChecked(),
            rate_basis="calendar" if self.basis_combo.currentData() == "calendar"
            else "producing",
            exclude_outliers=self.outlier_check.isChecked(),
            outlier_sigma=self.outlier_sigma.value(),
            terminal_decline=self.terminal.value() / 100.0,
            b_min=self.b_min.value(), b_max=self.b_max.value(),
            align="first_production" if self.align_combo.currentData() == "first_production"
            else "peak",
            statistic="mean" if mode.endswith("mean") else "p50")

    def read_forecast_options(self) -> ForecastOptions:
        return ForecastOptions(
            q_limit=self.ctx.units.to_source(self.q_limit.value(), "bbl/d"),
            end=_to_date(self.fc_end_date.date()) if self.fc_end_check.isChecked() else None,
            max_years=self.max_years.value(), bands_n=self.bands_n.value())

    def _update_enabled(self) -> None:
        several = len(self.model.daily) > 1
        self.terminal.setEnabled(self.model_combo.currentData() == "modified_hyperbolic")
        self.outlier_sigma.setEnabled(self.outlier_check.isChecked())
        self.mode_combo.setEnabled(several)
        self.align_combo.setEnabled(several and str(self.mode_combo.currentData()).startswith(
            "type"))
        self.bands_button.setEnabled(self.model.outcome is not None)

    def _fit_options_changed(self) -> None:
        self._update_enabled()
        if self.model.daily:
            self._refit_timer.start()

    def _history_loaded(self) -> None:
        """New wells: the window dates offered are their span (until the user sets them)."""
        days = [d for w in self.model.daily.values() for d in (w.day[:1] + w.day[-1:])]
        if days:
            for check, edit, day in ((self.start_check, self.start_date, min(days)),
                                     (self.end_check, self.end_date, max(days))):
                if not check.isChecked():
                    edit.blockSignals(True)
                    edit.setDate(QDate(day.year, day.month, day.day))
                    edit.blockSignals(False)
        self._update_enabled()
        self._draw_history()

    def _forecast_options_changed(self) -> None:
        try:
            self.model.set_forecast_options(self.read_forecast_options())
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
