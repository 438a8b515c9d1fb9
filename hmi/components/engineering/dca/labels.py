"""How the analysis is named: the decline models offered and their labels, the reasons a
point was left out of the fit, and ``fmt`` for every number shown.

Labels take a ``tr`` (the widget's translate) because the model may not import Qt; the
English strings are the keys of the Spanish runtime translations.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from domain.engineering import dca

Translate = Callable[[str], str]


#: the models of :func:`domain.engineering.dca.fit`, in the order offered
MODELS: tuple[str, ...] = ("exponential", "hyperbolic", "harmonic", "modified_hyperbolic",
                           "duong", "stretched_exponential")


def _identity(text: str) -> str:
    return text


def model_label(name: str, tr: Translate = _identity) -> str:
    return {
        "exponential": tr("Exponential (Arps, b = 0)"),
        "hyperbolic": tr("Hyperbolic (Arps)"),
        "harmonic": tr("Harmonic (Arps, b = 1)"),
        "modified_hyperbolic": tr("Modified hyperbolic (terminal decline)"),
        "duong": tr("Duong (fractured shale)"),
        "stretched_exponential": tr("Stretched exponential (SEPD)"),
    }.get(name, name)


def reason_label(code: int, tr: Translate = _identity) -> str:
    return {
        dca.Exclusion.USED: tr("used"),
        dca.Exclusion.OUTSIDE_WINDOW: tr("outside the fit window"),
        dca.Exclusion.MISSING: tr("missing"),
        dca.Exclusion.NEGATIVE: tr("negative rate"),
        dca.Exclusion.SHUT_IN: tr("shut in"),
        dca.Exclusion.LOW_UPTIME: tr("low uptime"),
        dca.Exclusion.OUTLIER: tr("outlier"),
    }.get(dca.Exclusion(code), str(code))


def fmt(v: float | None, sig: int = 4) -> str:
    """``sig`` significant digits, thousands grouped, no exponent for field-sized numbers."""
    if v is None or not math.isfinite(v):
        return "—"
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e9 or a < 1e-4:
        return f"{v:.{sig - 1}e}"
    digits = max(0, sig - 1 - math.floor(math.log10(a)))
    return f"{v:,.{digits}f}"


def tr_month(tr: Translate) -> str:
    return tr("month")
