"""ACLED's names for actors: a state's forces with their regime period, generic actors of a country, the
actors an event type implies and the groups a crowd is made of (data/actor_names.yaml).

Finding actor phrases in a text is `extract.actors`; this module only names. A state's forces are named
for the government in power on the event's day, the period open-ended as an export made soon after the
event writes it ("Military Forces of Nigeria (2015-)"); ACLED's older Asian data had no periods.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.export_tables import load_regions
from conflictdb.geo.admin_names import ACLED_COUNTRIES_FILE, AcledCountry, load_acled_countries
from conflictdb.records import quick_init

NAMES_FILE = "actor_names.yaml"


@quick_init
@dataclass(frozen=True, slots=True)
class ActorCoding:
    """An incident's actors under ACLED's names: who acted (actor1), whom it hit (actor2), and the
    actors associated with each ("; " between several, ACLED's way)."""

    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None


@dataclass(frozen=True, slots=True)
class Roles:
    """The actor templates an event type implies."""

    actor1: str | None
    actor2: str | None


@dataclass(frozen=True, slots=True)
class ActorNaming:
    """The tables of data/actor_names.yaml with ACLED's country names and regions."""

    countries: Mapping[str, str]  # ISO alpha-2 (or a de facto state's name) -> ACLED country name
    regions: Mapping[str, str]  # ISO alpha-2 -> ACLED region
    with_article: frozenset[str]
    article_since: Mapping[str, dt.date]  # alpha-2 -> the first day its forces' names have "the"
    regimes: Mapping[str, tuple[tuple[dt.date, int], ...]]  # alpha-2 -> (first day, year named), in order
    undated_before: Mapping[str, dt.date]  # region -> first day state forces have periods
    undated_as_of: dt.date  # the day an incident no day is known for is named as of
    demonyms: Mapping[str, str]  # adjective -> alpha-2
    by_event_type: Mapping[str, Roles]
    crowd_event_types: frozenset[str]
    two_sided_event_types: frozenset[str]
    forces_hit_event_types: frozenset[str]
    state_side_event_types: frozenset[str]
    forces_acted_event_types: frozenset[str]  # where forces named as a side, and no other doer, acted
    civilians_hit_event_types: frozenset[str]
    responding_forces: tuple[str, ...]  # name prefixes of forces listed second in a battle nobody started
    answered: re.Pattern[str]  # words telling that forces answered an attack ("repelled")
    arrest_event_types: frozenset[str]  # sub-event types where a group named by name alone was arrested
    crowd_groups: tuple[tuple[re.Pattern[str], str], ...]
    crowd_fight: re.Pattern[str]  # a crowd that fought: the forces named beside it are its other side
    counter_protest: re.Pattern[str]  # a protest met by another crowd's: that crowd is its other side
    crowd_military: re.Pattern[str]  # words telling a state's military, not its police, met a crowd
    unnamed_kinds: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]  # phrase pattern, name, countries
    units: tuple[tuple[re.Pattern[str], str, str, frozenset[str]], ...]  # phrase pattern, kind, unit, states
    generic: Mapping[str, str]  # role (armed_group, rioters, protesters, civilians) -> name template
    state_prefixes: tuple[str, ...]  # how the names of a state's forces begin
    forces_of: re.Pattern[str]  # "military forces of Armenia": the state's name in group `name`
    militias: CommunityMilitias
    government_event_types: frozenset[str]  # where a government told of acts
    government_words: re.Pattern[str]
    # sub-event types, the words that tell who acted there, and the name of that actor (first found first)
    told_doers: tuple[tuple[frozenset[str], re.Pattern[str], str], ...]
    air_event_types: frozenset[str]  # sub-event types of strikes from the air
    air_units: Mapping[str, str]  # alpha-2 -> the unit ACLED names a state's air strikes by
    attackers_event_types: frozenset[str]  # where `attackers` name the unidentified armed group
    attackers: Mapping[str, str]  # alpha-2 -> ACLED's name of unidentified attackers there
    attackers_cues: re.Pattern[str]  # the signs of organised crime that make them so
    # event types, and alpha-2 -> ACLED's name of the unidentified side a state's forces fought there
    opponents_event_types: frozenset[str]
    opponents: Mapping[str, str]
    # multinational missions: country served in, contributing state -> first day, last day, name template
    missions: tuple[tuple[str, Mapping[str, dt.date], dt.date, str], ...] = ()
    # fighting told as between clans or communities: the event types, and the words and militia of each kind
    told_militias_event_types: frozenset[str] = frozenset()
    told_militias: tuple[tuple[re.Pattern[str], str], ...] = ()
    # a crowd of foreigners told by its nationality (group `demonym`) or as refugees (group `stateless`)
    crowd_nationality: re.Pattern[str] = re.compile("(?!)")
    stateless_name: str = "International"
    # (sub-)event types where forces told doing it, and no other doer, did what the type implies an
    # unidentified armed group did; the words before ("by") and after (a deed) a phrase that tell it did
    forces_did_event_types: frozenset[str] = frozenset()
    did_before: re.Pattern[str] = re.compile("(?!)")
    did_after: re.Pattern[str] = re.compile("(?!)")
    # the adjectives of `demonyms` of more than one word ("South Sudanese"), in their order, with their state
    joint_demonyms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CommunityMilitias:
    """How ACLED names the militias of a community, clan or ethnic group (actor_names.yaml)."""

    patterns: tuple[re.Pattern[str], ...]  # group `name` and, if said, `kind`
    templates: Mapping[str, str]  # kind -> name template ({name}, {country})
    not_names: frozenset[str]
    ethnic_groups: frozenset[str]


