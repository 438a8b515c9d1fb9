"""Input checks shared by the material-balance solvers.

Every check raises ``ValueError`` with a message that names the column and the row, because
the HMI shows the message next to the table the engineer typed in.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MIN_STEPS = 3  # the initial survey and at least two after it


def column(name: str, values: npt.ArrayLike) -> FloatArray:
    """``values`` as a finite 1-D float array."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: not a list of numbers ({exc})") from None
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected one value per pressure step (a 1-D list)")
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        raise ValueError(f"{name}: row {int(bad[0])} is not a finite number")
    return arr


def optional_column(name: str, values: npt.ArrayLike | None, n: int, default: float) -> FloatArray:
    """``values`` checked like :func:`column`, or ``default`` repeated when not given."""
    if values is None:
        return np.full(n, default, dtype=np.float64)
    return column(name, values)


def gather(
    required: dict[str, FloatArray], optional: Iterable[tuple[str, npt.ArrayLike | None]]
) -> tuple[dict[str, FloatArray], int]:
    """The required columns plus each optional one given, checked to the same length (and
    to :data:`MIN_STEPS`); returns them by name and their length."""
    cols = dict(required)
    for name, values in optional:
        if values is not None:
            cols[name] = column(name, values)
    return cols, same_length(cols)


def same_length(columns: dict[str, FloatArray]) -> int:
    """The common length; ``ValueError`` naming the columns that differ."""
    lengths = {name: len(arr) for name, arr in columns.items()}
    n = max(lengths.values())
    short = {name: ln for name, ln in lengths.items() if ln != n}
    if short:
        detail = ", ".join(f"{k} has {v}" for k, v in sorted(short.items()))
        raise ValueError(f"all columns need the same number of rows ({n}); {detail}")
    if n < MIN_STEPS:
        raise ValueError(
            f"need at least {MIN_STEPS} pressure steps (the initial survey and two after it), "
            f"got {n}"
        )
    return n


def positive(name: str, arr: FloatArray) -> None:
    bad = np.flatnonzero(arr <= 0.0)
    if bad.size:
        raise ValueError(f"{name}: must be > 0 (row {int(bad[0])} is {arr[bad[0]]:g})")


def non_negative(name: str, arr: FloatArray) -> None:
    bad = np.flatnonzero(arr < 0.0)
    if bad.size:
        raise ValueError(
            f"{name}: volumes cannot be negative (row {int(bad[0])} is {arr[bad[0]]:g})"
        )


def cumulative(name: str, arr: FloatArray) -> None:
    """A cumulative volume: zero at the initial survey, never negative, never decreasing."""
    non_negative(name, arr)
    if arr[0] != 0.0:
        raise ValueError(f"{name}: row 0 is the initial survey, its cumulative must be 0")
    drops = np.flatnonzero(np.diff(arr) < 0.0)
    if drops.size:
        k = int(drops[0]) + 1
        raise ValueError(f"{name}: a cumulative cannot decrease (row {k} is below row {k - 1})")


def strictly_increasing(name: str, arr: FloatArray) -> None:
    steps = np.flatnonzero(np.diff(arr) <= 0.0)
    if steps.size:
        k = int(steps[0]) + 1
        raise ValueError(
            f"{name}: must increase from row to row (row {k} is not after row {k - 1})"
        )


def non_increasing(name: str, arr: FloatArray, why: str) -> None:
    rises = np.flatnonzero(np.diff(arr) > 0.0)
    if rises.size:
        k = int(rises[0]) + 1
        raise ValueError(f"{name}: must not rise from row to row {why} (row {k} > row {k - 1})")


def fraction(name: str, value: float, upper_inclusive: bool = False) -> float:
    v = float(value)
    ok = 0.0 <= v <= 1.0 if upper_inclusive else 0.0 <= v < 1.0
    if not (ok and np.isfinite(v)):
        raise ValueError(f"{name}: must be a fraction in [0, 1), got {value!r}")
    return v


def compressibility(name: str, value: float) -> float:
    v = float(value)
    if not (np.isfinite(v) and 0.0 <= v < 1e-2):
        raise ValueError(
            f"{name}: a compressibility in 1/psi, >= 0 and well below 0.01, got {value!r}"
        )
    return v


def used_mask(n: int, exclude: Iterable[int]) -> BoolArray:
    """Rows that enter the fit: every row but the initial one (the origin) and ``exclude``."""
    used = np.ones(n, dtype=np.bool_)
    used[0] = False
    for k in exclude:
        i = int(k)
        if not 0 <= i < n:
            raise ValueError(f"exclude: row {k} is not in the table (0..{n - 1})")
        used[i] = False
    return used


def enough_points(used: BoolArray, n_parameters: int) -> None:
    """At least one more fitted row than unknowns, so the fit has a residual to judge."""
    n = int(used.sum())
    if n < n_parameters + 1:
        raise ValueError(
            f"{n} usable pressure step(s) after the initial one; fitting {n_parameters} unknown(s) "
            f"needs at least {n_parameters + 1}"
        )
