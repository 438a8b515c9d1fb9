"""E-mail notification against a real SMTP server (aiosmtpd on loopback), and the plug-in loader."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from domain.alarms.definitions import AlarmDef, AlarmKind, Priority
from domain.alarms.state import AlarmState, AlarmStateMachine, Cause, Event, Transition
from engine.alarms.notify import (
    EmailNotifier,
    NotificationRule,
    Notifier,
    format_subject,
    load_notifiers,
)
from tests._ports import free_port

T0 = datetime(2026, 3, 1, 15, 4, 5, tzinfo=UTC).timestamp()
AR = ZoneInfo("America/Argentina/Buenos_Aires")

TEMP_HIHI = AlarmDef(
    name="W01.ESP.TEMP.HIHI",
    tag="W01.ESP.TEMP",
    kind=AlarmKind.HIHI,
    priority=Priority.CRITICAL,
    area="Campo/PAD-A/W01",
    limit=150.0,
    message="Temperatura de motor muy alta",
    consequence="Daño del bobinado del motor ESP",
    response="Parar la bomba y verificar refrigeración",
)
PRES_HI = AlarmDef(
    name="W02.TUBING.PRES.HI",
    tag="W02.TUBING.PRES",
    kind=AlarmKind.HI,
    priority=Priority.HIGH,
    area="Campo/PAD-A/W02",
    limit=80.0,
    message="Presión de tubing alta",
    consequence="Sobrepresión de línea",
    response="Verificar válvulas aguas abajo",
)
FLOW_LO = AlarmDef(
    name="W03.FLOW.LO",
    tag="W03.FLOW",
    kind=AlarmKind.LO,
    priority=Priority.LOW,
    area="Campo/PAD-A/W03",
    limit=5.0,
    message="Caudal bajo",
)
OTHER_PAD = AlarmDef(
    name="AB-W01.ESP.TEMP.HIHI",
    tag="AB-W01.ESP.TEMP",
    kind=AlarmKind.HIHI,
    priority=Priority.CRITICAL,
    area="Campo/PAD-AB/W01",
    limit=150.0,
    message="Temperatura de motor muy alta",
)
DEFS = {d.name: d for d in (TEMP_HIHI, PRES_HI, FLOW_LO, OTHER_PAD)}


def activation(d: AlarmDef, value: float, ts: float = T0) -> Transition:
    """A real activation, produced by the state machine."""
    m = AlarmStateMachine(d)
    (t,) = m.update(True, value, ts)
    assert t.event is Event.ACTIVATE and t.annunciates
    return t


class Inbox:
    """aiosmtpd handler keeping what it received."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        with self.arrived:
            self.messages.append((list(envelope.rcpt_tos), msg))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, n: int, timeout_s: float = 20) -> list[tuple[list[str], EmailMessage]]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.messages) >= n, timeout_s), (
                f"expected {n} messages, got {len(self.messages)}"
            )
            return list(self.messages)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def make_notifier() -> Iterator[Callable[..., EmailNotifier]]:
    made: list[EmailNotifier] = []

    def make(
        port: int, rules: tuple[NotificationRule, ...] = (NotificationRule(),), **kw: Any
    ) -> EmailNotifier:
        n = EmailNotifier(
            "127.0.0.1",
            port,
            "scada@campo.example",
            ["guardia@campo.example", "jefe@x.example"],
            rules,
            local_tz=AR,
            **kw,
        )
        made.append(n)
        return n

    yield make
    for n in made:
        n.close(timeout_s=2)


