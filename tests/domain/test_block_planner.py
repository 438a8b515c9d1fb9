"""Block planner: coverage, limits and block counts, by property and by example."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.block_planner import Block, plan_blocks, single_tag_blocks, split_failed_block
from domain.tags import DataType, RegisterTable, TagDef


def tag(address: int, data_type: DataType = DataType.UINT16, table=RegisterTable.HOLDING) -> TagDef:
    return TagDef(f"t{table}{address}{data_type}", "dev", address, data_type, table=table)


tags_strategy = st.lists(
    st.builds(
        tag,
        st.integers(0, 2000),
        st.sampled_from(list(DataType)),
        st.sampled_from(list(RegisterTable)),
    ),
    max_size=80,
)


@settings(max_examples=200)
@given(tags_strategy, st.integers(4, 125), st.integers(0, 40))
def test_every_tag_once_within_limits(tags: list[TagDef], max_block: int, max_gap: int):
    blocks = plan_blocks(tags, max_block=max_block, max_gap=max_gap)
    members = sorted(i for b in blocks for i in b.members)
    assert members == list(range(len(tags)))
    for b in blocks:
        assert 1 <= b.count <= max_block
        for i in b.members:
            t = tags[i]
            assert t.table == b.table  # no block crosses tables
            assert b.start <= t.address and t.address + t.register_count <= b.end  # never split


@given(st.lists(st.sampled_from(list(DataType)), min_size=1, max_size=200), st.integers(4, 125))
def test_contiguous_tags_pack_into_the_minimum(types: list[DataType], max_block: int):
    tags, address = [], 0
    for dt in types:
        tags.append(tag(address, dt))
        address += dt.register_count
    blocks = plan_blocks(tags, max_block=max_block, max_gap=0)
    total = address
    # Tags are never split, so up to (largest tag - 1) registers per block may be left over.
    assert math.ceil(total / max_block) <= len(blocks) <= math.ceil(total / (max_block - 3))
    if all(dt.register_count == 1 for dt in types):
        assert len(blocks) == math.ceil(total / max_block)


def test_gaps_bridged_up_to_max_gap_only():
    tags = [tag(0), tag(11), tag(40)]
    blocks = plan_blocks(tags, max_block=125, max_gap=10)
    assert [(b.start, b.count) for b in blocks] == [(0, 12), (40, 1)]


def test_tables_never_mix():
    tags = [tag(0), tag(1, table=RegisterTable.INPUT)]
    assert len(plan_blocks(tags)) == 2


def test_alone_tags_get_their_own_block():
    tags = [tag(0), tag(1), tag(2)]
    blocks = plan_blocks(tags, alone={1})
    assert sorted(b.members for b in blocks) == [(0,), (1,), (2,)]


def test_refuses_bad_limits():
    with pytest.raises(ValueError):
        plan_blocks([tag(0)], max_block=126)
    with pytest.raises(ValueError):
        plan_blocks([tag(0, DataType.FLOAT64)], max_block=2)


def test_split_failed_block_isolates_rejected_and_stops_bridging():
    tags = [tag(0), tag(1), tag(5), tag(9)]
    (block,) = plan_blocks(tags, max_gap=10)
    assert single_tag_blocks(tags, block) == [
        Block(RegisterTable.HOLDING, a, 1, (i,)) for i, a in enumerate([0, 1, 5, 9])
    ]
    split = split_failed_block(tags, block, {2}, max_block=125)
    assert [(b.start, b.count, b.members) for b in split] == [
        (0, 2, (0, 1)),
        (5, 1, (2,)),
        (9, 1, (3,)),
    ]
