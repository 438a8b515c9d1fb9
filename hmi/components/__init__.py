"""Qt-free observable models: what the screens show, kept apart from how they draw it."""
