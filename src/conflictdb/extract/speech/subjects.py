"""Finding who speaks around a cue word: the subject before a verb ("X, a resident, said"), the
speaker after an inverted verb or "according to", and the name or role an apposition adds."""

from __future__ import annotations

from collections.abc import Sequence

from conflictdb.extract.speech.lexicon import SpeechLexicon
from conflictdb.extract.speech.phrases import (
    ends_phrase,
    name_span,
    np_after,
    np_before,
    phrase_text,
    strip_role,
)
from conflictdb.extract.speech.speaker_mentions import (
    CueSentence,
    SpeakerMention,
    person_mention,
    pronoun_mention,
    speaker_mention,
)
from conflictdb.extract.speech.tokens import (
    APPOSITION_STARTS,
    BOUNDARIES,
    CAP,
    COMMA,
    CONJ,
    DET,
    MASK,
    MOD,
    NAME_PARTS,
    NP_WORDS,
    ORG,
    OTHER,
    PREP,
    PRON,
    ROLE,
    STMT,
    TITLE,
    Tok,
)
from conflictdb.records import replace
from conflictdb.records.matches import Cue, Kind


def subject_before(
    sent: CueSentence, verb: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The speaker before a speech verb: "X said", "X, a resident, said", "X, who said"."""
    toks = sent.toks
    j = _skip_asides(toks, verb, lexicon)
    if j == 0:
        return None
    prev = toks[j - 1]
    if prev.cls == PRON:
        return pronoun_mention(sent, j - 1, lexicon, method)
    if prev.cls == CONJ and j >= 2 and toks[j - 2].cls not in NP_WORDS:  # "X called for ... and said"
        return _opening_subject(sent, j - 1, method, lexicon)
    if prev.low in lexicon.relative_pronouns:
        if j >= 2 and toks[j - 2].cls == COMMA:
            found = _appositive_subject(sent, j - 2, Cue.RELATIVE, lexicon)
            if found is None:
                s = np_before(toks, j - 2)
                found = None if s is None else speaker_mention(sent, s, j - 2, Cue.RELATIVE, lexicon)
            return found
        return None
    if prev.cls == COMMA:
        return _appositive_subject(sent, j - 1, method, lexicon)
    head = _reduced_relative_head(toks, j, lexicon)
    if head is not None:  # "a member of the local administration set up by resistance forces told"
        return speaker_mention(sent, head[0], head[1], method, lexicon)
    s = np_before(toks, j)
    if s is None:
        found = _subject_of_relative(sent, j, method, lexicon)
        return found or _subject_with_post_modifier(sent, j, method, lexicon)
    s = _before_post_modifier(toks, s, lexicon)  # "a commander loyal to | the government"
    found = speaker_mention(sent, s, j, method, lexicon)
    if found is None or found.kind == Kind.PERSON:
        return found
    partitive = s >= 2 and toks[s - 1].low == "of" and toks[s - 2].low in lexicon.partitives
    if found.kind == Kind.GROUP and partitive:
        return _partitive(sent, found, s - 2)  # "one of the volunteers said"
    if found.kind == Kind.STATEMENT:  # "a statement from the governor said"
        return _issuer(sent, s, j, method, lexicon) or found
    return _named_before(sent, s, j, method, lexicon) or found


def _partitive(sent: CueSentence, group: SpeakerMention, k: int) -> SpeakerMention:
    """ "one of the volunteers": the part of a group that speaks, one person when it is "one"."""
    tok = sent.toks[k]
    text = sent.text[tok.start - sent.offset : group.end - sent.offset]
    kind = Kind.ROLE if tok.low == "one" else Kind.GROUP
    return replace(group, text=text, start=tok.start, kind=kind, definite=False)


def _named_before(
    sent: CueSentence, s: int, j: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """A person named before an unnamed subject toks[s:j] who is the better speaker: the first of
    coordinated speakers ("Dr X, the director, and two sources told"), or a name whose apposition runs
    to the verb without a closing comma ("Ali Khan, spokesman for the health ministry said")."""
    toks = sent.toks
    if s >= 2 and toks[s - 1].cls == CONJ and toks[s - 2].cls == COMMA:
        earlier = subject_before(sent, s - 1, method, lexicon)
        return earlier if earlier is not None and earlier.kind == Kind.PERSON else None
    k = s - 1 if s > 0 and toks[s - 1].cls == PREP else s  # "spokesman for" + the phrase
    while k > 0 and toks[k - 1].cls in (ROLE, MOD, DET, TITLE):
        k -= 1
    if k < 2 or toks[k - 1].cls != COMMA or not any(t.cls == ROLE for t in toks[k:j]):
        return None
    name_s = np_before(toks, k - 1)
    if name_s is None or (
        name_s > 0 and toks[name_s - 1].cls not in BOUNDARIES and toks[name_s - 1].text not in '"”'
    ):
        return None  # "In Maidan Shahr, a police spokesman said": a place before the comma
    name = speaker_mention(sent, name_s, k - 1, method, lexicon)
    if name is None or name.kind != Kind.PERSON or name.role:
        return None
    rs, re_ = strip_role(toks, k, j)
    role = phrase_text(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
    return SpeakerMention(name.text, name.start, name.end, role, name.kind, method, name.head)


def _opening_subject(
    sent: CueSentence, end: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The subject the sentence opens with, when a later verb shares it: "The watchdog called for an
    inquiry and said ..."; not across a comma or a quote."""
    toks = sent.toks
    if any(t.cls in BOUNDARIES for t in toks[:end]):
        return None
    if toks[0].cls == PRON:
        return pronoun_mention(sent, 0, lexicon, method)
    e = np_after(toks, 0)
    if e is None or e >= end or toks[e].cls != OTHER or not toks[e].text.islower():
        return None
    return speaker_mention(sent, 0, e, method, lexicon)


def _skip_asides(toks: Sequence[Tok], verb: int, lexicon: SpeechLexicon) -> int:
    """Step back from a verb over words and phrases that may stand before it ("also", "at the scene")."""
    j, moved = verb, True
    while moved:
        moved = False
        while j > 0 and toks[j - 1].low in lexicon.between_subject_and_verb and toks[j - 1].cls != CAP:
            j, moved = j - 1, True
        for phrase in lexicon.asides_by_last_word.get(toks[j - 1].low, ()) if j > 0 else ():
            k = j - len(phrase)
            if k > 0 and tuple(t.low for t in toks[k:j]) == phrase:
                j, moved = k, True
                break
    return j


def _reduced_relative_head(toks: Sequence[Tok], end: int, lexicon: SpeechLexicon) -> tuple[int, int] | None:
    """The phrase before "<participle> (up) by <agent>" ending at `end`: the head speaks, not the agent."""
    by = next((k for k in range(end - 2, max(end - 6, 1), -1) if toks[k].low == "by"), None)
    if by is None or by < 2 or any(t.cls not in NP_WORDS and t.cls not in (DET, OTHER) for t in toks[by:end]):
        return None
    k = by - 1
    if k > 0 and toks[k].cls == OTHER and toks[k].low in lexicon.participle_particles:
        k -= 1
    if toks[k].cls != OTHER or not toks[k].text.isalpha() or not toks[k].text.islower():
        return None
    head_s = np_before(toks, k)
    return None if head_s is None else (head_s, k)


def _subject_with_post_modifier(
    sent: CueSentence, end: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """A speaker described by what follows it: "sources close to the investigation told"."""
    toks = sent.toks
    for k in range(end - 2, max(end - 10, 0), -1):
        if toks[k].cls in BOUNDARIES:
            return None
        words = tuple(t.low for t in toks[k : k + 3])
        if any(words[: len(p)] == p for p in lexicon.post_modifiers):
            s = np_before(toks, k)
            return None if s is None else speaker_mention(sent, s, end, method, lexicon)
    return None


def _before_post_modifier(toks: Sequence[Tok], s: int, lexicon: SpeechLexicon) -> int:
    """The start of the speaker a phrase starting at s describes, if post-modifying words stand before
    it ("a commander loyal to the government": the commander); else s."""
    for phrase in lexicon.post_modifiers_by_last_word.get(toks[s - 1].low, ()) if s > 0 else ():
        k = s - len(phrase)
        if k > 0 and tuple(t.low for t in toks[k:s]) == phrase and ends_phrase(toks, k - 1):
            start = np_before(toks, k)
            return s if start is None else start
    return s


def _subject_of_relative(
    sent: CueSentence, end: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The speaker before an unbounded relative clause: "an official who asked not to be named said"."""
    toks = sent.toks
    for k in range(end - 1, max(end - 12, 0), -1):
        if toks[k].cls in BOUNDARIES:
            return None
        if toks[k].low == "who":
            s = np_before(toks, k)
            return None if s is None else speaker_mention(sent, s, k, method, lexicon)
    return None


def _appositive_subject(
    sent: CueSentence, comma: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """Resolve "HEAD, APPOSITION," before a verb: one of the two is the name, the other the role."""
    toks = sent.toks
    c0 = comma - 1
    while c0 >= 0 and toks[c0].cls not in BOUNDARIES:
        c0 -= 1
    if c0 < 0 or toks[c0].cls != COMMA or c0 + 1 == comma:
        return None
    first = toks[c0 + 1]
    participle = first.low in lexicon.statement_verbs or (first.text.islower() and first.low.endswith("ed"))
    if (
        first.text in lexicon.parenthetical_openers
        or participle  # "the communique, broadcast on radio late on Sunday, reported"
        or all(t.text.isdigit() for t in toks[c0 + 1 : comma])
    ):
        # "X, citing Y, reported" / "X, 45, said" / "X at the scene, speaking on condition ..., said"
        end = _skip_asides(toks, c0, lexicon)
        s = np_before(toks, end)
        outer = _outer_apposition(sent, c0, method, lexicon)  # "X, the head of Y, which ..., said"
        if outer is not None:
            return outer
        return None if s is None else speaker_mention(sent, s, end, method, lexicon)
    head_s = np_before(toks, c0)
    if first.cls not in APPOSITION_STARTS and not first.text[0].isdigit():
        return None
    if head_s is None:  # "Its spokesman in the sector, Captain Anthony Mwalushay, said": the name alone
        name = name_span(toks, c0 + 1, comma, lexicon)
        return (
            None
            if name is None or name[0] != c0 + 1
            else person_mention(sent, name, _role_before(sent, c0), method)
        )
    head = speaker_mention(sent, head_s, c0, method, lexicon)
    if head is not None and head.kind in (Kind.PERSON, Kind.OUTLET):
        role = head.role or _appositive_role(sent, c0 + 1, comma, lexicon)
        return SpeakerMention(head.text, head.start, head.end, role, head.kind, method, head.head)
    app_end = np_after(toks, c0 + 1)
    if head is not None and head.kind == Kind.GROUP and app_end == comma:
        body = _named_body(sent, head_s, c0, comma, method, lexicon)
        if body is not None:
            return body
    name = None if app_end is None else name_span(toks, c0 + 1, app_end, lexicon)
    if name is not None and name[0] == c0 + 1:
        rs, re_ = strip_role(toks, head_s, c0)
        role = phrase_text(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
        return person_mention(sent, name, role, method)
    return head


def _role_before(sent: CueSentence, comma: int) -> str | None:
    """The role phrase a sentence opens with before `comma`, when it ends in a modifier no speaker phrase
    ends with: "The minister of health, Dr. Rania Aziz, said" -> "minister of health"."""
    toks = sent.toks
    if any(t.cls in BOUNDARIES for t in toks[:comma]) or not any(t.cls == ROLE for t in toks[:comma]):
        return None
    if not all(t.cls in (DET, ROLE, MOD, PREP, CAP, ORG) for t in toks[:comma]):
        return None
    rs, re_ = strip_role(toks, 0, comma)
    return phrase_text(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None


def _outer_apposition(
    sent: CueSentence, comma: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The person whose apposition ends at `comma` when an aside follows it: "Ali Noor, the head of the
    council in the province of Sarwan, which borders Tamir, said" -> Ali Noor."""
    toks = sent.toks
    b = comma - 1
    while b >= 0 and toks[b].cls not in BOUNDARIES:
        b -= 1
    if b < 1 or toks[b].cls != COMMA or toks[b + 1].cls not in APPOSITION_STARTS:
        return None
    found = _appositive_subject(sent, comma, method, lexicon)
    return found if found is not None and found.kind == Kind.PERSON else None


def _named_body(
    sent: CueSentence, head_s: int, first: int, second: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """ "A little-known group, the Kortu Front, said": a body described (toks[head_s:first]), then named
    in apposition between the commas at `first` and `second`; the name is the speaker (None when the
    description names it already or the apposition is a person)."""
    toks = sent.toks
    if any(t.cls == CAP for t in toks[head_s:first]):
        return None
    if not any(t.cls == CAP for t in toks[first + 1 : second]):
        return None
    body = speaker_mention(sent, first + 1, second, method, lexicon)
    return body if body is not None and body.kind == Kind.GROUP else None


def _appositive_role(sent: CueSentence, begin: int, end: int, lexicon: SpeechLexicon) -> str | None:
    """The role an apposition gives: "a local journalist citing sources" -> "local journalist"."""
    toks = sent.toks
    for k in range(begin, end):
        if toks[k].text in lexicon.role_enders or toks[k].cls == MASK:
            end = k
            break
    rs, re_ = strip_role(toks, begin, end)
    return phrase_text(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None


def _ends_inverted(tok: Tok, lexicon: SpeechLexicon) -> bool:
    """Whether a word may follow the speaker of an inverted verb: a stop, "who", a time ("on Saturday")."""
    return tok.low in lexicon.after_inverted_speaker or tok.low in lexicon.between_subject_and_verb


def subject_after(
    sent: CueSentence, begin: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The speaker after an inverted verb: '"...," said interior ministry spokesman Farid Sultani.'."""
    toks = sent.toks
    e = np_after(toks, begin)
    if e is None or (e < len(toks) and toks[e].cls not in (COMMA, OTHER, PREP, MASK)):
        return None
    if e < len(toks) and toks[e].cls == OTHER and not _ends_inverted(toks[e], lexicon):
        return None
    found = speaker_mention(sent, begin, e, method, lexicon)
    return _with_apposition(sent, found, e, lexicon)


def phrase_after(sent: CueSentence, begin: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The speaker named after "according to", "citing", "quoted": a phrase, maybe with an apposition."""
    toks = sent.toks
    if begin < len(toks) and toks[begin].cls == PRON:
        return pronoun_mention(sent, begin, lexicon, method)
    if _object_pronoun(toks, begin, lexicon):  # "according to him"
        tok = toks[begin]
        head = lexicon.object_pronouns[tok.low]
        return SpeakerMention(tok.text, tok.start, tok.end, None, Kind.PRONOUN, method, head)
    e = np_after(toks, begin)
    if e is None:
        return None
    found = speaker_mention(sent, begin, e, method, lexicon)
    by = e + 1 if e + 1 < len(toks) and _releases(toks[e].low, lexicon) else e  # "issued by"
    if found is None and toks[e - 1].cls == STMT and by + 1 < len(toks) and toks[by].low == "by":
        return phrase_after(sent, by + 1, method, lexicon)  # "according to figures released by X"
    if found is not None and found.kind == Kind.STATEMENT and by + 1 < len(toks) and toks[by].low == "by":
        return phrase_after(sent, by + 1, method, lexicon) or found  # "a statement (issued) by the ISPR"
    if found is not None and found.kind == Kind.STATEMENT:
        found = _issuer(sent, begin, e, method, lexicon) or found
    return _with_apposition(sent, found, e, lexicon)


def _releases(word: str, lexicon: SpeechLexicon) -> bool:
    """Whether a participle after a document names who gave it out: "issued (by)", "compiled (by)"."""
    return word in lexicon.statement_verbs or word in lexicon.passive_say_verbs


def _issuer(sent: CueSentence, s: int, e: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """Who issued a document phrase toks[s:e]: "figures from the ministry", "a statement of the army"."""
    toks = sent.toks
    of = next((k for k in range(s + 1, e - 1) if toks[k].low in lexicon.issuer_links), None)
    issuer = None if of is None else phrase_after(sent, of + 1, method, lexicon)
    return issuer if issuer is not None and issuer.kind != Kind.STATEMENT else None


def _object_pronoun(toks: Sequence[Tok], i: int, lexicon: SpeechLexicon) -> bool:
    """Whether token i is an object pronoun standing alone ("according to her,"), not "her husband"."""
    if i >= len(toks) or toks[i].low not in lexicon.object_pronouns:
        return False
    return i + 1 == len(toks) or toks[i + 1].cls in BOUNDARIES or toks[i + 1].text in ".;:"


def _with_apposition(
    sent: CueSentence, found: SpeakerMention | None, e: int, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """Add the role an apposition after a name gives: "said Ahmad Khan, a resident of the village"."""
    toks = sent.toks
    if found is not None and found.kind == Kind.ROLE and e + 1 < len(toks) and toks[e].cls == COMMA:
        return _name_in_apposition(sent, found, e, lexicon) or found
    if found is None or found.kind != Kind.PERSON or found.role or e + 1 >= len(toks) or toks[e].cls != COMMA:
        return found
    app_end = np_after(toks, e + 1)
    if app_end is None or toks[e + 1].cls not in (DET, ROLE, MOD):  # ", a resident", ", spokesman for"
        return found
    if app_end < len(toks) and toks[app_end].cls not in (COMMA, OTHER) and toks[app_end].text != ".":
        return found
    rs, re_ = strip_role(toks, e + 1, app_end)
    role = phrase_text(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
    return SpeakerMention(found.text, found.start, found.end, role, found.kind, found.method, found.head)


def _name_in_apposition(
    sent: CueSentence, found: SpeakerMention, comma: int, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The person a role names right after it: "according to the director of the hospital, Ali Noor,"."""
    toks = sent.toks
    end = comma + 1
    while end < len(toks) and toks[end].cls in NAME_PARTS:
        end += 1
    if end < len(toks) and toks[end].cls != COMMA and toks[end].text != ".":
        return None
    if name_span(toks, comma + 1, end, lexicon) != (comma + 1, end):
        return None
    role = found.text.split(maxsplit=1)
    text = role[1] if len(role) > 1 and role[0].lower() in lexicon.articles else found.text
    return replace(person_mention(sent, (comma + 1, end), text, found.method), role=text)
