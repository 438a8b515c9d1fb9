"""Alarm journal search on the HMI: the client's query parameters and parsing (scripted edge),
the Qt-free search model (paging, superseded answers, limits, errors) and the screen's flow
(filters -> query, table, load more, CSV export) with pytest-qt."""

from __future__ import annotations

import asyncio
import csv
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hmi.api.client import ApiClient
from hmi.api.errors import ConnectionLost
from hmi.api.types import JournalEntry, JournalPage
from hmi.components.journal import JournalQuery, JournalSearchModel, QueryError
from tests.hmi.test_client import tokens

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
WELLS = [f"W{i:02d}" for i in range(1, 13)]
SIGNALS = (("ESP.TEMP.HI", "Temperatura de motor alta", 135.0, "high"),
           ("TUBING.PRES.HI", "Presión de tubing alta", 80.0, "medium"),
           ("FLOW.LO", "Caudal bajo", 5.0, "low"),
           ("ESP.RUN.DISCRETE", "Disparo de bomba ESP", None, "critical"))
COMMENTS = ("visto en campo", "bomba reiniciada por operador de turno",
            "sensor en calibración, OT-4411", "camión de vacío pedido")


def entries(n: int, seed: int = 1) -> list[JournalEntry]:
    """A realistic journal, newest first: raised, acknowledged, shelved, comments, RTN."""
    rng = random.Random(seed)
    out = []
    t = NOW
    for i in range(n):
        well = rng.choice(WELLS)
        sig, msg, limit, prio = rng.choice(SIGNALS)
        event = rng.choices(["activate", "acknowledge", "return_to_normal", "shelve",
                             "comment", "unshelve"], [5, 4, 5, 1, 1, 1])[0]
        user = None if event in ("activate", "return_to_normal") else rng.choice(
            ["operador1", "operador2", "supervisor1"])
        comment = rng.choice(COMMENTS) if event in ("shelve", "comment") else None
        old, new = {"activate": ("normal", "unack"), "acknowledge": ("unack", "acked"),
                    "return_to_normal": ("acked", "normal"), "shelve": ("unack", "shelved"),
                    "comment": ("acked", "acked"), "unshelve": ("shelved", "normal")}[event]
        value = None if limit is None else round(limit * rng.uniform(0.9, 1.1), 1)
        out.append(JournalEntry(
            id=100_000 - i, ts=t, alarm=f"{well}.{sig}", event=event, new_state=new,
            user=user, comment=comment, area=f"Campo Demo/PAD-{'AB'[int(well[1:]) % 2]}/{well}",
            priority=prio, cause="operator" if user else "process", old_state=old,
            value=value, limit=limit, tag=f"{well}.{sig.rsplit('.', 1)[0]}", message=msg))
        t -= timedelta(seconds=rng.randint(5, 600))
    return out


class FakeJournal:
    """``journal_search`` over a list, like the edge: newest first, keyset pages."""

    def __init__(self, rows: list[JournalEntry], delay: float = 0.0) -> None:
        self.rows = rows
        self.calls: list[dict[str, Any]] = []
        self.delay = delay
        self.fail: Exception | None = None

    async def journal_search(self, **kw: Any) -> JournalPage:
        self.calls.append(kw)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail is not None:
            raise self.fail
        rows = [e for e in self.rows if kw["start"] <= e.ts < kw["end"]]
        if kw.get("name"):
            rows = [e for e in rows if kw["name"].lower() in e.alarm.lower()]
        if kw.get("events"):
            rows = [e for e in rows if e.event in kw["events"]]
        if kw.get("before_id") is not None:
            rows = [e for e in rows if e.id < kw["before_id"]]
        page = rows[:kw["limit"]]
        more = len(rows) > kw["limit"]
        return JournalPage(page, page[-1].id if more else None, kw["start"], kw["end"])


