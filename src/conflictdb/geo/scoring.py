"""Scoring a name's gazetteer candidates: each candidate's score is the sum of its features' weights
(geo_scoring.yaml), read under the parent named after it ("X district, Helmand"; "Jernamo of Nawa
district") and the article's countries.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from conflictdb.geo.lexicon import PlaceScoring
from conflictdb.geo.names import normalize_name
from conflictdb.records import quick_init
from conflictdb.records.places import GazPlace, PlaceKind, ToponymMatch

_UNIT_KINDS = (PlaceKind.ADMIN1, PlaceKind.ADMIN2)
# a name in these roles is no place of an incident ("word": a common English word, geo.context)
WEAK_CUES = frozenset({"person", "feature", "credit", "word"})


@quick_init
@dataclass(frozen=True, slots=True)
class Anchors:
    """What the article's other names fix for certain: the admin units it names without doubt, the towns
    it names without doubt, and the province of the first place told as where something happened."""

    units: frozenset[tuple[int, str]] = frozenset()  # (unit id, the name it was told by)
    towns: tuple[tuple[GazPlace, str], ...] = ()
    first_admin1: int | None = None


NO_ANCHORS = Anchors()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A match with its chosen candidate and the parent it was read under."""

    match: ToponymMatch
    place: GazPlace
    parent: GazPlace | None
    within: int | None = None  # end of the parent city's name when the match is a part of that city


def _score(
    place: GazPlace,
    match: ToponymMatch,
    context: Counter[str],
    parent: GazPlace | None,
    as_parent: bool,
    scoring: PlaceScoring,
    anchors: Anchors = NO_ANCHORS,
    held: tuple[GazPlace, ...] = (),
) -> float:
    """How likely `place` is what `match` means here: the sum of its features' weights. `held`: the
    readings of the name it is named after ("Y" in "X, Y"), when it is read as their parent."""
    score = scoring.kind_prior[place.kind]
    if place.kind is PlaceKind.CITY:
        score += math.log10(place.population + 1) * scoring.population_per_decade
    if match.level is not None:
        score += scoring.level_word_agrees if match.level is place.kind else scoring.level_word_differs
    elif (as_parent or "container" in match.cues) and place.kind is PlaceKind.ADMIN1:
        score += scoring.admin1_as_parent
    if "capital" in match.cues and place.kind is PlaceKind.CITY:
        score += scoring.capital_cue
    total = sum(context.values())
    if total:
        share = context.get(place.country or "", 0) / total
        score += scoring.country_share * share if share else scoring.country_absent
    if parent is not None:
        score += scoring.parent_inside if lies_in(place, parent) else scoring.parent_outside
    if held and place.kind is not PlaceKind.CITY and any(lies_in(p, place) for p in held):
        score += scoring.holds_named_child  # "X, Y": the Y that holds an X
    if anchors is NO_ANCHORS:  # the other places named weigh nothing as set (geo_scoring.yaml)
        return score
    return score + _anchored(place, normalize_name(match.surface), anchors, scoring)


def _anchored(place: GazPlace, key: str, anchors: Anchors, scoring: PlaceScoring) -> float:
    """The weight of the other places named (not by this name): inside a unit named, near a town named,
    in the province of the first place told."""
    score = 0.0
    if any(name != key and unit in (place.admin1_id, place.admin2_id) for unit, name in anchors.units):
        score += scoring.inside_named_unit
    if place.lat is not None and place.lon is not None:
        for town, name in anchors.towns:
            if name != key and _km(place, town) <= scoring.near_km:
                score += scoring.near_named_town
                break
    if anchors.first_admin1 is not None and place.admin1_id == anchors.first_admin1:
        score += scoring.first_mention_province
    return score


