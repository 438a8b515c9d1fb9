"""The alarm screens' table views (summary, suppressed, journal) set up alike: whole-row
selection, alternating rows, no wrapping, and one fixed row height (the view never asks
10,000 rows for their size); the caller says how the columns resize."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from hmi._qt.alarms.table_model import ICON_PX


def alarm_table(model: QAbstractItemModel, *, stretch: Iterable[int],
                columns: QHeaderView.ResizeMode = QHeaderView.ResizeMode.Interactive,
                sorting: bool = False) -> QTableView:
    """A table over ``model``: ``columns`` for every column, Stretch for those in
    ``stretch`` (the free texts share what the fixed ones leave)."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(sorting)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    vh = table.verticalHeader()
    vh.hide()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(max(vh.defaultSectionSize(), ICON_PX + 8))
    hh = table.horizontalHeader()
    hh.setSectionResizeMode(columns)
    for col in stretch:
        hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    return table
