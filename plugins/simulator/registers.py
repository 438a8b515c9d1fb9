"""Engineering value <-> 16-bit registers, for the tags the simulator serves.

The byte work is the product's codec (:mod:`domain.codec`: big-endian bytes per value, then the
word swap and byte swap a tag asks for), so the simulator and the engine cannot disagree on a
layout. What this module adds is the device's side of scaling: raw = (eu - offset) / gain, and
integers that *saturate* at their type's range the way a transmitter or PLC clamps, instead of
being refused as a write from the engine would be.
"""


from __future__ import annotations

import math

from domain import codec
from domain.tags import DataType, TagDef

_INT_RANGE: dict[DataType, tuple[int, int]] = {
    DataType.INT16: (-(2**15), 2**15 - 1),
    DataType.UINT16: (0, 2**16 - 1),
    DataType.INT32: (-(2**31), 2**31 - 1),
    DataType.UINT32: (0, 2**32 - 1),
}

_FLOAT32_MAX = 3.4028234663852886e38


def raw_from_eu(tag: TagDef, eu: float) -> float | int:
    """The raw number a device would hold for ``eu``: ``(eu - offset) / gain``.

    Integer types are rounded and clamped to the type's range (a real transmitter saturates
    rather than wrapping); non-finite values become 0 for integers.
    """
    raw = tag.to_raw(eu)
    limits = _INT_RANGE.get(tag.data_type)
    if limits is None:
        if tag.data_type is DataType.FLOAT32 and math.isfinite(raw):
            return max(-_FLOAT32_MAX, min(_FLOAT32_MAX, raw))
        return raw
    if not math.isfinite(raw):
        return 0
    low, high = limits
    return max(low, min(high, round(raw)))


def encode(tag: TagDef, eu: float) -> list[int]:
    """Registers (0..65535 each) that hold ``eu`` for ``tag``."""
    return codec.encode(raw_from_eu(tag, eu), tag.data_type, tag.byte_order, tag.word_order)


def decode(tag: TagDef, registers: list[int]) -> float:
    """Engineering value held by ``registers`` (exactly ``tag.register_count`` of them)."""
    raw = codec.decode(registers, tag.data_type, tag.byte_order, tag.word_order)
    return tag.to_engineering(float(raw))
