"""How samples travel from the scanner to the historian: column arrays, not objects.

A scan of 10,000 tags a second cannot afford a Python object per value on the way to the
database, so producers hand over four parallel sequences. Timestamps are integer microseconds
since the Unix epoch (UTC); a value without meaning (bad quality) is NaN and is stored as NULL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class SampleSink(Protocol):
    def submit(
        self,
        tag_ids: Sequence[int],
        ts_us: Sequence[int],
        values: Sequence[float],
        qualities: Sequence[int],
    ) -> None:
        """Accept samples without blocking the caller (the event loop)."""
