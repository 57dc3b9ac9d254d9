"""The REST API and dashboard: a read-only FastAPI adapter over the store."""

from conflictdb.api.app import DashboardConfig, create_app

__all__ = ["DashboardConfig", "create_app"]
