"""The geo lexicon: cue words, stop words, demonyms and curated aliases, loaded once from data/."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.dates.lexicon import DateLexicon, fill_calendar_words, load_date_lexicon
from conflictdb.extract.prefix_tree import prefix_tree_alternation
from conflictdb.geo.names import normalize_name
from conflictdb.records.places import PlaceKind

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alias:
    """A spelling the gazetteer lacks, pointing at the gazetteer's name (and country, if known)."""

    key: str
    country: str | None


@dataclass(frozen=True, slots=True)
class ContextWeights:
    """What each word pointing to a country adds to the article's weight of that country."""

    country_named: int
    country_in_dateline: int
    demonym: int
    demonym_force: int
    place_of_one_country: int
    unit_of_one_country: int
    located_place_of_one_country: int
    unit_with_level_word: int
    country_as_actor: int
    place_with_its_parent: int
    unit_word_of_one_country: int
    actor_of_one_country: int
    party_of_one_country: int


@dataclass(frozen=True, slots=True)
class PlaceScoring:
    """The features of place resolution and their weights (data/geo_scoring.yaml)."""

    context: ContextWeights
    country_as_actor: re.Pattern[str]  # matched right after a country's name: "-backed", " led"
    named_abroad: int
    share_abroad: float
    prominent_population: int
    dominant_town_ratio: float  # a town name's biggest reading this many times the others': its country
    fuzzy_share: float
    common_word_zipf: float  # a word this frequent in English, not told as a place, names none
    fuzzy_english_zipf: float  # a word this frequent in English is spelt right: never a guessed spelling
    nearest_spelling: float  # a guessed spelling's reading this alike may give a note with no country its own
    nearest_spelling_margin: float  # ... when no other country's reading is within this of it
    city_of_subplace: int
    kind_prior: MappingProxyType[PlaceKind, float]
    population_per_decade: float
    level_word_agrees: float
    level_word_differs: float
    admin1_as_parent: float
    capital_cue: float
    country_share: float
    country_absent: float
    parent_inside: float
    parent_outside: float
    holds_named_child: float
    inside_named_unit: float
    near_named_town: float
    near_km: float
    first_mention_province: float
    lookback: int  # characters before an incident's text searched for its place
    name_reach: int  # characters before a name searched for a person's first name
    subplace_reach: int  # characters before a district's name searched for a village in it
    parent_depth: int  # parents read above a name
    max_name_words: int  # toponym finding: words in a place name at most
    min_fuzzy_length: int  # letters a name needs to be guessed by its skeleton
    namesake_town_population: int  # a town spelt like a unit of its country, this big, is a reading of it
    cue_reach: int  # characters read around a name for a distance, a demonym or a parenthesis' close
    role_reach: int  # characters read before a name for a role word
    dateline_reach: int  # characters from the article's start searched for datelines
    parent_gap: re.Pattern[str]  # the text between a place and its parent named after it (geo.yaml)
    unknown_subplace: re.Pattern[str]  # a village named before the district holding it (geo.yaml)

    @property
    def weighs_anchors(self) -> bool:
        """Whether any feature reads the other places named (else they need not be gathered)."""
        return bool(self.inside_named_unit or self.near_named_town or self.first_mention_province)


def load_place_scoring(*, data_dir: Path = DATA_DIR, geo: Mapping[str, Any] | None = None) -> PlaceScoring:
    """Read geo_scoring.yaml into a PlaceScoring, with the patterns of geo.yaml (`geo`: that file already
    read, else it is read here)."""
    data = dict(load_yaml("geo_scoring.yaml", data_dir=data_dir))
    geo = geo if geo is not None else load_yaml("geo.yaml", data_dir=data_dir)
    context = ContextWeights(**data.pop("context"))
    words = "|".join(re.escape(w) for w in sorted(data.pop("country_as_actor_after"), key=len, reverse=True))
    country_as_actor = re.compile(rf"(?:-|\s+)(?:{words})\b", re.IGNORECASE)
    kind_prior = MappingProxyType({PlaceKind(k): float(v) for k, v in data.pop("kind_prior").items()})
    data |= {"parent_gap": _parent_gap(geo), "unknown_subplace": _unknown_subplace(geo)}
    return PlaceScoring(context=context, country_as_actor=country_as_actor, kind_prior=kind_prior, **data)


