"""CSV import/export of daily production: strict parsing, every problem named by line and
column, and a round trip."""

from __future__ import annotations

import io
from datetime import date

import pytest

from domain.production import DailyProduction, Source
from engine.production.csvio import CsvError, read_csv, write_csv

GOOD = """\
well,day,oil_bbl,water_bbl,gas_mscf,hours_on
W01,2024-01-01,812.5,1510,402.7,24
W01,2024-01-02,0,0,0,0
W02,2024-01-01,120,,,
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(CsvError) as info:
        read_csv(text)
    return [str(e) for e in info.value.errors]


def test_a_good_file_reads_with_unknowns_as_none() -> None:
    rows = read_csv("\ufeff" + GOOD.replace("well,day", "Well , DAY"))
    assert len(rows) == 3 and all(r.source is Source.IMPORT for r in rows)
    assert rows[0] == DailyProduction("W01", date(2024, 1, 1), 812.5, 1510.0, 402.7, 24.0,
                                      None, Source.IMPORT)
    assert (rows[2].water_bbl, rows[2].gas_mscf, rows[2].hours_on) == (None, None, None)
    # Optional columns may be left out; columns in any order; blank lines are skipped.
    rows = read_csv("day,oil_bbl,well\n2024-01-01,5,W09\n\n", origin=Source.MANUAL)
    assert rows[0].well == "W09" and rows[0].source is Source.MANUAL


@pytest.mark.parametrize(("line", "expected"), [
    ("W01,2024-13-01,1,1,1,24", "line 3, day: '2024-13-01' is not a valid date"),
    ("W01,01/02/2024,1,1,1,24", "line 3, day: '01/02/2024' is not a date in YYYY-MM-DD form"),
    ("W01,2024-01-03,-5,1,1,24", "line 3, oil_bbl: must not be negative (got -5)"),
    ("W01,2024-01-03,1,1,1,30", "line 3, hours_on: must be at most 25 hours (got 30)"),
    ("W01,2024-01-03,\"1,5\",1,1,24", "line 3, oil_bbl: '1,5' is not a number"),
    ("W01,2024-01-03,1e999,1,1,24", "line 3, oil_bbl: '1e999' is too large"),
    ("W01,2024-01-03,1,1,1", "line 3: 5 fields, the header has 6"),
    (",2024-01-03,1,1,1,24", "line 3, well: empty"),
    ("W01,2024-01-01,1,1,1,24", "line 3, day: W01 2024-01-01 is already on line 2"),
])
def test_bad_rows_are_named_by_line_and_column(line: str, expected: str) -> None:
    text = "well,day,oil_bbl,water_bbl,gas_mscf,hours_on\nW01,2024-01-01,1,1,1,24\n" + line
    found = errors_of(text + "\n")
    assert len(found) == 1 and found[0].startswith(expected), found


def test_header_problems_and_many_errors() -> None:
    assert errors_of("") == [
        "line 1: the file is empty: a header line is needed "
        "(well,day,oil_bbl,water_bbl,gas_mscf,hours_on)"]
    found = errors_of("well,day,oil,water_bbl,water_bbl\n")
    assert "line 1, oil: unknown column" in found[0]
    assert "line 1, water_bbl: column given twice" in found
    assert "line 1, oil_bbl: required column missing" in found
    many = "well,day,oil_bbl\n" + "".join(f"W01,2024-01-{d:02d},-1\n" for d in range(1, 29))
    many += "".join(f"W02,2024-01-{d:02d},-1\n" for d in range(1, 29))
    with pytest.raises(CsvError) as info:
        read_csv(many)
    assert len(info.value.errors) == 50 and info.value.more
    assert str(info.value).endswith("... and more (only the first 50 are shown)")


def test_export_reimports_identically() -> None:
    rows = read_csv(GOOD)
    out = io.StringIO()
    assert write_csv(rows, out) == 3
    assert out.getvalue().splitlines()[0] == "well,day,oil_bbl,water_bbl,gas_mscf,hours_on"
    assert read_csv(out.getvalue()) == rows
    full = io.StringIO()
    write_csv(rows, full, full=True)
    assert full.getvalue().splitlines()[1] == "W01,2024-01-01,812.5,1510,402.7,24,,import"
