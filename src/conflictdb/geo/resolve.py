"""Place resolution: from toponym matches to THE records.Place of an incident.

Each match's candidates are scored (geo.scoring) by administrative level cues, the article's countries
(geo.context), the parent named after it ("X district, Helmand") and a population prior. The place of
an incident is the most specific name inside its text, else one told where the sentences before it that
tell it place it, else the nearest before it, else a place its text names in another role (an end of a
journey: "travelling to X", never chosen before the others), else one in the sentences after it that
tell it, else the article's main place.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from conflictdb.geo.context import article_country_context, prepare_matches
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.lexicon import GeoLexicon, PlaceScoring
from conflictdb.geo.scoring import (
    NO_ANCHORS,
    WEAK_CUES,
    Anchors,
    Resolved,
    anchors_of,
    choose,
    lies_in,
    parent_index,
    possessive_of,
    resolve_chain,
)
from conflictdb.records import Place
from conflictdb.records.places import GazPlace, PlaceKind, ToponymMatch

_LOCATED = frozenset({"locative", "near"})  # told as where something is: "in X", "near X"


def _usable(match: ToponymMatch, scoring: PlaceScoring) -> bool:
    """A match that may name an incident's place: not a person, feature or country alone."""
    if match.cues & WEAK_CUES or not match.candidates or match.country is not None:
        return False
    if "name_follows" in match.cues:  # "Somalia's Western-backed government" is no place either
        return any(
            p.kind is not PlaceKind.CITY or p.population >= scoring.prominent_population
            for p in match.candidates
        )
    return True


def _is_parent(text: str, matches: list[ToponymMatch], i: int, scoring: PlaceScoring) -> bool:
    """Whether match i is the parent named after another match."""
    if possessive_of(text, matches, i) and _usable(matches[i + 1], scoring):
        return True
    return any(
        parent_index(text, matches, j, scoring) == i and _usable(matches[j], scoring)
        for j in range(max(0, i - 3), i)
    )


def _pick(
    text: str,
    matches: list[ToponymMatch],
    indexes: list[int],
    context: Counter[str],
    scoring: PlaceScoring,
    *,
    located_first: bool,
    anchors: Anchors = NO_ANCHORS,
    roles: bool = False,
) -> Resolved | None:
    """The first resolvable, most specific match among `indexes` (after a preposition first, if asked);
    only among the places named in another role ("travelling to X") if `roles`, else never them."""
    for i in _pick_order(text, matches, indexes, scoring, located_first=located_first):
        if ("role" in matches[i].cues) is not roles:
            continue
        if _usable(matches[i], scoring) and not _is_parent(text, matches, i, scoring):
            resolved = resolve_chain(text, matches, i, context, scoring, anchors=anchors)
            if resolved is not None:
                return resolved
    return None


def _pick_order(
    text: str, matches: list[ToponymMatch], indexes: list[int], scoring: PlaceScoring, *, located_first: bool
) -> Iterator[int]:
    """`indexes` in the order `_pick` tries them: those told as located (`located_first`), each by its
    `_stand_in`, then the others not among those; made as they are tried (the first usable one ends it)."""
    located: set[int] = set()
    if located_first:
        for i in indexes:
            if matches[i].cues & _LOCATED:
                stand_in = _stand_in(text, matches, i, scoring)
                located.add(stand_in)
                yield stand_in
    for i in indexes:
        if i not in located:
            yield i


def _stand_in(text: str, matches: list[ToponymMatch], i: int, scoring: PlaceScoring) -> int:
    """Match i, or the unit named with it when it is a town we cannot place ("in the town of Kolofata in
    Cameroon's Far North region": the region)."""
    if matches[i].candidates or matches[i].cues & WEAK_CUES:
        return i
    parent = parent_index(text, matches, i, scoring)
    return i if parent is None else parent


def _main_place(
    text: str,
    matches: list[ToponymMatch],
    context: Counter[str],
    skip: frozenset[int],
    scoring: PlaceScoring,
    anchors: Anchors = NO_ANCHORS,
) -> Resolved | None:
    """The article's most mentioned admin1 (its first mention), for incidents that name no place."""
    resolved = [
        r
        for i in range(len(matches))
        if i not in skip and _usable(matches[i], scoring)
        for r in [resolve_chain(text, matches, i, context, scoring, anchors=anchors)]
        if r
    ]
    if not resolved:
        return None
    counts = Counter(r.place.admin1_id for r in resolved if r.place.admin1_id)
    if not counts:
        return resolved[0]
    top = counts.most_common(1)[0][0]
    return next(r for r in resolved if r.place.admin1_id == top)


