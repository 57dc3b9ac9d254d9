"""Perpetrator and target of an incident, as the text names them and as ACLED names them.

Finding uses the phrase patterns of `data/actors.yaml` ("claimed by X", "X attacked Y", "a bomb planted by X",
"X airstrike"); the first pattern (in order of strength) that yields a perpetrator decides it, and likewise
for the target. Normalising maps a phrase to an ACLED actor name through the named groups, the country's
own forces and the generic heads (militants -> Unidentified Armed Group, villagers -> Civilians).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictdb import regex_cache
from conflictdb.errors import ConflictdbError
from conflictdb.folded import CASE_FOLDS
from conflictdb.records import quick_init
from conflictdb.resources import DATA_DIR, load_yaml

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@quick_init
@dataclass(frozen=True, slots=True)
class Actors:
    """Who did it and whom it hit: the words of the text and ACLED's names where derivable."""

    perpetrator: str | None = None
    target: str | None = None
    perpetrator_acled: str | None = None
    target_acled: str | None = None


@dataclass(frozen=True, slots=True)
class NamedActor:
    """A named armed group or foreign force: how texts write it and what ACLED calls it."""

    acled: str
    regex: re.Pattern[str]
    by_country: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class StateForces:
    """A country's own forces: the adjectives that name them and ACLED's military and police names."""

    adjectives: frozenset[str]
    military: str
    police: str


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """Compiled actor phrase patterns and the tables that normalise actor phrases."""

    patterns: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]  # (cue, phrase pattern)
    window: tuple[int, int]  # characters searched before and after a cue
    named: tuple[NamedActor, ...]
    state_forces: Mapping[str, StateForces]
    countries: Mapping[str, str]
    heads: Mapping[str, re.Pattern[str]]  # head class -> pattern matching a phrase ending in such a head


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


def _phrase(named: str, heads: str, modifiers: str, counts: str) -> str:
    """Regex of an actor phrase: article or count, modifiers, a name or head, optional "of" phrase."""
    core = rf"(?:(?:{modifiers})[\s-]+){{0,3}}(?:(?:{named})(?:\s+{heads})?|{heads})\b"
    return rf"\b(?:(?:[Tt]he|an?|An?)\s+|(?i:{counts})\s+)?{core}(?:\s+of\s+(?:the\s+)?{core})?"


