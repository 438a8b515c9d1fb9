"""Alarm flood detection per area, over a rolling window of annunciation times.

A flood is more alarms than an operator can handle: ISA-18.2 and EEMUA 191 put the start at more
than 10 alarms annunciated in 10 minutes. It ends, as commonly applied in ISA-18.2 performance
monitoring, when the count in the trailing 10 minutes falls below 5; the gap between start and end
thresholds is hysteresis so one flood is not counted as many. Target: in flood < 1 % of the time.

Counts are per area key chosen by the caller (usually an operator console's span of control);
:func:`area_levels` turns "Campo/PAD-A/W01" into every enclosing level so one activation can be
counted at the well, pad and field levels. Only annunciated alarms count (see
``Transition.annunciates``): shelved or suppressed alarms are not in front of the operator.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

FLOOD_THRESHOLD = 10
"""Flood starts when the trailing-window count exceeds this."""
FLOOD_CLEAR_BELOW = 5
"""Flood ends when the trailing-window count falls below this."""
FLOOD_WINDOW_S = 600.0


@dataclass(frozen=True, slots=True)
class FloodChange:
    """An area entered (``in_flood``) or left a flood at ``ts`` with ``count`` alarms in window."""

    area: str
    ts: float
    in_flood: bool
    count: int


def area_levels(area: str, sep: str = "/") -> list[str]:
    """``"Campo/PAD-A/W01"`` → ``["Campo", "Campo/PAD-A", "Campo/PAD-A/W01"]``."""
    parts = [p for p in area.split(sep) if p]
    return [sep.join(parts[: i + 1]) for i in range(len(parts))]


class FloodDetector:
    """Rolling-window alarm counter raising and clearing a flood condition per area.

    A window holds the activations with ``ts > now - window_s``. Times within one area may arrive
    slightly out of order (they are kept sorted) but the detector's notion of ``now`` only moves
    forward.
    """

    def __init__(
        self,
        threshold: int = FLOOD_THRESHOLD,
        clear_below: int = FLOOD_CLEAR_BELOW,
        window_s: float = FLOOD_WINDOW_S,
    ) -> None:
        if threshold < 1:
            raise ValueError("threshold must be >= 1")
        if not 1 <= clear_below <= threshold + 1:
            raise ValueError("clear_below must be between 1 and threshold + 1")
        if not math.isfinite(window_s) or window_s <= 0:
            raise ValueError("window_s must be > 0")
        self.threshold = threshold
        self.clear_below = clear_below
        self.window_s = window_s
        self._times: dict[str, list[float]] = {}
        self._flooding: dict[str, bool] = {}
        self._now = -math.inf

    def record(self, area: str, ts: float) -> list[FloodChange]:
        """Count one annunciated alarm of ``area`` at ``ts``; returns flood starts/ends.

        Expired activations are dropped first (which may end floods, at their exact end time);
        then the new one is counted and may start a flood at ``ts``.
        """
        if not math.isfinite(ts):
            raise ValueError("ts must be finite")
        changes = self.tick(ts)
        times = self._times.setdefault(area, [])
        if ts > self._now - self.window_s:
            bisect.insort(times, ts)
        if not self._flooding.get(area, False) and len(times) > self.threshold:
            self._flooding[area] = True
            changes.append(FloodChange(area, ts, True, len(times)))
        return changes

    def tick(self, now: float) -> list[FloodChange]:
        """Let time pass: drop activations that left the window, ending floods that fell below
        ``clear_below``. The end is stamped with the moment the count actually dropped."""
        if now < self._now:
            now = self._now  # never move the window backwards
        self._now = now
        changes: list[FloodChange] = []
        horizon = now - self.window_s
        for area, times in self._times.items():
            while times and times[0] <= horizon:
                dropped = times.pop(0)
                if self._flooding.get(area, False) and len(times) < self.clear_below:
                    self._flooding[area] = False
                    changes.append(FloodChange(area, dropped + self.window_s, False, len(times)))
        changes.sort(key=lambda c: (c.ts, c.area))
        return changes

    def count(self, area: str) -> int:
        """Activations of ``area`` in the window as of the last ``record``/``tick``."""
        return len(self._times.get(area, ()))

    def in_flood(self, area: str) -> bool:
        return self._flooding.get(area, False)

    def flooding_areas(self) -> list[str]:
        return sorted(a for a, f in self._flooding.items() if f)
