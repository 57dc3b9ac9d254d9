"""The store: a small layer over SQLAlchemy with versioned migrations (SQLite by default, PostgreSQL too)."""

from conflictdb.store.decisions import Decision
from conflictdb.store.edits import KEEP, Edit
from conflictdb.store.migrations import MIGRATIONS, Migration, current_version, migrate
from conflictdb.store.query import IncidentPage, IncidentQuery, IncidentRow
from conflictdb.store.repository import (
    DEFAULT_URL,
    ENV_VAR,
    BatchCounts,
    IncidentDetail,
    Store,
    StoreStats,
    open_store,
    resolve_url,
)
from conflictdb.store.summary import incident_fatalities, summarise_incident

__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "KEEP",
    "MIGRATIONS",
    "BatchCounts",
    "Decision",
    "Edit",
    "IncidentDetail",
    "IncidentPage",
    "IncidentQuery",
    "IncidentRow",
    "Migration",
    "Store",
    "StoreStats",
    "current_version",
    "incident_fatalities",
    "migrate",
    "open_store",
    "resolve_url",
    "summarise_incident",
]
