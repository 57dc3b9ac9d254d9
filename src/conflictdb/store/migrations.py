"""Versioned schema migrations: numbered steps applied in order, each inside its own transaction."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, Text, exists, inspect, select, text, update

from conflictdb.errors import StoreError
from conflictdb.store import schema
from conflictdb.store.concurrency import write_transaction

if TYPE_CHECKING:
    from conflictdb.store.lexicons import StoreLexicons

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered step that takes the schema from version `number - 1` to `number` (given the store's
    lexicons, which a step deriving values from stored text reads)."""

    number: int
    description: str
    apply: Callable[[Connection, StoreLexicons], None]


def _create_initial_tables(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 1: articles, incidents, mentions, claims, figures."""
    tables = [schema.articles, schema.incidents, schema.mentions, schema.claims, schema.figures]
    schema.metadata.create_all(conn, tables=tables)


def _add_coded_fatalities(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 2 added mentions.coded_fatalities; version 7 drops it, so the step now adds nothing."""


_V3_COLUMNS = {
    "articles": ("source_group", "shingle_signature"),
    "incidents": ("figures_json", "grade", "grade_reason"),
    "mentions": ("published", "terms", "named_speakers"),
}
_V3_TABLES = ("term_frequencies", "article_bands", "decisions", "cannot_link", "manual_assignments")
_V3_INDEXES = {
    "articles": ("ix_articles_source_group",),
    "mentions": ("ix_mentions_country_published", "ix_mentions_published"),
}


def _add_columns(conn: Connection, table_name: str, names: Sequence[str]) -> None:
    """ALTER TABLE ADD COLUMN for each named column of schema.py missing from the database."""
    table = schema.metadata.tables[table_name]
    present = {c["name"] for c in inspect(conn).get_columns(table_name)}
    for name in names:
        if name not in present:
            column = table.c[name]
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {table_name} ADD COLUMN {name} {kind}"))


def _add_resolution(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 3: incremental resolution, near-duplicate groups, manual decisions, incident figures and
    grades; existing articles and mentions are backfilled (words, frequencies, signatures, groups)."""
    for table_name, columns in _V3_COLUMNS.items():
        _add_columns(conn, table_name, columns)
    tables = [schema.metadata.tables[name] for name in _V3_TABLES]
    schema.metadata.create_all(conn, tables=tables)
    for table_name, index_names in _V3_INDEXES.items():
        present = {ix["name"] for ix in inspect(conn).get_indexes(table_name)}
        for index in schema.metadata.tables[table_name].indexes:
            if index.name in index_names and index.name not in present:
                index.create(conn)
    from conflictdb.store.backfill import backfill_resolution

    backfill_resolution(conn, lexicons)


def _add_edits(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 4: the edits table, analysts' corrections of incidents and claims."""
    schema.metadata.create_all(conn, tables=[schema.edits])


def _unbounded_ids_and_names(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 5: ids and names of any length. SQLite never enforced VARCHAR(200) and (500); PostgreSQL
    refused an article whose id (a long URL, say) or outlet was longer, so the same input differed."""
    if conn.dialect.name != "postgresql":
        return
    inspector = inspect(conn)
    for table in schema.metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        bounded = {c["name"] for c in inspector.get_columns(table.name) if getattr(c["type"], "length", None)}
        widened = [c.name for c in table.columns if isinstance(c.type, Text) and c.name in bounded]
        if widened:
            changes = ", ".join(f"ALTER COLUMN {name} TYPE TEXT" for name in widened)
            conn.execute(text(f"ALTER TABLE {table.name} {changes}"))


def _add_feed_state(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 6: the feed watcher's URLs taken on and feed validators."""
    schema.metadata.create_all(conn, tables=[schema.seen_urls, schema.feed_validators])


def _drop_coded_fatalities(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 7: mentions.coded_fatalities goes: the system reads what reports say, not a coder's answer."""
    if "coded_fatalities" in {c["name"] for c in inspect(conn).get_columns("mentions")}:
        conn.execute(text("ALTER TABLE mentions DROP COLUMN coded_fatalities"))


def _add_incident_background(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 8: incidents.background, set where every mention is background (context, not news)."""
    _add_columns(conn, "incidents", ("background",))
    told_as_news = select(schema.mentions.c.id).where(
        schema.mentions.c.incident_id == schema.incidents.c.id, schema.mentions.c.background.is_(False)
    )
    conn.execute(update(schema.incidents).values(background=~exists(told_as_news)))


def _add_type_guessed(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 9: mentions.type_guessed, a type guessed from words that name no weapon (linking reads it).
    Mentions stored before stay NULL, read as told; re-extracting their articles sets it."""
    _add_columns(conn, "mentions", ("type_guessed",))


def _add_article_names_and_discounts(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 10: articles.name (the file stem or record id an article was read under) and
    incidents.discounted. Stored articles keep their ids, which were those names: an id is only a key, and
    edits, decisions and mention keys name it; articles stored from now on get their URL or a hash."""
    _add_columns(conn, "articles", ("name",))
    _add_columns(conn, "incidents", ("discounted",))
    conn.execute(update(schema.articles).values(name=schema.articles.c.id))


def _add_acled_actors(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 11: ACLED's actor names on mentions and incidents (actor1, assoc_actor_1, actor2,
    assoc_actor_2). Mentions stored before stay NULL; re-extracting their articles names their actors."""
    _add_columns(conn, "mentions", ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"))
    _add_columns(conn, "incidents", ("assoc_actor_1", "assoc_actor_2"))


def _add_grade_cues(conn: Connection, lexicons: StoreLexicons) -> None:
    """Version 12: mentions.grade_cues, what grading finds in a mention's texts, so that refreshing an
    incident reads no older mention's text; found for the mentions stored before."""
    _add_columns(conn, "mentions", ("grade_cues",))
    from conflictdb.store.backfill import backfill_grade_cues

    backfill_grade_cues(conn, lexicons)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, incidents, mentions, claims, figures", _create_initial_tables),
    Migration(2, "mentions.coded_fatalities", _add_coded_fatalities),
    Migration(
        3, "resolution: word frequencies, near-duplicate groups, decisions, incident grades", _add_resolution
    ),
    Migration(4, "edits: analysts' corrections of event types, places and claims", _add_edits),
    Migration(5, "ids and names of any length (PostgreSQL)", _unbounded_ids_and_names),
    Migration(6, "feed watcher: URLs taken on, feed validators", _add_feed_state),
    Migration(7, "mentions.coded_fatalities dropped", _drop_coded_fatalities),
    Migration(8, "incidents.background: incidents told only as context", _add_incident_background),
    Migration(9, "mentions.type_guessed: types guessed from words that name no weapon", _add_type_guessed),
    Migration(10, "articles.name (ids: URL or hash), incidents.discounted", _add_article_names_and_discounts),
    Migration(11, "actors under ACLED's names on mentions and incidents", _add_acled_actors),
    Migration(12, "mentions.grade_cues: what grading finds in a mention's texts", _add_grade_cues),
)


def current_version(conn: Connection) -> int:
    """The schema version a database is at (0 for an empty database)."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def _check_steps(steps: Sequence[Migration]) -> None:
    """Steps must be numbered 1, 2, 3, ... without gaps."""
    numbers = [step.number for step in steps]
    if numbers != list(range(1, len(steps) + 1)):
        raise StoreError(f"migration steps are misnumbered: {numbers}")


def migrate(engine: Engine, *, lexicons: StoreLexicons, steps: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring a database up to the latest version; return the version it is at afterwards."""
    _check_steps(steps)
    with engine.connect() as conn:  # no lock while there is nothing to do: readers never wait for one
        version = current_version(conn)
    if version > len(steps):
        raise StoreError(f"database schema version {version} is newer than this conflictdb ({len(steps)})")
    if version < len(steps):
        with write_transaction(engine) as conn:
            schema.metadata.create_all(conn, tables=[schema.schema_version])
    for step in steps[version:]:
        with write_transaction(engine) as conn:  # another process opening the store waits here,
            if current_version(conn) < step.number:  # and finds the step done when its turn comes
                log.info("migrating schema to version %d: %s", step.number, step.description)
                step.apply(conn, lexicons)
                conn.execute(
                    schema.schema_version.insert().values(
                        version=step.number, description=step.description, applied_at=dt.datetime.now(dt.UTC)
                    )
                )
        version = step.number
    return version
