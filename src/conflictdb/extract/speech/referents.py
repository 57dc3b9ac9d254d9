"""Resolving one sentence's speaker cues with what the article said before: pronouns and "the
official" to the last speaker (or to a person named just before who did not speak), a surname to the full
name given before, "the charity" to the body named before, "the report" to the body that released it,
"the paper" to the last outlet named, an acronym to its expansion.

Choices:
- "X, citing Y, reported": the speaker is X when X is a person (a journalist vouches for it);
  when X is an outlet the speaker is Y and X is the relay.
- An outlet alone ("according to CNN", "Pajhwok reported") is the speaker; with another speaker in
  the sentence it is the relay.
- `start`/`end` always point at the words that name the speaker in the Doc, so that
  `doc.text[start:end] == speaker`; for a resolved pronoun they point at the antecedent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from conflictdb.extract.speech.lexicon import SpeechLexicon
from conflictdb.extract.speech.speaker_mentions import SentenceCues, SpeakerMention
from conflictdb.extract.token_stream import glued_words
from conflictdb.records import replace
from conflictdb.records.matches import Attribution, Cue, Kind


@dataclass(slots=True)
class Memory:
    """What the reader remembers while walking the article (local to one call)."""

    persons: list[tuple[int, Attribution]] = field(default_factory=list)
    by_surname: dict[str, Attribution] = field(default_factory=dict)  # the last person of each full name
    groups: list[tuple[int, Attribution]] = field(default_factory=list)
    named_groups: list[tuple[int, Attribution]] = field(default_factory=list)  # the groups that is_named
    # a group's head word -> for each count of its content words, the last such group (its place in
    # `groups`, the group): "the ministry" finds "the health ministry" in one look, not a walk back
    by_head: dict[str | None, dict[int, tuple[int, Attribution]]] = field(default_factory=dict)
    statement: Attribution | None = None
    outlet: str | None = None
    subject_of: Callable[[int], SpeakerMention | None] = lambda _index: None  # a sentence's named subject
    text: str = ""
    acronyms: dict[str, Attribution | None] = field(default_factory=dict)
    quote_opening: dict[int, int] = field(default_factory=dict)
    documents: dict[str, Attribution] = field(
        default_factory=dict
    )  # "records" -> who gave them  # sentence -> first sentence of its quote


def _choose(cues: SentenceCues) -> tuple[SpeakerMention | None, SpeakerMention | None]:
    """The sentence's main speaker and the outlet among its speakers that relays (if any)."""
    people = [m for m in cues.speakers if m.kind not in (Kind.OUTLET, Kind.PRONOUN)]
    outlets = [m for m in cues.speakers if m.kind == Kind.OUTLET]
    pronouns = [m for m in cues.speakers if m.kind == Kind.PRONOUN]
    if people:
        named = [m for m in people if m.kind == Kind.PERSON]
        return (named or people)[0], (outlets[0] if outlets else None)
    if pronouns:
        return pronouns[0], (outlets[0] if outlets else None)
    if outlets and cues.sources:
        return cues.sources[0], outlets[0]
    if outlets:
        return outlets[0], (outlets[1] if len(outlets) > 1 else None)
    return None, None