def _precision(resolved: Resolved) -> int:
    """ACLED geo_precision: 1 the town, 2 near it, a part of it or a district, 3 a province or country."""
    kind = resolved.place.kind
    if kind in (PlaceKind.ADMIN1, PlaceKind.COUNTRY):
        return 3
    if (
        kind is PlaceKind.ADMIN2
        or resolved.match.cues & {"near", "container", "feature", "role"}
        or resolved.within is not None
    ):
        return 2
    return 1


def _build_place(text: str, resolved: Resolved, gazetteer: Gazetteer, scoring: PlaceScoring) -> Place:
    """The records.Place of a resolved match; a province is coded to its seat (largest town)."""
    place, spoken = resolved.place, gazetteer.rules.bare.spoken
    name, admin2, lat, lon = (
        spoken(place.ascii_name) or place.ascii_name,
        place.admin2,
        place.lat,
        place.lon,
    )
    if place.kind is PlaceKind.ADMIN1:
        seat = gazetteer.seat(place)
        if seat is not None:
            name, admin2, lat, lon = seat.ascii_name, seat.admin2, seat.lat, seat.lon
    precision = _precision(resolved)
    reach = max(0, resolved.match.start - scoring.subplace_reach)
    unknown = scoring.unknown_subplace.search(text[reach : resolved.match.start])
    if unknown and place.kind is PlaceKind.ADMIN2 and not gazetteer.candidates(unknown.group(1)):
        name, precision = unknown.group(1), 2  # "in Jernamo of Nawa district": a village we cannot place
    words_end = resolved.within or resolved.match.cue_end
    admin1 = place.admin1 or (place.ascii_name if place.kind is PlaceKind.ADMIN1 else None)
    return Place(
        name=name,
        country=place.country,
        admin1=spoken(admin1),
        admin2=spoken(admin2),
        lat=lat,
        lon=lon,
        precision=precision,
        words=text[resolved.match.start : words_end],
    )


@dataclass
class PlaceIndex:
    """An article's prepared matches as `resolve_place` reads them for each incident the article tells: by
    position, with its datelines, anchors and main place taken once. Resolving an article's incidents then
    costs the matches near each incident, not every match of the article once per incident (a long list
    of short reports names hundreds of places and tells hundreds of incidents)."""

    matches: list[ToponymMatch]
    text: str
    context: Counter[str]
    scoring: PlaceScoring
    filed: frozenset[int]  # the matches of a dateline
    anchors: Anchors
    starts: list[int]  # the matches' starts, in position order
    order: list[int]  # the matches' indexes, in position order

    @classmethod
    def of(
        cls, matches: list[ToponymMatch], *, text: str, context: Counter[str], scoring: PlaceScoring
    ) -> PlaceIndex:
        """The index of matches prepared with this context (`prepare_matches`, `prepare_article`)."""
        order = sorted(range(len(matches)), key=lambda i: matches[i].start)
        return cls(
            matches,
            text,
            context,
            scoring,
            frozenset(i for i, m in enumerate(matches) if "dateline" in m.cues),
            anchors_of(matches, context, scoring) if scoring.weighs_anchors else NO_ANCHORS,
            [matches[i].start for i in order],
            order,
        )

    def starting(self, start: int, end: int) -> list[int]:
        """Indexes of the matches (no dateline) that start in [start, end), in index order."""
        found = self.order[bisect_left(self.starts, start) : bisect_left(self.starts, end)]
        return sorted(i for i in found if i not in self.filed)

    @property
    def key(self) -> tuple[list[ToponymMatch], str, Counter[str]]:
        """What the index was built of: a caller's index is used only for these very objects."""
        return (self.matches, self.text, self.context)

    @cached_property
    def main_place(self) -> Resolved | None:
        """_main_place of the article, found once."""
        return _main_place(self.text, self.matches, self.context, self.filed, self.scoring, self.anchors)


