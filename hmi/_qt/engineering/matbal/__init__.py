"""The material balance tab (:class:`MaterialBalanceTab`): history table in, OOIP/OGIP,
straight-line plots and drive indices out. The state and the calculation live in
:class:`hmi.components.engineering.matbal.MatbalModel`.

Where things are (the tab is one class put together from mixins, each a part of the screen):

- :mod:`.tab` — :class:`MaterialBalanceTab`: wiring, language, export;
- :mod:`.base` — :class:`MatbalTabBase`, the widgets and state the mixins share;
- :mod:`.table_model` — the history table's Qt model (:class:`HistoryTableModel`);
- :mod:`.form` — the inputs column, kept in step with the model;
- :mod:`.plots` — the body layout and drawing one plot;
- :mod:`.actions` — add/remove rows, examples, CSV import, PVT fill, run;
- :mod:`.results` — the history label, the plots and summary of an outcome.
"""

from __future__ import annotations

from .tab import MaterialBalanceTab

__all__ = ["MaterialBalanceTab"]
