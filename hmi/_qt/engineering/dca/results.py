"""The results panel and title: EUR, reserves, parameters, uncertainty and fit statistics.
"""

from __future__ import annotations

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.dca.base import DcaTabBase
from hmi.components.engineering import dca as mdl
from hmi.components.engineering.dca import (
    fmt,
)


class DcaResultsMixin(DcaTabBase):
    """Shows the current curve's numbers beside the plots."""

    def _show_results(self) -> None:
        m = self.model
        c = m.curve
        if c is None or m.outcome is None:
            self.results.setText("")
            return
        name = m.outcome.subject.name(tr)
        label = mdl.model_label(m.outcome.options.model, tr)
        flag = (" <span style='color:#b03a2e'>· " + tr("edited by hand") + "</span>"
                if c.edited else "")
        fc, vu = c.forecast, m.volume_unit
        self.title.setText(
            f"{name} · {label}{flag}<br><span style='font-size: 13px; font-weight: 400'>"
            f"{tr('EUR')} <b style='font-size: 17px'>{fmt(m.vol(fc.eur))} {vu}</b>"
            f" &nbsp;·&nbsp; {tr('Remaining reserves')} <b>{fmt(m.vol(fc.remaining))} {vu}</b>"
            f" &nbsp;·&nbsp; {tr('Cumulative to date')} {fmt(m.vol(fc.cum_to_date))} {vu}"
            "</span>")

        def table(title: str, items: list[tuple[str, str]]) -> str:
            rows = "".join(f"<tr><td>{k}</td><td align='right'><b>{v}</b></td></tr>"
                           for k, v in items)
            return (f"<p style='margin:4px 0 2px 0; color:#1f4e9c'><b>{title}</b></p>"
                    f"<table cellspacing='0' cellpadding='1' width='100%'>{rows}</table>")

        html = table(tr("Forecast and reserves"), m.key_results()[:5])
        html += table(tr("Parameters (edited by hand)") if c.edited else tr(
            "Fitted parameters"), m.param_items())
        if m.bands is not None:
            html += table(tr("Uncertainty"), m.bands_items()[:3])
        html += table(tr("Fit statistics"), m.stats_items())
        self.results.setText(html)
