"""LoginDialog: server, user, password, "remember me" (OS keyring, or a clear notice that
this machine cannot store it). Also used to re-enter the password when a session ends: the
server and user are fixed then, and the open screens stay as they were."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hmi import credentials
from hmi._qt.tasks import spawn
from hmi.api.errors import ApiError, ConnectionLost

LoginFn = Callable[[str, str, str], Awaitable[object]]


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


class LoginDialog(QDialog):
    def __init__(self, login: LoginFn, server: str = "", user: str = "", password: str = "",
                 *, relogin_reason: str = "", language: str = "es",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._login = login
        self._language = language
        self._task: asyncio.Future[None] | None = None
        self.setWindowTitle(tr("Oilfield HMI — log in"))
        self.setMinimumWidth(420)
        self.notice = QLabel(relogin_reason)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(relogin_reason))
        self.server = QLineEdit(server)
        self.server.setPlaceholderText("http://127.0.0.1:8080")
        self.user = QLineEdit(user)
        self.password = QLineEdit(password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(tr("Remember me on this computer"))
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("dim")
        self.keyring_note.setWordWrap(True)
        if credentials.available():
            self.keyring_note.setText(tr("The password is kept in the system keyring."))
        else:
            self.remember.setEnabled(False)
            self.keyring_note.setText(tr(
                "This computer has no system keyring (Secret Service): the password "
                "cannot be remembered and will not be stored."))
        self.error = QLabel()
        self.error.setObjectName("notice")
        self.error.setWordWrap(True)
        self.error.hide()
        if relogin_reason:
            self.server.setReadOnly(True)
            self.user.setReadOnly(True)
        form = QFormLayout()
        form.addRow(tr("Server"), self.server)
        form.addRow(tr("User"), self.user)
        form.addRow(tr("Password"), self.password)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.notice)
        lay.addLayout(form)
        lay.addWidget(self.keyring_note)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        (self.password if (server and user) else self.server).setFocus()
        if server and user and not self.password.text():
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        if self._task is not None and not self._task.done():
            return
        if not (self.server.text().strip() and self.user.text().strip()
                and self.password.text()):
            self._show_error(tr("Server, user and password are required."))
            return
        self.buttons.setEnabled(False)
        self.error.hide()
        self._task = spawn(self._do_login())

    async def _do_login(self) -> None:
        server, user, pw = self.server.text().strip(), self.user.text().strip(), \
            self.password.text()
        try:
            await self._login(server, user, pw)
        except ApiError as exc:
            self._show_error(exc.text(self._language))
            return
        except ConnectionLost as exc:
            self._show_error(tr("The edge does not answer at this address.") + f"\n{exc}")
            return
        finally:
            self.buttons.setEnabled(True)
        if self.remember.isChecked() and not credentials.save(server, user, pw):
            self._show_error(tr("Could not store the password in the keyring."))
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
