"""Numbers as the engineer types them (decimal comma, grouping) and as the window shows
them (significant figures, oilfield multiples such as MMSTB and Bscf).

One place for both so the history table, the form, the results and the report agree.
"""

from __future__ import annotations

import math

import numpy as np

from hmi.components.numbers import significant


def parse_number(text: str) -> float | None:
    """A number typed by an engineer: blank → None; ``1,25`` (decimal comma) and ``1.234,5``
    / ``1,234.5`` (grouped) accepted. ``ValueError`` when it is not a number."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        return None
    if "," in s and "." in s:
        # the last separator is the decimal one
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else \
            s.replace(",", "")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    v = float(s)  # raises ValueError
    if not math.isfinite(v):
        raise ValueError(text)
    return v


def sig(v: float, digits: int = 4) -> str:
    """``v`` to ``digits`` significant figures, never in scientific notation (volumes are
    scaled to MM/B first by :func:`volume`)."""
    return significant(v, digits, sci_above=math.inf, sci_below=0.0)


def volume(v: float, unit: str) -> str:
    """A volume with the oilfield multiple that reads best: 312.4 MMSTB, 14.21 Bscf."""
    if not math.isfinite(v):
        return sig(v)
    a = abs(v)
    if a >= 1e9:
        return f"{sig(v / 1e9)} B{unit}" if unit == "scf" else f"{sig(v / 1e6)} MM{unit}"
    if a >= 1e6:
        return f"{sig(v / 1e6)} MM{unit}"
    if a >= 1e3:
        return f"{sig(v / 1e3)} M{unit}"
    return f"{sig(v)} {unit}"


def _scale_for(values: np.ndarray, unit: str) -> tuple[float, str]:
    """A plotting multiple for a volume axis: (divisor, "MMSTB")."""
    finite = values[np.isfinite(values)]
    a = float(np.max(np.abs(finite))) if finite.size else 0.0
    if unit == "scf" and a >= 1e9:
        return 1e9, "Bscf"
    if a >= 1e6:
        return 1e6, "MM" + unit
    if a >= 1e3:
        return 1e3, "M" + unit
    return 1.0, unit


def _pm(value: float, err: float) -> str:
    if not (math.isfinite(err) and value):
        return ""
    return f" ± {100 * err / abs(value):.1f} %"
