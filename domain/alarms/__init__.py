"""Alarm management core (ISA-18.2 / IEC 62682): definitions, condition evaluation, the per-alarm
state machine, first-out indication and flood detection.

Everything here is pure: no I/O and no clock reads. Time comes in as ``now`` (epoch seconds), so
the engine decides when things happen and tests can replay any sequence exactly.
"""
