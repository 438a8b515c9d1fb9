"""A minimal event: ``connect`` a callback, ``emit`` to call every callback.

Why not Qt signals: the models must be testable and usable without Qt (napari's rule); the
widgets connect to these events and update themselves on the Qt thread (qasync runs asyncio on
the same thread, so no marshalling is needed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class Event:
    """Callbacks called in connection order; one failing callback does not starve the rest."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> None:
        if callback not in self._callbacks:
            self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for cb in list(self._callbacks):
            try:
                cb(*args)
            except Exception:
                log.exception("event callback %r failed", cb)