# -- client ------------------------------------------------------------------------------------
async def test_client_sends_filters_and_parses() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/auth/login":
            return httpx.Response(200, json=tokens(1))
        seen.append(request)
        return httpx.Response(200, json={
            "entries": [{"id": 42, "ts": "2026-11-23T11:58:00Z", "alarm": "W01.ESP.TEMP.HI",
                         "tag": "W01.ESP.TEMP", "area": "Campo/PAD-A/W01", "priority": "high",
                         "event": "shelve", "cause": "operator", "old_state": "unack",
                         "new_state": "shelved", "annunciated": False, "value": 140.5,
                         "limit": 135.0, "user": "operador1", "comment": "en calibración",
                         "message": "Temperatura de motor alta", "first_out": False}],
            "next_before_id": 42, "start": "2026-11-22T12:00:00Z", "end": None})

    client = ApiClient("http://edge.test", transport=httpx.MockTransport(handler))
    await client.login("op", "pw")
    page = await client.journal_search(
        start=NOW - timedelta(days=1), end=NOW, name="W01", area="Campo/PAD-A",
        priorities=("critical", "high"), events=("shelve", "unshelve"), user="",
        text="calibración", before_id=99, limit=50)
    q = seen[0].url.params
    assert q.get_list("priority") == ["critical", "high"]
    assert q.get_list("event") == ["shelve", "unshelve"]
    assert (q["name"], q["area"], q["text"], q["before_id"], q["limit"]) == (
        "W01", "Campo/PAD-A", "calibración", "99", "50")
    assert "user" not in q  # empty filters are not sent
    assert datetime.fromisoformat(q["start"]) == NOW - timedelta(days=1)
    e = page.entries[0]
    assert (e.id, e.alarm, e.tag, e.priority, e.event, e.old_state, e.new_state) == (
        42, "W01.ESP.TEMP.HI", "W01.ESP.TEMP", "high", "shelve", "unack", "shelved")
    assert (e.value, e.limit, e.user, e.comment, e.message) == (
        140.5, 135.0, "operador1", "en calibración", "Temperatura de motor alta")
    assert page.next_before_id == 42 and page.end is None
    assert page.start == NOW - timedelta(days=1)
    # an older edge's answer (no tag, message, start): still parses
    old = JournalPage.parse({"entries": [{"id": 1, "ts": "2026-01-01T00:00:00Z",
                                          "alarm": "A", "event": "activate",
                                          "new_state": "unack", "user": None,
                                          "comment": None}], "next_before_id": None})
    assert old.entries[0].tag is None and old.entries[0].message == "" and old.start is None
    await client.close()


# -- model -------------------------------------------------------------------------------------
def q(**kw: Any) -> JournalQuery:
    return JournalQuery(start=NOW - timedelta(days=7), end=NOW + timedelta(minutes=1), **kw)


async def test_model_pages_and_limits() -> None:
    rows = entries(450)
    fake = FakeJournal(rows)
    m = JournalSearchModel(fake.journal_search, page_size=200, max_rows=500)
    log: list[Any] = []
    m.reset.connect(lambda: log.append("reset"))
    m.appended.connect(lambda first, n: log.append(("appended", first, n)))
    await m.search(q())
    assert [e.id for e in m.entries] == [e.id for e in rows[:200]] and m.has_more
    await m.load_more()
    await m.load_more()
    assert [e.id for e in m.entries] == [e.id for e in rows] and not m.has_more
    assert log == ["reset", "reset", ("appended", 200, 200), ("appended", 400, 50)]
    assert [c["before_id"] for c in fake.calls] == [None, rows[199].id, rows[399].id]
    # max_rows: the last page asks only for what fits, and the rest is "truncated"
    m = JournalSearchModel(fake.journal_search, page_size=200, max_rows=300)
    await m.search(q())
    await m.load_all()
    assert len(m.entries) == 300 and m.truncated and not m.has_more
    assert fake.calls[-1]["limit"] == 100
    # filters reach the search
    await m.search(q(name=" esp.temp ", events=("acknowledge",), user=" "))
    assert fake.calls[-1]["name"] == "esp.temp" and fake.calls[-1]["user"] is None
    assert all(e.event == "acknowledge" and "ESP.TEMP" in e.alarm for e in m.entries)


async def test_model_drops_superseded_answers_and_keeps_rows_on_error() -> None:
    fake = FakeJournal(entries(400), delay=0.05)
    m = JournalSearchModel(fake.journal_search, page_size=20)
    first = asyncio.ensure_future(m.search(q(name="W01")))
    await asyncio.sleep(0.01)
    await m.search(q(name="W02"))
    await first
    assert m.query is not None and m.query.name == "W02"
    assert all("W02" in e.alarm for e in m.entries) and m.has_more
    n = len(m.entries)
    fake.fail = ConnectionLost("down")
    await m.load_more()
    assert isinstance(m.error, ConnectionLost) and len(m.entries) == n and not m.loading
    for bad in (JournalQuery(start=NOW, end=NOW), JournalQuery(
            start=NOW - timedelta(days=401), end=NOW), q(text="x" * 201)):
        with pytest.raises(QueryError):
            await m.search(bad)