def _parent_gap(geo: Mapping[str, Any]) -> re.Pattern[str]:
    """The whole text between a place and its parent: a gap word (after a comma any run of spaces, or
    none), then maybe a direction, as is or with "-ern", and a space."""
    gaps = sorted(geo["parent_gap"], key=len, reverse=True)
    words = "|".join(re.escape(w).replace(r",\ ", r",\s*").replace(r"\ ", " ") for w in gaps)
    directions = "|".join(map(re.escape, [*geo["directions"], *geo["parent_gap_directions"]]))
    return re.compile(rf"^\s*(?:{words})\s*(?:(?:{directions})(?:ern)?\s+)?$", re.IGNORECASE)


def _unknown_subplace(geo: Mapping[str, Any]) -> re.Pattern[str]:
    """One or two capitalised words and a `subplace_before` phrase at the end of the text before a name."""
    before = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(geo["subplace_before"], key=len, reverse=True)
    )
    return re.compile(rf"\b([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\s+(?:{before})\s+$")


@dataclass(frozen=True, slots=True)
class GeoLexicon:
    """Everything toponym finding and resolution read from data files."""

    stop_words: frozenset[str]
    fuzzy_never_first: frozenset[str]  # words that open no place's name ("In Garowe" is "Garowe")
    level_after: MappingProxyType[Phrase, PlaceKind]
    feature_after: frozenset[Phrase]
    joining_ways: re.Pattern[str]  # matches right after "X-Y": a way joining the places X and Y
    near_before: frozenset[Phrase]
    capital_before: frozenset[Phrase]
    person_before: frozenset[Phrase]
    locative_before: frozenset[Phrase]
    demonyms: MappingProxyType[str, str]
    demonym_pattern: re.Pattern[str]  # a capitalised demonym; group "force" when an armed force follows
    demonym_place_before: re.Pattern[str]  # "the Lebanese town of " before a name; group "demonym"
    demonym_place_word: re.Pattern[str]  # its place word ("town "): text without one holds no match
    country_names: MappingProxyType[str, str]
    territories: MappingProxyType[str, str]  # "gaza", "west bank": country context, but matched as places
    aliases: MappingProxyType[str, Alias]
    distance_before: re.Pattern[str]
    place_role: re.Pattern[str]  # the text before a place named in another role ("travelling to ")
    max_cue_words: int
    scoring: PlaceScoring
    unknown_place_before: frozenset[Phrase]  # "the village of" X: a place the gazetteer lacks
    unknown_place_after: frozenset[Phrase]  # X "village"
    unknown_place_lead: frozenset[str]  # the word right before such a place: "of", "in", "at"
    unknown_place_tail: frozenset[str]  # the first word right after it: "village"
    container_gap: re.Pattern[str]  # between a place and the unit holding it (_container_gap)
    name_heads: frozenset[str]  # "University", "Bank": the last word of an institution's name
    numbered_unit_words: frozenset[str]  # "Ward", "Zone": before a number, a part of a town, no place
    unit_word_pattern: re.Pattern[str]  # a word for a unit that one country alone uses ("barangay")
    unit_word_countries: MappingProxyType[str, str]  # that word, lower-case -> its country
    actor_countries: tuple[re.Pattern[str], tuple[str, ...]]  # one-country groups; group c<n>: country n
    party_countries: tuple[re.Pattern[str], tuple[str, ...]]  # a party's people ("X cadres"); as above
    party_names: PartyNames  # parties' full names ("Orange Democratic Movement"), whatever follows
    name_particles: frozenset[str]  # lower-case words inside a name ("wa", "al", "del")
    particle_prefix: re.Pattern[str]  # a lower-case article hyphened to a name ("ez-Zor")
    elided_article: re.Pattern[str]  # an article elided onto a name ("l'Isere")
    article_opening: re.Pattern[str]  # an Arabic article opening a name ("Ar-Raqqa", "Al Arish")
    feminine_spoken: str  # the Arabic feminine ending as the text may write it ...
    feminine_written: str  # ... and as the gazetteer does


def _phrases(words: list[str]) -> frozenset[Phrase]:
    """Cue phrases as tuples of normalised words."""
    return frozenset(tuple(normalize_name(w).split()) for w in words if normalize_name(w))


def _mapping(table: dict[str, list[str]]) -> dict[str, str]:
    """Invert {code: [names]} into {normalised name: code}."""
    return {normalize_name(name): code for code, names in table.items() for name in names}


def _capitalised(name: str) -> str:
    """A name with each of its words capitalised ("south sudanese" -> "South Sudanese", "Bissau-Guinean")."""
    return re.sub(r"(?:^|(?<=[\s-]))\w", lambda m: m.group().upper(), name)