def _crowd_nationality_pattern(raw: Mapping[str, Any], demonyms: Mapping[str, str]) -> re.Pattern[str]:
    """The `crowd_nationality` table of actor_names.yaml as one pattern: a demonym before the crowd's noun, or
    before people who then act as a crowd; refugees of no nationality told acting so (group `stateless`)."""

    def words(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(raw[key], key=len, reverse=True))

    names = "|".join(re.escape(str(d)) for d in sorted(demonyms, key=len, reverse=True))
    acts = rf"(?:\s+[\w'’(),-]+){{0,6}}?\s+(?:{words('deeds')})\b"
    return re.compile(
        rf"\b(?P<demonym>{names})\s+(?:(?:{words('crowd')})\b|(?:{words('people')})\b{acts})"
        rf"|\b(?P<stateless>{words('stateless')})\b{acts}"
    )


def crowd_nationality(text: str, naming: ActorNaming) -> str | None:
    """What a crowd of foreigners is named for, ACLED's way ("Protesters (China)" for Chinese tourists
    protesting in Nepal): the alpha-2 code of its nationality, or the stateless name for refugees of none
    told; None for a crowd told by no nationality."""
    for found in naming.crowd_nationality.finditer(text):
        if found.group("demonym"):
            return naming.demonyms[found.group("demonym")]
        before = text[: found.start()].split()
        if not before or before[-1] not in naming.demonyms:  # "Syrian refugees" were matched as such
            return naming.stateless_name
    return None


def _load_militias(raw: Mapping[str, Any]) -> CommunityMilitias:
    """The `community_militias` table of actor_names.yaml, its patterns compiled."""
    return CommunityMilitias(
        tuple(re.compile(p.replace("{name}", raw["name"])) for p in raw["patterns"]),
        MappingProxyType(dict(raw["templates"])),
        frozenset(raw["not_names"]),
        frozenset(raw["ethnic_groups"]),
    )


