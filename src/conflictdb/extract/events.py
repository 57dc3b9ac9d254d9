"""ACLED event and sub-event types from the words of an incident text.

Finding: cue patterns from `data/event_cues.yaml`, indexed by the first letters of their leading word, are
tried only where such a word starts, so a text is scanned once. Classifying: the rules of the same file,
in ACLED's precedence order (a suicide car bomb is a Suicide bomb before it is a car bomb; an air strike
inside a ground battle is an Armed clash), map the cues found to a sub-event type from
`data/acled_taxonomy.yaml`, and name the cue that decided.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictdb import regex_cache
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError
from conflictdb.extract.prefix_tree import prefix_tree_alternation
from conflictdb.folded import CASE_FOLDS
from conflictdb.records import quick_init

KEY_LENGTH = 4  # patterns are indexed by the first (up to) four letters of their leading word
LAYERS = ("event", "target", "aux", "mask", "context")
# where a sentence ends: after a full stop that closes a lower-case word or a number, before a capital; or a
# blank line ("U.S. forces" goes on)
_SENTENCE_END = re.compile(r"(?<=[^\W_A-Z][.!?])['\"”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n\s*\n")


@quick_init
@dataclass(frozen=True, slots=True)
class EventCue:
    """One cue word or phrase found in a text: where it is and what it signals."""

    start: int
    end: int
    kind: str  # air_strike, suicide_bomb, ied, shelling, target_civilian, kill, ...
    text: str
    layer: str = "event"  # event, target or aux
    passive: bool = False  # a verb: "were killed", "was attacked": the victim comes before the verb
    listed: bool = (
        False  # a target: joined to the one before by "and" or a comma ("a policeman and a civilian")
    )
    sentence: int = 0  # the number of sentence ends before the cue in the text searched


@quick_init
@dataclass(frozen=True, slots=True)
class EventClass:
    """An ACLED classification and the cue (and rule) that decided it."""

    event_type: str
    sub_event_type: str
    cue: EventCue | None  # None: no rule held, the fallback was used
    rule: str
    guessed: bool = False  # its words name no weapon: a default ("a strike": from the air) or from context


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


def _index_key(word: str) -> str:
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
                entries.append((_index_key(word), kind, layer, source, 0 if cased else int(re.IGNORECASE)))
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


def load_event_lexicon(data_dir: Path = DATA_DIR) -> EventLexicon:
    """Read `event_cues.yaml` and `acled_taxonomy.yaml` into an EventLexicon."""
    raw = load_yaml("event_cues.yaml", data_dir=data_dir)
    taxonomy = load_yaml("acled_taxonomy.yaml", data_dir=data_dir)
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


def _all_matches(text: str, lexicon: EventLexicon) -> list[EventCue]:
    """Every cue pattern match that starts at a word start, overlapping ones included."""
    found = []
    by_head = lexicon.by_head
    for head in lexicon.word_starts.finditer(text):
        pos = head.start()
        letters = head.group()
        patterns = by_head.get(letters)
        for pattern in patterns if patterns is not None else _patterns_of(letters, lexicon):
            m = pattern.regex.match(text, pos)
            if m:
                found.append(EventCue(pos, m.end(), pattern.kind, m.group(), pattern.layer))
    return found


def _patterns_of(head: str, lexicon: EventLexicon) -> tuple[CuePattern, ...]:
    """The patterns indexed under the leading letters of a word (its first KEY_LENGTH letters), remembered."""
    found = lexicon.by_head.get(head)
    if found is None:
        keys = {_index_key(head[:n]) for n in range(2, len(head) + 1)}
        found = lexicon.by_head[head] = tuple(p for key in keys for p in lexicon.index.get(key, ()))
    return found


def _longest_first(cues: list[EventCue], size: int, lexicon: EventLexicon) -> list[EventCue]:
    """Of overlapping cues keep the longest (then the kind listed first)."""
    taken = bytearray(size)
    kept = []
    for cue in sorted(cues, key=lambda c: (c.start - c.end, lexicon.kind_rank[c.kind], c.start)):
        if not any(taken[cue.start : cue.end]):
            taken[cue.start : cue.end] = b"\x01" * (cue.end - cue.start)
            kept.append(cue)
    return kept


def _mask(cues: list[EventCue], size: int) -> bytearray:
    """Characters covered by the given phrases (perpetrators and speakers, or context)."""
    masked = bytearray(size)
    for cue in cues:
        masked[cue.start : cue.end] = b"\x01" * (cue.end - cue.start)
    return masked


def find_event_cues(text: str, lexicon: EventLexicon) -> list[EventCue]:
    """Event, target and helper cues in `text`, in text order: targets inside perpetrator phrases dropped,
    and every cue that starts inside a context phrase (a cause, a backdrop: not the event told)."""
    return split_event_cues(text, lexicon)[0]


def split_event_cues(text: str, lexicon: EventLexicon) -> tuple[list[EventCue], list[EventCue]]:
    """The cues of `find_event_cues`, and apart from them those that start inside a context phrase: the
    words of the cause or backdrop ("responded to a rocket attack that killed a soldier"), which tell the
    event of a clause that is cut off to be told as an incident of its own."""
    by_layer: dict[str, list[EventCue]] = {layer: [] for layer in LAYERS}
    for cue in _all_matches(text, lexicon):
        by_layer[cue.layer].append(cue)
    masked = _mask(by_layer.pop("mask"), len(text))
    context = _mask(by_layer.pop("context"), len(text))
    cues: list[EventCue] = []
    for layer, found in by_layer.items():
        kept = _longest_first(found, len(text), lexicon)
        if layer == "target":
            kept = [c for c in kept if not any(masked[c.start : c.end])]
        cues.extend(kept)
    cues = _number_sentences(_mark_victim_links(cues, text, lexicon.victim), text)
    cues.sort(key=lambda c: (c.start, c.end))
    return [c for c in cues if not context[c.start]], [c for c in cues if context[c.start]]


def _number_sentences(cues: list[EventCue], text: str) -> list[EventCue]:
    """Give every cue the number of the sentence it starts in."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [_with(c, sentence=bisect_right(ends, c.start)) for c in cues]