def _demonym_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """Capitalised demonyms ("Syrian"), not where one names a unit ("the Somali region" of Ethiopia); group
    "force" marks those before the words of an armed force ("Israeli soldiers" in Khan Younis tell who fought
    more than where)."""
    names = {n for names in data["demonyms"].values() for n in names}
    forces = "|".join(re.escape(w) for w in data["demonym_actor_words"])
    units = "|".join(re.escape(w) for w in data["demonym_unit_name_words"])
    alternation = prefix_tree_alternation(_capitalised(n) for n in names)  # nested: read at a glance
    return re.compile(
        rf"\b(?P<demonym>{alternation})\b(?!\s+(?i:{units})\b(?!\s+of\b))"
        rf"(?P<force>[-\s]+(?:led\s+)?(?:{forces})\b)?"
    )


def _unit_word_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """The words for units that one country alone uses, as whole words in any case."""
    words = [w for words in data["unit_words_of_one_country"].values() for w in words]
    return re.compile(rf"\b(?:{prefix_tree_alternation(words)})\b", re.IGNORECASE)


def _actor_countries(actors: Mapping[str, Any]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The names of the armed groups (and forces) of actors.yaml that fight in one country alone, as one
    case-sensitive alternation whose n-th named group (`c<n>`) is the n-th country's names, with those
    countries: one scan of a text finds them all."""
    names: dict[str, list[str]] = {}
    for entry in actors["named"]:
        if entry.get("country"):
            names.setdefault(entry["country"], []).extend(entry["patterns"])
    countries = tuple(sorted(names))
    groups = "|".join(f"(?P<c{n}>{'|'.join(names[code])})" for n, code in enumerate(countries))
    return re.compile(rf"\b(?:{groups or '(?!)'})\b"), countries


def _party_countries(actors: Mapping[str, Any]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The political parties of actors.yaml (each named in its own country alone), as `_actor_countries`
    gives the groups: a full name or an abbreviation before one of `member_words` ("X cadres", "X Party (XP)
    cadres"), as the actors read a party's people, or after one and "of" ("supporters of the XP"; there
    only an abbreviation in capitals: "members of Congress" are the US's), or alone: a full name, or an
    abbreviation in capitals of three letters or more ("clashes between XP and YP") that names no weapon
    (`initials_not_alone`: "an RPG"). A name or abbreviation listed in two countries ("PDP") tells neither."""
    parties = actors.get("parties") or {}
    member = "|".join(sorted(parties.get("member_words", ()), key=len, reverse=True))
    full, short = _party_spellings(actors)
    listed_in = Counter(p for code in full for p in full[code] | short[code])

    def alone(spellings: Iterable[str]) -> list[str]:
        return sorted((p for p in spellings if listed_in[p] == 1), key=len, reverse=True)

    before = {code: alone(full[code] | short[code]) for code in full}
    after = {code: alone(full[code] | {p for p in short[code] if not re.search("[a-z]", p)}) for code in full}
    common = set(parties.get("initials_not_alone", ()))
    bare = {
        code: alone(
            full[code] | {p for p in short[code] if re.fullmatch(r"[A-Z]{3,}", p) and p not in common}
        )
        for code in full
    }
    countries = tuple(sorted(code for code in full if before[code]))
    if not countries or not member:
        return re.compile("(?!)"), countries
    groups = "|".join(f"(?P<c{n}>{'|'.join(before[code])})" for n, code in enumerate(countries))
    owned = "|".join(f"(?P<o{n}>{'|'.join(after[code])})" for n, code in enumerate(countries) if after[code])
    alone_named = (
        "|".join(f"(?P<b{n}>{'|'.join(bare[code])})" for n, code in enumerate(countries) if bare[code])
        or "(?!)"
    )
    abbreviation = r"(?: \([A-Z][\w()-]{1,10}\))?"  # "X Party (XP) cadres"
    return re.compile(  # every name opens with a capital: the alternations are tried at capitals alone
        rf"\b(?:(?=[A-Z])(?:(?:{groups})(?={abbreviation}[ -](?:{member})\b)|(?:{alone_named})(?!\w))"
        rf"|(?i:{member}) of (?:the )?(?:{owned})\b)"
    ), countries


@dataclass(frozen=True)
class PartyNames:
    """The full names of the parties of actors.yaml: `pattern` finds any, `by_country` tells whose it is."""

    pattern: re.Pattern[str]
    by_country: tuple[tuple[str, re.Pattern[str]], ...]

    def countries(self, name: str) -> frozenset[str]:
        """The countries with a party of this full name."""
        return frozenset(code for code, names in self.by_country if names.fullmatch(name))


def _party_spellings(actors: Mapping[str, Any]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The parties of actors.yaml by country: their full names, and their abbreviations."""
    listed = (actors.get("parties") or {}).get("by_country") or {}
    full = {code: {n for party in said for n in party.get("names", ())} for code, said in listed.items()}
    short = {code: {n for party in said for n in party.get("short", ())} for code, said in listed.items()}
    return full, short


def _party_names(actors: Mapping[str, Any]) -> PartyNames:
    """The full names of the parties of actors.yaml, by country."""
    full, _ = _party_spellings(actors)
    names = {code: sorted(said, key=len, reverse=True) for code, said in full.items() if said}
    every = sorted({n for said in names.values() for n in said}, key=len, reverse=True)
    return PartyNames(
        re.compile(rf"\b(?:{'|'.join(every) or '(?!)'})\b"),
        tuple((code, re.compile("|".join(said))) for code, said in sorted(names.items())),
    )


def _place_words(data: dict[str, Any]) -> str:
    """The alternation of the place words a demonym stands before ("town", "border village")."""
    return "|".join(re.escape(w) for w in sorted(data["demonym_place_words"], key=len, reverse=True))


def _demonym_place_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """A demonym and a place word at the end of the text before a name ("the Lebanese town of ")."""
    names = {n for names in data["demonyms"].values() for n in names}
    alternation = prefix_tree_alternation(_capitalised(n) for n in names)
    return re.compile(rf"\b(?P<demonym>{alternation})\s+(?:{_place_words(data)})\s+(?:of\s+)?(?:the\s+)?$")


def read_aliases(path: Path) -> dict[str, Alias]:
    """Read the alias CSV (variant, name, country, source: where the spelling is in general use)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            normalize_name(row["variant"]): Alias(normalize_name(row["name"]), row.get("country") or None)
            for row in csv.DictReader(handle)
        }


def _distance_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """'25 km north of', '10 miles from' at the end of the text before a name."""
    units = "|".join(map(re.escape, data["distance_units"]))
    directions = "|".join(map(re.escape, data["directions"]))
    return re.compile(
        rf"(\d+(?:\.\d+)?)\s*-?\s*(?:{units})\s+(?:\(\s*\d+\s*\w+\s*\)\s+)?(?:(?:{directions})\s+)?(?:of|from)"
        rf"\s+(?:the\s+)?(?:\w+\s+)?$",
        re.IGNORECASE,
    )


def _alternation(words: list[str]) -> str:
    """The words as one alternation, longest first, a space in one matching any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _place_role_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """The text before a place named in another role than where things happened: a role word of a class
    (geo.yaml `place_roles`), the rest of its clause, then one of the class's prepositions and only filler
    words ("travelling to the port city of ", "rushed to a hospital in ") at the end of the text."""
    breaks = _alternation(data["role_breaks"])
    gap = rf"(?:(?!\b(?:{breaks})\b)[^.;:!?,()\n]){{0,60}}?"
    roles = "|".join(
        rf"\b(?:{_alternation(role['words'])})\b{gap}\b(?:{_alternation(role['prepositions'])})"
        for role in data["place_roles"].values()
    )
    fillers = _alternation(data["role_fillers"])
    return re.compile(rf"(?:{roles})\s+(?:(?:{fillers})\s+){{0,6}}$", re.IGNORECASE)


def _container_gap(data: dict[str, Any]) -> re.Pattern[str]:
    """The text between a place and the unit named as holding it: a parenthesis or bracket opening
    ("X (Y, Z)"); for a place the gazetteer lacks also a comma, "in" or "of" ("the village of X in Y")."""
    opening = "|".join(map(re.escape, data["container_open"]))
    units = "|".join(re.escape(w) for w in sorted(data["sub_unit_words"], key=len, reverse=True))
    return re.compile(
        rf"\s*(?:(?:{units})\s*)?(?:(?P<open>{opening})|,|,?\s*(?:in|of)(?:\s+the)?)\s*$", re.IGNORECASE
    )


def load_geo_lexicon(
    *,
    data_dir: Path = DATA_DIR,
    dates: DateLexicon | None = None,
    raw: Mapping[str, Any] | None = None,
    actors: Mapping[str, Any] | None = None,
) -> GeoLexicon:
    """Load geo.yaml (`raw`: that file as already read), geo_scoring.yaml, place_aliases.csv and the
    one-country groups of actors.yaml (`actors`: that file as already read) into a GeoLexicon, the
    calendar placeholders of its stop words filled from the date lexicon `dates` (read from `data_dir` if
    not given)."""
    data = raw if raw is not None else load_yaml("geo.yaml", data_dir=data_dir)
    actors = actors if actors is not None else load_yaml("actors.yaml", data_dir=data_dir)
    dates = dates if dates is not None else load_date_lexicon(data_dir)
    level_after = {
        phrase: PlaceKind(kind) for kind, words in data["level_after"].items() for phrase in _phrases(words)
    }
    cue_phrases = [*level_after, *_phrases(data["feature_after"])]
    unknown_before = _phrases(data["unknown_place_before"])
    unknown_after = _phrases(data["unknown_place_after"] + data["sub_unit_words"])
    locative_before = _phrases(data["locative_before"])
    return GeoLexicon(
        stop_words=frozenset(normalize_name(w) for w in fill_calendar_words(data["stop_words"], dates)),
        fuzzy_never_first=frozenset(normalize_name(w) for w in data["fuzzy_never_first"]),
        level_after=MappingProxyType(level_after),
        feature_after=_phrases(data["feature_after"]),
        joining_ways=re.compile(
            r"\s+(?:" + "|".join(map(re.escape, data["joining_ways"])) + r")\b", re.IGNORECASE
        ),
        near_before=_phrases(data["near_before"]),
        capital_before=_phrases(data["capital_before"]),
        person_before=_phrases(data["person_before"]),
        locative_before=locative_before,
        demonyms=MappingProxyType(_mapping(data["demonyms"])),
        demonym_pattern=_demonym_pattern(data),
        demonym_place_before=_demonym_place_pattern(data),
        demonym_place_word=re.compile(rf"(?:{_place_words(data)})\s"),
        country_names=MappingProxyType(_mapping(data["country_names"])),
        territories=MappingProxyType(_mapping(data.get("territories", {}))),
        aliases=MappingProxyType(read_aliases(data_dir / "place_aliases.csv")),
        distance_before=_distance_pattern(data),
        place_role=_place_role_pattern(data),
        max_cue_words=max(len(p) for p in cue_phrases),
        unknown_place_before=unknown_before,
        unknown_place_after=unknown_after,
        unknown_place_lead=frozenset(
            {p[-1] for p in unknown_before} | {p[0] for p in locative_before if len(p) == 1}
        ),
        unknown_place_tail=frozenset(p[0] for p in unknown_after),
        container_gap=_container_gap(data),
        name_heads=frozenset(normalize_name(w) for w in data["name_heads"]),
        numbered_unit_words=frozenset(normalize_name(w) for w in data["numbered_unit_words"]),
        unit_word_pattern=_unit_word_pattern(data),
        unit_word_countries=MappingProxyType(
            {w.lower(): code for code, words in data["unit_words_of_one_country"].items() for w in words}
        ),
        actor_countries=_actor_countries(actors),
        party_countries=_party_countries(actors),
        party_names=_party_names(actors),
        scoring=load_place_scoring(data_dir=data_dir, geo=data),
        name_particles=frozenset(data["name_particles"]),
        particle_prefix=re.compile(rf"^(?:{'|'.join(map(re.escape, data['particle_prefixes']))})-[A-Z]"),
        elided_article=re.compile(
            rf"^(?:{'|'.join(map(re.escape, data['elided_articles']))})['\u2019](?=[A-Z])"
        ),
        article_opening=_article_opening(data),
        feminine_spoken=data["feminine_ending"]["spoken"],
        feminine_written=data["feminine_ending"]["written"],
    )


def _words(words: list[str]) -> str:
    """The words as a regex alternation, as written."""
    return "|".join(map(re.escape, words))


def _article_opening(data: Mapping[str, Any]) -> re.Pattern[str]:
    """An Arabic article opening a name as written: hyphened to it, or a word of its own before it."""
    hyphened = "|".join(map(re.escape, sorted(data["article_hyphened"], key=len, reverse=True)))
    spaced = "|".join(map(re.escape, data["article_spaced"]))
    return re.compile(rf"^(?:(?:{hyphened})-(?=\w)|(?:{spaced}) (?=\w))")