def load_actor_naming(
    data_dir: Path = DATA_DIR,
    *,
    countries: Mapping[str, AcledCountry] | None = None,
    regions: Mapping[str, str] | None = None,
) -> ActorNaming:
    """Read data/actor_names.yaml; ACLED's countries and regions as given (`resources` reads
    acled_countries.csv and acled_regions.yaml once, for this and the exports), else read here."""
    raw = load_yaml(NAMES_FILE, data_dir=data_dir)
    if countries is None:
        countries = load_acled_countries(data_dir / ACLED_COUNTRIES_FILE)
    return ActorNaming(
        countries=MappingProxyType(
            {code: c.name for code, c in countries.items()} | {name: name for name in raw["de_facto_states"]}
        ),
        regions=regions if regions is not None else load_regions(data_dir),
        with_article=frozenset(raw["with_article"]),
        article_since=MappingProxyType(dict(raw["article_since"])),
        regimes=MappingProxyType(
            {
                code: tuple((day, int(year)) for day, year in periods)
                for code, periods in (raw["regimes"] | raw["de_facto_states"]).items()
            }
        ),
        undated_before=MappingProxyType(dict(raw["undated_before"])),
        undated_as_of=raw["undated_as_of"],
        demonyms=MappingProxyType({str(k): v for k, v in raw["demonyms"].items()}),
        joint_demonyms=tuple((str(k), v) for k, v in raw["demonyms"].items() if " " in str(k)),
        by_event_type=MappingProxyType(
            {kind: Roles(r.get("actor1"), r.get("actor2")) for kind, r in raw["by_event_type"].items()}
        ),
        crowd_event_types=frozenset(raw["crowd_event_types"]),
        two_sided_event_types=frozenset(raw["two_sided_event_types"]),
        forces_hit_event_types=frozenset(raw["forces_hit_event_types"]),
        state_side_event_types=frozenset(raw["state_side_event_types"]),
        forces_acted_event_types=frozenset(raw["forces_acted_event_types"]),
        civilians_hit_event_types=frozenset(raw["civilians_hit_event_types"]),
        responding_forces=tuple(raw["responding_forces"]),
        answered=re.compile(raw["answered_words"], re.IGNORECASE),
        arrest_event_types=frozenset(raw["arrest_event_types"]),
        crowd_groups=tuple((re.compile(g["words"], re.IGNORECASE), g["name"]) for g in raw["crowd_groups"]),
        crowd_fight=re.compile(raw["crowd_fight_words"], re.IGNORECASE),
        counter_protest=re.compile(raw["counter_protest_words"], re.IGNORECASE),
        crowd_military=re.compile(raw["crowd_military_words"], re.IGNORECASE),
        crowd_nationality=_crowd_nationality_pattern(raw["crowd_nationality"], raw["demonyms"]),
        stateless_name=raw["crowd_nationality"]["stateless_name"],
        unnamed_kinds=tuple(
            (re.compile(k["words"], re.IGNORECASE), k["name"], frozenset(k.get("countries", ())))
            for k in raw["unnamed_kinds"]
        ),
        units=tuple(
            (re.compile(u["words"], re.IGNORECASE), u["kind"], u["unit"], frozenset(u.get("states", ())))
            for u in raw["units"]
        ),
        generic=MappingProxyType(dict(raw["generic_names"])),
        state_prefixes=tuple(raw["state_forces_prefixes"]),
        forces_of=re.compile(
            rf"\b(?i:{'|'.join(raw['forces_of_heads'])})\s+of\s+(?:the\s+)?(?P<name>[A-Z][\w' -]+)"
        ),
        militias=_load_militias(raw["community_militias"]),
        government_event_types=frozenset(raw["government"]["event_types"]),
        government_words=re.compile(raw["government"]["words"], re.IGNORECASE),
        told_doers=tuple(
            (frozenset(d["sub_event_types"]), re.compile(d["words"], re.IGNORECASE), d["actor1"])
            for d in raw["told_doers"]
        ),
        air_event_types=frozenset(raw["air_units"]["sub_event_types"]),
        air_units=MappingProxyType(dict(raw["air_units"]["by_state"])),
        attackers_event_types=frozenset(raw["unidentified_attackers"]["event_types"]),
        attackers=MappingProxyType(dict(raw["unidentified_attackers"]["by_country"])),
        attackers_cues=re.compile(raw["unidentified_attackers"]["cues"], re.IGNORECASE),
        opponents_event_types=frozenset(raw["forces_opponents"]["event_types"]),
        opponents=MappingProxyType(dict(raw["forces_opponents"]["by_country"])),
        missions=tuple(
            (m["in"], MappingProxyType(dict(m["states"])), m["until"], m["name"])
            for m in raw.get("missions", ())
        ),
        forces_did_event_types=frozenset(raw["forces_did"]["event_types"]),
        did_before=re.compile(raw["forces_did"]["before"], re.IGNORECASE),
        did_after=re.compile(raw["forces_did"]["after"], re.IGNORECASE),
        told_militias_event_types=frozenset(raw["told_militias"]["event_types"]),
        told_militias=tuple(
            (re.compile(k["words"], re.IGNORECASE), k["name"]) for k in raw["told_militias"]["kinds"]
        ),
    )


