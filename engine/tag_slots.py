"""Dense slots for sparse tag ids: how per-scan observers index their state arrays.

The scanner hands observers (alarm engine, live stream) numpy arrays of tag ids; each observer
keeps its per-tag state in dense arrays over the tags it cares about. A lookup table from id to
slot turns one poll into a handful of vectorised operations instead of a dict lookup per tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt


class TagSlots:
    """Maps tag ids to 0..n-1 slots, in the order of ``names``; other ids map to nothing."""

    def __init__(self, names: Iterable[str], tag_ids: Mapping[str, int]) -> None:
        self.names = list(names)
        self.slot_of = {name: i for i, name in enumerate(self.names)}
        max_id = max((tag_ids[n] for n in self.names), default=0)
        self._lut = np.full(max_id + 2, -1, dtype=np.intp)
        for name, slot in self.slot_of.items():
            self._lut[tag_ids[name]] = slot

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, ids: npt.ArrayLike) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
        """(slots of the known ids, mask of which input positions were known)."""
        arr = np.asarray(ids, dtype=np.int64)
        inside = (arr >= 0) & (arr < len(self._lut))
        slots = np.full(len(arr), -1, dtype=np.intp)
        slots[inside] = self._lut[arr[inside]]
        keep = slots >= 0
        return slots[keep], keep
