"""What a run takes and gives: the checked :class:`Job` (copied on the window's thread,
so the worker never reads the live form) and the :class:`Outcome` with the plots
(:class:`PlotSpec`) and tables the screen and the report both draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from domain.engineering import matbal as mb

from .inputs import Kind


@dataclass(frozen=True)
class Job:
    """Everything a run needs, checked and copied on the window's thread."""

    kind: Kind
    history: dict[str, np.ndarray]
    params: dict[str, Any]
    inputs: list[tuple[str, str]]  # for the report, formatted
    #: the model's edit count when the job was made: a result of older inputs is stale
    revision: int = 0


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    x: np.ndarray
    y: np.ndarray
    style: Literal["points", "hollow", "line", "dash"] = "line"
    color: int = 0  # index into the palette


@dataclass(frozen=True)
class PlotSpec:
    key: str
    title: str
    x_label: str
    y_label: str
    series: list[SeriesSpec]


@dataclass(frozen=True)
class Outcome:
    """A finished run: its job, the domain result and what is drawn and tabulated."""

    job: Job
    oil: mb.OilResult | None = None
    gas: mb.GasResult | None = None
    #: (label, formatted value) of the key results
    summary: list[tuple[str, str]] = field(default_factory=list)
    plots: list[PlotSpec] = field(default_factory=list)
    terms_header: list[str] = field(default_factory=list)
    terms_rows: list[list[object]] = field(default_factory=list)
    drive_header: list[str] = field(default_factory=list)
    drive_rows: list[list[object]] = field(default_factory=list)
    candidates: list[tuple[str, float, float, float]] = field(default_factory=list)

    @property
    def in_place(self) -> float:
        """OOIP (STB) or OGIP (scf)."""
        if self.oil is not None:
            return self.oil.ooip
        assert self.gas is not None
        return self.gas.ogip

    @property
    def warnings(self) -> tuple[str, ...]:
        r = self.oil if self.oil is not None else self.gas
        return r.warnings if r is not None else ()
