"""Register codec: known vectors from device manuals and encode/decode round trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.codec import CodecError, decode, encode
from domain.tags import ByteOrder, DataType, WordOrder

ORDERS = [(b, w) for b in ByteOrder for w in WordOrder]

_INT_BOUNDS = {
    DataType.INT16: (-(2**15), 2**15 - 1),
    DataType.UINT16: (0, 2**16 - 1),
    DataType.INT32: (-(2**31), 2**31 - 1),
    DataType.UINT32: (0, 2**32 - 1),
}


@pytest.mark.parametrize(
    ("byte_order", "word_order", "registers"),
    [
        (ByteOrder.BIG, WordOrder.BIG, [0x42F6, 0xE979]),  # ABCD
        (ByteOrder.BIG, WordOrder.LITTLE, [0xE979, 0x42F6]),  # CDAB, word-swapped
        (ByteOrder.LITTLE, WordOrder.BIG, [0xF642, 0x79E9]),  # BADC, byte-swapped
        (ByteOrder.LITTLE, WordOrder.LITTLE, [0x79E9, 0xF642]),  # DCBA
    ],
)
def test_float32_known_vectors(byte_order: ByteOrder, word_order: WordOrder, registers: list[int]):
    assert encode(123.456, DataType.FLOAT32, byte_order, word_order) == registers
    assert decode(registers, DataType.FLOAT32, byte_order, word_order) == pytest.approx(123.456)


def test_integer_known_vectors():
    assert encode(-2, DataType.INT16) == [0xFFFE]
    assert decode([0xFFFE], DataType.UINT16) == 0xFFFE
    assert encode(0x12345678, DataType.UINT32) == [0x1234, 0x5678]
    assert encode(0x12345678, DataType.UINT32, word_order=WordOrder.LITTLE) == [0x5678, 0x1234]
    assert encode(0x1234, DataType.UINT16, ByteOrder.LITTLE) == [0x3412]
    assert decode([0xFFFF, 0xFFFF], DataType.INT32) == -1


def test_float64_known_vector():
    # 1.0 = 0x3FF0_0000_0000_0000
    assert encode(1.0, DataType.FLOAT64) == [0x3FF0, 0, 0, 0]
    assert encode(1.0, DataType.FLOAT64, word_order=WordOrder.LITTLE) == [0, 0, 0, 0x3FF0]
    assert encode(1.0, DataType.FLOAT64, ByteOrder.LITTLE) == [0xF03F, 0, 0, 0]


@pytest.mark.parametrize("data_type", list(_INT_BOUNDS))
def test_integer_encode_refuses_nan_inf_and_out_of_range(data_type: DataType):
    lo, hi = _INT_BOUNDS[data_type]
    for bad in (math.nan, math.inf, -math.inf, hi + 1, lo - 1):
        with pytest.raises(CodecError):
            encode(bad, data_type)


def test_integer_encode_rounds():
    assert encode(126.99999, DataType.INT16) == [127]


def test_float32_refuses_out_of_range_but_carries_nan():
    with pytest.raises(CodecError):
        encode(1e39, DataType.FLOAT32)
    assert math.isnan(decode(encode(math.nan, DataType.FLOAT32), DataType.FLOAT32))


def test_decode_refuses_wrong_register_count():
    with pytest.raises(CodecError, match="needs 2 registers"):
        decode([1], DataType.FLOAT32)


def test_decode_refuses_register_out_of_range():
    with pytest.raises(CodecError):
        decode([70000], DataType.UINT16)


@st.composite
def typed_values(draw: st.DrawFn) -> tuple[DataType, float]:
    data_type = draw(st.sampled_from(list(DataType)))
    if data_type in _INT_BOUNDS:
        lo, hi = _INT_BOUNDS[data_type]
        return data_type, draw(st.integers(lo, hi))
    if data_type is DataType.FLOAT32:
        return data_type, draw(st.floats(width=32, allow_nan=False))
    return data_type, draw(st.floats(allow_nan=False))


@given(typed_values(), st.sampled_from(ORDERS))
def test_round_trip_every_type_and_order(tv: tuple[DataType, float], orders):
    data_type, value = tv
    byte_order, word_order = orders
    registers = encode(value, data_type, byte_order, word_order)
    assert len(registers) == data_type.register_count
    assert all(0 <= r <= 0xFFFF for r in registers)
    assert decode(registers, data_type, byte_order, word_order) == value


@given(st.sampled_from(list(DataType)), st.data())
def test_decode_then_encode_is_identity_on_registers(data_type: DataType, data):
    registers = data.draw(
        st.lists(st.integers(0, 0xFFFF), min_size=data_type.register_count,
                 max_size=data_type.register_count)
    )
    value = decode(registers, data_type)
    if isinstance(value, float) and math.isnan(value):
        return  # NaN payloads are not canonical
    assert encode(value, data_type) == registers
