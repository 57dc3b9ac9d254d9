"""Place resolution: from toponym matches to THE records.Place of an incident.

Each match's candidates are scored by administrative level cues, the article's countries, the parent
named after it ("X district, Helmand"; "Jernamo of Nawa district") and a population prior. The place of
an incident is the most specific name inside its text, else one told where the sentences before it that
tell it place it, else the nearest before it, else a place its text names in another role (an end of a
journey: "travelling to X", never chosen before the others), else one in the sentences after it that
tell it, else the article's main place.
"""

from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.lexicon import ContextWeights, GeoLexicon, PlaceScoring
from conflictdb.geo.names import normalize_name
from conflictdb.geo.places import GazPlace, PlaceKind
from conflictdb.geo.toponyms import ToponymMatch, find_toponyms
from conflictdb.records import Place, quick_init

_PARENT_GAP = re.compile(
    r"^\s*(?:,|of|in|of the|in the|,\s*in|,\s*in the|de)\s*"  # "X de l'Y"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?\s+)?$",  # ", western Rafah"
    re.IGNORECASE,
)
_UNKNOWN_SUBPLACE = re.compile(r"\b([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\s+(?:area\s+)?of\s+(?:the\s+)?$")
_GENERIC_TAIL = re.compile(r"\s+(?:district|province|governorate|region|county|city)$", re.IGNORECASE)
_DIRECTIONS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west"}
)
_LOOKBACK = 800  # characters before the focus searched for the place
_UNIT_KINDS = (PlaceKind.ADMIN1, PlaceKind.ADMIN2)
_LOCATED = frozenset({"locative", "near"})  # told as where something is: "in X", "near X"
_WEAK_CUES = frozenset({"person", "feature", "credit"})
_NAME_BEFORE = re.compile(r"(?<![\w'\u2019.-])([A-Z][a-z][\w'\u2019]*) $")  # "Abdikadir " before "Farah"
_NAME_REACH = 40  # characters looked back for it
_ACRONYM = re.compile(r"[A-Z]{2,5}[a-z]?")  # "KIA", "FAMa": a body's initials, not the town they spell
_CONTEXT_SKIP_CUES = frozenset({"person", "credit", "name_follows"})  # "Tah Mohammad": a name, no country
_LEVEL_WORD = re.compile(
    r"\b(?:district|county|raion|rayon|tehsil|woreda|lga|territory|department|cercle|commune|municipality|"
    r"sub-?district|local government area)$",
    re.IGNORECASE,
)


@quick_init
@dataclass(frozen=True, slots=True)
class _Anchors:
    """What the article's other names fix for certain: the admin units it names without doubt, the towns
    it names without doubt, and the province of the first place told as where something happened."""

    units: frozenset[tuple[int, str]] = frozenset()  # (unit id, the name it was told by)
    towns: tuple[tuple[GazPlace, str], ...] = ()
    first_admin1: int | None = None


_NO_ANCHORS = _Anchors()


@dataclass(frozen=True, slots=True)
class _Resolved:
    """A match with its chosen candidate and the parent it was read under."""

    match: ToponymMatch
    place: GazPlace
    parent: GazPlace | None
    within: int | None = None  # end of the parent city's name when the match is a part of that city


def article_country_context(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon, matches: list[ToponymMatch] | None = None
) -> Counter[str]:
    """Country codes weighted by country names, demonyms and one-country place names (the weights of
    geo_scoring.yaml's `context`)."""
    return _weights(_country_evidence(text, gazetteer, lexicon, matches))


def _weights(evidence: list[tuple[str, int, str]]) -> Counter[str]:
    """The weight of each country in the evidence."""
    weights: Counter[str] = Counter()
    for country, weight, _ in evidence:
        weights[country] += weight
    return weights


def _country_evidence(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon, matches: list[ToponymMatch] | None
) -> list[tuple[str, int, str]]:
    """(country, weight, name) for every word pointing to a country; the dateline, where the reporter
    filed from, weighs as a place (1) even when it names a country."""
    found = _people_marked(
        text, matches if matches is not None else find_toponyms(text, gazetteer, lexicon), lexicon
    )
    evidence = _name_evidence(text, found, lexicon) + _demonym_evidence(text, lexicon)
    evidence += _unit_word_evidence(text, lexicon)
    return _with_consensus(evidence, matches or [], lexicon.scoring)


