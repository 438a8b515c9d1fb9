"""Qt-free async client of the edge API (httpx for REST, websockets for the stream)."""

from hmi.api.client import ApiClient, ConnectionState
from hmi.api.errors import ApiError, AuthRequired, NotAvailable
from hmi.api.types import (
    Alarm,
    DailyProduction,
    DeviceComms,
    Health,
    Me,
    ProductionWell,
    TagInfo,
    TagValue,
    Trend,
    TrendPoint,
    WellDaily,
)

__all__ = [
    "Alarm", "ApiClient", "ApiError", "AuthRequired", "ConnectionState", "DailyProduction",
    "DeviceComms", "Health", "Me", "NotAvailable", "ProductionWell", "TagInfo", "TagValue",
    "Trend", "TrendPoint", "WellDaily",
]
