"""Registers of a block read -> one Reading per tag, in engineering units.

Quality rules: a value that decodes to NaN or infinity is BAD_CONFIG (the definition does not
match what the device holds, or the instrument reports a fault the type cannot carry); a finite
value outside the tag's instrument range (eu_min..eu_max) is UNCERTAIN and keeps its value so
an operator can see how far off it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from domain.block_planner import Block
from domain.codec import decode
from domain.tags import Quality, TagDef
from plugins.driver_api import Reading


def decode_tag(tag: TagDef, registers: Sequence[int], offset: int) -> Reading:
    """Decode ``tag`` from ``registers`` starting at ``offset`` (its address minus the block's)."""
    raw = decode(
        registers[offset : offset + tag.register_count],
        tag.data_type,
        tag.byte_order,
        tag.word_order,
    )
    value = tag.to_engineering(raw)
    if not math.isfinite(value):
        return Reading(tag, None, Quality.BAD_CONFIG)
    if (tag.eu_min is not None and value < tag.eu_min) or (
        tag.eu_max is not None and value > tag.eu_max
    ):
        return Reading(tag, value, Quality.UNCERTAIN)
    return Reading(tag, value, Quality.GOOD)


def decode_block(
    tags: Sequence[TagDef], block: Block, registers: Sequence[int]
) -> list[tuple[int, Reading]]:
    """(tag index, reading) for every member of ``block``."""
    return [
        (i, decode_tag(tags[i], registers, tags[i].address - block.start)) for i in block.members
    ]


def fail_block(tags: Sequence[TagDef], block: Block, quality: Quality) -> list[tuple[int, Reading]]:
    """(tag index, reading without value) for every member of a block that could not be read."""
    return [(i, Reading(tags[i], None, quality)) for i in block.members]
