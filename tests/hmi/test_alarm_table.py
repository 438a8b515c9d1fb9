"""The alarm table: columns, sort by real values (not text), filters, incremental updates on
polls (rows inserted/removed/changed, not a reset), the selection kept by alarm name, texts
translated once per language, the screen's actions."""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hmi._qt.alarms.table_model import COLUMNS, AlarmTableModel
from hmi.api.types import Alarm
from hmi.components.alarms import (
    AlarmFilter,
    AlarmListModel,
    RowChanges,
    diff_rows,
    sort_key,
)


def make(name: str, prio: str, pv: int, hour: int, area: str, state: str = "unack",
         value: float | None = None) -> Alarm:
    return Alarm(name=name, tag=None, priority=prio, priority_value=pv, area=area, state=state,
                 condition_active=True, acknowledged=state == "acked", message=f"{name} text",
                 since=datetime(2026, 1, 1, hour, tzinfo=UTC), value=value)


PRIOS = (("critical", 4), ("high", 3), ("medium", 2), ("low", 1))


def many(n: int, seed: int = 1) -> list[Alarm]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        prio, pv = PRIOS[rng.randrange(4)]
        out.append(make(f"W{i % 20:02d}.T{i:05d}", prio, pv, rng.randrange(24),
                        f"F/PAD-{'AB'[i % 2]}/W{i % 20:02d}", rng.choice(("unack", "acked")),
                        value=rng.uniform(0, 100)))
    return out


