"""Finding speech cues: the speaker phrases one sentence names and the outlets that relay them.

`find_speech_cues` reads one sentence (quoted words masked) and returns the speaker phrases it names
("an army spokesman, Col. Amir Saleh, said", "according to CNN", "he said") and the outlets that relay
them ("told AFP"). Resolution across sentences is in `referents` and `attribution`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span

from conflictdb.extract.speech.lexicon import SpeechLexicon
from conflictdb.extract.speech.phrases import (
    name_span,
    np_after,
    np_before,
    phrase_text,
    semantic_head,
    strip_role,
)
from conflictdb.extract.speech.quotes import masked_sentence
from conflictdb.extract.speech.speaker_mentions import (
    CueSentence,
    OutletMention,
    SentenceCues,
    SpeakerMention,
    person_mention,
    pronoun_mention,
    speaker_mention,
)
from conflictdb.extract.speech.subjects import phrase_after, subject_after, subject_before
from conflictdb.extract.speech.tokens import (
    BOUNDARIES,
    CAP,
    COMMA,
    DET,
    MOD,
    NP_WORDS,
    ORG,
    OTHER,
    PAREN,
    PREP,
    PROLE,
    PRON,
    ROLE,
    TITLE,
    Tok,
    find_outlets,
    tokenize,
)
from conflictdb.records import replace
from conflictdb.records.matches import Cue, Kind


def _followed_by(toks: Sequence[Tok], i: int, phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether the words after token i start with one of `phrases`."""
    words = tuple([t.low for t in toks[i + 1 : i + 4]])
    return any(words[: len(phrase)] == phrase for phrase in phrases)


def _verb_cue(sent: CueSentence, i: int, lexicon: SpeechLexicon) -> tuple[SpeakerMention | None, bool]:
    """The speaker of the cue word at token i, and whether it is a "citing" source only."""
    toks, low = sent.toks, sent.toks[i].low
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if low in lexicon.passive_say_verbs and nxt == "by" and i > 0 and toks[i - 1].low in lexicon.be_forms:
        return phrase_after(sent, i + 2, Cue.ACCORDING_TO, lexicon), False  # "was confirmed by X"
    if low == "according" and nxt == "to":
        found = _document_reference(sent, i + 2, Cue.ACCORDING_TO, lexicon)
        return found or phrase_after(sent, i + 2, Cue.ACCORDING_TO, lexicon), False
    if low in lexicon.possessive_documents and i > 0 and toks[i - 1].poss:
        return _possessor(sent, i, lexicon), False
    if low == "per" and (i == 0 or toks[i - 1].cls in BOUNDARIES):  # "Per the health office, ..."
        return phrase_after(sent, i + 1, Cue.ACCORDING_TO, lexicon), False
    if low in lexicon.citing_verbs:
        return phrase_after(sent, i + 1, Cue.CITING, lexicon), True
    issuer = _document_issuer(sent, i, lexicon) if low in lexicon.document_verbs else None
    if issuer is not None:  # "figures from the ministry show"; else "X indicated that" is X's
        return issuer, False
    if low in lexicon.quoted_verbs:
        return _quoted_cue(sent, i, lexicon), False
    if low in lexicon.statement_verbs and _releases_document(toks, i, lexicon):
        return subject_before(sent, i, Cue.STATEMENT, lexicon), False
    if low in lexicon.toll_verbs:
        if any(t.low in lexicon.toll_objects for t in toks[i + 1 : i + 8]):
            return subject_before(sent, i, Cue.TOLD, lexicon), False
        return None, False
    if low in lexicon.that_verbs:
        return (subject_before(sent, i, Cue.SAID, lexicon) if nxt == "that" else None), False
    if low in lexicon.progressive_say_verbs and i > 0 and toks[i - 1].low in lexicon.be_forms:
        return subject_before(sent, i - 1, Cue.SAID, lexicon), False  # "other outlets are reporting"
    if low in lexicon.participle_say_verbs:
        return _participle_subject(sent, i, lexicon), False
    if low in lexicon.noun_say_verbs:  # "Reuters reports.", not "media reports said"
        if nxt in lexicon.noun_followers or (i > 0 and toks[i - 1].cls in (DET, MOD)):
            return None, False
        return subject_before(sent, i, Cue.SAID, lexicon), False
    if low in lexicon.plural_say_verbs:
        found = subject_before(sent, i, Cue.SAID, lexicon)
        return (found if found is not None and _plural(found, lexicon) else None), False
    if low in lexicon.say_verbs or low in lexicon.tell_verbs:
        if _followed_by(toks, i, lexicon.not_speech_after) and not _followed_by(
            toks, i, lexicon.speech_after
        ):
            return None, False
        method = Cue.TOLD if low in lexicon.tell_verbs else Cue.SAID
        found = subject_before(sent, i, method, lexicon)
        if found is not None and found.kind == Kind.STATEMENT and _after_preposition(sent, found):
            return None, False  # "In a statement posted online, the governor said": the governor speaks
        if found is None and low in lexicon.inverted_verbs and (i == 0 or toks[i - 1].cls in BOUNDARIES):
            found = subject_after(sent, i + 1, Cue.INVERTED, lexicon)
        return found, False
    return None, False


