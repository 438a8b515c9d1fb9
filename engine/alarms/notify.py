"""Alarm notification: the plug-in point and the e-mail notifier.

The alarm engine hands each batch of journaled transitions to every configured
:class:`Notifier`. Notification is a *secondary* channel (ISA-18.2-2016 / IEC 62682 treat remote
notification as an "enhanced" alarming technique that must not degrade the primary operator
interface), so the contract is strict: ``notify()`` must return at once and never raise into the
engine. :class:`EmailNotifier` therefore only filters and formats on the caller's thread and hands
the message to a worker thread through a bounded queue; a slow or dead SMTP server fills that queue
and then messages are dropped and counted, but the scan loop is never blocked.

Notifiers are plug-ins found through the ``oilfield.notifiers`` entry-point group (see
:func:`load_notifiers`); the built-in e-mail notifier is registered there as ``email``.
"""

from __future__ import annotations

import abc
import contextlib
import logging
import queue
import smtplib
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from importlib.metadata import entry_points
from typing import Any

from domain.alarms.definitions import AlarmDef, Priority
from domain.alarms.state import Event, Transition

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "oilfield.notifiers"

_SUBJECT_LABEL: Mapping[Priority, tuple[str, str]] = {
    Priority.CRITICAL: ("ALARMA CRÍTICA", "CRITICAL ALARM"),
    Priority.HIGH: ("ALARMA ALTA", "HIGH ALARM"),
    Priority.MEDIUM: ("ALARMA MEDIA", "MEDIUM ALARM"),
    Priority.LOW: ("ALARMA BAJA", "LOW ALARM"),
}
_PRIORITY_ES: Mapping[Priority, str] = {
    Priority.CRITICAL: "crítica",
    Priority.HIGH: "alta",
    Priority.MEDIUM: "media",
    Priority.LOW: "baja",
}
_EVENT_ES: Mapping[Event, str] = {
    Event.ACTIVATE: "activación",
    Event.RETURN_TO_NORMAL: "retorno a normal",
    Event.ACKNOWLEDGE: "reconocimiento",
    Event.RESET: "reposición",
    Event.SHELVE: "archivada (shelve)",
    Event.UNSHELVE: "desarchivada",
    Event.SUPPRESS: "suprimida por diseño",
    Event.UNSUPPRESS: "fin de supresión",
    Event.REMOVE_FROM_SERVICE: "fuera de servicio",
    Event.RETURN_TO_SERVICE: "vuelta a servicio",
}


# ---------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class NotificationRule:
    """Which transitions a notifier forwards.

    Defaults: every priority, every area, annunciated activations only — the alarms that just
    reached the operator (``Transition.annunciates``), not acks or returns to normal, so a
    recipient is told about the same things the console shows. ``areas`` are path prefixes
    matched on ``/`` boundaries ("Campo/PAD-A" matches "Campo/PAD-A/W01", not "Campo/PAD-AB").
    With ``annunciated_only`` False, events of hidden (shelved, suppressed) alarms pass too.
    """

    priorities: frozenset[Priority] = frozenset(Priority)
    areas: tuple[str, ...] = ()
    events: frozenset[Event] = frozenset({Event.ACTIVATE})
    annunciated_only: bool = True

    def __post_init__(self) -> None:
        if not self.priorities:
            raise ValueError("a notification rule needs at least one priority")
        if not self.events:
            raise ValueError("a notification rule needs at least one event")
        cleaned = tuple(a.strip().rstrip("/") for a in self.areas)
        if any(not a for a in cleaned):
            raise ValueError("notification rule areas must be non-empty paths")
        object.__setattr__(self, "areas", cleaned)

    def matches(self, t: Transition, d: AlarmDef) -> bool:
        if t.event not in self.events or d.priority not in self.priorities:
            return False
        if self.annunciated_only and t.event is Event.ACTIVATE and not t.annunciates:
            return False
        if self.annunciated_only and t.new_state.is_hidden:
            return False
        return not self.areas or any(d.area == a or d.area.startswith(a + "/") for a in self.areas)

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> NotificationRule:
        """From config: ``{"priorities": ["critical", "high"], "areas": ["Campo/PAD-A"],
        "events": ["activate"], "annunciated_only": true}`` (every key optional); a
        ``min_priority: high`` is accepted instead of ``priorities``."""
        unknown = set(cfg) - {"priorities", "min_priority", "areas", "events", "annunciated_only"}
        if unknown:
            raise ValueError(f"unknown notification rule keys: {', '.join(sorted(unknown))}")
        kwargs: dict[str, Any] = {}
        if "priorities" in cfg and "min_priority" in cfg:
            raise ValueError("give either priorities or min_priority, not both")
        if "priorities" in cfg:
            kwargs["priorities"] = frozenset(Priority.from_label(p) for p in cfg["priorities"])
        if "min_priority" in cfg:
            low = Priority.from_label(cfg["min_priority"])
            kwargs["priorities"] = frozenset(p for p in Priority if p >= low)
        if "areas" in cfg:
            kwargs["areas"] = tuple(str(a) for a in cfg["areas"])
        if "events" in cfg:
            kwargs["events"] = frozenset(Event(str(e)) for e in cfg["events"])
        if "annunciated_only" in cfg:
            kwargs["annunciated_only"] = bool(cfg["annunciated_only"])
        return cls(**kwargs)