class Signals:
    """What a model announced: [(signal, args...)]."""

    def __init__(self, model: AlarmTableModel) -> None:
        self.log: list[tuple[Any, ...]] = []
        model.modelReset.connect(lambda: self.log.append(("reset",)))
        model.rowsInserted.connect(lambda _p, a, b: self.log.append(("inserted", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.log.append(("removed", a, b)))
        model.layoutChanged.connect(lambda *_: self.log.append(("layout",)))
        model.dataChanged.connect(
            lambda tl, br, _roles=(): self.log.append(("changed", tl.row(), br.row())))

    def kinds(self) -> set[str]:
        return {e[0] for e in self.log}


def names(model: AlarmTableModel) -> list[str]:
    return [model.alarm_at(r).name for r in range(model.rowCount())]


def test_sort_and_filter(qtbot: QtBot) -> None:
    alarms = AlarmListModel()
    alarms.set_alarms([
        make("A", "low", 1, 3, "F/PAD-A/W01"), make("B", "critical", 4, 1, "F/PAD-B/W10"),
        make("C", "medium", 2, 2, "F/PAD-A/W02", "acked"), make("D", "high", 3, 4, "F/PAD-A/W03"),
    ])
    model = AlarmTableModel(alarms)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.columnCount() == len(COLUMNS) and model.rowCount() == 4

    model.sort(COLUMNS.index("priority"), Qt.SortOrder.DescendingOrder)
    assert names(model) == ["B", "D", "C", "A"]
    model.sort(COLUMNS.index("time"), Qt.SortOrder.AscendingOrder)
    assert names(model) == ["B", "C", "A", "D"]
    model.sort(COLUMNS.index("state"), Qt.SortOrder.AscendingOrder)  # by meaning: active first
    assert names(model)[-1] == "C"
    model.sort(COLUMNS.index("time"), Qt.SortOrder.AscendingOrder)
    model.set_filter(AlarmFilter(area="F/PAD-A"))
    assert names(model) == ["C", "A", "D"]
    model.set_filter(AlarmFilter(area="F/PAD-A", state="unack"))
    assert names(model) == ["A", "D"]
    model.set_filter(AlarmFilter(priority="critical"))
    assert names(model) == ["B"]
    model.set_filter(AlarmFilter(text="d TEXT"))
    assert names(model) == ["D"]
    model.set_filter(AlarmFilter(priority="critical"))
    # the model follows the list: an acknowledged alarm changes its row in place
    alarms.replace_one(make("B", "critical", 4, 1, "F/PAD-B/W10", "acked"))
    assert model.alarm_at(0).state == "acked"
    state_col = COLUMNS.index("state")
    assert "acknowledged" in str(model.data(model.index(0, state_col)))
    assert model.data(QModelIndex()) is None


def test_sort_matches_reference_and_ties_keep_isa_order(qtbot: QtBot) -> None:
    alarms = AlarmListModel()
    alarms.set_alarms(many(400))
    model = AlarmTableModel(alarms)
    isa = [a.name for a in alarms.alarms]
    refs = {"priority": lambda a: a.priority_value, "area": lambda a: a.area.casefold(),
            "time": lambda a: a.since.timestamp(), "value": lambda a: a.value}
    for col, key in refs.items():
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(COLUMNS.index(col), order)
            want = sorted(alarms.alarms, key=key,
                          reverse=order == Qt.SortOrder.DescendingOrder)  # stable, on ISA
            assert names(model) == [a.name for a in want]
    model.sort(-1, Qt.SortOrder.AscendingOrder)
    assert names(model) == isa


@pytest.mark.parametrize("seed", range(40))
def test_diff_rows_replays_to_the_new_list(seed: int) -> None:
    """Applying RowChanges the way the Qt model does turns the old rows into the new."""
    rng = random.Random(seed)
    pool = many(60, seed)
    old = rng.sample(pool, rng.randrange(1, 40))
    new = [a if rng.random() < 0.8 else replace(a, value=-1.0)
           for a in rng.sample(pool, rng.randrange(1, 40))]
    if rng.random() < 0.5:  # often the same order, as a poll without re-sort
        order = {a.name: i for i, a in enumerate(pool)}
        old.sort(key=lambda a: order[a.name])
        new.sort(key=lambda a: order[a.name])
    ch = diff_rows(old, new, max_ranges=1000)
    assert not ch.reset
    rows = list(old)
    for first, last in ch.removed:
        del rows[first:last + 1]
    kept = {a.name for a in rows}
    assert ch.moved == ([a.name for a in rows] != [a.name for a in new if a.name in kept])
    rows = [a for a in new if a.name in kept]
    for first, last in ch.inserted:
        rows[first:first] = new[first:last + 1]
    assert rows == new
    changed = {j for f, la in ch.changed for j in range(f, la + 1)}
    before = {a.name: a for a in old}
    assert changed == {j for j, a in enumerate(new) if a.name in before and before[a.name] != a}


@pytest.mark.parametrize("seed", range(6))
def test_list_model_incremental_order_equals_full_sort(seed: int) -> None:
    """Polls re-place their few changed alarms (and sort all when many changed): the list is
    always exactly the ISA-18.2 order, and unchanged alarms keep their objects."""
    rng = random.Random(seed)
    pool = many(500, seed)
    lm = AlarmListModel()
    lm.set_alarms(rng.sample(pool, 300))
    for _ in range(30):
        current = {a.name: a for a in lm.alarms}
        for name in rng.sample(sorted(current), rng.randrange(5)):
            del current[name]
        for a in rng.sample(pool, rng.randrange(5)):
            current.setdefault(a.name, a)
        for name in rng.sample(sorted(current), rng.choice((1, 3, 100))):
            current[name] = replace(current[name], state=rng.choice(("unack", "acked")),
                                    acknowledged=rng.random() < 0.5)
        poll = [replace(a) for a in current.values()]  # fresh objects, as parsed
        rng.shuffle(poll)
        before = {a.name: a for a in lm.alarms}
        lm.set_alarms(poll)
        assert lm.alarms == sorted(poll, key=sort_key)
        assert all(before[a.name] is a for a in lm.alarms if before.get(a.name) == a)


def test_diff_rows_resets_on_large_changes() -> None:
    pool = many(100)
    assert diff_rows(pool, pool) == RowChanges()
    assert diff_rows([], pool).reset and diff_rows(pool, []).reset
    assert diff_rows(pool, pool[::2], max_ranges=32).reset  # 50 separate removals
    assert not diff_rows(pool, pool[:50], max_ranges=32).reset  # one range


def test_polls_are_incremental(qtbot: QtBot) -> None:
    alarms = AlarmListModel()
    base = many(2000)
    alarms.set_alarms(base)
    model = AlarmTableModel(alarms)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.sort(COLUMNS.index("alarm"), Qt.SortOrder.AscendingOrder)
    sig = Signals(model)

    # the same list again (every poll): nothing at all
    alarms.set_alarms(list(reversed(base)))
    assert sig.log == []
    # one value changed: that row repainted, nothing else
    poll = list(base)
    poll[7] = replace(base[7], value=123.0)
    alarms.set_alarms(poll)
    row = names(model).index(base[7].name)
    assert sig.log == [("changed", row, row)]
    # one alarm new, one gone: one insert, one remove
    sig.log.clear()
    new = make("W00.A0000", "low", 1, 1, "F/PAD-A/W00")
    alarms.set_alarms([new, *poll[1:]])
    assert sorted(sig.log) == [("inserted", 0, 0), ("removed", 0, 0)]
    assert names(model)[0] == "W00.A0000" and base[0].name not in names(model)
    # a change that moves an alarm in the default (ISA) order: a layout change, no reset
    model.sort(0, Qt.SortOrder.DescendingOrder)
    sig.log.clear()
    target = next(a for a in alarms.alarms if a.state == "unack")
    alarms.replace_one(replace(target, state="acked", acknowledged=True))
    assert "reset" not in sig.kinds() and "layout" in sig.kinds()
    assert names(model) == [a.name for a in alarms.alarms]
    # a large change: one reset
    sig.log.clear()
    alarms.set_alarms(poll[::2])
    assert sig.kinds() == {"reset"}
    assert model.rowCount() == 1000


@pytest.mark.parametrize("seed", range(10))
def test_random_polls_keep_rows_and_persistent_indexes(qtbot: QtBot, seed: int) -> None:
    """Polls with a few alarms in, out and changed (values, states: rows move): the model
    stays consistent (QAbstractItemModelTester), shows exactly the filtered and sorted list,
    and every persistent index (the selection) still points at its alarm."""
    rng = random.Random(seed)
    pool = many(400, seed)
    alarms = AlarmListModel()
    alarms.set_alarms(rng.sample(pool, 200))
    model = AlarmTableModel(alarms)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.sort(rng.randrange(len(COLUMNS)),
               rng.choice((Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)))
    if seed % 2:
        model.set_filter(AlarmFilter(area="F/PAD-A"))
    sig = Signals(model)
    for _ in range(25):
        marks = [QPersistentModelIndex(model.index(r, rng.randrange(len(COLUMNS))))
                 for r in range(0, model.rowCount(), 5)]
        tracked = [(p, model.alarm(p.row()).name) for p in marks]
        current = {a.name: a for a in alarms.alarms}
        for name in rng.sample(sorted(current), 3):
            del current[name]
        for a in rng.sample(pool, 3):
            current.setdefault(a.name, a)
        for name in rng.sample(sorted(current), 4):
            a = current[name]
            current[name] = replace(a, value=rng.uniform(0, 100),
                                    state=rng.choice(("unack", "acked")),
                                    acknowledged=rng.random() < 0.5)
        poll = list(current.values())
        rng.shuffle(poll)
        alarms.set_alarms(poll)
        assert names(model) == [a.name for a in model.table_rows.rows()]
        for p, name in tracked:
            if name in current and model.filter.accepts(current[name]):
                assert p.isValid() and model.alarm(p.row()).name == name
            else:
                assert not p.isValid()
    assert "reset" not in sig.kinds()


@pytest.fixture
def view(qtbot: QtBot) -> Any:
    from hmi._qt.alarms.view import AlarmsView
    from hmi._qt.context import AppContext
    from hmi.api.client import ApiClient
    from hmi.api.types import Me

    ctx = AppContext(ApiClient("http://test.invalid:8080"))
    ctx.session.set_user(Me(username="op", role="operator",
                            permissions=frozenset({"alarms.ack", "alarms.shelve",
                                                   "alarms.comment"})))
    v = AlarmsView(ctx)
    qtbot.addWidget(v)
    v.resize(1400, 700)
    return v


def selected_names(view: Any) -> set[str]:
    return {a.name for a in view.selected()}


def test_selection_survives_sorts_polls_and_filters(view: Any) -> None:
    ctx = view.ctx
    base = many(3000)
    ctx.alarms.set_alarms(base)
    picked = [base[5].name, base[1234].name, base[2999].name]
    view.select(picked, current=picked[1])
    assert selected_names(view) == set(picked)
    header = view.table.horizontalHeader()
    for col in range(len(COLUMNS)):
        header.setSortIndicator(col, Qt.SortOrder.AscendingOrder)  # a header click
        assert selected_names(view) == set(picked)
    assert view.table.currentIndex().row() == view.table_model.row_of(picked[1])
    # a poll that moves a selected alarm (its time changed, sorted by time)
    header.setSortIndicator(COLUMNS.index("time"), Qt.SortOrder.DescendingOrder)
    poll = [replace(a, since=datetime(2026, 2, 1, tzinfo=UTC)) if a.name == picked[0] else a
            for a in base]
    ctx.alarms.set_alarms(poll)
    assert view.table_model.alarm(0).name == picked[0]
    assert selected_names(view) == set(picked)
    # a filter (a reset) keeps what it still shows, and clearing it brings all back
    view.search.setText(picked[1])
    assert selected_names(view) == {picked[1]}
    view.search.setText("")
    assert selected_names(view) == {picked[1]}
    view.select(picked)
    ctx.alarms.set_alarms(poll[:1000:3] + poll[1000:])  # large change: a reset
    assert selected_names(view) == set(picked) - {base[5].name}


def test_screen_sort_indicator_filters_and_page(view: Any) -> None:
    ctx = view.ctx
    ctx.alarms.set_alarms(many(500))
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    header.setSortIndicator(COLUMNS.index("value"), Qt.SortOrder.AscendingOrder)
    values = [a.value for a in view.visible()]
    assert values == sorted(values)
    view.priority.setCurrentIndex(view.priority.findData("high"))
    assert view.visible() and all(a.priority == "high" for a in view.visible())
    view.area.setCurrentIndex(view.area.findData("F/PAD-B"))
    assert all(a.area.startswith("F/PAD-B/") for a in view.visible())
    view.state.setCurrentIndex(view.state.findData("acked"))
    page = view.visible()
    assert page and all(a.state == "acked" and a.priority == "high" for a in page)
    assert view.proxy.rowCount() == len(page)  # the name tests/hmi/test_live_edge.py uses
    values = [a.value for a in page]
    assert values == sorted(values)  # the sort holds under the filter
    # widths were set once from the font, the rows have one fixed height
    assert header.sectionResizeMode(0) != header.ResizeMode.ResizeToContents
    assert all(header.sectionSize(i) > 40 for i, c in enumerate(COLUMNS) if c != "message")
    vh = view.table.verticalHeader()
    assert vh.sectionResizeMode(0) == vh.ResizeMode.Fixed


def test_stale_list_is_greyed_and_back(view: Any) -> None:
    ctx = view.ctx
    ctx.alarms.set_alarms(many(50))
    model = view.table_model
    cell = model.index(3, 2)
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole) is None
    ctx.alarms.set_stale(True)  # the link is down: the last list, greyed, and a notice
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole) is not None
    assert not view.stale.isHidden() and not view.ack.isEnabled()
    ctx.alarms.set_alarms(list(ctx.alarms.alarms))  # a poll answers again, same list
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole) is None
    assert view.stale.isHidden() and view.ack.isEnabled()


