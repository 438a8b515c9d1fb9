"""TrendModel: pens, the visible time range and decimated data per pen.

Pan and zoom only *request* a range; the fetch is debounced (``DEBOUNCE_S``) so a drag makes
one request when it stops, not one per mouse event, and answers for a superseded range are
dropped (``_generation``). The edge decimates server-side to about ``points`` buckets, so the
HMI never pulls raw rows for a long range.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from hmi.api.types import Trend
from hmi.components.events import Event
from hmi.components.trend_sets import PenSetting, TrendSet
from hmi.components.units import UnitsModel

log = logging.getLogger(__name__)

DEBOUNCE_S = 0.35
#: pens on one chart, each with its own Y axis (the issue's 10-pen trend, and two to spare)
MAX_PENS = 12
PRESETS: dict[str, timedelta] = {
    "10m": timedelta(minutes=10), "1h": timedelta(hours=1), "8h": timedelta(hours=8),
    "24h": timedelta(hours=24), "7d": timedelta(days=7),
}

Fetcher = Callable[[str, datetime, datetime, int], Awaitable[Trend]]


@dataclass
class Series:
    """One pen's data as plain lists (epoch seconds), ready for numpy/pyqtgraph."""

    t: list[float] = field(default_factory=list)
    avg: list[float] = field(default_factory=list)
    vmin: list[float] = field(default_factory=list)
    vmax: list[float] = field(default_factory=list)
    suspect: list[bool] = field(default_factory=list)  # bucket had non-GOOD samples
    bucket_s: float = 0.0
    #: drawn, not stored: a value held by the storage rule (``of``); empty: none held
    held: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, trend: Trend, now: datetime | None = None) -> Series:
        """The buckets, plus the held values the historian's storage rule implies: it stores a
        sample on change (deadband) or quality change, and at least every ``hold_s`` (the
        heartbeat). So a steady value is drawn flat from the sample before the window
        (``prior``, when GOOD) to the first bucket, and from the last bucket's last GOOD value
        up to now or the window's end, each at most ``hold_s`` after its sample: past that
        the storage stopped (the edge was down) and the trend shows a gap."""
        s = cls(bucket_s=trend.bucket_s)
        nan = float("nan")
        start, end = trend.start.timestamp(), trend.end.timestamp()
        stop = min(end, (now or datetime.now(UTC)).timestamp())
        first = trend.points[0].t.timestamp() if trend.points else stop
        hold, prior = trend.hold_s, trend.prior
        if hold and prior is not None and prior.quality == "GOOD" and prior.value is not None:
            until = min(first, prior.t.timestamp() + hold)
            if until > start:
                s._add(start, prior.value)
                s._add(until, prior.value)
        for p in trend.points:
            s.t.append(p.t.timestamp())
            s.avg.append(p.avg if p.avg is not None else nan)
            s.vmin.append(p.min if p.min is not None else nan)
            s.vmax.append(p.max if p.max is not None else nan)
            s.suspect.append(p.nbad > 0 or p.count == 0)
            s.held.append(False)
        last = trend.points[-1] if trend.points else None
        if hold and last is not None and last.last is not None:
            sampled = last.t.timestamp() + trend.bucket_s  # its last sample: within the bucket
            until = min(stop, sampled + hold)
            if until > sampled:
                s._add(sampled, last.last)
                s._add(until, last.last)
        return s

    def _add(self, t: float, v: float) -> None:
        self.t.append(t)
        self.avg.append(v)
        self.vmin.append(v)
        self.vmax.append(v)
        self.suspect.append(False)
        self.held.append(True)


@dataclass(frozen=True)
class Pen:
    tag: str
    units: str
    description: str = ""
    #: fixed Y axis (the tag's own units) from a saved trend set; None: automatic
    y_range: tuple[float, float] | None = None
    #: ``#rrggbb`` from a saved trend set; None: the palette's colour for its position
    color: str | None = None


