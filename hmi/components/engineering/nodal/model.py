"""The nodal tab's state: the inputs, the last base run and the last sensitivity family,
with the ``changed`` event the widget redraws on. The text, tables and report of a run
are :mod:`.summary`'s and :mod:`.report`'s.
"""

from __future__ import annotations

from hmi.components.events import Event
from hmi.components.units import UnitsModel

from .display import Display
from .inputs import NodalInputs
from .report import NodalReport
from .runs import NodalRun, SensitivityRun
from .well import Well, build_well, parse_values


class NodalModel(NodalReport):
    """The tab's state: inputs, the last base run and the last sensitivity family.

    ``changed`` fires after results are applied (the widget redraws).
    """

    def __init__(self, units: UnitsModel | None = None) -> None:
        self.inputs = NodalInputs()
        self.display = Display(units or UnitsModel())
        self.run: NodalRun | None = None
        self.sensitivity: SensitivityRun | None = None
        self.changed = Event()

    # jobs ----------------------------------------------------------------------------------

    def prepare(self, inputs: NodalInputs | None = None) -> Well:
        """Validate (raises :class:`InputError`) and keep the inputs."""
        inp = inputs or self.inputs
        well = build_well(inp)
        self.inputs = inp
        return well

    def prepare_sensitivity(self, inputs: NodalInputs | None = None
                            ) -> tuple[Well, tuple[float, ...]]:
        well = self.prepare(inputs)
        return well, parse_values(well.inputs)

    def apply_run(self, run: NodalRun) -> None:
        self.run = run
        self.sensitivity = None  # a family of other inputs would mislead
        self.changed.emit()

    def apply_sensitivity(self, sens: SensitivityRun) -> None:
        self.run = sens.base
        self.sensitivity = sens
        self.changed.emit()
