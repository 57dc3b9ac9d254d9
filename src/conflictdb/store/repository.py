"""The store: one object over a database that writes articles in (store.write), reads incidents out
(store.read, store.query) and records analysts' decisions and corrections (store.decisions, store.edits)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from conflictdb.errors import ConflictdbError, StoreError
from conflictdb.records import Article, Mention
from conflictdb.store import decisions, edits, read, resolution, write
from conflictdb.store.concurrency import write_transaction
from conflictdb.store.decisions import Decision
from conflictdb.store.edits import ClaimChanges, Edit, IncidentChanges
from conflictdb.store.engine import open_engine
from conflictdb.store.lexicons import StoreLexicons, load_store_lexicons
from conflictdb.store.query import IncidentQuery, chunks, find_incidents
from conflictdb.store.read import StoreStats
from conflictdb.store.rows import IncidentDetail, IncidentPage, IncidentRow
from conflictdb.store.write import ARTICLES_PER_TRANSACTION, BatchCounts, Tally

if TYPE_CHECKING:
    from conflictdb.geo.gazetteer import Gazetteer

_Done = TypeVar("_Done", Decision, Edit)  # what an analyst's recorded decision or correction returns


def open_store(
    url: str | None = None, *, create: bool = True, lexicons: StoreLexicons | None = None
) -> Store:
    """Open (migrating as needed) the store at a SQLAlchemy URL (see `store.engine.resolve_url`); a SQLite
    file that does not exist is created, or with `create=False` (the commands that only read) a StoreError.
    `lexicons` are read from the packaged data files when not given."""
    lexicons = lexicons or load_store_lexicons()
    return Store(open_engine(url, create=create, lexicons=lexicons), lexicons)


class Store:
    """A conflictdb database; use as a context manager or call `close()`."""

    def __init__(self, engine: Engine, lexicons: StoreLexicons) -> None:
        self.engine = engine
        self.lexicons = lexicons

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def add_article(
        self, article: Article, mentions: Sequence[Mention], *, replace: bool = False, link: bool = False
    ) -> bool:
        """Store an article and its mentions in one transaction; False if its content is already stored.

        An article a reader named is stored under its URL, else a hash of its source and text
        (store.identity); one without a name keeps its id. Without `link`, a mention without `incident_id`
        gets a new incident and one naming an incident joins it (creating it if unknown); with `link`, see
        `add_batch`. Another text under a stored id (a revised page at a stored URL) is refused
        (StoreError) unless `replace`.
        """
        tally = self._add_chunk([(article, mentions)], replace=replace, link=link, state=None)
        if tally.errors:
            raise tally.errors[0]
        return tally.new == 1

    def add_batch(
        self,
        results: Iterable[tuple[Article, Sequence[Mention]]],
        *,
        link: bool = False,
        on_error: Callable[[ConflictdbError], None] | None = None,
        chunk_size: int = ARTICLES_PER_TRANSACTION,
    ) -> BatchCounts:
        """Store many articles, `chunk_size` per transaction with a savepoint each; a failing one is
        reported and skipped (with no `on_error`, raised once its chunk is committed).

        With `link`, the mentions' incident ids are decided here by the one linker (resolve.linker, the
        store its source of held incidents; document frequencies of the whole store): each chunk's mentions
        join each other and stored incidents, without re-clustering them; manual merges and splits hold.
        """
        total = Tally()
        state = self._resolution_state() if link else None
        iterator = iter(results)
        while chunk := list(itertools.islice(iterator, chunk_size)):
            tally = self._add_chunk(chunk, replace=False, link=link, state=state)
            total = Tally.sum([total, tally])
            for error in tally.errors:
                if on_error is None:
                    raise error
                on_error(error)
        # counted inside each chunk's transaction: another process writing meanwhile is not counted
        return BatchCounts(
            total.new,
            total.unchanged,
            len(total.errors),
            total.mentions,
            total.incidents,
            background=total.background,
        )

    def _resolution_state(self) -> resolution.ResolutionState:
        with self.engine.connect() as conn:
            return resolution.load_state(conn, self.lexicons.linking, self.lexicons.duplicates)

    def _add_chunk(
        self,
        chunk: Sequence[tuple[Article, Sequence[Mention]]],
        *,
        replace: bool,
        link: bool,
        state: resolution.ResolutionState | None,
    ) -> Tally:
        if link and state is None:
            state = self._resolution_state()
        return write.add_chunk(
            self.engine, chunk, lexicons=self.lexicons, replace=replace, link=link, state=state
        )

    def merge_incidents(self, keep: str, others: Sequence[str], *, by: str, force: bool = False) -> Decision:
        """Merge incidents into `keep` (an analyst's decision, recorded; later ingests never undo it);
        incidents in different countries or years only with `force`."""
        return self._decide(lambda conn: decisions.merge(conn, keep, others, by=by, force=force))

    def split_incident(self, incident_id: str, mention_keys: Sequence[str], *, by: str) -> Decision:
        """Move mentions (keys `article_id#index`) of an incident into a new incident, recorded; the moved
        and the remaining mentions are never linked again automatically."""
        return self._decide(lambda conn: decisions.split(conn, incident_id, mention_keys, by=by))

    def _decide(self, apply: Callable[[Connection], tuple[_Done, set[str]]]) -> _Done:
        try:
            with write_transaction(self.engine) as conn:
                decision, touched = apply(conn)
                write.refresh_incidents(conn, sorted(touched), rules=self.lexicons.reconcile)
        except SQLAlchemyError as e:
            raise StoreError(f"cannot record the decision: {e}") from e
        return decision

    def decisions(self) -> list[Decision]:
        """Every manual decision, oldest first."""
        with self.engine.connect() as conn:
            return decisions.load(conn)

    def correct_incident(
        self,
        incident_id: str,
        *,
        by: str,
        gazetteer: Gazetteer | None = None,
        note: str | None = None,
        **changes: Unpack[IncidentChanges],
    ) -> Edit:
        """Correct an incident's ACLED event type, place (completed from the `gazetteer`), date and
        precision, actors, or discount it (kept, counted in nothing); recorded, kept over re-ingest
        (store.edits)."""
        names = self.lexicons.names
        return self._decide(
            lambda conn: edits.correct_incident(
                conn, incident_id, by=by, names=names, gazetteer=gazetteer, note=note, **changes
            )
        )

    def correct_claim(
        self, claim_id: int | str, *, by: str, note: str | None = None, **changes: Unpack[ClaimChanges]
    ) -> Edit:
        """Correct a claim's figures, speaker or stance (REJECTED: counts for nothing), by row id or key
        `article_id#mention#claim`; recorded and kept over re-ingest (see store.edits)."""
        return self._decide(lambda conn: edits.correct_claim(conn, claim_id, by=by, note=note, **changes))

    def reset_incident(
        self,
        incident_id: str,
        *,
        by: str,
        fields: Sequence[str] = tuple(edits.INCIDENT_GROUPS),
        note: str | None = None,
    ) -> Edit:
        """Put an incident's corrected event type or place ("event", "place") back to automatic; recorded."""
        return self._decide(
            lambda conn: edits.reset_incident(conn, incident_id, by=by, fields=fields, note=note)
        )

    def reset_claim(
        self,
        claim_id: int | str,
        *,
        by: str,
        fields: Sequence[str] = edits.CLAIM_FIELDS,
        note: str | None = None,
    ) -> Edit:
        """Put a claim's corrected figures, speaker or stance back to what extraction read; recorded."""
        return self._decide(lambda conn: edits.reset_claim(conn, claim_id, by=by, fields=fields, note=note))

    def history(self, incident_id: str) -> list[Edit | Decision]:
        """Every correction, merge and split concerning an incident, oldest first."""
        with self.engine.connect() as conn:
            return edits.history(conn, incident_id)

    def incident_page(self, query: IncidentQuery | None = None, /, **filters: Any) -> IncidentPage:
        """The page of incidents a query selects (store.query; or its fields as keywords), the total that
        match and their optional columns; QueryError for a filter that names nothing known."""
        with self.engine.connect() as conn:
            return find_incidents(conn, query or IncidentQuery(**filters), self.lexicons.names)

    def incidents(self, query: IncidentQuery | None = None, /, **filters: Any) -> list[IncidentRow]:
        """Incidents a query selects, newest first by default (undated last); see `incident_page`."""
        return self.incident_page(query, **filters).rows

    def incident(self, incident_id: str) -> IncidentDetail | None:
        """One incident with its mentions, claims, figures and articles; None if there is no such id."""
        with self.engine.connect() as conn:
            rows = read.rows_by_id(conn, [incident_id])
            return read.incident_details(conn, rows)[0] if rows else None

    def incident_details(
        self, query: IncidentQuery | None = None, /, **filters: Any
    ) -> Iterator[IncidentDetail]:
        """Incidents as `incidents` selects them, each with its mentions and articles."""
        rows = self.incidents(query, **filters)
        for part in chunks(rows):
            with self.engine.connect() as conn:
                details = read.incident_details(conn, part)
            yield from details

    def stats(self) -> StoreStats:
        """Counts of every table and the date range of incidents."""
        with self.engine.connect() as conn:
            return read.store_stats(conn)