def test_language_switch_retranslates_cached_texts(view: Any) -> None:
    from hmi._qt.i18n import Translations

    view.ctx.alarms.set_alarms([make("A", "low", 1, 3, "F/PAD-A/W01")])
    model = view.table_model
    state = model.index(0, COLUMNS.index("state"))
    assert model.data(state) == "ACTIVE - unacknowledged"
    t = Translations()
    assert t.set_language("es")
    try:
        view.retranslate()  # what MainWindow does on LanguageChange
        assert model.data(state) == "ACTIVA - sin reconocer"
        assert model.headerData(0, Qt.Orientation.Horizontal) != "Priority"
    finally:
        t.set_language("en")
    view.retranslate()
    assert model.data(state) == "ACTIVE - unacknowledged"


class FakeClient:
    def __init__(self) -> None:
        self.acked: list[str] = []

    async def acknowledge(self, name: str) -> Alarm:
        self.acked.append(name)
        await asyncio.sleep(0)
        return make(name, "low", 1, 1, "F/PAD-A/W01", "acked")


async def test_acknowledge_page_and_csv_export(view: Any, tmp_path: Path) -> None:
    from hmi._qt.alarms.csv_export import write_alarms_csv

    ctx = view.ctx
    base = [make(f"A{i}", "low", 1, 1, "F/PAD-A/W01") for i in range(30)]
    ctx.alarms.set_alarms(base)
    view.search.setText("A1")  # A1, A10..A19
    fake = FakeClient()
    ctx.client = fake
    text = await view.acknowledge(view.visible())
    assert text.endswith("11") and len(fake.acked) == 11
    assert {a.name for a in ctx.alarms.alarms if a.state == "acked"} == set(fake.acked)
    assert all(not view.table_model.data(view.table_model.index(r, 0),
                                         Qt.ItemDataRole.FontRole)
               for r in range(view.proxy.rowCount()))  # no longer bold
    out = tmp_path / "alarms.csv"
    write_alarms_csv(out, view.visible())
    lines = out.read_text("utf-8-sig").splitlines()
    assert len(lines) == 12 and lines[1].split(",")[3] == view.visible()[0].name


