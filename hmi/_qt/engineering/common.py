"""What every engineering analysis tab shares: inputs on the left, plots and results on the
right, a progress bar with Cancel for long computations, and PDF/CSV export of what is shown.

A tab subclasses :class:`AnalysisTab`, puts its inputs in ``self.form`` and its plots in
``self.body``, runs heavy work through ``self.runner`` and describes its output as a
:class:`hmi.reports.Report` in :meth:`AnalysisTab.build_report`; export then works the same
everywhere (and tests call :meth:`export_pdf` / :meth:`export_csv` directly).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.context import AppContext
from hmi.components.engineering.jobs import JobRunner
from hmi.reports import Report, write_csv, write_pdf

log = logging.getLogger(__name__)
PLOT_BACKGROUND = "#f4f4f4"
FORM_MAX_WIDTH = 400
PLOT_FOREGROUND = "#303030"
#: curve colours of the analysis plots (the trend pens' palette, theme.PEN_COLORS)
COLORS = ("#1f4e9c", "#b03a2e", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#4d4d4d",
          "#a04000")


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def make_plot(x_label: str = "", y_label: str = "", *, log_x: bool = False,
              log_y: bool = False, dates: bool = False) -> pg.PlotWidget:
    """A plot in the HMI's calm style: light grey background, faint grid, legend."""
    axis = {"bottom": pg.DateAxisItem(orientation="bottom")} if dates else {}
    w = pg.PlotWidget(background=PLOT_BACKGROUND, axisItems=axis)
    item = w.getPlotItem()
    item.showGrid(x=True, y=True, alpha=0.25)
    item.setLogMode(x=log_x, y=log_y)
    for side in ("left", "bottom"):
        ax = item.getAxis(side)
        ax.setPen(pg.mkPen(PLOT_FOREGROUND))
        ax.setTextPen(pg.mkPen(PLOT_FOREGROUND))
    item.setLabel("bottom", x_label)
    item.setLabel("left", y_label)
    item.addLegend(offset=(-10, 10), labelTextColor=PLOT_FOREGROUND)
    w.setMinimumHeight(220)
    return w


def report_meta(ctx: AppContext) -> list[tuple[str, str]]:
    """Who printed it, from which edge: the report's meta line."""
    meta = [(tr("Edge"), ctx.client.base_url)]
    if ctx.session.username:
        meta.append((tr("User"), ctx.session.username))
    return meta


class JobBar(QWidget):
    """Progress of the tab's running computation, its Cancel button, and the last error."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(220)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(runner.cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel)
        lay.addWidget(self.status, 1)
        runner.started.connect(self._started)
        runner.progressed.connect(self._progressed)
        runner.finished.connect(lambda _n, _r: self._idle(""))
        runner.failed.connect(lambda _n, msg: self._idle("✖ " + msg, error=True))
        runner.cancelled.connect(lambda _n: self._idle(tr("Cancelled")))
        self.retranslate()
        self._idle("")

    def retranslate(self) -> None:
        self.cancel.setText(tr("Cancel"))

    def show_message(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b03a2e; font-weight: 600;" if error else "")

    def _started(self, _name: str) -> None:
        self.bar.setValue(0)
        self.bar.show()
        self.cancel.show()
        self.show_message(tr("Working…"))

    def _progressed(self, fraction: float, text: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        if text:
            self.show_message(text)

    def _idle(self, text: str, error: bool = False) -> None:
        self.bar.hide()
        self.cancel.hide()
        self.show_message(text, error)


class AnalysisTab(QWidget):
    """Base of the four analysis tabs (see the module docstring)."""

    #: the file name stem offered when exporting ("dca", "pvt", ...)
    export_stem = "analysis"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = JobRunner()
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        scroll = QScrollArea()
        scroll.setWidget(self.form_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(330)
        scroll.setMaximumWidth(FORM_MAX_WIDTH)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll = scroll
        self.body = QVBoxLayout()
        self.jobbar = JobBar(self.runner)
        self.pdf_button = QPushButton()
        self.csv_button = QPushButton()
        self.pdf_button.clicked.connect(lambda: self._ask_export("pdf"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.jobbar, 1)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.csv_button)
        right = QVBoxLayout()
        right.addLayout(self.body, 1)
        right.addLayout(bottom)
        lay = QHBoxLayout(self)
        lay.addWidget(scroll)
        lay.addLayout(right, 1)
        self.last_export: Path | None = None

    # -- to implement ------------------------------------------------------------------------

    def build_report(self) -> Report:
        """What the tab shows now, as a report (title, key figures, tables, charts)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self.jobbar.retranslate()
        self.pdf_button.setText(tr("Export PDF…"))
        self.csv_button.setText(tr("Export CSV…"))
        QTimer.singleShot(0, self.fit_form_width)  # once the labels have their new texts

    def fit_form_width(self) -> None:
        """Give the inputs column the width its labels and fields need in this language
        (Spanish labels are longer), up to FORM_MAX_WIDTH; past that, long rows wrap."""
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        need = self.form_host.sizeHint().width() + bar + 6
        self.form_scroll.setMinimumWidth(max(self.form_scroll.minimumWidth(),
                                             min(need, FORM_MAX_WIDTH)))

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_form_width()
        super().showEvent(event)

    # -- export ------------------------------------------------------------------------------

    def _report(self) -> Report:
        r = self.build_report()
        r.meta = [*report_meta(self.ctx), *r.meta]
        r.created = r.created or datetime.now().astimezone()
        return r

    def export_pdf(self, path: Path | str) -> Path:
        self.last_export = write_pdf(path, self._report())
        return self.last_export

    def export_csv(self, path: Path | str) -> Path:
        self.last_export = write_csv(path, self._report())
        return self.last_export

    def _ask_export(self, kind: str) -> None:
        start = str(Path.home() / f"{self.export_stem}-{datetime.now():%Y%m%d-%H%M}.{kind}")
        flt = "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export"), start, flt)
        if not path:
            return
        try:
            written = self.export_pdf(path) if kind == "pdf" else self.export_csv(path)
        except ValueError as e:  # nothing to export yet, or bad inputs
            self.jobbar.show_message("✖ " + str(e), error=True)
        except OSError as e:  # full disk, no permission: say so, keep the window
            self.jobbar.show_message("✖ " + tr("Could not write %1: %2")
                                     .replace("%1", path).replace("%2", e.strerror or str(e)),
                                     error=True)
        else:
            self.jobbar.show_message(tr("Saved %1").replace("%1", str(written)))
