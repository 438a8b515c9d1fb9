"""Session lock (IEC 62443-3-3 SR 2.5) and the login banner (SR 1.12) in the HMI: a locked
session offers no action while the displays stay; it locks after the edge's idle time (keys and
clicks count, anywhere in the application) or with Ctrl+L; unlocking asks for a login."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from hmi._qt.context import AppContext
from hmi._qt.i18n import Translations
from hmi._qt.login.dialog import LoginDialog
from hmi._qt.shell.main_window import MainWindow
from hmi._qt.shell.session_lock import IdleLock
from hmi.api.client import ApiClient
from hmi.api.types import Me, SessionPolicy
from hmi.components.session import ALARM_ACK, SessionModel

OPERATOR = Me(username="op", role="operator",
              permissions=frozenset({"alarms.ack", "alarms.shelve", "alarms.comment",
                                     "tags.write"}))


def test_a_locked_session_may_do_nothing_until_someone_logs_in() -> None:
    s = SessionModel()
    s.lock()
    assert not s.locked  # nobody logged in: nothing to lock
    s.set_user(OPERATOR)
    assert s.can(ALARM_ACK)
    changes: list[bool] = []
    s.changed.connect(lambda: changes.append(s.locked))
    s.lock()
    assert s.locked and not s.can(ALARM_ACK) and changes == [True]
    s.lock()
    assert changes == [True]  # once
    s.set_user(OPERATOR)  # logged in again
    assert not s.locked and s.can(ALARM_ACK)


def test_idle_time_locks_and_input_keeps_it_open(qtbot: QtBot) -> None:
    s = SessionModel()
    s.set_user(OPERATOR)
    field = QLineEdit()
    qtbot.addWidget(field)
    idle = IdleLock(s, check_every_ms=3_600_000)  # checked by hand: no wall-clock race
    try:
        s.lock_after_s = 60.0
        idle.last_input -= 59.0  # a minute of silence, almost
        QTest.keyClick(field, Qt.Key.Key_A)  # a key anywhere in the application...
        assert idle.idle_s() < 1.0 and field.text() == "a"  # ...counts, and still arrives
        idle.last_input -= 59.0
        QTest.mouseClick(field, Qt.MouseButton.LeftButton)  # so does a click
        idle.check()
        assert idle.idle_s() < 1.0 and not s.locked
        idle.last_input -= 61.0
        idle.check()
        assert s.locked
        s.set_user(OPERATOR)  # logged in again: the idle time starts over
        assert not s.locked and idle.idle_s() < 1.1
        s.lock_after_s = 0.0  # 0: never
        idle.last_input -= 10_000.0
        idle.check()
        assert not s.locked
    finally:
        idle.stop()


def test_the_timer_locks_by_itself(qtbot: QtBot) -> None:
    s = SessionModel()
    s.set_user(OPERATOR)
    s.lock_after_s = 0.2
    idle = IdleLock(s, check_every_ms=20)
    try:
        qtbot.waitUntil(lambda: s.locked, timeout=5000)
    finally:
        idle.stop()


def test_ctrl_l_locks_the_window_and_asks_to_unlock(qtbot: QtBot) -> None:
    ctx = AppContext(ApiClient("http://127.0.0.1:9"), language="en")
    ctx.session.set_user(OPERATOR, "http://127.0.0.1:9")
    window = MainWindow(ctx, Translations())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    alarms: Any = window.pages["alarms"]
    ctx.alarms.set_stale(False)
    alarms._update_permissions()
    assert alarms.ack.isEnabled() and window.lock.text() == "Lock"
    QTest.keySequence(window, "Ctrl+L")
    assert ctx.session.locked and window.lock_notice.isVisibleTo(window)
    assert not alarms.ack.isEnabled() and not alarms.shelve.isEnabled()
    assert window.lock.text() == "Unlock…"
    asked: list[bool] = []
    ctx.session.unlock_requested.connect(lambda: asked.append(True))
    window.lock.click()
    assert asked == [True] and ctx.session.locked  # the app shows the login; still locked
    ctx.session.set_user(OPERATOR)
    assert not window.lock_notice.isVisibleTo(window) and alarms.ack.isEnabled()


def test_login_dialog_shows_the_banner_and_may_let_another_user_unlock(qtbot: QtBot) -> None:
    async def never(*_a: str) -> Me:
        raise AssertionError("not called")

    banner = "Uso exclusivo de personal autorizado. Toda actividad queda registrada."
    first = LoginDialog(never, "http://edge:8080", banner=banner)
    qtbot.addWidget(first)
    assert first.banner.text() == banner and not first.banner.isHidden()
    plain = LoginDialog(never, "http://edge:8080")
    qtbot.addWidget(plain)
    assert plain.banner.isHidden()
    unlock = LoginDialog(never, "http://edge:8080", "op", relogin_reason="locked",
                         user_editable=True, banner=banner)
    qtbot.addWidget(unlock)
    assert not unlock.user.isReadOnly() and unlock.server.isReadOnly()
    relogin = LoginDialog(never, "http://edge:8080", "op", relogin_reason="ended")
    qtbot.addWidget(relogin)
    assert relogin.user.isReadOnly()


def test_policy_parses_what_the_edge_sends() -> None:
    assert SessionPolicy.parse({"login_banner": "x", "lock_after_minutes": 15}) == \
        SessionPolicy("x", 15.0)
    assert SessionPolicy.parse({}) == SessionPolicy("", 0.0)
