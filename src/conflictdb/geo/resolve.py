"""Place resolution: from toponym matches to THE records.Place of an incident.

Each match's candidates are scored by administrative level cues, the article's countries, the parent
named after it ("X district, Helmand"; "Jernamo of Nawa district") and a population prior. The place of
an incident is the most specific name inside its text, else the nearest before it, else the article's
main place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from conflictdb.geo.gazetteer import Gazetteer, GazPlace, PlaceKind
from conflictdb.geo.lexicon import GeoLexicon
from conflictdb.geo.toponyms import ToponymMatch, find_toponyms, tokenize_words
from conflictdb.records import Place

_PARENT_GAP = re.compile(r"^\s*(?:,|of|in|of the|in the|,\s*in|,\s*in the)\s*$", re.IGNORECASE)
_UNKNOWN_SUBPLACE = re.compile(r"\b([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\s+(?:area\s+)?of\s+(?:the\s+)?$")
_GENERIC_TAIL = re.compile(r"\s+(?:district|province|governorate|region|county|city)$", re.IGNORECASE)
_LOOKBACK = 800  # characters before the focus searched for the place
_KIND_PRIOR = {PlaceKind.ADMIN1: 3.0, PlaceKind.ADMIN2: 2.0, PlaceKind.CITY: 1.0, PlaceKind.COUNTRY: 0.5}
_WEAK_CUES = frozenset({"person", "feature"})
_PROMINENT = 100_000  # a town this big may be named in an article about another country


@dataclass(frozen=True, slots=True)
class _Resolved:
    """A match with its chosen candidate and the parent it was read under."""

    match: ToponymMatch
    place: GazPlace
    parent: GazPlace | None


def article_country_context(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon, matches: list[ToponymMatch] | None = None
) -> Counter[str]:
    """Country codes weighted by country names (3), demonyms (2) and one-country place names (1)."""
    context: Counter[str] = Counter()
    for word in tokenize_words(text):
        code = lexicon.demonyms.get(word.key)
        if code:
            context[code] += 2
    for match in matches if matches is not None else find_toponyms(text, gazetteer, lexicon):
        if match.country:
            context[match.country] += 3
        elif not match.fuzzy and match.candidates and not match.cues & _WEAK_CUES:
            countries = {p.country for p in match.candidates if p.kind is not PlaceKind.CITY or p.population}
            if len(countries) == 1:
                context[countries.pop() or ""] += 1
    context.pop("", None)
    return context


def _score(
    place: GazPlace, match: ToponymMatch, context: Counter[str], parent: GazPlace | None, as_parent: bool
) -> float:
    """How likely `place` is what `match` means here."""
    score = _KIND_PRIOR[place.kind]
    if place.kind is PlaceKind.CITY:
        score += math.log10(place.population + 1) / 2
    if match.level is not None:
        score += 5.0 if match.level is place.kind else -1.0
    elif as_parent and place.kind is PlaceKind.ADMIN1:
        score += 3.0
    if "capital" in match.cues and place.kind is PlaceKind.CITY:
        score += 1.0
    total = sum(context.values())
    if total:
        share = context.get(place.country or "", 0) / total
        score += 4.0 * share if share else -3.0
    if parent is not None:
        score += 6.0 if _inside(place, parent) else -4.0
    return score


def _inside(place: GazPlace, parent: GazPlace) -> bool:
    """Whether `place` lies in `parent` (same country and admin1, and admin2 when the parent is one)."""
    if place.country != parent.country:
        return False
    if parent.kind is PlaceKind.COUNTRY:
        return True
    if parent.kind is PlaceKind.ADMIN2:
        return place.admin2_id == parent.id
    return place.admin1_id == parent.admin1_id and place.id != parent.id


def _choose(
    match: ToponymMatch, context: Counter[str], parent: GazPlace | None, *, as_parent: bool = False
) -> GazPlace | None:
    """The best candidate of a match; fuzzy matches only inside the article's countries."""
    candidates = tuple(p for p in match.candidates if _plausible(p, match, context, parent))
    if not candidates:
        return None
    return max(candidates, key=lambda p: _score(p, match, context, parent, as_parent))


def _plausible(place: GazPlace, match: ToponymMatch, context: Counter[str], parent: GazPlace | None) -> bool:
    """Whether a candidate may be meant: in the article's countries, or prominent enough abroad."""
    if parent is not None and _inside(place, parent):
        return True
    if match.fuzzy:
        return place.country in context
    if not context or place.country in context:
        return True
    return place.kind is PlaceKind.COUNTRY or place.population >= _PROMINENT


def _parent_index(text: str, matches: list[ToponymMatch], i: int) -> int | None:
    """Index of the match naming the parent of match i ("X district, Helmand"; "X of Y"), if any."""
    end = matches[i].cue_end
    following = next((j for j in range(i + 1, len(matches)) if matches[j].start >= end), None)
    if following is not None and _PARENT_GAP.match(text[end : matches[following].start]):
        return following
    return None


def _resolve_chain(
    text: str, matches: list[ToponymMatch], i: int, context: Counter[str], depth: int = 0
) -> _Resolved | None:
    """Resolve match i under its parent chain (parents first)."""
    parent_i = _parent_index(text, matches, i) if depth < 3 else None
    parent = _resolve_chain(text, matches, parent_i, context, depth + 1) if parent_i is not None else None
    parent_place = parent.place if parent else None
    place = _choose(matches[i], context, parent_place, as_parent=depth > 0)
    if place is None:
        return parent
    if parent_place is not None and not _inside(place, parent_place):
        return parent
    return _Resolved(matches[i], place, parent_place)


