"""Link mentions of the same incident across articles: blocking rules, then TF-IDF similarity.

The rules and the scoring of a pair; resolve.linker is the one driver, for `extract` and `ingest` alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import mul
from pathlib import Path

import numpy

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.records import Article, DatePrecision, DateValue, Mention, Place

_LETTERS = re.compile(r"[A-Za-z]+")  # the words of a mention's date words, a weekday among them
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
    weekdays: Mapping[str, int] = field(default_factory=dict)  # lower-case name -> 0 (Monday)..6


def load_link_lexicon(data_dir: Path = DATA_DIR) -> LinkLexicon:
    """Read data/linking.yaml."""
    raw = load_yaml("linking.yaml", data_dir=data_dir)
    return LinkLexicon(
        max_date_gap_days=int(raw["max_date_gap_days"]),
        max_published_gap_days=int(raw["max_published_gap_days"]),
        min_similarity=float(raw["min_similarity"]),
        other_class_penalty=float(raw["other_class_penalty"]),
        shared_speaker_bonus=float(raw["shared_speaker_bonus"]),
        shared_toll_bonus=float(raw["shared_toll_bonus"]),
        same_day_discount=float(raw["same_day_discount"]),
        same_place_discount=float(raw["same_place_discount"]),
        undated_penalty=float(raw["undated_penalty"]),
        same_weekday_discount=float(raw["same_weekday_discount"]),
        same_weekday_least_toll=int(raw["same_weekday_least_toll"]),
        distant_km=float(raw["distant_km"]),
        distant_place_penalty=float(raw["distant_place_penalty"]),
        places_apart_km=float(raw["places_apart_km"]),
        reference_documents=int(raw["reference_documents"]),
        max_stored_candidates=int(raw["max_stored_candidates"]),
        max_stored_candidates_per_batch=int(raw["max_stored_candidates_per_batch"]),
        toll_match_ratio=float(raw["toll_match_ratio"]),
        coarse=dict(raw["coarse_classes"]),
        families=dict(raw["sub_event_families"]),
        stopwords=frozenset(raw["stopwords"]),
        guessed_class=raw.get("guessed_class"),
        weekdays={
            name.lower(): int(number)
            for number, names in load_yaml("dates.yaml", data_dir=data_dir)["weekdays"].items()
            for name in names
        },
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


def compatible(a: Mention, pa: Article, b: Mention, pb: Article, lexicon: LinkLexicon) -> bool:
    """Could two mentions tell the same incident? Place, type, date and publication date agree."""
    if a.background or b.background:
        return False
    return _compatible(PairTraits.of(a, pa, lexicon), PairTraits.of(b, pb, lexicon), lexicon)


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


def required_similarity(a: Mention, b: Mention, lexicon: LinkLexicon) -> float:
    """How alike two compatible mentions' texts must be: more when their event classes differ or they
    are placed at towns far apart, less when they agree on the day or on a named place below the province,
    or, not both dated to the day, on a weekday and a toll or named speaker."""
    return _required(PairTraits.of(a, None, lexicon), PairTraits.of(b, None, lexicon), lexicon)


@dataclass(frozen=True, slots=True)
class PairTraits:
    """What the pair checks read of one mention, taken once: a batch compares each mention with
    hundreds of others."""

    article_id: str
    country: str | None
    admin1: str | None
    admin2: str | None  # the district it is placed in, unless it is placed at a province only
    family: str  # its sub-event family (linking.yaml sub_event_families)
    day: dt.date | None  # the day it is dated to, if dated to the day
    published: dt.date | None  # its article's publication day
    coarse: str
    town: str | None  # its place's name, when placed at or near a town (precision 1-2)
    small: bool  # ... and that town is no province's namesake
    place: Place | None
    point: tuple[float, float] | None  # (lat, lon) of its place, when located at or near a town
    tolls: frozenset[str] = frozenset()  # toll_terms
    timeless: bool = False  # neither dated to the day nor published on a known day (_timeless_joins)
    kind: str = ""  # its sub-event class: the coarse class, or for a type of none ("other") the type itself
    area_only: bool = False  # placed at a province or a country only: nothing below a province
    evidence: frozenset[str] = frozenset()  # tolls of one or more and named speakers: strong evidence
    weekday: int | None = None  # the weekday of its day, or the one its date words name ("on Friday")

    @classmethod
    def of(
        cls,
        mention: Mention,
        article: Article | None,
        lexicon: LinkLexicon,
        terms: Iterable[str] | None = None,
        speakers: frozenset[str] | None = None,
    ) -> PairTraits:
        """`terms`: the mention's word bag, whose toll terms are read instead of its claims (a mention read
        back from the store keeps its words, not its claims); `speakers`: its named_speakers, when taken."""
        place, day = mention.place, day_of(mention)
        town = place.name if place and place.name and (place.precision or 3) <= 2 else None
        published = article.published if article is not None else None
        tolls = frozenset(toll_terms(mention) if terms is None else (t for t in terms if TOLL_MARK in t))
        coarse = link_class(mention, lexicon)
        speakers = named_speakers(mention) if speakers is None else speakers
        return cls(
            mention.article_id,
            place.country if place else None,
            place.admin1 if place else None,
            _district(place),
            lexicon.families.get(mention.sub_event_type, mention.sub_event_type),
            day,
            published,
            link_class(mention, lexicon),
            town,
            town is not None and place is not None and place.name != place.admin1,
            place,
            _town_point(place),
            tolls,
            day is None and published is None,
            coarse if coarse != "other" else f"other:{mention.sub_event_type}",
            bool(place and place.country) and town is None and _district(place) is None,
            speakers | {t for t in tolls if not t.endswith(f"{TOLL_MARK}0")},
            day.weekday() if day else _told_weekday(mention.date.text, lexicon.weekdays),
        )


def _compatible(a: PairTraits, b: PairTraits, lexicon: LinkLexicon) -> bool:
    """compatible() on taken traits (background mentions left out beforehand): not one article, and
    the same country and province, and days and publication dates close, where both are known; one
    sub-event family; places one of which contains the other or that lie close."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    if a.day and b.day and abs((a.day - b.day).days) > lexicon.max_date_gap_days:
        return False
    return _apart_enough(a, b, lexicon)


