"""The material balance tab: history table in, OOIP/OGIP, straight-line plots and drive
indices out. The state and the calculation live in
:class:`hmi.components.engineering.matbal.MatbalModel`; this widget shows and edits it."""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.context import AppContext
from hmi._qt.engineering.common import COLORS, AnalysisTab, make_plot, tr
from hmi.components.engineering import matbal as m
from hmi.components.engineering.jobs import Progress
from hmi.reports import Report

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _cell_text(v: float | None) -> str:
    """How a history cell reads: grouped integers for volumes, 6 digits for PVT."""
    if v is None:
        return ""
    if abs(v) >= 1e15:
        return f"{v:.6g}"
    if abs(v) >= 1000 or v == int(v):
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{v:.6g}"


class HistoryTableModel(QAbstractTableModel):
    """The model's current history table as a Qt table (edits go back to the model)."""

    def __init__(self, tab: MaterialBalanceTab) -> None:
        super().__init__()
        self.tab = tab
        self.table = tab.model.table
        self._editing = False
        self.excluded: set[int] = set()
        for t in tab.model.tables.values():
            t.changed.connect(self._table_changed)

    def set_table(self, table: m.HistoryTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def _table_changed(self) -> None:
        if not self._editing:
            self.beginResetModel()
            self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.table)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            col = self.table.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.header + (" *" if col.required else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                req = tr("Required") if col.required else tr("Optional")
                return f"{tr(col.description)} ({req})"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Row 0 is the initial survey") if section == 0 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(v)
        if role == Qt.ItemDataRole.EditRole:
            return "" if v is None else f"{v:.10g}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self.excluded:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == 0:
            return QBrush(QColor("#eef2f8"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self.table.columns[index.column()]
        where = tr("Row %1, column %2").replace("%1", str(index.row())).replace("%2",
                                                                                  col.header)
        try:
            v = m.parse_number(str(value))
        except ValueError:
            self.tab.jobbar.show_message(f"✖ {where}: " + tr("%1 is not a number")
                                         .replace("%1", repr(str(value).strip())), error=True)
            return False
        if v is not None and col.sign == "positive" and not v > 0:
            self.tab.jobbar.show_message(f"✖ {where}: " + tr("must be > 0"), error=True)
            return False
        if v is not None and v < 0:
            self.tab.jobbar.show_message(f"✖ {where}: " + tr("cannot be negative"), error=True)
            return False
        self._editing = True
        try:
            self.table.set_cell(index.row(), index.column(), v)
        finally:
            self._editing = False
        self.dataChanged.emit(index, index)
        self.tab.jobbar.show_message("")
        return True


class MaterialBalanceTab(AnalysisTab):
    """Oil (Havlena-Odeh, gas cap, aquifers) and gas (p/z, aquifers) material balance."""

    export_stem = "material-balance"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = m.MatbalModel()
        self._building = True
        self._labels: dict[str, QLabel] = {}
        self._build_form()
        self._build_body()
        self.model.inputs_changed.connect(self._sync_form)
        self.model.history_changed.connect(self._history_changed)
        self.model.outcome_changed.connect(self._show_outcome)
        self.model.load_example(m.DEFAULT_EXAMPLE)
        self._building = False
        self._sync_form()
        self.retranslate()
        try:  # the example takes milliseconds: show it at once, not after a thread hop
            self.model.run_now()
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)

    # -- form ------------------------------------------------------------------------------

    def _section(self, key: str) -> QLabel:
        lab = QLabel()
        lab.setStyleSheet("font-weight: 600; color: #1f4e9c; padding-top: 6px;")
        self._labels[key] = lab
        self.form.addRow(lab)
        return lab

    def _line(self, key: str) -> QLineEdit:
        e = QLineEdit()
        e.setAlignment(Qt.AlignmentFlag.AlignRight)
        e.setMaximumWidth(120)
        e.textEdited.connect(lambda text, k=key: self.model.set_text(k, text))
        e.returnPressed.connect(self.run)
        lab = QLabel()
        self._labels[key] = lab
        self.form.addRow(lab, e)
        self.edits[key] = e
        return e

    def _build_form(self) -> None:
        self.edits: dict[str, QLineEdit] = {}
        self.kind_combo = _combo()
        self.kind_combo.addItem("", "oil")
        self.kind_combo.addItem("", "gas")
        self.kind_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_kind(self.kind_combo.currentData()))
        self._labels["kind"] = QLabel()
        self.form.addRow(self._labels["kind"], self.kind_combo)

        self._section("sec_rock")
        for key in ("temperature", "gas_sg", "swi", "cw", "cf", "bubble_point"):
            self._line(key)

        self._section("sec_drive")
        self.gas_cap_combo = _combo()
        for mode in m.GAS_CAP_NAMES:
            self.gas_cap_combo.addItem("", mode)
        self.gas_cap_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_gas_cap(self.gas_cap_combo.currentData()))
        self._labels["gas_cap"] = QLabel()
        self.form.addRow(self._labels["gas_cap"], self.gas_cap_combo)
        self._line("m")
        self.aquifer_combo = _combo()
        for kind in m.AQUIFER_KINDS:
            self.aquifer_combo.addItem("", kind)
        self.aquifer_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_aquifer(self.aquifer_combo.currentData()))
        self._labels["aquifer"] = QLabel()
        self.form.addRow(self._labels["aquifer"], self.aquifer_combo)
        for key in ("aquifer_constant", "aquifer_j", "td_per_day"):
            self._line(key)
        self.ratios_edit = QLineEdit()
        self.ratios_edit.setMaximumWidth(170)
        self.ratios_edit.textEdited.connect(self.model.set_radius_ratios)
        self.ratios_edit.returnPressed.connect(self.run)
        self._labels["ratios"] = QLabel()
        self.form.addRow(self._labels["ratios"], self.ratios_edit)

        self._section("sec_abandon")
        for key in ("abandonment_pressure", "abandonment_z"):
            self._line(key)

        self._section("sec_fit")
        self.exclude_edit = QLineEdit()
        self.exclude_edit.setMaximumWidth(170)
        self.exclude_edit.textEdited.connect(self.model.set_exclude)
        self.exclude_edit.returnPressed.connect(self.run)
        self._labels["exclude"] = QLabel()
        self.form.addRow(self._labels["exclude"], self.exclude_edit)
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.run_button.setMinimumHeight(30)
        self.run_button.setStyleSheet("font-weight: 600;")
        self.run_button.clicked.connect(self.run)
        self.form.addRow(self.run_button)

        self._section("sec_pvt")
        for key in m.PVT_FIELDS:
            self._line(key)
        self.pvt_button = QPushButton()
        self.pvt_button.clicked.connect(self.fill_pvt)
        self.form.addRow(self.pvt_button)

    def _set_row_visible(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    def _sync_form(self) -> None:
        """Form widgets from the model (after an example load, a kind or drive change)."""
        if self._building:
            return
        md = self.model
        oil = md.kind == "oil"
        for w, v in ((self.kind_combo, md.kind), (self.gas_cap_combo, md.gas_cap),
                     (self.aquifer_combo, md.aquifer[md.kind])):
            i = w.findData(v)
            if i != w.currentIndex():
                w.blockSignals(True)
                w.setCurrentIndex(i)
                w.blockSignals(False)
        for key, e in self.edits.items():
            text = md.texts.get(key, "")
            if e.text() != text:
                e.setText(text)
        if self.ratios_edit.text() != md.radius_ratios:
            self.ratios_edit.setText(md.radius_ratios)
        if self.exclude_edit.text() != md.exclude:
            self.exclude_edit.setText(md.exclude)
        aq = md.aquifer[md.kind]
        visible = {
            "temperature": not oil, "gas_sg": not oil, "bubble_point": oil,
            "m": oil and md.gas_cap == "known", "aquifer_constant": aq != "none",
            "aquifer_j": aq == "fetkovich", "td_per_day": aq in ("carter_tracy", "veh"),
            "abandonment_pressure": not oil, "abandonment_z": not oil,
            **{k: oil for k in m.PVT_FIELDS},
        }
        for key, e in self.edits.items():
            self._set_row_visible(e, visible.get(key, True))
        self._set_row_visible(self.gas_cap_combo, oil)
        self._set_row_visible(self.ratios_edit, aq in ("carter_tracy", "veh"))
        for key in ("sec_pvt",):
            self._set_row_visible(self._labels[key], oil)
        self._set_row_visible(self.pvt_button, oil)
        self._set_row_visible(self._labels["sec_abandon"], not oil)
        self.table_model.excluded = self._excluded_rows()
        self.table_model.layoutChanged.emit()

    # -- body ------------------------------------------------------------------------------

    def _build_body(self) -> None:
        self.history_box = QGroupBox()
        hb = QVBoxLayout(self.history_box)
        hb.setContentsMargins(6, 6, 6, 6)
        tools = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_rows)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self._ask_import)
        self.example_button = QToolButton()
        self.example_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.example_menu = QMenu(self.example_button)
        self.example_actions: dict[str, QAction] = {}
        for key in m.EXAMPLES:
            act = self.example_menu.addAction("")
            act.triggered.connect(lambda _c=False, k=key: self.load_example(k))
            self.example_actions[key] = act
        self.example_button.setMenu(self.example_menu)
        for w in (self.add_button, self.remove_button, self.import_button,
                  self.example_button):
            tools.addWidget(w)
        self.data_label = QLabel()
        self.data_label.setStyleSheet("color: #5a5a5a;")
        self.data_label.setWordWrap(True)  # a long example title must not widen the window
        self.data_label.setMinimumWidth(60)
        tools.addWidget(self.data_label, 1)
        hb.addLayout(tools)
        self.table_model = HistoryTableModel(self)
        self.table_view = QTableView()
        self.table_view.setModel(self.table_model)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table_view.horizontalHeader().setStretchLastSection(False)
        self.table_view.horizontalHeader().setMinimumSectionSize(70)
        self.table_view.verticalHeader().setDefaultSectionSize(22)
        hb.addWidget(self.table_view)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setMargin(6)
        summary_scroll = QScrollArea()
        summary_scroll.setWidget(self.summary)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        summary_scroll.setMinimumWidth(290)
        summary_scroll.setMaximumWidth(320)

        self.main_plot = make_plot()
        self.side_tabs = QTabWidget()
        self.side_plots: dict[str, pg.PlotWidget] = {}
        for key in ("drive", "withdrawal", "cole", "havlena_odeh"):
            p = make_plot()
            self.side_plots[key] = p
            self.side_tabs.addTab(p, "")

        results = QWidget()
        rl = QHBoxLayout(results)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(summary_scroll)
        rl.addWidget(self.main_plot, 1)
        rl.addWidget(self.side_tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.history_box)
        self.splitter.addWidget(results)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 480])
        self.splitter.setChildrenCollapsible(False)
        self.body.addWidget(self.splitter)

    # -- actions ---------------------------------------------------------------------------

    def add_row(self) -> None:
        sel = self.table_view.selectionModel().selectedRows()
        at = max(i.row() for i in sel) + 1 if sel else None
        row = self.model.table.insert_row(at)
        self.table_view.selectRow(row)

    def remove_rows(self) -> None:
        rows = {i.row() for i in self.table_view.selectionModel().selectedRows()}
        if not rows:
            self.jobbar.show_message(tr("Select the rows to remove first"))
            return
        self.model.table.remove_rows(rows)

    def load_example(self, key: str) -> None:
        self.runner.cancel()
        self.model.load_example(key)
        self.run()

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import history CSV"), str(Path.home()),
                                              "CSV (*.csv *.txt)")
        if path:
            self.import_csv_file(path)

    def import_csv_file(self, path: str | Path) -> bool:
        """Replace the table with the CSV's rows; on any error keep the table and say why."""
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as e:
            self.jobbar.show_message("✖ " + tr("Could not read %1: %2").replace("%1", str(p))
                                     .replace("%2", e.strerror or str(e)), error=True)
            return False
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        try:
            ignored = self.model.import_csv(text)
        except ValueError as e:
            self.jobbar.show_message("✖ " + p.name + ": " + str(e), error=True)
            return False
        self.model.example_name = p.name
        msg = tr("Imported %1 rows from %2").replace("%1", str(len(self.model.table))) \
            .replace("%2", p.name)
        if ignored:
            msg += " — " + tr("columns ignored: %1").replace("%1", ", ".join(ignored))
        self.jobbar.show_message(msg)
        self._update_data_label()
        return True

    def fill_pvt(self) -> None:
        try:
            pb = self.model.fill_pvt_from_correlation()
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            return
        self.jobbar.show_message(tr("Bo, Rs, Bg and Bw filled from the correlation; bubble "
                                    "point %1 psia").replace("%1", f"{pb:,.0f}"))

    def run(self) -> None:
        """Check the inputs and start the fit in the background."""
        try:
            job = self.model.prepare()
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            return
        self.runner.start("matbal", _work, job, on_done=self.model.set_outcome)

    # -- showing ---------------------------------------------------------------------------

    def _excluded_rows(self) -> set[int]:
        try:
            return set(m.parse_rows(self.model.exclude, len(self.model.table)))
        except ValueError:
            return set()

    def _history_changed(self, kind: str) -> None:
        if kind == self.model.kind and self.table_model.table is not self.model.table:
            self.table_model.set_table(self.model.table)
        self._sync_form()
        self._update_data_label()

    def _update_data_label(self) -> None:
        name = self.model.example_name
        n = len(self.model.table)
        text = tr("%1 pressure steps").replace("%1", str(n))
        if name:
            text = f"{tr(name)} · {text}"
        self.data_label.setText(text)

    def _draw(self, w: pg.PlotWidget, spec: m.PlotSpec | None) -> None:
        item = w.getPlotItem()
        item.clear()
        if item.legend is not None:
            item.legend.clear()
        if spec is None:
            item.setTitle("")
            return
        title = tr(spec.title).split(" (")[0]  # the long form is in the report
        item.setTitle(f"<span style='font-size:10pt'>{html.escape(title)}</span>")
        item.setLabel("bottom", tr(spec.x_label))
        item.setLabel("left", tr(spec.y_label))
        for s in spec.series:
            color = COLORS[s.color % len(COLORS)]
            name = tr(s.name)
            if s.style == "points":
                item.plot(s.x, s.y, pen=None, symbol="o", symbolSize=8, symbolBrush=color,
                          symbolPen=pg.mkPen(color), name=name)
            elif s.style == "hollow":
                item.plot(s.x, s.y, pen=None, symbol="o", symbolSize=8, symbolBrush=None,
                          symbolPen=pg.mkPen(color, width=1.5), name=name)
            else:
                style = Qt.PenStyle.DashLine if s.style == "dash" else Qt.PenStyle.SolidLine
                item.plot(s.x, s.y, pen=pg.mkPen(color, width=2, style=style), name=name,
                          connect="finite")
        item.enableAutoRange()
        if spec.key == "drive":
            top = max([1.05, *(float(v) for sp in spec.series for v in sp.y
                                if math.isfinite(float(v)))])
            bottom = min([0.0, *(float(v) for sp in spec.series for v in sp.y
                                 if math.isfinite(float(v)))])
            item.setYRange(bottom, min(top, 2.0), padding=0.02)
        if item.legend is not None:
            item.legend.setBrush(pg.mkBrush(255, 255, 255, 210))
            corner = _emptiest_corner(spec)
            offset = (10 if corner[0] == 0 else -10, 10 if corner[1] == 0 else -10)
            item.legend.anchor(itemPos=corner, parentPos=corner, offset=offset)

    def _show_outcome(self, outcome: m.Outcome | None) -> None:
        plots = {p.key: p for p in outcome.plots} if outcome is not None else {}
        first = outcome.plots[0] if outcome is not None else None
        self._draw(self.main_plot, first)
        for i, (key, w) in enumerate(self.side_plots.items()):
            spec = plots.get(key)
            self._draw(w, spec if spec is not first else None)
            self.side_tabs.setTabVisible(i, spec is not None and spec is not first)
        self.summary.setText(self._summary_html(outcome))
        self._update_data_label()

    def _summary_html(self, out: m.Outcome | None) -> str:
        if out is None:
            return "<p style='color:#5a5a5a'>" + html.escape(
                tr("Enter the history and press Run.")) + "</p>"
        head, *rest = out.summary
        parts = []
        if self.model.stale:
            parts.append("<p style='color:#b9770e'><b>" + html.escape(
                tr("Inputs changed: press Run to update.")) + "</b></p>")
        value, _, err = head[1].partition(" ± ")
        parts.append(f"<div style='font-size:11pt; font-weight:600; color:#1f4e9c'>"
                     f"{html.escape(tr(head[0]))}</div>"
                     f"<div style='font-size:18pt; font-weight:700'>{html.escape(value)}"
                     + (f" <span style='font-size:10pt; font-weight:400; color:#4d4d4d'>"
                        f"± {html.escape(err)}</span>" if err else "") + "</div>")
        rows = "".join(
            f"<tr><td colspan='2' style='color:#4d4d4d'>{html.escape(tr(k))}</td></tr>"
            f"<tr><td colspan='2' align='right'><b>{html.escape(tr(v))}</b></td></tr>"
            if len(tr(v)) > 22 else
            f"<tr><td style='color:#4d4d4d; padding-right:8px'>{html.escape(tr(k))}</td>"
            f"<td align='right'><b>{html.escape(tr(v))}</b></td></tr>" for k, v in rest)
        parts.append(f"<table cellspacing='0' cellpadding='2' width='100%'>{rows}</table>")
        if len(out.candidates) > 1:
            unit = "STB" if out.job.kind == "oil" else "scf"
            items = "".join(
                f"<tr><td>{html.escape(_short(d))}</td><td align='right'>"
                f"{html.escape(m.volume(v, unit))}</td><td align='right'>{m.sig(rms, 3)}</td>"
                "</tr>" for d, v, _s, rms in out.candidates)
            parts.append("<p style='margin-top:8px'><b>" + html.escape(
                tr("Aquifer candidates (best first)")) + "</b></p>"
                f"<table cellspacing='0' cellpadding='1' width='100%'><tr><th align='left'>"
                f"</th><th align='right'>{html.escape(tr('In place'))}</th>"
                f"<th align='right'>{html.escape(tr('RMS [rb]'))}</th></tr>{items}</table>")
        for w in out.warnings:
            parts.append(f"<p style='color:#b03a2e'>⚠ {html.escape(w)}</p>")
        return "".join(parts)

    # -- export / language -------------------------------------------------------------------

    def build_report(self) -> Report:
        return m.build_report(self.model, COLORS, tr)

    def retranslate(self) -> None:
        super().retranslate()
        lab = self._labels
        lab["kind"].setText(tr("Reservoir"))
        self.kind_combo.setItemText(0, tr("Oil (Havlena-Odeh)"))
        self.kind_combo.setItemText(1, tr("Gas (p/z)"))
        self.kind_combo.setToolTip(tr("Oil: OOIP by the Havlena-Odeh straight line; gas: OGIP "
                                      "by the p/z line, or Havlena-Odeh with an aquifer"))
        lab["sec_rock"].setText(tr("Rock and fluids"))
        lab["sec_drive"].setText(tr("Drive mechanism"))
        lab["sec_abandon"].setText(tr("Reserves"))
        lab["sec_fit"].setText(tr("Fit"))
        lab["sec_pvt"].setText(tr("PVT from a correlation (optional)"))
        for key, e in self.edits.items():
            f = m.FIELDS[key]
            unit = f" [{f.unit}]" if f.unit and f.unit != "-" else ""
            lab[key].setText(tr(f.label) + unit)
            tip = tr(f.tip)
            e.setToolTip(tip)
            lab[key].setToolTip(tip)
            e.setPlaceholderText(tr("optional") if not f.required else "")
        lab["gas_cap"].setText(tr("Gas cap"))
        for i, mode in enumerate(m.GAS_CAP_NAMES):
            self.gas_cap_combo.setItemText(i, tr(m.GAS_CAP_NAMES[mode]))
        self.gas_cap_combo.setToolTip(tr("Estimating m fits F/(Eo+Efw) against "
                                         "(Eg+Efw)/(Eo+Efw): intercept N, slope m·N"))
        lab["aquifer"].setText(tr("Water influx"))
        for i, kind in enumerate(m.AQUIFER_KINDS):
            self.aquifer_combo.setItemText(i, tr(m.AQUIFER_NAMES[kind]))
        self.aquifer_combo.setToolTip(tr("The aquifer model gives the shape of the influx; the "
                                         "fit finds the factor on its constant"))
        lab["ratios"].setText(tr("Outer radius ratio ra/ro"))
        self.ratios_edit.setToolTip(tr("One value or a list to try (e.g. 3, 5, 10, inf): each "
                                       "is fitted and the one with the smallest residual is "
                                       "kept. inf = infinite aquifer"))
        self.ratios_edit.setPlaceholderText(tr("e.g. 3, 5, 10, inf"))
        lab["exclude"].setText(tr("Rows left out of the fit"))
        self.exclude_edit.setToolTip(tr("Row numbers, e.g. 1, 2 (early surveys that have not "
                                        "settled); they stay on the plot, hollow"))
        self.exclude_edit.setPlaceholderText(tr("e.g. 1, 2"))
        self.run_button.setText(tr("Run material balance"))
        self.pvt_button.setText(tr("Fill Bo, Rs, Bg, Bw from the correlation"))
        self.pvt_button.setToolTip(tr("Standing bubble point, Rs and Bo; gas z by "
                                      "Dranchuk-Abou-Kassem; Bw by McCain; at each row's "
                                      "pressure"))
        self.history_box.setTitle(tr("Pressure and production history (row 0 = initial "
                                     "survey; * = required)"))
        self.add_button.setText(tr("Add row"))
        self.remove_button.setText(tr("Remove rows"))
        self.import_button.setText(tr("Import CSV…"))
        self.import_button.setToolTip(tr("A header row with the column symbols (p, Np, Gp, "
                                         "Bo, ...; units in brackets are ignored), one row per "
                                         "survey; comma or semicolon separated"))
        self.example_button.setText(tr("Load example"))
        for key, act in self.example_actions.items():
            act.setText(tr(m.EXAMPLES[key].title))
        names = {"drive": tr("Drive indices"), "withdrawal": tr("Withdrawal fit"),
                 "cole": tr("Cole plot"), "havlena_odeh": tr("Havlena-Odeh")}
        for i, key in enumerate(self.side_plots):
            self.side_tabs.setTabText(i, names[key])
        self._update_data_label()
        self._show_outcome(self.model.outcome)


