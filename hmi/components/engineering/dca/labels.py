"""How the analysis is named: the decline models offered and their labels, the reasons a
point was left out of the fit, and ``fmt`` for every number shown.

Labels take a ``tr`` (the widget's translate) because the model may not import Qt; the
English strings are the keys of the Spanish runtime translations.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.engineering import dca
from hmi.components.numbers import significant

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
    """``sig`` significant digits, no exponent for field-sized numbers (cumulatives in bbl)."""
    return significant(v, sig, sci_above=1e9, sci_below=1e-4)


def tr_month(tr: Translate) -> str:
    return tr("month")
