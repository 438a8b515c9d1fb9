"""What the buttons do: add and remove history rows, load an example, import a CSV, fill PVT
columns, run the calculation (in the background).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
)

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.matbal.base import MatbalTabBase
from hmi.components.engineering import matbal as m
from hmi.components.engineering.jobs import Progress


class MatbalActionsMixin(MatbalTabBase):
    """The history and run actions."""

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


def _work(progress: Progress, job: m.Job) -> m.Outcome:
    return m.compute(job, progress)
