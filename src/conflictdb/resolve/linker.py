"""One linker for `extract` and `ingest`: new mentions joined with each other and with incidents held
already, by the rules of resolve.pair_rules, whether those incidents sit in the store or in memory.

A source hands the linker the held mentions that blocking lets pair with a new one (`CandidateSource`):
the store queries them (store.resolution.StoreSource); `MemoryIndex` keeps them in memory, empty for one
`extract`. Each held incident is one cluster to begin with; every pair of a new mention with a new or a
held mention that clears its bar is taken best first, and two clusters join unless a rule forbids it (one
article twice, days further apart than the window, a pair an analyst split, two incidents an analyst
placed by hand). So a new report that fits two held incidents joins them into one, as a batch of all
three would.

What agrees between `extract`, `ingest` in one batch and `ingest` one article at a time:
- the grouping, whenever the same pairs clear their bars and no rule refuses a join that the batch made.
  Two things may differ: word frequencies (IDF) are those of the mentions held when a pair is weighed, so
  a pair near its bar can clear it in one order and not in another; and a join a rule refuses depends on
  what was joined before, so the order pairs are weighed in (best first in a batch, by arrival across
  batches) can matter when a rule bites. The news corpus gives the same grouping all three ways
  (tests/test_linker.py).
- the incident ids agree between `extract` and one `ingest` batch into an empty store (the id of a new
  incident is made from its first mention's key, `link.incident_id_for`); a new mention that joins a
  held incident takes that incident's id, so ingest one at a time keeps the id the first report got.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Protocol

import numpy

from conflictdb.records import Article, Mention
from conflictdb.resolve.blocking import DayIndex, blocks_meet, candidate_pairs, day_range
from conflictdb.resolve.link import (
    DocumentFrequencies,
    LinkLexicon,
    day_of,
    incident_id_for,
    mention_key,
    mention_words,
    named_speakers,
)
from conflictdb.resolve.pair_columns import TraitColumns
from conflictdb.resolve.pair_rules import PairTraits
from conflictdb.resolve.similarity import cosines_of_pairs

Result = tuple[Article, Sequence[Mention]]


@dataclass(frozen=True, slots=True)
class Profile:
    """What linking reads of one mention: the mention, its article's date, its words and named speakers."""

    mention: Mention
    published: dt.date | None
    terms: Mapping[str, int]
    speakers: frozenset[str]

    @classmethod
    def of(
        cls, article: Article, mention: Mention, lexicon: LinkLexicon, terms: Counter | None = None
    ) -> Profile:
        """A mention's profile (`terms`: its mention_words, when taken already)."""
        if terms is None:
            terms = mention_words(article, mention, lexicon.stopwords)
        return cls(mention, article.published, terms, named_speakers(mention))

    @property
    def article(self) -> Article:
        """A stand-in article carrying what the pair checks read (id and publication date)."""
        return Article(id=self.mention.article_id, source="", text="", published=self.published)

    @property
    def key(self) -> tuple[str, int]:
        return (self.mention.article_id, self.mention.index)


@dataclass(frozen=True, slots=True)
class HeldIncident:
    """What the linker must know of a held incident to join it: its articles, mention keys and days."""

    articles: frozenset[str]
    keys: frozenset[str]  # mention_key of each of its mentions
    days: tuple[dt.date, dt.date] | None  # first and last day of its mentions dated to the day
    first: tuple[str, int]  # its least (article id, index): of two held incidents joined, which is kept
    pinned: bool = False  # an analyst placed or corrected it: never joined with another such incident


class CandidateSource(Protocol):
    """Where held mentions come from: the store, or memory."""

    def incidents(self, ids: Collection[str]) -> Mapping[str, HeldIncident]:
        """The held incidents of these ids."""
        ...

    def held_for(self, new: Sequence[Profile]) -> list[Profile]:
        """The held mentions (not background, with an incident) any new one (not background) may pair with:
        in its block (the same country and province, or one unknown), published and dated within the
        windows where both are known; each once, in key order (the order ties are taken in)."""
        ...


