"""Pure physics of the simulated field: no I/O, no clocks, only ``step(dt_s)``.

Each model is vectorised over all devices of its kind (numpy arrays, one element per well), so a
500-well field costs a handful of array operations per step, not 500 Python objects.
"""

from plugins.simulator.physics.base import DeviceGroup, UnknownEvent, UnknownSignal
from plugins.simulator.physics.esp import EspWells
from plugins.simulator.physics.facility import Facilities
from plugins.simulator.physics.gas_lift import GasLiftWells
from plugins.simulator.physics.rod_pump import RodPumpWells

__all__ = [
    "DeviceGroup",
    "EspWells",
    "Facilities",
    "GasLiftWells",
    "RodPumpWells",
    "UnknownEvent",
    "UnknownSignal",
]