def wait_until(pred: Callable[[], bool], timeout_s: float = 20) -> None:
    """Wait for something the worker thread does (a deadline, not a speed assertion)."""
    deadline = time.monotonic() + timeout_s
    while not pred():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def test_default_rule_mails_annunciated_activations_in_one_message(
    smtp: tuple[Inbox, int], make_notifier: Callable[..., EmailNotifier]
) -> None:
    inbox, port = smtp
    n = make_notifier(port)
    hidden = AlarmStateMachine(FLOW_LO)
    hidden.shelve("operador1", "calibración", 3600, T0 - 60)
    (shelved_activation,) = hidden.update(True, 3.0, T0)
    assert shelved_activation.new_state is AlarmState.SHELVED
    ack = Transition(
        T0 + 5,
        PRES_HI.name,
        AlarmState.UNACK,
        AlarmState.ACKED,
        Event.ACKNOWLEDGE,
        Cause.OPERATOR,
        True,
        85.0,
        80.0,
        user="operador1",
    )
    batch = [
        activation(PRES_HI, 85.5),
        activation(TEMP_HIHI, 152.25, T0 + 1),
        ack,
        shelved_activation,
        Transition(
            T0,
            "NOT.CONFIGURED",
            AlarmState.NORMAL,
            AlarmState.UNACK,
            Event.ACTIVATE,
            Cause.PROCESS,
            True,
        ),
    ]
    n.notify(batch, DEFS)

    ((rcpts, msg),) = inbox.wait_for(1)
    assert rcpts == ["guardia@campo.example", "jefe@x.example"]
    assert msg["Subject"] == (
        "[ALARMA CRÍTICA / CRITICAL ALARM] W01.ESP.TEMP.HIHI — Temperatura de motor muy alta"
        " (+1 más / more)"
    )
    assert msg["From"] == "scada@campo.example"
    body = msg.get_content()
    assert body.index("W01.ESP.TEMP.HIHI") < body.index("W02.TUBING.PRES.HI")  # most urgent 1st
    for text in (
        "Hora / Time (UTC):         2026-03-01 15:04:06 UTC",
        "Hora local / Local time:   2026-03-01 12:04:06 -03 (-0300)",
        "Área / Area:               Campo/PAD-A/W01",
        "Prioridad / Priority:      crítica / critical",
        "Prioridad / Priority:      alta / high",
        "Valor / Value:             152.25   (límite / limit: 150)",
        "Consecuencia / Consequence: Daño del bobinado del motor ESP",
        "Respuesta / Response:      Parar la bomba y verificar refrigeración",
        "Evento / Event:            activación / activate (normal → unack)",
    ):
        assert text in body
    assert "W03.FLOW.LO" not in body  # activated while shelved: not annunciated
    assert "reconocimiento" not in body  # acks are not notified by default
    wait_until(lambda: n.stats().sent == 1)
    stats = n.stats()
    assert (stats.enqueued, stats.failed, stats.unknown_alarms, stats.in_flight) == (1, 0, 1, False)


def test_single_alarm_subject_and_nothing_sent_for_an_empty_selection(
    smtp: tuple[Inbox, int], make_notifier: Callable[..., EmailNotifier]
) -> None:
    inbox, port = smtp
    n = make_notifier(port)
    n.notify([], DEFS)
    n.notify([activation(FLOW_LO, 4.0)], DEFS)
    ((_, msg),) = inbox.wait_for(1)
    assert msg["Subject"] == "[ALARMA BAJA / LOW ALARM] W03.FLOW.LO — Caudal bajo"
    assert n.stats().enqueued == 1


def test_rule_filters_by_priority_and_area(
    smtp: tuple[Inbox, int], make_notifier: Callable[..., EmailNotifier]
) -> None:
    inbox, port = smtp
    rule = NotificationRule.from_config({"min_priority": "high", "areas": ["Campo/PAD-A/"]})
    assert rule.priorities == {Priority.HIGH, Priority.CRITICAL}
    n = make_notifier(port, (rule,))
    n.notify([activation(FLOW_LO, 1.0), activation(OTHER_PAD, 160.0)], DEFS)  # low; PAD-AB
    n.notify([activation(FLOW_LO, 1.0), activation(PRES_HI, 90.0)], DEFS)
    ((_, msg),) = inbox.wait_for(1)
    assert (
        msg["Subject"] == "[ALARMA ALTA / HIGH ALARM] W02.TUBING.PRES.HI — Presión de tubing alta"
    )
    body = msg.get_content()
    assert "W03.FLOW.LO" not in body and "AB-W01" not in body
    wait_until(lambda: n.stats().sent == 1)
    assert n.stats().enqueued == 1  # the first batch selected nothing


def test_rules_can_select_other_events() -> None:
    rule = NotificationRule(events=frozenset({Event.RETURN_TO_NORMAL}))
    m = AlarmStateMachine(PRES_HI)
    (act,) = m.update(True, 90.0, T0)
    (rtn,) = m.update(False, 70.0, T0 + 10)
    assert not rule.matches(act, PRES_HI)
    assert rule.matches(rtn, PRES_HI)
    with pytest.raises(ValueError, match="unknown notification rule keys"):
        NotificationRule.from_config({"priority": "high"})


