"""Typed results of the edge API, parsed from JSON at the boundary.

Why dataclasses and not the server's pydantic models: the HMI may import ``domain`` only, and
parsing here means a renamed field fails loudly in one place instead of deep inside a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.production import DailyProduction

#: Qualities the API reports; only a fresh GOOD value (``good`` true) may look normal.
QUALITIES = ("GOOD", "UNCERTAIN", "STALE", "BAD_COMM", "BAD_CONFIG", "NO_VALUE")


def parse_ts(value: Any) -> datetime | None:
    """ISO 8601 from the API (``Z`` accepted) or None."""
    if value is None:
        return None
    text = str(value)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Me:
    username: str
    role: str
    permissions: frozenset[str]
    must_change_password: bool = False

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Me:
        return cls(username=d["username"], role=d["role"],
                   permissions=frozenset(d.get("permissions", ())),
                   must_change_password=bool(d.get("must_change_password", False)))


@dataclass(frozen=True)
class Tokens:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    session_expires_at: datetime
    user: Me

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Tokens:
        access = parse_ts(d["access_expires_at"])
        session = parse_ts(d["session_expires_at"])
        assert access is not None and session is not None
        return cls(access_token=d["access_token"], access_expires_at=access,
                   refresh_token=d["refresh_token"], session_expires_at=session,
                   user=Me.parse(d["user"]))


@dataclass(frozen=True)
class TagInfo:
    name: str
    site: str
    device: str
    units: str
    description: str
    eu_min: float | None
    eu_max: float | None
    writable: bool
    data_type: str = "float32"

    @classmethod
    def parse(cls, d: dict[str, Any]) -> TagInfo:
        return cls(name=d["name"], site=d["site"], device=d["device"], units=d.get("units", ""),
                   description=d.get("description", ""), eu_min=_opt_float(d.get("eu_min")),
                   eu_max=_opt_float(d.get("eu_max")), writable=bool(d.get("writable")),
                   data_type=d.get("data_type", "float32"))


@dataclass(frozen=True)
class TagValue:
    name: str
    value: float | None
    quality: str
    good: bool
    ts: datetime | None
    good_ts: datetime | None

    @classmethod
    def parse(cls, d: dict[str, Any]) -> TagValue:
        return cls(name=d["name"], value=_opt_float(d.get("value")),
                   quality=str(d.get("quality", "NO_VALUE")), good=bool(d.get("good")),
                   ts=parse_ts(d.get("ts")), good_ts=parse_ts(d.get("good_ts")))


@dataclass(frozen=True)
class Alarm:
    name: str
    tag: str | None
    priority: str
    priority_value: int
    area: str
    state: str
    condition_active: bool
    acknowledged: bool
    message: str
    value: float | None = None
    limit: float | None = None
    consequence: str = ""
    response: str = ""
    kind: str = ""
    awaiting_reset: bool = False
    first_out: bool = False
    shelved_until: datetime | None = None
    shelf_reason: str = ""
    shelved_by: str = ""
    out_of_service_by: str = ""  # who took it out of service (state "out_of_service")
    out_of_service_reason: str = ""
    since: datetime | None = None  # not in the API yet: filled from the journal when known

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Alarm:
        shelf = d.get("shelf") or {}
        oos = d.get("out_of_service") or {}
        return cls(
            name=d["name"], tag=d.get("tag"), priority=d.get("priority", "low"),
            priority_value=int(d.get("priority_value", 0)), area=d.get("area", ""),
            state=d.get("state", ""), condition_active=bool(d.get("condition_active")),
            acknowledged=bool(d.get("acknowledged")), message=d.get("message", ""),
            value=_opt_float(d.get("value")), limit=_opt_float(d.get("limit")),
            consequence=d.get("consequence", ""), response=d.get("response", ""),
            kind=d.get("kind", ""), awaiting_reset=bool(d.get("awaiting_reset")),
            first_out=bool(d.get("first_out")), shelved_until=parse_ts(shelf.get("until")),
            shelf_reason=shelf.get("reason", ""), shelved_by=shelf.get("user", ""),
            out_of_service_by=oos.get("user", ""),
            out_of_service_reason=oos.get("reason", ""),
            since=parse_ts(d.get("since") or d.get("ts")),
        )

    @property
    def device(self) -> str:
        """The device is the last part of the area ``<field>/<site>/<device>``."""
        return self.area.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class JournalEntry:
    """One alarm journal row: an alarm event (raised, returned to normal...) or an operator's
    action (acknowledge, shelve, comment...). Fields after ``comment`` are optional in the
    answer (older edges do not send ``tag`` and ``message``)."""

    id: int
    ts: datetime
    alarm: str
    event: str
    new_state: str
    user: str | None
    comment: str | None
    area: str = ""
    priority: str = ""
    cause: str = ""
    old_state: str = ""
    value: float | None = None
    limit: float | None = None
    tag: str | None = None
    message: str = ""

    @classmethod
    def parse(cls, d: dict[str, Any]) -> JournalEntry:
        ts = parse_ts(d["ts"])
        assert ts is not None
        return cls(id=int(d["id"]), ts=ts, alarm=d["alarm"], event=d.get("event", ""),
                   new_state=d.get("new_state", ""), user=d.get("user"),
                   comment=d.get("comment"), area=d.get("area", ""),
                   priority=str(d.get("priority", "")), cause=d.get("cause", ""),
                   old_state=d.get("old_state", ""), value=_opt_float(d.get("value")),
                   limit=_opt_float(d.get("limit")), tag=d.get("tag"),
                   message=d.get("message") or "")


@dataclass(frozen=True)
class JournalPage:
    """One page of a journal search, newest first; ``next_before_id`` asks for the older page
    (None: this was the last). ``start``/``end``: the time range the edge searched."""

    entries: list[JournalEntry]
    next_before_id: int | None
    start: datetime | None = None
    end: datetime | None = None

    @classmethod
    def parse(cls, d: dict[str, Any]) -> JournalPage:
        nxt = d.get("next_before_id")
        return cls(entries=[JournalEntry.parse(e) for e in d["entries"]],
                   next_before_id=None if nxt is None else int(nxt),
                   start=parse_ts(d.get("start")), end=parse_ts(d.get("end")))


@dataclass(frozen=True)
class TrendPoint:
    t: datetime
    min: float | None
    max: float | None
    avg: float | None
    last: float | None
    count: int
    nbad: int


@dataclass(frozen=True)
class TrendPrior:
    """The last sample before a trend's start (the value it starts from)."""

    t: datetime
    value: float | None
    quality: str


