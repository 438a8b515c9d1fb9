"""Alarm definitions: priorities order, and invalid definitions are refused with clear errors."""

from __future__ import annotations

import pytest

from domain.alarms.definitions import (
    AlarmDef,
    AlarmKind,
    Comparison,
    Priority,
    SuppressCondition,
    check_unique_names,
)

from ._defs import hi_alarm


def test_priority_order_most_urgent_is_greatest():
    assert Priority.CRITICAL > Priority.HIGH > Priority.MEDIUM > Priority.LOW
    assert max([Priority.LOW, Priority.CRITICAL, Priority.MEDIUM]) is Priority.CRITICAL


def test_priority_labels_round_trip_and_unknown_label_lists_valid_ones():
    for p in Priority:
        assert Priority.from_label(p.label) is p
    with pytest.raises(ValueError, match="critical"):
        Priority.from_label("urgent")


def test_valid_definitions_of_every_kind():
    hi_alarm()
    hi_alarm(name="X.LOLO", kind=AlarmKind.LOLO, limit=5.0)
    hi_alarm(name="X.ROC", kind=AlarmKind.RATE_OF_CHANGE, limit=10.0, deadband=1.0)
    hi_alarm(name="X.DEV", kind=AlarmKind.DEVIATION, limit=5.0, setpoint_tag="X.SP")
    hi_alarm(name="X.TRIP", kind=AlarmKind.DISCRETE, limit=None, deadband=0, state_value=1)
    hi_alarm(name="X.BAD", kind=AlarmKind.BAD_QUALITY, limit=None, deadband=0)
    hi_alarm(name="X.FRZ", kind=AlarmKind.FROZEN, limit=None, deadband=0, frozen_after_s=600)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "W01 TEMP"}, "whitespace"),
        ({"name": ""}, "name"),
        ({"tag": " "}, "tag"),
        ({"area": ""}, "area"),
        ({"limit": None}, "finite limit"),
        ({"limit": float("nan")}, "finite limit"),
        ({"deadband": -1.0}, "deadband"),
        ({"on_delay_s": -1.0}, "on_delay_s"),
        ({"off_delay_s": float("inf")}, "off_delay_s"),
        ({"setpoint_tag": "SP"}, "setpoint_tag only"),
        ({"state_value": 1.0}, "state_value only"),
        ({"frozen_after_s": 60.0}, "frozen_after_s only"),
        ({"rate_period_s": 0.0}, "rate_period_s"),
        ({"first_out_group": " "}, "first_out_group"),
        ({"kind": AlarmKind.DEVIATION, "limit": 5.0}, "setpoint_tag"),
        (
            {"kind": AlarmKind.DEVIATION, "limit": 5.0, "deadband": 5.0, "setpoint_tag": "S"},
            "never clear",
        ),
        ({"kind": AlarmKind.RATE_OF_CHANGE, "limit": -1.0, "deadband": 0}, "> 0"),
        ({"kind": AlarmKind.DISCRETE, "limit": None, "deadband": 0}, "state_value"),
        ({"kind": AlarmKind.DISCRETE, "deadband": 0, "state_value": 1}, "takes no limit"),
        ({"kind": AlarmKind.BAD_QUALITY, "limit": None}, "takes no deadband"),
        ({"kind": AlarmKind.FROZEN, "limit": None, "deadband": 0}, "frozen_after_s"),
        ({"priority": "high"}, "Priority"),
    ],
)
def test_invalid_definition_is_refused_with_a_clear_message(overrides, message):
    with pytest.raises(ValueError, match=message):
        hi_alarm(**overrides)


def test_definition_is_immutable():
    d = hi_alarm()
    with pytest.raises(AttributeError):
        d.limit = 1.0  # type: ignore[misc]


def test_duplicate_names_are_reported():
    a = hi_alarm()
    b = hi_alarm(name="W01.ESP.TEMP.HIHI", kind=AlarmKind.HIHI, limit=130.0)
    check_unique_names([a, b])
    with pytest.raises(ValueError, match=r"duplicate alarm name 'W01\.ESP\.TEMP\.HI'"):
        check_unique_names([a, b, a])


def test_suppress_condition_holds_only_on_a_good_known_value():
    stopped = SuppressCondition("W01.ESP.RUNNING", Comparison.EQ, 0)
    assert stopped.holds(0.0)
    assert not stopped.holds(1.0)
    assert not stopped.holds(None)
    assert not stopped.holds(float("nan"))
    assert not stopped.holds(0.0, good=False)  # unknown state never hides alarms
    assert SuppressCondition("F", Comparison.LT, 5).holds(4.9)
    assert not SuppressCondition("F", Comparison.GE, 5).holds(4.9)


def test_suppress_condition_is_validated():
    with pytest.raises(ValueError, match="tag"):
        SuppressCondition("", Comparison.EQ, 0)
    with pytest.raises(ValueError, match="Comparison"):
        SuppressCondition("T", "==", 0)  # type: ignore[arg-type]
    d = hi_alarm(
        name="W01.FLOW.LO",
        kind=AlarmKind.LO,
        limit=10.0,
        suppress_when=SuppressCondition("W01.ESP.RUNNING", Comparison.EQ, 0),
    )
    assert isinstance(d, AlarmDef)
