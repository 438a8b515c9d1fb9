"""One simulated RTU/PLC as a real Modbus TCP server (pymodbus 3.16 ``SimDevice`` datastore).

Registers are refreshed lazily: when a request arrives and the physics has stepped since the
last refresh, every tag of the device is encoded into the register block first. A device
nobody polls costs nothing per step, which is what lets one process serve 500 devices; a client
always reads the values of the latest physics step, exactly as if they had been written then.

Writes (function 6/16) to a writable tag's registers are decoded and handed to the physics
before pymodbus stores them; the next read shows the value the device actually took (setpoints
are clamped to what the equipment accepts, as a drive clamps its frequency).

Register map rules: every tag's registers are readable; holes of up to ``FILL_GAP`` registers
between tags read as 0 (so block reads across small holes work, as on most RTUs); larger holes
are undefined and answer "illegal data address". Only writable tags' registers accept writes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from pymodbus.constants import ExcCodes
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType as SimType
from pymodbus.simulator import SimData, SimDevice

from domain.field import DeviceDef
from domain.tags import RegisterTable, TagDef
from plugins.simulator import registers

FILL_GAP = 16
_READ_FC = {3: RegisterTable.HOLDING, 4: RegisterTable.INPUT}
_WRITE_FC = frozenset({6, 16, 22, 23})

ValueSource = Callable[[str], float]  # signal -> current value (engineering units)
WriteSink = Callable[[str, float], None]  # signal, value written by a client


class DeviceServer:
    """Serves one device's tags; knows nothing of physics beyond two callables."""

    def __init__(
        self,
        device: DeviceDef,
        read_signal: ValueSource,
        write_signal: WriteSink,
        version: Callable[[], int],
    ) -> None:
        self.device = device
        self._read_signal = read_signal
        self._write_signal = write_signal
        self._version = version
        self._tags: dict[RegisterTable, list[TagDef]] = {t: [] for t in RegisterTable}
        for tag in device.tags:
            self._tags[tag.table].append(tag)
        self._refreshed: dict[RegisterTable, int] = {t: -1 for t in RegisterTable}
        self._server: ModbusTcpServer | None = None

    @property
    def serving(self) -> bool:
        return self._server is not None

    async def start(self) -> None:
        """Listen on the device's host and port. Raises OSError when the port is taken."""
        if self._server is not None:
            return
        server = ModbusTcpServer(
            self._sim_device(), address=(self.device.host, self.device.port)
        )
        try:
            await server.serve_forever(background=True)
        except RuntimeError as exc:  # pymodbus reports a failed bind this way
            await server.shutdown()
            raise OSError(
                f"{self.device.name}: cannot listen on {self.device.host}:{self.device.port}"
            ) from exc
        self._refreshed = {t: -1 for t in RegisterTable}
        self._server = server

    async def stop(self) -> None:
        """Stop listening and drop every connection (clients see refused/reset)."""
        server, self._server = self._server, None
        if server is not None:
            await server.shutdown()

    # -- datastore -----------------------------------------------------------------------------

    def _sim_device(self) -> SimDevice:
        bits = [SimData(0, values=[False] * 16, datatype=SimType.BITS)]
        return SimDevice(
            id=self.device.unit_id,
            simdata=(
                bits,
                [SimData(0, values=[False] * 16, datatype=SimType.BITS)],
                self._blocks(self._tags[RegisterTable.HOLDING]),
                self._blocks(self._tags[RegisterTable.INPUT]),
            ),
            action=self._action,
        )

    @staticmethod
    def _blocks(tags: list[TagDef]) -> list[SimData]:
        """Contiguous runs of registers, read-only except where a writable tag lives."""
        if not tags:
            return [SimData(0, datatype=SimType.INVALID)]
        writable: dict[int, bool] = {}
        for tag in sorted(tags, key=lambda t: t.address):
            for a in range(tag.address, tag.address + tag.register_count):
                writable[a] = tag.writable
        addresses = sorted(writable)
        # Fill small holes with read-only zeros.
        for a, b in itertools.pairwise(addresses):
            if 1 < b - a <= FILL_GAP + 1:
                for hole in range(a + 1, b):
                    writable[hole] = False
        blocks: list[SimData] = []
        run_start: int | None = None
        run_writable = False
        prev = -2
        for a in sorted(writable):
            if run_start is not None and (a != prev + 1 or writable[a] != run_writable):
                blocks.append(_run(run_start, prev, run_writable))
                run_start = None
            if run_start is None:
                run_start, run_writable = a, writable[a]
            prev = a
        assert run_start is not None
        blocks.append(_run(run_start, prev, run_writable))
        return blocks

    async def _action(
        self,
        function_code: int,
        start_address: int,
        address: int,
        count: int,
        current_registers: list[int],
        set_values: list[int] | list[bool] | None,
    ) -> ExcCodes | None:
        """pymodbus calls this on every request, before it reads or stores registers."""
        if set_values is not None and function_code in _WRITE_FC:
            self._apply_write(start_address, address, current_registers, list(map(int, set_values)))
            self._refreshed[RegisterTable.HOLDING] = -1  # show what the device took
            return None
        table = _READ_FC.get(function_code)
        if table is not None:
            self._refresh(table, start_address, current_registers)
        return None

    def _refresh(self, table: RegisterTable, start: int, regs: list[int]) -> None:
        version = self._version()
        if self._refreshed[table] == version:
            return
        for tag in self._tags[table]:
            words = registers.encode(tag, self._read_signal(tag.signal))
            offset = tag.address - start
            regs[offset : offset + len(words)] = words
        self._refreshed[table] = version

    def _apply_write(self, start: int, address: int, regs: list[int], values: list[int]) -> None:
        end = address + len(values)
        for tag in self._tags[RegisterTable.HOLDING]:
            overlaps = tag.address < end and tag.address + tag.register_count > address
            if not (tag.writable and overlaps):
                continue
            image = regs[tag.address - start : tag.address - start + tag.register_count]
            for i, value in enumerate(values):
                pos = address + i - tag.address
                if 0 <= pos < tag.register_count:
                    image[pos] = value
            self._write_signal(tag.signal, registers.decode(tag, image))


def _run(first: int, last: int, writable: bool) -> SimData:
    return SimData(
        first, count=last - first + 1, values=0, datatype=SimType.REGISTERS, readonly=not writable
    )
