"""Alarm definitions: what is alarmed, how, how urgent, and what the operator should do.

An :class:`AlarmDef` is one row of the master alarm database that rationalization produces
(ISA-18.2 / IEC 62682, "rationalization" and "basic alarm design"): every alarm carries its
priority, cause/consequence/response texts and the design parameters (limit, deadband, on/off
delays) that keep it from chattering. Definitions are immutable and validated on construction, so
the engine never runs an alarm that could not clear (deadband wider than the limit) or that lacks
the input its kind needs (a deviation alarm without a setpoint tag).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Priority(IntEnum):
    """Alarm priority; a greater value is more urgent, so ``max()`` picks the most urgent.

    ISA-18.2 asks for few priorities (three or four) chosen from consequence severity and time to
    respond; EEMUA 191 suggests a mix of roughly 80 % low, 15 % medium, 5 % high.
    """

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        """Lower-case name used in config files and the journal ("critical", "high", ...)."""
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Priority:
        """Parse a config label; raises ``ValueError`` listing the valid ones."""
        try:
            return cls[label.strip().upper()]
        except KeyError:
            valid = ", ".join(p.label for p in cls)
            raise ValueError(f"unknown priority {label!r}; valid: {valid}") from None


class AlarmKind(StrEnum):
    """What abnormal situation an alarm detects."""

    HI = "hi"
    HIHI = "hihi"
    LO = "lo"
    LOLO = "lolo"
    RATE_OF_CHANGE = "rate_of_change"
    DEVIATION = "deviation"
    DISCRETE = "discrete"
    BAD_QUALITY = "bad_quality"
    FROZEN = "frozen"

    @property
    def is_high_limit(self) -> bool:
        return self in (AlarmKind.HI, AlarmKind.HIHI)

    @property
    def is_low_limit(self) -> bool:
        return self in (AlarmKind.LO, AlarmKind.LOLO)

    @property
    def uses_limit(self) -> bool:
        """Kinds compared against a numeric limit, and so the ones a deadband applies to."""
        return self in _LIMIT_KINDS


_LIMIT_KINDS = frozenset(
    {
        AlarmKind.HI,
        AlarmKind.HIHI,
        AlarmKind.LO,
        AlarmKind.LOLO,
        AlarmKind.RATE_OF_CHANGE,
        AlarmKind.DEVIATION,
    }
)


class Comparison(StrEnum):
    """Comparison operators a suppression condition may use."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "=="
    NE = "!="


_COMPARE: dict[Comparison, Callable[[float, float], bool]] = {
    Comparison.LT: operator.lt,
    Comparison.LE: operator.le,
    Comparison.GT: operator.gt,
    Comparison.GE: operator.ge,
    Comparison.EQ: operator.eq,
    Comparison.NE: operator.ne,
}


@dataclass(frozen=True, slots=True)
class SuppressCondition:
    """State-based ("designed") suppression: hide the alarm while ``tag <op> value`` holds.

    Example: ``SuppressCondition("W01.ESP.RUNNING", Comparison.EQ, 0)`` hides a well's low-flow
    alarms while the well is stopped, because a stopped well has no flow by design
    (ISA-18.2 / IEC 62682, "designed suppression" / state-based alarming). Deliberately a typed
    triple rather than an expression language: the engine evaluates it every scan and a
    rationalization review must be able to read it.
    """

    tag: str
    op: Comparison
    value: float

    def __post_init__(self) -> None:
        if not self.tag.strip():
            raise ValueError("suppress_when needs a tag name")
        if not isinstance(self.op, Comparison):
            raise ValueError(f"suppress_when op must be a Comparison, got {self.op!r}")
        if not math.isfinite(self.value):
            raise ValueError("suppress_when value must be a finite number")

    def holds(self, value: float | None, good: bool = True) -> bool:
        """Whether the suppressing state is present.

        A missing or not-good value of the condition tag never suppresses: when we cannot tell
        whether the well is stopped, showing its alarms is the safe side.
        """
        if value is None or not good or math.isnan(value):
            return False
        return _COMPARE[self.op](value, self.value)


