"""Who says what: attribute each sentence to the speaker whose words it reports.

Finding is in `extract.speech_cues`; this module resolves what one sentence cannot, walking the article
in order: pronouns and "the official" to the last speaker (or to a person named just before who did not
speak), a surname to the full name given before, "the charity" to the body named before, "the report"
to the body that released it, a quote running over several sentences to the speaker named at its end
(or in the next sentence), "the paper" to the last outlet named, an acronym to its expansion.

Choices:
- "X, citing Y, reported": the speaker is X when X is a person (a journalist vouches for it);
  when X is an outlet the speaker is Y and X is the relay.
- An outlet alone ("according to CNN", "Pajhwok reported") is the speaker; with another speaker in
  the sentence it is the relay.
- `start`/`end` always point at the words that name the speaker in the Doc, so that
  `doc.text[start:end] == speaker`; for a resolved pronoun they point at the antecedent.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from conflictdb.extract.speech_cues import (
    Cue,
    Kind,
    SentenceCues,
    SpeakerMention,
    find_named_subject,
    find_speech_cues,
)
from conflictdb.extract.speech_lexicon import SpeechLexicon, find_quotes, is_speech, load_speech_lexicon
from conflictdb.records import quick_init, replace

__all__ = [
    "Attribution",
    "Cue",
    "Kind",
    "SpeechLexicon",
    "attribute_sentences",
    "clause_facts",
    "find_quotes",
    "find_speech_cues",
    "load_speech_lexicon",
]


@quick_init
@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says what one sentence states; `start`/`end` locate the speaker's words in the Doc."""

    speaker: str
    speaker_role: str | None
    relay: str | None
    start: int
    end: int
    method: Cue
    kind: Kind = Kind.PERSON
    head: str = ""  # lower-cased head word of the phrase: "spokesman", "ministry"
    # when the sentence's clauses have speakers of their own ("X said 14 died, while Y put the toll at
    # 20"): (Doc offset where the clause opens, its speaker); the first clause opens at 0
    clauses: tuple[tuple[int, Attribution | None], ...] = ()


# ---------------------------------------------------------------- resolution across sentences


@dataclass(slots=True)
class _Memory:
    """What the reader remembers while walking the article (local to one call)."""

    persons: list[tuple[int, Attribution]] = field(default_factory=list)
    by_surname: dict[str, Attribution] = field(default_factory=dict)  # the last person of each full name
    groups: list[tuple[int, Attribution]] = field(default_factory=list)
    named_groups: list[tuple[int, Attribution]] = field(default_factory=list)  # the groups that _is_named
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


def _resolve(index: int, cues: SentenceCues, memory: _Memory, lexicon: SpeechLexicon) -> Attribution | None:
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
        return None if found is None else _with(found, Cue.PRONOUN, relay)
    if main.kind == Kind.STATEMENT and _bare_statement(main.text):
        named = memory.documents.get(main.head) or memory.statement  # "the records": the records named before
        words = main.text.lower().split()
        if named is None and (words[0] not in ("a", "an") or lexicon.document_sequels.intersection(words)):
            named = _recent(memory.groups, index, lexicon)  # "the statement": the body that spoke last
        if named is not None:
            return _with(named, Cue.STATEMENT, relay)
        if main.head != "statement" and words[0] not in ("a", "an"):
            return None  # "according to the report" with no issuer named; "a UN report" speaks for itself
    earlier = _earlier_referent(index, main, memory, lexicon)
    if earlier is not None:
        return _with(earlier, Cue.ANAPHOR, relay)
    found = Attribution(main.text, main.role, relay, main.start, main.end, main.method, main.kind, main.head)
    expanded = _expand_acronym(found, memory)
    return found if expanded is None else _with(expanded, found.method, relay)


