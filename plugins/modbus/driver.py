"""Modbus TCP driver: block reads over one pymodbus ``AsyncModbusTcpClient`` per device.

How a poll goes:

* One request per block of the plan, strictly one after another (Modbus TCP devices and
  gateways handle one outstanding request per connection; pipelining buys nothing).
* Each request has the device's timeout and retries (pymodbus resends within ``retries``).
  A request that gets no answer gives its tags BAD_COMM; so does one answered with bytes that
  do not parse ("garbage"). After either the connection is re-opened: the stream can no longer
  be trusted to be frame-aligned, and a late answer must not pass for the next request's.
* ``unreachable_after`` failed requests in a row (across polls: with few blocks that is several
  whole-poll failures), or a connection that closed, raise ``DeviceUnreachable``: the scanner
  then marks every tag BAD_COMM and reconnects with backoff. pymodbus' own reconnect and
  auto-close are switched off so that only the scanner decides.
* An exception response "illegal function/address/value" to a block of several tags is probed
  tag by tag once: the tags the device rejects alone get BAD_CONFIG and are read alone from then
  on; the others are regrouped without bridging gaps (the gap may have been the problem). Other
  exception codes (busy, gateway) are transient: BAD_COMM.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pymodbus.client import AsyncModbusTcpClient
from pymodbus.exceptions import ConnectionException, ModbusException
from pymodbus.pdu import ModbusPDU

from domain.block_planner import Block, single_tag_blocks
from domain.codec import encode
from domain.field import DeviceDef
from domain.tags import Quality, RegisterTable, TagDef
from plugins.driver_api import DeviceUnreachable, Driver, PollPlan, Reading
from plugins.modbus.decoding import decode_block, fail_block
from plugins.modbus.plan import ModbusPlan

# Exception codes that say "this request is wrong for this device", as opposed to "not now".
CONFIG_EXCEPTION_CODES = frozenset({0x01, 0x02, 0x03})
_NO_AUTO_CLOSE = 1_000_000  # pymodbus closes after retries+3 silent requests unless raised


class WriteRefused(ValueError):
    """A write the driver will not send (tag not writable, bad value)."""


class WriteFailed(RuntimeError):
    """A write sent but not confirmed by the device."""


@dataclass(frozen=True, slots=True)
class _Registers:
    values: list[int]


@dataclass(frozen=True, slots=True)
class _Failed:
    quality: Quality  # BAD_COMM (timeout, garbage, busy) or BAD_CONFIG (rejected)


class ModbusTcpDriver(Driver):
    """One Modbus TCP device (one unit id on one host:port)."""

    unreachable_after = 3  # failed requests in a row before the device counts as gone

    def __init__(self, device: DeviceDef) -> None:
        super().__init__(device)
        self._client: AsyncModbusTcpClient | None = None
        self._rx_bytes = 0  # bytes received, to tell garbage from silence
        self._failed_in_row = 0
        self._connects = 0

    # -- planning -------------------------------------------------------------------------

    def plan(self, tags: Sequence[TagDef]) -> ModbusPlan:
        return ModbusPlan.build(tags, max_block=self.device.max_block, max_gap=self.device.max_gap)

    def request_count(self, plan: PollPlan) -> int:
        return len(_modbus_plan(plan).blocks)

    # -- connection -----------------------------------------------------------------------

    def _trace_packet(self, sending: bool, data: bytes) -> bytes:
        if not sending:
            self._rx_bytes += len(data)
        return data

    async def connect(self) -> None:
        await self.close()
        dev = self.device
        client = AsyncModbusTcpClient(
            dev.host,
            port=dev.port,
            timeout=dev.timeout_s,
            retries=dev.retries,
            reconnect_delay=0,  # the scanner owns reconnects (with backoff and jitter)
            trace_packet=self._trace_packet,
        )
        client.set_max_no_responses(_NO_AUTO_CLOSE)
        try:
            ok = await client.connect()
        except (OSError, ModbusException) as exc:
            client.close()
            raise DeviceUnreachable(f"{dev.name}: cannot connect to {dev.host}:{dev.port}") from exc
        if not ok:
            client.close()
            raise DeviceUnreachable(f"{dev.name}: cannot connect to {dev.host}:{dev.port}")
        self._client = client
        self._failed_in_row = 0
        if self._connects:
            self.stats.reconnects += 1
        self._connects += 1

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def _connected_client(self) -> AsyncModbusTcpClient:
        client = self._client
        if client is None or not client.connected:
            raise DeviceUnreachable(f"{self.device.name}: not connected")
        return client

    # -- reading --------------------------------------------------------------------------

    async def _request(self, table: RegisterTable, address: int, count: int) -> ModbusPDU:
        client = self._connected_client()
        unit = self.device.unit_id
        if table is RegisterTable.HOLDING:
            return await client.read_holding_registers(address, count=count, device_id=unit)
        return await client.read_input_registers(address, count=count, device_id=unit)

    async def _read(self, table: RegisterTable, address: int, count: int) -> _Registers | _Failed:
        """One read request, classified; raises DeviceUnreachable when the device is gone."""
        self.stats.requests += 1
        rx_before = self._rx_bytes
        try:
            response = await self._request(table, address, count)
        except ConnectionException as exc:
            raise DeviceUnreachable(f"{self.device.name}: {exc}") from exc
        except ModbusException:
            if self._got_garbage(rx_before):
                return await self._garbage()
            self.stats.timeouts += 1
            if self._client is None or not self._client.connected:
                raise DeviceUnreachable(f"{self.device.name}: connection closed") from None
            failed = self._failure()
            await self._reopen()
            return failed
        if response.isError():
            self.stats.exceptions += 1
            self._failed_in_row = 0  # the device answered: it is there
            code = getattr(response, "exception_code", 0)
            quality = Quality.BAD_CONFIG if code in CONFIG_EXCEPTION_CODES else Quality.BAD_COMM
            return _Failed(quality)
        registers = list(getattr(response, "registers", []))
        if len(registers) != count:
            return await self._garbage()
        self._failed_in_row = 0
        return _Registers(registers)

    def _got_garbage(self, rx_before: int) -> bool:
        """After a request without a usable answer: did bytes arrive that were not a frame?

        pymodbus leaves unparseable bytes in its receive buffer, and drops the connection when
        a frame-shaped answer holds an undecodable PDU. A late answer to an earlier, timed-out
        request is framed and skipped (transaction id mismatch): that is not garbage.
        """
        if self._rx_bytes == rx_before:
            return False
        client = self._client
        if client is None or not client.connected:
            return True
        return bool(getattr(client.ctx, "recv_buffer", b""))

    def _failure(self) -> _Failed:
        self._failed_in_row += 1
        if self._failed_in_row >= self.unreachable_after:
            raise DeviceUnreachable(
                f"{self.device.name}: {self._failed_in_row} requests in a row failed"
            )
        return _Failed(Quality.BAD_COMM)

    async def _garbage(self) -> _Failed:
        """Unparseable answer: count it and re-open the connection to re-align the stream."""
        self.stats.garbage += 1
        failed = self._failure()
        await self._reopen()
        return failed

    async def _reopen(self) -> None:
        """Fresh connection after a timeout or garbage, keeping the failure count.

        A timed-out request may still be answered later, and some servers and gateways stamp
        such a late answer with the transaction id of the request in flight; on a fresh
        connection no late answer can be taken for the answer to the next request.
        """
        in_row = self._failed_in_row
        await self.connect()  # raises DeviceUnreachable if the device no longer accepts us
        self._failed_in_row = in_row  # a device that keeps failing still ends up "gone"

    async def poll(self, plan: PollPlan) -> list[Reading]:
        mplan = _modbus_plan(plan)
        tags = mplan.tags
        readings: list[Reading | None] = [None] * len(tags)
        for block in list(mplan.blocks):
            outcome = await self._read(block.table, block.start, block.count)
            if isinstance(outcome, _Registers):
                results = decode_block(tags, block, outcome.values)
            elif outcome.quality is Quality.BAD_CONFIG and len(block.members) > 1:
                results = await self._probe(mplan, block)
            else:
                if outcome.quality is Quality.BAD_CONFIG:
                    mplan.rejected.update(block.members)
                results = fail_block(tags, block, outcome.quality)
            for i, reading in results:
                readings[i] = reading
        return [
            r if r is not None else Reading(tags[i], None, Quality.BAD_COMM)
            for i, r in enumerate(readings)
        ]

    async def _probe(self, plan: ModbusPlan, block: Block) -> list[tuple[int, Reading]]:
        """Read a rejected block tag by tag; isolate what the device rejects."""
        tags = plan.tags
        results: list[tuple[int, Reading]] = []
        rejected: set[int] = set()
        conclusive = True
        for single in single_tag_blocks(tags, block):
            outcome = await self._read(single.table, single.start, single.count)
            if isinstance(outcome, _Registers):
                results.extend(decode_block(tags, single, outcome.values))
                continue
            if outcome.quality is Quality.BAD_CONFIG:
                rejected.update(single.members)
            else:
                conclusive = False
            results.extend(fail_block(tags, single, outcome.quality))
        if conclusive:  # re-plan only on a clean verdict, not on a probe hit by a timeout
            plan.isolate(block, rejected)
        return results

    # -- writing --------------------------------------------------------------------------

    async def write(self, tag: TagDef, value: float) -> None:
        """Write ``value`` (engineering units) with function 16 (write multiple registers).

        Refuses tags that are not writable, not on this device or not holding registers, and
        values that are not finite, outside eu_min..eu_max or do not fit the data type.
        """
        if tag.device != self.device.name:
            raise WriteRefused(f"tag {tag.name!r} is on {tag.device!r}, not {self.device.name!r}")
        if not tag.writable:
            raise WriteRefused(f"tag {tag.name!r} is not writable")
        if tag.table is not RegisterTable.HOLDING:
            raise WriteRefused(f"tag {tag.name!r} is in the read-only {tag.table} table")
        if not math.isfinite(value):
            raise WriteRefused(f"cannot write {value} to {tag.name!r}")
        if (tag.eu_min is not None and value < tag.eu_min) or (
            tag.eu_max is not None and value > tag.eu_max
        ):
            raise WriteRefused(
                f"{value} is outside {tag.name!r}'s range {tag.eu_min}..{tag.eu_max}"
            )
        if tag.gain == 0:
            raise WriteRefused(f"tag {tag.name!r} has gain 0: no raw value maps to {value}")
        try:
            registers = encode(tag.to_raw(value), tag.data_type, tag.byte_order, tag.word_order)
        except ValueError as exc:
            raise WriteRefused(f"{tag.name!r}: {exc}") from exc
        client = self._connected_client()
        self.stats.requests += 1
        try:
            response = await client.write_registers(
                tag.address, registers, device_id=self.device.unit_id
            )
        except ModbusException as exc:
            self.stats.timeouts += 1
            raise WriteFailed(f"write to {tag.name!r} not confirmed: {exc}") from exc
        if response.isError():
            self.stats.exceptions += 1
            code = getattr(response, "exception_code", 0)
            raise WriteFailed(f"device rejected the write to {tag.name!r} (exception {code})")


def _modbus_plan(plan: PollPlan) -> ModbusPlan:
    if not isinstance(plan, ModbusPlan):
        raise TypeError(f"not a Modbus plan: {type(plan).__name__}")
    return plan