# ---------------------------------------------------------------------------- plug-in point


@dataclass(frozen=True, slots=True)
class NotifierStats:
    """Counters for the health report. ``dropped``: refused because the queue was full;
    ``failed``: given up after every retry; ``attempt_errors``: individual failed attempts."""

    name: str
    queued: int
    in_flight: bool
    enqueued: int
    sent: int
    failed: int
    dropped: int
    attempt_errors: int
    unknown_alarms: int
    last_error: str | None
    last_error_at: str | None
    last_sent_at: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Notifier(abc.ABC):
    """Something that tells people about alarms (e-mail, SMS gateway, chat webhook...).

    ``notify`` is called from the alarm engine's loop with each batch of transitions it just
    journaled and the definitions by alarm name. It must return promptly and must not raise:
    anything slow (network) belongs on the notifier's own thread.
    """

    name: str = "notifier"

    @abc.abstractmethod
    def notify(self, transitions: Sequence[Transition], defs: Mapping[str, AlarmDef]) -> None:
        """Forward the transitions the notifier's rules select. Non-blocking, never raises."""

    @abc.abstractmethod
    def stats(self) -> NotifierStats:
        """Counters for the health report."""

    def close(self, timeout_s: float = 5.0) -> None:  # noqa: B027 - optional hook
        """Stop background work, waiting up to ``timeout_s`` for queued messages."""


def select(
    transitions: Iterable[Transition],
    defs: Mapping[str, AlarmDef],
    rules: Sequence[NotificationRule],
) -> tuple[list[tuple[Transition, AlarmDef]], int]:
    """The transitions any rule selects, with their definitions; and how many named an alarm
    missing from ``defs`` (skipped: without a definition neither priority nor area is known)."""
    out: list[tuple[Transition, AlarmDef]] = []
    unknown = 0
    for t in transitions:
        d = defs.get(t.alarm)
        if d is None:
            unknown += 1
            continue
        if any(r.matches(t, d) for r in rules):
            out.append((t, d))
    return out, unknown


# ---------------------------------------------------------------------------- formatting


def _fmt_num(x: float | None) -> str:
    return "—" if x is None else f"{x:.6g}"


def format_subject(items: Sequence[tuple[Transition, AlarmDef]]) -> str:
    """``[ALARMA CRÍTICA / CRITICAL ALARM] W01.ESP.TEMP.HIHI — Temperatura de motor muy alta``,
    for the most urgent (then earliest) alarm; a batch adds ``(+N más / more)``."""
    _, d = min(items, key=lambda it: (-it[1].priority, it[0].ts, it[0].alarm))
    es, en = _SUBJECT_LABEL[d.priority]
    subject = f"[{es} / {en}] {d.name}"
    if d.message:
        subject += f" — {d.message}"
    if len(items) > 1:
        subject += f" (+{len(items) - 1} más / more)"
    return subject