def stem(template: str) -> str:
    """How every name a template gives begins: its text before the first slot ("Civilians (")."""
    return template.partition("{")[0]


def period(country: str, day: dt.date | None, naming: ActorNaming) -> str:
    """ " (2015-)": the regime period of a state's forces on `day` (the latest known without a day); "" when
    the country's periods are unknown, the day comes before them, or ACLED's data then had none."""
    cutoff = naming.undated_before.get(naming.regions.get(country, ""))
    if day is not None and cutoff is not None and day < cutoff:
        return ""
    periods = naming.regimes.get(country, ())
    current = [year for first, year in periods if day is None or first <= day]
    return f" ({current[-1]}-)" if current else ""


def state_forces(kind: str, country: str | None, day: dt.date | None, naming: ActorNaming) -> str | None:
    """ACLED's name of a state's military or police ("military", "police"); None for an unknown country."""
    if country is None or country not in naming.countries:
        return None
    since = naming.article_since.get(country)
    named_with = country in naming.with_article and (day is None or since is None or since <= day)
    article = "the " if named_with else ""
    title = "Police" if kind == "police" else "Military"
    return f"{title} Forces of {article}{naming.countries[country]}{period(country, day, naming)}"


def mission(state: str | None, country: str | None, day: dt.date | None, naming: ActorNaming) -> str | None:
    """ACLED's name of `state`'s forces serving in a mission in `country` on `day` ("AMISOM: ... (Kenya)"),
    None outside one (or without a day)."""
    if day is None or state is None or state == country or state not in naming.countries:
        return None
    for where, joined, until, name in naming.missions:
        first = joined.get(state)
        if where == country and first is not None and first <= day <= until:
            return name.replace("{state}", naming.countries[state])
    return None


def government(country: str | None, day: dt.date | None, naming: ActorNaming) -> str | None:
    """ACLED's name of a state's government ("Government of Turkey (2016-)"); None for an unknown country."""
    forces = state_forces("military", country, day, naming)
    return forces.replace("Military Forces of ", "Government of ", 1) if forces else None


def unit_forces(phrase: str, state: str | None, day: dt.date | None, naming: ActorNaming) -> str | None:
    """A state's forces with the unit a phrase names ("gendarmes": "... Gendarmerie"), if it names one."""
    for words, kind, unit, states in naming.units:
        if words.search(phrase) and (not states or state in states):
            forces = state_forces(kind, state, day, naming)
            return f"{forces} {unit}" if forces else None
    return None


def fill(template: str, country: str | None, day: dt.date | None, naming: ActorNaming) -> str | None:
    """A name template with {country}, {military} and {police} filled; None when the country is unknown."""
    if not any(slot in template for slot in ("{country}", "{military}", "{police}")):
        return template
    if country is None or country not in naming.countries:
        return None
    name = template.replace("{country}", naming.countries[country])
    for kind in ("military", "police"):
        if "{" + kind + "}" in name:
            name = name.replace("{" + kind + "}", state_forces(kind, country, day, naming) or "")
    return name


def demonym_country(phrase: str, naming: ActorNaming) -> str | None:
    """The state an adjective of `phrase` names ("Turkish troops": TR), if any; an adjective of two words
    ("South Sudanese troops") before its last word alone."""
    for name, code in naming.joint_demonyms:
        if name in phrase:
            return code
    for word in re.findall(r"[\w.'-]+", phrase):
        found = naming.demonyms.get(word) or naming.demonyms.get(word.removesuffix("'s"))
        if found:
            return found
    return None


def forces_of(phrase: str, naming: ActorNaming) -> str | None:
    """The state of "forces of <country>" ("military forces of Armenia": AM), ACLED's own wording."""
    m = naming.forces_of.search(phrase)
    if m is None:
        return None
    name = m.group("name").strip()
    return next((code for code, country in naming.countries.items() if name.startswith(country)), None)


