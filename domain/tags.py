"""Tags: the named process values a field device exposes, and the quality every value carries.

A tag is the unit an operator, a trend or an alarm talks about ("W01.ESP.FREQ"). Its definition
says where the value lives on the device (register table and address), how the raw registers
decode (data type, byte and word order), how raw counts become engineering units (gain and
offset), and how it is scanned and stored (scan class, deadband, maximum storage interval).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class DataType(StrEnum):
    """Register encodings found on RTUs and PLCs (Modbus application protocol, sec. 4.2)."""

    INT16 = "int16"
    UINT16 = "uint16"
    INT32 = "int32"
    UINT32 = "uint32"
    FLOAT32 = "float32"
    FLOAT64 = "float64"

    @property
    def register_count(self) -> int:
        """16-bit registers one value occupies."""
        return _REGISTERS[self]


_REGISTERS = {
    DataType.INT16: 1,
    DataType.UINT16: 1,
    DataType.INT32: 2,
    DataType.UINT32: 2,
    DataType.FLOAT32: 2,
    DataType.FLOAT64: 4,
}


class ByteOrder(StrEnum):
    """Order of the two bytes inside each 16-bit register. Modbus specifies big-endian."""

    BIG = "big"
    LITTLE = "little"


class WordOrder(StrEnum):
    """Order of the registers of a multi-register value.

    ``big`` puts the most significant register first (ABCD); ``little`` is the "word-swapped"
    layout many PLCs use (CDAB).
    """

    BIG = "big"
    LITTLE = "little"


class RegisterTable(StrEnum):
    """Modbus data tables a tag can be read from."""

    HOLDING = "holding"
    INPUT = "input"


class Quality(IntEnum):
    """Quality of a value. Stored as a smallint; lower is better.

    Only GOOD may be shown as a normal value. Everything else must look different on every screen
    and be excluded from rollups, so that nothing old or wrong ever looks good.
    """

    GOOD = 0
    UNCERTAIN = 1  # e.g. a value outside the instrument range, or just after reconnect
    STALE = 2  # not refreshed within its expected interval
    BAD_COMM = 3  # the device could not be reached or answered garbage
    BAD_CONFIG = 4  # the device rejected the address or the definition cannot decode

    @property
    def is_good(self) -> bool:
        return self is Quality.GOOD


@dataclass(frozen=True, slots=True)
class TagDef:
    """Definition of one scanned tag, as written in the field config."""

    name: str
    device: str
    address: int
    data_type: DataType = DataType.FLOAT32
    table: RegisterTable = RegisterTable.HOLDING
    byte_order: ByteOrder = ByteOrder.BIG
    word_order: WordOrder = WordOrder.BIG
    gain: float = 1.0
    offset: float = 0.0
    units: str = ""
    description: str = ""
    deadband: float = 0.0
    scan_class: str = "normal"
    max_interval_s: float = 900.0
    writable: bool = False
    eu_min: float | None = None
    eu_max: float | None = None
    signal: str = ""  # the simulated quantity behind this tag (read by the field simulator only)
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def register_count(self) -> int:
        return self.data_type.register_count

    def to_engineering(self, raw: float) -> float:
        """Raw decoded number to engineering units: ``raw * gain + offset``."""
        return raw * self.gain + self.offset

    def to_raw(self, eu: float) -> float:
        """Inverse of :meth:`to_engineering`, for writes."""
        return (eu - self.offset) / self.gain
