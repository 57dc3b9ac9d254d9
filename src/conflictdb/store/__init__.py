"""The store: a small layer over SQLAlchemy with versioned migrations (SQLite by default, PostgreSQL too)."""

from conflictdb.store.migrations import MIGRATIONS, Migration, current_version, migrate
from conflictdb.store.repository import (
    DEFAULT_URL,
    ENV_VAR,
    BatchCounts,
    IncidentDetail,
    IncidentRow,
    Store,
    StoreStats,
    open_store,
    resolve_url,
)
from conflictdb.store.summary import claim_killed_total, incident_fatalities, summarise_incident

__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "MIGRATIONS",
    "BatchCounts",
    "IncidentDetail",
    "IncidentRow",
    "Migration",
    "Store",
    "StoreStats",
    "claim_killed_total",
    "current_version",
    "incident_fatalities",
    "migrate",
    "open_store",
    "resolve_url",
    "summarise_incident",
]
