"""Qt-free async client of the edge API (httpx for REST, websockets for the stream)."""

from hmi.api.client import ApiClient, ConnectionState
from hmi.api.errors import ApiError, AuthRequired, NotAvailable
from hmi.api.types import Alarm, DeviceComms, Health, Me, TagInfo, TagValue, Trend, TrendPoint

__all__ = [
    "Alarm", "ApiClient", "ApiError", "AuthRequired", "ConnectionState", "DeviceComms", "Health",
    "Me", "NotAvailable", "TagInfo", "TagValue", "Trend", "TrendPoint",
]
