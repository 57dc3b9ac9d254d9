"""The countries an article is about, and its toponym matches made ready for resolution.

Every word pointing to a country (its name, a demonym, a place name of one country, a place told with its
parent whose agreeing readings lie in one country, a word for a unit that one country alone uses, an armed
group that fights in one country alone) adds its weight (geo_scoring.yaml `context`) to that country. The
matches are then read with that context: people's names marked, spellings abroad re-read by skeleton at
home, and candidates in a minor country that only their own name points to dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from wordfreq import zipf_frequency

from conflictdb import folded
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.lexicon import ContextWeights, GeoLexicon, PlaceScoring
from conflictdb.geo.names import normalize_name, spelling_likeness
from conflictdb.geo.scoring import WEAK_CUES, country_in_play, lies_in, parent_index
from conflictdb.geo.toponyms import find_toponyms
from conflictdb.records.places import GazPlace, PlaceKind, ToponymMatch

_NAME_BEFORE = re.compile(r"(?<![\w'\u2019.-])([A-Z][a-z][\w'\u2019]*) $")  # "Abdikadir " before "Farah"
_ACRONYM = re.compile(r"[A-Z]{2,5}[a-z]?")  # "KIA", "FAMa": a body's initials, not the town they spell
_OPENS_PARENT = re.compile(r"\s*\(\s*")  # between a place and the unit holding it: "X (Y)"
# told as a place: "in X", "near X", "X, Y", "the capital X", a dateline, "travelling to X"
_PLACE_TOLD_CUES = frozenset({"locative", "near", "container", "capital", "dateline", "role"})
# "Tah Mohammad": a name, no country; "Over 100 vendors": a word, no country
_CONTEXT_SKIP_CUES = frozenset({"person", "credit", "name_follows", "word"})


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
    evidence += _unit_word_evidence(text, lexicon) + _actor_evidence(text, lexicon)
    return _with_consensus(evidence, matches or [], lexicon.scoring, _party_evidence(text, lexicon))


def _name_evidence(text: str, matches: list[ToponymMatch], lexicon: GeoLexicon) -> list[tuple[str, int, str]]:
    """The evidence of the place and country names found: a country or territory named (weaker in a
    dateline), a place name of one country (an admin unit's, else a town's; `_located_places`)."""
    weights = lexicon.scoring.context
    evidence = []
    places: list[tuple[str, int, str]] = []
    located: list[bool] = []
    parents = parents_of(text, matches, lexicon.scoring)
    for match, parent in zip(matches, parents, strict=True):
        key = normalize_name(match.surface)
        territory = lexicon.territories.get(key) if match.candidates else None
        if match.country or territory:
            named = weights.country_in_dateline if "dateline" in match.cues else weights.country_named
            if lexicon.scoring.country_as_actor.match(text, match.end):  # "Turkey-backed factions"
                named = weights.country_as_actor
            evidence.append((match.country or territory or "", named, key))
        elif not match.fuzzy and match.candidates and not match.cues & _CONTEXT_SKIP_CUES:
            found = _place_evidence(match, key, lexicon.scoring)
            places += found
            located += [_told_located(match, parent)] * len(found)
    return (
        evidence
        + _located_places(places, located, weights)
        + _chain_evidence(matches, parents, lexicon.scoring)
    )


def _told_located(match: ToponymMatch, parent: int | None) -> bool:
    """Whether a match is told as where something happened ("in X"), with no parent named after it (the
    index of its parent's match, `parents_of`), and with a reading of the level its word tells ("X
    district"): its country is then the one its readings point to (`_place_evidence`: a province's, not
    that of a namesake town abroad)."""
    if "locative" not in match.cues or parent is not None:
        return False
    return match.level is None or any(p.kind is match.level for p in match.candidates)


def _located_places(
    places: list[tuple[str, int, str]], located: list[bool], weights: ContextWeights
) -> list[tuple[str, int, str]]:
    """The places' evidence; when all the places point to one country, those told as where something
    happened (`_told_located`) weigh as a country named: a country or nationality named in passing ("goods
    from X", "an X-owned firm") no longer outweighs the town where it happened."""
    if len({country for country, _, _ in places}) != 1:
        return places
    sure = weights.located_place_of_one_country
    return [
        (country, max(weight, sure) if told else weight, key)
        for (country, weight, key), told in zip(places, located, strict=True)
    ]


def parents_of(text: str, matches: list[ToponymMatch], scoring: PlaceScoring) -> list[int | None]:
    """For each match, the index of the match naming the unit that holds it, None where none does."""
    return [_parent_of(text, matches, i, scoring) for i in range(len(matches))]


def _parent_of(text: str, matches: list[ToponymMatch], i: int, scoring: PlaceScoring) -> int | None:
    """Index of the match naming the unit that holds match i ("X, Y"; "X of Y district"; "X (Y)")."""
    j = parent_index(text, matches, i, scoring)
    if (
        j is None
        and i + 1 < len(matches)
        and _OPENS_PARENT.fullmatch(text[matches[i].end : matches[i + 1].start])
    ):
        return i + 1  # "X (Y)": ACLED's notation of a place and its district or province
    return j


def _chain_evidence(
    matches: list[ToponymMatch], parents: list[int | None], scoring: PlaceScoring
) -> list[tuple[str, int, str]]:
    """The country of each place named with its parent ("X (Y)", "X, Y", "X village of Y district") where
    the readings that agree, a reading of X inside a reading of Y, all lie in one country: a place told
    with its container is told without doubt, weighed as a country named."""
    evidence = []
    for i, match in enumerate(matches):
        if match.fuzzy or match.country or match.cues & _CONTEXT_SKIP_CUES or not match.candidates:
            continue
        j = parents[i]
        parent = matches[j] if j is not None else None
        if parent is None or parent.fuzzy or parent.country or parent.cues & _CONTEXT_SKIP_CUES:
            continue
        units = [q for q in parent.candidates if q.kind is not PlaceKind.CITY]
        agreeing = {p.country for p in match.candidates for q in units if lies_in(p, q)}
        if len(agreeing) == 1:
            evidence.append(
                (agreeing.pop() or "", scoring.context.place_with_its_parent, normalize_name(match.surface))
            )
    return evidence


def _place_evidence(match: ToponymMatch, key: str, scoring: PlaceScoring) -> list[tuple[str, int, str]]:
    """The country a place name points to, weighted by how sure: a unit told by its level word
    ("Bara district") whose units of that level lie in one country, else one country's unit or town."""
    weights = scoring.context
    if match.level is PlaceKind.ADMIN1 or match.level is PlaceKind.ADMIN2:
        units = {p.country for p in match.candidates if p.kind is match.level}
        if len(units) == 1:
            return [(units.pop() or "", weights.unit_with_level_word, key)]
    country, unit = _one_country(match.candidates, scoring.dominant_town_ratio)
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
    found = folded.finditer_in(lexicon.unit_word_pattern, text, folded.lowered(text))  # in lower case
    countries = {lexicon.unit_word_countries[word.group().lower()] for word in found}
    weight = lexicon.scoring.context.unit_word_of_one_country
    return [(country, weight, "") for country in sorted(countries)]


def _actor_evidence(text: str, lexicon: GeoLexicon) -> list[tuple[str, int, str]]:
    """The evidence of the armed groups named that fight in one country alone ("Mayi Mayi"), once per
    country: no place's name, so no name is given."""
    weight = lexicon.scoring.context.actor_of_one_country
    return [(country, weight, "") for country in _countries_named(text, lexicon.actor_countries)]


def _party_evidence(text: str, lexicon: GeoLexicon) -> list[tuple[str, int, str]]:
    """The evidence of a political party's people named ("X party cadres"), or of the party named alone by
    its full name or initials, once per country: read only when nothing else points to a country
    (`_with_consensus`)."""
    weight = lexicon.scoring.context.party_of_one_country
    return [(country, weight, "") for country in _countries_named(text, lexicon.party_countries)]


def _countries_named(text: str, named: tuple[re.Pattern[str], tuple[str, ...]]) -> list[str]:
    """The countries of the names found by a pattern whose group c<n> holds the names of country n."""
    pattern, codes = named
    return sorted({codes[int(found.lastgroup[1:])] for found in pattern.finditer(text) if found.lastgroup})


def _with_consensus(
    evidence: list[tuple[str, int, str]],
    matches: list[ToponymMatch],
    scoring: PlaceScoring,
    parties: Sequence[tuple[str, int, str]] = (),
) -> list[tuple[str, int, str]]:
    """The evidence that names a country, and when none is named outright, the country that the guessed
    spellings agree on; when nothing at all points to one, the parties' (before any guessed spelling's)."""
    evidence = [e for e in evidence if e[0]] or list(parties)
    if max(_weights(evidence).values(), default=0) < scoring.named_abroad:  # no country named outright
        alone = not evidence
        evidence += _fuzzy_consensus(matches, scoring.context.place_of_one_country, alone=alone)
        if alone and not evidence:
            evidence += _nearest_spelling(matches, scoring)
    return evidence


def _nearest_spelling(matches: list[ToponymMatch], scoring: PlaceScoring) -> list[tuple[str, int, str]]:
    """When nothing points to a country, the country of the reading spelt nearest to a located guessed
    spelling (or its container), where that reading is spelt much like it and clearly nearer than any other
    country's ("Karbalaa": Karbala in Iraq, not Carballo in Spain)."""
    evidence = []
    for match in matches:
        if not match.fuzzy or not match.cues & {"locative", "near", "dateline", "container"}:
            continue
        key = normalize_name(match.surface)
        nearest: dict[str, float] = {}
        for place in match.candidates:
            likeness = spelling_likeness(key, normalize_name(place.ascii_name))
            nearest[place.country or ""] = max(likeness, nearest.get(place.country or "", 0.0))
        ranked = sorted(((v, c) for c, v in nearest.items() if c), reverse=True)
        if not ranked or ranked[0][0] < scoring.nearest_spelling:
            continue
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < scoring.nearest_spelling_margin:
            continue
        evidence.append((ranked[0][1], scoring.context.place_of_one_country, key))
    return evidence


def prepare_article(
    matches: list[ToponymMatch], *, text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> tuple[list[ToponymMatch], Counter[str]]:
    """`article_country_context` and then `prepare_matches` with that context, reading the text's
    demonyms once (and the names' evidence once when no match is respelled)."""
    scoring = lexicon.scoring
    matches = _people_marked(text, matches, lexicon)
    demonyms = (
        _demonym_evidence(text, lexicon) + _unit_word_evidence(text, lexicon) + _actor_evidence(text, lexicon)
    )
    parties = _party_evidence(text, lexicon)
    evidence = _with_consensus(_name_evidence(text, matches, lexicon) + demonyms, matches, scoring, parties)
    context = _weights(evidence)
    respelled = _respelled(matches, context, gazetteer, scoring)
    if respelled is not matches:
        evidence = _with_consensus(
            _name_evidence(text, respelled, lexicon) + demonyms, respelled, scoring, parties
        )
    return _supported(respelled, evidence, context, scoring), context


def _people_marked(text: str, matches: list[ToponymMatch], lexicon: GeoLexicon) -> list[ToponymMatch]:
    """Matches with cue "person" where they end a longer capitalised name that is no place ("police officer
    Abdikadir Farah", "in Vicente Lopez"): a person's name, or a place the gazetteer lacks, never the
    namesake town it spells alone; and so is each later bare mention of that name ("Farah said"). So is a
    word of a party's full name that is no place of the party's country ("Change" in "Forum for Democratic
    Change", a Ugandan party). A common English word the text does not tell as a place gets cue "word"
    (`_is_common_word`)."""
    title_end = text.find("\n")
    ends = {m.end for m in matches if not m.fuzzy}  # a guessed spelling may be a name's first word
    parties = _party_name_spans(text, lexicon)
    names: set[str] = set()
    marked = list(matches)
    for n, match in enumerate(matches):
        if "person" in match.cues:
            continue
        if _in_foreign_party_name(match, parties) or _is_acronym(text, match):
            marked[n] = dataclasses.replace(match, cues=match.cues | {"person"})
        elif _is_common_word(match, lexicon):
            marked[n] = dataclasses.replace(match, cues=match.cues | {"word"})
        elif match.start > title_end and _ends_longer_name(text, match, ends, lexicon):
            names.add(normalize_name(match.surface))
            marked[n] = dataclasses.replace(match, cues=match.cues | {"person"})
    for n, match in enumerate(marked if names else ()):
        bare = match.level is None and not match.cues & {"locative", "near", "person"}
        if bare and normalize_name(match.surface) in names:
            marked[n] = dataclasses.replace(match, cues=match.cues | {"person"})
    return marked if any(a is not b for a, b in zip(marked, matches, strict=True)) else matches


def _party_name_spans(text: str, lexicon: GeoLexicon) -> list[tuple[int, int, frozenset[str]]]:
    """The parties' full names in a text: (start, end, the countries with a party of that name)."""
    names = lexicon.party_names
    return [(f.start(), f.end(), names.countries(f.group())) for f in names.pattern.finditer(text)]


def _in_foreign_party_name(match: ToponymMatch, parties: list[tuple[int, int, frozenset[str]]]) -> bool:
    """Whether a match lies in a party's full name and names no country and no place of the party's."""
    if match.country is not None:
        return False
    for start, end, countries in parties:
        if start <= match.start and match.end <= end:
            return not any(place.country in countries for place in match.candidates)
    return False


def _is_common_word(match: ToponymMatch, lexicon: GeoLexicon) -> bool:
    """Whether a match is one common English word (geo_scoring.yaml `common_word_zipf`), no province's
    name, that the text does not tell as a place: capitalised by its sentence or a longer name ("Over 100
    vendors", "the Mobile Forces"), no town."""
    if match.fuzzy or match.country or match.level is not None or match.cues & _PLACE_TOLD_CUES:
        return False
    word = normalize_name(match.surface)
    if " " in word or any(p.kind is PlaceKind.ADMIN1 for p in match.candidates):
        return False
    return zipf_frequency(word, "en") >= lexicon.scoring.common_word_zipf


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
    if match.country or match.level is not None or match.cues & WEAK_CUES:
        return False
    found = _NAME_BEFORE.search(text, max(0, match.start - lexicon.scoring.name_reach), match.start)
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


def _one_country(candidates: tuple[GazPlace, ...], dominance: float) -> tuple[str | None, bool]:
    """The country a place name points to: that of its admin units if they agree ("Herat" the province,
    not a hamlet in Iran), else that of its populated towns if they agree or if its biggest town is
    `dominance` times bigger than any town elsewhere ("Qarvon" the capital, not a village abroad); and
    whether units said it."""
    units = {p.country for p in candidates if p.kind is PlaceKind.ADMIN1 or p.kind is PlaceKind.ADMIN2}
    if units:
        return (units.pop() if len(units) == 1 else None), True
    biggest: dict[str, int] = {}
    for p in candidates:
        if p.kind is PlaceKind.CITY and p.population:
            biggest[p.country or ""] = max(p.population, biggest.get(p.country or "", 0))
    ranked = sorted(biggest.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] >= dominance * ranked[1][1]):
        return ranked[0][0] or None, False
    return None, False


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
        if match.fuzzy or match.country or not match.candidates or match.cues & WEAK_CUES:
            continue
        if any(country_in_play(p.country, context, scoring) for p in match.candidates):
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