def _earlier_referent(
    index: int, main: SpeakerMention, memory: _Memory, lexicon: SpeechLexicon
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
        fuller = _fuller_same_head(main, memory)
        if fuller is not None:
            return fuller
    if words[-1] in lexicon.anaphoric_bodies and _describes(words[1:-1], lexicon):
        # "the (monitoring) group", not "the Observatory"; "the ministry" after "the health ministry"
        return _fuller_same_head(main, memory) or _body_antecedent(index, memory, lexicon)
    if (
        len(words) <= 3
        and all(w[0].isupper() for w in words[1:])
        and " ".join(words[1:]).lower() not in lexicon.groups
    ):
        return _longer_name(
            words[1:], memory
        )  # "the Observatory" -> "the Syrian Observatory for Human Rights"
    return None


def _person_antecedent(index: int, memory: _Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """Who "he"/"she" is: a person named as a sentence's subject since the last speaker, else that speaker.
    A quote's closing "he said" looks back from where the quote opened."""
    since = memory.persons[-1][0] if memory.persons else -1
    opening = memory.quote_opening.get(index, index)
    for k in range(opening - 1, max(since, opening - 3), -1):
        subject = memory.subject_of(k)
        if subject is not None and subject.kind == Kind.PERSON:
            return _from_mention(subject)
    return _recent(memory.persons, index, lexicon)


def _subject_body(index: int, memory: _Memory) -> Attribution | None:
    """Who "it"/"they" is: a body named as the subject of a sentence since the last body that spoke
    ("The UN mission condemned the attack. It said ...")."""
    since = memory.groups[-1][0] if memory.groups else -1
    for k in range(index - 1, max(since, index - 3), -1):
        subject = memory.subject_of(k)
        if subject is not None and subject.kind == Kind.GROUP:
            return _from_mention(subject)
    return None


def _describes(modifiers: Sequence[str], lexicon: SpeechLexicon) -> bool:
    """Whether the words before "group"/"agency" only describe a body named before ("monitoring",
    "London-based"), rather than name one of its own ("defence ministry")."""
    return all(w.lower() in lexicon.anaphoric_modifiers or _BASED.search(w.lower()) for w in modifiers)


_BASED = re.compile(r"^[a-z]+-(?:based|run|led|backed|funded)$")


def _body_antecedent(index: int, memory: _Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """The named body "the charity" / "the group" stands for: the last one named as speaker or subject."""
    named = memory.named_groups
    since = named[-1][0] if named else -1
    for k in range(index - 1, max(since, index - 4), -1):
        subject = memory.subject_of(k)
        if subject is not None and subject.kind == Kind.GROUP:
            return _from_mention(subject)
    return _recent(named, index, lexicon)


def _fuller_same_head(main: SpeakerMention, memory: _Memory) -> Attribution | None:
    """The last body named before with the same head word and more words: "the health ministry"."""
    size = len(_content_words(main.text))
    fuller = [last for count, last in memory.by_head.get(main.head, {}).items() if count > size]
    return max(fuller, key=lambda last: last[0])[1] if fuller else None


def _is_named(speaker: str) -> bool:
    """Whether a group speaker is named ("Islamic State", "the Interior Ministry"), not just "Police"."""
    words = speaker.split()
    if words[0].lower() == "the" and len(words) > 1 and all(w[0].isupper() for w in words[1:]):
        return True  # "the Observatory", "the Red Crescent"
    if words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return any(w[0].isupper() for w in words[1:]) or (len(words) == 1 and words[0].isupper())


def _longer_name(words: Sequence[str], memory: _Memory) -> Attribution | None:
    """An earlier group speaker whose longer name holds all of `words`."""
    for _, earlier in reversed(memory.groups):
        names = set(earlier.speaker.split())
        if len(names) > len(words) + 1 and names.issuperset(words):
            return earlier
    return None


def _from_mention(mention: SpeakerMention) -> Attribution:
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
_ACRONYM_GLUE = r"(?:of|for|and|the|on|in|de|des|du|al|el|for the|of the)"


def _expand_acronym(found: Attribution, memory: _Memory) -> Attribution | None:
    """The full name an acronym speaker is given in the article: "the ISPR" -> "Inter-Services Public
    Relations (ISPR)"."""
    core = found.speaker[4:] if found.speaker.lower().startswith("the ") else found.speaker
    if not (3 <= len(core) <= 8 and core.isupper() and core.isalpha()):
        return None
    if core not in memory.acronyms and f"({core})" not in memory.text:
        memory.acronyms[core] = None  # the expansion ends with the bracketed acronym: none without it
    if core not in memory.acronyms:
        pattern = re.compile(
            rf"\b{_ACRONYM_HEAD}(?:\s+(?:{_ACRONYM_GLUE}\s+)?{_ACRONYM_HEAD}){{1,8}}\s*\({re.escape(core)}\)"
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


def _bare_statement(text: str) -> bool:
    """Whether a statement phrase names no issuer: "the statement", "a joint statement"."""
    words = text.lower().split()
    return len(words) == 1 or (len(words) <= 3 and words[0] in ("the", "a", "this", "that", "its", "their"))


def _relay(
    cues: SentenceCues, main: SpeakerMention | None, outlet: SpeakerMention | None, memory: _Memory
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


def _with(found: Attribution, method: Cue, relay: str | None) -> Attribution:
    """A copy of an earlier attribution reached by `method`, with this sentence's relay."""
    return replace(found, relay=relay, method=method, clauses=())


def _with_clauses(
    index: int, found: Attribution, cues: SentenceCues, memory: _Memory, lexicon: SpeechLexicon
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
        parts.append(_resolve(index, sub, memory, lexicon))
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


def clause_facts(facts: Any) -> list[Any]:
    """Split one sentence's facts (records.SentenceFacts) into one per clause whose speaker differs,
    each with the figures found in it; facts without clause speakers come back whole."""
    found = getattr(facts, "attribution", None)
    if found is None or not found.clauses:
        return [facts]
    bounds = [max(start, facts.start) for start, _ in found.clauses]
    parts = []
    for k, (_, speaker) in enumerate(found.clauses):
        lo, hi = bounds[k], bounds[k + 1] if k + 1 < len(bounds) else facts.end
        figures = tuple(f for f in facts.figures if lo <= f.start < hi)
        stance = facts.stance if facts.stance is not None and lo <= facts.stance.start < hi else None
        if not figures and stance is None:
            continue
        text = facts.text[lo - facts.start : hi - facts.start]
        parts.append(
            replace(facts, start=lo, end=hi, text=text, figures=figures, stance=stance, attribution=speaker)
        )
    return parts or [facts]


def _recent(pool: list[tuple[int, Attribution]], index: int, lexicon: SpeechLexicon) -> Attribution | None:
    """The last speaker of `pool`, if named recently enough to be the antecedent."""
    if pool and index - pool[-1][0] <= lexicon.max_pronoun_distance:
        return pool[-1][1]
    return None


def _full_name(surname: str, memory: _Memory) -> Attribution | None:
    """An earlier speaker whose name ends with `surname` ("Sultani" -> "Farid Sultani")."""
    return memory.by_surname.get(surname)


_WORD = re.compile(r"\w[\w'’.-]*")


def _compatible(phrase: str, head: str, earlier: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether "the <head>" can refer to an earlier speaker: "the spokesman" to a spokesman, "the
    official" to anyone but a resident or a witness; "the medical source" only to one said to be medical."""
    words = _WORD.findall(f"{earlier.speaker} {earlier.speaker_role or ''}".lower())
    expanded = {lexicon.title_words.get(w, w) for w in words}
    modifiers = set(_WORD.findall(phrase.lower())[1:]) - {head}
    if not modifiers <= expanded:
        return False
    if head in expanded:
        return True
    return head in ("official", "source") and expanded.isdisjoint(lexicon.lay_roles)


def _remember(
    index: int, found: Attribution, cues: SentenceCues, memory: _Memory, lexicon: SpeechLexicon
) -> None:
    """Keep the sentence's speaker as a possible antecedent, and the documents it names."""
    for word in _WORD.findall(found.speaker.lower())[1:]:
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
        sizes[len(_content_words(found.speaker))] = (len(memory.groups), found)
        if _is_named(found.speaker):
            memory.named_groups.append((index, found))
    if (cues.statement or found.method == Cue.STATEMENT or found.kind == Kind.STATEMENT) and not (
        found.kind == Kind.STATEMENT and _bare_statement(found.speaker)
    ):
        memory.statement = found


def _quote_groups(text: str, sentences: Sequence[Span], quotes: Sequence[tuple[int, int]]) -> list[list[int]]:
    """For each spoken quote, the indices of the sentences it runs through."""
    starts = [s.start_char for s in sentences]
    groups: list[list[int]] = []
    runs_on = False
    for qs, qe in quotes:
        if not is_speech(text, (qs, qe)):
            runs_on = False
            continue
        first = max(bisect.bisect_right(starts, qs) - 1, 0)
        members = list(range(first, bisect.bisect_left(starts, qe)))
        # an opening mark the sentencizer left at the end of the previous sentence does not count
        members = [
            i for i in members if min(sentences[i].end_char, qe) - max(sentences[i].start_char, qs) > 1
        ]
        if not members:
            continue
        if groups and runs_on and groups[-1][-1] + 1 == members[0]:
            groups[-1].extend(members)  # a quote left open at a paragraph's end goes on in the next
        else:
            groups.append(members)
        runs_on = text[qe - 1] not in _CLOSING_MARKS
    return groups


_CLOSING_MARKS = frozenset('"”')


def _quote_openings(groups: Sequence[list[int]]) -> dict[int, int]:
    """For the last sentence of each quote running over several sentences, the sentence it opens in."""
    return {members[-1]: members[0] for members in groups if len(members) > 1}


def _fill_quotes(
    results: list[Attribution | None],
    cues: Sequence[SentenceCues],
    groups: Sequence[list[int]],
    sentences: Sequence[Span],
    subject_of: Callable[[int], SpeakerMention | None],
) -> None:
    """Give every sentence of a quote the quote's speaker; an unattributed quote continues the last."""
    last: tuple[int, Attribution] | None = None
    for members in groups:
        found, method = _own_quote_speaker(results, members), Cue.QUOTE
        gap = members[0] - last[0] if last is not None else None
        if found is None and last is not None and gap is not None and gap <= 1:
            found, method = last[1], Cue.QUOTE_CONTINUATION
        if found is None:
            found = _nearby_quote_speaker(results, cues, members, sentences, subject_of)
        if found is None and last is not None and gap is not None and gap <= 2:
            found, method = last[1], Cue.QUOTE_CONTINUATION
        if found is None:
            continue
        for i in members:
            if results[i] is None:
                results[i] = _with(found, method, found.relay)
        last = (members[-1], found)


def _own_quote_speaker(results: Sequence[Attribution | None], members: list[int]) -> Attribution | None:
    """The speaker named in the quote's own sentences: where it closes, else where it opens."""
    for i in (members[-1], members[0]):
        if results[i] is not None:
            return results[i]
    return None


def _nearby_quote_speaker(
    results: Sequence[Attribution | None],
    cues: Sequence[SentenceCues],
    members: list[int],
    sentences: Sequence[Span],
    subject_of: Callable[[int], SpeakerMention | None],
) -> Attribution | None:
    """The speaker of an unattributed quote: named at the start of the next sentence, or "X said:" before,
    or the person the sentence before introduces as its subject."""
    after = members[-1] + 1
    if after < len(results):
        found = results[after]
        if found is not None and 0 <= found.start - sentences[after].start_char < 60:
            return found
    before = members[0] - 1
    if before >= 0 and cues[before].ends_with_colon:
        return results[before]
    if before >= 0 and results[before] is None:  # "Amina Diallo, a nurse, described the scene. "We ..."
        subject = subject_of(before)
        if subject is not None and subject.kind == Kind.PERSON and len(subject.text.split()) > 1:
            return _from_mention(subject)  # a full name, not a capitalised "Gunmen"
    return None


def attribute_sentences(
    doc: Doc, sentences: list[Span], lexicon: SpeechLexicon, *, text: str | None = None
) -> list[Attribution | None]:
    """One attribution per sentence: who says what it states (None: the outlet's own voice).

    Pass `text=doc.text` if already at hand: spaCy rebuilds `doc.text` on every access.
    """
    text = doc.text if text is None else text
    quotes = find_quotes(text)
    cues = [find_speech_cues(sentence, lexicon, quotes=quotes, text=text) for sentence in sentences]
    results: list[Attribution | None] = []
    subjects: dict[int, SpeakerMention | None] = {}

    def subject_of(k: int) -> SpeakerMention | None:
        """The named subject of sentence k if no one speaks in it (read lazily, at most once)."""
        if k < 0 or results[k] is not None:
            return None
        if k not in subjects:
            subjects[k] = find_named_subject(sentences[k], lexicon, quotes=quotes, text=text)
        return subjects[k]

    groups = _quote_groups(text, sentences, quotes)
    memory = _Memory(subject_of=subject_of, text=text, quote_opening=_quote_openings(groups))
    for index, sentence_cues in enumerate(cues):
        found = _resolve(index, sentence_cues, memory, lexicon)
        if found is not None and sentence_cues.clause_starts:
            found = _with_clauses(index, found, sentence_cues, memory, lexicon)
        results.append(found)
        if found is not None:
            _remember(index, found, sentence_cues, memory, lexicon)
        if sentence_cues.relays:
            memory.outlet = sentence_cues.relays[-1].text
        elif found is not None and found.relay:
            memory.outlet = found.relay
    _name_roles_named_later(results, lexicon)
    _name_bodies_named_later(results, lexicon)
    _voice_bodies(results, lexicon)
    _fill_quotes(results, cues, groups, sentences, subject_of)
    _continue_reports(results, cues, sentences, text, lexicon, subject_of)
    return results


def _name_roles_named_later(results: list[Attribution | None], lexicon: SpeechLexicon) -> None:
    """ "a Taliban police spokesman said" and, just after, "police spokesman Mawlawi Abdul Rahim told":
    the role is the person named next with the same role."""
    for i, found in enumerate(results):
        if (
            found is None
            or found.kind != Kind.ROLE
            or found.speaker.split()[0].lower() not in ("a", "an", "the")
            or " and " in found.speaker  # "a local official and a doctor": two people, not one named later
        ):
            continue
        for later in results[i + 1 : i + 1 + lexicon.max_cataphora_distance]:
            if later is not None and later.kind == Kind.PERSON and _same_role(found, later, lexicon):
                for k in range(i, len(results)):
                    if results[k] is not None and (results[k].start, results[k].end) == (
                        found.start,
                        found.end,
                    ):
                        results[k] = _with(later, Cue.ANAPHOR, results[k].relay)
                break


def _name_bodies_named_later(results: list[Attribution | None], lexicon: SpeechLexicon) -> None:
    """ "..., a war monitor said." and, in the next sentence that names a speaker, "the Vardan Observatory
    said": the body described first is the body named next; the description becomes its role."""
    for i, found in enumerate(results):
        if found is None or not _described_body(found, lexicon):
            continue
        span = (found.start, found.end)
        ahead = results[i + 1 : i + 1 + lexicon.max_cataphora_distance]
        later = next((r for r in ahead if r is not None and (r.start, r.end) != span), None)
        if later is None or later.kind != Kind.GROUP or not _is_named(later.speaker):
            continue
        if not (
            later.head in lexicon.described_bodies or later.head == found.head or _proper_head(later, lexicon)
        ):
            continue  # "a rights group" is not "the interior ministry" told next
        named = replace(later, speaker_role=later.speaker_role or " ".join(_content_words(found.speaker)))
        for k in range(i, len(results)):
            said = results[k]
            if said is not None and (said.start, said.end) == span:
                results[k] = _with(named, said.method, said.relay)


def _proper_head(found: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether a body's name ends in a word of its own, not an institution's ("... Rights Watch")."""
    return found.head not in lexicon.word_classes and found.speaker.split()[-1][:1].isupper()


def _described_body(found: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether a speaker is a body described, not named: "a war monitor", "a rights group"."""
    return (
        found.kind in (Kind.ROLE, Kind.GROUP)
        and found.method != Cue.ANAPHOR
        and found.speaker.split()[0].lower() in ("a", "an")
        and found.head in lexicon.described_bodies
        and " and " not in found.speaker
    )


def _voice_bodies(results: list[Attribution | None], lexicon: SpeechLexicon) -> None:
    """ "The government said 19 died." and, just after, "a government spokesperson, Ada Obi, said": the
    body spoke through the person whose role names it (the role keeps the body's words)."""
    for i, found in enumerate(results):
        if found is None or found.kind != Kind.GROUP or found.method == Cue.ANAPHOR:
            continue
        words = set(_body_words(found.speaker))
        body = (found.start, found.end)
        for later in results[i + 1 : i + 1 + lexicon.max_cataphora_distance]:
            if later is None or (later.start, later.end) == body:
                continue
            role = set(_body_words(later.speaker_role or ""))
            if later.kind == Kind.PERSON and words and words <= role and role & lexicon.voice_roles:
                for k, said in enumerate(results[i:], start=i):  # every sentence the body spoke
                    if said is not None and (said.start, said.end) == body:
                        results[k] = _with(later, said.method, said.relay)
            break


def _body_words(speaker: str) -> list[str]:
    """The lower-cased words of a body's name, possessives bare: "the Army's Third Division" -> army, ..."""
    return [_POSSESSIVE_END.sub("", w.lower()) for w in _content_words(speaker)]


_POSSESSIVE_END = re.compile(r"['’]s$")


def _same_role(role: Attribution, person: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether a person's role matches an unnamed role: same head word (or one naming the same post:
    "a militia leader", "a commander of the militia"), a shared modifier if both have one."""
    if not person.speaker_role or not role.head:
        return False
    theirs = set(_WORD.findall(person.speaker_role.lower()))
    heads = lexicon.role_synonyms.get(role.head, frozenset()) | {role.head}
    ours = set(role.speaker.lower().split()[1:]) - heads - lexicon.vague_role_words
    same = heads & theirs
    return bool(same) and (not ours or not (theirs - same) or bool(ours & theirs))


def _continue_reports(
    results: list[Attribution | None],
    cues: Sequence[SentenceCues],
    sentences: Sequence[Span],
    text: str,
    lexicon: SpeechLexicon,
    subject_of: Callable[[int], SpeakerMention | None],
) -> None:
    """A short sentence right after an attributed one in the same paragraph goes on with its report:
    "..., the ministry said. Around 40 people were injured." """
    for i in range(1, len(results)):
        before, sentence = results[i - 1], sentences[i]
        if results[i] is not None or before is None or cues[i].speakers:
            continue
        if "\n" in text[sentences[i - 1].end_char : sentence.start_char]:
            continue
        said = text[sentence.start_char : sentence.end_char]
        words = said.split()
        if len(words) > lexicon.continuation_max_words or _changes_subject(words, lexicon):
            continue
        if _YEAR.search(said) or '"' in said or "“" in said:
            continue
        if subject_of(i) is not None:
            continue  # "Amina Yusuf lost two sons in the blast.": a new subject, not the report
        results[i] = _with(before, Cue.CONTINUATION, before.relay)


def _changes_subject(words: Sequence[str], lexicon: SpeechLexicon) -> bool:
    """Does a sentence open with a change of time or subject ("In Gao, ...", "The army ..."), not a count
    ("At least 14 died", "In all, ...")?"""
    if words[0].lower() not in lexicon.continuation_blockers:
        return False
    if words[0].lower() in lexicon.continuation_count_subjects and any(w[:1].isdigit() for w in words[1:]):
        return False  # "The bodies of 12 men were found nearby": a count, told by the same report
    opening = tuple(w.lower().strip(",") for w in words[:3])
    return not any(opening[: len(p)] == p for p in lexicon.continuation_count_openers)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _content_words(phrase: str) -> list[str]:
    """The words of a phrase without its leading article: "the officials" -> ["officials"]."""
    words = phrase.split()
    return words[1:] if words and words[0].lower() in ("the", "a", "an") else words