def _apart_enough(a: PairTraits, b: PairTraits, lexicon: LinkLexicon) -> bool:
    """_compatible for a pair candidate_pairs gave, which agrees on country, province and day window
    already: not one article, publication dates close where both are known, one sub-event family, and
    places that may be one (_places_meet)."""
    if a.article_id == b.article_id or a.family != b.family or bool(a.country) != bool(b.country):
        return False  # a mention placed in no country links only to another such: else it joins any country
    if (a.day is None or b.day is None) and a.coarse != b.coarse:
        return False  # a report not dated to the day links in its own class only (and see _required)
    if (a.timeless or b.timeless) and not _timeless_joins(a, b, lexicon):
        return False
    gap = abs((a.published - b.published).days) if a.published and b.published else 0
    return gap <= lexicon.max_published_gap_days and _places_meet(a, b, lexicon)


def strong_evidence(a: frozenset[str], b: frozenset[str], ratio: float, *, least: int = 1) -> bool:
    """Whether two reports' evidence (named speakers and toll terms, PairTraits.evidence) meets: a speaker
    both name, or a toll of one outcome in both, of `least` or more, that differs by one at most or by
    `ratio` of the larger (a toll grows as the dead are counted: 28 and 30 killed are one strike's)."""
    return _evidence_meets(_evidence_parts(a, least), _evidence_parts(b, least), ratio)


EvidenceParts = tuple[frozenset[str], dict[str, list[int]]]