def _compile_patterns(raw: Mapping[str, Any]) -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """Fill the {actor} and {target} slots of the phrase patterns and compile them with their cues."""
    named = "|".join(p for actor in raw["named"] for p in actor["patterns"])
    adjectives = [a for forces in raw["state_forces"].values() for a in forces["adjectives"]]
    modifiers = _words(raw["modifiers"] + adjectives)
    counts = "|".join(raw["counts"])
    doers = _words([h for kind in ("military", "police", "armed_group") for h in raw["heads"][kind]])
    actor = _phrase(named, doers, modifiers, counts)
    target = _phrase(named, _words([h for heads in raw["heads"].values() for h in heads]), modifiers, counts)
    sources = []
    for entry in raw["patterns"]:
        filled = entry["pattern"].replace("{actor}", f"(?P<actor>{actor})")
        sources += [(entry["cue"], 0), (filled.replace("{target}", f"(?P<target>{target})"), 0)]
    try:  # the filled templates take seconds to compile: kept compiled between runs
        compiled = regex_cache.compile_all("actors", sources)
    except regex_cache.PatternError as e:
        template = raw["patterns"][e.index // 2]["pattern"]
        raise ConflictdbError(f"actors.yaml: bad pattern {template!r}: {e.error}") from e
    return tuple(zip(compiled[::2], compiled[1::2], strict=True))


def load_actor_lexicon(data_dir: Path = DATA_DIR) -> ActorLexicon:
    """Read `actors.yaml` into an ActorLexicon."""
    raw = load_yaml("actors.yaml", data_dir=data_dir)
    named = tuple(
        NamedActor(
            a["acled"], re.compile(r"\b(?:" + "|".join(a["patterns"]) + r")\b"), a.get("by_country", {})
        )
        for a in raw["named"]
    )
    state_forces = {
        code: StateForces(frozenset(f["adjectives"]), f["military"], f["police"])
        for code, f in raw["state_forces"].items()
    }
    heads = {kind: re.compile(rf"\b{_words(words)}$") for kind, words in raw["heads"].items()}
    before, after = raw["window"]
    return ActorLexicon(
        _compile_patterns(raw), (int(before), int(after)), named, state_forces, raw["countries"], heads
    )


def _tidy(phrase: str) -> str:
    """An actor phrase without its leading article and with single spaces."""
    return _ARTICLE.sub("", " ".join(phrase.split()))


def _country_name(template: str, country: str | None, lexicon: ActorLexicon) -> str | None:
    """Fill `{country}` in an ACLED name; None when the country is needed but unknown."""
    if "{country}" not in template:
        return template
    if country is None or country not in lexicon.countries:
        return None
    return template.replace("{country}", lexicon.countries[country])


def _state_name(phrase: str, country: str | None, lexicon: ActorLexicon) -> str | None:
    """ACLED's name for the country's own military or police named by `phrase`, if it names them."""
    forces = lexicon.state_forces.get(country or "")
    if forces is None:
        return None
    words = set(re.findall(r"[\w'-]+", phrase))
    has_adjective = bool(words & forces.adjectives)
    if lexicon.heads["police"].search(phrase) or (
        lexicon.heads["place"].search(phrase) and "police" in words
    ):
        return forces.police
    if lexicon.heads["military"].search(phrase) and (has_adjective or len(words) <= 2):
        return forces.military
    if lexicon.heads["place"].search(phrase) and (words & {"military", "army"} or has_adjective):
        return forces.military
    return None


def acled_actor(phrase: str, lexicon: ActorLexicon, *, country: str | None) -> str | None:
    """The ACLED actor name for an actor phrase, or None when it cannot be derived."""
    for named in lexicon.named:
        if named.regex.search(phrase):
            return _country_name(named.by_country.get(country or "", named.acled), country, lexicon)
    state = _state_name(phrase, country, lexicon)
    if state is not None:
        return state
    if lexicon.heads["armed_group"].search(phrase):
        return _country_name("Unidentified Armed Group ({country})", country, lexicon)
    if lexicon.heads["civilians"].search(phrase):
        return _country_name("Civilians ({country})", country, lexicon)
    return None


def _search_near_cues(
    text: str, cue: re.Pattern[str], pattern: re.Pattern[str], window: tuple[int, int]
) -> re.Match[str] | None:
    """The first match of `pattern` that contains a match of `cue`, searched only around cues."""
    before, after = window
    from_edge = pattern.pattern.startswith(_PHRASE_FIRST)
    for c in cue.finditer(text):
        lo, hi = max(0, c.start() - before), min(len(text), c.end() + after)
        if from_edge:
            found = _first_at_edges(text, c, pattern, lo, hi)
            if found is not None:
                return found
            continue
        for m in pattern.finditer(text, lo, hi):
            if m.start() > c.start():
                break  # matches come left to right: none further on holds this cue
            if c.end() <= m.end():
                return m
    return None


# A pattern opening with an actor phrase ("\b..."): a match starts only where a word starts (every
# article, count, modifier, head and named-group pattern of actors.yaml opens with a word character).
_PHRASE_FIRST = ("(?P<actor>\\b", "(?P<target>\\b")
_WORD_START = re.compile(r"\b(?=\w)")


def _first_at_edges(
    text: str, c: re.Match[str], pattern: re.Pattern[str], lo: int, hi: int
) -> re.Match[str] | None:
    """As the scan of `pattern.finditer(text, lo, hi)` for a match holding the cue `c`, but trying only
    the word starts up to the cue's start (no match holding the cue starts after it): the scan of the
    rest of the window, where most of the time went, is skipped."""
    resume = lo  # where the scan goes on after a match (matches do not overlap)
    for edge in _WORD_START.finditer(text, lo, c.start() + 1):
        at = edge.start()
        if at > c.start():
            break  # the edge after the cue's start (the scan's end) starts no match holding it
        if at < resume:
            continue
        m = pattern.match(text, at, hi)
        if m is None:
            continue
        if c.end() <= m.end():
            return m
        resume = m.end() if m.end() > at else at + 1
    return None


def find_actor_phrases(text: str, lexicon: ActorLexicon) -> tuple[str | None, str | None]:
    """The perpetrator and target phrases of an incident text, from the strongest patterns that hold."""
    perpetrator = target = None
    for cue, pattern in lexicon.patterns:
        m = _search_near_cues(text, cue, pattern, lexicon.window)
        if m is None:
            continue
        groups = m.groupdict()
        if perpetrator is None and groups.get("actor"):
            perpetrator = _tidy(groups["actor"])
        if target is None and groups.get("target"):
            target = _tidy(groups["target"])
        if perpetrator and target:
            break
    return perpetrator, target


def find_actors(text: str, lexicon: ActorLexicon, *, country: str | None) -> Actors:
    """Perpetrator and target of an incident text, with ACLED names where derivable."""
    perpetrator, target = find_actor_phrases(text, lexicon)
    return Actors(
        perpetrator=perpetrator,
        target=target,
        perpetrator_acled=acled_actor(perpetrator, lexicon, country=country) if perpetrator else None,
        target_acled=acled_actor(target, lexicon, country=country) if target else None,
    )
