"""The event lexicon compiled from data/event_cues.yaml and data/acled_taxonomy.yaml: cue patterns indexed
by the first letters of their leading word, ACLED's precedence rules, and the rules that choose an
incident's type from layers of its sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conflictdb import regex_cache
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError
from conflictdb.extract.prefix_tree import prefix_tree_alternation
from conflictdb.folded import CASE_FOLDS

TAXONOMY_FILE = "acled_taxonomy.yaml"
KEY_LENGTH = 4  # patterns are indexed by the first (up to) four letters of their leading word


LAYERS = ("event", "target", "aux", "mask", "context")


@dataclass(frozen=True, slots=True)
class CuePattern:
    """A compiled cue pattern and the kind and layer of cue it finds."""

    kind: str
    layer: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CueRule:
    """One precedence rule: `when` cues decide if `with_` cues are present, `unless` cues are not, no
    `unless_near` cue is in the sentence of a `when` cue, and the victim is not of the `unless_victim`
    kind."""

    name: str
    sub_event_type: str
    when: tuple[str, ...]  # in order of strength: the first kind present names the deciding cue
    with_: frozenset[str]
    unless: frozenset[str]
    unless_near: frozenset[str] = frozenset()
    unless_victim: str | None = None  # a target kind: the rule fails when the first violent verb hit it
    within: int | None = None  # a `with` cue must lie this close (in characters) to a `when` cue


@dataclass(frozen=True, slots=True)
class VictimRule:
    """When civilians and combatants are both named, the target right after a violent verb ("killed
    14 villagers", "attacked a convoy") or right before a passive one ("two girls were wounded") is
    the victim, and the other target kind does not count."""

    verbs: frozenset[str]
    targets: frozenset[str]
    window: int
    passive: re.Pattern[str]  # ends right before a passive verb
    listed: re.Pattern[str]  # ends right before a target that continues a list


@dataclass(frozen=True, slots=True)
class ChoiceRule:
    """How an incident's type is chosen from layers of its sentences (those with figures first, then
    those that tell the event, then all): a weak result looks on, an unarmed one looks on for a weapon."""

    weak_rules: frozenset[str]  # rules that tell no kind of violence ("casualties", "attack")
    weak_cues: frozenset[str]  # deciding cue kinds that tell no kind of violence ("killed", "wounded")
    unarmed_cues: frozenset[str]  # deciding cue kinds that name no weapon ("attacked")
    upgrades: frozenset[str]  # sub-event types that name the weapon or the outcome an unarmed attack lacks
    refinements: Mapping[str, frozenset[str]] = field(default_factory=dict)  # protest -> how it was broken up
    # the cue kinds a refinement needs ("they threw stones", not the word "riots")
    refining_cues: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # who fought and over what ("two factions ... over a dispute"), told anywhere in the incident: every layer
    # sees them, so the sentence with the toll ("ten were hurt in the clash") is read as their fight
    incident_wide: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class GuessRule:
    """Types that rest on a word naming no weapon ("a strike"): the rules that guess them, and the weapon a
    strike takes from another sentence of its incident ("shelling") when no aircraft is named there."""

    rules: frozenset[str]  # rules whose type is a default guess (`strike`: a bare strike is from the air)
    weapons: Mapping[str, str]  # cue kind told elsewhere in the incident -> the sub-event type it gives
    aircraft: frozenset[str]  # cue kinds that keep the strike in the air


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Cue patterns indexed by leading letters, precedence rules and the ACLED taxonomy."""

    index: Mapping[str, tuple[CuePattern, ...]]
    kind_rank: Mapping[str, int]  # earlier kinds win ties between overlapping cues
    rules: tuple[CueRule, ...]
    event_types: Mapping[str, str]  # sub-event type -> event type
    taxonomy: Mapping[str, tuple[str, ...]]  # event type -> its sub-event types (load_acled_taxonomy)
    fallback: str
    victim: VictimRule
    choice: ChoiceRule
    word_starts: re.Pattern[str]  # the first letters of the words an indexed pattern may start at
    guess: GuessRule | None = None
    by_head: dict[str, tuple[CuePattern, ...]] = field(default_factory=dict, compare=False, repr=False)


