"""AppContext: the models, the client and the updater one HMI window works with, passed to
every screen (explicit wiring, no globals: tests build one with a fake or a real edge)."""

from __future__ import annotations

from dataclasses import dataclass, field

from hmi.api.client import ApiClient
from hmi.components.alarms import AlarmListModel
from hmi.components.connection import ConnectionModel
from hmi.components.events import Event
from hmi.components.layout import WellsLayout, load_wells_layout
from hmi.components.live import LiveUpdater
from hmi.components.session import SessionModel
from hmi.components.tag_values import TagValuesModel
from hmi.components.units import UnitsModel


@dataclass
class AppContext:
    client: ApiClient
    session: SessionModel = field(default_factory=SessionModel)
    tags: TagValuesModel = field(default_factory=TagValuesModel)
    alarms: AlarmListModel = field(default_factory=AlarmListModel)
    connection: ConnectionModel = field(default_factory=ConnectionModel)
    units: UnitsModel = field(default_factory=UnitsModel)
    layout: WellsLayout = field(default_factory=load_wells_layout)
    language: str = "es"
    #: a screen asks to show one well (overview tile click, alarm double-click)
    open_well: Event = field(default_factory=Event)
    #: a screen asks to trend these tags
    open_trend: Event = field(default_factory=Event)
    updater: LiveUpdater = field(init=False)

    def __post_init__(self) -> None:
        self.connection.server = self.client.base_url
        self.updater = LiveUpdater(self.client, self.tags, self.alarms, self.connection,
                                   self.session)
