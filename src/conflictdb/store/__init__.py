"""The store: a small layer over SQLAlchemy with versioned migrations (SQLite by default, PostgreSQL too)."""

from conflictdb.store.decisions import Decision
from conflictdb.store.edits import KEEP, Edit
from conflictdb.store.engine import DEFAULT_URL, ENV_VAR, resolve_url
from conflictdb.store.lexicons import StoreLexicons, load_store_lexicons
from conflictdb.store.migrations import MIGRATIONS, Migration, current_version, migrate
from conflictdb.store.query import IncidentQuery
from conflictdb.store.read import StoreStats
from conflictdb.store.repository import Store, open_store
from conflictdb.store.rows import IncidentDetail, IncidentPage, IncidentRow
from conflictdb.store.summary import incident_fatalities, summarise_incident
from conflictdb.store.write import BatchCounts

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
    "StoreLexicons",
    "StoreStats",
    "current_version",
    "incident_fatalities",
    "load_store_lexicons",
    "migrate",
    "open_store",
    "resolve_url",
    "summarise_incident",
]
