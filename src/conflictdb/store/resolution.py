"""The store's side of resolution: word frequencies, candidate mentions, near-duplicate groups, decisions.

`assign_incidents` links a chunk of new articles with the one linker (resolve.linker), the store its source
of held incidents: new mentions join each other and stored incidents, without re-clustering the database
(stored incidents only ever join, when a new report fits two of them). Manual decisions hold: a mention an
analyst placed stays there, a pair they split apart is never linked again, and two incidents they placed
or corrected are never joined.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    bindparam,
    func,
    not_,
    or_,
    select,
    update,
)

from conflictdb.records import Article, DatePrecision, DateValue, Mention, Place, Span
from conflictdb.resolve import duplicates
from conflictdb.resolve.duplicates import DuplicateLexicon
from conflictdb.resolve.link import (
    DocumentFrequencies,
    LinkLexicon,
    day_of,
    incident_id_for,
    known_day,
    mention_key,
    mention_words,
)
from conflictdb.resolve.linker import HeldIncident, Profile, link
from conflictdb.store import schema
from conflictdb.store.identity import new_incident_id
from conflictdb.store.query import chunks


@dataclass
class ResolutionState:
    """Loaded once per batch: how many mentions the store holds (the documents of the word frequencies) and
    the analysts' splits. The frequencies themselves are read per chunk for the words in play
    (`term_counts`): the store's whole vocabulary is never loaded."""

    lexicon: LinkLexicon
    duplicates: DuplicateLexicon
    documents: int = 0
    cannot_link: set[frozenset[str]] = field(default_factory=set)

    def count(self, bags: Iterable[Counter], sign: int = 1) -> None:
        """Take stored (or removed, sign -1) mentions into the count of documents."""
        self.documents += sign * sum(1 for _ in bags)


def load_state(conn: Connection, lexicon: LinkLexicon, near: DuplicateLexicon) -> ResolutionState:
    """The count of stored mentions and the cannot-link pairs."""
    c = schema.cannot_link
    state = ResolutionState(lexicon, near)
    state.documents = conn.execute(select(func.count()).select_from(schema.mentions)).scalar_one()
    state.cannot_link = {frozenset(pair) for pair in conn.execute(select(c.c.mention_a, c.c.mention_b))}
    return state


def term_counts(conn: Connection, words: Iterable[str]) -> Counter[str]:
    """In how many stored mentions' texts each of these words occurs (absent: none)."""
    t, words = schema.term_frequencies, sorted(set(words))
    counts: Counter[str] = Counter()
    for chunk in chunks(words):
        counts.update(dict(conn.execute(select(t.c.term, t.c.documents).where(t.c.term.in_(chunk))).all()))
    return counts


def mention_terms(article: Article, mention: Mention, lexicon: LinkLexicon) -> Counter:
    """The mention's content words, as linking reads them."""
    return mention_words(article, mention, lexicon.stopwords)


# --- word frequencies ---------------------------------------------------------------------------------


def add_term_counts(conn: Connection, bags: Iterable[Counter], *, sign: int = 1) -> None:
    """Add (or subtract) mentions' words to the stored document frequencies."""
    delta: Counter[str] = Counter()
    for bag in bags:
        delta.update({w: sign for w in bag})
    if not delta:
        return
    t = schema.term_frequencies
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(t)
    statement = statement.on_conflict_do_update(
        index_elements=[t.c.term], set_={"documents": t.c.documents + statement.excluded.documents}
    )
    conn.execute(statement, [{"term": w, "documents": n} for w, n in delta.items()])


# --- near-duplicate articles ---------------------------------------------------------------------------


def source_group(
    conn: Connection, article: Article, signature: tuple[int, ...], near: DuplicateLexicon
) -> str:
    """The id of the first article of this article's near-duplicate group (its own id if it has none)."""
    best = _stored_duplicate(conn, article, signature, near)
    return best[1] if best else article.id


def source_groups(
    conn: Connection, signed: Sequence[tuple[Article, tuple[int, ...]]], near: DuplicateLexicon
) -> list[str]:
    """`source_group` of each article of a chunk not stored yet, in order: an earlier article of the chunk
    counts as stored before it (after the stored ones)."""
    return duplicates.source_groups(
        signed, near, held=lambda article, signature: _stored_duplicate(conn, article, signature, near)
    )


