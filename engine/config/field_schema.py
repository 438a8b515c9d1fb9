"""The field config file's schema (pydantic), translated into the domain's Field model.

Unknown keys are errors, not silently ignored: a misspelt ``deadbnd`` would otherwise store
every sample, and a misspelt ``word_ordr`` would decode every value wrong.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, field_validator, model_validator

from domain.alarms.definitions import AlarmKind, Comparison
from domain.field import DeviceDef, SiteDef
from domain.field import Field as FieldDef
from domain.tags import ByteOrder, DataType, RegisterTable, TagDef, WordOrder

Name = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.\-]+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


PriorityLabel = Literal["critical", "high", "medium", "low"]


class SuppressModel(_Strict):
    """``suppress_when``: designed suppression while ``tag <op> value`` holds."""

    tag: Name
    op: Comparison
    value: float


class AlarmModel(_Strict):
    """One alarm on a tag, as rationalized. Kind-specific rules (a deviation needs a setpoint
    tag, a limit alarm a limit...) are the domain's (``AlarmDef``); the loader locates them."""

    name: Name | None = None  # default "<TAG>.<KIND>" upper-case
    kind: AlarmKind
    priority: PriorityLabel
    limit: float | None = None
    deadband: Annotated[float, Field(ge=0)] = 0.0
    on_delay_s: Annotated[float, Field(ge=0)] = 0.0
    off_delay_s: Annotated[float, Field(ge=0)] = 0.0
    message: str = ""
    consequence: str = ""
    response: str = ""
    latched: bool = False
    setpoint_tag: Name | None = None
    state_value: float | None = None
    frozen_after_s: PositiveFloat | None = None
    rate_period_s: PositiveFloat = 60.0
    first_out_group: Name | None = None
    suppress_when: SuppressModel | None = None


class TagModel(_Strict):
    name: Name
    address: Annotated[int, Field(ge=0, le=65535)]
    type: DataType = DataType.FLOAT32
    table: RegisterTable = RegisterTable.HOLDING
    byte_order: ByteOrder = ByteOrder.BIG
    word_order: WordOrder = WordOrder.BIG
    gain: float = 1.0
    offset: float = 0.0
    units: str = ""
    description: str = ""
    deadband: Annotated[float, Field(ge=0)] = 0.0
    scan_class: str = "normal"
    max_interval_s: PositiveFloat = 900.0
    writable: bool = False
    eu_min: float | None = None
    eu_max: float | None = None
    signal: str = ""
    alarms: list[AlarmModel] = []

    @field_validator("gain")
    @classmethod
    def _gain_not_zero(cls, gain: float) -> float:
        if gain == 0:
            raise ValueError("gain must not be 0 (values could not be converted back for writes)")
        return gain

    @model_validator(mode="after")
    def _fits_and_ranges(self) -> TagModel:
        if self.address + self.type.register_count > 65536:
            raise ValueError(
                f"a {self.type.value} at address {self.address} runs past register 65535"
            )
        if self.eu_min is not None and self.eu_max is not None and self.eu_min >= self.eu_max:
            raise ValueError("eu_min must be below eu_max")
        return self

    def to_domain(self, device: str) -> TagDef:
        return TagDef(
            name=self.name,
            device=device,
            address=self.address,
            data_type=self.type,
            table=self.table,
            byte_order=self.byte_order,
            word_order=self.word_order,
            gain=self.gain,
            offset=self.offset,
            units=self.units,
            description=self.description,
            deadband=self.deadband,
            scan_class=self.scan_class,
            max_interval_s=self.max_interval_s,
            writable=self.writable,
            eu_min=self.eu_min,
            eu_max=self.eu_max,
            signal=self.signal,
        )


class DeviceModel(_Strict):
    name: Name
    driver: str = "modbus"
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 502
    unit_id: Annotated[int, Field(ge=0, le=255)] = 1
    timeout_s: PositiveFloat = 1.0
    retries: Annotated[int, Field(ge=0, le=10)] = 1
    max_gap: Annotated[int, Field(ge=0, le=124)] = 16
    max_block: Annotated[int, Field(ge=1, le=125)] = 125
    model: str = ""
    description: str = ""
    comms_alarm_priority: PriorityLabel = "high"  # of the automatic "<DEVICE>.COMMS" alarm
    tags: list[TagModel] = []

    def to_domain(self, site: str) -> DeviceDef:
        return DeviceDef(
            name=self.name,
            site=site,
            driver=self.driver,
            host=self.host,
            port=self.port,
            unit_id=self.unit_id,
            timeout_s=self.timeout_s,
            retries=self.retries,
            max_gap=self.max_gap,
            max_block=self.max_block,
            model=self.model,
            description=self.description,
            tags=tuple(t.to_domain(self.name) for t in self.tags),
        )


class SiteModel(_Strict):
    name: Name
    kind: str = "pad"
    description: str = ""
    devices: list[DeviceModel] = []

    def to_domain(self) -> SiteDef:
        return SiteDef(
            name=self.name,
            kind=self.kind,
            description=self.description,
            devices=tuple(d.to_domain(self.name) for d in self.devices),
        )


class FieldModel(_Strict):
    field: Annotated[str, Field(min_length=1)]
    scan_classes: dict[str, PositiveFloat] = {"normal": 1.0}
    sites: list[SiteModel] = []

    def to_domain(self) -> FieldDef:
        return FieldDef(
            name=self.field,
            scan_classes=dict(self.scan_classes),
            sites=tuple(s.to_domain() for s in self.sites),
        )
