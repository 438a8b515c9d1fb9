"""CSV export: UTF-8 with BOM so spreadsheet programs on the engineers' PCs open Spanish text
and units (m³, °F) correctly; numbers with a dot and full precision (a CSV is for
recomputing, not for reading); several tables in one file are separated by a blank line and
a title row, the way spreadsheet users expect a multi-section export to look."""

from __future__ import annotations

import csv
import math
import numbers
from collections.abc import Sequence
from pathlib import Path

from hmi.reports.document import KeyValues, Report, Table


def _cell(v: object) -> object:
    if isinstance(v, numbers.Integral) and not isinstance(v, bool):
        return int(v)
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        v = float(v)
        return "" if math.isnan(v) else repr(float(v))
    return "" if v is None else v


def write_csv(path: Path | str, content: Report | Sequence[Table]) -> Path:
    """Write the tables (and key figures) of ``content``; returns the path written.

    The file is written beside and renamed into place, so a failed export never leaves a
    half-written file where an older good one was."""
    path = Path(path)
    if isinstance(content, Report):
        blocks: list[Table | KeyValues] = [
            b for b in content.blocks if isinstance(b, Table | KeyValues)]
        title = content.title
    else:
        blocks, title = list(content), ""
    tmp = path.with_name(path.name + ".part")
    try:
        _write(tmp, title, blocks)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return path


def _write(tmp: Path, title: str, blocks: list[Table | KeyValues]) -> None:
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        single = len(blocks) == 1 and isinstance(blocks[0], Table)
        if title and not single:
            w.writerow([title])
        for i, b in enumerate(blocks):
            if not single:
                if i or title:
                    w.writerow([])
                w.writerow([b.title])
            if isinstance(b, KeyValues):
                w.writerows([k, v] for k, v in b.items)
            else:
                w.writerow(list(b.header))
                w.writerows([_cell(c) for c in row] for row in b.rows)
