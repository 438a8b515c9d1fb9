"""Alarm definitions shared by the alarm tests."""

from __future__ import annotations

from typing import Any

from domain.alarms.definitions import AlarmDef, AlarmKind, Priority


def hi_alarm(**overrides: Any) -> AlarmDef:
    """A HI temperature alarm at 120 °C with a 2 °C deadband, no delays, not latched."""
    fields: dict[str, Any] = {
        "name": "W01.ESP.TEMP.HI",
        "tag": "W01.ESP.TEMP",
        "kind": AlarmKind.HI,
        "priority": Priority.HIGH,
        "area": "Campo/PAD-A/W01",
        "limit": 120.0,
        "deadband": 2.0,
        "message": "ESP motor temperature high",
        "consequence": "Motor insulation damage, ESP failure",
        "response": "Reduce frequency; check intake pressure and cooling flow",
    }
    fields.update(overrides)
    return AlarmDef(**fields)