def resolve(index: int, cues: SentenceCues, memory: Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """Turn one sentence's cues into an attribution, using what came before."""
    main, outlet = _choose(cues)
    relay = _relay(cues, main, outlet, memory)
    if main is None:
        return None
    if main.kind == Kind.PRONOUN:
        if main.head in lexicon.person_pronouns:
            found = _person_antecedent(index, memory, lexicon)
        else:
            found = _subject_body(index, memory) or _recent(memory.groups, index, lexicon)
        return None if found is None else reattributed(found, Cue.PRONOUN, relay)
    if main.kind == Kind.STATEMENT and _bare_statement(main.text, lexicon):
        named = memory.documents.get(main.head) or memory.statement  # "the records": the records named before
        words = main.text.lower().split()
        indefinite = words[0] in lexicon.indefinite_articles
        if named is None and (not indefinite or lexicon.document_sequels.intersection(words)):
            named = _recent(memory.groups, index, lexicon)  # "the statement": the body that spoke last
        if named is not None:
            return reattributed(named, Cue.STATEMENT, relay)
        if main.head != "statement" and not indefinite:
            return None  # "according to the report" with no issuer named; "a UN report" speaks for itself
    earlier = _earlier_referent(index, main, memory, lexicon)
    if earlier is not None:
        return reattributed(earlier, Cue.ANAPHOR, relay)
    found = Attribution(main.text, main.role, relay, main.start, main.end, main.method, main.kind, main.head)
    expanded = _expand_acronym(found, memory, lexicon)
    return found if expanded is None else reattributed(expanded, found.method, relay)


def _earlier_referent(
    index: int, main: SpeakerMention, memory: Memory, lexicon: SpeechLexicon
) -> Attribution | None:
    """The speaker named before that a short reference stands for: "Sultani", "the official"."""
    words = main.text.split()
    if main.kind == Kind.PERSON and all(w.lower() in lexicon.titles for w in words[:-1]):
        found = _full_name(words[-1], memory)  # "Sabri", "Dr. Sabri" -> "Dr. Lina Sabri"
        return found if found is not None and len(found.speaker.split()) > len(words) else None
    if main.kind == Kind.ROLE and main.definite:
        earlier = _recent(memory.persons, index, lexicon)
        if earlier is not None and _compatible(main.text, main.head, earlier, lexicon):
            return earlier
        if main.head in lexicon.anaphoric_bodies and _describes(words[1:-1], lexicon):
            return _body_antecedent(index, memory, lexicon)  # "the monitor": a body, not a person
        return None
    if main.kind != Kind.GROUP or len(words) < 2 or words[0].lower() != "the":
        return None
    if len(words) == 2:  # "the officials" after "two Pakistani security officials": the ones told before
        fuller = _fuller_same_head(main, memory, lexicon)
        if fuller is not None:
            return fuller
    if words[-1] in lexicon.anaphoric_bodies and _describes(words[1:-1], lexicon):
        # "the (monitoring) group", not "the Observatory"; "the ministry" after "the health ministry"
        return _fuller_same_head(main, memory, lexicon) or _body_antecedent(index, memory, lexicon)
    if (
        len(words) <= 3
        and all(w[0].isupper() for w in words[1:])
        and " ".join(words[1:]).lower() not in lexicon.groups
    ):
        return _longer_name(
            words[1:], memory
        )  # "the Observatory" -> "the Syrian Observatory for Human Rights"
    return None


def _person_antecedent(index: int, memory: Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """Who "he"/"she" is: a person named as a sentence's subject since the last speaker, else that speaker.
    A quote's closing "he said" looks back from where the quote opened."""
    since = memory.persons[-1][0] if memory.persons else -1
    opening = memory.quote_opening.get(index, index)
    for k in range(opening - 1, max(since, opening - 3), -1):
        subject = memory.subject_of(k)
        if subject is not None and subject.kind == Kind.PERSON:
            return from_mention(subject)
    return _recent(memory.persons, index, lexicon)


def _subject_body(index: int, memory: Memory) -> Attribution | None:
    """Who "it"/"they" is: a body named as the subject of a sentence since the last body that spoke
    ("The UN mission condemned the attack. It said ...")."""
    since = memory.groups[-1][0] if memory.groups else -1
    for k in range(index - 1, max(since, index - 3), -1):
        subject = memory.subject_of(k)
        if subject is not None and subject.kind == Kind.GROUP:
            return from_mention(subject)
    return None


def _describes(modifiers: Sequence[str], lexicon: SpeechLexicon) -> bool:
    """Whether the words before "group"/"agency" only describe a body named before ("monitoring",
    "London-based"), rather than name one of its own ("defence ministry")."""
    return all(
        w.lower() in lexicon.anaphoric_modifiers or lexicon.describing_shape.search(w.lower())
        for w in modifiers
    )


def _body_antecedent(index: int, memory: Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """The named body "the charity" / "the group" stands for: the last one named as speaker or subject."""
    named = memory.named_groups
    since = named[-1][0] if named else -1
    for k in range(index - 1, max(since, index - 4), -1):
        subject = memory.subject_of(k)
        if subject is not None and subject.kind == Kind.GROUP:
            return from_mention(subject)
    return _recent(named, index, lexicon)


def _fuller_same_head(main: SpeakerMention, memory: Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """The last body named before with the same head word and more words: "the health ministry"."""
    size = len(content_words(main.text, lexicon))
    fuller = [last for count, last in memory.by_head.get(main.head, {}).items() if count > size]
    return max(fuller, key=lambda last: last[0])[1] if fuller else None


def is_named(speaker: str, lexicon: SpeechLexicon) -> bool:
    """Whether a group speaker is named ("Islamic State", "the Interior Ministry"), not just "Police"."""
    words = speaker.split()
    if words[0].lower() == "the" and len(words) > 1 and all(w[0].isupper() for w in words[1:]):
        return True  # "the Observatory", "the Red Crescent"
    if words[0].lower() in lexicon.articles:
        words = words[1:]
    return any(w[0].isupper() for w in words[1:]) or (len(words) == 1 and words[0].isupper())


def _longer_name(words: Sequence[str], memory: Memory) -> Attribution | None:
    """An earlier group speaker whose longer name holds all of `words`."""
    for _, earlier in reversed(memory.groups):
        names = set(earlier.speaker.split())
        if len(names) > len(words) + 1 and names.issuperset(words):
            return earlier
    return None


def from_mention(mention: SpeakerMention) -> Attribution:
    """An attribution to a phrase found outside any speech cue (a sentence's subject)."""
    return Attribution(
        mention.text,
        mention.role,
        None,
        mention.start,
        mention.end,
        mention.method,
        mention.kind,
        mention.head,
    )


_ACRONYM_HEAD = r"[A-Z][\w'’.-]*"


def _expand_acronym(found: Attribution, memory: Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """The full name an acronym speaker is given in the article: "the ISPR" -> "Inter-Services Public
    Relations (ISPR)"."""
    core = found.speaker[4:] if found.speaker.lower().startswith("the ") else found.speaker
    if not (3 <= len(core) <= 8 and core.isupper() and core.isalpha()):
        return None
    if core not in memory.acronyms and f"({core})" not in memory.text:
        memory.acronyms[core] = None  # the expansion ends with the bracketed acronym: none without it
    if core not in memory.acronyms:
        pattern = re.compile(
            rf"\b{_ACRONYM_HEAD}(?:\s+(?:(?:{lexicon.acronym_glue})\s+)?{_ACRONYM_HEAD}){{1,8}}\s*\({re.escape(core)}\)"
        )
        match = pattern.search(memory.text)
        expansion = None
        if match is not None:
            start = match.start() + (4 if match.group().startswith(("The ", "the ")) else 0)
            expansion = Attribution(
                memory.text[start : match.end()],
                None,
                None,
                start,
                match.end(),
                Cue.ANAPHOR,
                found.kind,
                found.head,
            )
        memory.acronyms[core] = expansion
    return memory.acronyms[core]


def _bare_statement(text: str, lexicon: SpeechLexicon) -> bool:
    """Whether a statement phrase names no issuer: "the statement", "a joint statement"."""
    words = text.lower().split()
    return len(words) == 1 or (len(words) <= 3 and words[0] in lexicon.bare_statement_openers)


def _relay(
    cues: SentenceCues, main: SpeakerMention | None, outlet: SpeakerMention | None, memory: Memory
) -> str | None:
    """The outlet that carried the sentence's words, if it is not the speaker itself."""
    for mention in cues.relays:
        if main is None or not (mention.start >= main.start and mention.end <= main.end):
            return mention.text
    if outlet is not None and outlet is not main:
        return outlet.text
    if cues.outlet_reference:
        return memory.outlet
    return None


def reattributed(found: Attribution, method: Cue, relay: str | None) -> Attribution:
    """A copy of an earlier attribution reached by `method`, with this sentence's relay."""
    return replace(found, relay=relay, method=method, clauses=())


def with_clauses(
    index: int, found: Attribution, cues: SentenceCues, memory: Memory, lexicon: SpeechLexicon
) -> Attribution:
    """The sentence's attribution with a speaker per clause, when its clauses name different speakers.
    A clause with no speaker of its own, or only "he"/"it", goes on with the clause before it."""
    bounds = cues.clause_starts
    if cues.lone_clause:  # "Five died, while police said 12 were hurt": the five are the outlet's
        return replace(found, clauses=((0, None), (bounds[0], found)))
    parts: list[Attribution | None] = []
    for k in range(len(bounds) + 1):
        lo = bounds[k - 1] if k else -1
        hi = bounds[k] if k < len(bounds) else 1 << 62
        sub = SentenceCues(
            speakers=tuple(m for m in cues.speakers if lo <= m.start < hi),
            sources=tuple(m for m in cues.sources if lo <= m.start < hi),
            relays=tuple(r for r in cues.relays if lo <= r.start < hi),
            outlet_reference=cues.outlet_reference,
        )
        main, _ = _choose(sub)
        if main is None or (main.kind == Kind.PRONOUN and any(parts)):
            parts.append(None)
            continue
        parts.append(resolve(index, sub, memory, lexicon))
    if any(p is not None and p.kind != Kind.OUTLET for p in parts):  # "..., according to AP": a relay
        parts = [None if p is not None and p.kind == Kind.OUTLET else p for p in parts]
    if len({p.speaker for p in parts if p is not None}) < 2:
        return found
    first = next(p for p in parts if p is not None)
    filled, last = [], first
    for part in parts:
        last = part or last
        filled.append(last)
    return replace(found, clauses=tuple(zip((0, *bounds), filled, strict=True)))


def _recent(pool: list[tuple[int, Attribution]], index: int, lexicon: SpeechLexicon) -> Attribution | None:
    """The last speaker of `pool`, if named recently enough to be the antecedent."""
    if pool and index - pool[-1][0] <= lexicon.max_pronoun_distance:
        return pool[-1][1]
    return None


def _full_name(surname: str, memory: Memory) -> Attribution | None:
    """An earlier speaker whose name ends with `surname` ("Sultani" -> "Farid Sultani")."""
    return memory.by_surname.get(surname)


NAME_GLUE = frozenset("'’.-")  # marks inside a word of a speaker phrase: "O'Neill", "U.S.", "al-Sisi"


def name_words(text: str) -> list[str]:
    """The words of a speaker phrase, each opening with a letter or digit, its inner marks kept."""
    return glued_words(text, NAME_GLUE, opens_with_word=True)


def _compatible(phrase: str, head: str, earlier: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether "the <head>" can refer to an earlier speaker: "the spokesman" to a spokesman, "the
    official" to anyone but a resident or a witness; "the medical source" only to one said to be medical."""
    words = name_words(f"{earlier.speaker} {earlier.speaker_role or ''}".lower())
    expanded = {lexicon.title_words.get(w, w) for w in words}
    modifiers = set(name_words(phrase.lower())[1:]) - {head}
    if not modifiers <= expanded:
        return False
    if head in expanded:
        return True
    return head in lexicon.general_roles and expanded.isdisjoint(lexicon.lay_roles)


def remember(
    index: int, found: Attribution, cues: SentenceCues, memory: Memory, lexicon: SpeechLexicon
) -> None:
    """Keep the sentence's speaker as a possible antecedent, and the documents it names."""
    for word in name_words(found.speaker.lower())[1:]:
        if word in lexicon.documents:
            memory.documents[word] = found
    if found.kind in (Kind.PERSON, Kind.ROLE):
        memory.persons.append((index, found))
        words = found.speaker.split()
        if found.kind == Kind.PERSON and len(words) > 1:  # looked up by surname: one look, not a walk back
            memory.by_surname[words[-1]] = found
    elif found.kind in (Kind.GROUP, Kind.OUTLET):  # "AP reported ... It said" -> AP
        memory.groups.append((index, found))
        sizes = memory.by_head.setdefault(found.head, {})
        sizes[len(content_words(found.speaker, lexicon))] = (len(memory.groups), found)
        if is_named(found.speaker, lexicon):
            memory.named_groups.append((index, found))
    if (cues.statement or found.method == Cue.STATEMENT or found.kind == Kind.STATEMENT) and not (
        found.kind == Kind.STATEMENT and _bare_statement(found.speaker, lexicon)
    ):
        memory.statement = found


def content_words(phrase: str, lexicon: SpeechLexicon) -> list[str]:
    """The words of a phrase without its leading article: "the officials" -> ["officials"]."""
    words = phrase.split()
    return words[1:] if words and words[0].lower() in lexicon.articles else words