def _evidence_parts(terms: frozenset[str], least: int) -> EvidenceParts:
    """A report's evidence as `strong_evidence` weighs it, read once: the terms that meet when both reports
    hold them (speakers, tolls of `least` or more) and those tolls by outcome."""
    counted: set[str] = set()
    tolls: dict[str, list[int]] = defaultdict(list)
    for term in terms:
        outcome, mark, number = term.partition(TOLL_MARK)
        if not mark:
            counted.add(term)
        elif int(number) >= least:
            counted.add(term)
            tolls[outcome].append(int(number))
    return frozenset(counted), tolls


def _evidence_meets(a: EvidenceParts, b: EvidenceParts, ratio: float) -> bool:
    """`strong_evidence` of two reports' evidence parts."""
    (counted_a, tolls_a), (counted_b, tolls_b) = a, b
    if not counted_a.isdisjoint(counted_b):
        return True
    for outcome, numbers in tolls_b.items():
        mine = tolls_a.get(outcome)
        if mine and any(abs(n - m) <= max(1.0, ratio * max(n, m)) for n in numbers for m in mine):
            return True
    return False


def _told_weekday(text: str | None, weekdays: Mapping[str, int]) -> int | None:
    """The weekday date words name ("early on Friday"), if any."""
    for word in _LETTERS.findall(text or ""):
        if (number := weekdays.get(word.lower())) is not None:
            return number
    return None


def _timeless_joins(a: PairTraits, b: PairTraits, lexicon: LinkLexicon) -> bool:
    """Whether a pair of which one report is placed in no time (no day, no publication day: it may be of
    any year) has the strong evidence issue 15 asks of it: both at one town or district, or one of them
    placed only at an area holding the other (its province or country); one sub-event class; and a toll of
    one or more or a named speaker the two share. A report whose words name a weekday ("on Friday", its week
    unknown) and another of that weekday go by the rules of reports placed in time."""
    if a.weekday is not None and a.weekday == b.weekday:
        return True
    if a.kind != b.kind:
        return False
    if not strong_evidence(a.evidence, b.evidence, lexicon.toll_match_ratio):
        return False
    return (
        a.area_only
        or b.area_only
        or bool(a.town and a.town == b.town)
        or bool(a.admin2 and a.admin2 == b.admin2)
    )


def _places_meet(a: PairTraits, b: PairTraits, lexicon: LinkLexicon) -> bool:
    """Whether two places may be where one event happened: two towns (or points near them) no farther apart
    than places_apart_km; else not two different districts. A province, or a district and a town in it,
    contains the other; an unknown district may be any."""
    if a.point is not None and b.point is not None:
        return _km_between(a.point, b.point) <= lexicon.places_apart_km
    return not (a.admin2 and b.admin2 and a.admin2 != b.admin2)


def _district(place: Place | None) -> str | None:
    """The district a place lies in, as linking compares it: none for a place known only to its province
    (ACLED precision 3, coded to the province's capital, whose district says nothing of where it was)."""
    return place.admin2 if place is not None and (place.precision or 3) <= 2 else None


def _required(a: PairTraits, b: PairTraits, lexicon: LinkLexicon) -> float:
    """required_similarity on taken traits."""
    required = lexicon.min_similarity + (0.0 if a.coarse == b.coarse else lexicon.other_class_penalty)
    if a.day and a.day == b.day:
        required -= lexicon.same_day_discount
    else:  # for each not dated to the day: nothing says the two happened on one day, a shared toll must
        required += lexicon.undated_penalty * ((not a.day) + (not b.day))
        if (
            (not a.day or not b.day)
            and a.weekday is not None
            and a.weekday == b.weekday
            and strong_evidence(
                a.evidence, b.evidence, lexicon.toll_match_ratio, least=lexicon.same_weekday_least_toll
            )
        ):
            required -= lexicon.same_weekday_discount  # one weekday and a toll or speaker: as good as one day
    if a.small and a.town == b.town:
        required -= lexicon.same_place_discount
    elif a.point is not None and b.point is not None and _km_between(a.point, b.point) > lexicon.distant_km:
        required += lexicon.distant_place_penalty
    return required