@dataclass(frozen=True)
class Trend:
    tag: str
    start: datetime
    end: datetime
    bucket_s: float
    points: list[TrendPoint] = field(default_factory=list)
    prior: TrendPrior | None = None
    hold_s: float | None = None  # a stored value holds until the next sample, at most this

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Trend:
        start, end = parse_ts(d["start"]), parse_ts(d["end"])
        assert start is not None and end is not None
        pts = []
        for p in d.get("points", []):
            t = parse_ts(p["t"])
            assert t is not None
            pts.append(TrendPoint(t=t, min=_opt_float(p.get("min")), max=_opt_float(p.get("max")),
                                  avg=_opt_float(p.get("avg")), last=_opt_float(p.get("last")),
                                  count=int(p.get("count", 0)), nbad=int(p.get("nbad", 0))))
        prior = None
        p = d.get("prior")
        if p:
            t = parse_ts(p.get("t"))
            if t is not None:
                prior = TrendPrior(t=t, value=_opt_float(p.get("value")),
                                   quality=str(p.get("quality", "")))
        return cls(tag=d["tag"], start=start, end=end, bucket_s=float(d.get("bucket_s", 0)),
                   points=pts, prior=prior, hold_s=_opt_float(d.get("hold_s")))


@dataclass(frozen=True)
class DeviceComms:
    name: str
    site: str
    model: str
    state: str
    last_ok: datetime | None
    consecutive_failures: int

    @property
    def ok(self) -> bool:
        return self.state == "connected"

    @classmethod
    def parse(cls, d: dict[str, Any]) -> DeviceComms:
        return cls(name=d["name"], site=d.get("site", ""), model=d.get("model", ""),
                   state=d.get("state", "not_scanned"), last_ok=parse_ts(d.get("last_ok")),
                   consecutive_failures=int(d.get("consecutive_failures", 0)))


@dataclass(frozen=True)
class SessionPolicy:
    """What the edge asks of its clients around login (edge.yaml ``api``)."""

    login_banner: str = ""
    lock_after_minutes: float = 0.0

    @classmethod
    def parse(cls, d: dict[str, Any]) -> SessionPolicy:
        return cls(login_banner=str(d.get("login_banner") or ""),
                   lock_after_minutes=float(d.get("lock_after_minutes") or 0.0))


@dataclass(frozen=True)
class Health:
    status: str
    version: str
    site: str
    database: str
    devices_down: int
    devices_total: int

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Health:
        dev = d.get("devices", {})
        return cls(status=d.get("status", "starting"), version=d.get("version", ""),
                   site=d.get("site", ""), database=d.get("database", "disconnected"),
                   devices_down=int(dev.get("down", 0)), devices_total=int(dev.get("total", 0)))


@dataclass(frozen=True)
class WriteResult:
    """Read-back of a select-before-operate write (``writes.py``, provisional shape)."""

    tag: str
    requested: float
    read_back: float | None
    quality: str
    ok: bool
    message: str = ""