def _stored_duplicate(
    conn: Connection, article: Article, signature: tuple[int, ...], near: DuplicateLexicon
) -> tuple[float, str] | None:
    """(resemblance, source group) of the stored article this one copies most closely, if any."""
    a, b = schema.articles, schema.article_bands
    keys = duplicates.band_keys(signature, near)
    if not keys:
        return None
    if article.published is None:
        ranges: list[list[ColumnElement[bool]]] = [[]]  # an undated article may copy any stored one
    else:  # two index ranges (band, published): with an OR of them the index would serve the band alone
        gap = dt.timedelta(days=near.max_published_gap_days)
        window = b.c.published.between(article.published - gap, article.published + gap)
        ranges = [[window], [b.c.published.is_(None)]]
    shared: Counter[str] = Counter()
    for extra in ranges:
        query = select(b.c.article_id).where(b.c.band.in_(keys), b.c.article_id != article.id, *extra)
        shared.update(conn.execute(query).scalars())
    ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
    top = [article_id for article_id, _ in ranked[: near.max_candidates]]
    if not top:
        return None
    query = select(a.c.id, a.c.source_group, a.c.published, a.c.shingle_signature)
    query = query.where(a.c.id.in_(top)).order_by(a.c.ingested_at, a.c.id)
    best: tuple[float, str] | None = None
    for other_id, group, published, packed in conn.execute(query):
        if packed is None:
            continue
        other = duplicates.unpack(packed)
        score = duplicates.near_duplicate_resemblance(signature, other, (article.published, published), near)
        if score is not None and (best is None or score > best[0]):
            best = (score, group or other_id)
    return best


def insert_bands(
    conn: Connection, signed: Sequence[tuple[Article, tuple[int, ...]]], near: DuplicateLexicon
) -> None:
    """Index the articles' signature bands."""
    rows = [
        {"band": key, "published": article.published, "article_id": article.id}
        for article, signature in signed
        for key in sorted(set(duplicates.band_keys(signature, near)))
    ]
    if rows:
        conn.execute(schema.article_bands.insert(), rows)


# --- candidates and assignment ---------------------------------------------------------------------------


def _profile_from_row(row: Sequence) -> Profile:
    """A stored mention's profile, with what linking reads of its place (as a batch mention has it)."""
    (article_id, idx, incident_id, event_type, sub_event_type, day, precision, country, admin1) = row[:9]
    background, published, terms, name, lat, lon, geo_precision, guessed = row[9:17]
    date_text, admin2, span_start, span_end, speakers = row[17:22]
    place = (
        Place(
            name or "",
            country=country,
            admin1=admin1,
            admin2=admin2,
            lat=lat,
            lon=lon,
            precision=geo_precision,
        )
        if name or country or admin1
        else None
    )
    mention = Mention(
        article_id=article_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=DateValue(day, DatePrecision(precision) if precision else None, date_text),
        place=place,
        span=Span(span_start, span_end) if span_start is not None and span_end is not None else None,
        background=background,
        incident_id=incident_id,
        index=idx,
        type_guessed=bool(guessed),
    )
    return Profile(mention, published, json.loads(terms or "{}"), frozenset(json.loads(speakers or "[]")))


CANDIDATE_KINDS = ("dated", "undated", "timeless")  # stored mentions by how they are placed in time


