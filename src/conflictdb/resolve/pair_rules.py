"""The pair rules of linking, one pair at a time: may two mentions tell one incident, and how alike must
their texts be (resolve.pair_columns gives the same answers for a batch of pairs at once)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from conflictdb.records import Article, Mention, Place
from conflictdb.resolve.link import TOLL_MARK, LinkLexicon, day_of, link_class, named_speakers, toll_terms

_LETTERS = re.compile(r"[A-Za-z]+")  # the words of a mention's date words, a weekday among them


def compatible(a: Mention, pa: Article, b: Mention, pb: Article, lexicon: LinkLexicon) -> bool:
    """Could two mentions tell the same incident? Place, type, date and publication date agree."""
    if a.background or b.background:
        return False
    return _compatible(PairTraits.of(a, pa, lexicon), PairTraits.of(b, pb, lexicon), lexicon)


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
    return evidence_meets(evidence_parts(a, least), evidence_parts(b, least), ratio)


EvidenceParts = tuple[frozenset[str], dict[str, list[int]]]


def evidence_parts(terms: frozenset[str], least: int) -> EvidenceParts:
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


def evidence_meets(a: EvidenceParts, b: EvidenceParts, ratio: float) -> bool:
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
        return km_between(a.point, b.point) <= lexicon.places_apart_km
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
    elif a.point is not None and b.point is not None and km_between(a.point, b.point) > lexicon.distant_km:
        required += lexicon.distant_place_penalty
    return required


def _town_point(place: Place | None) -> tuple[float, float] | None:
    """(lat, lon) of a place located at or near a town (ACLED precision 1-2), else None."""
    if not place or place.lat is None or place.lon is None or (place.precision or 3) > 2:
        return None
    return (place.lat, place.lon)


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))
