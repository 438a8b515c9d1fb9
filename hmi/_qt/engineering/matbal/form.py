"""The material balance form: reservoir kind, gas cap, aquifer and their inputs, kept in step
with the model.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hmi._qt.engineering.matbal.base import MatbalTabBase
from hmi.components.engineering import matbal as m


class MatbalFormMixin(MatbalTabBase):
    """Builds the inputs column (``_build_form``) and syncs it with the model."""

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


def _combo() -> QComboBox:
    """A combo that does not widen the form to its longest item (the popup shows it all)."""
    c = QComboBox()
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(14)
    c.setMaximumWidth(230)
    return c