def _name_evidence(text: str, matches: list[ToponymMatch], lexicon: GeoLexicon) -> list[tuple[str, int, str]]:
    """The evidence of the place and country names found: a country or territory named (weaker in a
    dateline), a place name of one country (an admin unit's, else a town's)."""
    weights = lexicon.scoring.context
    evidence = []
    for match in matches:
        key = normalize_name(match.surface)
        territory = lexicon.territories.get(key) if match.candidates else None
        if match.country or territory:
            named = weights.country_in_dateline if "dateline" in match.cues else weights.country_named
            if lexicon.scoring.country_as_actor.match(text, match.end):  # "Turkey-backed factions"
                named = weights.country_as_actor
            evidence.append((match.country or territory or "", named, key))
        elif not match.fuzzy and match.candidates and not match.cues & _CONTEXT_SKIP_CUES:
            evidence.extend(_place_evidence(match, key, weights))
    return evidence


def _place_evidence(match: ToponymMatch, key: str, weights: ContextWeights) -> list[tuple[str, int, str]]:
    """The country a place name points to, weighted by how sure: a unit told by its level word
    ("Bara district") whose units of that level lie in one country, else one country's unit or town."""
    if match.level is PlaceKind.ADMIN1 or match.level is PlaceKind.ADMIN2:
        units = {p.country for p in match.candidates if p.kind is match.level}
        if len(units) == 1:
            return [(units.pop() or "", weights.unit_with_level_word, key)]
    country, unit = _one_country(match.candidates)
    if not country:
        return []
    return [(country, weights.unit_of_one_country if unit else weights.place_of_one_country, key)]


def _demonym_evidence(text: str, lexicon: GeoLexicon) -> list[tuple[str, int, str]]:
    """The evidence of the demonyms in the text (weaker before an armed force, and then without a name)."""
    weights = lexicon.scoring.context
    evidence = []
    for found in lexicon.demonym_pattern.finditer(text):
        word = normalize_name(found.group("demonym"))  # "South Sudanese" whole
        code = lexicon.demonyms.get(word)
        if code:
            force = bool(found.group("force"))
            evidence.append(
                (code, weights.demonym_force if force else weights.demonym, "" if force else word)
            )
    return evidence


def _unit_word_evidence(text: str, lexicon: GeoLexicon) -> list[tuple[str, int, str]]:
    """The evidence of the words for units that one country alone uses ("barangay", "upazila"), once per
    country: no place's name, so no name is given."""
    countries = {
        lexicon.unit_word_countries[found.group().lower()]
        for found in lexicon.unit_word_pattern.finditer(text)
    }
    weight = lexicon.scoring.context.unit_word_of_one_country
    return [(country, weight, "") for country in sorted(countries)]


def _with_consensus(
    evidence: list[tuple[str, int, str]], matches: list[ToponymMatch], scoring: PlaceScoring
) -> list[tuple[str, int, str]]:
    """The evidence that names a country, and when none is named outright, the country that the guessed
    spellings agree on."""
    evidence = [e for e in evidence if e[0]]
    if max(_weights(evidence).values(), default=0) < scoring.named_abroad:  # no country named outright
        evidence += _fuzzy_consensus(matches, scoring.context.place_of_one_country, alone=not evidence)
    return evidence


