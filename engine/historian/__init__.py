"""The PostgreSQL historian: partitioned raw samples, rollup tiers, store-and-forward writer.

Design notes and measured figures: docs/historian.md.
"""

from engine.historian.partitions import RetentionPolicy, drop_expired, ensure_ahead
from engine.historian.query import Sample, TrendPoint, latest, raw, trend
from engine.historian.rollups import RollupMaintainer, RollupReport
from engine.historian.writer import HistorianWriter

__all__ = [
    "HistorianWriter",
    "RetentionPolicy",
    "RollupMaintainer",
    "RollupReport",
    "Sample",
    "TrendPoint",
    "drop_expired",
    "ensure_ahead",
    "latest",
    "raw",
    "trend",
]
