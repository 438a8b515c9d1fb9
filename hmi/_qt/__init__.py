"""Qt widgets observing the Qt-free models in ``hmi.components`` (one folder per screen).

PySide6 6.12.0 is excluded in pyproject.toml: on Python 3.11 every call of a wrapped method
returning ``void`` (``QLabel.setText``...) drops a reference to ``None``, and the HMI aborts
with "none_dealloc" minutes into a shift (measured: 10,000 ``setText`` calls abort under
6.12.0; 6.11.3 keeps ``None``'s count unchanged). ``tests/hmi/test_qt_refcount.py`` guards it.
"""