@dataclass(frozen=True, slots=True)
class AlarmDef:
    """One configured alarm, as rationalized.

    ``limit`` is in engineering units for HI/HIHI/LO/LOLO; the allowed absolute distance from the
    setpoint for DEVIATION; and the allowed absolute rate, in EU per ``rate_period_s``, for
    RATE_OF_CHANGE. ``deadband`` (EU, same unit as ``limit``) is the hysteresis used to clear.
    ``on_delay_s``/``off_delay_s`` are the alarm on/off delays ISA-18.2 recommends against
    chattering. ``latched`` alarms stay annunciated after return to normal until an operator
    resets them.
    """

    name: str
    tag: str
    kind: AlarmKind
    priority: Priority
    area: str
    limit: float | None = None
    deadband: float = 0.0
    on_delay_s: float = 0.0
    off_delay_s: float = 0.0
    message: str = ""
    consequence: str = ""
    response: str = ""
    latched: bool = False
    setpoint_tag: str | None = None
    state_value: float | None = None
    frozen_after_s: float | None = None
    rate_period_s: float = 60.0
    first_out_group: str | None = None
    suppress_when: SuppressCondition | None = None

    def __post_init__(self) -> None:
        where = f"alarm {self.name!r}"
        if not self.name.strip() or any(c.isspace() for c in self.name):
            raise ValueError(f"{where}: name must be non-empty and contain no whitespace")
        if not self.tag.strip():
            raise ValueError(f"{where}: tag must be non-empty")
        if not isinstance(self.kind, AlarmKind):
            raise ValueError(f"{where}: kind must be an AlarmKind, got {self.kind!r}")
        if not isinstance(self.priority, Priority):
            raise ValueError(f"{where}: priority must be a Priority, got {self.priority!r}")
        if not self.area.strip():
            raise ValueError(f"{where}: area must be non-empty (e.g. 'Campo/PAD-A/W01')")
        for label, delay in (("on_delay_s", self.on_delay_s), ("off_delay_s", self.off_delay_s)):
            if not math.isfinite(delay) or delay < 0:
                raise ValueError(f"{where}: {label} must be a finite number >= 0, got {delay}")
        if not math.isfinite(self.deadband) or self.deadband < 0:
            raise ValueError(f"{where}: deadband must be a finite number >= 0")
        if self.first_out_group is not None and not self.first_out_group.strip():
            raise ValueError(f"{where}: first_out_group, when given, must be non-empty")
        self._check_kind_fields(where)

    def _check_kind_fields(self, where: str) -> None:
        kind = self.kind
        if kind.uses_limit:
            if self.limit is None or not math.isfinite(self.limit):
                raise ValueError(f"{where}: a {kind} alarm needs a finite limit")
            if kind in (AlarmKind.RATE_OF_CHANGE, AlarmKind.DEVIATION):
                if self.limit <= 0:
                    raise ValueError(f"{where}: a {kind} limit is a magnitude and must be > 0")
                if self.deadband >= self.limit:
                    raise ValueError(
                        f"{where}: deadband {self.deadband} >= limit {self.limit}: "
                        "the alarm could never clear"
                    )
        else:
            if self.limit is not None:
                raise ValueError(f"{where}: a {kind} alarm takes no limit")
            if self.deadband != 0:
                raise ValueError(f"{where}: a {kind} alarm takes no deadband")
        if kind is AlarmKind.DEVIATION:
            if not self.setpoint_tag or not self.setpoint_tag.strip():
                raise ValueError(f"{where}: a deviation alarm needs setpoint_tag")
        elif self.setpoint_tag is not None:
            raise ValueError(f"{where}: setpoint_tag only applies to deviation alarms")
        if kind is AlarmKind.DISCRETE:
            if self.state_value is None or not math.isfinite(self.state_value):
                raise ValueError(f"{where}: a discrete alarm needs state_value (abnormal value)")
        elif self.state_value is not None:
            raise ValueError(f"{where}: state_value only applies to discrete alarms")
        if kind is AlarmKind.FROZEN:
            fa = self.frozen_after_s
            if fa is None or not math.isfinite(fa) or fa <= 0:
                raise ValueError(f"{where}: a frozen alarm needs frozen_after_s > 0")
        elif self.frozen_after_s is not None:
            raise ValueError(f"{where}: frozen_after_s only applies to frozen alarms")
        if not math.isfinite(self.rate_period_s) or self.rate_period_s <= 0:
            raise ValueError(f"{where}: rate_period_s must be > 0")


def check_unique_names(defs: Iterable[AlarmDef]) -> None:
    """Raise ``ValueError`` naming the first duplicate alarm name.

    Names identify alarms in the journal and in operator actions, so they must be unique across
    the whole field, which a single definition cannot check by itself.
    """
    seen: set[str] = set()
    for d in defs:
        if d.name in seen:
            raise ValueError(f"duplicate alarm name {d.name!r}")
        seen.add(d.name)
