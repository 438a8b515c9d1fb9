"""Alarm definitions from the field file: each tag's ``alarms:`` list plus one comms alarm per
device, built into domain ``AlarmDef`` objects with every error located in the file.

The domain validates each definition (``AlarmDef.__post_init__``) and raises a plain
``ValueError``; here that becomes a ConfigError naming the file, line and field, like every other
config problem. Cross-references (setpoint and suppression tags) need the whole field, so they are
checked here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.alarms.definitions import (
    AlarmDef,
    AlarmKind,
    Priority,
    SuppressCondition,
)
from domain.field import Field
from engine.config.field_schema import AlarmModel, FieldModel
from engine.config.yaml_source import YamlSource

COMMS_SUFFIX = ".COMMS"


@dataclass(frozen=True, slots=True)
class FieldConfig:
    """A loaded field file: the field to scan and the alarms configured on it."""

    field: Field
    alarms: tuple[AlarmDef, ...]


def comms_alarm_name(device: str) -> str:
    """The automatic per-device communications alarm's name (``"W01.COMMS"``)."""
    return f"{device}{COMMS_SUFFIX}"


def area_of(field: str, site: str, device: str) -> str:
    """Area used for flood counting and KPIs: ``"<field>/<site>/<device>"``."""
    return f"{field}/{site}/{device}"


def default_alarm_name(tag: str, kind: AlarmKind) -> str:
    return f"{tag}.{kind.value}".upper()


def build_alarms(source: YamlSource, model: FieldModel) -> tuple[AlarmDef, ...]:
    """Every alarm of the field, in file order (each device's tag alarms, then its comms
    alarm); raises ConfigError at the offending entry."""
    tag_names = {t.name for s in model.sites for d in s.devices for t in d.tags}
    out: list[AlarmDef] = []
    seen: dict[str, tuple[str | int, ...]] = {}

    def add(alarm: AlarmDef, path: tuple[str | int, ...]) -> None:
        if alarm.name in seen:
            raise source.error(path, f"duplicate alarm name {alarm.name!r}")
        seen[alarm.name] = path
        out.append(alarm)

    for si, site in enumerate(model.sites):
        for di, device in enumerate(site.devices):
            dpath: tuple[str | int, ...] = ("sites", si, "devices", di)
            area = area_of(model.field, site.name, device.name)
            for ti, tag in enumerate(device.tags):
                for ai, am in enumerate(tag.alarms):
                    apath = (*dpath, "tags", ti, "alarms", ai)
                    _check_refs(source, am, apath, tag_names)
                    add(_alarm(source, am, tag.name, area, apath), apath)
            comms = AlarmDef(
                name=comms_alarm_name(device.name),
                tag=device.name,
                kind=AlarmKind.BAD_QUALITY,
                priority=Priority.from_label(device.comms_alarm_priority),
                area=area,
                message=f"Pérdida de comunicación con {device.name}",
                consequence="Sin supervisión ni control remoto del equipo",
                response="Verificar enlace de radio/red y alimentación del equipo",
            )
            add(comms, (*dpath, "name"))
    return tuple(out)


def _check_refs(
    source: YamlSource, am: AlarmModel, path: tuple[str | int, ...], tags: set[str]
) -> None:
    if am.setpoint_tag is not None and am.setpoint_tag not in tags:
        raise source.error(
            (*path, "setpoint_tag"), f"setpoint_tag {am.setpoint_tag!r} is not a tag of this field"
        )
    if am.suppress_when is not None and am.suppress_when.tag not in tags:
        raise source.error(
            (*path, "suppress_when", "tag"),
            f"suppress_when tag {am.suppress_when.tag!r} is not a tag of this field",
        )


def _alarm(
    source: YamlSource, am: AlarmModel, tag: str, area: str, path: tuple[str | int, ...]
) -> AlarmDef:
    sw = am.suppress_when
    try:
        return AlarmDef(
            name=am.name or default_alarm_name(tag, am.kind),
            tag=tag,
            kind=am.kind,
            priority=Priority.from_label(am.priority),
            area=area,
            limit=am.limit,
            deadband=am.deadband,
            on_delay_s=am.on_delay_s,
            off_delay_s=am.off_delay_s,
            message=am.message,
            consequence=am.consequence,
            response=am.response,
            latched=am.latched,
            setpoint_tag=am.setpoint_tag,
            state_value=am.state_value,
            frozen_after_s=am.frozen_after_s,
            rate_period_s=am.rate_period_s,
            first_out_group=am.first_out_group,
            suppress_when=None if sw is None else SuppressCondition(sw.tag, sw.op, sw.value),
        )
    except ValueError as exc:
        raise source.error((*path, _culprit(str(exc))), str(exc)) from None


_FIELDS = (
    "setpoint_tag", "state_value", "frozen_after_s", "rate_period_s", "first_out_group",
    "suppress_when", "deadband", "on_delay_s", "off_delay_s", "limit", "name", "area",
)


def _culprit(message: str) -> str:
    """The config key a domain message is about (the first one it mentions), else ``kind``."""
    hits = [(message.find(f), f) for f in _FIELDS if f in message]
    hits = [h for h in hits if h[0] >= 0]
    return min(hits)[1] if hits else "kind"