@dataclass(frozen=True, slots=True)
class TraitColumns:
    """The PairTraits of a batch's mentions as columns, one row a mention, so that the checks of
    _apart_enough, _required and with_speaker_bonus run over hundreds of thousands of pairs at once,
    giving the same answers and the same floats (each float made by the same operations in the same order)."""

    article: numpy.ndarray  # an id per article
    published: numpy.ndarray  # the publication day's ordinal (0: unknown)
    coarse: numpy.ndarray  # an id per coarse class
    family: numpy.ndarray  # an id per sub-event family
    district: numpy.ndarray  # an id per district name (-1: none known)
    day: numpy.ndarray  # the day's ordinal (0: not dated to the day)
    town: numpy.ndarray  # an id per town name (-1: no town)
    small: numpy.ndarray  # PairTraits.small
    placed: numpy.ndarray  # placed in a country at least
    point: numpy.ndarray  # an id per (lat, lon) point (-1: none)
    points: list[tuple[float, float]]  # the points by id
    speakers: list[frozenset[str]]  # named_speakers, by row
    tolls: list[frozenset[str]]  # toll_terms, by row
    timeless: numpy.ndarray  # PairTraits.timeless
    kind: numpy.ndarray  # an id per sub-event class (PairTraits.kind)
    area_only: numpy.ndarray  # PairTraits.area_only
    evidence: list[frozenset[str]]  # PairTraits.evidence, by row
    evidence_id: numpy.ndarray  # an id per distinct PairTraits.evidence (-1: none)
    evidence_sets: list[frozenset[str]]  # the evidence by id
    weekday: numpy.ndarray  # PairTraits.weekday (-1: none)

    @classmethod
    def of(cls, traits: list[PairTraits], speakers: list[frozenset[str]]) -> TraitColumns:
        ids: dict[object, dict[object, int]] = defaultdict(dict)

        def column(name: str, values: Iterable[object]) -> numpy.ndarray:
            table = ids[name]
            return numpy.array(
                [-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=numpy.intp
            )

        point = column("point", (t.point for t in traits))
        return cls(
            article=column("article", (t.article_id for t in traits)),
            published=numpy.array(
                [t.published.toordinal() if t.published else 0 for t in traits], dtype=numpy.intp
            ),
            coarse=column("coarse", (t.coarse for t in traits)),
            family=column("family", (t.family for t in traits)),
            district=column("district", (t.admin2 for t in traits)),
            day=numpy.array([t.day.toordinal() if t.day else 0 for t in traits], dtype=numpy.intp),
            town=column("town", (t.town for t in traits)),
            small=numpy.array([t.small for t in traits], dtype=bool),
            placed=numpy.array([bool(t.country) for t in traits], dtype=bool),
            point=point,
            points=list(ids["point"]),
            speakers=speakers,
            tolls=[t.tolls for t in traits],
            timeless=numpy.array([t.timeless for t in traits], dtype=bool),
            kind=column("kind", (t.kind for t in traits)),
            area_only=numpy.array([t.area_only for t in traits], dtype=bool),
            evidence=[t.evidence for t in traits],
            evidence_id=column("evidence", (t.evidence or None for t in traits)),
            evidence_sets=list(ids["evidence"]),
            weekday=numpy.array([-1 if t.weekday is None else t.weekday for t in traits], dtype=numpy.intp),
        )

    def apart_enough(self, a: numpy.ndarray, b: numpy.ndarray, lexicon: LinkLexicon) -> numpy.ndarray:
        """_apart_enough of the pairs (a[k], b[k])."""
        known = (self.published[a] > 0) & (self.published[b] > 0)
        gap = numpy.where(known, numpy.abs(self.published[a] - self.published[b]), 0)
        apart = (self.article[a] != self.article[b]) & (gap <= lexicon.max_published_gap_days)
        apart &= (self.family[a] == self.family[b]) & (self.placed[a] == self.placed[b])
        district_a, district_b = self.district[a], self.district[b]
        undated = (self.day[a] == 0) | (self.day[b] == 0)
        apart &= ~undated | (self.coarse[a] == self.coarse[b])
        located = (self.point[a] >= 0) & (self.point[b] >= 0)
        two_districts = ~located & (district_a >= 0) & (district_b >= 0) & (district_a != district_b)
        apart &= ~two_districts
        timeless = apart & (self.timeless[a] | self.timeless[b])
        if timeless.any():
            apart[timeless] = self._timeless_joins(a[timeless], b[timeless], lexicon.toll_match_ratio)
        near = self._within(a, b, located & apart, lexicon.places_apart_km)
        return apart & (~located | near)

    def _timeless_joins(self, a: numpy.ndarray, b: numpy.ndarray, ratio: float) -> numpy.ndarray:
        """_timeless_joins of the pairs (a[k], b[k])."""
        town, district = self.town, self.district
        joins = (self.kind[a] == self.kind[b]) & (
            self.area_only[a]
            | self.area_only[b]
            | ((town[a] >= 0) & (town[a] == town[b]))
            | ((district[a] >= 0) & (district[a] == district[b]))
        )
        shared = self.evidence_meets(a, b, joins, ratio)
        weekday = (self.weekday[a] >= 0) & (self.weekday[a] == self.weekday[b])
        return weekday | (joins & shared)

    def evidence_meets(
        self, a: numpy.ndarray, b: numpy.ndarray, chosen: numpy.ndarray, ratio: float, *, least: int = 1
    ) -> numpy.ndarray:
        """strong_evidence of the chosen pairs (False for the others), weighed once per two distinct sets of
        evidence: a long list of reports against a store repeats the same tolls and speakers many times."""
        met = numpy.zeros(len(a), dtype=bool)
        rows = numpy.flatnonzero(chosen & (self.evidence_id[a] >= 0) & (self.evidence_id[b] >= 0))
        if not len(rows):
            return met
        width = len(self.evidence_sets)
        pair_ids = self.evidence_id[a[rows]].astype(numpy.int64) * width + self.evidence_id[b[rows]]
        unique, where = numpy.unique(pair_ids, return_inverse=True)
        sets, parts = self.evidence_sets, {}
        for i in numpy.unique(numpy.concatenate([unique // width, unique % width])).tolist():
            parts[i] = _evidence_parts(sets[i], least)  # each set read once, however many pairs it is in
        weighed = numpy.array(
            [_evidence_meets(parts[i // width], parts[i % width], ratio) for i in unique.tolist()], dtype=bool
        )
        met[rows] = weighed[where.reshape(-1)]
        return met

    def _within(self, a: numpy.ndarray, b: numpy.ndarray, chosen: numpy.ndarray, km: float) -> numpy.ndarray:
        """Whether the points of the chosen pairs (both located) lie at most `km` apart."""
        within = numpy.zeros(len(a), dtype=bool)
        measured: dict[tuple[int, int], bool] = {}  # towns repeat: each pair of points measured once
        rows = numpy.flatnonzero(chosen)
        for k, p, q in zip(
            rows.tolist(), self.point[a[rows]].tolist(), self.point[b[rows]].tolist(), strict=True
        ):
            if (p, q) not in measured:
                measured[(p, q)] = _km_between(self.points[p], self.points[q]) <= km
            within[k] = measured[(p, q)]
        return within

    def required(self, a: numpy.ndarray, b: numpy.ndarray, lexicon: LinkLexicon) -> numpy.ndarray:
        """_required of the pairs (a[k], b[k])."""
        required = lexicon.min_similarity + numpy.where(
            self.coarse[a] == self.coarse[b], 0.0, lexicon.other_class_penalty
        )
        day_a, day_b = self.day[a], self.day[b]
        same_day = (day_a > 0) & (day_a == day_b)
        undated = (day_a == 0).astype(int) + (day_b == 0)
        required = numpy.where(same_day, required - lexicon.same_day_discount, required)
        required = numpy.where(undated > 0, required + lexicon.undated_penalty * undated, required)
        weekday = self.weekday[a]
        same_weekday = (undated > 0) & (weekday >= 0) & (weekday == self.weekday[b])
        same_weekday = self.evidence_meets(
            a, b, same_weekday, lexicon.toll_match_ratio, least=lexicon.same_weekday_least_toll
        )
        required = numpy.where(same_weekday, required - lexicon.same_weekday_discount, required)
        same_town = self.small[a] & (self.town[a] == self.town[b])
        located = ~same_town & (self.point[a] >= 0) & (self.point[b] >= 0)
        far = numpy.zeros(len(a), dtype=bool)
        km: dict[tuple[int, int], bool] = {}  # towns repeat: each pair of points measured once
        for k, (p, q) in zip(
            numpy.flatnonzero(located).tolist(),
            zip(self.point[a][located].tolist(), self.point[b][located].tolist(), strict=True),
            strict=True,
        ):
            if (p, q) not in km:
                km[(p, q)] = _km_between(self.points[p], self.points[q]) > lexicon.distant_km
            far[k] = km[(p, q)]
        required = numpy.where(same_town, required - lexicon.same_place_discount, required)
        return numpy.where(far, required + lexicon.distant_place_penalty, required)

    def with_speaker_bonus(
        self, cosines: numpy.ndarray, a: numpy.ndarray, b: numpy.ndarray, lexicon: LinkLexicon
    ) -> numpy.ndarray:
        """with_speaker_bonus of the pairs' cosines, plus shared_toll_bonus where the two share a toll term
        (as similarity() adds it)."""
        cosines = numpy.where(
            self._share(self.speakers, a, b), cosines + lexicon.shared_speaker_bonus, cosines
        )
        return numpy.where(self._share(self.tolls, a, b), cosines + lexicon.shared_toll_bonus, cosines)

    @staticmethod
    def _share(sets: list[frozenset[str]], a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
        """Whether the sets of rows a[k] and b[k] meet."""
        held = numpy.array([bool(s) for s in sets], dtype=bool)
        both = numpy.flatnonzero(held[a] & held[b])
        shared = numpy.zeros(len(a), dtype=bool)
        shared[both] = [
            bool(sets[i] & sets[j]) for i, j in zip(a[both].tolist(), b[both].tolist(), strict=True)
        ]
        return shared


def _town_point(place: Place | None) -> tuple[float, float] | None:
    """(lat, lon) of a place located at or near a town (ACLED precision 1-2), else None."""
    if not place or place.lat is None or place.lon is None or (place.precision or 3) > 2:
        return None
    return (place.lat, place.lon)


def _km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit-length sparse vectors, summed in the smaller vector's word order (a set's
    order follows the process's hash seed, and float sums in another order can flip a near tie).

    A word the other vector lacks adds a zero, which leaves any float sum as it was: the sum of the
    shared words' products, taken at C speed (linking compares hundreds of thousands of pairs).
    """
    if len(b) < len(a):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def pair_cosines(vectors: list[dict[str, float]], pairs: list[tuple[int, int]]) -> list[float]:
    """_cosine of each pair of vectors, the same floats, computed for all pairs at once (a batch of news on
    the same days compares hundreds of thousands): see cosines_of_pairs."""
    if not pairs:
        return []
    first, second = numpy.array(pairs, dtype=numpy.intp).T
    return cosines_of_pairs(vectors, first, second).tolist()


def cosines_of_pairs(
    vectors: list[dict[str, float]], first: numpy.ndarray, second: numpy.ndarray
) -> numpy.ndarray:
    """pair_cosines of the pairs (first[k], second[k]): each pair's products are taken in the smaller
    vector's word order and summed position by position, as _cosine's sum adds them; a word no other
    vector has, or that the other lacks, adds a zero there too."""
    if not len(first):
        return numpy.zeros(0)
    counts = Counter(chain.from_iterable(vectors))
    column = {w: k for k, w in enumerate(w for w, n in counts.items() if n > 1)}  # words two vectors share
    rows = [[(k, x) for w, x in v.items() if (k := column.get(w)) is not None] for v in vectors]
    width = max(1, max(map(len, rows)))
    ids, values = numpy.zeros((len(rows), width), dtype=numpy.intp), numpy.zeros((len(rows), width))
    for r, row in enumerate(rows):
        if row:
            ids[r, : len(row)], values[r, : len(row)] = zip(*row, strict=True)
    sizes, lengths = numpy.array([len(v) for v in vectors]), numpy.array([len(row) for row in rows])
    swap = sizes[second] < sizes[first]
    small, large = numpy.where(swap, second, first), numpy.where(swap, first, second)
    order = numpy.argsort(large, kind="stable")
    bounds = numpy.searchsorted(large[order], numpy.arange(0, len(rows) + _DENSE_ROWS, _DENSE_ROWS))
    cosines = numpy.zeros(len(first))
    for block, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:], strict=False)):
        if lo == hi:
            continue
        top = block * _DENSE_ROWS
        dense = numpy.zeros((min(_DENSE_ROWS, len(rows) - top), max(1, len(column))))
        for r, row in enumerate(rows[top : top + len(dense)]):
            if row:
                dense[r, ids[top + r, : len(row)]] = values[top + r, : len(row)]
        chosen = order[lo:hi]
        chosen = chosen[numpy.argsort(lengths[small[chosen]], kind="stable")]  # short rows together
        for start in range(0, len(chosen), _PAIRS):
            part = chosen[start : start + _PAIRS]
            a, wide = small[part], max(1, int(lengths[small[part[-1]]]))
            others = dense.take((large[part] - top)[:, None] * dense.shape[1] + ids[a, :wide])
            products = (values[a, :wide] * others).T  # a row per word position
            total = products[0].copy()
            for position in products[1:]:  # left to right, as sum() adds
                total += position
            cosines[part] = total

    return cosines


_DENSE_ROWS = 256  # vectors held as dense rows at a time by pair_cosines
_PAIRS = 4096  # pairs it multiplies at a time


def similarity(
    vectors: tuple[dict[str, float], dict[str, float]],
    speakers: tuple[frozenset[str], frozenset[str]],
    lexicon: LinkLexicon,
) -> float:
    """How alike two mentions' texts are: TF-IDF cosine, plus a bonus for a shared named speaker and one for
    a shared toll (a toll term, "killed=12", in both vectors: mention_words puts them there)."""
    alike = with_speaker_bonus(_cosine(*vectors), speakers, lexicon)
    shorter, longer = sorted(vectors, key=len)
    if any("=" in word and word in longer for word in shorter):
        alike += lexicon.shared_toll_bonus
    return alike


def with_speaker_bonus(
    cosine: float, speakers: tuple[frozenset[str], frozenset[str]], lexicon: LinkLexicon
) -> float:
    """similarity() from the cosine of the pair's vectors (pair_cosines takes a batch's all at once)."""
    return cosine + lexicon.shared_speaker_bonus if speakers[0] & speakers[1] else cosine


def _tfidf(
    bags: list[Counter], frequencies: DocumentFrequencies | None = None, *, reference_documents: int = 0
) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of word bags (frequencies over the bags themselves unless given)."""
    frequencies = frequencies or DocumentFrequencies.of(bags, reference_documents=reference_documents)
    return frequencies.vectors(bags)


def candidate_pairs(mentions: list[Mention], max_days: int) -> Iterator[tuple[int, int]]:
    """Pairs worth comparing, blocked as an analyst would: the same country and admin1 (or one of them
    unknown), and, when both are dated to the day, within the date window."""
    blocks: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        place = m.place
        blocks[(place.country if place else None, place.admin1 if place else None)].append(i)
    keys = list(blocks)
    for x, kx in enumerate(keys):
        for ky in keys[x:]:
            if not _blocks_meet(kx, ky):
                continue
            yield from _pairs_in_window(blocks[kx], blocks[ky] if ky != kx else None, mentions, max_days)


def _blocks_meet(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    if a[0] and b[0] and a[0] != b[0]:
        return False
    return not (a[1] and b[1] and a[1] != b[1])


def _pairs_in_window(
    left: list[int], right: list[int] | None, mentions: list[Mention], max_days: int
) -> Iterator[tuple[int, int]]:
    """Pairs within one block (right is None) or across two (DayIndex.pairs); dated pairs only inside
    the window."""
    if right is not None:
        yield from DayIndex.of(right, mentions).pairs(left, mentions, max_days)
        return
    tagged = [(day_of(mentions[i]), i) for i in left]
    undated = [t for t in tagged if t[0] is None]
    dated = sorted((t for t in tagged if t[0] is not None), key=lambda t: t[0])
    start = 0
    for k, (day, i) in enumerate(dated):
        while (day - dated[start][0]).days > max_days:
            start += 1
        for _other_day, j in dated[start:k]:
            yield (i, j) if i < j else (j, i)
    for _day, i in undated:
        for other_day, j in tagged:
            if j != i and (other_day is not None or i < j):
                yield (i, j) if i < j else (j, i)


@dataclass(frozen=True, slots=True)
class DayIndex:
    """The mentions of one side of a block pair, by day: a mention of the other side finds its partners in
    the window by bisection, so pairing a few new mentions with thousands of held ones costs what the
    pairs cost, not the held mentions squared."""

    ordinals: list[int]  # the days of the dated mentions, sorted (ordinals)
    dated: list[int]  # their positions, in that order
    undated: list[int]  # positions of mentions not dated to the day, in the order given

    @classmethod
    def of(cls, positions: Iterable[int], mentions: list[Mention]) -> DayIndex:
        tagged = [(day_of(mentions[i]), i) for i in positions]
        dated = sorted(((d.toordinal(), i) for d, i in tagged if d is not None), key=lambda t: t[0])
        return cls([d for d, _ in dated], [i for _, i in dated], [i for d, i in tagged if d is None])

    def pairs(self, left: Iterable[int], mentions: list[Mention], max_days: int) -> Iterator[tuple[int, int]]:
        """Each mention of `left` with each of this side in its window (every one, when either is not dated
        to the day), as (smaller, larger) positions."""
        everyone = None
        for i in left:
            day = day_of(mentions[i])
            if day is None:
                everyone = everyone if everyone is not None else [*self.dated, *self.undated]
                others: Iterable[int] = everyone
            else:
                lo = bisect_left(self.ordinals, day.toordinal() - max_days)
                hi = bisect_right(self.ordinals, day.toordinal() + max_days)
                others = chain(self.dated[lo:hi], self.undated)
            for j in others:
                yield (i, j) if i < j else (j, i)


def _day_range(
    a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None
) -> tuple[dt.date, dt.date] | None:
    """The first and last day of two (first, last) ranges, either maybe None."""
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def incident_id_for(members: Iterable[Mention]) -> str:
    """A stable id from the first mention's article and index."""
    first = min(members, key=lambda m: (m.article_id, m.index))
    digest = hashlib.sha1(f"{first.article_id}#{first.index}".encode()).hexdigest()[:12]
    return f"inc-{digest}"