def unnamed_kind(phrase: str, country: str | None, naming: ActorNaming) -> str | None:
    """ACLED's generic name of an armed actor of a kind but no name ("gang members": Unidentified Gang)."""
    for words, name, countries in naming.unnamed_kinds:
        if words.search(phrase) and (not countries or country in countries):
            return fill(name, country, None, naming)
    return None


def community_militia(
    text: str, country: str | None, naming: ActorNaming
) -> tuple[re.Match[str], str] | None:
    """The first militia `text` names for its community, clan or ethnic group, with ACLED's name for it
    ("a Tondo militia": Tondo Communal Militia (Nigeria)); None when none is named or the country unknown."""
    militias = naming.militias
    found = []
    for pattern in militias.patterns:
        for m in pattern.finditer(text):
            name = m.group("name")
            first = name.split()[0]
            if not {first, first.split("-")[0]} & militias.not_names and first not in naming.demonyms:
                found.append(m)
                break
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    name, kind = m.group("name"), m.group("kind")
    kind = kind or ("ethnic" if name in militias.ethnic_groups else "communal")
    template = militias.templates[kind].replace("{name}", name)
    filled = fill(template, country, None, naming)
    return (m, filled) if filled else None


def crowd_groups(text: str, country: str | None, naming: ActorNaming) -> str | None:
    """The groups a crowd is made of, named in `text` ("students": Students (Kenya)), "; " between them."""
    names = [fill(name, country, None, naming) for words, name in naming.crowd_groups if words.search(text)]
    found = [n for n in dict.fromkeys(names) if n]
    return "; ".join(found) or None


def is_state(name: str | None, naming: ActorNaming) -> bool:
    """Is it ACLED's name of a state's forces?"""
    return bool(name) and (name or "").startswith(naming.state_prefixes)


def _named_group(name: str | None, naming: ActorNaming) -> bool:
    """Is it a group's own name, not a state's forces nor a name ACLED gives by role (rioters, civilians)?"""
    generic = tuple(stem(t) for t in naming.generic.values())
    return bool(name) and not is_state(name, naming) and not (name or "").startswith(generic)


def _air_unit(actor: str | None, day: dt.date | None, naming: ActorNaming) -> str | None:
    """A state's military that struck from the air, named by its air arm where ACLED does so."""
    for state, unit in naming.air_units.items():
        if actor is not None and actor == state_forces("military", state, day, naming):
            return f"{actor} {unit}"
    return actor


def _crowd_of_foreigners(
    template: str | None, text: str, day: dt.date | None, naming: ActorNaming
) -> str | None:
    """A protesting or rioting crowd's name by the nationality the text tells (`crowd_nationality`)."""
    crowds = (stem(naming.generic["protesters"]), stem(naming.generic["rioters"]))
    nationality = crowd_nationality(text, naming) if template and template.startswith(crowds) else None
    if nationality == naming.stateless_name:
        return template.replace("{country}", nationality) if template else None
    return fill(template, nationality, day, naming) if template and nationality else None


def _told_militia(
    actor1: str | None,
    unknown: str | None,
    text: str,
    event_type: str | None,
    country: str | None,
    day: dt.date | None,
    naming: ActorNaming,
) -> tuple[str | None, str | None]:
    """An unidentified armed group (`unknown`, its name in this country) as the militia of the kind the text
    tells the fighting was between ("inter-clan clashes": Unidentified Clan Militia), with that militia (None
    when none is told)."""
    if event_type not in naming.told_militias_event_types or actor1 != unknown:
        return actor1, None
    for words, name in naming.told_militias:
        if words.search(text):
            militia = fill(name, country, day, naming)
            return militia, militia
    return actor1, None