@dataclass(frozen=True, slots=True)
class Group:
    """New mentions that tell one incident, and the held incidents they join (the one kept first)."""

    members: tuple[int, ...]  # positions in the new profiles
    incidents: tuple[str, ...]


def link(
    new: Sequence[Profile],
    frequencies: DocumentFrequencies,
    lexicon: LinkLexicon,
    *,
    source: CandidateSource | None = None,
    cannot_link: Collection[frozenset[str]] = (),
    vectors: list[dict[str, float]] | None = None,
) -> list[Group]:
    """Group new mentions into incidents, held ones included; every new mention is in one group.

    `vectors` replace the TF-IDF vectors of the new mentions (no source then: held mentions would need
    theirs too); `cannot_link` holds pairs of mention keys an analyst split apart.
    """
    held = source.held_for(new) if source is not None else []
    profiles = [*new, *held]
    if vectors is None:
        vectors = frequencies.vectors([p.terms for p in profiles])
    elif held:
        raise ValueError("vectors are given for new mentions only, and held ones were found")
    first, second = _pairs([p.mention for p in profiles], len(new), lexicon.max_date_gap_days)
    columns = TraitColumns.of(
        [PairTraits.of(p.mention, p.article, lexicon, p.terms, p.speakers) for p in profiles],
        [p.speakers for p in profiles],
    )
    apart = columns.apart_enough(first, second, lexicon)
    first, second = first[apart], second[apart]
    cosines = cosines_of_pairs(vectors, first, second)
    margins = columns.with_speaker_bonus(cosines, first, second, lexicon) - columns.required(
        first, second, lexicon
    )
    cleared = margins >= 0
    margins, first, second = margins[cleared], first[cleared], second[cleared]
    # the pairs that clear their bar by most go first: the bar holds the evidence besides the words (the
    # same day, the same town, the event class), so a pair on the same day beats one barely over its bar
    # (as sorting (margin, i, j) in reverse: ties on the margin by i, then j, greatest first)
    best_first = numpy.lexsort((second, first, margins))[::-1]
    involved = sorted({j for j in second.tolist() if j >= len(new)})  # held mentions in a pair that cleared
    clusters = _Clusters.of(new, [(j, held[j - len(new)]) for j in involved], source)
    for i, j in zip(first[best_first].tolist(), second[best_first].tolist(), strict=True):
        clusters.join(i, j, lexicon, cannot_link)
    return clusters.groups(len(new))


def held_by_key(found: Iterable[Iterable[Profile]]) -> list[Profile]:
    """Held mentions found for several new ones, each once, in key order."""
    held: dict[tuple[str, int], Profile] = {}
    for profiles in found:
        for profile in profiles:
            held.setdefault(profile.key, profile)
    return [held[key] for key in sorted(held)]


