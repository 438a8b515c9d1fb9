"""``python -m hmi``: start the control-room HMI (see ``hmi._qt.app``)."""

from __future__ import annotations

import sys

from hmi._qt.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
