"""Storage filter: which scanned samples the historian keeps.

Storing every 1 s sample of 10,000 tags is 864 M rows a day, most of them repeating the previous
value. A sample is kept when

* it is the first one of its tag, or
* its quality differs from the last stored sample's, or
* its value moved more than the tag's deadband (absolute, engineering units) from the last
  stored value (a value appearing or vanishing, NaN <-> number, counts as a move), or
* ``max_interval_s`` has passed since the last stored sample, so a flat trend still proves the
  tag was alive.

The comparison is always against the last *stored* sample, not the last scanned one, so a slow
drift of many sub-deadband steps is still recorded once it adds up.

The filter runs once per scan on arrays, so its state lives in numpy arrays indexed by *slot*
(0..n-1, assigned by the caller) and one call handles any subset of slots.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_NEVER = np.int64(np.iinfo(np.int64).min)


class StorageFilter:
    """Deadband / quality-change / heartbeat filter over ``n`` tag slots."""

    def __init__(self, deadbands: Sequence[float], max_intervals_s: Sequence[float]) -> None:
        if len(deadbands) != len(max_intervals_s):
            raise ValueError("deadbands and max_intervals_s need the same length")
        self._deadband = np.asarray(deadbands, dtype=np.float64)
        if np.any(self._deadband < 0) or np.any(np.isnan(self._deadband)):
            raise ValueError("deadbands must be >= 0")
        self._max_interval_us = np.round(
            np.asarray(max_intervals_s, dtype=np.float64) * 1e6
        ).astype(np.int64)
        n = len(self._deadband)
        self._value = np.full(n, np.nan)
        self._quality = np.full(n, -1, dtype=np.int16)  # -1: nothing stored yet
        self._ts_us = np.full(n, _NEVER, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._deadband)

    def select(
        self,
        slots: npt.ArrayLike,
        ts_us: npt.ArrayLike,
        values: npt.ArrayLike,
        qualities: npt.ArrayLike,
    ) -> npt.NDArray[np.bool_]:
        """Mask of the samples to store; remembers them as the new "last stored".

        ``slots`` must not repeat within one call (one sample per tag per scan). ``ts_us`` may be
        a scalar (one timestamp for the whole scan) or one per sample.
        """
        idx = np.asarray(slots, dtype=np.intp)
        val = np.asarray(values, dtype=np.float64)
        qual = np.asarray(qualities, dtype=np.int16)
        ts = np.broadcast_to(np.asarray(ts_us, dtype=np.int64), idx.shape)

        last_val = self._value[idx]
        last_q = self._quality[idx]
        first = last_q < 0
        quality_changed = qual != last_q
        new_nan = np.isnan(val)
        nan_changed = new_nan != np.isnan(last_val)
        with np.errstate(invalid="ignore"):
            moved = np.abs(val - last_val) > self._deadband[idx]
        # Heartbeat; written as a subtraction guarded by `first` so _NEVER cannot overflow.
        elapsed = np.where(first, 0, ts - np.where(first, 0, self._ts_us[idx]))
        due = elapsed >= self._max_interval_us[idx]

        keep = first | quality_changed | nan_changed | moved | due
        stored = idx[keep]
        self._value[stored] = val[keep]
        self._quality[stored] = qual[keep]
        self._ts_us[stored] = ts[keep]
        return keep
