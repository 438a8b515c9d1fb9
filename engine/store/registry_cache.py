"""A local copy of the tag-id map, so the engine can scan (and spill) while PostgreSQL is down.

The engine needs tag ids before the first sample can be stored. If the database is unreachable
at start (the edge box rebooted before the database server did), the last map written here is
used, provided it covers every tag in the current config.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def save(path: Path, tag_ids: dict[str, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(tag_ids, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def load(path: Path, needed: set[str]) -> dict[str, int] | None:
    """The cached map if it has an id for every needed tag, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not needed <= set(data):
        return None
    return {name: int(data[name]) for name in needed}
