"""Condition evaluation: deadband hysteresis per kind, and unusable data holding the condition."""

from __future__ import annotations

import math

import pytest

from domain.alarms.conditions import ConditionContext, Sample, is_abnormal
from domain.alarms.definitions import AlarmKind
from domain.tags import Quality

from ._defs import hi_alarm

G = Quality.GOOD


NO_CONTEXT = ConditionContext()


def run(alarm, values, context=NO_CONTEXT):
    """Evaluate a sequence of GOOD values, feeding back the previous condition."""
    active = False
    out = []
    for i, v in enumerate(values):
        active = is_abnormal(alarm, Sample(v, G, float(i)), active, context)
        out.append(active)
    return out


def test_hi_activates_above_limit_and_clears_only_below_limit_minus_deadband():
    hi = hi_alarm(limit=120.0, deadband=2.0)
    assert run(hi, [119, 120, 120.1, 119, 118.5, 118, 117.9, 120, 120.5]) == [
        False, False, True, True, True, True, False, False, True,
    ]  # fmt: skip


def test_hihi_behaves_like_hi():
    hihi = hi_alarm(kind=AlarmKind.HIHI, limit=130.0, deadband=1.0)
    assert run(hihi, [131, 129.5, 128.9]) == [True, True, False]


def test_lo_mirrors_hi():
    lo = hi_alarm(kind=AlarmKind.LO, limit=10.0, deadband=1.0)
    assert run(lo, [11, 10, 9.9, 10.5, 11, 11.1, 9]) == [
        False, False, True, True, True, False, True,
    ]  # fmt: skip


def test_lolo_behaves_like_lo():
    lolo = hi_alarm(kind=AlarmKind.LOLO, limit=5.0, deadband=0.0)
    assert run(lolo, [4.9, 5.0, 5.1]) == [True, True, False]


def test_zero_deadband_holds_exactly_at_the_limit():
    hi = hi_alarm(deadband=0.0)
    assert run(hi, [121, 120, 119.99]) == [True, True, False]


@pytest.mark.parametrize("quality", [Quality.STALE, Quality.BAD_COMM, Quality.BAD_CONFIG])
@pytest.mark.parametrize("was_active", [False, True])
def test_limit_alarm_holds_its_condition_on_bad_quality(quality, was_active):
    hi = hi_alarm()
    # a BAD 0.0 must not clear an active HI; a BAD 999 must not raise an inactive one
    for value in (0.0, 999.0, None, math.nan):
        assert is_abnormal(hi, Sample(value, quality, 0.0), was_active) is was_active


def test_missing_or_nan_value_holds_even_with_good_quality():
    hi = hi_alarm()
    assert is_abnormal(hi, Sample(None, G, 0.0), True)
    assert not is_abnormal(hi, Sample(math.nan, G, 0.0), False)


def test_uncertain_value_is_still_evaluated():
    hi = hi_alarm()
    assert is_abnormal(hi, Sample(500.0, Quality.UNCERTAIN, 0.0), False)


def test_bad_quality_kind_goes_active_on_unusable_data_only():
    bq = hi_alarm(kind=AlarmKind.BAD_QUALITY, limit=None, deadband=0.0)
    assert not is_abnormal(bq, Sample(1.0, G, 0.0), True)
    assert not is_abnormal(bq, Sample(1.0, Quality.UNCERTAIN, 0.0), True)
    for q in (Quality.STALE, Quality.BAD_COMM, Quality.BAD_CONFIG):
        assert is_abnormal(bq, Sample(1.0, q, 0.0), False)
    assert is_abnormal(bq, Sample(None, G, 0.0), False)


def test_discrete_alarm_is_active_on_its_abnormal_value():
    trip = hi_alarm(kind=AlarmKind.DISCRETE, limit=None, deadband=0.0, state_value=1)
    assert run(trip, [0, 1, 1, 0]) == [False, True, True, False]
    assert is_abnormal(trip, Sample(0, Quality.BAD_COMM, 0.0), True)  # held


def test_deviation_uses_the_setpoint_with_hysteresis_and_holds_without_it():
    dev = hi_alarm(kind=AlarmKind.DEVIATION, limit=5.0, deadband=1.0, setpoint_tag="W01.SP")
    sp = ConditionContext(setpoint=Sample(50.0, G, 0.0))
    assert run(dev, [52, 55.5, 46, 45.5, 44.5, 50], sp) == [
        False, True, True, True, True, False,
    ]  # fmt: skip
    assert is_abnormal(dev, Sample(44.0, G, 0.0), False, sp)  # below SP by 6
    assert is_abnormal(dev, Sample(50.0, G, 0.0), True, ConditionContext())
    bad_sp = ConditionContext(setpoint=Sample(50.0, Quality.BAD_COMM, 0.0))
    assert not is_abnormal(dev, Sample(90.0, G, 0.0), False, bad_sp)


def test_rate_of_change_is_per_rate_period_in_both_directions():
    roc = hi_alarm(kind=AlarmKind.RATE_OF_CHANGE, limit=10.0, deadband=2.0)  # EU per minute
    prev = Sample(100.0, G, 0.0)
    # +0.2 EU/s = 12 EU/min > 10
    assert is_abnormal(roc, Sample(106.0, G, 30.0), False, ConditionContext(previous=prev))
    # -12 EU/min also counts
    assert is_abnormal(roc, Sample(94.0, G, 30.0), False, ConditionContext(previous=prev))
    # 9 EU/min: inside the deadband band (8..10) keeps an active alarm active
    assert is_abnormal(roc, Sample(104.5, G, 30.0), True, ConditionContext(previous=prev))
    # 7 EU/min clears
    assert not is_abnormal(roc, Sample(103.5, G, 30.0), True, ConditionContext(previous=prev))


def test_rate_of_change_holds_when_it_cannot_be_computed():
    roc = hi_alarm(kind=AlarmKind.RATE_OF_CHANGE, limit=10.0, deadband=0.0)
    now = Sample(500.0, G, 10.0)
    assert is_abnormal(roc, now, True)  # no previous sample
    same_time = ConditionContext(previous=Sample(0.0, G, 10.0))
    assert not is_abnormal(roc, now, False, same_time)
    bad_prev = ConditionContext(previous=Sample(0.0, Quality.BAD_COMM, 0.0))
    assert is_abnormal(roc, now, True, bad_prev)


def test_frozen_after_no_change_for_frozen_after_s():
    frz = hi_alarm(kind=AlarmKind.FROZEN, limit=None, deadband=0.0, frozen_after_s=600.0)
    changed_at = ConditionContext(last_change_ts=1000.0)
    assert not is_abnormal(frz, Sample(5.0, G, 1599.0), False, changed_at)
    assert is_abnormal(frz, Sample(5.0, G, 1600.0), False, changed_at)
    assert not is_abnormal(
        frz, Sample(5.0, G, 1700.0), True, ConditionContext(last_change_ts=1650.0)
    )
    assert is_abnormal(frz, Sample(5.0, G, 2000.0), True, ConditionContext())  # unknown: hold
    assert not is_abnormal(frz, Sample(5.0, Quality.STALE, 9999.0), False, changed_at)
