"""Classifying an incident's event cues: the rules of data/event_cues.yaml, in ACLED's precedence order (a
suicide car bomb is a Suicide bomb before it is a car bomb; an air strike inside a ground battle is an
Armed clash), map the cues found to a sub-event type of the ACLED taxonomy and name the cue that decided."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conflictdb.extract.events.cues import find_event_cues
from conflictdb.extract.events.lexicon import ChoiceRule, CueRule, EventLexicon, VictimRule
from conflictdb.records import quick_init
from conflictdb.records.matches import EventCue


@quick_init
@dataclass(frozen=True, slots=True)
class EventClass:
    """An ACLED classification and the cue (and rule) that decided it."""

    event_type: str
    sub_event_type: str
    cue: EventCue | None  # None: no rule held, the fallback was used
    rule: str
    guessed: bool = False  # its words name no weapon: a default ("a strike": from the air) or from context


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