def prepare_article(
    matches: list[ToponymMatch], *, text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> tuple[list[ToponymMatch], Counter[str]]:
    """`article_country_context` and then `prepare_matches` with that context, reading the text's
    demonyms once (and the names' evidence once when no match is respelled)."""
    scoring = lexicon.scoring
    matches = _people_marked(text, matches, lexicon)
    demonyms = _demonym_evidence(text, lexicon) + _unit_word_evidence(text, lexicon)
    evidence = _with_consensus(_name_evidence(text, matches, lexicon) + demonyms, matches, scoring)
    context = _weights(evidence)
    respelled = _respelled(matches, context, gazetteer, scoring)
    if respelled is not matches:
        evidence = _with_consensus(_name_evidence(text, respelled, lexicon) + demonyms, respelled, scoring)
    return _supported(respelled, evidence, context, scoring), context


def _people_marked(text: str, matches: list[ToponymMatch], lexicon: GeoLexicon) -> list[ToponymMatch]:
    """Matches with cue "person" where they end a longer capitalised name that is no place ("police officer
    Abdikadir Farah", "in Vicente Lopez"): a person's name, or a place the gazetteer lacks, never the
    namesake town it spells alone; and so is each later bare mention of that name ("Farah said")."""
    title_end = text.find("\n")
    ends = {m.end for m in matches if not m.fuzzy}  # a guessed spelling may be a name's first word
    names: set[str] = set()
    marked = list(matches)
    for n, match in enumerate(matches):
        if "person" in match.cues:
            continue
        if _is_acronym(text, match):
            marked[n] = dataclasses.replace(match, cues=match.cues | {"person"})
        elif match.start > title_end and _ends_longer_name(text, match, ends, lexicon):
            names.add(normalize_name(match.surface))
            marked[n] = dataclasses.replace(match, cues=match.cues | {"person"})
    for n, match in enumerate(marked if names else ()):
        bare = match.level is None and not match.cues & {"locative", "near", "person"}
        if bare and normalize_name(match.surface) in names:
            marked[n] = dataclasses.replace(match, cues=match.cues | {"person"})
    return marked if any(a is not b for a, b in zip(marked, matches, strict=True)) else matches


def _is_acronym(text: str, match: ToponymMatch) -> bool:
    """Whether a match is a body's initials in running text ("the KIA clashed"), not a dateline's town."""
    if match.country or "dateline" in match.cues or not _ACRONYM.fullmatch(match.surface):
        return False
    line_start = text.rfind("\n", 0, match.start) + 1
    line_end = text.find("\n", match.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return not line.isupper()  # a headline in capitals names its towns in capitals


def _ends_longer_name(text: str, match: ToponymMatch, ends: set[int], lexicon: GeoLexicon) -> bool:
    """Whether a capitalised word that is no place and no cue runs into the match ("Vicente Lopez")."""
    if match.country or match.level is not None or match.cues & _WEAK_CUES:
        return False
    found = _NAME_BEFORE.search(text, max(0, match.start - _NAME_REACH), match.start)
    if found is None or found.end(1) in ends:
        return False
    word = found.group(1).lower()
    return not (word in lexicon.stop_words or word in lexicon.fuzzy_never_first or word in lexicon.demonyms)


def _fuzzy_consensus(
    matches: list[ToponymMatch], weight: int, *, alone: bool = False
) -> list[tuple[str, int, str]]:
    """When no country is named, the one that most located guessed spellings share, if two or more do
    ("Al-Fashir" and "Kabkabiya" both have a reading in Sudan); `alone` (nothing else points to a
    country), also the one country where every reading of the located guessed spellings lies ("protests
    in Shashamene": only Ethiopia has a Shashamane)."""
    names: dict[str, set[str]] = {}
    for match in matches:
        if match.fuzzy and match.cues & {"locative", "near", "dateline"}:
            for place in match.candidates:
                names.setdefault(place.country or "", set()).add(normalize_name(match.surface))
    ranked = sorted(((len(keys), country) for country, keys in names.items() if country), reverse=True)
    if alone and len(ranked) == 1:
        return [(ranked[0][1], weight, key) for key in sorted(names[ranked[0][1]])]
    if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return []
    return [(ranked[0][1], weight, key) for key in sorted(names[ranked[0][1]])]


def _one_country(candidates: tuple[GazPlace, ...]) -> tuple[str | None, bool]:
    """The country a place name points to: that of its admin units if they agree ("Herat" the province,
    not a hamlet in Iran), else that of its populated towns if they agree; and whether units said it."""
    units = {p.country for p in candidates if p.kind is PlaceKind.ADMIN1 or p.kind is PlaceKind.ADMIN2}
    if units:
        return (units.pop() if len(units) == 1 else None), True
    towns = {p.country for p in candidates if p.kind is PlaceKind.CITY and p.population}
    return (towns.pop() if len(towns) == 1 else None), False


def _score(
    place: GazPlace,
    match: ToponymMatch,
    context: Counter[str],
    parent: GazPlace | None,
    as_parent: bool,
    scoring: PlaceScoring,
    anchors: _Anchors = _NO_ANCHORS,
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
        score += scoring.parent_inside if _inside(place, parent) else scoring.parent_outside
    if held and place.kind is not PlaceKind.CITY and any(_inside(p, place) for p in held):
        score += scoring.holds_named_child  # "X, Y": the Y that holds an X
    if anchors is _NO_ANCHORS:  # the other places named weigh nothing as set (geo_scoring.yaml)
        return score
    return score + _anchored(place, normalize_name(match.surface), anchors, scoring)


def _anchored(place: GazPlace, key: str, anchors: _Anchors, scoring: PlaceScoring) -> float:
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


def _anchors(matches: list[ToponymMatch], context: Counter[str], scoring: PlaceScoring) -> _Anchors:
    """The units and towns the article names without doubt (one reading in its countries), and the
    province of its first located place."""
    units: set[tuple[int, str]] = set()
    towns: list[tuple[GazPlace, str]] = []
    first: int | None = None
    for match in matches:
        if match.cues & _WEAK_CUES or match.country is not None or match.fuzzy or not match.candidates:
            continue
        readings = [
            p for p in match.candidates if not context or _country_in_play(p.country, context, scoring)
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
    return _Anchors(frozenset(units), tuple(towns), first)


def _inside(place: GazPlace, parent: GazPlace) -> bool:
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


def _choose(
    match: ToponymMatch,
    context: Counter[str],
    parent: GazPlace | None,
    scoring: PlaceScoring,
    *,
    as_parent: bool = False,
    anchors: _Anchors = _NO_ANCHORS,
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
    if parent is not None and _inside(place, parent):
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
    return _country_in_play(place.country, context, scoring)


def _country_in_play(country: str | None, context: Counter[str], scoring: PlaceScoring) -> bool:
    """Whether the article is about `country`: its main one, or one it names outright and often enough."""
    weight = context.get(country or "", 0)
    main = max(context.values())
    return weight == main or (weight >= scoring.named_abroad and weight >= scoring.share_abroad * main)


def _parent_index(text: str, matches: list[ToponymMatch], i: int) -> int | None:
    """Index of the match naming the parent of match i ("X district, Helmand"; "X of Y"), if any."""
    end = matches[i].cue_end
    following = next((j for j in range(i + 1, len(matches)) if matches[j].start >= end), None)
    if following is not None and (
        matches[i].container == matches[following].start
        or _PARENT_GAP.match(text[end : matches[following].start])
    ):
        if matches[following].country and _possessive_of(text, matches, following):
            return following + 1  # "Burie in Ethiopia's Amhara region": the region, itself in Ethiopia
        return following
    if i > 0 and _possessive_of(text, matches, i - 1):
        return i - 1  # "Helmand's Sangin district"
    return None


def _possessive_of(text: str, matches: list[ToponymMatch], i: int) -> bool:
    """Whether match i is a possessive naming the next match's parent ("Helmand's Sangin")."""
    if i + 1 >= len(matches) or matches[i].surface[-2:] not in ("'s", "\u2019s"):
        return False
    return not text[matches[i].end : matches[i + 1].start].strip()


def _resolve_chain(
    text: str,
    matches: list[ToponymMatch],
    i: int,
    context: Counter[str],
    scoring: PlaceScoring,
    depth: int = 0,
    anchors: _Anchors = _NO_ANCHORS,
    held: tuple[GazPlace, ...] = (),
) -> _Resolved | None:
    """Resolve match i under its parent chain (parents first, each read as holding the name before it)."""
    parent_i = _parent_index(text, matches, i) if depth < 3 else None
    parent = (
        _resolve_chain(text, matches, parent_i, context, scoring, depth + 1, anchors, matches[i].candidates)
        if parent_i is not None
        else None
    )
    parent_place = parent.place if parent else None
    place = _choose(
        matches[i], context, parent_place, scoring, as_parent=depth > 0, anchors=anchors, held=held
    )
    if place is None or (parent_place is not None and not _inside(place, parent_place)):
        return _subplace_of_city(matches, i, parent_i, parent, scoring) if parent_i is not None else parent
    return _Resolved(matches[i], place, parent_place)


def _subplace_of_city(
    matches: list[ToponymMatch], i: int, parent_i: int, parent: _Resolved | None, scoring: PlaceScoring
) -> _Resolved | None:
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
        and (p.id == unit.id or (unit.kind is not PlaceKind.COUNTRY and _inside(p, unit)))
    ]
    if not towns:
        return parent
    town = max(towns, key=lambda p: p.population)
    return _Resolved(matches[i], town, unit, within=matches[parent_i].end)


def _usable(match: ToponymMatch, scoring: PlaceScoring) -> bool:
    """A match that may name an incident's place: not a person, feature or country alone."""
    if match.cues & _WEAK_CUES or not match.candidates or match.country is not None:
        return False
    if "name_follows" in match.cues:  # "Somalia's Western-backed government" is no place either
        return any(
            p.kind is not PlaceKind.CITY or p.population >= scoring.prominent_population
            for p in match.candidates
        )
    return True


def _is_parent(text: str, matches: list[ToponymMatch], i: int, scoring: PlaceScoring) -> bool:
    """Whether match i is the parent named after another match."""
    if _possessive_of(text, matches, i) and _usable(matches[i + 1], scoring):
        return True
    return any(
        _parent_index(text, matches, j) == i and _usable(matches[j], scoring) for j in range(max(0, i - 3), i)
    )


def _pick(
    text: str,
    matches: list[ToponymMatch],
    indexes: list[int],
    context: Counter[str],
    scoring: PlaceScoring,
    *,
    located_first: bool,
    anchors: _Anchors = _NO_ANCHORS,
    roles: bool = False,
) -> _Resolved | None:
    """The first resolvable, most specific match among `indexes` (after a preposition first, if asked);
    only among the places named in another role ("travelling to X") if `roles`, else never them."""
    located = [i for i in indexes if matches[i].cues & {"locative", "near"}] if located_first else []
    located = [_stand_in(text, matches, i) for i in located]
    for i in located + [i for i in indexes if i not in located]:
        if ("role" in matches[i].cues) is not roles:
            continue
        if _usable(matches[i], scoring) and not _is_parent(text, matches, i, scoring):
            resolved = _resolve_chain(text, matches, i, context, scoring, anchors=anchors)
            if resolved is not None:
                return resolved
    return None


def _stand_in(text: str, matches: list[ToponymMatch], i: int) -> int:
    """Match i, or the unit named with it when it is a town we cannot place ("in the town of Kolofata in
    Cameroon's Far North region": the region)."""
    if matches[i].candidates or matches[i].cues & _WEAK_CUES:
        return i
    parent = _parent_index(text, matches, i)
    return i if parent is None else parent


def _main_place(
    text: str,
    matches: list[ToponymMatch],
    context: Counter[str],
    skip: frozenset[int],
    scoring: PlaceScoring,
    anchors: _Anchors = _NO_ANCHORS,
) -> _Resolved | None:
    """The article's most mentioned admin1 (its first mention), for incidents that name no place."""
    resolved = [
        r
        for i in range(len(matches))
        if i not in skip and _usable(matches[i], scoring)
        for r in [_resolve_chain(text, matches, i, context, scoring, anchors=anchors)]
        if r
    ]
    if not resolved:
        return None
    counts = Counter(r.place.admin1_id for r in resolved if r.place.admin1_id)
    if not counts:
        return resolved[0]
    top = counts.most_common(1)[0][0]
    return next(r for r in resolved if r.place.admin1_id == top)


def bare_admin_name(name: str | None) -> str | None:
    """An admin unit's name without a generic tail ("Kandahar District" -> "Kandahar")."""
    if not name:
        return None
    bare = _GENERIC_TAIL.sub("", name)
    return name if bare.lower() in _DIRECTIONS else bare  # "Southern District" stays whole


def _precision(resolved: _Resolved) -> int:
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


def _build_place(text: str, resolved: _Resolved, gazetteer: Gazetteer) -> Place:
    """The records.Place of a resolved match; a province is coded to its seat (largest town)."""
    place = resolved.place
    name, admin2, lat, lon = (
        bare_admin_name(place.ascii_name) or place.ascii_name,
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
    words_end = resolved.within or resolved.match.cue_end
    admin1 = place.admin1 or (place.ascii_name if place.kind is PlaceKind.ADMIN1 else None)
    return Place(
        name=name,
        country=place.country,
        admin1=bare_admin_name(admin1),
        admin2=bare_admin_name(admin2),
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
    anchors: _Anchors
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
            _anchors(matches, context, scoring) if scoring.weighs_anchors else _NO_ANCHORS,
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
    def main_place(self) -> _Resolved | None:
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
    before = index.starting(focus_start - _LOOKBACK, focus_start)[::-1]
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
    return _build_place(text, resolved, gazetteer)


def _told_in(index: PlaceIndex, told: tuple[tuple[int, int], ...]) -> list[int]:
    """Indexes of the matches inside the spans `told` (not a dateline's), in index order."""
    return sorted({i for start, end in told for i in index.starting(start, end)})


def _named_after(
    text: str, matches: list[ToponymMatch], indexes: list[int], context: Counter[str], scoring: PlaceScoring
) -> _Resolved | None:
    """When no place is told, the first place that a road, a school or its residents are named after
    ("Hundreds of Qarvon residents marched"): near it, better than the country alone."""
    for i in indexes:
        match = matches[i]
        if "feature" in match.cues and not match.cues & {"person", "credit"} and match.country is None:
            resolved = _resolve_chain(text, matches, i, context, scoring)
            if resolved is not None:
                return resolved
    return None


def prepare_matches(
    matches: list[ToponymMatch],
    *,
    text: str,
    context: Counter[str],
    gazetteer: Gazetteer,
    lexicon: GeoLexicon,
) -> list[ToponymMatch]:
    """An article's matches as `resolve_place` reads them, respelled and kept to the countries the article
    supports: the same for every incident of the article, so a caller resolving several prepares once."""
    respelled = _respelled(_people_marked(text, matches, lexicon), context, gazetteer, lexicon.scoring)
    evidence = _country_evidence(text, gazetteer, lexicon, respelled)
    return _supported(respelled, evidence, context, lexicon.scoring)


def _names_unknown_place(
    matches: list[ToponymMatch], indexes: list[int], context: Counter[str], scoring: PlaceScoring
) -> bool:
    """Whether the focus places the event at a name we cannot resolve ("in the town of Kolofata"): then
    the dateline, where the reporter filed from, is not where it happened."""
    return any(
        matches[i].cues & {"locative", "near"}
        and not matches[i].cues & _WEAK_CUES
        and matches[i].country is None
        and _choose(matches[i], context, None, scoring) is None
        for i in indexes
    )


def _refines(place: GazPlace, unit: GazPlace) -> bool:
    """Whether `place` is a town inside the admin unit `unit`."""
    return (
        unit.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2)
        and place.kind is PlaceKind.CITY
        and _inside(place, unit)
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


def _supported(
    matches: list[ToponymMatch],
    evidence: list[tuple[str, int, str]],
    context: Counter[str],
    scoring: PlaceScoring,
) -> list[ToponymMatch]:
    """Matches without their candidates in a minor country that only their own name points to while
    other names point elsewhere ("Hol" in an article about Somalia); a province or a big town may still
    be meant ("Kabul" after "Pakistani troops")."""
    names: dict[str, set[str]] = {}
    for country, _, name in evidence:
        if name:
            names.setdefault(country, set()).add(name)
    top = max(context.values(), default=0)
    main = {country for country, weight in context.items() if weight == top}
    backing: dict[str, set[str]] = {}  # a name's key -> the countries backed by names other than it
    result = []
    for match in matches:
        key = normalize_name(match.surface)
        backed = backing.get(key)
        if backed is None:
            backed = backing[key] = {country for country, keys in names.items() if keys - {key}} | main
        if backed and match.country is None:
            kept = tuple(p for p in match.candidates if p.country in backed or _prominent(p, scoring))
            match = (
                match if len(kept) == len(match.candidates) else dataclasses.replace(match, candidates=kept)
            )
        result.append(match)
    return result


def _prominent(place: GazPlace, scoring: PlaceScoring) -> bool:
    """A province or a big town: known well enough to be named without its country."""
    return place.kind is PlaceKind.ADMIN1 or (
        place.kind is PlaceKind.CITY and place.population >= scoring.prominent_population
    )


def _respelled(
    matches: list[ToponymMatch], context: Counter[str], gazetteer: Gazetteer, scoring: PlaceScoring
) -> list[ToponymMatch]:
    """Matches whose every candidate lies abroad, re-read by skeleton inside the article's countries
    ("Zaporozhye" is a town in Kazakhstan by its exact spelling, Zaporizhzhia by its skeleton)."""
    if not context:
        return matches
    result = matches
    floor = scoring.fuzzy_share * max(context.values())
    for n, match in enumerate(matches):
        if match.fuzzy or match.country or not match.candidates or match.cues & _WEAK_CUES:
            continue
        if any(_country_in_play(p.country, context, scoring) for p in match.candidates):
            continue
        similar = tuple(
            p
            for p in gazetteer.similar_candidates(match.surface)
            if p.kind is not PlaceKind.COUNTRY and context.get(p.country or "", 0) >= floor
        )
        if similar:
            result = result if result is not matches else list(matches)
            result[n] = dataclasses.replace(match, candidates=similar, fuzzy=True)
    return result


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


def ucdp_where_prec(place: Place) -> int:
    """UCDP where_prec of a place: 1 the exact location, 2 within 25 km of it, 3 a second-order admin
    unit (a district), 4 a first-order one (a province), 6 only the country."""
    if place.precision == 1:
        return 1
    if place.precision == 2:
        if place.words and _LEVEL_WORD.search(place.words):
            return 3  # "Nad Ali district", "a village of Nawa district": coded to the district
        return 2
    return 4 if place.admin1 else 6
