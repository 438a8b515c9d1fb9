"""Real Modbus TCP servers on loopback for tests: a pymodbus server whose registers tests can set
and read back, and a junk server that answers every request with bytes that are not Modbus.

Registers exist only in the ranges given (per table); any other address answers "illegal data
address", which is how tests make a bridged block fail. ``delay_s`` holds every answer back, to
play a slow device. A stopped server can be started again on the same port with the same
registers (a device coming back after a power cut).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from types import TracebackType

from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType as SimType
from pymodbus.simulator import SimData, SimDevice

from domain.codec import encode
from domain.tags import RegisterTable, TagDef

Ranges = Sequence[tuple[int, int]]  # (first address, register count)
_BLOCK_ID = {RegisterTable.HOLDING: "h", RegisterTable.INPUT: "i"}


class ModbusTestServer:
    """A pymodbus ModbusTcpServer on 127.0.0.1 (ephemeral port unless ``port`` is given)."""

    def __init__(
        self,
        *,
        holding: Ranges = ((0, 1000),),
        input_: Ranges = ((0, 1000),),
        port: int = 0,
        delay_s: float = 0.0,
    ) -> None:
        self._ranges = {RegisterTable.HOLDING: tuple(holding), RegisterTable.INPUT: tuple(input_)}
        self.port = port
        self.delay_s = delay_s
        self.requests = 0
        self._server: ModbusTcpServer | None = None
        self._saved: dict[str, list[int]] = {}

    def _device(self) -> SimDevice:
        def regs(table: RegisterTable) -> list[SimData]:
            return [
                SimData(start, count=count, values=0, datatype=SimType.REGISTERS)
                for start, count in self._ranges[table]
            ]

        bits = [SimData(0, count=16, values=False, datatype=SimType.BITS)]
        return SimDevice(
            id=0,  # answers every unit id
            simdata=(bits, list(bits), regs(RegisterTable.HOLDING), regs(RegisterTable.INPUT)),
            action=self._action,
        )

    async def _action(
        self,
        function_code: int,
        start_address: int,
        address: int,
        count: int,
        current_registers: list[int],
        set_values: list[int] | list[bool] | None,
    ) -> None:
        self.requests += 1
        if self.delay_s:
            await asyncio.sleep(self.delay_s)

    async def start(self) -> ModbusTestServer:
        server = ModbusTcpServer(self._device(), address=("127.0.0.1", self.port))
        await server.serve_forever(background=True)
        self._server = server
        sockets = server.transport.sockets  # type: ignore[attr-defined]
        self.port = sockets[0].getsockname()[1]
        for block_id, saved in self._saved.items():  # restart: same registers as before
            self._block(block_id)[:] = saved
        return self

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._saved = {b: list(self._block(b, server)) for b in _BLOCK_ID.values()}
        await server.shutdown()
        await asyncio.sleep(0)  # let the closed connections' callbacks run

    async def __aenter__(self) -> ModbusTestServer:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    def _block(self, block_id: str, server: ModbusTcpServer | None = None) -> list[int]:
        server = server or self._server
        if server is None:
            raise RuntimeError("server not running")
        runtime = server.context.devices[0]  # type: ignore[union-attr]
        registers: list[int] = runtime.block[block_id][2]
        return registers

    def _offset(self, table: RegisterTable, address: int) -> int:
        starts = [start for start, _ in self._ranges[table]]
        return address - min(starts)

    def set_registers(self, table: RegisterTable, address: int, values: Sequence[int]) -> None:
        registers = self._block(_BLOCK_ID[table])
        offset = self._offset(table, address)
        registers[offset : offset + len(values)] = list(values)

    def get_registers(self, table: RegisterTable, address: int, count: int) -> list[int]:
        offset = self._offset(table, address)
        return list(self._block(_BLOCK_ID[table])[offset : offset + count])

    def set_raw(self, tag: TagDef, raw: float) -> None:
        """Serve ``raw`` (before gain/offset) at the tag's address in its layout."""
        regs = encode(raw, tag.data_type, tag.byte_order, tag.word_order)
        self.set_registers(tag.table, tag.address, regs)


class JunkServer:
    """A TCP server that answers every request with bytes that are not a Modbus frame."""

    def __init__(self, junk: bytes = b"\xde\xad\xbe\xef" * 4) -> None:
        self.junk = junk
        self.port = 0
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []
        self._tasks: set[asyncio.Task[None]] = set()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        with contextlib.suppress(ConnectionError):
            while await reader.read(260):
                writer.write(self.junk)
                await writer.drain()
        writer.close()

    async def __aenter__(self) -> JunkServer:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.close()
            for writer in self._writers:
                writer.close()
            # The handlers see EOF and end by themselves (cancelling them upsets asyncio 3.11).
            await asyncio.wait_for(asyncio.gather(*self._tasks, return_exceptions=True), 5)
            await self._server.wait_closed()
