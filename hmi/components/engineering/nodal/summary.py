"""The last run as text for the screen and the report: the operating point (or why there is
none), the key results, the sensitivity rows and the inputs, formatted with units.
"""

from __future__ import annotations

from .display import Display, fin, fmt
from .inputs import CORRELATION_NAMES, field_labels, variable_short
from .runs import NodalRun, SensitivityRun
from .translate import tr


class NodalSummary:
    """What the last run says in words and rows, in display units: the operating point,
    the key results, the sensitivity table and the inputs. The state it reads is
    :class:`~hmi.components.engineering.nodal.model.NodalModel`'s."""

    display: Display
    run: NodalRun | None
    sensitivity: SensitivityRun | None

    # text ----------------------------------------------------------------------------------

    def dead_message(self) -> str:
        run = self.run
        assert run is not None
        p = fmt(self.display.p(run.inputs.thp_psia))
        return (tr("No operating point: the well cannot flow at this THP (%1 %2); the VLP "
                   "lies above the IPR at every rate. Lower the wellhead pressure, add lift "
                   "(ESP, gas lift) or check the inputs.")
                .replace("%1", p).replace("%2", self.display.pu))

    def operating_text(self) -> str:
        """One line for the screen and the report."""
        if self.run is None:
            return ""
        op = self.run.result.operating_point
        if op is None:
            return self.dead_message()
        d = self.display
        return (tr("Operating point: q = %1 %2, pwf = %3 %4")
                .replace("%1", fmt(d.q(op.rate_stb_d))).replace("%2", d.qu)
                .replace("%3", fmt(d.p(op.pwf_psia))).replace("%4", d.pu))

    def result_items(self) -> list[tuple[str, str]]:
        """Key results, label → formatted value with units."""
        run = self.run
        if run is None:
            return []
        d = self.display
        op = run.result.operating_point
        items: list[tuple[str, str]] = []
        if op is None:
            items.append((tr("Operating point"), tr("none (the well is dead at this THP)")))
        else:
            items += [
                (tr("Liquid rate"), f"{fmt(d.q(op.rate_stb_d))} {d.qu}"),
                (tr("Oil rate"), f"{fmt(d.q(op.rate_stb_d * (1 - run.inputs.water_cut_pct / 100)))}"
                                 f" {d.qu}"),
                (tr("Flowing bottomhole pressure"), f"{fmt(d.p(op.pwf_psia))} {d.pu}"),
                (tr("Drawdown"),
                 f"{fmt(d.units.convert_delta(run.inputs.pr_psia - op.pwf_psia, 'psi'))} {d.pu}"),
            ]
        unstable = [p for p in run.result.intersections if not p.stable]
        if unstable:
            items.append((tr("Unstable intersection (heading)"),
                          f"{fmt(d.q(unstable[0].rate_stb_d))} {d.qu}"))
        items.append((tr("Absolute open flow"), f"{fmt(d.q(run.well.ipr.qmax_stb_d))} {d.qu}"))
        return items

    def sensitivity_rows(self) -> list[list[object]]:
        """value, q, pwf (display units) per case; None where the well is dead."""
        s = self.sensitivity
        if s is None:
            return []
        d = self.display
        rows: list[list[object]] = []
        for c in s.cases:
            op = c.operating_point
            rows.append([d.value(s.variable, c.value),
                         None if op is None else float(d.q(op.rate_stb_d)),
                         None if op is None else float(d.p(op.pwf_psia))])
        return rows

    def sensitivity_header(self) -> list[str]:
        s = self.sensitivity
        if s is None:
            return []
        d = self.display
        return [f"{variable_short(s.variable)} ({d.value_unit(s.variable)})",
                f"{tr('Liquid rate')} ({d.qu})", f"pwf ({d.pu})"]

    def input_items(self) -> list[tuple[str, str]]:
        """The inputs of the last run, formatted with units (for the report)."""
        run = self.run
        assert run is not None
        i = run.inputs
        d = self.display
        lab = field_labels()
        items = [
            (lab["pr_psia"], f"{fin(d.p(i.pr_psia))} {d.pu}"),
            (lab["t_res_degf"], f"{fin(d.t(i.t_res_degf))} {d.tu}"),
            *run.well.ipr_summary,
        ]
        if i.ipr_source == "test":
            items += [(lab["test_q_stb_d"], f"{fin(d.q(i.test_q_stb_d))} {d.qu}"),
                      (lab["test_pwf_psia"], f"{fin(d.p(i.test_pwf_psia))} {d.pu}")]
        items += [
            (lab["api"], f"{i.api:g} °API"), (lab["gas_sg"], f"{i.gas_sg:g}"),
            (lab["gor_scf_stb"], f"{i.gor_scf_stb:g} scf/STB"),
            (lab["water_cut_pct"], f"{i.water_cut_pct:g} %"),
            (lab["water_sg"], f"{i.water_sg:g}"),
            (lab["md_ft"], f"{fin(d.d(i.md_ft))} {d.du}"),
            (lab["tvd_ft"], f"{fin(d.d(i.tvd_ft))} {d.du}"),
            (lab["tubing_id_in"], f"{i.tubing_id_in:g} in"),
            (lab["roughness_in"], f"{i.roughness_in:g} in"),
            (lab["twh_degf"], f"{fin(d.t(i.twh_degf))} {d.tu}"),
            (tr("VLP correlation"), CORRELATION_NAMES[i.correlation]),
            (lab["thp_psia"], f"{fin(d.p(i.thp_psia))} {d.pu}"),
        ]
        if i.esp:
            items += [(tr("ESP"), tr("%1 stages at %2 %3, %4 Hz")
                       .replace("%1", str(i.pump_stages)).replace("%2", fmt(d.d(i.pump_md_ft)))
                       .replace("%3", d.du).replace("%4", f"{i.pump_hz:g}"))]
        return items