def _with(
    cue: EventCue, *, passive: bool | None = None, listed: bool | None = None, sentence: int | None = None
) -> EventCue:
    """The cue with its flags or sentence number set (dataclasses.replace, without its cost)."""
    return EventCue(
        cue.start,
        cue.end,
        cue.kind,
        cue.text,
        cue.layer,
        cue.passive if passive is None else passive,
        cue.listed if listed is None else listed,
        cue.sentence if sentence is None else sentence,
    )


def _mark_victim_links(cues: list[EventCue], text: str, victim: VictimRule) -> list[EventCue]:
    """Flag passive violent verbs and targets that continue a list, for `victim_kind`."""
    marked = []
    for c in cues:
        before = max(0, c.start - victim.window)
        if c.kind in victim.verbs and victim.passive.search(text, before, c.start):
            c = _with(c, passive=True)
        elif c.kind in victim.targets and victim.listed.search(text, before, c.start):
            c = _with(c, listed=True)
        marked.append(c)
    return marked


def _rule_holds(rule: CueRule, kinds: set[str], cues: list[EventCue], victim: str | None) -> bool:
    """True if the cue kinds present satisfy the rule (and its `with` cue is near enough)."""
    if kinds.isdisjoint(rule.when) or (rule.with_ and kinds.isdisjoint(rule.with_)) or rule.unless & kinds:
        return False
    if rule.unless_victim is not None and victim == rule.unless_victim:
        return False
    whens = [c for c in cues if c.kind in rule.when]
    if rule.unless_near:
        sentences = {c.sentence for c in cues if c.kind in rule.unless_near}
        whens = [w for w in whens if w.sentence not in sentences]
        if not whens:
            return False
    if rule.within is None:
        return True
    return any(abs(w.start - c.start) <= rule.within for c in cues if c.kind in rule.with_ for w in whens)


def victim_kind(cues: list[EventCue], victim: VictimRule) -> str | None:
    """The target kind named as the victim of the first violent verb that names one; None when that
    verb's victims are of both kinds ("a policeman and a civilian were killed") or no verb names any."""
    targets = sorted((c for c in cues if c.kind in victim.targets), key=lambda c: c.start)
    for verb in sorted((c for c in cues if c.kind in victim.verbs), key=lambda c: c.start):
        named = _victims_before(verb, targets, victim.window) if verb.passive else []
        named = named or _victims_after(verb, targets, victim.window)
        if named:
            kinds = {t.kind for t in named}
            return kinds.pop() if len(kinds) == 1 else None
    return None


def _victims_after(verb: EventCue, targets: list[EventCue], window: int) -> list[EventCue]:
    """The first target cue within `window` characters after the verb, and those listed after it."""
    run: list[EventCue] = []
    end = verb.end
    for t in targets:
        if t.start >= end and t.start - end <= window and (not run or t.listed):
            run.append(t)
            end = t.end
        elif run and t.start >= end:
            break
    return run


def _victims_before(verb: EventCue, targets: list[EventCue], window: int) -> list[EventCue]:
    """The last target cue within `window` characters before the verb, and those it is listed after."""
    run: list[EventCue] = []
    start = verb.start
    for t in reversed(targets):
        if t.end <= start and start - t.end <= window and (not run or run[-1].listed):
            run.append(t)
            start = t.start
        elif run and t.end <= start:
            break
    return run


