"""The Decline curves tab (:class:`DcaTab`): pick wells (or a group, or a type well), fit a
decline, drag its parameters, forecast to the economic limit, EUR, remaining reserves and
P-bands. The state and every number live in :class:`hmi.components.engineering.dca.DcaModel`.

Where things are (the tab is one class put together from mixins, each a part of the screen):

- :mod:`.tab` — :class:`DcaTab`: wiring, retranslation and units, running fits and bootstraps;
- :mod:`.base` — :class:`DcaTabBase`, the widgets and state the mixins share;
- :mod:`.inputs` — small input widgets (spin boxes, date edits, compact combos);
- :mod:`.form` — the inputs column: wells, fit, parameters box, forecast, uncertainty;
- :mod:`.options` — the form read as fit/forecast options, enabling, reacting to edits;
- :mod:`.wells` — the well list and loading history from the edge;
- :mod:`.params` — the hand-editable parameter spin boxes;
- :mod:`.plots` — the rate-time and rate-cumulative plots, their axes and legends;
- :mod:`.handles` — the drag handles on the curve;
- :mod:`.results` — the title and results panel.
"""

from __future__ import annotations

from .tab import DcaTab

__all__ = ["DcaTab"]
