"""The PVT calculator tab (:class:`PvtTab`): a black-oil fluid's bubble point, its properties at
one pressure, and a table and plots of every property over a pressure range (the model is
:mod:`hmi.components.engineering.pvt`).

Where things are (the tab is one class put together from mixins, each a part of the screen):

- :mod:`.tab` — :class:`PvtTab`: wiring, language and units, calculating, export;
- :mod:`.base` — :class:`PvtTabBase`, the widgets and state the mixins share;
- :mod:`.fields` — the number fields (:data:`FIELD_DEFS`, :class:`NumberField`);
- :mod:`.table_model` — the pressure table's Qt model;
- :mod:`.form` — the inputs column and its labels;
- :mod:`.inputs` — the form to and from ``PvtInputs``, reacting to edits;
- :mod:`.plots` — the body layout and the property plots;
- :mod:`.results` — the table, banner and one-pressure values of a result.
"""

from __future__ import annotations

from .tab import PvtTab

__all__ = ["PvtTab"]
