"""Spanish is complete and current: every string the screens pass to tr() has a finished
translation in hmi_es.ts, the committed hmi_es.qm is what lrelease makes of it (so a field PC
without Qt tools gets every string), and the main window switches language at runtime."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hmi.tools import translations as tt

TS = tt.TS_DIR / "hmi_es.ts"
QM = tt.TS_DIR / "hmi_es.qm"


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed")
    return found


def _sources(ts: Path) -> set[str]:
    return {m.findtext("source") or "" for m in ET.parse(ts).getroot().iter("message")}


def test_every_screen_string_has_a_spanish_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run([_tool("pyside6-lupdate"), *tt.sources(), "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=300)
    needed = _sources(fresh)
    assert needed, "lupdate found no strings"
    missing = sorted(needed - _sources(TS))
    assert not missing, f"not in hmi_es.ts (python -m hmi.tools.translations update): {missing}"
    unfinished = sorted(set(tt.unfinished(TS)) & needed)
    assert not unfinished, f"untranslated in hmi_es.ts: {unfinished}"


def test_runtime_strings_are_in_the_ts_translated() -> None:
    import json

    table = json.loads(tt.RUNTIME.read_text(encoding="utf-8"))
    assert table and all(isinstance(v, str) and v.strip() for v in table.values())
    messages = {m.findtext("source"): m.find("translation")
                for m in ET.parse(TS).getroot().iter("message")}
    missing = sorted(k for k in table if k not in messages)
    assert not missing, f"runtime strings not in the .ts (translations update): {missing}"
    undone = sorted(k for k in table if (t := messages[k]) is None or t.get("type"))
    assert not undone, undone


def test_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    out = tmp_path / "hmi_es.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(out)], check=True,
                   capture_output=True, timeout=120)
    assert out.read_bytes() == QM.read_bytes(), \
        "hmi_es.qm is stale: python -m hmi.tools.translations compile"


def test_fill_writes_translations_only_into_unfinished_messages(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="es_ES"><context>'
        "<name /><message><source>Oil</source><translation type=\"unfinished\" /></message>"
        "<message><source>Gas</source><translation>Gas natural</translation></message>"
        "<message><source>Water</source><translation type=\"unfinished\" /></message>"
        "</context></TS>", encoding="utf-8")
    table = tmp_path / "es.json"
    table.write_text('{"Oil": "Petróleo", "Gas": "Gas (no)"}', encoding="utf-8")
    assert tt.fill(ts, [table]) == 1
    assert tt.unfinished(ts) == ["Water"]
    text = ts.read_text(encoding="utf-8")
    assert "Petróleo" in text and "Gas natural" in text and "Gas (no)" not in text


def test_main_window_switches_language_at_runtime(qtbot: QtBot) -> None:
    from hmi._qt.context import AppContext
    from hmi._qt.i18n import Translations
    from hmi._qt.shell.main_window import MainWindow
    from hmi.api.client import ApiClient

    translations = Translations()
    window = MainWindow(AppContext(ApiClient("http://127.0.0.1:9")), translations)
    qtbot.addWidget(window)
    assert window.nav_buttons["alarms"].text() == "Alarms"
    try:
        window.set_language("es")
        qtbot.waitUntil(lambda: window.nav_buttons["alarms"].text() == "Alarmas", timeout=3000)
        assert window.nav_buttons["engineering"].text() == "Ingeniería"
        assert window.engineering.tabs.tabText(0) == "Curvas de declinación"
        assert window.windowTitle() != "Oilfield control room"
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: window.nav_buttons["alarms"].text() == "Alarms", timeout=3000)
