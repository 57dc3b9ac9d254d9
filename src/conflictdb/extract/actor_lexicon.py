"""The actor lexicon: data/actors.yaml's phrase patterns and named groups, compiled once.

A named group carries ACLED's name by the first day each is used (a group renamed, a faction that split) and
by country; a phrase pattern carries the cue every match holds, so `extract.actors` searches near cues only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conflictdb import folded, regex_cache
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError
from conflictdb.export_tables import ACTORS_FILE, ExportTables, named_entries
from conflictdb.extract.actor_names import ActorNaming, load_actor_naming
from conflictdb.folded import CASE_FOLDS

# A pattern opening with an actor phrase ("\b..."): a match starts only where a word starts (every
# article, count, modifier, head and named-group pattern of actors.yaml opens with a word character).
_PHRASE_FIRST = ("(?P<actor>\\b", "(?P<target>\\b", "(?P<party>\\b")

Dated = tuple[tuple[dt.date | None, str], ...]  # names by the first day each is used, in order


@dataclass(frozen=True, slots=True)
class NamedActor:
    """A named armed group or foreign force: how texts write it and what ACLED calls it (or the state
    whose military it is), by the first day each name is used (a group renamed, a faction that split)."""

    acled: Dated
    regex: re.Pattern[str]
    by_country: Mapping[str, Dated]
    state: str | None = None
    only_in: frozenset[str] = frozenset()  # the countries the name holds in (a party's own), else any

    def holds_in(self, country: str | None) -> bool:
        """Whether the name holds in `country` (a party is named only in its own)."""
        return not self.only_in or country in self.only_in

    def name(self, country: str | None, day: dt.date | None) -> str | None:
        """ACLED's name (a template) for the group in `country` on `day` (the latest without a day)."""
        return _on_day(self.by_country.get(country or "", ()), day) or _on_day(self.acled, day)


def _on_day(names: Dated, day: dt.date | None) -> str | None:
    """The name of `names` in use on `day`, the latest without one; None before the first."""
    current = [name for first, name in names if day is None or first is None or first <= day]
    return current[-1] if current else None


def _dated(spec: str | list | None, renamed: list | None = None) -> Dated:
    """A name as actors.yaml writes it (a name, or [[first day, name], ...]) with its later names."""
    names = [(None, spec)] if isinstance(spec, str) else [(d, n) for d, n in spec or ()]
    return tuple(names + [(d, n) for d, n in renamed or ()])


ROLES = ("actor", "target", "party")


@dataclass(frozen=True, slots=True)
class ActorPattern:
    """One phrase pattern of actors.yaml, with the cue every match holds and what is known of it at load."""

    cue: re.Pattern[str]
    cue_lower: re.Pattern[str] | None  # `cue` for lower-cased text (folded.lower_case_form), if it has one
    regex: re.Pattern[str]
    roles: frozenset[str]  # the roles its groups name (of ROLES)
    from_edge: bool  # it opens with an actor phrase: a match starts only at a word start


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """Compiled actor phrase patterns and the tables that normalise actor phrases."""

    patterns: tuple[ActorPattern, ...]
    claims: tuple[ActorPattern, ...]  # those that are claims of responsibility
    window: tuple[int, int]  # characters searched before and after a cue
    named: tuple[NamedActor, ...]
    named_screen: re.Pattern[str]  # matches where any of `named` does: most phrases name no group
    own_forces: frozenset[str]  # words naming a country's own forces ("government", "security")
    not_state: frozenset[str]  # words making a phrase with a military head not a state's ("rebel forces")
    military_words: frozenset[str]  # words making a place a military one ("army base")
    heads: Mapping[str, re.Pattern[str]]  # head class -> pattern matching a phrase ending in such a head
    naming: ActorNaming
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # extract.actors' names of phrases
    # ACLED names of a state's forces that named groups give (a faction of a state: a rival government's side)
    factions: frozenset[str] = frozenset()
    # words a group's name is written after when it names the group's enemies ("anti-Houthi forces")
    against: re.Pattern[str] = re.compile("(?!)")
    # the words before a group that name some of it ("three members of the"): the group is named without them
    part_of: re.Pattern[str] = re.compile("(?!)")
    # words telling a doer's phrase names doers nobody knows ("unidentified gunmen")
    unknown_doer: re.Pattern[str] = re.compile("(?!)")
    # the words before a named operation that tell forces act under it ("operating under")
    under: re.Pattern[str] = re.compile("(?!)")
    # a group's name tying another group to it ("IS-linked"): that name names no doer
    affiliated: re.Pattern[str] = re.compile("(?!)")


