"""JournalSearchModel: the operator's alarm journal search (Qt-free).

A search asks the edge for the newest page that matches (``JournalQuery``); "load more" asks
for the next older page with the edge's keyset cursor, so the rows shown never shift or repeat
while the journal grows. An answer for a superseded search is dropped (``_generation``). At
most ``MAX_ROWS`` rows are held: past that the operator is asked to narrow the search.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from hmi.api.types import JournalEntry, JournalPage
from hmi.components.events import Event

#: the journal's event kinds (domain/alarms/state.py ``Event`` plus the operator's comment)
EVENTS = ("activate", "return_to_normal", "acknowledge", "reset", "shelve", "unshelve",
          "comment", "suppress", "unsuppress", "remove_from_service", "return_to_service")
PRIORITIES = ("critical", "high", "medium", "low")
PAGE_SIZE = 200
#: rows held in memory (and exported) at most; the edge pages 1000 at most per request
MAX_ROWS = 20_000
#: the edge's limit on one search's time range (edge_server/api/alarms.py JOURNAL_MAX_DAYS)
MAX_SPAN = timedelta(days=400)
#: quick ranges the screen offers: key -> span back from now
RANGES: dict[str, timedelta] = {
    "1h": timedelta(hours=1), "8h": timedelta(hours=8), "24h": timedelta(hours=24),
    "7d": timedelta(days=7), "30d": timedelta(days=30),
}

Search = Callable[..., Awaitable[JournalPage]]


class QueryError(ValueError):
    """The query cannot be sent; ``args[0]`` is an English sentence for ``tr()``."""


@dataclass(frozen=True)
class JournalQuery:
    """What to look for. Empty texts and tuples mean "any"."""

    start: datetime
    end: datetime
    name: str = ""
    area: str = ""
    priorities: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    user: str = ""
    text: str = ""

    def check(self) -> None:
        """Raise QueryError when the edge would refuse it (better said here, before asking)."""
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise QueryError("Times need a time zone")
        if self.end <= self.start:
            raise QueryError("The end of the range must be after its start")
        if self.end - self.start > MAX_SPAN:
            raise QueryError("Search at most 400 days at a time")
        if len(self.text) > 200 or len(self.name) > 160:
            raise QueryError("The search text is too long")

    def params(self) -> dict[str, Any]:
        """Keyword arguments of ``ApiClient.journal_search``."""
        return {"start": self.start, "end": self.end, "name": self.name.strip() or None,
                "area": self.area or None, "priorities": self.priorities,
                "events": self.events, "user": self.user.strip() or None,
                "text": self.text.strip() or None}


class JournalSearchModel:
    """Rows of the current search, newest first. Events: ``reset`` (a new search's first page
    or cleared), ``appended(first, count)`` (an older page), ``state_changed`` (loading,
    error, more available)."""

    def __init__(self, search: Search, page_size: int = PAGE_SIZE,
                 max_rows: int = MAX_ROWS) -> None:
        self._search = search
        self.page_size = page_size
        self.max_rows = max_rows
        self.query: JournalQuery | None = None
        self.entries: list[JournalEntry] = []
        self.next_before_id: int | None = None
        self.loading = False
        self.error: Exception | None = None
        self.reset = Event()
        self.appended = Event()
        self.state_changed = Event()
        self._generation = 0

    @property
    def has_more(self) -> bool:
        return self.next_before_id is not None and len(self.entries) < self.max_rows

    @property
    def truncated(self) -> bool:
        """More rows match than are held (narrow the search to see them)."""
        return self.next_before_id is not None and len(self.entries) >= self.max_rows

    def set_search(self, search: Search) -> None:
        self._search = search

    async def search(self, query: JournalQuery) -> None:
        """Start a new search: clears the rows, loads the newest page. Raises QueryError."""
        query.check()
        self._generation += 1
        generation = self._generation
        self.query = query
        self.entries, self.next_before_id = [], None
        self.reset.emit()
        await self._page(generation, None)

    async def load_more(self) -> None:
        """The next older page of the current search (nothing if there is none)."""
        if self.query is None or not self.has_more or self.loading:
            return
        await self._page(self._generation, self.next_before_id)

    async def load_all(self) -> None:
        """Every matching row up to ``max_rows`` (for an export of the whole search)."""
        while self.has_more and self.error is None:
            before = len(self.entries)
            await self.load_more()
            if len(self.entries) == before:
                break

    async def _page(self, generation: int, before_id: int | None) -> None:
        assert self.query is not None
        self.loading, self.error = True, None
        self.state_changed.emit()
        limit = min(self.page_size, self.max_rows - len(self.entries))
        try:
            page = await self._search(**self.query.params(), before_id=before_id, limit=limit)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # shown by the screen; the rows already loaded stay
            if generation == self._generation:
                self.loading, self.error = False, exc
                self.state_changed.emit()
            return
        if generation != self._generation:
            return  # a newer search was started meanwhile
        first = len(self.entries)
        self.entries.extend(page.entries)
        self.next_before_id = page.next_before_id
        self.loading = False
        if before_id is None:
            self.reset.emit()
        elif page.entries:
            self.appended.emit(first, len(page.entries))
        self.state_changed.emit()

    def clear(self) -> None:
        self._generation += 1
        self.query, self.entries, self.next_before_id = None, [], None
        self.loading, self.error = False, None
        self.reset.emit()
        self.state_changed.emit()