def _leading_literal(regex: str) -> str:
    """The letters a regex must start with ("air" for `air[- ]?strikes?`)."""
    letters = []
    for i, char in enumerate(regex):
        if not char.isalpha() or regex[i + 1 : i + 2] in ("?", "*", "{"):
            break
        letters.append(char)
    return "".join(letters)


def index_key(word: str) -> str:
    """The index key of a leading word: its first KEY_LENGTH letters, lower-cased."""
    return word[:KEY_LENGTH].lower()


def _expand_entry(entry: Any, deeds: str = "") -> list[tuple[str, str, bool]]:
    """(leading word, regex, cased) triples for one YAML pattern entry; `deeds: true` ends its regex with the
    perpetrators' verbs (`perpetrator_verbs`)."""
    if isinstance(entry, str):
        return [(_leading_literal(entry), entry, False)]
    cased = bool(entry.get("cased", False))
    if "pattern" in entry:
        return [(_leading_literal(entry["pattern"]), entry["pattern"], cased)]
    then = entry["then"] + (deeds if entry.get("deeds") else "")
    return [(word, re.escape(word) + then, cased) for word in entry["words"]]


def _compile_cues(cues: Mapping[str, Any], deeds: str = "") -> dict[str, list[CuePattern]]:
    """Compile every cue pattern and index it by the key of its leading word."""
    entries = []  # (index key, kind, layer, source, flags)
    for kind, spec in cues.items():
        layer = spec["layer"]
        if layer not in LAYERS:
            raise ConflictdbError(f"event_cues.yaml: {kind}: unknown layer {layer!r}")
        for entry in spec["patterns"]:
            for word, source, cased in _expand_entry(entry, deeds):
                if len(word) < 2:
                    raise ConflictdbError(f"event_cues.yaml: {kind}: {source!r} must start with a word")
                entries.append((index_key(word), kind, layer, source, 0 if cased else int(re.IGNORECASE)))
    try:  # hundreds of patterns: kept compiled between runs
        compiled = regex_cache.compile_all("event_cues", [(e[3] + r"\b", e[4]) for e in entries])
    except regex_cache.PatternError as e:
        _, kind, _, source, _ = entries[e.index]
        raise ConflictdbError(f"event_cues.yaml: {kind}: {source!r}: {e.error}") from e
    index: dict[str, list[CuePattern]] = {}
    for (key, kind, layer, _, _), regex in zip(entries, compiled, strict=True):
        index.setdefault(key, []).append(CuePattern(kind, layer, regex))
    return index


def _build_rules(raw: Iterable[Mapping[str, Any]], kinds: set[str], subs: set[str]) -> tuple[CueRule, ...]:
    """Read the precedence rules, checking that every kind and sub-event type they name exists."""
    rules = []
    for r in raw:
        rule = CueRule(
            r["name"],
            r["sub_event_type"],
            tuple(r["when"]),
            frozenset(r.get("with", ())),
            frozenset(r.get("unless", ())),
            frozenset(r.get("unless_near", ())),
            r.get("unless_victim"),
            r.get("within"),
        )
        named = set(rule.when) | rule.with_ | rule.unless | rule.unless_near
        unknown = (named | ({rule.unless_victim} if rule.unless_victim else set())) - kinds
        if unknown or rule.sub_event_type not in subs:
            raise ConflictdbError(
                f"event_cues.yaml: rule {rule.name}: unknown {unknown or rule.sub_event_type}"
            )
        rules.append(rule)
    return tuple(rules)


def load_acled_taxonomy(data_dir: Path = DATA_DIR) -> Mapping[str, tuple[str, ...]]:
    """data/acled_taxonomy.yaml: every ACLED event type with its sub-event types, in ACLED's order."""
    raw = load_yaml(TAXONOMY_FILE, data_dir=data_dir)
    return MappingProxyType({str(event): tuple(subs) for event, subs in raw.items()})