def _first_letter(char: str) -> str:
    """A case-sensitive regex of the characters `(?i:char)` matches: "[aA]" for "a"."""
    if not (char.isascii() and char.isalpha()):
        return f"(?i:{re.escape(char)})"
    low = char.lower()
    return f"[{low}{low.upper()}{CASE_FOLDS.get(low, '')}]"


def _words(words: list[str]) -> str:
    """A case-insensitive alternation of words, longest first, spaces matching any whitespace.

    Written as one branch per first letter ("[sS](?i:oldiers|oldier)|..."): the same matches in the same
    order of preference (words with other first letters never match at the same place), but a branch
    whose letter is not there is skipped at once instead of each word being tried in turn.
    """
    longest_first = sorted(set(words), key=lambda w: (-len(w), w))  # the same pattern in every process
    by_first: dict[str, list[str]] = {}
    for word in longest_first:
        by_first.setdefault(word[0].lower(), []).append(re.escape(word[1:]).replace(r"\ ", r"\s+"))
    return "(?:" + "|".join(f"{_first_letter(c)}(?i:{'|'.join(rest)})" for c, rest in by_first.items()) + ")"


def _phrase(
    named: str, heads: str, modifiers: str, counts: str, members: str = "(?!)", *, of_state: bool = False
) -> str:
    """Regex of an actor phrase: article or count, the part of a group it names ("some members of"),
    modifiers, a name or head, optional "of" phrase (for a doer, `of_state`, also a proper name: "military
    forces of Armenia"); a name may be joined by a slash to another, of forces fighting together or of the
    same group's other name ("XDF/YDF")."""
    core = rf"(?:(?:{modifiers})[\s-]+){{0,3}}(?:(?:{named})(?:/[A-Z][\w'-]*)?(?:\s+{heads})?|{heads})\b"
    proper = r"|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}" if of_state else ""
    start = rf"\b(?:(?:[Tt]he|an?|An?)\s+|(?i:{counts})\s+)?(?:(?i:{members})\s+)?"
    return rf"{start}{core}(?:\s+of\s+(?:the\s+)?(?:{core}{proper}))?"