def test_dead_smtp_port_never_blocks_and_failures_are_counted(
    make_notifier: Callable[..., EmailNotifier],
) -> None:
    n = make_notifier(free_port(), attempts=3, backoff_s=0.01)
    n.notify([activation(TEMP_HIHI, 155.0)], DEFS)
    assert n.stats().enqueued == 1  # notify() returned after queueing, whatever the server
    wait_until(lambda: n.stats().failed == 1)
    s = n.stats()
    assert (s.sent, s.failed, s.attempt_errors, s.dropped) == (0, 1, 3, 0)
    assert s.last_error is not None and "Connection refused" in s.last_error
    assert s.last_error_at is not None


def test_a_hung_server_does_not_block_notify_and_the_queue_is_bounded(
    make_notifier: Callable[..., EmailNotifier],
) -> None:
    """A server that accepts TCP but never greets: the worker is stuck in SMTP() for up to
    ``timeout_s`` (60 s here), yet notify() keeps returning and only the queue fills."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # never accept(): the kernel completes the handshake, nobody speaks
    try:
        port = listener.getsockname()[1]
        n = make_notifier(port, timeout_s=60, attempts=2, backoff_s=0.01, queue_size=1)
        n.notify([activation(TEMP_HIHI, 155.0)], DEFS)
        wait_until(lambda: n.stats().in_flight)
        for _ in range(3):  # one fits in the queue, two are dropped; none of this waits
            n.notify([activation(PRES_HI, 85.0)], DEFS)
        s = n.stats()
        assert (s.in_flight, s.sent, s.failed, s.queued, s.dropped) == (True, 0, 0, 1, 2)
    finally:
        listener.close()  # resets the pending connection: the stuck attempt fails now
    wait_until(lambda: n.stats().failed == 2)
    s = n.stats()
    assert (s.sent, s.failed, s.dropped, s.enqueued, s.queued) == (0, 2, 2, 2, 0)


def test_load_notifiers_from_entry_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp: tuple[Inbox, int]
) -> None:
    """A real distribution on sys.path declaring the entry point, as pyproject will."""
    dist = tmp_path / "oilfield_test_notifiers-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: oilfield-test-notifiers\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[oilfield.notifiers]\nemail = engine.alarms.notify:EmailNotifier.from_config\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    inbox, port = smtp
    (n,) = load_notifiers(
        [
            {
                "type": "email",
                "host": "127.0.0.1",
                "port": port,
                "sender": "scada@campo.example",
                "recipients": "guardia@campo.example",
                "rules": [{"priorities": ["critical"]}],
                "local_tz": "America/Argentina/Salta",
                "backoff_s": 0.01,
            }
        ]
    )
    try:
        assert isinstance(n, Notifier) and isinstance(n, EmailNotifier)
        n.notify([activation(PRES_HI, 85.0), activation(TEMP_HIHI, 151.0)], DEFS)
        ((rcpts, msg),) = inbox.wait_for(1)
        assert rcpts == ["guardia@campo.example"]
        assert "W02.TUBING" not in msg.get_content()
        wait_until(lambda: n.stats().to_dict()["sent"] == 1)
    finally:
        n.close()

    with pytest.raises(LookupError, match="no notifier named 'sms'"):
        load_notifiers([{"type": "sms"}])
    with pytest.raises(ValueError, match=r"notifier #1 \(email\).*unknown e-mail notifier keys"):
        load_notifiers([{"type": "email", "hots": "x"}])
    with pytest.raises(ValueError, match="'type'"):
        load_notifiers([{}])


def test_subject_prefers_the_most_urgent_then_the_earliest() -> None:
    a = activation(PRES_HI, 85.0, T0)
    b = activation(OTHER_PAD, 160.0, T0 + 2)
    c = activation(TEMP_HIHI, 160.0, T0 + 1)
    subject = format_subject([(a, PRES_HI), (b, OTHER_PAD), (c, TEMP_HIHI)])
    assert subject.startswith("[ALARMA CRÍTICA / CRITICAL ALARM] W01.ESP.TEMP.HIHI")
    assert subject.endswith("(+2 más / more)")


def test_constructor_validates() -> None:
    with pytest.raises(ValueError, match="recipient"):
        EmailNotifier("h", 25, "a@b", [], (NotificationRule(),))
    with pytest.raises(ValueError, match="username and password"):
        EmailNotifier("h", 25, "a@b", ["c@d"], (NotificationRule(),), username="u")