def load_event_lexicon(data_dir: Path = DATA_DIR) -> EventLexicon:
    """Read `event_cues.yaml` and `acled_taxonomy.yaml` into an EventLexicon."""
    raw = load_yaml("event_cues.yaml", data_dir=data_dir)
    taxonomy = load_acled_taxonomy(data_dir)
    event_types = {sub: event for event, subs in taxonomy.items() for sub in subs}
    if raw["fallback"] not in event_types:
        raise ConflictdbError(f"event_cues.yaml: unknown fallback {raw['fallback']!r}")
    index = _compile_cues(raw["cues"], raw.get("perpetrator_verbs", ""))
    victim = raw["victim"]
    unknown = (set(victim["verbs"]) | set(victim["targets"])) - set(raw["cues"])
    if unknown:
        raise ConflictdbError(f"event_cues.yaml: victim: unknown kinds {unknown}")
    return EventLexicon(
        index={key: tuple(patterns) for key, patterns in index.items()},
        kind_rank={kind: i for i, kind in enumerate(raw["cues"])},
        rules=_build_rules(raw["rules"], set(raw["cues"]), set(event_types)),
        event_types=event_types,
        taxonomy=taxonomy,
        fallback=raw["fallback"],
        victim=VictimRule(
            verbs=frozenset(victim["verbs"]),
            targets=frozenset(victim["targets"]),
            window=int(victim["window"]),
            passive=re.compile(victim["passive"] + r"\Z", re.IGNORECASE),
            listed=re.compile(victim["listed"] + r"\Z", re.IGNORECASE),
        ),
        choice=_build_choice(raw["choice"], set(raw["cues"]), set(event_types)),
        word_starts=_word_starts(index),
        guess=_build_guess(raw.get("guessed"), raw["rules"], set(raw["cues"]), set(event_types)),
    )


def _build_guess(
    raw: Mapping[str, Any] | None,
    rules: Iterable[Mapping[str, Any]],
    kinds: set[str],
    sub_event_types: set[str],
) -> GuessRule | None:
    """Read the guessed types and the weapons context gives them, checking the names they use."""
    if raw is None:
        return None
    guess = GuessRule(
        rules=frozenset(raw["rules"]),
        weapons=dict(raw.get("weapons", {})),
        aircraft=frozenset(raw.get("aircraft", ())),
    )
    unknown = (set(guess.weapons) | guess.aircraft) - kinds
    unknown |= set(guess.weapons.values()) - sub_event_types
    unknown |= guess.rules - {r["name"] for r in rules}
    if unknown:
        raise ConflictdbError(f"event_cues.yaml: guessed: unknown {unknown}")
    return guess


def _word_starts(index: Mapping[str, Any]) -> re.Pattern[str]:
    """The first (up to KEY_LENGTH) letters of every word (a run of letters) whose leading letters
    are an index key in any case: the words a pattern may start at (and a few more, with letters that
    fold onto ASCII ones), so that the words without any are skipped in one scan."""
    keys = prefix_tree_alternation(index, letter=_any_case)  # a look-ahead: longer keys add nothing
    return re.compile(rf"(?<![^\W\d_])(?={keys})[^\W\d_]{{1,{KEY_LENGTH}}}")


def _any_case(char: str) -> str:
    """A character class of a key letter in either case and the letters that fold onto it ("[kK\u212a]")."""
    if not (char.isascii() and char.isalpha()):
        return f"(?i:{re.escape(char)})"
    return f"[{char.lower()}{char.upper()}{CASE_FOLDS.get(char.lower(), '')}]"


def _build_choice(raw: Mapping[str, Any], kinds: set[str], sub_event_types: set[str]) -> ChoiceRule:
    """Read the layer choice, checking the cue kinds and event types it names."""
    choice = ChoiceRule(
        weak_rules=frozenset(raw["weak_rules"]),
        weak_cues=frozenset(raw["weak_cues"]),
        unarmed_cues=frozenset(raw["unarmed_cues"]),
        upgrades=frozenset(raw["upgrades"]),
        refinements={sub: frozenset(finer) for sub, finer in raw.get("refinements", {}).items()},
        refining_cues={sub: frozenset(kinds) for sub, kinds in raw.get("refining_cues", {}).items()},
        incident_wide=frozenset(raw.get("incident_wide", ())),
    )
    unknown = (
        choice.weak_cues
        | choice.unarmed_cues
        | choice.incident_wide
        | {k for ks in choice.refining_cues.values() for k in ks}
    ) - kinds
    unknown |= set(choice.refining_cues) - sub_event_types
    unknown |= choice.upgrades - sub_event_types
    unknown |= (
        set(choice.refinements) | {f for finer in choice.refinements.values() for f in finer}
    ) - sub_event_types
    if unknown:
        raise ConflictdbError(f"event_cues.yaml: choice: unknown {unknown}")
    return choice