class TrendModel:
    def __init__(self, fetch: Fetcher, points: int = 800) -> None:
        self._fetch = fetch
        self.points = points
        self.pens: list[Pen] = []
        self.data: dict[str, Series] = {}
        now = datetime.now(UTC)
        self.start, self.end = now - PRESETS["1h"], now
        self.live = True
        self.fetches = 0  # requests made (tests check that a drag makes one)
        self.error = ""
        self.pens_changed = Event()
        self.range_changed = Event()
        self.data_changed = Event()
        self._generation = 0
        self._pending: asyncio.TimerHandle | None = None
        self._task: asyncio.Task[None] | None = None

    # -- pens --------------------------------------------------------------------------------
    def add_pen(self, pen: Pen) -> bool:
        if len(self.pens) >= MAX_PENS or any(p.tag == pen.tag for p in self.pens):
            return False
        self.pens.append(pen)
        self.pens_changed.emit()
        self.refresh()
        return True

    def remove_pen(self, tag: str) -> None:
        self.pens = [p for p in self.pens if p.tag != tag]
        self.data.pop(tag, None)
        self.pens_changed.emit()
        self.data_changed.emit()

    # -- range -------------------------------------------------------------------------------
    def set_preset(self, key: str) -> None:
        """Last ``key`` (e.g. "1h") up to now, following live."""
        self.set_span(PRESETS[key])

    def request_range(self, start: datetime, end: datetime) -> None:
        """The operator panned/zoomed: leave live mode, fetch once the gesture settles."""
        if end <= start:
            return
        self.live = end >= datetime.now(UTC) - timedelta(seconds=5) and self.live
        self._set_range(start, end)
        self._schedule(DEBOUNCE_S)

    def set_span(self, span: timedelta) -> None:
        """Live, the last ``span`` up to now (a preset or a saved set's own length)."""
        now = datetime.now(UTC)
        self.live = True
        self._set_range(now - span, now)
        self.refresh()

    def preset_key(self) -> str | None:
        """The preset the live window matches (None: historical or another length)."""
        span = self.end - self.start
        return next((k for k, v in PRESETS.items()
                     if self.live and abs((v - span).total_seconds()) < 1), None)

    # -- trend sets ----------------------------------------------------------------------------
    def snapshot(self, name: str,
                 axes: Mapping[str, tuple[float, float] | None] | None = None,
                 colors: Mapping[str, str] | None = None) -> TrendSet:
        """The current pens and time span as a trend set. ``axes``: each pen's Y range as
        shown (the tag's units; None: automatic), ``colors``: as drawn; a pen missing from
        them keeps what it has."""
        axes, colors = axes or {}, colors or {}
        pens = []
        for p in self.pens:
            rng = axes.get(p.tag, p.y_range)
            pens.append(PenSetting(tag=p.tag, y_min=rng[0] if rng else None,
                                   y_max=rng[1] if rng else None,
                                   color=colors.get(p.tag, p.color)))
        span = self.end - self.start
        return TrendSet(name=name, pens=tuple(pens), live=self.live, span=span,
                        start=None if self.live else self.start,
                        end=None if self.live else self.end, saved_at=datetime.now(UTC))

    def apply_set(self, trend_set: TrendSet,
                  resolve: Callable[[PenSetting], Pen | None]) -> list[str]:
        """Replace the pens and the time span with ``trend_set``'s. ``resolve`` makes the pen
        of a saved tag (units and description from the edge) or None when the edge does not
        know it; returns those unknown tags (the rest is shown). One fetch, not one per pen."""
        pens: list[Pen] = []
        missing: list[str] = []
        for setting in trend_set.pens[:MAX_PENS]:
            pen = resolve(setting)
            if pen is None:
                missing.append(setting.tag)
            else:
                pens.append(pen)
        self.pens = pens
        self.data = {}
        self.pens_changed.emit()
        self.data_changed.emit()
        if trend_set.live or trend_set.start is None or trend_set.end is None:
            self.set_span(trend_set.span)
        else:
            self.live = False
            self._set_range(trend_set.start, trend_set.end)
            self.refresh()
        return missing

    def _set_range(self, start: datetime, end: datetime) -> None:
        self.start, self.end = start, end
        self.range_changed.emit()

    def follow_live(self) -> None:
        """Periodic tick in live mode: slide the window to now and refetch."""
        if not self.live:
            return
        span = self.end - self.start
        now = datetime.now(UTC)
        self._set_range(now - span, now)
        self.refresh()

    # -- fetching ----------------------------------------------------------------------------
    def _schedule(self, delay: float) -> None:
        if self._pending is not None:
            self._pending.cancel()
        loop = asyncio.get_event_loop()
        self._pending = loop.call_later(delay, self.refresh)

    def refresh(self) -> None:
        """Fetch the current range for every pen now (cancels a pending debounce)."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        if not self.pens:
            return
        self._generation += 1
        self._task = asyncio.ensure_future(self._load(self._generation, self.start, self.end))

    async def _load(self, generation: int, start: datetime, end: datetime) -> None:
        self.fetches += 1
        results: dict[str, Series] = {}
        error = ""
        for pen in list(self.pens):
            try:
                results[pen.tag] = Series.of(await self._fetch(pen.tag, start, end, self.points))
            except Exception as exc:  # shown on the chart; other pens still draw
                error = str(exc) or type(exc).__name__
                log.warning("trend fetch %s failed: %s", pen.tag, error)
        if generation != self._generation:
            return  # a newer range was requested meanwhile
        self.error = error
        self.data.update(results)
        self.data_changed.emit()

    async def wait_idle(self) -> None:
        """For tests: until the pending debounce and its fetch are done."""
        for _ in range(200):
            if self._pending is None:
                break
            await asyncio.sleep(0.05)
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task


def csv_rows(model: TrendModel, units: UnitsModel) -> Iterator[list[Any]]:
    """The trend's stored buckets as CSV rows (a header first), in the display units; held
    values (drawn, not stored: ``Series.held``) are left out."""
    yield ["tag", "time", "avg", "min", "max", "suspect", "units"]
    for pen in model.pens:
        s = model.data.get(pen.tag)
        if s is None:
            continue
        conv = units.converter(pen.units)
        held = s.held or [False] * len(s.t)
        for t, a, lo, hi, bad, drawn_only in zip(s.t, s.avg, s.vmin, s.vmax, s.suspect, held,
                                                 strict=True):
            if not drawn_only:
                yield [pen.tag, datetime.fromtimestamp(t, UTC).isoformat(), conv(a), conv(lo),
                       conv(hi), int(bad), units.units(pen.units)]
