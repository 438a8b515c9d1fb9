"""The results under the plots: the operating point, the result table and the sensitivity
table.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QTableWidgetItem,
)

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.nodal.base import NodalTabBase
from hmi._qt.engineering.nodal.plots import OP_COLOR
from hmi.components.engineering import nodal as nm


class NodalResultsMixin(NodalTabBase):
    """Fills the operating-point text, the results and the sensitivity table."""

    def _fill_results(self) -> None:
        m = self.model
        run = m.run
        if run is None:
            self.op_label.setText("")
            self.results.setText("")
            self._fill_table()
            return
        op = run.result.operating_point
        self.op_label.setText(m.operating_text())
        self.op_label.setStyleSheet("color: #b03a2e;" if op is None else "color: #1f4e9c;")
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td style='padding-left:24px' align='right'>"
            f"<b>{html.escape(v)}</b></td></tr>" for k, v in m.result_items())
        self.results.setText(f"<table cellspacing='0' cellpadding='1'>{rows}</table>")
        self._fill_table()

    def _fill_table(self) -> None:
        m = self.model
        s = m.sensitivity
        if s is None:
            self.table_title.setText(tr("Sensitivity: choose a parameter and values on the "
                                        "left, then Run sensitivity"))
            self.table.setRowCount(0)
            self.table.setHorizontalHeaderLabels(["", "", ""])
            return
        self.table_title.setText(tr("Sensitivity: %1").replace("%1",
                                                              nm.variable_label(s.variable)))
        self.table.setHorizontalHeaderLabels(m.sensitivity_header())
        rows = m.sensitivity_rows()
        self.table.setRowCount(len(rows))
        for r, (v, q, p) in enumerate(rows):
            texts = [f"{float(v):.4g}",  # type: ignore[arg-type]
                     tr("no flow") if q is None else nm.fmt(float(q)),  # type: ignore[arg-type]
                     "—" if p is None else nm.fmt(float(p))]  # type: ignore[arg-type]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if q is None:
                    item.setForeground(pg.mkColor(OP_COLOR))
                self.table.setItem(r, c, item)