def _usable(match: ToponymMatch) -> bool:
    """A match that may name an incident's place: not a person, feature or country alone."""
    if match.cues & _WEAK_CUES or not match.candidates:
        return False
    if "name_follows" in match.cues:
        return any(p.kind is not PlaceKind.CITY or p.population >= 100_000 for p in match.candidates)
    return match.country is None


def _is_parent(text: str, matches: list[ToponymMatch], i: int) -> bool:
    """Whether match i is the parent named after another match."""
    return any(_parent_index(text, matches, j) == i and _usable(matches[j]) for j in range(max(0, i - 3), i))


def _pick(
    text: str, matches: list[ToponymMatch], indexes: list[int], context: Counter[str], *, located_first: bool
) -> _Resolved | None:
    """The first resolvable, most specific match among `indexes` (after a preposition first, if asked)."""
    located = [i for i in indexes if matches[i].cues & {"locative", "near"}] if located_first else []
    for i in located + [i for i in indexes if i not in located]:
        if _usable(matches[i]) and not _is_parent(text, matches, i):
            resolved = _resolve_chain(text, matches, i, context)
            if resolved is not None:
                return resolved
    return None


def _main_place(text: str, matches: list[ToponymMatch], context: Counter[str]) -> _Resolved | None:
    """The article's most mentioned admin1 (its first mention), for incidents that name no place."""
    resolved = [
        r
        for i in range(len(matches))
        if _usable(matches[i])
        for r in [_resolve_chain(text, matches, i, context)]
        if r
    ]
    if not resolved:
        return None
    counts = Counter(r.place.admin1_id for r in resolved if r.place.admin1_id)
    if not counts:
        return resolved[0]
    top = counts.most_common(1)[0][0]
    return next(r for r in resolved if r.place.admin1_id == top)


def _admin_name(name: str | None) -> str | None:
    """An admin unit's name without a generic tail ("Kandahar District" -> "Kandahar")."""
    return _GENERIC_TAIL.sub("", name) if name else None


def _precision(resolved: _Resolved) -> int:
    """ACLED geo_precision: 1 the town, 2 near it or a district, 3 a province or country."""
    kind = resolved.place.kind
    if kind in (PlaceKind.ADMIN1, PlaceKind.COUNTRY):
        return 3
    if kind is PlaceKind.ADMIN2 or "near" in resolved.match.cues:
        return 2
    return 1


def _build_place(text: str, resolved: _Resolved, gazetteer: Gazetteer) -> Place:
    """The records.Place of a resolved match; a province is coded to its seat (largest town)."""
    place = resolved.place
    name, admin2, lat, lon = (
        _admin_name(place.ascii_name) or place.ascii_name,
        place.admin2,
        place.lat,
        place.lon,
    )
    if place.kind is PlaceKind.ADMIN1:
        seat = gazetteer.seat(place)
        if seat is not None:
            name, admin2, lat, lon = seat.ascii_name, seat.admin2, seat.lat, seat.lon
    precision = _precision(resolved)
    unknown = _UNKNOWN_SUBPLACE.search(text[max(0, resolved.match.start - 40) : resolved.match.start])
    if unknown and place.kind is PlaceKind.ADMIN2 and not gazetteer.candidates(unknown.group(1)):
        name, precision = unknown.group(1), 2  # "in Jernamo of Nawa district": a village we cannot place
    admin1 = place.admin1 or (place.ascii_name if place.kind is PlaceKind.ADMIN1 else None)
    return Place(
        name=name,
        country=place.country,
        admin1=_admin_name(admin1),
        admin2=_admin_name(admin2),
        lat=lat,
        lon=lon,
        precision=precision,
        words=text[resolved.match.start : resolved.match.cue_end],
    )


def resolve_place(
    matches: list[ToponymMatch],
    *,
    text: str,
    focus_start: int,
    focus_end: int,
    context_countries: Counter[str] | None,
    gazetteer: Gazetteer,
    lexicon: GeoLexicon,
) -> Place | None:
    """THE place of an incident told in text[focus_start:focus_end]: inside it, just before it, or main."""
    context = context_countries if context_countries is not None else Counter()
    if not context:
        context = article_country_context(text, gazetteer, lexicon, matches)
    inside = [i for i, m in enumerate(matches) if focus_start <= m.start < focus_end]
    before = [i for i, m in enumerate(matches) if focus_start - _LOOKBACK <= m.start < focus_start][::-1]
    resolved = _pick(text, matches, inside, context, located_first=True)
    resolved = resolved or _pick(text, matches, before, context, located_first=False)
    resolved = resolved or _main_place(text, matches, context)
    if resolved is None:
        countries = [m for m in matches if m.country and focus_start <= m.start < focus_end]
        return _country_place(countries[0], gazetteer) if countries else None
    return _build_place(text, resolved, gazetteer)


def _country_place(match: ToponymMatch, gazetteer: Gazetteer) -> Place:
    """A country-only place (precision 3), coded to its largest town."""
    country = gazetteer.country(match.country or "")
    return Place(
        name=country.ascii_name if country else match.surface,
        country=match.country,
        lat=country.lat if country else None,
        lon=country.lon if country else None,
        precision=3,
        words=match.surface,
    )