def format_body(items: Sequence[tuple[Transition, AlarmDef]], local_tz: tzinfo | None) -> str:
    """Plain text, most urgent first: one block per alarm with time (UTC and local), alarm, area,
    priority, event, value/limit and the rationalized message, consequence and response."""
    ordered = sorted(items, key=lambda it: (-it[1].priority, it[0].ts, it[0].alarm))
    lines = [
        f"{len(items)} alarma(s) / alarm(s) — Oilfield Edge SCADA",
        "",
    ]
    for t, d in ordered:
        when = datetime.fromtimestamp(t.ts, UTC)
        local = when.astimezone(local_tz) if local_tz is not None else when.astimezone()
        limit = t.limit if t.limit is not None else d.limit
        lines += [
            f"Alarma / Alarm:            {d.name}",
            f"Hora / Time (UTC):         {when:%Y-%m-%d %H:%M:%S} UTC",
            f"Hora local / Local time:   {local:%Y-%m-%d %H:%M:%S %Z (%z)}",
            f"Área / Area:               {d.area}",
            f"Prioridad / Priority:      {_PRIORITY_ES[d.priority]} / {d.priority.label}",
            f"Evento / Event:            {_EVENT_ES.get(t.event, str(t.event))} / {t.event}"
            f" ({t.old_state} → {t.new_state})",
            f"Valor / Value:             {_fmt_num(t.value)}   (límite / limit: {_fmt_num(limit)})",
            f"Mensaje / Message:         {d.message or '—'}",
            f"Consecuencia / Consequence: {d.consequence or '—'}",
            f"Respuesta / Response:      {d.response or '—'}",
        ]
        if t.user:
            lines.append(f"Usuario / User:            {t.user}")
        if t.comment:
            lines.append(f"Comentario / Comment:      {t.comment}")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- e-mail


def _iso(ts: float | None) -> str | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC).isoformat()


_STOP = object()