def _forces_opponent(
    coding: ActorCoding, event_type: str | None, country: str | None, day: dt.date | None, naming: ActorNaming
) -> ActorCoding:
    """A coding whose unidentified side (or missing one) faced a state's forces, that side named as the
    country's gangs where ACLED's conventions do so (`forces_opponents`: a Brazilian police shoot-out)."""
    name = naming.opponents.get(country or "") if event_type in naming.opponents_event_types else None
    if name is None:
        return coding
    unknown = fill(naming.generic["armed_group"], country, day, naming)
    gang = fill(name, country, day, naming)
    actor1, actor2 = coding.actor1, coding.actor2
    if is_state(actor1, naming) and actor2 in (None, unknown):
        actor2 = gang
    elif is_state(actor2, naming) and actor1 == unknown:
        actor1 = gang
    return ActorCoding(actor1, coding.assoc_actor_1, actor2, coding.assoc_actor_2)


_PLAIN_VICTIMS = frozenset({"civilians", "unspecified"})  # victim categories of people no side's fighters


def _crowd_police(
    forces: str | None, text: str, country: str | None, day: dt.date | None, naming: ActorNaming
) -> str | None:
    """The forces a crowd met: a state's military told only as its forces ("security forces dispersed the
    crowd"), with no soldiers told (`naming.crowd_military`), are its police (ACLED's convention); else
    `forces`."""
    military = state_forces("military", country, day, naming)
    if forces is None or forces != military or naming.crowd_military.search(text):
        return forces
    return state_forces("police", country, day, naming)