def _emptiest_corner(spec: m.PlotSpec) -> tuple[int, int]:
    """The plot corner (x, y; 0 = left/top) with the fewest data points, for the legend."""
    xs = [float(v) for s in spec.series for v in s.x]
    ys = [float(v) for s in spec.series for v in s.y]
    pts = [(x, y) for x, y in zip(xs, ys, strict=True) if math.isfinite(x) and math.isfinite(y)]
    if not pts:
        return (1, 0)
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    counts: dict[tuple[int, int], int] = {(1, 0): 0, (0, 0): 0, (1, 1): 0, (0, 1): 0}
    for x, y in pts:
        fx = (x - x0) / (x1 - x0) if x1 > x0 else 0.5
        fy = (y1 - y) / (y1 - y0) if y1 > y0 else 0.5
        for cx, cy in counts:
            if abs(fx - cx) < 0.5 and abs(fy - cy) < 0.45:
                counts[(cx, cy)] += 1
    return min(counts, key=lambda c: counts[c])  # ties: top right first


def _combo() -> QComboBox:
    """A combo that does not widen the form to its longest item (the popup shows it all)."""
    c = QComboBox()
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(14)
    c.setMaximumWidth(230)
    return c


def _short(describe: str) -> str:
    """``van Everdingen-Hurst, r_a/r_o = 5, U = ...`` → ``r_a/r_o = 5`` for the candidates."""
    parts = [p.strip() for p in describe.split(",")]
    return parts[1] if len(parts) > 2 else describe


def _work(progress: Progress, job: m.Job) -> m.Outcome:
    return m.compute(job, progress)

