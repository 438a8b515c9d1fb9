"""Daily well production: the ``well_daily_production`` repository, the day closer that fills
it from the historian's 1-hour rollups, and CSV import/export (see docs/production.md)."""
