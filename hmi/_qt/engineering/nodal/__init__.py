"""The inflow/outflow (nodal analysis) tab (:class:`NodalTab`): IPR and VLP curves, the
operating point, a pressure traverse at it, and sensitivity families. The numbers come from
:mod:`hmi.components.engineering.nodal` (Qt-free).

Where things are (the tab is one class put together from mixins, each a part of the screen):

- :mod:`.tab` — :class:`NodalTab`: wiring, running the base case and sensitivities, units and
  language;
- :mod:`.base` — :class:`NodalTabBase`, the widgets and state the mixins share;
- :mod:`.specs` — the numeric inputs (:class:`Spec`, :data:`SPECS`), SI unit labels, tooltips;
- :mod:`.form` — the inputs column, its labels and which rows show;
- :mod:`.inputs` — the form to and from ``NodalInputs``, marking a field in error;
- :mod:`.plots` — the body layout, the IPR/VLP plot and the traverse and holdup plots;
- :mod:`.results` — the operating point, results and sensitivity table.
"""

from __future__ import annotations

from .specs import ERROR_STYLE
from .tab import NodalTab

__all__ = ["ERROR_STYLE", "NodalTab"]
