"""Keeps the database's registry of sites, devices and tags in step with the field config.

History rows refer to tags by integer id, so ids must be stable across restarts and config
edits: tags are matched by name, new ones inserted, changed ones updated, and tags that left the
config are marked retired (never deleted, their history stays readable).
"""

from __future__ import annotations

from sqlalchemy import create_engine, func, select, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from domain.field import Field
from engine.store.models import Device, Site, Tag
from engine.store.roles import sqlalchemy_engine_role
from engine.store.urls import sqlalchemy_url


def sync_registry(url: str, field: Field) -> dict[str, int]:
    """Upsert the field's sites, devices and tags; return tag name -> id for active tags."""
    engine = create_engine(sqlalchemy_url(url), connect_args={"connect_timeout": 5})
    sqlalchemy_engine_role(engine)  # acts as oilfield_engine (engine.store.roles)
    try:
        with Session(engine) as session, session.begin():
            site_ids: dict[str, int] = {}
            for site in field.sites:
                stmt = insert(Site).values(
                    name=site.name, kind=site.kind, description=site.description
                )
                upsert = stmt.on_conflict_do_update(
                    index_elements=[Site.name],
                    set_={"kind": stmt.excluded.kind, "description": stmt.excluded.description},
                ).returning(Site.id)
                site_ids[site.name] = session.execute(upsert).scalar_one()
            device_ids: dict[str, int] = {}
            for device in field.devices():
                values = {
                    "name": device.name,
                    "site_id": site_ids[device.site],
                    "driver": device.driver,
                    "endpoint": f"{device.host}:{device.port}/{device.unit_id}",
                    "model": device.model,
                    "description": device.description,
                }
                dstmt = insert(Device).values(**values)
                dupsert = dstmt.on_conflict_do_update(
                    index_elements=[Device.name],
                    set_={k: dstmt.excluded[k] for k in values if k != "name"},
                ).returning(Device.id)
                device_ids[device.name] = session.execute(dupsert).scalar_one()
            tag_ids: dict[str, int] = {}
            for tag in field.tags():
                tvalues = {
                    "name": tag.name,
                    "device_id": device_ids[tag.device],
                    "data_type": tag.data_type.value,
                    "units": tag.units,
                    "description": tag.description,
                    "scan_class": tag.scan_class,
                    "deadband": tag.deadband,
                    "eu_min": tag.eu_min,
                    "eu_max": tag.eu_max,
                    "retired_at": None,
                }
                tstmt = insert(Tag).values(**tvalues)
                tupsert = tstmt.on_conflict_do_update(
                    index_elements=[Tag.name],
                    set_={k: tstmt.excluded[k] for k in tvalues if k != "name"},
                ).returning(Tag.id)
                tag_ids[tag.name] = session.execute(tupsert).scalar_one()
            session.execute(
                update(Tag)
                .where(Tag.name.not_in(list(tag_ids)) if tag_ids else true())
                .where(Tag.retired_at.is_(None))
                .values(retired_at=func.now())
            )
            return tag_ids
    finally:
        engine.dispose()


def tag_ids_by_name(url: str) -> dict[str, int]:
    engine = create_engine(sqlalchemy_url(url))
    sqlalchemy_engine_role(engine)
    try:
        with Session(engine) as session:
            return {name: tid for name, tid in session.execute(select(Tag.name, Tag.id))}
    finally:
        engine.dispose()
