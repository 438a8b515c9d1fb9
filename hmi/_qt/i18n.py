"""Runtime language switch with Qt translation files (resources/hmi/translations/hmi_<lang>.qm).

Source strings are English; Spanish is the default language. Switching installs another
QTranslator; Qt then sends LanguageChange and every screen calls its ``retranslate``.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QTranslator

LANGUAGES = ("es", "en")


def qm_path(language: str) -> str:
    return str(resources.files("resources") / "hmi" / "translations" / f"hmi_{language}.qm")


class Translations:
    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language = "en"

    def set_language(self, language: str) -> bool:
        """Install ``language`` ("en" = the source strings). False if its file is missing."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        ok = True
        if language != "en":
            t = QTranslator()
            ok = t.load(qm_path(language))
            if ok:
                app.installTranslator(t)
                self._translator = t
        self.language = language if ok else "en"
        return ok
