"""Showing the history and the outcome: excluded rows, the data label, the plots and the
summary panel.
"""

from __future__ import annotations

import html

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.matbal.base import MatbalTabBase
from hmi.components.engineering import matbal as m


class MatbalResultsMixin(MatbalTabBase):
    """Shows the model's history and outcome."""

    def _excluded_rows(self) -> set[int]:
        try:
            return set(m.parse_rows(self.model.exclude, len(self.model.table)))
        except ValueError:
            return set()

    def _history_changed(self, kind: str) -> None:
        if kind == self.model.kind and self.table_model.table is not self.model.table:
            self.table_model.set_table(self.model.table)
        self._sync_form()
        self._update_data_label()

    def _update_data_label(self) -> None:
        name = self.model.example_name
        n = len(self.model.table)
        text = tr("%1 pressure steps").replace("%1", str(n))
        if name:
            text = f"{tr(name)} · {text}"
        self.data_label.setText(text)

    def _show_outcome(self, outcome: m.Outcome | None) -> None:
        plots = {p.key: p for p in outcome.plots} if outcome is not None else {}
        first = outcome.plots[0] if outcome is not None else None
        self._draw(self.main_plot, first)
        for i, (key, w) in enumerate(self.side_plots.items()):
            spec = plots.get(key)
            self._draw(w, spec if spec is not first else None)
            self.side_tabs.setTabVisible(i, spec is not None and spec is not first)
        self.summary.setText(self._summary_html(outcome))
        self._update_data_label()

    def _summary_html(self, out: m.Outcome | None) -> str:
        if out is None:
            return "<p style='color:#5a5a5a'>" + html.escape(
                tr("Enter the history and press Run.")) + "</p>"
        head, *rest = out.summary
        parts = []
        if self.model.stale:
            parts.append("<p style='color:#b9770e'><b>" + html.escape(
                tr("Inputs changed: press Run to update.")) + "</b></p>")
        value, _, err = head[1].partition(" ± ")
        parts.append(f"<div style='font-size:11pt; font-weight:600; color:#1f4e9c'>"
                     f"{html.escape(tr(head[0]))}</div>"
                     f"<div style='font-size:18pt; font-weight:700'>{html.escape(value)}"
                     + (f" <span style='font-size:10pt; font-weight:400; color:#4d4d4d'>"
                        f"± {html.escape(err)}</span>" if err else "") + "</div>")
        rows = "".join(
            f"<tr><td colspan='2' style='color:#4d4d4d'>{html.escape(tr(k))}</td></tr>"
            f"<tr><td colspan='2' align='right'><b>{html.escape(tr(v))}</b></td></tr>"
            if len(tr(v)) > 22 else
            f"<tr><td style='color:#4d4d4d; padding-right:8px'>{html.escape(tr(k))}</td>"
            f"<td align='right'><b>{html.escape(tr(v))}</b></td></tr>" for k, v in rest)
        parts.append(f"<table cellspacing='0' cellpadding='2' width='100%'>{rows}</table>")
        if len(out.candidates) > 1:
            unit = "STB" if out.job.kind == "oil" else "scf"
            items = "".join(
                f"<tr><td>{html.escape(_short(d))}</td><td align='right'>"
                f"{html.escape(m.volume(v, unit))}</td><td align='right'>{m.sig(rms, 3)}</td>"
                "</tr>" for d, v, _s, rms in out.candidates)
            parts.append("<p style='margin-top:8px'><b>" + html.escape(
                tr("Aquifer candidates (best first)")) + "</b></p>"
                f"<table cellspacing='0' cellpadding='1' width='100%'><tr><th align='left'>"
                f"</th><th align='right'>{html.escape(tr('In place'))}</th>"
                f"<th align='right'>{html.escape(tr('RMS [rb]'))}</th></tr>{items}</table>")
        for w in out.warnings:
            parts.append(f"<p style='color:#b03a2e'>⚠ {html.escape(w)}</p>")
        return "".join(parts)


def _short(describe: str) -> str:
    """``van Everdingen-Hurst, r_a/r_o = 5, U = ...`` → ``r_a/r_o = 5`` for the candidates."""
    parts = [p.strip() for p in describe.split(",")]
    return parts[1] if len(parts) > 2 else describe