@dataclass
class StoreSource:
    """The store as the linker's source of held mentions and incidents, within one transaction. Each
    candidate query is run once (new mentions of one chunk often share a place and days), reading row ids
    only; the rows of the ids kept are read afterwards, once, and made profiles once."""

    conn: Connection
    lexicon: LinkLexicon
    queries: dict[tuple, list[int]] = field(default_factory=dict)  # row ids by kind (CANDIDATE_KINDS) and key
    held: dict[tuple[tuple[str, int], ...], list[Profile]] = field(default_factory=dict)  # by new keys

    def held_for(self, new: Sequence[Profile]) -> list[Profile]:
        """The held mentions of every query the new mentions ask, each once, in key order; of more than
        `max_stored_candidates_per_batch`, the latest stored."""
        asking = tuple(p.key for p in new)
        if asking not in self.held:  # linking asks again for the mentions its caller asked for
            self.held[asking] = self._held_for(new)
        return self.held[asking]

    def _held_for(self, new: Sequence[Profile]) -> list[Profile]:
        asked: dict[tuple, Profile] = {}
        for profile in new:
            if not profile.mention.background:
                for key in self._keys(profile):
                    asked.setdefault(key, profile)
        found: set[int] = set()
        for key, profile in asked.items():
            found.update(self._read(profile, key))
        kept = sorted(found, reverse=True)[: self.lexicon.max_stored_candidates_per_batch]  # latest first
        rows = candidate_rows_by_id(self.conn, kept)
        return [_profile_from_row(row) for row in sorted(rows, key=lambda row: (row[0], row[1]))]

    @staticmethod
    def _keys(profile: Profile) -> tuple[tuple, ...]:
        """Each kind of stored mention with what its rows depend on: a day, a publication window, a block."""
        place = profile.mention.place
        block = (place.country if place else None, place.admin1 if place else None)
        return (
            ("dated", (*block, profile.published, day_of(profile.mention))),
            ("undated", (*block, profile.published)),
            ("timeless", block),
        )

    def _read(self, profile: Profile, key: tuple) -> list[int]:
        if key not in self.queries:
            self.queries[key] = candidate_ids(self.conn, profile, self.lexicon, kinds=(key[0],))
        return self.queries[key]

    def incidents(self, ids: Collection[str]) -> dict[str, HeldIncident]:
        return held_incidents(self.conn, ids)


def stored_candidates(
    conn: Connection, profile: Profile, lexicon: LinkLexicon, *, kinds: Sequence[str] = CANDIDATE_KINDS
) -> list[Profile]:
    """The profiles of `candidate_rows`."""
    return [_profile_from_row(row) for row in candidate_rows(conn, profile, lexicon, kinds=kinds)]


def candidate_rows(
    conn: Connection, profile: Profile, lexicon: LinkLexicon, *, kinds: Sequence[str] = CANDIDATE_KINDS
) -> list[Row]:
    """Stored mentions that may tell the same incident (`candidate_ids`), as `_profile_from_row` reads
    them, the row id last, in the order of the ids."""
    ids = candidate_ids(conn, profile, lexicon, kinds=kinds)
    by_id = {row[-1]: row for row in candidate_rows_by_id(conn, ids)}
    return [by_id[i] for i in ids]


def candidate_ids(
    conn: Connection, profile: Profile, lexicon: LinkLexicon, *, kinds: Sequence[str] = CANDIDATE_KINDS
) -> list[int]:
    """The row ids of stored mentions that may tell the same incident: same country and admin1 (or
    unknown), published in the window, dated within the date window (or not to the day); of the `kinds`
    asked, in their order: "dated" to the day, "undated" but published on a known day, "timeless"
    (neither: they fall in every window of their block).

    The country and publication window use the index (country, published) and keep the query small
    whatever the size of the database. At most `max_stored_candidates` rows of each kind are read, the
    latest stored first. `compatible` checks every rule again afterwards.
    """
    place, published = profile.mention.place, profile.published
    country = place.country if place else None
    admin1 = place.admin1 if place else None
    day = day_of(profile.mention)
    values: dict[str, object] = {"country": country, "admin1": admin1}
    if published is not None:
        gap = dt.timedelta(days=lexicon.max_published_gap_days)
        values |= {"published_from": published - gap, "published_to": published + gap}
    if day is not None:  # `compatible` would refuse two days further apart than the window
        gap = dt.timedelta(days=lexicon.max_date_gap_days)
        values |= {"day_from": day - gap, "day_to": day + gap}
    limit = lexicon.max_stored_candidates
    found: list[int] = []
    for kind in kinds:
        ids: list[int] = []
        for branch in _branches(kind, country=bool(country), published=published is not None):
            query = _candidate_query(kind, *branch, admin1=bool(admin1), day=day is not None, limit=limit)
            ids += conn.execute(query, values).scalars().all()
        found += sorted(ids, reverse=True)[:limit]  # the branches hold no row twice
    return found


