"""The simulator's private register encoder (to be unified with domain/codec.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.tags import ByteOrder, DataType, TagDef, WordOrder
from plugins.simulator.registers import decode, encode


def tag(dtype: DataType, byte: str = "big", word: str = "big", gain: float = 1.0,
        offset: float = 0.0) -> TagDef:
    return TagDef("T", "D", 0, data_type=dtype, byte_order=ByteOrder(byte),
                  word_order=WordOrder(word), gain=gain, offset=offset)


@pytest.mark.parametrize(
    ("byte", "word", "expected"),
    [
        ("big", "big", [0x3F80, 0x0000]),  # ABCD
        ("big", "little", [0x0000, 0x3F80]),  # CDAB
        ("little", "big", [0x803F, 0x0000]),  # BADC
        ("little", "little", [0x0000, 0x803F]),  # DCBA
    ],
)
def test_float32_one_in_each_layout(byte: str, word: str, expected: list[int]) -> None:
    assert encode(tag(DataType.FLOAT32, byte, word), 1.0) == expected


def test_scaled_int16_rounds_and_saturates() -> None:
    t = tag(DataType.INT16, gain=0.1)
    assert encode(t, 123.46) == [1235]
    assert encode(t, -1.0) == [0xFFF6]  # two's complement of -10
    assert encode(t, 1e9) == [0x7FFF]
    assert encode(tag(DataType.UINT16), -5) == [0]
    assert encode(tag(DataType.UINT32), float("nan")) == [0, 0]


def test_uint32_counter_word_swapped() -> None:
    t = tag(DataType.UINT32, word="little")
    assert encode(t, 0x12345678) == [0x5678, 0x1234]
    assert decode(t, [0x5678, 0x1234]) == 0x12345678


@given(
    dtype=st.sampled_from(list(DataType)),
    byte=st.sampled_from(["big", "little"]),
    word=st.sampled_from(["big", "little"]),
    value=st.floats(min_value=-30000, max_value=30000, allow_nan=False),
)
def test_round_trip(dtype: DataType, byte: str, word: str, value: float) -> None:
    t = tag(dtype, byte, word, gain=1.0)
    if dtype.name.startswith("UINT"):
        value = abs(value)
    regs = encode(t, value)
    assert len(regs) == dtype.register_count
    assert all(0 <= r <= 0xFFFF for r in regs)
    back = decode(t, regs)
    if dtype is DataType.FLOAT64:
        assert back == value
    elif dtype is DataType.FLOAT32:
        assert math.isclose(back, value, rel_tol=1e-6, abs_tol=1e-30)
    else:
        assert back == round(value)
