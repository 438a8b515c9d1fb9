"""Field simulator: a simulated oil field served as real Modbus TCP devices on loopback.

See docs/simulator.md. Entry points for the rest of the product:

  * :class:`FieldSimulator` — serve a :class:`domain.field.Field` (one server per device);
  * :func:`run_simulator` / :func:`send_control` — what ``oilfield sim`` calls;
  * :func:`generate_field` / :func:`dump_yaml` — make field configs of any size.
"""

from plugins.simulator.control import ControlServer
from plugins.simulator.control_client import DEFAULT_CONTROL_PORT, send_control
from plugins.simulator.generator import dump_yaml, field_from_dict, generate_field
from plugins.simulator.server import FieldSimulator, SimulatorError, run_simulator

__all__ = [
    "DEFAULT_CONTROL_PORT",
    "ControlServer",
    "FieldSimulator",
    "SimulatorError",
    "dump_yaml",
    "field_from_dict",
    "generate_field",
    "run_simulator",
    "send_control",
]