def classify_event(cues: list[EventCue], lexicon: EventLexicon) -> EventClass:
    """The ACLED event and sub-event type the cues of one incident point to, by rule precedence."""
    kinds = {c.kind for c in cues}
    victim = victim_kind(cues, lexicon.victim) if not kinds.isdisjoint(lexicon.victim.targets) else None
    if victim is not None and lexicon.victim.targets <= kinds:  # civilians and combatants named: who was hit?
        kinds -= lexicon.victim.targets - {victim}
    for rule in lexicon.rules:
        if _rule_holds(rule, kinds, cues, victim):
            deciding = _deciding_cue(rule, kinds, cues)
            guessed = lexicon.guess is not None and rule.name in lexicon.guess.rules
            return EventClass(
                lexicon.event_types[rule.sub_event_type], rule.sub_event_type, deciding, rule.name, guessed
            )
    return EventClass(lexicon.event_types[lexicon.fallback], lexicon.fallback, None, "fallback")


def choose_event(layers: Iterable[list[EventCue]], lexicon: EventLexicon) -> EventClass:
    """The type of an incident from layers of its cues, narrowest first: the first layer that tells the
    kind of violence decides, unless it names no weapon and the next layer names the weapon or the
    territory taken ("an attack on a base" in the sentence with the toll, "a truck bomb" in the next);
    layers further out tell background."""
    choice = lexicon.choice
    chosen: EventClass | None = None
    layers = list(layers)
    wide = [c for c in layers[-1] if c.kind in choice.incident_wide] if layers else []
    for cues in layers:
        if not cues:
            continue
        if wide:
            told = set(map(id, cues))
            cues = sorted(cues + [c for c in wide if id(c) not in told], key=lambda c: (c.start, c.end))
        event = classify_event(cues, lexicon)
        if chosen is None or _is_weak(chosen, lexicon):
            chosen = event
            if (
                not _is_weak(chosen, lexicon)
                and not _is_unarmed(chosen, choice)
                and not _refinable(chosen, choice)
            ):
                return chosen
            continue
        if _refines(event, chosen, choice):
            return event
        if _refinable(chosen, choice):
            continue
        if event.sub_event_type in choice.upgrades:
            return event
        return chosen
    return chosen or classify_event([], lexicon)


def weapon_from_context(event: EventClass, cues: Iterable[EventCue], lexicon: EventLexicon) -> EventClass:
    """A guessed type ("a strike", from the air by default) takes the weapon another sentence of its
    incident names ("shells fell on the market": shelling), unless the incident names aircraft; the
    result stays a guess. `cues`: those of the incident's sentences that tell it."""
    guess = lexicon.guess
    if guess is None or not event.guessed or not guess.weapons:
        return event
    cues = list(cues)
    if any(c.kind in guess.aircraft for c in cues):
        return event
    weapon = next((c for c in cues if c.kind in guess.weapons), None)
    if weapon is None:
        return event
    sub = guess.weapons[weapon.kind]
    return EventClass(lexicon.event_types[sub], sub, weapon, "weapon_from_context", guessed=True)


def _is_weak(event: EventClass, lexicon: EventLexicon) -> bool:
    """A result that tells no kind of violence: a toll, a bare attack, no cue."""
    choice = lexicon.choice
    decided_by = event.cue.kind if event.cue is not None else None
    weak = event.rule in choice.weak_rules or decided_by in choice.weak_cues
    return weak or event.sub_event_type == lexicon.fallback


def _refines(event: EventClass, chosen: EventClass, choice: ChoiceRule) -> bool:
    """Does a later layer's result tell more of the one chosen ("a protest", then "they threw stones"), and
    by a cue kind that refinement needs, if it needs any?"""
    if event.sub_event_type not in choice.refinements.get(chosen.sub_event_type, ()):
        return False
    needed = choice.refining_cues.get(event.sub_event_type)
    return needed is None or (event.cue is not None and event.cue.kind in needed)


def _refinable(event: EventClass, choice: ChoiceRule) -> bool:
    """A result a later layer may tell more of ("a protest" that the police then broke up)."""
    return event.sub_event_type in choice.refinements


def _is_unarmed(event: EventClass, choice: ChoiceRule) -> bool:
    """A result decided by a cue that names no weapon ("attacked a base")."""
    return event.cue is not None and event.cue.kind in choice.unarmed_cues


def _deciding_cue(rule: CueRule, kinds: set[str], cues: list[EventCue]) -> EventCue:
    """The first cue in the text of the strongest `when` kind present ("attack" before "killed")."""
    kind = next(k for k in rule.when if k in kinds)
    return min((c for c in cues if c.kind == kind), key=lambda c: c.start)


def classify_text(text: str, lexicon: EventLexicon) -> EventClass:
    """Find the cues of an incident text and classify them."""
    return classify_event(find_event_cues(text, lexicon), lexicon)
