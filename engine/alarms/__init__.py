"""The edge engine's alarm engine: the domain's ISA-18.2 state machines fed by the scanner,
journaled in PostgreSQL (see docs/alarms.md)."""
