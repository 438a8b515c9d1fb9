"""The control-room HMI: a PySide6 + pyqtgraph client of the edge's HTTP/WebSocket API.

Layout (napari-style): ``api/`` talks to the edge (no Qt), ``components/`` holds observable
models (no Qt), ``_qt/`` holds the widgets that observe them. ``python -m hmi --server URL``.
"""

__version__ = "0.1.0"