def _pairs(mentions: list[Mention], new: int, max_days: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(first, second) positions of the pairs worth comparing: the first `new` mentions among themselves
    (blocking.candidate_pairs) and each of them with each held one in a block it meets; background mentions
    are never paired. first < second: a held mention is always second."""
    told = [i for i in range(new) if not mentions[i].background]
    inner = candidate_pairs([mentions[i] for i in told], max_days)
    found = numpy.array(told, dtype=numpy.intp)[numpy.fromiter(chain.from_iterable(inner), numpy.intp)]
    if len(mentions) > new:
        blocks: tuple[dict, dict] = (defaultdict(list), defaultdict(list))
        for side, indices in enumerate((told, range(new, len(mentions)))):
            for i in indices:
                place = mentions[i].place
                blocks[side][(place.country if place else None, place.admin1 if place else None)].append(i)
        held = {key: DayIndex.of(right, mentions) for key, right in blocks[1].items()}
        across = [
            index.pairs(left, mentions, max_days)
            for key, left in blocks[0].items()
            for other, index in held.items()
            if blocks_meet(key, other)
        ]
        found = numpy.concatenate(
            [found, numpy.fromiter(chain.from_iterable(chain.from_iterable(across)), numpy.intp)]
        )
    first, second = found.reshape(-1, 2).T
    return first, second


@dataclass
class _Clusters:
    """Union-find over new and held mentions, with what the join rules read of each cluster."""

    parent: list[int]
    articles: dict[int, set[str]]
    keys: dict[int, set[str]]
    days: dict[int, tuple[dt.date, dt.date] | None]
    incidents: dict[int, list[tuple[bool, tuple[str, int], str]]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, new: Sequence[Profile], held: Sequence[tuple[int, Profile]], source: CandidateSource | None
    ) -> _Clusters:
        """Each new mention alone, each held incident one cluster, rooted at the first of its mentions
        given (by position): only held mentions in a pair that cleared its bar are given, so only their
        incidents are asked of the source."""
        clusters = cls(list(range(held[-1][0] + 1 if held else len(new))), {}, {}, {})
        for i, p in enumerate(new):
            clusters.articles[i] = {p.mention.article_id}
            clusters.keys[i] = {mention_key(p.mention)}
            clusters.days[i] = (d, d) if (d := day_of(p.mention)) else None
        roots: dict[str, int] = {}
        for i, p in held:
            incident_id = p.mention.incident_id or ""
            if incident_id in roots:
                clusters.parent[i] = roots[incident_id]
            else:
                roots[incident_id] = i
        known = source.incidents(list(roots)) if source is not None and roots else {}
        for incident_id, i in roots.items():
            incident = known[incident_id]
            clusters.articles[i] = set(incident.articles)
            clusters.keys[i] = set(incident.keys)
            clusters.days[i] = incident.days
            clusters.incidents[i] = [(not incident.pinned, incident.first, incident_id)]
        return clusters

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int, lexicon: LinkLexicon, cannot_link: Collection[frozenset[str]]) -> None:
        """Join the clusters of i and j unless a rule forbids it."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj or self.articles[ri] & self.articles[rj]:
            return  # one article never tells the same incident twice
        if cannot_link and any(
            frozenset((x, y)) in cannot_link for x in self.keys[ri] for y in self.keys[rj]
        ):
            return
        joined = day_range(self.days[ri], self.days[rj])
        if joined and (joined[1] - joined[0]).days > lexicon.max_date_gap_days:
            return  # no chaining of days far apart through undated mentions
        held = self.incidents.get(ri, []) + self.incidents.get(rj, [])
        if sum(not unpinned for unpinned, _, _ in held) > 1:
            return  # two incidents an analyst placed stay apart
        self.parent[rj] = ri
        self.articles[ri] |= self.articles.pop(rj)
        self.keys[ri] |= self.keys.pop(rj)
        self.days[ri] = joined
        self.incidents.pop(rj, None)
        if held:
            self.incidents[ri] = sorted(held)

    def groups(self, new: int) -> list[Group]:
        """The new mentions' groups, in the order of their first member."""
        members: dict[int, list[int]] = {}
        for i in range(new):
            members.setdefault(self.find(i), []).append(i)
        return [
            Group(tuple(ms), tuple(incident_id for _, _, incident_id in self.incidents.get(root, [])))
            for root, ms in members.items()
        ]


@dataclass
class MemoryIndex:
    """Incidents held in memory, fed one batch after another: `extract` links its whole batch into an
    empty index; fed one article at a time, it links as the store does (tests compare the two)."""

    lexicon: LinkLexicon
    cannot_link: Collection[frozenset[str]] = ()
    profiles: dict[tuple[str, int], Profile] = field(default_factory=dict)
    members: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    frequencies: Counter[str] = field(default_factory=Counter)
    documents: int = 0

    def add(
        self,
        results: Sequence[Result],
        *,
        words: Sequence[Counter] | None = None,
        vectorise: Callable[[list[tuple[Article, Mention]]], list[dict[str, float]]] | None = None,
    ) -> list[Result]:
        """Link a batch's mentions to each other and to the incidents held; hold them; return the batch
        with every mention's incident id. `words` are the mentions' mention_words in order, when taken
        as the results came in; `vectorise` replaces TF-IDF (bench/links.py compares embeddings)."""
        items = [(article, m) for article, ms in results for m in ms]
        bags = words if words is not None else [None] * len(items)
        new = [Profile.of(a, m, self.lexicon, bag) for (a, m), bag in zip(items, bags, strict=True)]
        self.frequencies.update(chain.from_iterable(p.terms for p in new))
        self.documents += len(new)
        frequencies = DocumentFrequencies(
            self.frequencies, max(self.documents, self.lexicon.reference_documents)
        )
        vectors = vectorise(items) if vectorise is not None else None
        groups = link(
            new, frequencies, self.lexicon, source=self, cannot_link=self.cannot_link, vectors=vectors
        )
        chosen: dict[tuple[str, int], str] = {}
        for group in groups:
            mentions = [new[i].mention for i in group.members]
            target = group.incidents[0] if group.incidents else incident_id_for(mentions)
            for absorbed in group.incidents[1:]:
                for key in self.members.pop(absorbed):
                    self.profiles[key] = replace(
                        self.profiles[key], mention=replace(self.profiles[key].mention, incident_id=target)
                    )
                    self.members.setdefault(target, []).append(key)
            for i in group.members:
                profile = new[i]
                chosen[profile.key] = target
                self.profiles[profile.key] = replace(
                    profile, mention=replace(profile.mention, incident_id=target)
                )
                self.members.setdefault(target, []).append(profile.key)
        return [
            (article, [replace(m, incident_id=chosen[(m.article_id, m.index)]) for m in ms])
            for article, ms in results
        ]

    def incident_of(self) -> dict[tuple[str, int], str]:
        """Every held mention's incident id, by (article id, index)."""
        return {key: p.mention.incident_id or "" for key, p in self.profiles.items()}

    def candidates(self, profile: Profile) -> Iterable[Profile]:
        """Held mentions in the profile's block (every one looked at: for tests and small batches)."""
        lexicon, place = self.lexicon, profile.mention.place
        country, admin1 = (place.country, place.admin1) if place else (None, None)
        day = day_of(profile.mention)
        for held in self.profiles.values():
            other, other_day = held.mention.place, day_of(held.mention)
            if held.mention.background or not blocks_meet(
                (country, admin1), (other.country, other.admin1) if other else (None, None)
            ):
                continue
            if day and other_day and abs((day - other_day).days) > lexicon.max_date_gap_days:
                continue
            published = (profile.published, held.published)
            if all(published) and abs((published[0] - published[1]).days) > lexicon.max_published_gap_days:
                continue
            yield held

    def held_for(self, new: Sequence[Profile]) -> list[Profile]:
        return held_by_key(self.candidates(profile) for profile in new if not profile.mention.background)

    def incidents(self, ids: Collection[str]) -> Mapping[str, HeldIncident]:
        found = {}
        for incident_id in ids:
            keys = self.members[incident_id]
            days = [d for key in keys if (d := day_of(self.profiles[key].mention))]
            found[incident_id] = HeldIncident(
                frozenset(a for a, _ in keys),
                frozenset(f"{a}#{i}" for a, i in keys),
                (min(days), max(days)) if days else None,
                min(keys),
            )
        return found


def link_mentions(
    results: Iterable[Result],
    lexicon: LinkLexicon,
    *,
    cannot_link: Collection[frozenset[str]] = (),
    vectorise: Callable[[list[tuple[Article, Mention]]], list[dict[str, float]]] | None = None,
    words: Sequence[Counter] | None = None,
) -> list[Mention]:
    """Group the mentions of one batch into incidents (an empty MemoryIndex); every mention with its id."""
    linked = MemoryIndex(lexicon, cannot_link).add(list(results), words=words, vectorise=vectorise)
    return [m for _, ms in linked for m in ms]
