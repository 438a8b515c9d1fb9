"""The drag handles on the rate plot: where they sit on the curve, which parameter each one
drives, and what dragging them does.
"""

from __future__ import annotations

import math

import numpy as np

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.dca.base import DcaTabBase

HANDLE_SCALE = ("qi", "q1")
HANDLE_BEND = ("di", "tau")


class DcaHandlesMixin(DcaTabBase):
    """The two handles (``scale``, ``bend``) that edit the curve by dragging."""

    def _handle_params(self) -> dict[str, str]:
        """Which parameter each handle drives for the current curve."""
        c = self.model.curve
        if c is None:
            return {}
        p = c.model.params
        out = {}
        scale = next((n for n in HANDLE_SCALE if n in p), None)
        bend = next((n for n in HANDLE_BEND if n in p), None)
        if scale:
            out["scale"] = scale
        if bend:
            out["bend"] = bend
        return out

    def _handle_days(self) -> dict[str, float]:
        """History-axis day of each handle: the curve's start and the end of the history."""
        o = self.model.outcome
        assert o is not None
        t0 = self.model.fit_days()[0]
        return {"scale": float(t0), "bend": float(o.subject.history.end)}

    def _place_handles(self) -> None:
        c, o = self.model.curve, self.model.outcome
        if c is None or o is None:
            return
        drives = self._handle_params()
        days = self._handle_days()
        self._placing = True
        try:
            for kind, h in self.handles.items():
                if kind not in drives:
                    h.hide()
                    continue
                t = days[kind]
                q = float(c.model.rate(t - o.result.origin)) * self.model.q(1.0)
                if not (q > 0 and math.isfinite(q)):
                    h.hide()
                    continue
                h.setPos(float(self._x(np.array([t]))[0]), math.log10(q))
                h.setToolTip(tr("Drag up or down: %1").replace("%1", drives[kind]))
                h.show()
        finally:
            self._placing = False

    def _handle_moved(self, kind: str) -> None:
        if self._placing:
            return
        c, o = self.model.curve, self.model.outcome
        drives = self._handle_params()
        if c is None or o is None or kind not in drives:
            return
        t = self._handle_days()[kind]
        y = self.handles[kind].pos().y()
        q = 10.0 ** y / self.model.q(1.0)
        try:
            self.model.drag_rate(drives[kind], t - o.result.origin, q)
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            self._place_handles()

    def drag_handle(self, kind: str, rate: float) -> None:
        """Move handle ``kind`` ("scale" or "bend") to ``rate`` (display units), as the
        mouse does (tests, keyboard users)."""
        h = self.handles[kind]
        h.setPos(h.pos().x(), math.log10(rate))
