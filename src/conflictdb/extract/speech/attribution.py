"""Who says what: attribute each sentence of an article to the speaker whose words it reports.

One sentence's cues are found in `cues` and resolved against what came before in `referents`; this
module walks the article in order, then fills what one pass cannot: a quote running over several
sentences takes the speaker named at its end (or in the next sentence), an unnamed role or body takes the
name given just after it, and a short sentence after an attributed one goes on with its report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.tokens import Doc, Span

from conflictdb.extract.speech.cues import find_named_subject, find_speech_cues
from conflictdb.extract.speech.lexicon import SpeechLexicon
from conflictdb.extract.speech.quotes import QuoteRules, find_quotes, is_speech
from conflictdb.extract.speech.referents import (
    Memory,
    content_words,
    from_mention,
    is_named,
    name_words,
    reattributed,
    remember,
    resolve,
    with_clauses,
)
from conflictdb.extract.speech.speaker_mentions import SentenceCues, SpeakerMention
from conflictdb.records import replace
from conflictdb.records.matches import Attribution, Cue, Kind


def _quote_groups(
    text: str, sentences: Sequence[Span], quotes: Sequence[tuple[int, int]], rules: QuoteRules
) -> list[list[int]]:
    """For each spoken quote (by `rules`), the indices of the sentences it runs through."""
    starts = [s.start_char for s in sentences]
    groups: list[list[int]] = []
    runs_on = False
    for qs, qe in quotes:
        if not is_speech(text, (qs, qe), rules):
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
                results[i] = reattributed(found, method, found.relay)
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
            return from_mention(subject)  # a full name, not a capitalised "Gunmen"
    return None


def attribute_sentences(
    doc: Doc, sentences: list[Span], lexicon: SpeechLexicon, *, text: str | None = None
) -> list[Attribution | None]:
    """One attribution per sentence: who says what it states (None: the outlet's own voice).

    Pass `text=doc.text` if already at hand: spaCy rebuilds `doc.text` on every access.
    """
    text = doc.text if text is None else text
    quotes = find_quotes(text, lexicon.quotes)
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

    groups = _quote_groups(text, sentences, quotes, lexicon.quotes)
    memory = Memory(subject_of=subject_of, text=text, quote_opening=_quote_openings(groups))
    for index, sentence_cues in enumerate(cues):
        found = resolve(index, sentence_cues, memory, lexicon)
        if found is not None and sentence_cues.clause_starts:
            found = with_clauses(index, found, sentence_cues, memory, lexicon)
        results.append(found)
        if found is not None:
            remember(index, found, sentence_cues, memory, lexicon)
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
            or found.speaker.split()[0].lower() not in lexicon.articles
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
                        results[k] = reattributed(later, Cue.ANAPHOR, results[k].relay)
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
        if later is None or later.kind != Kind.GROUP or not is_named(later.speaker, lexicon):
            continue
        if not (
            later.head in lexicon.described_bodies or later.head == found.head or _proper_head(later, lexicon)
        ):
            continue  # "a rights group" is not "the interior ministry" told next
        role = later.speaker_role or " ".join(content_words(found.speaker, lexicon))
        named = replace(later, speaker_role=role)
        for k in range(i, len(results)):
            said = results[k]
            if said is not None and (said.start, said.end) == span:
                results[k] = reattributed(named, said.method, said.relay)


def _proper_head(found: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether a body's name ends in a word of its own, not an institution's ("... Rights Watch")."""
    return found.head not in lexicon.word_classes and found.speaker.split()[-1][:1].isupper()


def _described_body(found: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether a speaker is a body described, not named: "a war monitor", "a rights group"."""
    return (
        found.kind in (Kind.ROLE, Kind.GROUP)
        and found.method != Cue.ANAPHOR
        and found.speaker.split()[0].lower() in lexicon.indefinite_articles
        and found.head in lexicon.described_bodies
        and " and " not in found.speaker
    )


def _voice_bodies(results: list[Attribution | None], lexicon: SpeechLexicon) -> None:
    """ "The government said 19 died." and, just after, "a government spokesperson, Ada Obi, said": the
    body spoke through the person whose role names it (the role keeps the body's words)."""
    for i, found in enumerate(results):
        if found is None or found.kind != Kind.GROUP or found.method == Cue.ANAPHOR:
            continue
        words = set(_body_words(found.speaker, lexicon))
        body = (found.start, found.end)
        for later in results[i + 1 : i + 1 + lexicon.max_cataphora_distance]:
            if later is None or (later.start, later.end) == body:
                continue
            role = set(_body_words(later.speaker_role or "", lexicon))
            if later.kind == Kind.PERSON and words and words <= role and role & lexicon.voice_roles:
                for k, said in enumerate(results[i:], start=i):  # every sentence the body spoke
                    if said is not None and (said.start, said.end) == body:
                        results[k] = reattributed(later, said.method, said.relay)
            break


def _body_words(speaker: str, lexicon: SpeechLexicon) -> list[str]:
    """The lower-cased words of a body's name, possessives bare: "the Army's Third Division" -> army, ..."""
    return [_POSSESSIVE_END.sub("", w.lower()) for w in content_words(speaker, lexicon)]


_POSSESSIVE_END = re.compile(r"['’]s$")


def _same_role(role: Attribution, person: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether a person's role matches an unnamed role: same head word (or one naming the same post:
    "a militia leader", "a commander of the militia"), a shared modifier if both have one."""
    if not person.speaker_role or not role.head:
        return False
    theirs = set(name_words(person.speaker_role.lower()))
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
        results[i] = reattributed(before, Cue.CONTINUATION, before.relay)


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
