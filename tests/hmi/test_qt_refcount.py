"""Guards against the PySide6 release that corrupted ``None``'s reference count (6.12.0 on
Python 3.11): an HMI updating labels all shift long would abort with "none_dealloc"."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_method_calls_do_not_leak_none_references() -> None:
    app = QApplication.instance() or QApplication([])
    label = QLabel("x")
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText(str(i))
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, f"None refcount moved by {after - before}"
    label.deleteLater()
    assert app is not None