@dataclass(slots=True)
class _Counters:
    enqueued: int = 0
    sent: int = 0
    failed: int = 0
    dropped: int = 0
    attempt_errors: int = 0
    unknown_alarms: int = 0
    in_flight: bool = False
    last_error: str | None = None
    last_error_at: float | None = None
    last_sent_at: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class EmailNotifier(Notifier):
    """One e-mail per batch, sent by a worker thread over SMTP (``smtplib``).

    ``use_tls`` upgrades the connection with STARTTLS (submission port 587); ``username`` and
    ``password`` log in after that. Each message is tried ``attempts`` times with exponential
    backoff (``backoff_s``, doubled each time); a failure is logged and counted, never raised.
    At most ``queue_size`` messages wait; beyond that new ones are dropped and counted, so a dead
    server costs memory for a few messages and nothing else. ``local_tz`` is the zone of the
    "local time" line (default: the machine's).
    """

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        recipients: Sequence[str],
        rules: Sequence[NotificationRule],
        *,
        use_tls: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout_s: float = 10,
        attempts: int = 3,
        backoff_s: float = 2.0,
        queue_size: int = 100,
        local_tz: tzinfo | None = None,
        name: str = "email",
    ) -> None:
        if not host.strip():
            raise ValueError("SMTP host is required")
        if not 0 < port < 65536:
            raise ValueError(f"invalid SMTP port {port}")
        if not sender.strip():
            raise ValueError("sender address is required")
        if not recipients or any(not r.strip() for r in recipients):
            raise ValueError("at least one non-empty recipient is required")
        if not rules:
            raise ValueError("at least one notification rule is required")
        if attempts < 1 or queue_size < 1 or timeout_s <= 0 or backoff_s < 0:
            raise ValueError("attempts and queue_size must be >= 1, timeout_s > 0, backoff_s >= 0")
        if (username is None) != (password is None):
            raise ValueError("give both username and password, or neither")
        self.name = name
        self.host, self.port = host, port
        self.sender, self.recipients = sender, tuple(recipients)
        self.rules = tuple(rules)
        self.use_tls, self.username, self._password = use_tls, username, password
        self.timeout_s, self.attempts, self.backoff_s = timeout_s, attempts, backoff_s
        self.local_tz = local_tz
        self._queue: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._c = _Counters()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"notifier-{name}", daemon=True)
        self._thread.start()

    # -- engine side --------------------------------------------------------------------------

    def notify(self, transitions: Sequence[Transition], defs: Mapping[str, AlarmDef]) -> None:
        try:
            items, unknown = select(transitions, defs, self.rules)
            if unknown:
                with self._c.lock:
                    self._c.unknown_alarms += unknown
            if not items or self._stopping.is_set():
                return
            msg = self._message(items)
        except Exception:  # a formatting bug must not reach the alarm engine
            log.exception("notifier %s: could not build the message", self.name)
            with self._c.lock:
                self._c.dropped += 1
            return
        try:
            self._queue.put_nowait(msg)
        except queue.Full:
            with self._c.lock:
                self._c.dropped += 1
            log.warning("notifier %s: queue full, message dropped: %s", self.name, msg["Subject"])
            return
        with self._c.lock:
            self._c.enqueued += 1

    def stats(self) -> NotifierStats:
        c = self._c
        with c.lock:
            return NotifierStats(
                name=self.name,
                queued=self._queue.qsize(),
                in_flight=c.in_flight,
                enqueued=c.enqueued,
                sent=c.sent,
                failed=c.failed,
                dropped=c.dropped,
                attempt_errors=c.attempt_errors,
                unknown_alarms=c.unknown_alarms,
                last_error=c.last_error,
                last_error_at=_iso(c.last_error_at),
                last_sent_at=_iso(c.last_sent_at),
            )

    def close(self, timeout_s: float = 5.0) -> None:
        """Send what is queued (up to ``timeout_s``), then stop the worker. Backoff waits are cut
        short; a send blocked on the network can only end by its own ``timeout_s``."""
        if not self._thread.is_alive():
            return
        self._stopping.set()
        with contextlib.suppress(queue.Full):
            self._queue.put(_STOP, timeout=max(timeout_s, 0.01))
        self._thread.join(timeout_s)

    # -- worker side ----------------------------------------------------------------------------

    def _message(self, items: Sequence[tuple[Transition, AlarmDef]]) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = format_subject(items)
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.recipients)
        msg["Date"] = formatdate(localtime=False, usegmt=True)
        msg["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        top = max(d.priority for _, d in items)
        msg["X-Priority"] = "1" if top >= Priority.HIGH else "3"
        msg["X-Oilfield-Alarm-Count"] = str(len(items))
        msg.set_content(format_body(items, self.local_tz))
        return msg

    def _run(self) -> None:
        while True:
            msg = self._queue.get()
            if msg is _STOP:
                return
            assert isinstance(msg, EmailMessage)
            self._deliver(msg)

    def _deliver(self, msg: EmailMessage) -> None:
        delay = self.backoff_s
        for attempt in range(1, self.attempts + 1):
            with self._c.lock:
                self._c.in_flight = True
            try:
                self._send(msg)
            except Exception as exc:  # smtplib raises OSError and SMTPException subclasses
                with self._c.lock:
                    self._c.in_flight = False
                    self._c.attempt_errors += 1
                    self._c.last_error = f"{type(exc).__name__}: {exc}"
                    self._c.last_error_at = time.time()
                log.warning(
                    "notifier %s: attempt %d/%d to %s:%d failed: %s",
                    self.name,
                    attempt,
                    self.attempts,
                    self.host,
                    self.port,
                    exc,
                )
                if attempt < self.attempts and not self._stopping.wait(delay):
                    delay *= 2
                    continue
                if attempt < self.attempts:  # stopping: give up the remaining attempts
                    log.warning("notifier %s: stopping, message not sent", self.name)
                with self._c.lock:
                    self._c.failed += 1
                log.error("notifier %s: giving up on %r", self.name, msg["Subject"])
                return
            with self._c.lock:
                self._c.in_flight = False
                self._c.sent += 1
                self._c.last_sent_at = time.time()
            return

    def _send(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
            if self.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username is not None and self._password is not None:
                smtp.login(self.username, self._password)
            smtp.send_message(msg, from_addr=self.sender, to_addrs=list(self.recipients))

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> EmailNotifier:
        """From a config mapping: ``host``, ``port``, ``sender``, ``recipients``, optional
        ``rules`` (see :meth:`NotificationRule.from_config`), ``use_tls``, ``username``,
        ``password``, ``timeout_s``, ``attempts``, ``backoff_s``, ``queue_size``, ``local_tz``
        (an IANA name such as "America/Argentina/Buenos_Aires") and ``name``."""
        from zoneinfo import ZoneInfo

        known = {
            "host",
            "port",
            "sender",
            "recipients",
            "rules",
            "use_tls",
            "username",
            "password",
            "timeout_s",
            "attempts",
            "backoff_s",
            "queue_size",
            "local_tz",
            "name",
        }
        unknown = set(cfg) - known
        if unknown:
            raise ValueError(f"unknown e-mail notifier keys: {', '.join(sorted(unknown))}")
        kwargs = {k: v for k, v in cfg.items() if k not in ("rules", "local_tz", "recipients")}
        recipients = cfg.get("recipients", ())
        if isinstance(recipients, str):
            recipients = [recipients]
        rules = tuple(NotificationRule.from_config(r) for r in cfg.get("rules", [{}]))
        tz = ZoneInfo(str(cfg["local_tz"])) if cfg.get("local_tz") else None
        return cls(recipients=list(recipients), rules=rules, local_tz=tz, **kwargs)


# ---------------------------------------------------------------------------- loader


def load_notifiers(configs: Iterable[Mapping[str, Any]]) -> list[Notifier]:
    """Build notifiers from config entries ``{"type": <entry-point name>, ...rest}``.

    The entry point (group ``oilfield.notifiers``) must be a callable taking the rest of the
    entry as a mapping and returning a :class:`Notifier` (e.g. ``EmailNotifier.from_config``).
    A bad entry raises ``ValueError``/``LookupError`` naming it: configuration errors are found
    at start-up, not at the first alarm. Notifiers already built are closed on such an error.
    """
    built: list[Notifier] = []
    try:
        for i, cfg in enumerate(configs):
            kind = cfg.get("type")
            if not isinstance(kind, str) or not kind:
                raise ValueError(f"notifier #{i + 1}: 'type' (entry-point name) is required")
            factory = _factory(kind)
            rest = {k: v for k, v in cfg.items() if k != "type"}
            try:
                notifier = factory(rest)
            except (ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"notifier #{i + 1} ({kind}): {exc}") from exc
            if not isinstance(notifier, Notifier):
                raise TypeError(f"notifier #{i + 1} ({kind}): factory did not return a Notifier")
            built.append(notifier)
    except BaseException:
        for n in built:
            n.close(timeout_s=0.1)
        raise
    return built


def _factory(kind: str) -> Callable[[Mapping[str, Any]], Notifier]:
    for ep in entry_points(group=ENTRY_POINT_GROUP, name=kind):
        obj = ep.load()
        if not callable(obj):
            raise TypeError(f"entry point {ep.value!r} is not callable")
        factory: Callable[[Mapping[str, Any]], Notifier] = obj
        return factory
    known = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))
    raise LookupError(
        f"no notifier named {kind!r}; installed notifiers: {', '.join(known) or 'none'}"
    )
