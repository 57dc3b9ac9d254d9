"""What linking reads of a mention: the lexicon, its words and toll terms, its named speakers, its day.

Linking runs in four steps, one module each: blocking (resolve.blocking) proposes pairs, the pair rules
(resolve.pair_rules, and resolve.pair_columns for a batch at once) say which may be one incident and how
alike their texts must be, resolve.similarity weighs how alike they are, and resolve.linker clusters them,
for `extract` and `ingest` alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import chain
from operator import mul
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.dates import load_date_lexicon
from conflictdb.records import Article, DatePrecision, DateValue, Mention

LINKING_FILE = "linking.yaml"
_SCALARS = {"int": int, "float": float}  # LinkLexicon's numbers: each read from the key of its name
# words of three characters or more: a run of letters (with ' and -) or of digits, as long as it goes
_LONG_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}|\d{3,}")


@dataclass(frozen=True, slots=True)
class LinkLexicon:
    """Thresholds and word lists for linking."""

    max_date_gap_days: int
    max_published_gap_days: int
    min_similarity: float
    other_class_penalty: float
    shared_speaker_bonus: float
    shared_toll_bonus: float
    same_day_discount: float
    same_place_discount: float
    undated_penalty: float
    same_weekday_discount: float  # a pair not both dated to the day whose two weekdays are one
    same_weekday_least_toll: int  # ... on a named speaker both quote or a toll both give of this many
    distant_km: float
    distant_place_penalty: float
    places_apart_km: float  # two places neither of which contains the other link only this close
    reference_documents: int
    max_stored_candidates: int  # stored mentions one candidate query reads, the latest stored first
    max_stored_candidates_per_batch: int  # stored mentions one batch of new ones is compared with, at most
    toll_match_ratio: float  # two tolls match when they differ by one at most or by this much of the larger
    coarse: dict[str, str]
    families: dict[str, str]  # sub-event type -> its family: mentions of two families never link
    stopwords: frozenset[str]
    guessed_class: str | None = None  # the class a guessed type links in (Mention.type_guessed)
    weekdays: Mapping[str, int] = field(default_factory=dict)  # lower-case name -> 0 (Monday)..6 (dates.yaml)


def load_link_lexicon(
    data_dir: Path = DATA_DIR,
    *,
    raw: Mapping[str, Any] | None = None,
    weekdays: Mapping[str, int] | None = None,
) -> LinkLexicon:
    """data/linking.yaml as a LinkLexicon: the file's content as read (`raw`: `resources` reads it once for
    this and the near-duplicate lexicon), else read from `data_dir`; with the date lexicon's `weekdays`
    (a weekday a mention's date words name places it in time), else those of the date lexicon read here."""
    raw = raw if raw is not None else load_yaml(LINKING_FILE, data_dir=data_dir)
    weekdays = weekdays if weekdays is not None else load_date_lexicon(data_dir).weekdays
    scalars = {f.name: _SCALARS[f.type](raw[f.name]) for f in fields(LinkLexicon) if f.type in _SCALARS}
    return LinkLexicon(
        **scalars,
        coarse=dict(raw["coarse_classes"]),
        families=dict(raw["sub_event_families"]),
        stopwords=frozenset(raw["stopwords"]),
        guessed_class=raw.get("guessed_class"),
        weekdays=dict(weekdays),
    )


def mention_words(article: Article, mention: Mention, stopwords: frozenset[str]) -> Counter:
    """Content words of the stretch of the article that tells the mention."""
    text = article.text[mention.span.start : mention.span.end] if mention.span else article.text
    bag = Counter(w for w in map(str.lower, _LONG_WORD.findall(text)) if w not in stopwords)
    bag.update(sorted(toll_terms(mention)))  # sorted: a set's order follows the hash seed
    return bag


TOLL_MARK = "="  # in a toll term only: words hold none


def toll_terms(mention: Mention) -> set[str]:
    """One term per total the mention reports ("killed=12"), whatever its category: two reports that give
    the same toll share a rare term, as they would share a rare word."""
    return {
        f"{figure.outcome.value}{TOLL_MARK}{figure.min}"
        for claim in mention.claims
        for figure in claim.figures
        if figure.min is not None and not figure.part_of_total
    }


def mention_key(mention: Mention) -> str:
    """The mention's stable key, `article_id#index` (as `conflictdb show` prints it)."""
    return f"{mention.article_id}#{mention.index}"


@dataclass(frozen=True, slots=True)
class DocumentFrequencies:
    """In how many of `documents` mention texts each word occurs: the IDF half of TF-IDF. Hand-written, not
    scikit-learn's TfidfVectorizer (which links the same on our corpora): the store keeps these counts in
    term_frequencies, adding a stored mention's words and taking out a replaced one's, and reads only the
    words in play, where a vectoriser refits over every stored mention (tests/test_resolve_store.py)."""

    counts: Mapping[str, int]
    documents: int

    @classmethod
    def of(cls, bags: Iterable[Mapping[str, int]], *, reference_documents: int = 0) -> DocumentFrequencies:
        """Frequencies over a batch of word bags, read as a sample of at least `reference_documents`."""
        bags = list(bags)
        return cls(Counter(chain.from_iterable(bags)), max(len(bags), reference_documents))

    def vector(self, bag: Mapping[str, int]) -> dict[str, float]:
        """The unit-length TF-IDF vector of a word bag."""
        return self.vectors([bag])[0]

    def vectors(self, bags: Iterable[Mapping[str, int]]) -> list[dict[str, float]]:
        """The unit-length TF-IDF vectors of word bags, each word's IDF taken once."""
        n, counts = self.documents, self.counts
        idf: dict[str, float] = {}
        vectors = []
        for bag in bags:
            for w in bag:
                if w not in idf:
                    idf[w] = math.log((1 + n) / (1 + counts.get(w, 0)))
            # a word said once weighs its IDF: (1 + log 1) * weight is that float
            vector = {w: idf[w] if c == 1 else (1 + math.log(c)) * idf[w] for w, c in bag.items()}
            weights = vector.values()
            norm = math.sqrt(sum(map(mul, weights, weights))) or 1.0
            vectors.append({w: v / norm for w, v in vector.items()})
        return vectors


_NAME = re.compile(r"^(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+$")


def named_speakers(mention: Mention) -> frozenset[str]:
    """Speakers named as people ("John Kirby"): the same named source in two reports is a strong link."""
    names = set()
    for claim in mention.claims:
        words = (claim.speaker or "").split()
        tail = " ".join(words[-2:])
        if len(words) >= 2 and _NAME.match(tail):
            names.add(tail.lower())
    return frozenset(names)


def link_class(mention: Mention, lexicon: LinkLexicon) -> str:
    """The coarse class linking compares: a type guessed from words that name no weapon (a bare "strike",
    whatever weapon another sentence gave it) links in the class of its default guess, so two reports that
    both say only "strike" stay in one class though one of them names shelling elsewhere."""
    if mention.type_guessed and lexicon.guessed_class:
        return lexicon.guessed_class
    return lexicon.coarse.get(mention.sub_event_type, "other")


def day_of(mention: Mention) -> dt.date | None:
    """The mention's date when known to the day (`known_day`)."""
    return known_day(mention.date, read=mention.span is not None)


def known_day(date: DateValue, *, read: bool) -> dt.date | None:
    """A date when known to the day: a mention whose text was read (`read`: it has a span) and gave no
    date words is dated by its article's publication day, which says nothing of the day of the event. (A
    mention built with neither span nor date words counts as known.)"""
    if date.precision is not DatePrecision.DAY or (date.text is None and read):
        return None
    return date.value


def incident_id_for(members: Iterable[Mention]) -> str:
    """A stable id from the first mention's article and index."""
    first = min(members, key=lambda m: (m.article_id, m.index))
    digest = hashlib.sha1(f"{first.article_id}#{first.index}".encode()).hexdigest()[:12]
    return f"inc-{digest}"
