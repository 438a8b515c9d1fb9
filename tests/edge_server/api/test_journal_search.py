"""GET /api/alarms/journal as a search: every filter on its own and together against a real
PostgreSQL (hand-written journal rows whose answers are known), the bounded time range, keyset
paging, literal wildcards, and the plan over a generated 100k-row journal."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from psycopg_pool import ConnectionPool

from bench._alarm_journal import fill_journal, journal_period
from edge_server.api.alarms import JOURNAL_DEFAULT_DAYS, JOURNAL_MAX_DAYS, like_pattern
from edge_server.auth import AuthService, AuthSettings, Role
from engine.config import load_field, load_settings
from engine.lvc import LastValueCache
from tests.edge_server.api.conftest import (
    CONSOLE,
    LOCAL_ADMIN,
    PASSWORD,
    Pieces,
    make_app,
    write_site,
)

NOW = datetime.now(UTC).replace(microsecond=0)
T0 = NOW - timedelta(hours=6)

# (name, tag, area, priority 1..4, message)
DEFINITIONS = (
    ("W01.ESP.TEMP.HI", "W01.ESP.TEMP", "Campo/PAD-A/W01", 3, "Temperatura de motor alta"),
    ("W02.FLOW.LO", "W02.FLOW", "Campo/PAD-B/W02", 1, "Caudal bajo"),
    ("BAT1.TK1.LVL.HIHI", None, "Campo/BAT-1", 4, "Nivel de tanque 100% (rebalse)"),
    ("W01A.COMM", None, "Campo/PAD-A/W01A", 2, "Falla de comunicación"),
)
# (minutes after T0, alarm, event, user, comment)
ROWS = (
    (0, "W01.ESP.TEMP.HI", "activate", None, None),
    (2, "W01.ESP.TEMP.HI", "acknowledge", "operador1", "visto en campo"),
    (5, "W02.FLOW.LO", "activate", None, None),
    (7, "W02.FLOW.LO", "shelve", "Operador2", "sensor_en calibración"),
    (9, "BAT1.TK1.LVL.HIHI", "activate", None, None),
    (10, "BAT1.TK1.LVL.HIHI", "comment", "supervisor1", "camión pedido"),
    (12, "W01A.COMM", "activate", None, None),
    (20, "W01.ESP.TEMP.HI", "return_to_normal", None, None),
    (25, "BAT1.TK1.LVL.HIHI", "acknowledge", "operador1", None),
    (30, "W01A.COMM", "return_to_normal", None, None),
)
OLD = (-60 * 24 * (JOURNAL_DEFAULT_DAYS + 10), "W02.FLOW.LO", "activate", None, None)


@dataclass
class Search:
    client: httpx.AsyncClient
    ids: dict[int, int]  # ROWS index (or -1 for OLD) -> journal id

    async def get(self, **params: Any) -> httpx.Response:
        return await self.client.get("/api/alarms/journal", params=params)

    async def rows(self, **params: Any) -> list[int]:
        """The ROWS indexes returned (newest first)."""
        r = await self.get(**params)
        assert r.status_code == 200, r.text
        back = {v: k for k, v in self.ids.items()}
        return [back[e["id"]] for e in r.json()["entries"]]


def seed(conn: psycopg.Connection) -> dict[int, int]:
    alarm_ids: dict[str, int] = {}
    for name, tag, area, prio, message in DEFINITIONS:
        tag_id = None
        if tag is not None:
            row = conn.execute("INSERT INTO tags (name, data_type) VALUES (%s, 'float') "
                               "RETURNING id", [tag]).fetchone()
            assert row is not None
            tag_id = row[0]
        row = conn.execute(
            "INSERT INTO alarm_definitions (name, tag_id, kind, priority, area, message) "
            "VALUES (%s, %s, 'hi', %s, %s, %s) RETURNING id",
            [name, tag_id, prio, area, message]).fetchone()
        assert row is not None
        alarm_ids[name] = row[0]
    ids: dict[int, int] = {}
    for i, (minutes, alarm, event, user, comment) in [(-1, OLD), *enumerate(ROWS)]:
        row = conn.execute(
            """INSERT INTO alarm_journal (ts, alarm_id, area, priority, event, cause, old_state,
                                          new_state, annunciated, username, comment)
               SELECT %s, id, area, priority, %s, 'process', 'normal', 'unack', true, %s, %s
               FROM alarm_definitions WHERE id = %s RETURNING id""",
            [T0 + timedelta(minutes=minutes), event, user, comment, alarm_ids[alarm]]).fetchone()
        assert row is not None
        ids[i] = row[0]
    conn.commit()
    return ids


@pytest.fixture
def auth(database_url: str, tmp_path: Path) -> Iterator[AuthService]:
    service = AuthService(database_url, AuthSettings.load(tmp_path / "state", env={}))
    try:
        yield service
    finally:
        service.close()


@pytest.fixture
async def search(database_url: str, tmp_path: Path,
                 auth: AuthService) -> AsyncIterator[Search]:
    with psycopg.connect(database_url) as conn:
        ids = seed(conn)
    fld = load_field(load_settings(write_site(tmp_path)).field_path)
    auth.users.create_user(LOCAL_ADMIN, "viewer", Role.VIEWER, CONSOLE, password=PASSWORD,
                           must_change_password=False)
    token = auth.login("viewer", PASSWORD, CONSOLE).access_token
    with ConnectionPool(database_url, min_size=1, max_size=2) as pool:
        app = make_app(auth, Pieces(fld, LastValueCache()), pool)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://edge.test",
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            yield Search(client, ids)


ALL_RECENT = list(range(len(ROWS)))[::-1]


async def test_each_filter(search: Search) -> None:
    s = search
    assert await s.rows() == ALL_RECENT  # default range: newest first, not the old row
    # time range [start, end)
    assert await s.rows(start=(T0 + timedelta(minutes=5)).isoformat(),
                        end=(T0 + timedelta(minutes=12)).isoformat()) == [5, 4, 3, 2]
    # alarm or tag name contains, case-insensitive
    assert await s.rows(name="esp.temp") == [7, 1, 0]
    assert await s.rows(name="w02.flow") == [3, 2]  # the tag's name (and the alarm's)
    assert await s.rows(name="W01") == [9, 7, 6, 1, 0]  # W01.ESP.TEMP.HI and W01A.COMM
    assert await s.rows(alarm="W01A.COMM") == [9, 6]  # exact name (unchanged)
    # area and below, not its siblings with a longer name
    assert await s.rows(area="Campo/PAD-A/W01") == [7, 1, 0]
    assert await s.rows(area="Campo/PAD-A/") == [9, 7, 6, 1, 0]
    # priority: one, or several
    assert await s.rows(priority="critical") == [8, 5, 4]
    assert await s.rows(priority=["critical", "medium"]) == [9, 8, 6, 5, 4]
    # event kind: one, or several
    assert await s.rows(event="acknowledge") == [8, 1]
    assert await s.rows(event=["shelve", "comment"]) == [5, 3]
    # user: exact, case-insensitive
    assert await s.rows(user="OPERADOR2") == [3]
    assert await s.rows(user="operador") == []
    # free text in the alarm's message or the entry's comment
    assert await s.rows(text="CAMIÓN") == [5]  # comment
    assert await s.rows(text="caudal") == [3, 2]  # message
    # together
    assert await s.rows(name="W01", event="acknowledge", user="operador1",
                        priority="high") == [1]


async def test_wildcards_are_literal(search: Search) -> None:
    assert like_pattern("5%_a\\b") == "%5\\%\\_a\\\\b%"
    assert await search.rows(text="100%") == [8, 5, 4]
    assert await search.rows(text="%") == [8, 5, 4]  # only the message with a real "%"
    assert await search.rows(text="sensor_en") == [3]
    assert await search.rows(text="sensor_") == [3]
    assert await search.rows(name="_") == []
    assert await search.rows(text="' OR '1'='1") == []


async def test_time_range_is_bounded(search: Search) -> None:
    s = search
    body = (await s.get()).json()
    start = datetime.fromisoformat(body["start"])
    assert abs(start - (NOW - timedelta(days=JOURNAL_DEFAULT_DAYS))) < timedelta(minutes=5)
    assert body["end"] is None
    assert -1 not in await s.rows(alarm="W02.FLOW.LO")  # older than the default range
    old = T0 - timedelta(days=JOURNAL_DEFAULT_DAYS + 11)
    assert await s.rows(alarm="W02.FLOW.LO", start=old.isoformat()) == [3, 2, -1]
    # an explicit end alone: the default span before it
    end = T0 - timedelta(days=JOURNAL_DEFAULT_DAYS)
    body = (await s.get(end=end.isoformat())).json()
    assert [e["id"] for e in body["entries"]] == [s.ids[-1]]
    assert datetime.fromisoformat(body["start"]) == end - timedelta(days=JOURNAL_DEFAULT_DAYS)
    too_long = NOW - timedelta(days=JOURNAL_MAX_DAYS + 1)
    for params in (
        {"start": too_long.isoformat()},
        {"start": NOW.isoformat(), "end": (NOW - timedelta(hours=1)).isoformat()},
        {"start": "2026-01-01T00:00:00"},  # naive: no offset
        {"limit": 1001}, {"limit": 0},
        {"priority": "urgent"},
        {"text": "a\u0000b"}, {"text": ""}, {"name": "x" * 201},
    ):
        r = await s.get(**params)
        assert r.status_code == 422, (params, r.status_code, r.text[:200])


async def test_keyset_pages_newest_first(search: Search) -> None:
    s = search
    seen: list[int] = []
    before: int | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 3}
        if before is not None:
            params["before_id"] = before
        body = (await s.get(**params)).json()
        seen += [e["id"] for e in body["entries"]]
        pages += 1
        before = body["next_before_id"]
        if before is None:
            break
    assert pages == 4 and seen == [s.ids[i] for i in ALL_RECENT]
    entry = (await s.get(limit=1, event="acknowledge")).json()["entries"][0]
    assert (entry["alarm"], entry["tag"], entry["message"], entry["user"]) == (
        "BAT1.TK1.LVL.HIHI", None, "Nivel de tanque 100% (rebalse)", "operador1")
    first = (await s.get(name="esp.temp", limit=1, event="activate")).json()["entries"][0]
    assert (first["tag"], first["priority"], first["area"]) == (
        "W01.ESP.TEMP", "high", "Campo/PAD-A/W01")


def test_100k_row_journal_plans(database_url: str) -> None:
    """Speed is measured by hand and in bench/ (never asserted here); this checks what keeps a
    search over a generated 100k-row month cheap: the time range is read by an index, not the
    whole table, and the newest-first page stops early."""
    from edge_server.api import alarms

    with psycopg.connect(database_url) as conn:
        fill_journal(conn, events=100_000, days=30, alarms=500, seed=5)
        _start, end = journal_period(30)
        day = end - timedelta(days=1)
        sql_text = alarms._JOURNAL.format(
            "j.ts >= %s AND j.ts < %s AND (d.message ILIKE %s OR j.comment ILIKE %s)")
        plan = "\n".join(str(r[0]) for r in conn.execute(
            "EXPLAIN " + sql_text, [day, end, "%vibración%", "%vibración%", 101]).fetchall())
        assert "ix_alarm_journal_ts" in plan or "alarm_journal_pkey" in plan, plan
        assert "Seq Scan on alarm_journal" not in plan, plan
