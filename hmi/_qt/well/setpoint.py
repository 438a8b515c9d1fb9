"""Setpoint write with select-before-operate: confirm (current and new value), select,
operate, show the read-back. The value typed is in display units and converted back to the
tag's engineering units before it is sent."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from hmi.api.client import ApiClient
from hmi.api.errors import ApiError, ConnectionLost, NotAvailable
from hmi.components.units import UnitsModel


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def confirm_write(parent: QWidget, tag: str, current: str, new: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, tr("Confirm setpoint change"),
                      tr("Change %1\nfrom: %2\nto: %3\n\nThe edge will check the value and "
                         "report what the device reads back.")
                      .replace("%1", tag).replace("%2", current).replace("%3", new),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


async def write_setpoint(client: ApiClient, units: UnitsModel, tag: str, source_units: str,
                         shown_value: float, language: str) -> str:
    """Select, operate, read back; returns the text for the operator (never raises)."""
    value = units.to_source(shown_value, source_units)
    try:
        selection = await client.select(tag, value)
    except NotAvailable:
        return tr("This edge does not offer setpoint writes yet (select-before-operate "
                  "is not in its API): nothing was sent.")
    except ApiError as exc:
        return tr("Refused at select: %1").replace("%1", exc.text(language))
    except ConnectionLost:
        return tr("No link to the edge: nothing was sent.")
    try:
        result = await client.operate(tag, selection, value)
    except ApiError as exc:
        await client.cancel(tag, selection)
        return tr("Refused at operate: %1").replace("%1", exc.text(language))
    except ConnectionLost:
        return tr("Link lost during the write: check the read-back value before retrying.")
    if result.read_back is None:
        return tr("Written; no read-back value yet (quality %1)").replace("%1", result.quality)
    shown = units.convert(result.read_back, source_units)
    return tr("Written. Device reads back %1 %2").replace("%1", f"{shown:.2f}") \
        .replace("%2", units.units(source_units))
