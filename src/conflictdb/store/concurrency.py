"""Several processes writing one store at once: every write transaction holds the store's one write lock.

Why this is safe. Each transaction that writes (a chunk of articles, an analyst's decision or correction,
a migration step) takes the lock first and holds it until it commits or rolls back: on PostgreSQL a
transaction-scoped advisory lock (`pg_advisory_xact_lock`, which is per database), on SQLite the
database's own write lock (`BEGIN IMMEDIATE`, waiting up to the busy timeout). So writers run one after
another, and each reads everything committed before it:

- PostgreSQL runs them at READ COMMITTED, where each statement reads what was committed before the
  statement began. The lock is the first statement, so every read after it (which articles are stored,
  which incidents a mention may join) sees the previous writer's commit. At REPEATABLE READ or
  SERIALIZABLE the snapshot would be taken before the lock is granted and go stale while waiting.
- SQLite's BEGIN IMMEDIATE takes the write lock before the transaction reads anything, so its reads
  are the latest too.

Two ingests at once therefore leave the database that their chunks give run one after another: an article
both send is stored by the first and found unchanged, by its content hash, by the second (the unique
article id and content hash stand behind that); a mention of an incident the other process stored joins
it as it would in one ingest. No writer waits on a row lock another writer holds, so writers cannot
deadlock, and READ COMMITTED raises no serialization failures; if a foreign writer causes one, the
store's fallback (a failed chunk is stored again article by article) is the retry. Readers take no lock
and see the last committed state.

What a batch keeps in memory between chunks (the word frequencies linking weighs words with, the pairs
analysts split apart) is checked under the lock and reloaded when another process has changed the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, func, select

from conflictdb.store import resolution, schema

WRITE_LOCK_KEY = int.from_bytes(b"conflict", "big")  # any constant: advisory locks are per database
BEGIN_IMMEDIATE = "conflictdb_begin_immediate"  # execution option: the SQLite begin hook says IMMEDIATE


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction (committed at the end, rolled back on error) holding the store's write lock."""
    if engine.dialect.name == "postgresql":
        with engine.execution_options(isolation_level="READ COMMITTED").begin() as conn:
            conn.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
            yield conn
    else:
        with engine.execution_options(**{BEGIN_IMMEDIATE: True}).begin() as conn:
            yield conn


def refresh_resolution_state(conn: Connection, state: resolution.ResolutionState) -> bool:
    """Under the write lock: bring a batch's resolution state up to date with the store (the word
    frequencies are read per chunk, under the same lock); True if another process had stored or removed
    mentions meanwhile."""
    m, c = schema.mentions, schema.cannot_link
    state.cannot_link = {frozenset(pair) for pair in conn.execute(select(c.c.mention_a, c.c.mention_b))}
    stored = conn.execute(select(func.count()).select_from(m)).scalar_one()
    if stored == state.documents:
        return False
    state.documents = stored
    return True