def _branches(kind: str, *, country: bool, published: bool) -> list[tuple[str | None, str]]:
    """The (country, publication) branches of one kind's candidates: mentions of the report's country
    ("same") and of none ("unplaced"), or of any (None) when its country is unknown; published in its window
    ("window") or on any day ("known") as its publication day is known or not, and not published ("none").
    Each is one range of the index (country, published), an equality ("none") read in id order."""
    countries = ("same", "unplaced") if country else (None,)
    times = {"dated": ("window" if published else "known", "none"), "timeless": ("none",)}
    when = times.get(kind, ("window" if published else "known",))  # undated: published on a known day
    return [(c, t) for c in countries for t in when]


def candidate_rows_by_id(conn: Connection, ids: Sequence[int]) -> list[Row]:
    """The candidate columns of these mention rows (as `_profile_from_row` reads them, the row id last)."""
    m = schema.mentions
    query = select(*_CANDIDATE_COLUMNS, m.c.named_speakers, m.c.id)
    return [row for chunk in chunks(ids) for row in conn.execute(query.where(m.c.id.in_(chunk))).all()]


_m = schema.mentions
_CANDIDATE_COLUMNS = (
    *(_m.c.article_id, _m.c.idx, _m.c.incident_id, _m.c.event_type, _m.c.sub_event_type, _m.c.date),
    *(_m.c.date_precision, _m.c.country, _m.c.admin1, _m.c.background, _m.c.published, _m.c.terms),
    *(_m.c.place_name, _m.c.lat, _m.c.lon, _m.c.geo_precision, _m.c.type_guessed),
    *(_m.c.date_text, _m.c.admin2, _m.c.span_start, _m.c.span_end),  # as day_of and the place rule read
)


@functools.cache
def _candidate_query(
    kind: str, country: str | None, published: str, *, admin1: bool, day: bool, limit: int
) -> Select:
    """The candidate query (row ids) of one kind, one branch (`_branches`) and one shape of profile (which
    of its admin1 and day are known), its values bound at execution: built once, compiled once."""
    m = schema.mentions
    conditions = [m.c.background.is_(False)]
    if country is not None:
        conditions.append(m.c.country == bindparam("country") if country == "same" else m.c.country.is_(None))
    conditions.append(
        {
            "window": m.c.published.between(bindparam("published_from"), bindparam("published_to")),
            "known": m.c.published.is_not(None),
            "none": m.c.published.is_(None),
        }[published]
    )
    if admin1:
        conditions.append(or_(m.c.admin1 == bindparam("admin1"), m.c.admin1.is_(None)))
    known_day = and_(  # as link.known_day reads a stored date, NULL-safe
        func.coalesce(m.c.date_precision, "") == DatePrecision.DAY.value,
        m.c.date.is_not(None),
        or_(m.c.date_text.is_not(None), m.c.span_start.is_(None)),  # a publication day is no known day
    )
    by_kind = {
        "dated": [
            known_day,
            *([m.c.date.between(bindparam("day_from"), bindparam("day_to"))] if day else []),
        ],
        "undated": [not_(known_day)],
        "timeless": [not_(known_day)],
    }
    query = select(m.c.id).where(*conditions, *by_kind[kind])
    return query.order_by(m.c.id.desc()).limit(limit)


def profile_of(article: Article, mention: Mention, lexicon: LinkLexicon) -> Profile:
    """A new mention's profile."""
    return Profile.of(article, mention, lexicon, mention_terms(article, mention, lexicon))


def held_incidents(conn: Connection, ids: Collection[str]) -> dict[str, HeldIncident]:
    """What the linker reads of stored incidents: members, days, and whether an analyst placed a mention
    in one or corrected it."""
    m, pins, e = schema.mentions, schema.manual_assignments, schema.edits
    ids = list(ids)
    rows: dict[str, list[tuple[str, int, dt.date | None]]] = {i: [] for i in ids}
    pinned: set[str] = set()
    for chunk in chunks(ids):
        query = select(m.c.incident_id, m.c.article_id, m.c.idx, m.c.date, m.c.date_precision)
        query = query.add_columns(m.c.date_text, m.c.span_start)
        for incident_id, article_id, idx, day, precision, date_text, span_start in conn.execute(
            query.where(m.c.incident_id.in_(chunk))
        ).all():
            date = DateValue(day, DatePrecision(precision) if precision else None, date_text)
            rows[incident_id].append((article_id, idx, known_day(date, read=span_start is not None)))
        pinned |= set(conn.execute(select(pins.c.incident_id).where(pins.c.incident_id.in_(chunk))).scalars())
        pinned |= set(conn.execute(select(e.c.incident_id).where(e.c.incident_id.in_(chunk))).scalars())
    found = {}
    for incident_id, members in rows.items():
        days = [day for _, _, day in members if day]
        found[incident_id] = HeldIncident(
            frozenset(a for a, _, _ in members),
            frozenset(f"{a}#{i}" for a, i, _ in members),
            (min(days), max(days)) if days else None,
            min((a, i) for a, i, _ in members),
            incident_id in pinned,
        )
    return found


