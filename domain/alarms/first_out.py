"""First-out indication: which alarm of a group tripped first.

When a well shuts down, a dozen trip alarms follow within a second (low flow, low current, low
intake pressure...). Only the first one points at the cause, so alarm systems mark it "first-out"
(ISA-18.2 / IEC 62682 list first-out alarming among the enhanced alarm methods; ISA-18.1
annunciator sequences call it "first-out" or "first alert"). The mark stays on the first
activation since the group was last reset, until the operator resets the group.

Several members may activate in the same scan. The winner is then decided deterministically:
earliest timestamp (a device timestamp is finer than the scan), then the order in which the
members were defined (normally the order of the trip chain in the configuration).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from domain.alarms.definitions import AlarmDef


class Activation(NamedTuple):
    """An alarm of the group became active at ``ts``."""

    alarm: str
    ts: float


class FirstOutGroup:
    """First-out tracking for one group; ``members`` in definition order."""

    def __init__(self, name: str, members: Sequence[str]) -> None:
        if not name.strip():
            raise ValueError("a first-out group needs a name")
        if not members:
            raise ValueError(f"first-out group {name!r} has no members")
        order: dict[str, int] = {}
        for i, m in enumerate(members):
            if m in order:
                raise ValueError(f"first-out group {name!r} lists {m!r} twice")
            order[m] = i
        self.name = name
        self._order = order
        self._first: Activation | None = None

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(self._order)

    @property
    def first_out(self) -> str | None:
        """The alarm marked first-out, or None since the last reset."""
        return None if self._first is None else self._first.alarm

    @property
    def first_out_ts(self) -> float | None:
        return None if self._first is None else self._first.ts

    def is_first_out(self, alarm: str) -> bool:
        return self._first is not None and self._first.alarm == alarm

    def observe(self, activations: Iterable[Activation]) -> str | None:
        """Record the activations of one scan; return the alarm newly marked first-out, if any.

        Activations of alarms outside the group raise ``ValueError`` (a wiring mistake in the
        engine, better loud than a wrong first-out). Once a first-out is set, later activations do
        not change it.
        """
        batch = list(activations)
        for a in batch:
            if a.alarm not in self._order:
                raise ValueError(f"{a.alarm!r} is not a member of first-out group {self.name!r}")
        if self._first is not None or not batch:
            return None
        self._first = min(batch, key=lambda a: (a.ts, self._order[a.alarm]))
        return self._first.alarm

    def reset(self) -> str | None:
        """Clear the mark (operator reset, or the group cleared); returns the cleared alarm."""
        cleared = self.first_out
        self._first = None
        return cleared


class FirstOutBoard:
    """All first-out groups of a field, built from the definitions' ``first_out_group``."""

    def __init__(self, groups: Iterable[FirstOutGroup]) -> None:
        self._groups: dict[str, FirstOutGroup] = {}
        self._group_of: dict[str, str] = {}
        for g in groups:
            if g.name in self._groups:
                raise ValueError(f"duplicate first-out group {g.name!r}")
            self._groups[g.name] = g
            for m in g.members:
                if m in self._group_of:
                    raise ValueError(
                        f"{m!r} is in first-out groups {self._group_of[m]!r} and {g.name!r}"
                    )
                self._group_of[m] = g.name

    @classmethod
    def from_definitions(cls, defs: Iterable[AlarmDef]) -> FirstOutBoard:
        """One group per distinct ``first_out_group``, members in definition order."""
        members: dict[str, list[str]] = {}
        for d in defs:
            if d.first_out_group is not None:
                members.setdefault(d.first_out_group, []).append(d.name)
        return cls(FirstOutGroup(name, names) for name, names in members.items())

    def group(self, name: str) -> FirstOutGroup:
        return self._groups[name]

    def group_of(self, alarm: str) -> str | None:
        return self._group_of.get(alarm)

    def observe(self, activations: Iterable[Activation]) -> dict[str, str]:
        """Route one scan's activations to their groups (alarms in no group are ignored);
        returns ``{group: alarm}`` for each group that got a new first-out."""
        per_group: dict[str, list[Activation]] = {}
        for a in activations:
            g = self._group_of.get(a.alarm)
            if g is not None:
                per_group.setdefault(g, []).append(a)
        marked: dict[str, str] = {}
        for g, batch in per_group.items():
            first = self._groups[g].observe(batch)
            if first is not None:
                marked[g] = first
        return marked

    def reset(self, group: str) -> str | None:
        return self._groups[group].reset()