def code_actors(
    perpetrator: str | None,
    target: str | None,
    *,
    party: str | None = None,
    victims: frozenset[str] = frozenset(),
    party_hit: bool = False,
    party_place: bool = False,
    party_did: bool = False,
    text: str,
    context: str | None = None,
    event_type: str | None,
    sub_event_type: str | None,
    country: str | None,
    day: dt.date | None,
    naming: ActorNaming,
) -> ActorCoding:
    """ACLED's actor1/actor2 of an incident from the ACLED names of its perpetrator and target phrases and
    what its event type implies: a crowd for protests and riots (the groups it is made of associated),
    an unidentified armed group for an armed event nobody is named for, civilians as the victims of
    violence against civilians. In a battle nobody is named as attacker of, a state's forces named as a
    side but not as the target (`party`) are actor1, and the other side (the target, else an unidentified
    armed group) actor2, the other way round for forces that respond (police); in a battle with an
    attacker and no target, and in a riot, they are actor2 (in mob violence before the civilians it implies,
    when they are its target or attacker, or a side named where the crowd fought; a crowd that fought a
    group named by its own name fought that group, else a crowd that fought no forces fought rioters); in a
    strike from afar (air, drone, shelling) nobody is named as attacker of, they are actor1. Civilians are
    actor2 of an explosion with no target named whose counted `victims` (categories of its figures) are
    civilians or people of no named kind alone, and a state's forces named beside its attacker are actor2
    of an explosion that hit them (`party_hit`); fighting the text tells as between clans or communities
    is that kind of militia's, not an unidentified armed group's (`_told_militia`: on both sides of a
    battle); the forces named at a protest are its actor2 (those that stepped in), unless named for a
    place of theirs (`party_place`: "outside the police station"); in a strategic development with no other
    doer, they are its actor1 (they moved, arrested, seized), unless hit (`party_hit`), and so in violence
    against civilians and looting when the text tells them doing it (`party_did`: "beaten by guards").
    Unidentified attackers of civilians are the country's gangs where ACLED's conventions say so and the
    incident's sentences (`context`, else `text`) tell signs of organised crime (`unidentified_attackers`)."""
    roles = naming.by_event_type.get(sub_event_type or "") or naming.by_event_type.get(event_type or "")
    templates = (roles.actor1, roles.actor2) if roles else (None, None)
    implied = [fill(t, country, day, naming) if t else None for t in templates]
    civilians, armed = naming.generic["civilians"], naming.generic["armed_group"]
    if perpetrator is not None and perpetrator.startswith(stem(civilians)):
        perpetrator, target = None, target or perpetrator  # civilians are hit, not the attackers
    if event_type in naming.crowd_event_types:
        crowd = crowd_groups(text, country, naming)
        implied[0] = _crowd_of_foreigners(templates[0], text, day, naming) or implied[0]
        rioters = stem(naming.generic["rioters"])
        if implied[0] and implied[0].startswith((stem(naming.generic["protesters"]), rioters)):
            state_target = target if is_state(target, naming) else None
            second = implied[1] or state_target
            if implied[0].startswith(rioters):  # the forces a riot met, before the civilians it implies
                fought = naming.crowd_fight.search(text)
                sides = (target, perpetrator, party) if fought else (target, perpetrator)
                met = next((p for p in sides if is_state(p, naming)), None)
                group = next((p for p in sides if fought and _named_group(p, naming)), None)
                crowds = implied[0] if fought else None  # two crowds that fought: rioters on both sides
                second = met or group or crowds or second or (party if is_state(party, naming) else None)
            elif second is None and is_state(party, naming) and not party_place:
                second = party  # the forces that stepped in
            elif second is None and naming.counter_protest.search(context or text):
                second = implied[0]  # the crowd of a counter-protest
            return ActorCoding(
                implied[0], crowd, _crowd_police(second, context or text, country, day, naming), None
            )
        forces = perpetrator if is_state(perpetrator, naming) else implied[0]  # who used force on the crowd
        return ActorCoding(forces or perpetrator, None, implied[1], crowd)
    two_sided = event_type in naming.two_sided_event_types
    if perpetrator is None and two_sided and is_state(party, naming) and party != target:
        hit = target and (is_state(target, naming) or target.startswith(stem(civilians)))
        other = target if target and not hit else None
        if party.startswith(naming.responding_forces):
            coding = ActorCoding(other or implied[0], None, party, None)
        else:
            coding = ActorCoding(party, None, other or implied[0], None)
        return _forces_opponent(coding, event_type, country, day, naming)
    state_side = bool({event_type, sub_event_type} & naming.state_side_event_types)
    if perpetrator is None and state_side and is_state(party, naming) and party != target:
        perpetrator = party  # the forces named fired
    actor1 = perpetrator or implied[0]
    forces_did = bool({event_type, sub_event_type} & naming.forces_did_event_types)
    if perpetrator is None and forces_did and party_did and not party_hit and is_state(party, naming):
        actor1, party = party, None  # the soldiers or police told doing it
    if actor1 is None:  # the doer the words of the text imply ("families fled": civilians)
        told = (n for kinds, words, n in naming.told_doers if sub_event_type in kinds and words.search(text))
        name = next(told, None)
        actor1 = fill(name, country, day, naming) if name else None
    forces_acted = event_type in naming.forces_acted_event_types and not party_hit
    if actor1 is None and forces_acted and is_state(party, naming):
        actor1, party = party, None  # the forces named moved, arrested, seized or defused
    if (
        actor1 is None
        and event_type in naming.government_event_types
        and naming.government_words.search(text)
    ):
        actor1 = government(country, day, naming)  # the government told of acted
    if sub_event_type in naming.air_event_types:
        actor1 = _air_unit(actor1, day, naming)
    unknown = fill(armed, country, day, naming)
    attackers = fill(naming.attackers.get(country or "", armed), country, day, naming)
    if (
        event_type in naming.attackers_event_types
        and actor1 == unknown != attackers
        and naming.attackers_cues.search(context or text)  # signs of organised crime, told anywhere
    ):
        actor1 = actor1 if attackers == target else attackers  # a gang's member hit: others' doing
    actor1, told_side = _told_militia(actor1, unknown, text, event_type, country, day, naming)
    actor2 = target if target and target != actor1 else implied[1]
    unnamed_side = (None, unknown, fill(civilians, country, day, naming))  # the dead of a clash: its sides
    if told_side is not None and event_type in naming.two_sided_event_types and actor2 in unnamed_side:
        actor2 = told_side  # clans that fought each other: the same kind on both sides
    forces_hit = two_sided or (event_type in naming.forces_hit_event_types and party_hit)
    if actor2 is None and forces_hit and is_state(party, naming) and party != actor1:
        actor2 = party  # the state's forces the attacker fought or aimed at
    plain_victims = bool(victims) and victims <= _PLAIN_VICTIMS
    if actor2 is None and plain_victims and event_type in naming.civilians_hit_event_types:
        actor2 = fill(civilians, country, day, naming)  # the only victims counted: civilians or "people"
    return _forces_opponent(ActorCoding(actor1, None, actor2, None), event_type, country, day, naming)