def pinned(conn: Connection, keys: Sequence[str]) -> dict[str, str]:
    """Mentions an analyst placed by hand (merge or split), by key: their incident."""
    t = schema.manual_assignments
    found: dict[str, str] = {}
    for chunk in chunks(keys):
        query = select(t.c.mention_key, t.c.incident_id).where(t.c.mention_key.in_(chunk))
        found.update((key, incident) for key, incident in conn.execute(query))
    return found


def stored_incidents(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Those of these incident ids that are stored, one query per IN (...) list."""
    table, ids = schema.incidents, sorted(set(ids))
    found: set[str] = set()
    for chunk in chunks(ids):
        found |= set(conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
    return found


@dataclass(frozen=True, slots=True)
class Assignment:
    """A chunk's mentions with their incident ids, the stored incidents joined into another, and the word
    bags of the mentions linked (by mention key), taken once for linking and storing."""

    results: list[tuple[Article, list[Mention]]]
    joined: dict[str, str]  # stored incident id -> the stored incident it joins
    terms: dict[str, Counter] = field(default_factory=dict)


def assign_incidents(
    conn: Connection, results: Sequence[tuple[Article, Sequence[Mention]]], state: ResolutionState
) -> Assignment:
    """Every new mention with an incident id: a stored incident's, or a new one's; stored incidents a new
    report joins are to be joined into the first of them (`join_incidents`)."""
    lexicon = state.lexicon
    by_key = {mention_key(m): (a, m) for a, ms in results for m in ms}
    pins = pinned(conn, list(by_key))
    free = [profile_of(a, m, lexicon) for a, ms in results for m in ms if mention_key(m) not in pins]
    source = StoreSource(conn, lexicon)
    held = source.held_for(free)  # read once: link asks again
    chunk_frequencies = term_counts(conn, chain.from_iterable(p.terms for p in chain(free, held)))
    for p in free:
        chunk_frequencies.update(p.terms.keys())
    documents = max(state.documents + len(free), lexicon.reference_documents)
    frequencies = DocumentFrequencies(chunk_frequencies, documents)
    groups = link(free, frequencies, lexicon, source=source, cannot_link=state.cannot_link)
    chosen = dict(pins)
    joined: dict[str, str] = {}
    members = [[free[i].mention for i in group.members] for group in groups]
    minted = {
        n: incident_id_for(ms)
        for n, (group, ms) in enumerate(zip(groups, members, strict=True))
        if not group.incidents
    }
    taken = stored_incidents(conn, minted.values())
    for n, (group, mentions) in enumerate(zip(groups, members, strict=True)):
        if group.incidents:
            target = group.incidents[0]
            joined.update(dict.fromkeys(group.incidents[1:], target))
        else:
            target = minted[n] if minted[n] not in taken else new_incident_id()
        chosen.update({mention_key(m): target for m in mentions})
    linked = [(a, [replace(m, incident_id=chosen[mention_key(m)]) for m in ms]) for a, ms in results]
    return Assignment(linked, joined, {mention_key(p.mention): Counter(p.terms) for p in free})


def join_incidents(conn: Connection, joined: dict[str, str]) -> set[str]:
    """Move the mentions of each stored incident into the one it joins; return the incidents touched."""
    m = schema.mentions
    for absorbed, target in joined.items():
        conn.execute(update(m).where(m.c.incident_id == absorbed).values(incident_id=target))
    return set(joined) | set(joined.values())
