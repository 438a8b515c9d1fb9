"""The Modbus driver's poll plan: the block reads for one scan class of one device.

The plan is built once per scan class but is not frozen: when the device rejects a bridged
block, the driver swaps that block for its split (see ``domain.block_planner``) and remembers
the rejected tags, so later polls read them alone and do not probe again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.block_planner import Block, plan_blocks, split_failed_block
from domain.tags import TagDef
from plugins.driver_api import PollPlan


@dataclass(eq=False)
class ModbusPlan(PollPlan):
    """Tags in the caller's order, and the blocks that read them (indexes into ``tags``)."""

    tags: tuple[TagDef, ...]
    blocks: list[Block]
    max_block: int
    rejected: set[int] = field(default_factory=set)

    @classmethod
    def build(cls, tags: Sequence[TagDef], *, max_block: int, max_gap: int) -> ModbusPlan:
        tags = tuple(tags)
        return cls(tags, plan_blocks(tags, max_block=max_block, max_gap=max_gap), max_block)

    def isolate(self, block: Block, rejected: set[int]) -> None:
        """Replace ``block`` by reads that avoid what the device rejected."""
        self.rejected |= rejected
        position = self.blocks.index(block)
        self.blocks[position : position + 1] = split_failed_block(
            self.tags, block, rejected, max_block=self.max_block
        )
