"""Dialogs for alarm actions that need more than a click: shelve (reason + duration) and
comment, and out of service (a reason, no duration: it lasts until returned). Shelving is
time-limited by design (ISA-18.2): no "forever" choice is offered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


DURATIONS_MIN = (15, 60, 240, 480, 720)


class _ReasonDialog(QDialog):
    """A dialog whose OK needs a reason (kept in the journal)."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Why (required, kept in the journal)"))

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        return buttons

    def _ok(self) -> None:
        if self.reason.text().strip():
            self.accept()
        else:
            self.reason.setFocus()


class ShelveDialog(_ReasonDialog):
    def __init__(self, alarm_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(tr("Shelve alarm"), parent)
        self.duration = QComboBox()
        for m in DURATIONS_MIN:
            label = tr("%n minutes").replace("%n", str(m)) if m < 60 else \
                tr("%n hours").replace("%n", str(m // 60))
            self.duration.addItem(label, m)
        self.duration.setCurrentIndex(1)
        form = QFormLayout(self)
        form.addRow(QLabel(", ".join(alarm_names)))
        form.addRow(tr("Reason"), self.reason)
        form.addRow(tr("Duration"), self.duration)
        form.addRow(self._buttons())

    def duration_s(self) -> float:
        return float(self.duration.currentData()) * 60.0


class CommentDialog(QDialog):
    def __init__(self, alarm_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Comment on alarm"))
        self.text = QLineEdit()
        form = QFormLayout(self)
        form.addRow(QLabel(alarm_name))
        form.addRow(tr("Comment"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(lambda: self.accept() if self.text.text().strip() else None)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class OutOfServiceDialog(_ReasonDialog):
    """Take alarms out of service (a supervisor's action, e.g. an instrument under repair):
    the reason is required and kept in the journal; no duration, they stay out until returned,
    which is why the dialog says so."""

    def __init__(self, alarm_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(tr("Remove alarm from service"), parent)
        names = QLabel(", ".join(alarm_names))
        names.setWordWrap(True)
        warning = QLabel(tr("The alarm will not annunciate until it is returned to service "
                            "from the \"Shelved / out of service\" tab."))
        warning.setWordWrap(True)
        warning.setObjectName("dim")
        form = QFormLayout(self)
        form.addRow(names)
        form.addRow(tr("Reason"), self.reason)
        form.addRow(warning)
        form.addRow(self._buttons())