def _after_preposition(sent: CueSentence, found: SpeakerMention) -> bool:
    """Whether a phrase is the object of a preposition ("in a statement"), so no verb's subject."""
    k = next((k for k, t in enumerate(sent.toks) if t.start == found.start), 0)
    return k > 0 and sent.toks[k - 1].cls == PREP


def _participle_subject(sent: CueSentence, i: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """Who speaks in a participle clause: its own subject ("with some outlets saying"), else after a
    comma the subject the sentence opens with ("The hospital raised its toll, saying ...")."""
    toks = sent.toks
    if i == 0 or toks[i - 1].low in lexicon.participle_blockers:
        return None  # "quoted as saying", "without saying"
    if toks[i - 1].cls != COMMA:
        return subject_before(sent, i, Cue.SAID, lexicon)
    if any(t.low in lexicon.say_verbs or t.low in lexicon.tell_verbs for t in toks[:i]):
        return None  # "Five died, the minister said, adding ...": the minister, found at "said"
    if toks[0].cls == PRON:
        return pronoun_mention(sent, 0, lexicon, Cue.SAID)
    e = np_after(toks, 0)
    if e is None or e >= i or toks[e].cls != OTHER or not toks[e].text.islower():
        return None
    return speaker_mention(sent, 0, e, Cue.SAID, lexicon)


def _plural(found: SpeakerMention, lexicon: SpeechLexicon) -> bool:
    """Whether a speaker can take a plural verb ("reports estimate"), so the verb is not a noun."""
    if found.kind == Kind.PRONOUN:
        return found.head in lexicon.group_pronouns or found.head == "we"
    return found.kind == Kind.GROUP and (found.head.endswith("s") or found.head in lexicon.plural_collectives)


def _possessor(sent: CueSentence, i: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The owner of a count: "by the ministry's count", "according to the UN's figures"."""
    toks = sent.toks
    s = np_before(toks, i)
    if s is None or s == 0 or toks[s - 1].low not in lexicon.possessed_after:
        return None  # not "Gaza's toll rose": a place's toll is no one's count
    found = speaker_mention(sent, s, i, Cue.ACCORDING_TO, lexicon)
    if found is None or found.kind == Kind.STATEMENT:
        return None
    text = sent.text[found.start - sent.offset : found.end - sent.offset]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return replace(found, text=text, end=found.start + len(text))


def _document_issuer(sent: CueSentence, verb: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """Who issued the document a verb has for subject: "figures from the health ministry show",
    "data compiled by the monitor shows" -> the ministry, the monitor."""
    toks = sent.toks
    k = verb - 1
    while k >= 0 and toks[k].cls not in BOUNDARIES and toks[k].low not in lexicon.documents:
        k -= 1
    if k < 0 or toks[k].low not in lexicon.documents:
        return None
    for j in range(k + 1, verb):
        if toks[j].low in lexicon.issuer_links_before_verb and np_after(toks, j + 1) == verb:
            return speaker_mention(sent, j + 1, verb, Cue.STATEMENT, lexicon)
    return None


def _releases_document(toks: Sequence[Tok], i: int, lexicon: SpeechLexicon) -> bool:
    """Whether the verb at i releases a document: "issued a statement", "released its findings"."""
    first = i + 2 if i + 1 < len(toks) and toks[i + 1].cls == DET else i + 1  # "issued a statement"
    for tok in toks[first : i + 5]:  # ... "released new figures", "issued fresh casualty figures"
        if tok.low in lexicon.documents:
            return True
        if tok.cls not in (MOD, CAP, OTHER) or not tok.text.isalpha():
            return False
    return False


def _document_reference(
    sent: CueSentence, begin: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """A bare reference to a document released before: "according to the report" (its issuer speaks)."""
    toks = sent.toks
    if begin + 1 >= len(toks) or (
        toks[begin].low not in lexicon.definite_determiners
        and toks[begin].low not in lexicon.document_possessives
    ):
        return None
    doc = toks[begin + 1]
    if doc.low not in lexicon.documents or (begin + 2 < len(toks) and toks[begin + 2].cls in NP_WORDS):
        return None
    text = sent.text[toks[begin].start - sent.offset : doc.end - sent.offset]
    return SpeakerMention(text, toks[begin].start, doc.end, None, Kind.STATEMENT, method, doc.low, True)


def find_named_subject(
    sentence: Span, lexicon: SpeechLexicon, *, quotes: Sequence[tuple[int, int]] = (), text: str | None = None
) -> SpeakerMention | None:
    """The named person or body a sentence opens with as its subject: "Mayor Ihor Tkachenko visited ..."."""
    text = sentence.doc.text if text is None else text
    start = sentence.start_char
    masked = masked_sentence(text, start, min(sentence.end_char, start + 200), quotes)
    toks = tokenize(masked, start, lexicon)
    sent = CueSentence(masked, start, toks, ())
    e = np_after(toks, 0)
    if e is None or e >= len(toks):
        return None
    if toks[e].cls == COMMA:  # "The district chief, Abdul Wali, spoke to reporters."
        app_end = np_after(toks, e + 1)
        if app_end is not None and app_end < len(toks) and toks[app_end].cls == COMMA:
            name = name_span(toks, e + 1, app_end, lexicon)
            if name is not None and name[0] == e + 1:
                rs, re_ = strip_role(toks, 0, e)
                role = phrase_text(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
                return person_mention(sent, name, role, Cue.ANAPHOR)
    elif toks[e].cls not in (OTHER, PRON) or not toks[e].text.islower():
        return None  # not followed by a verb
    if any(t.low in lexicon.victim_predicates for t in toks[e : e + 3]):
        return None  # "Ali Khan was killed": a victim, not a source
    if toks[e - 1].cls == MOD:
        return None  # "A Russian air strike hit ...": the phrase goes on past its modifier
    found = speaker_mention(sent, 0, e, Cue.ANAPHOR, lexicon)
    if found is None or found.kind not in (Kind.PERSON, Kind.GROUP):
        return None
    head = semantic_head(toks, 0, e)
    capital_org = head.cls == ORG and head.text[0].isupper() and head is not toks[0]  # not "Police fired"
    return found if found.kind == Kind.PERSON or head.cls in (CAP, PAREN) or capital_org else None


def _quoted_cue(sent: CueSentence, i: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """ "X was quoted as saying" (X speaks) or "the paper cited/quoted X" (X speaks)."""
    toks = sent.toks
    if i > 0 and toks[i - 1].low in lexicon.quoted_after:
        return subject_before(sent, i - 1, Cue.QUOTED, lexicon)
    found = phrase_after(sent, i + 1, Cue.CITING, lexicon)
    return None if found is not None and found.kind == Kind.OUTLET else found


def find_speech_cues(
    sentence: Span, lexicon: SpeechLexicon, *, quotes: Sequence[tuple[int, int]] = (), text: str | None = None
) -> SentenceCues:
    """Find the speaker phrases and relaying outlets one sentence names (quoted words are skipped).

    `quotes` are the Doc's quoted stretches (`find_quotes`); `text` is `doc.text` if the caller has it
    (spaCy rebuilds it on every access).
    """
    text = sentence.doc.text if text is None else text
    start, end = sentence.start_char, sentence.end_char
    masked = masked_sentence(text, start, end, quotes)
    low = masked.lower()
    if lexicon.trigger_screen.search(low) is None:  # no trigger word
        source = _headline_source(masked, start, lexicon)
        if source is None and _opens_line(text, start):
            source = _colon_speaker(masked, start, lexicon)
        colon = masked.rstrip().endswith(":")
        return SentenceCues(speakers=(source,) if source else (), ends_with_colon=colon)
    toks = tokenize(masked, start, lexicon)
    sent = CueSentence(masked, start, toks, find_outlets(masked, start, toks, lexicon))
    speakers: list[SpeakerMention] = []
    sources: list[SpeakerMention] = []
    for i, tok in enumerate(sent.toks):
        if tok.low not in lexicon.trigger_words or (
            tok.text[0].isupper() and tok.low not in lexicon.opening_cues
        ):
            continue
        found, is_source = _verb_cue(sent, i, lexicon)
        if found is not None:
            (sources if is_source else speakers).append(found)
    if not speakers and not sources and _opens_line(text, start):
        found = _colon_speaker(masked, start, lexicon)
        if found is not None:
            speakers.append(found)
    contrast = _contrast_start(masked, start, speakers, lexicon) if not sources else ()
    return SentenceCues(
        speakers=tuple(speakers),
        sources=tuple(sources),
        relays=_relays(sent, lexicon),
        outlet_reference=_refers_to_outlet(masked, lexicon),
        statement="statement" in low,
        ends_with_colon=masked.rstrip().endswith(":"),
        clause_starts=_clause_starts(masked, start, speakers + sources, lexicon) or contrast,
        lone_clause=bool(contrast),
    )


def _opens_line(text: str, start: int) -> bool:
    """Whether the sentence at `start` opens a line of the text."""
    return start == 0 or text[start - 1] == "\n"


def _colon_speaker(masked: str, offset: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """A speaker line that introduces the words after a colon: "District police chief: four were hurt".
    The sentence opens a line; the words before the colon are one speaker phrase holding a role or a body
    (not a dateline, a bare label such as "Source:", or a name with only a title)."""
    colon = masked.find(":", 0, lexicon.colon_speaker_max_chars)
    if colon <= 0 or not masked[colon + 1 :].strip():
        return None
    lead = masked[:colon]
    toks = tokenize(lead, offset, lexicon)
    if not toks or np_after(toks, 0) != len(toks):
        return None
    if len(toks) == 1 and toks[0].cls in (ROLE, TITLE):  # "Source:", "Reporter:": a label
        return None
    if not any(t.cls in (ROLE, PROLE, ORG, TITLE) for t in toks):
        return None
    found = speaker_mention(CueSentence(lead, offset, toks, ()), 0, len(toks), Cue.SAID, lexicon)
    if found is None or found.kind not in (Kind.ROLE, Kind.PERSON, Kind.GROUP):
        return None
    if found.kind == Kind.PERSON and not found.role:
        return None  # a name before a colon speaks with its role: "army spokesman X:", not "Dr X:"
    return found


_THE_END = re.compile(r"\b[Tt]he\s+$")


def _contrast_start(
    masked: str, offset: int, found: Sequence[SpeakerMention], lexicon: SpeechLexicon
) -> tuple[int, ...]:
    """Where the clause of a sentence's only speaker opens, when that speaker opens a contrasting
    clause after words of the outlet's own ("Five died, while police said 12 were hurt")."""
    if len(found) != 1 or found[0].method not in (Cue.SAID, Cue.TOLD):
        return ()
    before = masked[: found[0].start - offset]
    bare = lexicon.article_end.sub("", before)
    match = lexicon.contrast.search(bare)
    if match is None:
        return ()
    return (offset + match.start() + 1,)


def _clause_starts(
    masked: str, offset: int, found: Sequence[SpeakerMention], lexicon: SpeechLexicon
) -> tuple[int, ...]:
    """Where the clauses after the first open ("..., while Y put the toll at 20"), when the sentence
    names more than one speaker; quoted words are masked, so a quote's own commas do not count."""
    if len(found) < 2 or lexicon.clause_break is None:
        return ()
    starts = [offset + m.end() for m in lexicon.clause_break.finditer(masked)]
    first = min(m.end for m in found)
    if lexicon.leading_clause is not None and lexicon.leading_clause.match(masked):
        comma = masked.find(",", first - offset)  # "While the army said five died, the rebels ..."
        if comma >= 0:
            starts.append(offset + comma + 1)
    return tuple(sorted(set(starts)))


_HEADLINE_SOURCE = re.compile(r"(?:\s*:|\s+[–—-])\s+([^:–—]{2,40}?)\s*$")
_SINGLE_SOURCE = frozenset({ORG, ROLE, PROLE})


def _headline_source(masked: str, offset: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The source a headline names after a colon or a dash, with no full stop: "Blast kills 5 in
    Quetta: police", "Missile hits school, 7 dead – Emergency Service"."""
    match = _HEADLINE_SOURCE.search(masked)
    if match is None or match.start() == 0:
        return None
    toks = tokenize(match.group(1), offset + match.start(1), lexicon)
    if not toks or len(toks) > 5 or np_after(toks, 0) != len(toks) or toks[-1].text.isdigit():
        return None  # "...: Day 12" numbers the page, it names no source
    if len(toks) == 1 and toks[0].cls not in _SINGLE_SOURCE and toks[0].low not in lexicon.groups:
        return None  # "Twin blasts: Kabul" names a place
    sent = CueSentence(masked, offset, toks, find_outlets(masked, offset, toks, lexicon))
    found = speaker_mention(sent, 0, len(toks), Cue.HEADLINE, lexicon)
    return found if found is not None and found.kind != Kind.STATEMENT else None


def _relays(sent: CueSentence, lexicon: SpeechLexicon) -> tuple[OutletMention, ...]:
    """Outlets named in a relaying position: "told AFP", "according to CNN", ", AP reported"."""
    found = []
    for os_, oe in sent.outlets:
        before = sent.text[: os_ - sent.offset]
        after = sent.text[oe - sent.offset :]
        the = _THE_END.search(before)
        if the is not None:
            before = before[: the.start()]
        if lexicon.relay_before.search(before) or lexicon.relay_after.match(after):
            start = os_ - (len(sent.text[: os_ - sent.offset]) - len(before))
            found.append(OutletMention(sent.text[start - sent.offset : oe - sent.offset], start, oe))
    return tuple(found)


def _refers_to_outlet(masked: str, lexicon: SpeechLexicon) -> bool:
    """Whether the sentence relays through "the paper" / "the agency" named before."""
    match = lexicon.outlet_reference_pattern.search(masked)
    if match is None:
        return False
    after = masked[match.end() :]
    return bool(lexicon.outlet_reference_verb.match(after))