def resolve_place(
    matches: list[ToponymMatch],
    *,
    text: str,
    focus_start: int,
    focus_end: int,
    context_countries: Counter[str] | None,
    gazetteer: Gazetteer,
    lexicon: GeoLexicon,
    prepared: bool = False,
    told: tuple[tuple[int, int], ...] = (),
    index: PlaceIndex | None = None,
) -> Place | None:
    """THE place of an incident told in text[focus_start:focus_end]: inside it, just before it, in the
    other sentences that tell it (`told`: their spans), or the article's main place.

    `prepared`: the matches come from `prepare_matches` with this context already; `index`: their
    PlaceIndex (an article resolving several incidents builds it once)."""
    scoring = lexicon.scoring
    context = context_countries if context_countries is not None else Counter()
    if not prepared:
        context = context or article_country_context(text, gazetteer, lexicon, matches)
        matches = prepare_matches(matches, text=text, context=context, gazetteer=gazetteer, lexicon=lexicon)
    if index is None or any(a is not b for a, b in zip(index.key, (matches, text, context), strict=True)):
        index = PlaceIndex.of(matches, text=text, context=context, scoring=scoring)
    filed, anchors = index.filed, index.anchors
    inside = index.starting(focus_start, focus_end)
    before = index.starting(focus_start - scoring.lookback, focus_start)[::-1]
    resolved = _pick(text, matches, inside, context, scoring, located_first=True, anchors=anchors)
    own = _told_in(index, told) if resolved is None else []
    if resolved is None and own:  # told where in the sentences before that tell it: "On 4 May, in X, ..."
        earlier = [i for i in own if matches[i].start < focus_start and matches[i].cues & _LOCATED]
        resolved = _pick(text, matches, earlier, context, scoring, located_first=True, anchors=anchors)
    resolved = resolved or _pick(
        text, matches, before, context, scoring, located_first=False, anchors=anchors
    )
    if resolved is None:  # "traveling from X to Y when they were attacked": near an end of the journey
        resolved = _pick(text, matches, inside, context, scoring, located_first=False, roles=True)
    if resolved is None and own:  # and after: "The attack on X ..."
        later = [i for i in own if matches[i].start >= focus_end]
        resolved = _pick(text, matches, later, context, scoring, located_first=True, anchors=anchors)
    main = None if resolved else index.main_place
    if filed and not _names_unknown_place(matches, inside, context, scoring):
        dateline = _pick(text, matches, sorted(filed), context, scoring, located_first=False, anchors=anchors)
        if dateline is not None and resolved is not None and _refines(dateline.place, resolved.place):
            resolved = dateline  # "RAFAH, Gaza Strip (AP) - ... in the Rafah governorate"
        elif dateline is not None and not resolved and (main is None or _agrees(dateline.place, main.place)):
            main = dateline  # "MOGADISHU -" over the Hodan district named later
    resolved = resolved or main or _named_after(text, matches, inside + before, context, scoring)
    if resolved is None:
        return _country_fallback(matches, inside, context, gazetteer)
    return _build_place(text, resolved, gazetteer, scoring)


def _told_in(index: PlaceIndex, told: tuple[tuple[int, int], ...]) -> list[int]:
    """Indexes of the matches inside the spans `told` (not a dateline's), in index order."""
    return sorted({i for start, end in told for i in index.starting(start, end)})


def _named_after(
    text: str, matches: list[ToponymMatch], indexes: list[int], context: Counter[str], scoring: PlaceScoring
) -> Resolved | None:
    """When no place is told, the first place that a road, a school or its residents are named after
    ("Hundreds of Qarvon residents marched"): near it, better than the country alone."""
    for i in indexes:
        match = matches[i]
        if "feature" in match.cues and not match.cues & {"person", "credit"} and match.country is None:
            resolved = resolve_chain(text, matches, i, context, scoring)
            if resolved is not None:
                return resolved
    return None


def _names_unknown_place(
    matches: list[ToponymMatch], indexes: list[int], context: Counter[str], scoring: PlaceScoring
) -> bool:
    """Whether the focus places the event at a name we cannot resolve ("in the town of Kolofata"): then
    the dateline, where the reporter filed from, is not where it happened."""
    return any(
        matches[i].cues & {"locative", "near"}
        and not matches[i].cues & WEAK_CUES
        and matches[i].country is None
        and choose(matches[i], context, None, scoring) is None
        for i in indexes
    )


def _refines(place: GazPlace, unit: GazPlace) -> bool:
    """Whether `place` is a town inside the admin unit `unit`."""
    return (
        unit.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2)
        and place.kind is PlaceKind.CITY
        and lies_in(place, unit)
    )


def _agrees(place: GazPlace, main: GazPlace) -> bool:
    """Whether the dateline's place lies in the admin1 of the article's main place."""
    return place.admin1_id is not None and place.admin1_id == main.admin1_id


def _country_fallback(
    matches: list[ToponymMatch], inside: list[int], context: Counter[str], gazetteer: Gazetteer
) -> Place | None:
    """The country named where the incident is told, else the article's main country (precision 3)."""
    named = [matches[i] for i in inside if matches[i].country or matches[i].said_country]
    if named:
        code = named[0].country or named[0].said_country or ""
        return country_place(code, named[0].surface if named[0].country else None, gazetteer)
    if context:
        code = context.most_common(1)[0][0]
        return country_place(code, None, gazetteer)
    return None


def country_place(code: str, words: str | None, gazetteer: Gazetteer) -> Place:
    """A country-only place (precision 3), coded to its largest town."""
    country = gazetteer.country(code)
    return Place(
        name=country.ascii_name if country else (words or code),
        country=code,
        lat=country.lat if country else None,
        lon=country.lon if country else None,
        precision=3,
        words=words,
    )
