"""The content of a report: plain data, no layout and no library types, so the screens and
the tests build them freely and every output format renders the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Style = Literal["line", "dash", "points"]


@dataclass(frozen=True)
class Series:
    """One curve or point set of a chart. NaN values break a line (nothing is drawn across
    a gap); on a log axis, values <= 0 are left out."""

    name: str
    x: Sequence[float]
    y: Sequence[float]
    style: Style = "line"
    color: str = ""  # "#rrggbb"; empty = the next colour of the palette


@dataclass(frozen=True)
class Chart:
    title: str
    x_label: str
    y_label: str
    series: Sequence[Series]
    x_log: bool = False
    y_log: bool = False
    #: x axis values are days since 1970-01-01 shown as dates
    x_dates: bool = False


@dataclass(frozen=True)
class KeyValues:
    """Key figures, label → formatted value (units in the label or the value)."""

    title: str
    items: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    #: a PDF shows at most this many rows (the CSV has them all) and says so
    pdf_max_rows: int = 60


@dataclass(frozen=True)
class Note:
    """A paragraph: assumptions, the correlation used, a warning."""

    text: str


Block = Chart | KeyValues | Table | Note


@dataclass
class Report:
    title: str
    subtitle: str = ""
    #: who, where, when: shown under the title (e.g. ("Site", "Campo Norte"))
    meta: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    created: datetime | None = None
    #: the report's footer: product and page numbers are added
    footer: str = ""

    def add(self, *blocks: Block) -> Report:
        self.blocks.extend(blocks)
        return self

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
