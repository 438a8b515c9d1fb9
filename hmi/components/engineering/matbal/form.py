"""The form and the history table read into a :class:`~.job.Job` (the checks of a run).

Errors are ``ValueError`` naming the field or the table row (row 0 = the initial survey),
shown to the user as they are.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from domain.engineering import matbal as mb

from .history import HistoryTable
from .inputs import AQUIFER_NAMES, FIELDS, AquiferKind, GasCapMode, Kind, parse_ratios, parse_rows
from .job import Job
from .number_text import parse_number, sig


class MatbalForm:
    """Reads the form and the history table into a :class:`Job`, checking every field with
    a message that names it. Kept apart from the state and its events
    (:class:`~hmi.components.engineering.matbal.model.MatbalModel`), which it reads."""

    kind: Kind
    tables: dict[Kind, HistoryTable]
    texts: dict[str, str]
    gas_cap: GasCapMode
    aquifer: dict[Kind, AquiferKind]
    radius_ratios: str
    exclude: str
    example_name: str
    revision: int

    @property
    def table(self) -> HistoryTable:
        return self.tables[self.kind]

    # -- numbers of the form -------------------------------------------------------------

    def number(self, key: str) -> float | None:
        """The value of field ``key`` in domain units; ``ValueError`` naming the field."""
        f = FIELDS[key]
        text = self.texts.get(key, "")
        try:
            v = parse_number(text)
        except ValueError:
            raise ValueError(f"{f.caption}: {text.strip()!r} is not a number") from None
        if v is None:
            if f.required:
                raise ValueError(f"{f.caption}: a value is required")
            return None
        if f.lo is not None and v < f.lo:
            raise ValueError(f"{f.caption}: must be >= {f.lo:g}, got {v:g}")
        if f.hi is not None and not v < f.hi:
            raise ValueError(f"{f.caption}: must be below {f.hi:g}, got {v:g}")
        return v * f.scale

    def _positive(self, key: str) -> float:
        v = self.number(key)
        assert v is not None
        if not v > 0.0:
            raise ValueError(f"{FIELDS[key].caption}: must be > 0")
        return v

    # -- the run -------------------------------------------------------------------------

    def _aquifers(self, kind: AquiferKind) -> list[Any]:
        if kind == "none":
            return []
        c = self._positive("aquifer_constant")
        if kind == "pot":
            return [mb.PotAquifer(c)]
        if kind == "fetkovich":
            return [mb.FetkovichAquifer(c, self._positive("aquifer_j"))]
        td = self._positive("td_per_day")
        cls = mb.CarterTracyAquifer if kind == "carter_tracy" else mb.VanEverdingenHurstAquifer
        return [cls(c, td, red) for red in parse_ratios(self.radius_ratios)]

    def prepare(self) -> Job:
        """Check the form and the table and copy them into a :class:`Job` (cheap)."""
        table = self.table
        if len(table) < 3:
            raise ValueError(f"History table: {len(table)} row(s); the material balance needs "
                             "the initial survey and at least two more")
        hist: dict[str, np.ndarray] = {}
        for col in table.columns:
            arr = table.column_array(col.key)
            if arr is None:
                if col.required:
                    raise ValueError(f"History table, column {col.header}: required")
                continue
            hist[col.key] = arr
        exclude = parse_rows(self.exclude, len(table))
        aq_kind = self.aquifer[self.kind]
        aquifers = self._aquifers(aq_kind)
        if aquifers and aquifers[0].needs_time and "time_days" not in hist:
            raise ValueError(f"{AQUIFER_NAMES[aq_kind]}: needs the time column t [days] in "
                             "the history table")
        swi = self.number("swi")
        cw = self.number("cw")
        cf = self.number("cf")
        inputs: list[tuple[str, str]] = [
            ("Reservoir", "oil" if self.kind == "oil" else "gas"),
            ("Pressure steps", str(len(table))),
            ("Initial pressure", f"{sig(float(hist['pressure'][0]))} psia"),
        ]
        if self.example_name:
            inputs.append(("Data", self.example_name))
        params: dict[str, Any] = {"swi": swi, "cw": cw, "cf": cf, "exclude": exclude,
                                  "aquifer": aquifers or None}
        inputs += [(FIELDS["swi"].caption, sig(swi or 0.0, 3)),
                   (FIELDS["cw"].caption, sig((cw or 0.0) / 1e-6, 3)),
                   (FIELDS["cf"].caption, sig((cf or 0.0) / 1e-6, 3))]
        if self.kind == "oil":
            gas_cols = [k for k in ("cum_gas", "rs", "bg") if k in hist]
            if gas_cols and len(gas_cols) < 3:
                need = [table.columns[table.index(k)].header for k in ("cum_gas", "rs", "bg")
                        if k not in hist]
                raise ValueError(f"History table: Gp, Rs and Bg go together; fill "
                                 f"{', '.join(need)} or clear the other gas columns")
            pb = self.number("bubble_point")
            if pb is not None:
                inputs.append((FIELDS["bubble_point"].caption, sig(pb)))
                if not gas_cols:
                    below = np.flatnonzero(hist["pressure"] < pb)
                    if below.size:
                        k = int(below[0])
                        raise ValueError(
                            f"History table: row {k} is below the bubble point ({sig(pb)} "
                            "psia) but Gp, Rs and Bg are blank: enter the gas columns (or "
                            "fill the PVT from the correlation)")
            if self.gas_cap == "known":
                m = self.number("m")
                params["gas_cap_ratio"] = m
                inputs.append(("Gas cap", f"m = {sig(m or 0.0, 3)} (known)"))
            elif self.gas_cap == "fit":
                params["gas_cap_ratio"] = None
                inputs.append(("Gas cap", "m estimated"))
            else:
                params["gas_cap_ratio"] = 0.0
                inputs.append(("Gas cap", "none (m = 0)"))
        else:
            t = self.number("temperature")
            sg = self.number("gas_sg")
            pa = self.number("abandonment_pressure")
            za = self.number("abandonment_z")
            if "z" not in hist and "bg" not in hist and sg is None:
                raise ValueError("History table: the z column is blank; enter z, or Bg, or "
                                 "the gas specific gravity to compute z")
            if "z" not in hist and sg is None:
                raise ValueError("Gas gravity γg [air=1]: needed to compute the blank "
                                 "z column")
            params.update(temperature=t, gas_sg=sg, abandonment_pressure=pa,
                          abandonment_z=za)
            inputs.append((FIELDS["temperature"].caption, sig(t or 0.0)))
            if sg is not None:
                inputs.append((FIELDS["gas_sg"].caption, sig(sg, 3)))
            if pa is not None:
                inputs.append((FIELDS["abandonment_pressure"].caption, sig(pa)))
                if za is None and sg is None and not aquifers:
                    raise ValueError("z at abandonment: enter it, or the gas specific gravity "
                                     "to compute it")
            if za is not None:
                inputs.append((FIELDS["abandonment_z"].caption, sig(za, 4)))
        inputs.append(("Aquifer", AQUIFER_NAMES[aq_kind]))
        if aquifers:
            inputs.append((FIELDS["aquifer_constant"].caption,
                           sig(self.number("aquifer_constant") or 0.0)))
            if aq_kind == "fetkovich":
                inputs.append((FIELDS["aquifer_j"].caption, sig(self.number("aquifer_j")
                                                                 or 0.0)))
            if aq_kind in ("carter_tracy", "veh"):
                inputs.append((FIELDS["td_per_day"].caption,
                               sig(self.number("td_per_day") or 0.0)))
                inputs.append(("Outer radius ratio ra/ro", ", ".join(
                    "∞" if a.outer_radius_ratio is None else f"{a.outer_radius_ratio:g}"
                    for a in aquifers)))
        if exclude:
            inputs.append(("Rows left out of the fit", ", ".join(map(str, exclude))))
        return Job(self.kind, hist, params, inputs, self.revision)
