"""Reports: the PDF holds the text and numbers it was given (read back with pypdf), renders
charts with gaps, log axes and empty series without failing, and is written atomically; the
CSV round-trips full-precision numbers and Spanish text."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from hmi.reports import Chart, KeyValues, Note, Report, Series, Table, write_csv, write_pdf
from hmi.reports.pdf import fmt


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def sample() -> Report:
    t = np.linspace(0.0, 1000.0, 50)
    q = 900.0 * np.exp(-t / 700.0)
    q_gappy = q.copy()
    q_gappy[10:15] = np.nan
    return Report(
        "Análisis de declinación — POZO-07", "Hiperbólica",
        meta=[("Sitio", "Campo Norte")],
    ).add(
        KeyValues("Resultados", [("EUR (m³)", "123.456"), ("Di (%/año)", "41,7")]),
        Chart("Caudal", "Fecha", "bbl/d", [Series("Historia", t + 19000, q_gappy, "points"),
                                             Series("Ajuste", t + 19000, q),
                                             Series("P90", t + 19000, -q, "dash")],
              y_log=True, x_dates=True),
        Chart("Vacío", "x", "y", [Series("nada", [], [])]),
        Note("Ajuste robusto (soft-L1); temperatura en °F."),
        Table("Pronóstico", ["Mes", "Caudal (bbl/d)"],
              [[f"m{i}", float(q[i])] for i in range(50)], pdf_max_rows=20),
    )


def test_pdf_contains_titles_figures_and_accents(tmp_path: Path) -> None:
    out = write_pdf(tmp_path / "r.pdf", sample())
    text = pdf_text(out)
    for expected in ("Análisis de declinación — POZO-07", "Campo Norte", "EUR (m³)",
                     "123.456", "°F", "Pronóstico", fmt(900.0)):
        assert expected in text, expected
    assert "20 / 50" in text  # a long table is cut in print and says where the rest is
    assert not (tmp_path / "r.pdf.part").exists()


def test_csv_round_trips_numbers_and_sections(tmp_path: Path) -> None:
    r = sample()
    out = write_csv(tmp_path / "r.csv", r)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Análisis de declinación — POZO-07"]
    i = rows.index(["Pronóstico"])
    assert rows[i + 1] == ["Mes", "Caudal (bbl/d)"]
    table = r.tables()[0]
    got = [float(x[1]) for x in rows[i + 2:i + 2 + 50]]
    assert got == [float(row[1]) for row in table.rows]  # type: ignore[arg-type]
    assert ["EUR (m³)", "123.456"] in rows


def test_csv_of_one_table_has_no_section_rows_and_blank_nan(tmp_path: Path) -> None:
    t = Table("t", ["a", "b"], [[np.float64(1.5), np.int64(2)], [math.nan, None]])
    out = write_csv(tmp_path / "t.csv", [t])
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert rows == [["a", "b"], ["1.5", "2"], ["", ""]]


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("previous", encoding="utf-8")

    class Boom:
        def __str__(self) -> str:  # fails mid-write, like a full disk
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_csv(path, [Table("t", ["a"], [[1.0], [Boom()]])])
    assert path.read_text(encoding="utf-8") == "previous"
    assert not path.with_name("r.csv.part").exists()


@pytest.mark.parametrize(("value", "text"), [
    (1234567.0, "1,234,567"), (0.000123, "1.230e-04"), (3.14159, "3.142"),
    (float("nan"), "—"), (0.0, "0"), (None, ""), ("x", "x")])
def test_print_format(value: object, text: str) -> None:
    assert fmt(value) == text
