"""Keeps ``alarm_definitions`` in step with the configured alarms, like the tag registry does.

Journal rows refer to alarms by integer id, so ids are stable by name across restarts and config
edits: alarms are upserted by name, and alarms that left the config are marked retired (never
deleted: the journal keeps referring to them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from domain.alarms.definitions import AlarmDef
from engine.store.roles import connect as engine_connect

_UPSERT = """
INSERT INTO alarm_definitions (name, tag_id, device_id, kind, priority, area, limit_value,
    deadband, on_delay_s, off_delay_s, latched, message, consequence, response, first_out_group,
    config, retired_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, NULL)
ON CONFLICT (name) DO UPDATE SET
    tag_id = excluded.tag_id, device_id = excluded.device_id, kind = excluded.kind,
    priority = excluded.priority, area = excluded.area, limit_value = excluded.limit_value,
    deadband = excluded.deadband, on_delay_s = excluded.on_delay_s,
    off_delay_s = excluded.off_delay_s, latched = excluded.latched, message = excluded.message,
    consequence = excluded.consequence, response = excluded.response,
    first_out_group = excluded.first_out_group, config = excluded.config, retired_at = NULL
RETURNING id
"""


def _config(d: AlarmDef) -> dict[str, Any]:
    """What has no column of its own, kept so the row describes the alarm completely."""
    sw = d.suppress_when
    return {
        "tag": d.tag,
        "setpoint_tag": d.setpoint_tag,
        "state_value": d.state_value,
        "frozen_after_s": d.frozen_after_s,
        "rate_period_s": d.rate_period_s,
        "suppress_when": None
        if sw is None
        else {"tag": sw.tag, "op": sw.op.value, "value": sw.value},
    }


def sync_alarm_registry(
    url: str, alarms: Sequence[AlarmDef], tag_ids: Mapping[str, int]
) -> dict[str, int]:
    """Upsert every alarm; retire the ones no longer configured; return name -> id.

    A device-level alarm (its ``tag`` is a device name, e.g. ``W01.COMMS``) gets ``device_id``
    and no ``tag_id``; a tag alarm gets both.
    """
    with engine_connect(url, connect_timeout=5) as conn, conn.transaction():
        devices: dict[str, int] = dict(conn.execute("SELECT name, id FROM devices").fetchall())
        tag_device: dict[int, int] = dict(
            conn.execute("SELECT id, device_id FROM tags").fetchall()
        )
        ids: dict[str, int] = {}
        with conn.cursor() as cur:
            for d in alarms:
                tag_id = tag_ids.get(d.tag)
                device_id = tag_device.get(tag_id) if tag_id is not None else devices.get(d.tag)
                cur.execute(
                    _UPSERT,
                    (d.name, tag_id, device_id, d.kind.value, int(d.priority), d.area, d.limit,
                     d.deadband, d.on_delay_s, d.off_delay_s, d.latched, d.message,
                     d.consequence, d.response, d.first_out_group, json.dumps(_config(d))),
                )
                row = cur.fetchone()
                assert row is not None
                ids[d.name] = int(row[0])
            cur.execute(
                "UPDATE alarm_definitions SET retired_at = now() "
                "WHERE retired_at IS NULL AND NOT (name = ANY(%s))",
                (list(ids),),
            )
        return ids
