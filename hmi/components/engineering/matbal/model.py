"""The material balance window's state: kind, the two history tables, the form texts, the
drive choices and the last outcome, with the events the widget listens to.

Checking the form into a job is :mod:`.form`'s; running it is :mod:`.compute`'s.
"""

from __future__ import annotations

from domain.engineering.pvt import BlackOilFluid
from hmi.components.events import Event

from .compute import compute
from .examples import EXAMPLES
from .form import MatbalForm
from .history import GAS_COLUMNS, OIL_COLUMNS, HistoryTable, parse_history_csv
from .inputs import AquiferKind, GasCapMode, Kind
from .job import Outcome


class MatbalModel(MatbalForm):
    """The window's state: kind, two history tables (oil, gas), form texts, last outcome.

    Events: ``history_changed(kind)``, ``inputs_changed()``, ``outcome_changed(outcome|None)``.
    """

    def __init__(self) -> None:
        self.kind: Kind = "oil"
        self.tables: dict[Kind, HistoryTable] = {"oil": HistoryTable(OIL_COLUMNS),
                                                 "gas": HistoryTable(GAS_COLUMNS)}
        self.texts: dict[str, str] = {}
        self.gas_cap: GasCapMode = "none"
        self.aquifer: dict[Kind, AquiferKind] = {"oil": "none", "gas": "none"}
        self.radius_ratios = ""
        self.exclude = ""
        self.outcome: Outcome | None = None
        #: the inputs changed since the outcome was computed
        self.stale = False
        self.revision = 0
        self.example_name = ""
        self.history_changed = Event()
        self.inputs_changed = Event()
        self.outcome_changed = Event()
        for kind, t in self.tables.items():
            t.changed.connect(lambda k=kind: self._history_edited(k))
        defaults = {"swi": "0.2", "cw": "3", "cf": "4", "temperature": "200", "m": "0",
                    "aquifer_constant": "", "aquifer_j": "", "td_per_day": "",
                    "api": "35", "pvt_gas_sg": "0.75", "rsi": "650", "pvt_temperature": "200"}
        self.texts.update(defaults)

    # -- editing ---------------------------------------------------------------------------

    def _history_edited(self, kind: Kind) -> None:
        if kind == self.kind:
            self._mark_stale()
        self.history_changed.emit(kind)

    def _mark_stale(self) -> None:
        self.revision += 1
        if self.outcome is not None and not self.stale:
            self.stale = True
            self.outcome_changed.emit(self.outcome)

    def set_kind(self, kind: Kind) -> None:
        if kind != self.kind:
            self.kind = kind
            self.revision += 1
            self.outcome = None
            self.stale = False
            self.inputs_changed.emit()
            self.history_changed.emit(kind)
            self.outcome_changed.emit(None)

    def set_text(self, key: str, text: str) -> None:
        if self.texts.get(key) != text:
            self.texts[key] = text
            self._mark_stale()

    def set_gas_cap(self, mode: GasCapMode) -> None:
        if mode != self.gas_cap:
            self.gas_cap = mode
            self._mark_stale()
            self.inputs_changed.emit()

    def set_aquifer(self, kind: AquiferKind) -> None:
        if kind != self.aquifer[self.kind]:
            self.aquifer[self.kind] = kind
            self._mark_stale()
            self.inputs_changed.emit()

    def set_radius_ratios(self, text: str) -> None:
        if text != self.radius_ratios:
            self.radius_ratios = text
            self._mark_stale()

    def set_exclude(self, text: str) -> None:
        if text != self.exclude:
            self.exclude = text
            self._mark_stale()

    def import_csv(self, text: str) -> list[str]:
        """Replace the current table with a CSV's rows; on error nothing changes. Returns the
        CSV's ignored column names."""
        rows, ignored = parse_history_csv(text, self.table.columns)
        self.table.replace(rows)
        return ignored

    # -- PVT from a correlation ----------------------------------------------------------

    def fill_pvt_from_correlation(self) -> float:
        """Fill Bo, Rs, Bg, Bw of every oil row from a black-oil correlation (Standing; gas by
        DAK, water by McCain) at each row's pressure. Returns the bubble point (psia), also
        written to the form. ``ValueError`` on bad fields or an empty pressure column."""
        api = self._positive("api")
        sg = self._positive("pvt_gas_sg")
        rsi = self.number("rsi")
        t = self.number("pvt_temperature")
        assert rsi is not None and t is not None
        fluid = BlackOilFluid(api=api, gas_sg=sg, gor_scf_stb=rsi)
        table = self.tables["oil"]
        if not table.rows:
            raise ValueError("History table: enter the pressures first")
        pi = table.index("pressure")
        blank = [i for i, r in enumerate(table.rows) if r[pi] is None]
        if blank:
            raise ValueError(f"History table, column {table.columns[pi].header}: row "
                             f"{blank[0]} is blank")
        states = [fluid.at(float(r[pi]), t) for r in table.rows]  # type: ignore[arg-type]
        cols = {k: table.index(k) for k in ("bo", "rs", "bg", "bw")}
        rows = [list(r) for r in table.rows]
        for r, s in zip(rows, states, strict=True):
            r[cols["bo"]] = s.bo_rb_stb
            r[cols["rs"]] = s.rs_scf_stb
            r[cols["bg"]] = s.bg_rb_scf
            r[cols["bw"]] = s.bw_rb_stb
        table.replace(rows)
        pb = states[0].pb_psia
        self.set_text("bubble_point", f"{pb:.0f}")
        self.inputs_changed.emit()
        return pb

    # -- the run -------------------------------------------------------------------------

    def run_now(self) -> Outcome:
        """Prepare and compute on the calling thread (tests; the first, tiny example)."""
        out = compute(self.prepare())
        self.set_outcome(out)
        return out

    def set_outcome(self, outcome: Outcome) -> None:
        if outcome.job.kind != self.kind:
            return  # the user switched oil/gas while it ran
        self.outcome = outcome
        self.stale = outcome.job.revision != self.revision
        self.outcome_changed.emit(outcome)

    # -- examples ------------------------------------------------------------------------

    def load_example(self, key: str) -> None:
        ex = EXAMPLES[key]
        self.kind = ex.kind
        table = self.tables[ex.kind]
        rows = []
        n = len(next(iter(ex.columns.values())))
        for i in range(n):
            rows.append([ex.columns[c.key][i] if c.key in ex.columns else None
                         for c in table.columns])
        for k in ("bubble_point", "gas_sg", "abandonment_pressure", "abandonment_z"):
            self.texts[k] = ""
        self.texts.update(ex.texts)
        self.gas_cap = ex.gas_cap
        self.aquifer[ex.kind] = ex.aquifer
        self.radius_ratios = ex.radius_ratios
        self.exclude = ex.exclude
        self.example_name = ex.title
        self.outcome = None
        self.stale = False
        self.revision += 1
        table.replace(rows)
        self.inputs_changed.emit()
        self.outcome_changed.emit(None)
