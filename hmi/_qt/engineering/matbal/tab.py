"""The material balance tab: history table in, OOIP/OGIP, straight-line plots and drive
indices out. The state and the calculation live in
:class:`hmi.components.engineering.matbal.MatbalModel`; this widget shows and edits it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from hmi._qt.context import AppContext
from hmi._qt.engineering.common import COLORS, tr
from hmi._qt.engineering.matbal.actions import MatbalActionsMixin
from hmi._qt.engineering.matbal.base import MatbalTabBase
from hmi._qt.engineering.matbal.form import MatbalFormMixin
from hmi._qt.engineering.matbal.plots import MatbalPlotsMixin
from hmi._qt.engineering.matbal.results import MatbalResultsMixin
from hmi.components.engineering import matbal as m
from hmi.reports import Report


class MaterialBalanceTab(MatbalFormMixin, MatbalPlotsMixin, MatbalActionsMixin,
                         MatbalResultsMixin, MatbalTabBase):
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