class ResetClient:
    def __init__(self) -> None:
        self.reset_names: list[str] = []

    async def reset(self, name: str) -> Alarm:
        self.reset_names.append(name)
        return make(name, "low", 1, 1, "F/PAD-A/W01", "acked")


async def test_reset_sends_only_latched_alarms_and_roles_see_their_actions(view: Any) -> None:
    ctx = view.ctx
    latched = replace(make("L1", "high", 3, 1, "F/PAD-A/W01", "latched"), awaiting_reset=True)
    ctx.alarms.set_alarms([latched, make("U1", "high", 3, 2, "F/PAD-A/W01")])
    view.select(["L1", "U1"])
    fake = ResetClient()
    ctx.client = fake
    view._reset()
    await asyncio.sleep(0.05)
    assert fake.reset_names == ["L1"] and view.message.text() == "Reset: 1"
    view.select(["U1"])
    view._reset()
    assert view.message.text() == "Select latched alarms whose condition has cleared"
    # an operator is not offered "out of service"; a supervisor is
    assert view.out_of_service.isHidden() and view.reset.isEnabled()
    from hmi.api.types import Me

    ctx.session.set_user(Me(username="sup", role="supervisor", permissions=frozenset(
        {"alarms.ack", "alarms.shelve", "alarms.comment", "alarms.out_of_service"})))
    assert not view.out_of_service.isHidden() and view.out_of_service.isEnabled()
    assert view.tabs.tabText(1) == "Shelved / out of service"  # nothing read yet: no count


def test_screenshot(view: Any, tmp_path: Path) -> None:
    """The screen paints (icons, bold rows, sort indicator) without errors."""
    view.ctx.alarms.set_alarms(many(300))
    view.show()
    QApplication.processEvents()
    pm = view.grab()
    assert pm.width() == 1400 and pm.save(str(tmp_path / "alarms.png"))


def test_suppressed_list_timer_is_harmless_without_a_loop_or_a_window(view: Any) -> None:
    """A closed window's periodic refresh does nothing (a test's widget outlives its loop)."""
    view.suppressed._tick()  # not shown: no request
    try:
        asyncio.get_event_loop()
    except RuntimeError:
        assert view.suppressed.refresh() is None  # no loop at all: skipped, no exception
