"""Register codec: 16-bit Modbus registers <-> numbers, for every data type and byte/word order.

Why our own codec rather than pymodbus' ``convert_from_registers``: the domain must stay free of
protocol libraries (the simulator and the write path share it), pymodbus only knows word order,
and RTUs in the field also swap the bytes inside each register ("BADC").

Layout: the registers are put in most-significant-word-first order (reversing them when the
word order is ``little``), each register is split into two bytes (high byte first when the byte
order is ``big``), and the resulting big-endian byte string is read as the data type. So for
float32 123.456 (0x42F6E979): ABCD = [0x42F6, 0xE979], CDAB = [0xE979, 0x42F6],
BADC = [0xF642, 0x79E9], DCBA = [0x79E9, 0xF642].
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence

from domain.tags import ByteOrder, DataType, WordOrder

# struct format character of each data type, read big-endian.
_FORMAT = {
    DataType.INT16: "h",
    DataType.UINT16: "H",
    DataType.INT32: "i",
    DataType.UINT32: "I",
    DataType.FLOAT32: "f",
    DataType.FLOAT64: "d",
}

# Inclusive ranges of the integer types, checked before encoding.
_INT_RANGE = {
    DataType.INT16: (-(2**15), 2**15 - 1),
    DataType.UINT16: (0, 2**16 - 1),
    DataType.INT32: (-(2**31), 2**31 - 1),
    DataType.UINT32: (0, 2**32 - 1),
}

_FLOAT32_MAX = 3.4028234663852886e38


class CodecError(ValueError):
    """A value that cannot be represented in (or decoded from) the requested register layout."""


def _register_format(count: int, byte_order: ByteOrder) -> str:
    return f"{'>' if byte_order is ByteOrder.BIG else '<'}{count}H"


def decode(
    registers: Sequence[int],
    data_type: DataType,
    byte_order: ByteOrder = ByteOrder.BIG,
    word_order: WordOrder = WordOrder.BIG,
) -> float:
    """Decode exactly ``data_type.register_count`` registers into a number.

    Integers come back as ``int`` (a subtype of float for the type checker); floats may be NaN
    or infinite if the device sends such a bit pattern: the caller decides what that means.
    """
    count = data_type.register_count
    if len(registers) != count:
        raise CodecError(f"{data_type} needs {count} registers, got {len(registers)}")
    words = registers if word_order is WordOrder.BIG or count == 1 else registers[::-1]
    try:
        raw = struct.pack(_register_format(count, byte_order), *words)
    except struct.error as exc:
        raise CodecError(f"registers must be 0..65535: {list(registers)}") from exc
    value: float = struct.unpack(">" + _FORMAT[data_type], raw)[0]
    return value


def encode(
    value: float,
    data_type: DataType,
    byte_order: ByteOrder = ByteOrder.BIG,
    word_order: WordOrder = WordOrder.BIG,
) -> list[int]:
    """Encode a number into registers, the inverse of :func:`decode`.

    Integer types round to the nearest integer (a write of 12.7 EU with gain 0.1 gives raw
    127.0000001) and refuse NaN, infinities and values outside the type's range, so a write
    never silently wraps around. float32 refuses finite values beyond its range.
    """
    fmt = _FORMAT[data_type]
    packed_value: float
    if data_type in _INT_RANGE:
        if not math.isfinite(value):
            raise CodecError(f"cannot encode {value} as {data_type}")
        packed_value = round(value)
        lo, hi = _INT_RANGE[data_type]
        if not lo <= packed_value <= hi:
            raise CodecError(f"{value} is outside the {data_type} range {lo}..{hi}")
    else:
        packed_value = float(value)
        if data_type is DataType.FLOAT32 and math.isfinite(value) and abs(value) > _FLOAT32_MAX:
            raise CodecError(f"{value} is outside the float32 range")
    raw = struct.pack(">" + fmt, packed_value)
    count = data_type.register_count
    words = list(struct.unpack(_register_format(count, byte_order), raw))
    if word_order is WordOrder.LITTLE:
        words.reverse()
    return words
