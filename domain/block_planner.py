"""Block planner: which Modbus reads cover a set of tags with the fewest requests.

A Modbus request costs a round trip (milliseconds on TCP, hundreds of ms on a 9,600 baud line)
while a register costs two bytes, so tags are grouped into block reads: per register table,
sorted by address, a block grows while the next tag starts at most ``max_gap`` registers after
the block's end and the block stays within ``max_block`` registers (125 is the protocol's limit
for a read). A tag is never split across blocks. Greedy left-to-right growth is optimal here:
every block ends as late as the constraints allow, so no other grouping needs fewer blocks.

Bridging a gap reads registers nobody asked for; some devices reject that with "illegal data
address". :func:`split_failed_block` re-plans such a block once the driver has found which tags
the device rejects: those are read alone from then on, and the others are regrouped without
bridging any gap.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from domain.tags import RegisterTable, TagDef

MODBUS_MAX_READ = 125  # registers per read (Modbus application protocol, 6.3)
ADDRESS_SPACE = 65536


@dataclass(frozen=True, slots=True)
class Block:
    """One block read: ``count`` registers of ``table`` from ``start``.

    ``members`` are indexes into the tag sequence the block was planned from, so the caller can
    put each decoded value back in its own order.
    """

    table: RegisterTable
    start: int
    count: int
    members: tuple[int, ...]

    @property
    def end(self) -> int:
        """First register after the block."""
        return self.start + self.count


def _check(tags: Sequence[TagDef], max_block: int, max_gap: int) -> None:
    if not 1 <= max_block <= MODBUS_MAX_READ:
        raise ValueError(f"max_block must be 1..{MODBUS_MAX_READ}, got {max_block}")
    if max_gap < 0:
        raise ValueError(f"max_gap must be >= 0, got {max_gap}")
    for tag in tags:
        if tag.register_count > max_block:
            raise ValueError(
                f"tag {tag.name!r} needs {tag.register_count} registers, more than "
                f"max_block={max_block}"
            )
        if not 0 <= tag.address <= ADDRESS_SPACE - tag.register_count:
            raise ValueError(f"tag {tag.name!r} address {tag.address} is out of range")


def plan_blocks(
    tags: Sequence[TagDef],
    *,
    max_block: int = MODBUS_MAX_READ,
    max_gap: int = 16,
    alone: Collection[int] = (),
) -> list[Block]:
    """Group ``tags`` into block reads; the tags whose indexes are in ``alone`` get one each
    and no other block spans them.

    Blocks come out ordered by table, then address. Tags that overlap (the same registers read
    as two types) share a block.
    """
    _check(tags, max_block, max_gap)
    alone_set = set(alone)
    blocks: list[Block] = []
    order = sorted(range(len(tags)), key=lambda i: (tags[i].table, tags[i].address))
    current: list[int] = []
    table: RegisterTable | None = None
    start = end = 0

    def close() -> None:
        if current and table is not None:
            blocks.append(Block(table, start, end - start, tuple(current)))

    for i in order:
        tag = tags[i]
        tag_end = tag.address + tag.register_count
        if i in alone_set:
            # A barrier as well: no block bridges over registers the device rejected.
            close()
            current, table = [], None
            blocks.append(Block(tag.table, tag.address, tag.register_count, (i,)))
            continue
        fits = (
            current
            and tag.table == table
            and tag.address - end <= max_gap
            and max(end, tag_end) - start <= max_block
        )
        if fits:
            current.append(i)
            end = max(end, tag_end)
            continue
        close()
        current, table, start, end = [i], tag.table, tag.address, tag_end
    close()
    blocks.sort(key=lambda b: (b.table, b.start, b.count))
    return blocks


def single_tag_blocks(tags: Sequence[TagDef], block: Block) -> list[Block]:
    """The block's tags as one block each: how a failing block is probed tag by tag."""
    return [
        Block(tags[i].table, tags[i].address, tags[i].register_count, (i,)) for i in block.members
    ]


def split_failed_block(
    tags: Sequence[TagDef], block: Block, rejected: Collection[int], *, max_block: int
) -> list[Block]:
    """Replacement for a block the device rejected, once probing found the ``rejected`` tags.

    Rejected tags are read alone (they keep failing, but no longer take good neighbours down);
    the other members are regrouped with ``max_gap=0``: if no member was rejected, the bridged
    gap itself was the problem.
    """
    members = list(block.members)
    rejected = set(rejected)
    keep = [i for i in members if i not in rejected]
    sub = plan_blocks([tags[i] for i in keep], max_block=max_block, max_gap=0)
    regrouped = [
        Block(b.table, b.start, b.count, tuple(keep[j] for j in b.members)) for b in sub
    ]
    alone = [
        Block(tags[i].table, tags[i].address, tags[i].register_count, (i,))
        for i in members
        if i in rejected
    ]
    out = regrouped + alone
    out.sort(key=lambda b: (b.table, b.start, b.count))
    return out
