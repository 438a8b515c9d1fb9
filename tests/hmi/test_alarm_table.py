"""The alarm table model: columns, sort by real values (not text), filter through the proxy."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hmi._qt.alarms.table_model import COLUMNS, AlarmFilterProxy, AlarmTableModel
from hmi.api.types import Alarm
from hmi.components.alarms import AlarmFilter, AlarmListModel


def make(name: str, prio: str, pv: int, hour: int, area: str, state: str = "unack") -> Alarm:
    return Alarm(name=name, tag=None, priority=prio, priority_value=pv, area=area, state=state,
                 condition_active=True, acknowledged=state == "acked", message=f"{name} text",
                 since=datetime(2026, 1, 1, hour, tzinfo=UTC))


def test_sort_and_filter(qtbot: QtBot) -> None:
    alarms = AlarmListModel()
    alarms.set_alarms([
        make("A", "low", 1, 3, "F/PAD-A/W01"), make("B", "critical", 4, 1, "F/PAD-B/W10"),
        make("C", "medium", 2, 2, "F/PAD-A/W02", "acked"), make("D", "high", 3, 4, "F/PAD-A/W03"),
    ])
    model = AlarmTableModel(alarms)
    proxy = AlarmFilterProxy()
    proxy.setSourceModel(model)
    assert model.columnCount() == len(COLUMNS) and model.rowCount() == 4

    def names() -> list[str]:
        return [proxy.alarm_at(r).name for r in range(proxy.rowCount())]

    proxy.sort(COLUMNS.index("priority"), Qt.SortOrder.DescendingOrder)
    assert names() == ["B", "D", "C", "A"]
    proxy.sort(COLUMNS.index("time"), Qt.SortOrder.AscendingOrder)
    assert names() == ["B", "C", "A", "D"]
    proxy.set_filter(AlarmFilter(area="F/PAD-A"))
    assert names() == ["C", "A", "D"]
    proxy.set_filter(AlarmFilter(area="F/PAD-A", state="unack"))
    assert names() == ["A", "D"]
    proxy.set_filter(AlarmFilter(priority="critical"))
    assert names() == ["B"]
    # the model follows the list: an acknowledged alarm changes its row in place
    alarms.replace_one(make("B", "critical", 4, 1, "F/PAD-B/W10", "acked"))
    assert proxy.alarm_at(0).state == "acked"
    state_col = COLUMNS.index("state")
    assert "acknowledged" in str(proxy.data(proxy.index(0, state_col)))