def _km(a: GazPlace, b: GazPlace) -> float:
    """Great-circle distance between two places, in km."""
    rad = math.pi / 180
    lat1, lon1, lat2, lon2 = a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0
    h = (
        math.sin((lat2 - lat1) * rad / 2) ** 2
        + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def anchors_of(matches: list[ToponymMatch], context: Counter[str], scoring: PlaceScoring) -> Anchors:
    """The units and towns the article names without doubt (one reading in its countries), and the
    province of its first located place."""
    units: set[tuple[int, str]] = set()
    towns: list[tuple[GazPlace, str]] = []
    first: int | None = None
    for match in matches:
        if match.cues & WEAK_CUES or match.country is not None or match.fuzzy or not match.candidates:
            continue
        readings = [
            p for p in match.candidates if not context or country_in_play(p.country, context, scoring)
        ]
        unit = [
            p for p in readings if p.kind in _UNIT_KINDS and (match.level is None or p.kind is match.level)
        ]
        if len(unit) == 1:
            units.add((unit[0].id, normalize_name(match.surface)))
        elif not unit and len(readings) == 1 and readings[0].kind is PlaceKind.CITY:
            towns.append((readings[0], normalize_name(match.surface)))
        provinces = {p.admin1_id or p.id for p in readings if p.kind is not PlaceKind.COUNTRY}
        if first is None and match.cues & {"locative", "near"} and len(provinces) == 1:
            first = provinces.pop()
    return Anchors(frozenset(units), tuple(towns), first)


def lies_in(place: GazPlace, parent: GazPlace) -> bool:
    """Whether `place` lies in `parent` (same country and admin1, and admin2 when the parent is one)."""
    if place.country != parent.country:
        return False
    if parent.kind is PlaceKind.COUNTRY:
        return True
    if parent.kind is PlaceKind.ADMIN2:  # a town without a known district: by its province
        return place.admin2_id == parent.id or (
            place.admin2_id is None and place.admin1_id == parent.admin1_id
        )
    if parent.kind is PlaceKind.ADMIN1 and parent.admin2 is None and place.admin1 == parent.admin1:
        return place.id != parent.id  # a unit the admin-name table puts above others (Gaza Strip)
    return place.admin1_id == parent.admin1_id and place.id != parent.id


def choose(
    match: ToponymMatch,
    context: Counter[str],
    parent: GazPlace | None,
    scoring: PlaceScoring,
    *,
    as_parent: bool = False,
    anchors: Anchors = NO_ANCHORS,
    held: tuple[GazPlace, ...] = (),
) -> GazPlace | None:
    """The best candidate of a match; fuzzy matches only inside the article's countries."""
    candidates = tuple(p for p in match.candidates if _plausible(p, match, context, parent, scoring))
    if not candidates:
        return None
    return max(candidates, key=lambda p: _score(p, match, context, parent, as_parent, scoring, anchors, held))


def _plausible(
    place: GazPlace,
    match: ToponymMatch,
    context: Counter[str],
    parent: GazPlace | None,
    scoring: PlaceScoring,
) -> bool:
    """Whether a candidate may be meant: in the article's main country, or in one it names outright;
    a town's size alone never takes a place abroad (better the article's main unit than a wrong country)."""
    if parent is not None and lies_in(place, parent):
        return True
    if match.said_country:  # "the Lebanese town of Bint Jbeil": there, whatever else the article names
        return place.country == match.said_country
    if not context:
        return not match.fuzzy
    if max(context.values()) < scoring.named_abroad and not match.fuzzy and place.country not in context:
        # no country established: a prominent place may still be meant, unless the text reads it otherwise
        # (a "township" is no town abroad; "Nelson" in "Nelson Mandela Bay" no province abroad)
        if (match.level is not None and match.level is not place.kind) or "name_follows" in match.cues:
            return False
        return place.kind is not PlaceKind.CITY or place.population >= scoring.prominent_population
    if match.fuzzy:  # a guessed spelling only in the article's own country (or one about as prominent)
        return context.get(place.country or "", 0) >= scoring.fuzzy_share * max(context.values())
    return country_in_play(place.country, context, scoring)


def country_in_play(country: str | None, context: Counter[str], scoring: PlaceScoring) -> bool:
    """Whether the article is about `country`: its main one, or one it names outright and often enough."""
    weight = context.get(country or "", 0)
    main = max(context.values())
    return weight == main or (weight >= scoring.named_abroad and weight >= scoring.share_abroad * main)


def parent_index(text: str, matches: list[ToponymMatch], i: int, scoring: PlaceScoring) -> int | None:
    """Index of the match naming the parent of match i ("X district, Helmand"; "X of Y"), if any."""
    end = matches[i].cue_end
    following = next((j for j in range(i + 1, len(matches)) if matches[j].start >= end), None)
    if following is not None and (
        matches[i].container == matches[following].start
        or scoring.parent_gap.match(text[end : matches[following].start])
    ):
        if matches[following].country and possessive_of(text, matches, following):
            return following + 1  # "Burie in Ethiopia's Amhara region": the region, itself in Ethiopia
        return following
    if i > 0 and possessive_of(text, matches, i - 1):
        return i - 1  # "Helmand's Sangin district"
    return None


def possessive_of(text: str, matches: list[ToponymMatch], i: int) -> bool:
    """Whether match i is a possessive naming the next match's parent ("Helmand's Sangin")."""
    if i + 1 >= len(matches) or matches[i].surface[-2:] not in ("'s", "\u2019s"):
        return False
    return not text[matches[i].end : matches[i + 1].start].strip()


def resolve_chain(
    text: str,
    matches: list[ToponymMatch],
    i: int,
    context: Counter[str],
    scoring: PlaceScoring,
    depth: int = 0,
    anchors: Anchors = NO_ANCHORS,
    held: tuple[GazPlace, ...] = (),
) -> Resolved | None:
    """Resolve match i under its parent chain (parents first, each read as holding the name before it)."""
    parent_i = parent_index(text, matches, i, scoring) if depth < scoring.parent_depth else None
    parent = (
        resolve_chain(text, matches, parent_i, context, scoring, depth + 1, anchors, matches[i].candidates)
        if parent_i is not None
        else None
    )
    parent_place = parent.place if parent else None
    place = choose(
        matches[i], context, parent_place, scoring, as_parent=depth > 0, anchors=anchors, held=held
    )
    if place is None or (parent_place is not None and not lies_in(place, parent_place)):
        return _subplace_of_city(matches, i, parent_i, parent, scoring) if parent_i is not None else parent
    return Resolved(matches[i], place, parent_place)


def _subplace_of_city(
    matches: list[ToponymMatch], i: int, parent_i: int, parent: Resolved | None, scoring: PlaceScoring
) -> Resolved | None:
    """ "Oleksandrivskyi district, Zaporizhzhia": a name not found inside its parent, where the parent
    names a big town, is a part of that town (precision 2), not the parent's province."""
    if parent is None or matches[i].level is PlaceKind.ADMIN1 or parent.within is not None:
        return parent
    unit = parent.place
    towns = [
        p
        for p in matches[parent_i].candidates
        if p.kind is PlaceKind.CITY
        and p.population >= scoring.city_of_subplace
        and (p.id == unit.id or (unit.kind is not PlaceKind.COUNTRY and lies_in(p, unit)))
    ]
    if not towns:
        return parent
    town = max(towns, key=lambda p: p.population)
    return Resolved(matches[i], town, unit, within=matches[parent_i].end)