# -- daily production (GET /api/production/...) -----------------------------------------------
def _parse_day(value: Any) -> date:
    return date.fromisoformat(str(value))


@dataclass(frozen=True)
class WellDaily:
    """One well's days as parallel tuples (oldest first), straight from the API."""

    well: str
    day: tuple[date, ...] = ()
    oil_bbl: tuple[float | None, ...] = ()
    water_bbl: tuple[float | None, ...] = ()
    gas_mscf: tuple[float | None, ...] = ()
    hours_on: tuple[float | None, ...] = ()
    hours_data: tuple[float | None, ...] = ()
    source: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.day)

    def rows(self) -> list[DailyProduction]:
        """The days as the domain's rows (checked there: an impossible value from the edge
        raises ``ProductionError`` naming the column)."""
        return [DailyProduction(self.well, *values) for values in zip(
            self.day, self.oil_bbl, self.water_bbl, self.gas_mscf, self.hours_on,
            self.hours_data, self.source, strict=True)]

    def extended(self, other: WellDaily) -> WellDaily:
        """This well's days followed by ``other``'s (a later range of the same well)."""
        return WellDaily(self.well, self.day + other.day, self.oil_bbl + other.oil_bbl,
                         self.water_bbl + other.water_bbl, self.gas_mscf + other.gas_mscf,
                         self.hours_on + other.hours_on, self.hours_data + other.hours_data,
                         self.source + other.source)

    @classmethod
    def parse(cls, d: dict[str, Any]) -> WellDaily:
        days = tuple(_parse_day(x) for x in d.get("day", ()))

        def floats(key: str) -> tuple[float | None, ...]:
            values = tuple(_opt_float(v) for v in d.get(key, ()))
            if len(values) != len(days):
                raise ValueError(f"{d.get('well')}: {key} has {len(values)} values for "
                                 f"{len(days)} days")
            return values

        sources = tuple(str(s) for s in d.get("source", ()))
        if len(sources) != len(days):
            raise ValueError(f"{d.get('well')}: source has {len(sources)} values for "
                             f"{len(days)} days")
        return cls(well=str(d["well"]), day=days, oil_bbl=floats("oil_bbl"),
                   water_bbl=floats("water_bbl"), gas_mscf=floats("gas_mscf"),
                   hours_on=floats("hours_on"), hours_data=floats("hours_data"),
                   source=sources)


@dataclass(frozen=True)
class ProductionWell:
    """A well with daily history on the edge: its span, row count and cumulatives."""

    well: str
    first_day: date
    last_day: date
    days: int
    cum_oil_bbl: float
    cum_water_bbl: float
    cum_gas_mscf: float
    sources: tuple[str, ...] = ()

    @classmethod
    def parse(cls, d: dict[str, Any]) -> ProductionWell:
        return cls(well=str(d["well"]), first_day=_parse_day(d["first_day"]),
                   last_day=_parse_day(d["last_day"]), days=int(d.get("days", 0)),
                   cum_oil_bbl=float(d.get("cum_oil_bbl", 0.0)),
                   cum_water_bbl=float(d.get("cum_water_bbl", 0.0)),
                   cum_gas_mscf=float(d.get("cum_gas_mscf", 0.0)),
                   sources=tuple(str(s) for s in d.get("sources", ())))


@dataclass(frozen=True)
class ProductionTarget:
    """A daily target (bbl/d, Mscf/d; None = none for that quantity) from ``valid_from`` on;
    ``scope`` "*" is the whole field."""

    scope: str
    valid_from: date
    oil_bbl_d: float | None
    water_bbl_d: float | None
    gas_mscf_d: float | None
    note: str = ""
    set_by: str = ""

    @classmethod
    def parse(cls, d: dict[str, Any]) -> ProductionTarget:
        def num(key: str) -> float | None:
            v = d.get(key)
            return None if v is None else float(v)
        return cls(scope=str(d["scope"]), valid_from=_parse_day(d["valid_from"]),
                   oil_bbl_d=num("oil_bbl_d"), water_bbl_d=num("water_bbl_d"),
                   gas_mscf_d=num("gas_mscf_d"), note=str(d.get("note", "")),
                   set_by=str(d.get("set_by", "")))


@dataclass(frozen=True)
class ProductionTargets:
    day: date
    field: ProductionTarget | None
    wells: tuple[ProductionTarget, ...] = ()

    @classmethod
    def parse(cls, d: dict[str, Any]) -> ProductionTargets:
        f = d.get("field")
        return cls(day=_parse_day(d["day"]), field=ProductionTarget.parse(f) if f else None,
                   wells=tuple(ProductionTarget.parse(w) for w in d.get("wells", ())))