# -- screen ------------------------------------------------------------------------------------
@pytest.fixture
def view(qtbot: QtBot) -> Any:
    from hmi._qt.alarms.view import AlarmsView
    from hmi._qt.context import AppContext
    from hmi.api.types import Me

    ctx = AppContext(ApiClient("http://test.invalid:8080"))
    ctx.session.set_user(Me(username="op", role="operator", permissions=frozenset()))
    v = AlarmsView(ctx)
    qtbot.addWidget(v)
    v.resize(1600, 900)
    return v


async def test_screen_search_load_more_and_export(view: Any, tmp_path: Path) -> None:
    from hmi._qt.alarms.journal_model import JOURNAL_COLUMNS

    rows = entries(600)
    fake = FakeJournal(rows)
    view.ctx.client = fake
    view.show_journal()
    j = view.journal
    assert view.title.text() == "Alarm journal" and not j.export.isEnabled()
    QAbstractItemModelTester(j.table_model,
                             QAbstractItemModelTester.FailureReportingMode.Fatal)
    j.set_range(NOW - timedelta(days=3), NOW + timedelta(minutes=1))
    assert j.range.currentData() == "custom"
    j.name.setText("W03")
    j.event_kind.setCurrentIndex(j.event_kind.findData("operator"))
    j.priority.setCurrentIndex(j.priority.findData("critical+high"))
    j.area.setCurrentText("Campo Demo/PAD-B/")
    j.user.setText("operador1")
    j.text.setText("bomba")
    query = j.query()
    assert (query.name, query.area, query.user, query.text) == (
        "W03", "Campo Demo/PAD-B", "operador1", "bomba")
    assert query.priorities == ("critical", "high") and "comment" in query.events
    assert query.start == NOW - timedelta(days=3)
    await j.run_search()
    sent = fake.calls[-1]
    assert sent["priorities"] == ("critical", "high") and sent["area"] == "Campo Demo/PAD-B"

    j._clear_filters()
    assert j.range.currentData() == "24h" and not j.name.text()
    j.set_range(NOW - timedelta(days=7), NOW + timedelta(minutes=1))
    await j.run_search()
    model = j.table_model
    assert model.rowCount() == 200 and j.more.isEnabled()
    assert "200" in j.status.text()
    first = rows[0]
    cell = {c: model.data(model.index(0, i)) for i, c in enumerate(JOURNAL_COLUMNS)}
    assert cell["alarm"] == first.alarm and cell["message"] == first.message
    assert cell["time"] == f"{first.ts.astimezone():%d/%m/%Y %H:%M:%S}"
    op_row = next(i for i, e in enumerate(rows) if e.event == "shelve")
    assert model.data(model.index(op_row, JOURNAL_COLUMNS.index("event")),
                      Qt.ItemDataRole.FontRole).bold()
    state = model.index(op_row, JOURNAL_COLUMNS.index("state"))
    assert model.data(state) == "Shelved"
    assert model.data(state, Qt.ItemDataRole.ToolTipRole) == "ACTIVE - unacknowledged → Shelved"
    await j.load_more()
    assert model.rowCount() == 400
    out = tmp_path / "journal.csv"
    await j.export_to(out)  # fetches the rest first: the whole search is exported
    with out.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert len(lines) == 601 and lines[0][:5] == ["id", "time_utc", "priority", "area", "alarm"]
    assert [int(r[0]) for r in lines[1:]] == [e.id for e in rows]
    assert "600" in j.status.text() and model.rowCount() == 600 and not j.more.isEnabled()
    # a failed search says so, in the operator's words
    fake.fail = ConnectionLost("refused")
    await j.run_search()
    assert "No link to the edge" in j.status.text()
    # a bad range is refused before asking the edge
    calls = len(fake.calls)
    j.set_range(NOW, NOW - timedelta(hours=1))
    await j.run_search()
    assert len(fake.calls) == calls and "after its start" in j.status.text()


def test_screenshot(view: Any, tmp_path: Path) -> None:
    """The journal tab paints with realistic rows (saved for a look at 1600x900)."""
    from hmi.components.alarms import AlarmListModel

    assert isinstance(view.ctx.alarms, AlarmListModel)
    fake = FakeJournal(entries(300))
    view.ctx.client = fake
    view.show_journal()
    view.journal.set_range(NOW - timedelta(days=2), NOW + timedelta(minutes=1))
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(view.journal.search_model.search(view.journal.query()))
    finally:
        loop.close()
    view.show()
    QApplication.processEvents()
    pm = view.grab()
    out = Path(str(tmp_path)) / "journal.png"
    assert pm.width() == 1600 and pm.save(str(out))
    if os.environ.get("OILFIELD_TEST_SHOTS"):  # to look at it: a folder for the PNG
        pm.save(str(Path(os.environ["OILFIELD_TEST_SHOTS"]) / "alarms_journal.png"))
