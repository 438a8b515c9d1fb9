"""Start the HMI: arguments, Qt application on the qasync loop, login, main window.

``python -m hmi --server http://127.0.0.1:8080``; a self-signed edge over TLS:
``python -m hmi --server https://edge-01:8080 --pin sha256:3F:9A:...`` (the fingerprint
``oilfield edge cert`` prints; remembered per server with "remember me"). The demo
(``oilfield demo``) passes a one-off user and password in ``OILFIELD_HMI_USER`` /
``OILFIELD_HMI_PASSWORD``; nothing else reads a password from the environment.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from hmi import credentials
from hmi._qt.context import AppContext
from hmi._qt.i18n import Translations
from hmi._qt.login.dialog import LoginDialog
from hmi._qt.shell.main_window import MainWindow
from hmi._qt.shell.session_lock import IdleLock
from hmi._qt.tasks import spawn
from hmi._qt.theme import stylesheet
from hmi.api.client import ApiClient, api_base
from hmi.api.types import Me, SessionPolicy
from hmi.components.units import UnitSystem

log = logging.getLogger("hmi")

ENV_USER, ENV_PASSWORD, ENV_SERVER = ("OILFIELD_HMI_USER", "OILFIELD_HMI_PASSWORD",
                                      "OILFIELD_HMI_SERVER")
ENV_PIN = "OILFIELD_HMI_PIN"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m hmi", description="Oilfield control-room HMI")
    p.add_argument("--server", default=os.environ.get(ENV_SERVER, "http://127.0.0.1:8080"),
                   help="edge API address (http(s)://host:port)")
    p.add_argument("--user", default=os.environ.get(ENV_USER, ""))
    p.add_argument("--language", choices=("es", "en"), default="es")
    p.add_argument("--units", choices=("oilfield", "si"), default="oilfield")
    trust = p.add_mutually_exclusive_group()
    trust.add_argument("--ca", help="CA/certificate file to trust (self-signed edge)")
    trust.add_argument("--pin", default=os.environ.get(ENV_PIN) or None,
                       help="SHA-256 fingerprint of the edge's certificate, as printed by "
                            "`oilfield edge cert` (sha256:AB:CD:...): trust exactly that one")
    return p.parse_args(argv)


class HmiApp:
    """Owns the client, the models and the window for one run."""

    def __init__(self, args: argparse.Namespace, translations: Translations) -> None:
        self.args = args
        self.translations = translations
        self.client: ApiClient | None = None
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.idle: IdleLock | None = None
        self._unlocking = False
        self._relogging = False
        self.done = asyncio.get_event_loop().create_future()

    def _pin_for(self, server: str, typed: str = "") -> str | None:
        """The pin typed in the dialog, else ``--pin``, else the one remembered for it (unless
        ``--ca`` says which certificate to trust)."""
        if typed or self.args.pin or self.args.ca:
            return typed or self.args.pin or None
        return credentials.load_pin(api_base(server)) or None

    async def _login(self, server: str, user: str, password: str, pin: str = "") -> Me:
        wanted = self._pin_for(server, pin)
        if (self.client is None or self.client.base_url != api_base(server)
                or self.client.pin != wanted):
            if self.client is not None:
                await self.client.close()
            self.client = None
            self.client = ApiClient(server, verify=self.args.ca or True, pin=wanted)
        return await self.client.login(user, password)

    async def _dialog(self, dlg: LoginDialog) -> bool:
        fut: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

        def finished(code: int) -> None:
            if not fut.done():
                fut.set_result(code == 1)

        dlg.finished.connect(finished)
        dlg.open()
        return await fut

    async def _policy(self, server: str) -> SessionPolicy | None:
        """The edge's login banner and lock time, read before login (public); None when the
        edge cannot be reached yet (the login then says why)."""
        client = self.client
        try:
            if client is None or client.base_url != api_base(server):
                client = ApiClient(server, verify=self.args.ca or True,
                                   pin=self._pin_for(server))
                try:
                    return await client.policy()
                finally:
                    await client.close()
            return await client.policy()
        except Exception as exc:  # unreachable, refused certificate, an older edge
            log.info("no session policy from %s: %s", server, exc)
            return None

    async def _acknowledge_banner(self, banner: str) -> bool:
        """The system use notification, to be accepted before the session starts."""
        box = QMessageBox(QMessageBox.Icon.Information, QApplication.translate(
            "App", "Authorised use only"), banner,
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(QApplication.translate(
            "App", "I understand"))
        fut: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

        def finished(_code: int) -> None:
            if not fut.done():
                fut.set_result(box.clickedButton() is box.button(QMessageBox.StandardButton.Ok))

        box.finished.connect(finished)
        box.open()
        return await fut

    async def start(self) -> None:
        server, user = self.args.server, self.args.user
        password = os.environ.pop(ENV_PASSWORD, "")
        remembered = credentials.load(api_base(server))
        if remembered and not password:
            user, password = remembered
        policy = await self._policy(server)
        banner = policy.login_banner if policy is not None else ""
        me = None
        if user and password and (not banner.strip() or await self._acknowledge_banner(banner)):
            try:
                me = await self._login(server, user, password)
            except Exception as exc:
                log.warning("automatic login failed: %s", exc)
        if me is None:
            dlg = LoginDialog(self._login, server, user, pin=self._pin_for(server) or "",
                              language=self.translations.language, banner=banner)
            if not await self._dialog(dlg):
                self.done.set_result(1)
                return
        assert self.client is not None and self.client.user is not None
        if policy is None:  # the edge was not reachable before the login dialog
            policy = await self._policy(server)
        self.ctx = AppContext(self.client, language=self.translations.language)
        self.ctx.units.set_system(UnitSystem(self.args.units))
        self.ctx.session.set_user(self.client.user, self.client.base_url)
        if policy is not None:
            self.ctx.session.login_banner = policy.login_banner
            self.ctx.session.lock_after_s = policy.lock_after_minutes * 60.0
        self.ctx.session.changed.connect(self._on_session)
        self.ctx.session.unlock_requested.connect(lambda: spawn(self._unlock()))
        self.window = MainWindow(self.ctx, self.translations)
        self.window.units.setCurrentIndex(0 if self.args.units == "oilfield" else 1)
        self.window.destroyed.connect(lambda: None)
        self.window.show()
        self.window.closeEvent = self._on_close  # type: ignore[method-assign]
        self.idle = IdleLock(self.ctx.session, self.window)
        self.ctx.updater.start()

    def _on_session(self) -> None:
        ctx = self.ctx
        if ctx is None or not ctx.session.needs_password or self.window is None \
                or self._relogging:
            return
        self._relogging = True  # one dialog, whatever else changes meanwhile (a lock)

        async def relogin() -> None:
            try:
                await self._relogin()
            finally:
                self._relogging = False
        spawn(relogin())

    async def _relogin(self) -> None:
        assert self.ctx is not None and self.client is not None
        client = self.client

        async def again(_server: str, user: str, password: str, _pin: str) -> Me:
            return await client.login(user, password)

        dlg = LoginDialog(again, client.base_url, self.ctx.session.username,
                          pin=client.pin or "",
                          relogin_reason=QApplication.translate(
                              "App", "Your session ended. Type your password again; the "
                                     "screens stay as they are."),
                          language=self.ctx.language, banner=self.ctx.session.login_banner,
                          parent=self.window)
        if await self._dialog(dlg):
            self.ctx.session.set_user(client.user, client.base_url)
            self.ctx.updater.resume_after_login()
        elif self.window is not None:
            self.window.close()

    async def _unlock(self) -> None:
        """Unlock a locked screen: a login as the same user, or as another one, who then
        owns the session (the one before is ended on the edge). Cancel: it stays locked."""
        if self._unlocking or self.ctx is None or self.client is None:
            return
        self._unlocking = True
        client, session = self.client, self.ctx.session

        async def again(_server: str, user: str, password: str, _pin: str) -> Me:
            return await client.login(user, password)

        try:
            dlg = LoginDialog(again, client.base_url, session.username, pin=client.pin or "",
                              relogin_reason=QApplication.translate(
                                  "App", "This screen is locked. Log in to act: as yourself, "
                                         "or as another user, who then takes the session over."),
                              language=self.ctx.language, banner=session.login_banner,
                              user_editable=True, parent=self.window)
            if await self._dialog(dlg):
                session.set_user(client.user, client.base_url)
                self.ctx.updater.resume_after_login()
        finally:
            self._unlocking = False

    def _on_close(self, event: object) -> None:
        spawn(self.shutdown())

    async def shutdown(self) -> None:
        if self.ctx is not None:
            await self.ctx.updater.stop()
        if self.client is not None:
            await self.client.logout()
            await self.client.close()
        if not self.done.done():
            self.done.set_result(0)


def main(argv: list[str] | None = None) -> int:
    import qasync

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: "
                                                   "%(message)s")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Oilfield HMI")
    app.setStyleSheet(stylesheet())
    app.setQuitOnLastWindowClosed(False)  # the login dialog closes before the window opens
    translations = Translations()
    translations.set_language(args.language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        hmi = HmiApp(args, translations)
        loop.create_task(hmi.start())
        return int(loop.run_until_complete(hmi.done))
