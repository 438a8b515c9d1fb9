"""The field: sites, the devices at each site and the tags each device serves.

This is the in-memory model the engine scans and the simulator serves. It is built from a field
config file by ``engine.config`` (which reports errors with file and line); the rules here are
the ones that do not depend on how the file was written (unique names, scan classes that exist).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from domain.tags import TagDef


class FieldError(ValueError):
    """A field definition that is inconsistent as a whole (duplicate names, unknown references).

    ``path`` locates the offending item, e.g. ``("sites", 0, "devices", 2, "tags", 5, "name")``,
    so the config loader can translate it into a file line.
    """

    def __init__(self, message: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class DeviceDef:
    """One RTU or PLC reached by one driver."""

    name: str
    site: str
    driver: str = "modbus"
    host: str = "127.0.0.1"
    port: int = 502
    unit_id: int = 1
    timeout_s: float = 1.0
    retries: int = 1
    max_gap: int = 16
    max_block: int = 125
    model: str = ""  # what the device is (esp_well, rod_pump_well, ...); the simulator uses it
    description: str = ""
    tags: tuple[TagDef, ...] = ()


@dataclass(frozen=True, slots=True)
class SiteDef:
    name: str
    kind: str = "pad"  # pad, facility, battery...
    description: str = ""
    devices: tuple[DeviceDef, ...] = ()


@dataclass(frozen=True, slots=True)
class Field:
    """A whole field: what one edge engine scans."""

    name: str
    scan_classes: dict[str, float] = field(default_factory=lambda: {"normal": 1.0})
    sites: tuple[SiteDef, ...] = ()

    def devices(self) -> Iterator[DeviceDef]:
        for site in self.sites:
            yield from site.devices

    def tags(self) -> Iterator[TagDef]:
        for device in self.devices():
            yield from device.tags

    def device(self, name: str) -> DeviceDef:
        for device in self.devices():
            if device.name == name:
                return device
        raise KeyError(name)

    def validate(self) -> None:
        """Raise :class:`FieldError` on the first whole-field inconsistency."""
        for name, period in self.scan_classes.items():
            if period <= 0:
                raise FieldError(
                    f"scan class {name!r} needs a period > 0 s", ("scan_classes", name)
                )
        site_names: set[str] = set()
        device_names: set[str] = set()
        tag_names: set[str] = set()
        endpoints: dict[tuple[str, int, int], str] = {}
        for si, site in enumerate(self.sites):
            if site.name in site_names:
                raise FieldError(f"duplicate site name {site.name!r}", ("sites", si, "name"))
            site_names.add(site.name)
            for di, device in enumerate(site.devices):
                dpath: tuple[str | int, ...] = ("sites", si, "devices", di)
                if device.name in device_names:
                    raise FieldError(f"duplicate device name {device.name!r}", (*dpath, "name"))
                device_names.add(device.name)
                endpoint = (device.host, device.port, device.unit_id)
                if endpoint in endpoints:
                    raise FieldError(
                        f"device {device.name!r} uses the same host, port and unit as "
                        f"{endpoints[endpoint]!r}",
                        (*dpath, "port"),
                    )
                endpoints[endpoint] = device.name
                for ti, tag in enumerate(device.tags):
                    tpath = (*dpath, "tags", ti)
                    if tag.name in tag_names:
                        raise FieldError(f"duplicate tag name {tag.name!r}", (*tpath, "name"))
                    tag_names.add(tag.name)
                    if tag.scan_class not in self.scan_classes:
                        known = ", ".join(sorted(self.scan_classes))
                        raise FieldError(
                            f"tag {tag.name!r} names scan class {tag.scan_class!r}; "
                            f"defined: {known}",
                            (*tpath, "scan_class"),
                        )
