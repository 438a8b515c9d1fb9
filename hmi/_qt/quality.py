"""How a reading is written on screen: number, units, quality marker and the tooltip reason.
One function, so the tile, the faceplate and the table never disagree."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hmi.components.tag_values import Reading
from hmi.components.units import UnitsModel


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def quality_reason(q: str) -> str:
    reasons = {
        "GOOD": tr("Good"),
        "UNCERTAIN": tr("Uncertain: the device flags this value as doubtful"),
        "STALE": tr("Stale: not updated within its limit"),
        "BAD_COMM": tr("Bad: no communication with the device"),
        "BAD_CONFIG": tr("Bad: configuration error"),
        "NO_VALUE": tr("No value: never read"),
        "LINK_LOST": tr("No link to the edge: last known value"),
    }
    return reasons.get(q, q)


def format_number(value: float, digits: int = 1) -> str:
    if abs(value) >= 10000:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.{digits}f}"


def format_reading(r: Reading, source_units: str, units: UnitsModel,
                   digits: int = 1) -> tuple[str, str]:
    """(text, tooltip). A suspect value keeps its number (operators need the last known
    value) but always carries its marker; a missing value is a dash, never zero."""
    unit_text = units.units(source_units)
    if r.value is None:
        text = f"{r.marker or '—'} {unit_text}".strip()
    else:
        number = format_number(units.convert(r.value, source_units), digits)
        text = f"{number} {unit_text}".strip()
        if r.marker:
            text = f"{r.marker} {text}"
    tip = quality_reason(r.shown_quality)
    if r.ts is not None:
        tip += "\n" + tr("Read at") + f" {r.ts.astimezone():%H:%M:%S}"
    if not r.shown_good and r.good_ts is not None:
        tip += "\n" + tr("Last good") + f" {r.good_ts.astimezone():%Y-%m-%d %H:%M:%S}"
    return text, tip
