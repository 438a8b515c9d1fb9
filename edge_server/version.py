"""The installed product version (from the package metadata, one source of truth)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def product_version() -> str:
    try:
        return version("oilfield-edge")
    except PackageNotFoundError:
        return "0+unknown"