def _compile_patterns(
    raw: Mapping[str, Any], named: str, affiliated: str, demonyms: Iterable[str], counts: str, members: str
) -> tuple[ActorPattern, ...]:
    """Fill the {actor} and {target} slots of the phrase patterns with the named actors' patterns
    (`named`), the modifiers (with a group's name tying another to it, `affiliated`), `counts` and `members`
    (alternations), and compile them with their cues (a cue marked `cue_any_case` matches in any letter
    case)."""
    words = _words(raw["modifiers"] + raw["own_forces"] + sorted(demonyms))
    modifiers = f"(?:{words}|{affiliated})"
    doers = _words([h for kind in ("military", "police", "armed_group", "crowd") for h in raw["heads"][kind]])
    actor = _phrase(named, doers, modifiers, counts, members, of_state=True)
    every_head = _words([h for heads in raw["heads"].values() for h in heads])
    target = _phrase(named, every_head, modifiers, counts)
    sources = []
    for entry in raw["patterns"]:
        filled = (
            entry["pattern"]
            .replace("{actor}", f"(?P<actor>{actor})")
            .replace("{party}", f"(?P<party>{actor})")
        )
        cue_flags = re.IGNORECASE if entry.get("cue_any_case") else 0
        sources += [(entry["cue"], cue_flags), (filled.replace("{target}", f"(?P<target>{target})"), 0)]
    try:  # the filled templates take seconds to compile: kept compiled between runs
        compiled = regex_cache.compile_all("actors", sources)
    except regex_cache.PatternError as e:
        template = raw["patterns"][e.index // 2]["pattern"]
        raise ConflictdbError(f"actors.yaml: bad pattern {template!r}: {e.error}") from e
    cues: dict[tuple[str, int], re.Pattern[str]] = {}  # one object per cue: found once per text searched
    return tuple(
        ActorPattern(
            cue := cues.setdefault((c.pattern, c.flags), c),
            folded.lower_case_form(cue),
            regex,
            frozenset(ROLES) & regex.groupindex.keys(),
            regex.pattern.startswith(_PHRASE_FIRST),
        )
        for c, regex in zip(compiled[::2], compiled[1::2], strict=True)
    )


def load_actor_lexicon(
    data_dir: Path = DATA_DIR, *, raw: Mapping[str, Any] | None = None, exports: ExportTables | None = None
) -> ActorLexicon:
    """`actors.yaml` as an ActorLexicon: its content as read (`raw`; `resources` reads the file once for
    this and the exports' inter codes), else read from `data_dir`; ACLED's countries and regions from the
    export tables when given."""
    raw = raw if raw is not None else load_yaml(ACTORS_FILE, data_dir=data_dir)
    entries = named_entries(raw)  # the named groups and the parties, read once for the names and the patterns
    named_patterns = "|".join(p for a in entries for p in a["patterns"])
    affiliated = _affiliated(named_patterns, raw["affiliation_suffixes"])
    counts, members = "|".join(raw["counts"]), "|".join(raw["members"])
    named = tuple(
        NamedActor(
            _dated(a.get("acled"), a.get("renamed")),
            re.compile(r"\b(?:" + "|".join(a["patterns"]) + r")\b"),
            MappingProxyType({c: _dated(spec) for c, spec in a.get("by_country", {}).items()}),
            a.get("state"),
            frozenset(a.get("only_in", ())),
        )
        for a in entries
    )
    heads = {kind: re.compile(rf"\b{_words(words)}$") for kind, words in raw["heads"].items()}
    before, after = raw["window"]
    own_forces = frozenset(raw["own_forces"])
    not_state = frozenset(raw["not_state"])
    naming = (
        load_actor_naming(data_dir, countries=exports.acled.countries, regions=exports.regions)
        if exports is not None
        else load_actor_naming(data_dir)
    )
    patterns = _compile_patterns(raw, named_patterns, affiliated, naming.demonyms, counts, members)
    claims = tuple(p for p, entry in zip(patterns, raw["patterns"], strict=True) if entry.get("claim"))
    window = (int(before), int(after))
    military = frozenset(raw["military_words"])
    screen = re.compile("|".join(f"(?:{n.regex.pattern})" for n in named) or "(?!)")
    given = {n for a in named for names in (a.acled, *a.by_country.values()) for _, n in names if n}
    factions = frozenset(n for n in given if n.startswith(naming.state_prefixes))
    return ActorLexicon(
        patterns,
        claims,
        window,
        named,
        screen,
        own_forces,
        not_state,
        military,
        heads,
        naming,
        factions=factions,
        against=re.compile(rf"(?:{'|'.join(map(re.escape, raw['against_prefixes']))})$", re.IGNORECASE),
        part_of=_part_of(counts, members),
        unknown_doer=re.compile(rf"\b{_words(raw['unknown_doer_words'])}\b"),
        under=re.compile(raw["under_words"], re.IGNORECASE),
        affiliated=re.compile(affiliated + r"\s*"),
    )


def _affiliated(named: str, suffixes: list[str]) -> str:
    """Regex of a group's name with a hyphened word telling another group is tied to it ("IS-linked"); the
    names are tried only where such a word follows within the clause (the lookahead: few places have one)."""
    tie = rf"-(?:{'|'.join(map(re.escape, suffixes))})\b"
    return rf"\b(?=[^,;:!?\n]{{1,80}}?{tie})(?:{named}){tie}"


def _part_of(counts: str, members: str) -> re.Pattern[str]:
    """The words that open an actor phrase naming some of a group: a count or article, then `members`."""
    return re.compile(rf"^(?:(?:the|an?|{counts})\s+)?(?:{members})\s+", re.IGNORECASE)
