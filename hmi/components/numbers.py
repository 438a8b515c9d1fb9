"""Numbers as engineers read them: significant figures, thousands grouped, scientific
notation only outside the range where it helps (compressibilities, Bg in rb/scf, OGIP in scf).
One rule for every analysis screen and printed report, so a figure reads the same on both."""

from __future__ import annotations

import math

MISSING = "—"


def significant(value: float | None, digits: int = 4, *, sci_above: float = 1e7,
                sci_below: float = 1e-3) -> str:
    """``value`` to ``digits`` significant figures with thousands grouped ("1,234", "0.5776");
    ``a.bcde±XX`` when ``|value|`` >= ``sci_above`` or < ``sci_below``; None or NaN → "—",
    infinities → "∞" / "-∞"."""
    if value is None or math.isnan(value):
        return MISSING
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    a = abs(value)
    if a == 0:
        return "0"
    if a >= sci_above or a < sci_below:
        return f"{value:.{digits - 1}e}"
    decimals = max(0, digits - 1 - math.floor(math.log10(a)))
    return f"{value:,.{decimals}f}"
