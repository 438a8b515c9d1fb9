"""First-out: the first alarm of a group since its last reset, decided deterministically."""

from __future__ import annotations

import pytest

from domain.alarms.definitions import AlarmKind
from domain.alarms.first_out import Activation, FirstOutBoard, FirstOutGroup

from ._defs import hi_alarm

TRIPS = ["W01.TRIP.LOFLOW", "W01.TRIP.LOAMPS", "W01.TRIP.LOPIP"]


def test_first_activation_is_marked_and_later_ones_are_not():
    g = FirstOutGroup("W01.TRIPS", TRIPS)
    assert g.observe([Activation("W01.TRIP.LOAMPS", 10.0)]) == "W01.TRIP.LOAMPS"
    assert g.observe([Activation("W01.TRIP.LOFLOW", 11.0)]) is None
    assert g.first_out == "W01.TRIP.LOAMPS" and g.first_out_ts == 10.0
    assert g.is_first_out("W01.TRIP.LOAMPS") and not g.is_first_out("W01.TRIP.LOFLOW")


def test_same_scan_earliest_timestamp_wins():
    g = FirstOutGroup("W01.TRIPS", TRIPS)
    got = g.observe([Activation("W01.TRIP.LOFLOW", 10.2), Activation("W01.TRIP.LOPIP", 10.1)])
    assert got == "W01.TRIP.LOPIP"


def test_same_scan_same_timestamp_definition_order_wins_whatever_the_input_order():
    for batch in (
        [Activation("W01.TRIP.LOPIP", 10.0), Activation("W01.TRIP.LOAMPS", 10.0)],
        [Activation("W01.TRIP.LOAMPS", 10.0), Activation("W01.TRIP.LOPIP", 10.0)],
    ):
        g = FirstOutGroup("W01.TRIPS", TRIPS)
        assert g.observe(batch) == "W01.TRIP.LOAMPS"


def test_reset_rearms_the_group():
    g = FirstOutGroup("W01.TRIPS", TRIPS)
    g.observe([Activation("W01.TRIP.LOFLOW", 1.0)])
    assert g.reset() == "W01.TRIP.LOFLOW"
    assert g.first_out is None
    assert g.observe([]) is None
    assert g.observe([Activation("W01.TRIP.LOPIP", 2.0)]) == "W01.TRIP.LOPIP"


def test_group_validation_and_unknown_members():
    with pytest.raises(ValueError, match="no members"):
        FirstOutGroup("G", [])
    with pytest.raises(ValueError, match="twice"):
        FirstOutGroup("G", ["A", "A"])
    with pytest.raises(ValueError, match="not a member"):
        FirstOutGroup("G", ["A"]).observe([Activation("B", 0.0)])


def test_board_builds_groups_from_definitions_and_routes_activations():
    defs = [
        hi_alarm(name=n, kind=AlarmKind.DISCRETE, limit=None, deadband=0.0, state_value=1,
                 first_out_group="W01.TRIPS")
        for n in TRIPS
    ] + [hi_alarm()]  # fmt: skip
    board = FirstOutBoard.from_definitions(defs)
    assert board.group("W01.TRIPS").members == tuple(TRIPS)
    assert board.group_of("W01.ESP.TEMP.HI") is None
    marked = board.observe([Activation("W01.ESP.TEMP.HI", 0.0), Activation("W01.TRIP.LOPIP", 1.0)])
    assert marked == {"W01.TRIPS": "W01.TRIP.LOPIP"}
    assert board.observe([Activation("W01.TRIP.LOFLOW", 0.5)]) == {}
    assert board.reset("W01.TRIPS") == "W01.TRIP.LOPIP"


def test_board_refuses_an_alarm_in_two_groups():
    with pytest.raises(ValueError, match="in first-out groups"):
        FirstOutBoard([FirstOutGroup("G1", ["A"]), FirstOutGroup("G2", ["A"])])
