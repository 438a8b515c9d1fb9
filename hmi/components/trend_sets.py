"""Saved trend sets: a name, the pens (tag, Y axis range or auto, colour) and the time span
(live: the last N minutes up to now; historical: a fixed start and end).

Stored per user on the control-room PC (``platformdirs`` user config dir), one JSON file per
set, so one damaged file costs that set only. Writes are atomic (a temporary file in the same
folder, fsync, ``os.replace``): a power cut leaves the old set or the new one, never half a
file. A file that cannot be read is reported with its path and reason and left where it is; if
the operator saves a set of the same name over it, it is first renamed aside
(``*.corrupt-<time>.json``), never overwritten.

Why not on the edge (shared by every control-room PC): that needs a table, a migration and
an API; the file format here (``TrendSet.to_json``) is what such an endpoint would store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs

SCHEMA = 1
MAX_NAME = 80
MAX_SPAN = timedelta(days=366)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class TrendSetError(ValueError):
    """A trend set file or name is unusable; the message names the file and the reason."""


class TrendSetExists(TrendSetError):
    """Saving would replace a set of the same name (ask the operator first)."""


def check_name(name: str) -> str:
    """The set's name, stripped; raises TrendSetError when empty, too long or with control
    characters."""
    name = name.strip()
    if not name:
        raise TrendSetError("empty name")
    if len(name) > MAX_NAME:
        raise TrendSetError(f"name longer than {MAX_NAME} characters")
    if any(ord(ch) < 32 for ch in name):
        raise TrendSetError("control characters in the name")
    return name


@dataclass(frozen=True)
class PenSetting:
    """One pen of a set. ``y_min``/``y_max`` in the tag's own (edge) units, both None for an
    automatic axis; ``color`` ``#rrggbb`` or None for the palette's."""

    tag: str
    y_min: float | None = None
    y_max: float | None = None
    color: str | None = None

    @property
    def y_range(self) -> tuple[float, float] | None:
        if self.y_min is None or self.y_max is None:
            return None
        return self.y_min, self.y_max


@dataclass(frozen=True)
class TrendSet:
    name: str
    pens: tuple[PenSetting, ...] = ()
    live: bool = True
    #: live: the window's length; historical: ``end - start``
    span: timedelta = timedelta(hours=1)
    #: historical only
    start: datetime | None = None
    end: datetime | None = None
    saved_at: datetime | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA, "name": self.name,
            "pens": [{"tag": p.tag, "y_min": p.y_min, "y_max": p.y_max, "color": p.color}
                     for p in self.pens],
            "live": self.live, "span_s": self.span.total_seconds(),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "saved_at": (self.saved_at or datetime.now(UTC)).isoformat(),
        }

    @classmethod
    def from_json(cls, d: Any) -> TrendSet:
        """Raises TrendSetError naming what is wrong (never a KeyError deep in a widget)."""
        try:
            if not isinstance(d, dict):
                raise TrendSetError("not a JSON object")
            if d.get("schema") != SCHEMA:
                raise TrendSetError(f"unknown format version {d.get('schema')!r}")
            name = check_name(str(d["name"]))
            pens = tuple(_pen(p) for p in d["pens"])
            if len({p.tag for p in pens}) != len(pens):
                raise TrendSetError("a tag appears twice")
            live = bool(d["live"])
            span = timedelta(seconds=float(d["span_s"]))
            if not timedelta(seconds=10) <= span <= MAX_SPAN:
                raise TrendSetError("time span out of range")
            start = _time(d.get("start"))
            end = _time(d.get("end"))
            if not live and (start is None or end is None or end <= start):
                raise TrendSetError("a historical set needs start < end")
            return cls(name=name, pens=pens, live=live, span=span,
                       start=None if live else start, end=None if live else end,
                       saved_at=_time(d.get("saved_at")))
        except TrendSetError:
            raise
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise TrendSetError(f"{type(exc).__name__}: {exc}") from None


def _pen(d: Any) -> PenSetting:
    if not isinstance(d, dict) or not isinstance(d.get("tag"), str) or not d["tag"]:
        raise TrendSetError("a pen without a tag")
    raw_lo, raw_hi = d.get("y_min"), d.get("y_max")
    lo = hi = None
    if (raw_lo is None) != (raw_hi is None):
        raise TrendSetError(f"{d['tag']}: axis range needs both ends")
    if raw_lo is not None and raw_hi is not None:
        lo, hi = float(raw_lo), float(raw_hi)
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise TrendSetError(f"{d['tag']}: axis range {lo}..{hi}")
    color = d.get("color")
    if color is not None and not (isinstance(color, str) and _COLOR.match(color)):
        raise TrendSetError(f"{d['tag']}: colour {color!r}")
    return PenSetting(tag=d["tag"], y_min=lo, y_max=hi, color=color)


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    t = datetime.fromisoformat(str(value))
    if t.tzinfo is None:
        raise TrendSetError(f"time without a time zone: {value}")
    return t


@dataclass(frozen=True)
class Problem:
    """A file in the folder that could not be read (left in place)."""

    path: Path
    reason: str


def default_folder() -> Path:
    return Path(platformdirs.user_config_dir("oilfield", appauthor=False)) / "hmi" / "trend_sets"


class TrendSetStore:
    """The operator's saved trend sets in ``folder`` (created on the first save)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_folder()
        #: files found unreadable by the last ``names()``
        self.problems: list[Problem] = []

    @staticmethod
    def file_name(name: str) -> str:
        """A portable file name for ``name``: readable part + hash (names differing only in
        case are the same set, as on Windows' file systems)."""
        key = check_name(name).casefold()
        readable = re.sub(r"[^\w.-]+", "_", key, flags=re.ASCII).strip("._")[:40] or "set"
        return f"{readable}-{hashlib.sha256(key.encode()).hexdigest()[:10]}.json"

    def path(self, name: str) -> Path:
        return self.folder / self.file_name(name)

    def _read(self, path: Path) -> TrendSet:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise TrendSetError(f"{path}: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise TrendSetError(f"{path}: not valid JSON ({exc})") from None
        try:
            return TrendSet.from_json(data)
        except TrendSetError as exc:
            raise TrendSetError(f"{path}: {exc}") from None

    def names(self) -> list[str]:
        """Every readable set's name, sorted for people; unreadable files go to ``problems``."""
        self.problems = []
        out: list[str] = []
        if not self.folder.is_dir():
            return out
        for path in sorted(self.folder.glob("*.json")):
            if ".corrupt-" in path.name:
                continue
            try:
                out.append(self._read(path).name)
            except TrendSetError as exc:
                self.problems.append(Problem(path, str(exc)))
        return sorted(out, key=str.casefold)

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def load(self, name: str) -> TrendSet:
        """Raises TrendSetError (missing or damaged file: the message says which and why)."""
        return self._read(self.path(name))

    def save(self, trend_set: TrendSet, *, overwrite: bool = False) -> Path:
        """Write atomically. Raises TrendSetExists when the name is taken and not
        ``overwrite``; a damaged file in the way is renamed aside first, never lost."""
        name = check_name(trend_set.name)
        path = self.path(name)
        if path.exists():
            try:
                self._read(path)
            except TrendSetError:
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
                path.replace(path.with_name(f"{path.stem}.corrupt-{stamp}.json"))
            else:
                if not overwrite:
                    raise TrendSetExists(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        body = json.dumps({**trend_set.to_json(), "name": name}, ensure_ascii=False, indent=2)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return path

    def delete(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(name).unlink()
