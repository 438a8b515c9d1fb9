"""Condition evaluation: is the process, as sampled now, in the abnormal state an alarm watches?

This is the "alarm detection" step in front of the state machine: it turns a sample into one
boolean. Two rules keep the result from chattering or lying:

* **Deadband hysteresis** (ISA-18.2 / IEC 62682, basic alarm design: alarm deadband). A HI alarm
  becomes abnormal when ``value > limit`` and becomes normal again only when
  ``value < limit - deadband``; in between the previous condition holds. LO mirrors it.
* **Unusable data holds the condition.** A limit alarm must not clear (or raise) because the
  transmitter went BAD: STALE/BAD_COMM/BAD_CONFIG samples, missing values and NaN keep the
  previous condition. Loss of the measurement is what the BAD_QUALITY kind reports instead.
  UNCERTAIN values (e.g. over-range) are still evaluated: an over-range pressure is exactly the
  kind of value a HIHI alarm exists for.

The per-kind functions take plain floats so they can be vectorised with numpy later without
changing their meaning; :func:`is_abnormal` dispatches on the definition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from domain.alarms.definitions import AlarmDef, AlarmKind
from domain.tags import Quality

_USABLE = frozenset({Quality.GOOD, Quality.UNCERTAIN})


@dataclass(frozen=True, slots=True)
class Sample:
    """One scanned value of a tag: engineering value (None when absent), quality, timestamp."""

    value: float | None
    quality: Quality
    ts: float

    @property
    def usable(self) -> bool:
        """Good enough to compare against a limit: GOOD or UNCERTAIN, with a finite value."""
        return self.quality in _USABLE and self.value is not None and math.isfinite(self.value)


@dataclass(frozen=True, slots=True)
class ConditionContext:
    """The extra inputs some kinds need, supplied by the engine.

    ``previous``: the previous sample of the same tag (RATE_OF_CHANGE).
    ``setpoint``: the current sample of ``AlarmDef.setpoint_tag`` (DEVIATION).
    ``last_change_ts``: when the tag's value last changed (FROZEN).
    """

    previous: Sample | None = None
    setpoint: Sample | None = None
    last_change_ts: float | None = None


_NO_CONTEXT = ConditionContext()


def high_limit(value: float, limit: float, deadband: float, was_active: bool) -> bool:
    """HI/HIHI with hysteresis: on above ``limit``, off below ``limit - deadband``."""
    if value > limit:
        return True
    if value < limit - deadband:
        return False
    return was_active


def low_limit(value: float, limit: float, deadband: float, was_active: bool) -> bool:
    """LO/LOLO with hysteresis: on below ``limit``, off above ``limit + deadband``."""
    if value < limit:
        return True
    if value > limit + deadband:
        return False
    return was_active


def magnitude_limit(magnitude: float, limit: float, deadband: float, was_active: bool) -> bool:
    """Absolute deviation or rate against a positive limit: a high limit on ``|x|``."""
    return high_limit(abs(magnitude), limit, deadband, was_active)


def rate_per_period(sample: Sample, previous: Sample, period_s: float) -> float | None:
    """Rate of change in EU per ``period_s``; None when it cannot be computed honestly."""
    if not (sample.usable and previous.usable):
        return None
    dt = sample.ts - previous.ts
    if dt <= 0:
        return None
    assert sample.value is not None and previous.value is not None  # usable guarantees it
    return (sample.value - previous.value) / dt * period_s


def is_abnormal(
    alarm: AlarmDef,
    sample: Sample,
    was_active: bool,
    context: ConditionContext = _NO_CONTEXT,
) -> bool:
    """The alarm's raw condition for this sample (before on/off delays).

    ``was_active`` is the previous raw condition of this alarm: it is what hysteresis and unusable
    data fall back to. BAD_QUALITY is the only kind that looks at quality itself.
    """
    kind = alarm.kind
    if kind is AlarmKind.BAD_QUALITY:
        return not sample.usable
    if not sample.usable:
        return was_active
    value = sample.value
    assert value is not None  # usable guarantees it
    if kind is AlarmKind.DISCRETE:
        return value == alarm.state_value
    if kind is AlarmKind.FROZEN:
        assert alarm.frozen_after_s is not None  # validated by AlarmDef
        if context.last_change_ts is None:
            return was_active
        return sample.ts - context.last_change_ts >= alarm.frozen_after_s
    assert alarm.limit is not None  # every remaining kind uses a limit (validated by AlarmDef)
    if kind.is_high_limit:
        return high_limit(value, alarm.limit, alarm.deadband, was_active)
    if kind.is_low_limit:
        return low_limit(value, alarm.limit, alarm.deadband, was_active)
    if kind is AlarmKind.DEVIATION:
        sp = context.setpoint
        if sp is None or not sp.usable:
            return was_active
        assert sp.value is not None
        return magnitude_limit(value - sp.value, alarm.limit, alarm.deadband, was_active)
    if kind is AlarmKind.RATE_OF_CHANGE:
        if context.previous is None:
            return was_active
        rate = rate_per_period(sample, context.previous, alarm.rate_period_s)
        if rate is None:
            return was_active
        return magnitude_limit(rate, alarm.limit, alarm.deadband, was_active)
    raise AssertionError(f"unhandled alarm kind {kind!r}")  # pragma: no cover
