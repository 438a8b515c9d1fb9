"""The nodal model's translation hook: one module-level ``tr()`` every nodal module calls,
which the widget points at Qt's translate with :func:`set_translator`.
"""

from __future__ import annotations

from collections.abc import Callable

# -- translation hook ---------------------------------------------------------------------------
# The model may not import Qt; the widget installs QCoreApplication.translate here. Strings
# go through the module-level tr() so that lupdate finds them.

_translator: list[Callable[[str], str]] = [lambda s: s]


def set_translator(fn: Callable[[str], str]) -> None:
    _translator[0] = fn


def tr(text: str) -> str:
    return _translator[0](text)
