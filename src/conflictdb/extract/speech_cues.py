"""Finding speech cues: the speaker phrases one sentence names and the outlets that relay them.

`find_speech_cues` reads one sentence (quoted words masked) and returns the speaker phrases it names
("Taliban spokesman Zabihullah Mujahid said", "according to CNN", "he said") and the outlets that relay
them ("told AFP"). Resolution across sentences is in `extract.speakers`.

Choices:
- A name keeps its title: "Brigadier General Mark Ellis"; the descriptive role goes to
  `role` ("Pentagon spokesman Tom Reyes" -> "Tom Reyes", "Pentagon spokesman").
- A bracketed name after a phrase belongs to it: "the armed forces (FAMa)".
- `start`/`end` always point at the words that name the speaker in the Doc.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Span

from conflictdb.extract.speech_lexicon import (
    APPOSITION_STARTS,
    BOUNDARIES,
    CAP,
    COMMA,
    CONJ,
    DET,
    HEADS,
    MASK,
    MOD,
    NAME_PARTS,
    NP_WORDS,
    ORG,
    OTHER,
    PAREN,
    PREP,
    PROLE,
    PRON,
    ROLE,
    STMT,
    TITLE,
    SpeechLexicon,
    Tok,
    find_outlets,
    masked_sentence,
    tokenize,
)
from conflictdb.records import quick_init, replace


class Cue(StrEnum):
    """How a speaker was found."""

    SAID = "said"  # "X said", "X claimed", "X tweeted"
    INVERTED = "said_inverted"  # "..., said X"
    TOLD = "told"  # "X told AFP", "X gave a similar toll to AFP"
    ACCORDING_TO = "according_to"
    CITING = "citing"  # "Reuters, citing a police official, reported"; "the paper cited X"
    QUOTED = "quoted"  # "X was quoted as saying"
    STATEMENT = "statement"  # "X released a statement", "the statement said"
    RELATIVE = "relative"  # "X, a resident, who said"
    REPORTED = "reported"  # an outlet in its own right: "Pajhwok reported"
    QUOTE = "quote"  # a sentence inside a quote attributed in another sentence
    QUOTE_CONTINUATION = "quote_continuation"  # a further quote with no attribution of its own
    PRONOUN = "pronoun"  # "he said"
    ANAPHOR = "anaphor"  # "the official added", "Sultani added" -> the full name given before
    CONTINUATION = "continuation"  # "..., the ministry said. Around 40 people were injured."
    HEADLINE = "headline"  # a headline's source after a colon or dash: "Blast kills 5 in Quetta: police"


class Kind(StrEnum):
    """What sort of speaker a phrase names (decides what a later pronoun can refer to)."""

    PERSON = "person"  # a named person
    ROLE = "role"  # an unnamed person: "a Taliban spokesman"
    GROUP = "group"  # "Afghan officials", "the interior ministry", "the Taliban"
    OUTLET = "outlet"
    PRONOUN = "pronoun"
    STATEMENT = "statement"


@quick_init
@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """A speaker phrase found in one sentence, before resolution."""

    text: str
    start: int
    end: int
    role: str | None
    kind: Kind
    method: Cue
    head: str = ""  # lower-cased head word: "spokesman", "he", "statement"
    definite: bool = False  # "the official": may refer back to a speaker named before


@quick_init
@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named in a sentence in a relaying position ("told AFP", "AP reported")."""

    text: str
    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class SentenceCues:
    """Everything one sentence says about its own attribution."""

    speakers: tuple[SpeakerMention, ...] = ()
    sources: tuple[SpeakerMention, ...] = ()  # "citing Y": Y speaks only if an outlet reports it
    relays: tuple[OutletMention, ...] = ()
    outlet_reference: bool = False  # "the paper also cited ..."
    statement: bool = False  # mentions a statement
    ends_with_colon: bool = False
    clause_starts: tuple[int, ...] = ()  # Doc offsets where the sentence's second, third... clause opens
    lone_clause: bool = False  # the only speaker opens a contrasting clause: "X died, while Y said ..."


_DEFINITE = frozenset({"the", "this", "that"})
_ROLE_ENDERS = frozenset({"citing", "quoting", "who", "which", "speaking", "referring", "according"})
_OPENING_CUES = frozenset({"according", "citing", "quoting", "per"})  # cue words that may open a sentence


# ---------------------------------------------------------------- noun phrases


def _np_before(toks: Sequence[Tok], end: int) -> int | None:
    """Start of the speaker phrase that ends just before `end`, or None."""
    i = end - 1
    if i < 0 or not _ends_phrase(toks, i):
        return None
    start, j, preps, joined = i, i - 1, 0, None
    while j >= 0:
        cls = toks[j].cls
        if cls in NP_WORDS:
            start = j
        elif cls == DET:
            start = j
            if not (j >= 2 and toks[j - 1].cls in (PREP, CONJ) and toks[j - 2].cls in NP_WORDS and preps < 2):
                break
            if toks[j - 1].cls == CONJ:
                joined = j  # "two doctors and a nurse": coordinated speakers
        elif cls in (PREP, CONJ) and j > 0 and toks[j - 1].cls in NP_WORDS and preps < 2:
            preps += not _inside_name(toks, j)
        else:
            break
        j -= 1
    if joined is not None and start > 0 and toks[start - 1].cls not in BOUNDARIES:
        return joined  # "killed two militants and the army said": the coordination is not the speaker's
    return start


def _inside_name(toks: Sequence[Tok], j: int) -> bool:
    """Whether the preposition or "and" at j joins the words of one name: "Observatory for Human Rights"."""
    after = j + 2 if j + 2 < len(toks) and toks[j + 1].cls == DET else j + 1
    return j > 0 and after < len(toks) and toks[j - 1].cls == CAP and toks[after].cls == CAP


def _ends_phrase(toks: Sequence[Tok], i: int) -> bool:
    """Whether token i can end a speaker phrase: a head, or a place noun after a name ("Kunar province")."""
    cls = toks[i].cls
    if cls == PAREN:
        return i > 0 and _ends_phrase(toks, i - 1)
    if cls == MOD:  # "Kunar province", "a source in the (regional) capital"
        if i > 0 and toks[i - 1].cls == CAP:
            return True
        k = i - 1
        while k > 0 and toks[k].cls == MOD:
            k -= 1
        return k > 0 and toks[k].cls == DET and toks[k - 1].cls == PREP
    return cls in HEADS


def _semantic_head(toks: Sequence[Tok], s: int, e: int) -> Tok:
    """The word a phrase is about: the last head before a preposition ("spokesman" in "a spokesman for X")."""
    for k in range(s + 1, e):
        if toks[k].cls == PREP:
            e = k
            break
    for k in range(e - 1, s - 1, -1):
        if toks[k].cls in HEADS:
            return toks[k]
    return toks[e - 1]


def _np_after(toks: Sequence[Tok], begin: int) -> int | None:
    """End (exclusive) of the speaker phrase that starts at `begin`, or None."""
    n, j, last_head, preps = len(toks), begin, None, 0
    while j < n:
        cls = toks[j].cls
        if cls in NP_WORDS:
            if _ends_phrase(toks, j):
                last_head = j
        elif cls == DET and (j == begin or toks[j - 1].cls in (PREP, CONJ)):
            pass
        elif cls in (PREP, CONJ) and last_head is not None and j + 1 < n and preps < 2:
            if toks[j + 1].cls not in NP_WORDS and toks[j + 1].cls != DET:
                break
            preps += not _inside_name(toks, j)
        else:
            break
        j += 1
    return None if last_head is None else last_head + 1


def _name_span(toks: Sequence[Tok], s: int, e: int, lexicon: SpeechLexicon) -> tuple[int, int] | None:
    """The person's name at the end of phrase toks[s:e] (titles included), or None."""
    if e <= s or toks[e - 1].cls != CAP or toks[e - 1].poss or toks[e - 1].text.isdigit():
        return None  # "Region 4": a numbered unit, not a person
    r = e - 1
    while r > s and toks[r - 1].cls in NAME_PARTS and not toks[r - 1].poss:
        r -= 1
    titles = [k for k in range(r, e) if toks[k].cls == TITLE]
    if titles:
        k = titles[-1]
        while k > r and toks[k - 1].cls == TITLE:
            k -= 1
        return k, e
    k = r - 1
    while k > s and toks[k].cls == MOD:
        k -= 1  # "authorities in northern Cameroon": a place after a preposition, not a name
    if r > s and toks[k].cls in (DET, PREP, ORG, CONJ) and (k == r - 1 or toks[k].cls == PREP):
        return None
    run = " ".join(t.low for t in toks[r:e])
    if run in lexicon.groups or any(t.low in lexicon.groups for t in toks[r:e]):
        return None
    if run in lexicon.not_speakers:
        return None
    return r, e


def _strip_role(toks: Sequence[Tok], s: int, e: int) -> tuple[int, int]:
    """Drop leading determiners and possessors from a role: "Herat's provincial spokesman"."""
    while s < e and (toks[s].cls in (DET, PREP, CONJ) or toks[s].poss):
        s += 1
    while e > s and toks[e - 1].cls in (DET, PREP, CONJ):
        e -= 1
    return s, e


def _slice(text: str, toks: Sequence[Tok], s: int, e: int, offset: int) -> str:
    """The Doc text covered by toks[s:e]."""
    return text[toks[s].start - offset : toks[e - 1].end - offset]


# ---------------------------------------------------------------- building mentions


@quick_init
@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence being read: its masked text, tokens and the outlets named in it."""

    text: str  # masked sentence text
    offset: int  # Doc offset of text[0]
    toks: list[Tok]
    outlets: tuple[tuple[int, int], ...]  # Doc offsets of outlet names


def _mention(
    sent: _Sentence, s: int, e: int, method: Cue, lexicon: SpeechLexicon, *, role: str | None = None
) -> SpeakerMention | None:
    """Build the speaker of phrase toks[s:e]: a name with its role, a group, an outlet or a pronoun."""
    toks = sent.toks
    head = _semantic_head(toks, s, e)
    outlet = _outlet_of(sent, toks[s].start, toks[e - 1].end)
    if outlet is not None:
        start, end = outlet
        return SpeakerMention(
            sent.text[start - sent.offset : end - sent.offset],
            start,
            end,
            None,
            Kind.OUTLET,
            Cue.REPORTED if method == Cue.SAID else method,
            head.low,
        )
    name = _name_span(toks, s, e, lexicon) or _name_before_preposition(toks, s, e, lexicon)
    if name is not None:
        ns, ne = name
        rs, re_ = _strip_role(toks, s, ns) if ns > s else (ns, ns)
        role_text = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else role
        return SpeakerMention(
            _slice(sent.text, toks, ns, ne, sent.offset),
            toks[ns].start,
            toks[ne - 1].end,
            role_text,
            Kind.PERSON,
            method,
            toks[ne - 1].low,
        )
    if toks[e - 1].low in lexicon.not_speakers and (head is toks[e - 1] or head.cls not in (ROLE, PROLE)):
        return None  # "the victims said"; but "relatives of the victims said" speaks for the relatives
    if e - s == 1 and head.low in lexicon.bare_excluded:
        return None
    if e - s == 1 and head.cls == TITLE:
        return None
    kind = {ROLE: Kind.ROLE, TITLE: Kind.ROLE, STMT: Kind.STATEMENT}.get(head.cls, Kind.GROUP)
    if _names_medium(toks, s, head, lexicon):
        kind = Kind.OUTLET
    definite = toks[s].low in _DEFINITE and all(t.cls in (DET, MOD, ROLE, CAP, TITLE) for t in toks[s:e])
    return SpeakerMention(
        _slice(sent.text, toks, s, e, sent.offset),
        toks[s].start,
        toks[e - 1].end,
        None,
        kind,
        method,
        head.low,
        definite,
    )


def _names_medium(toks: Sequence[Tok], s: int, head: Tok, lexicon: SpeechLexicon) -> bool:
    """Whether a phrase's head names a medium: "state television", "the official news agency"."""
    if head.low in lexicon.media_heads:
        return True
    k = toks.index(head, s)
    return k > s and f"{toks[k - 1].low} {head.low}" in lexicon.media_heads


def _name_before_preposition(
    toks: Sequence[Tok], s: int, e: int, lexicon: SpeechLexicon
) -> tuple[int, int] | None:
    """A name before "from/of" in the phrase: "General Abdul Samad from the Herat police"."""
    for k in range(s + 1, e):
        if toks[k].cls == PREP:
            return _name_span(toks, s, k, lexicon)
    return None


def _outlet_of(sent: _Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The outlet name that makes up the phrase [start, end), with a leading "the", or None."""
    for os_, oe in sent.outlets:
        if os_ >= start and oe == end:
            lead = sent.text[start - sent.offset : os_ - sent.offset].strip().lower()
            if lead in ("", "the"):
                return start, end
    return None


def _pronoun(sent: _Sentence, i: int, lexicon: SpeechLexicon, method: Cue) -> SpeakerMention | None:
    """A subject pronoun ("he said"), unless it opens a relative clause ("what they say")."""
    tok = sent.toks[i]
    if i > 0 and sent.toks[i - 1].low in lexicon.pronoun_blockers:
        return None
    return SpeakerMention(tok.text, tok.start, tok.end, None, Kind.PRONOUN, method, tok.low)


# ---------------------------------------------------------------- finding subjects


def _subject_before(sent: _Sentence, verb: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The speaker before a speech verb: "X said", "X, a resident, said", "X, who said"."""
    toks = sent.toks
    j = _skip_asides(toks, verb, lexicon)
    if j == 0:
        return None
    prev = toks[j - 1]
    if prev.cls == PRON:
        return _pronoun(sent, j - 1, lexicon, method)
    if prev.cls == CONJ and j >= 2 and toks[j - 2].cls not in NP_WORDS:  # "X called for ... and said"
        return _opening_subject(sent, j - 1, method, lexicon)
    if prev.low in ("who", "which"):
        if j >= 2 and toks[j - 2].cls == COMMA:
            found = _appositive_subject(sent, j - 2, Cue.RELATIVE, lexicon)
            if found is None:
                s = _np_before(toks, j - 2)
                found = None if s is None else _mention(sent, s, j - 2, Cue.RELATIVE, lexicon)
            return found
        return None
    if prev.cls == COMMA:
        return _appositive_subject(sent, j - 1, method, lexicon)
    head = _reduced_relative_head(toks, j)
    if head is not None:  # "a member of the local administration set up by resistance forces told"
        return _mention(sent, head[0], head[1], method, lexicon)
    s = _np_before(toks, j)
    if s is None:
        found = _subject_of_relative(sent, j, method, lexicon)
        return found or _subject_with_post_modifier(sent, j, method, lexicon)
    s = _before_post_modifier(toks, s, lexicon)  # "a commander loyal to | the government"
    found = _mention(sent, s, j, method, lexicon)
    if found is None or found.kind == Kind.PERSON:
        return found
    partitive = s >= 2 and toks[s - 1].low == "of" and toks[s - 2].low in lexicon.partitives
    if found.kind == Kind.GROUP and partitive:
        return _partitive(sent, found, s - 2)  # "one of the volunteers said"
    if found.kind == Kind.STATEMENT:  # "a statement from the governor said"
        return _issuer(sent, s, j, method, lexicon) or found
    return _named_before(sent, s, j, method, lexicon) or found


def _partitive(sent: _Sentence, group: SpeakerMention, k: int) -> SpeakerMention:
    """ "one of the volunteers": the part of a group that speaks, one person when it is "one"."""
    tok = sent.toks[k]
    text = sent.text[tok.start - sent.offset : group.end - sent.offset]
    kind = Kind.ROLE if tok.low == "one" else Kind.GROUP
    return replace(group, text=text, start=tok.start, kind=kind, definite=False)


def _named_before(
    sent: _Sentence, s: int, j: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """A person named before an unnamed subject toks[s:j] who is the better speaker: the first of
    coordinated speakers ("Dr X, the director, and two sources told"), or a name whose apposition runs
    to the verb without a closing comma ("Ali Khan, spokesman for the health ministry said")."""
    toks = sent.toks
    if s >= 2 and toks[s - 1].cls == CONJ and toks[s - 2].cls == COMMA:
        earlier = _subject_before(sent, s - 1, method, lexicon)
        return earlier if earlier is not None and earlier.kind == Kind.PERSON else None
    k = s - 1 if s > 0 and toks[s - 1].cls == PREP else s  # "spokesman for" + the phrase
    while k > 0 and toks[k - 1].cls in (ROLE, MOD, DET, TITLE):
        k -= 1
    if k < 2 or toks[k - 1].cls != COMMA or not any(t.cls == ROLE for t in toks[k:j]):
        return None
    name_s = _np_before(toks, k - 1)
    if name_s is None or (
        name_s > 0 and toks[name_s - 1].cls not in BOUNDARIES and toks[name_s - 1].text not in '"”'
    ):
        return None  # "In Maidan Shahr, a police spokesman said": a place before the comma
    name = _mention(sent, name_s, k - 1, method, lexicon)
    if name is None or name.kind != Kind.PERSON or name.role:
        return None
    rs, re_ = _strip_role(toks, k, j)
    role = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
    return SpeakerMention(name.text, name.start, name.end, role, name.kind, method, name.head)


def _opening_subject(sent: _Sentence, end: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The subject the sentence opens with, when a later verb shares it: "The watchdog called for an
    inquiry and said ..."; not across a comma or a quote."""
    toks = sent.toks
    if any(t.cls in BOUNDARIES for t in toks[:end]):
        return None
    if toks[0].cls == PRON:
        return _pronoun(sent, 0, lexicon, method)
    e = _np_after(toks, 0)
    if e is None or e >= end or toks[e].cls != OTHER or not toks[e].text.islower():
        return None
    return _mention(sent, 0, e, method, lexicon)


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


def _reduced_relative_head(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    """The phrase before "<participle> (up) by <agent>" ending at `end`: the head speaks, not the agent."""
    by = next((k for k in range(end - 2, max(end - 6, 1), -1) if toks[k].low == "by"), None)
    if by is None or by < 2 or any(t.cls not in NP_WORDS and t.cls not in (DET, OTHER) for t in toks[by:end]):
        return None
    k = by - 1
    if k > 0 and toks[k].cls == OTHER and toks[k].low in ("up", "out"):
        k -= 1
    if toks[k].cls != OTHER or not toks[k].text.isalpha() or not toks[k].text.islower():
        return None
    head_s = _np_before(toks, k)
    return None if head_s is None else (head_s, k)


def _subject_with_post_modifier(
    sent: _Sentence, end: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """A speaker described by what follows it: "sources close to the investigation told"."""
    toks = sent.toks
    for k in range(end - 2, max(end - 10, 0), -1):
        if toks[k].cls in BOUNDARIES:
            return None
        words = tuple(t.low for t in toks[k : k + 3])
        if any(words[: len(p)] == p for p in lexicon.post_modifiers):
            s = _np_before(toks, k)
            return None if s is None else _mention(sent, s, end, method, lexicon)
    return None


def _before_post_modifier(toks: Sequence[Tok], s: int, lexicon: SpeechLexicon) -> int:
    """The start of the speaker a phrase starting at s describes, if post-modifying words stand before
    it ("a commander loyal to the government": the commander); else s."""
    for phrase in lexicon.post_modifiers_by_last_word.get(toks[s - 1].low, ()) if s > 0 else ():
        k = s - len(phrase)
        if k > 0 and tuple(t.low for t in toks[k:s]) == phrase and _ends_phrase(toks, k - 1):
            start = _np_before(toks, k)
            return s if start is None else start
    return s


def _subject_of_relative(
    sent: _Sentence, end: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The speaker before an unbounded relative clause: "an official who asked not to be named said"."""
    toks = sent.toks
    for k in range(end - 1, max(end - 12, 0), -1):
        if toks[k].cls in BOUNDARIES:
            return None
        if toks[k].low == "who":
            s = _np_before(toks, k)
            return None if s is None else _mention(sent, s, k, method, lexicon)
    return None


def _appositive_subject(
    sent: _Sentence, comma: int, method: Cue, lexicon: SpeechLexicon
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
        s = _np_before(toks, end)
        outer = _outer_apposition(sent, c0, method, lexicon)  # "X, the head of Y, which ..., said"
        if outer is not None:
            return outer
        return None if s is None else _mention(sent, s, end, method, lexicon)
    head_s = _np_before(toks, c0)
    if first.cls not in APPOSITION_STARTS and not first.text[0].isdigit():
        return None
    if head_s is None:  # "Its spokesman in the sector, Captain Anthony Mwalushay, said": the name alone
        name = _name_span(toks, c0 + 1, comma, lexicon)
        return (
            None if name is None or name[0] != c0 + 1 else _person(sent, name, _role_before(sent, c0), method)
        )
    head = _mention(sent, head_s, c0, method, lexicon)
    if head is not None and head.kind in (Kind.PERSON, Kind.OUTLET):
        role = head.role or _appositive_role(sent, c0 + 1, comma, lexicon)
        return SpeakerMention(head.text, head.start, head.end, role, head.kind, method, head.head)
    app_end = _np_after(toks, c0 + 1)
    if head is not None and head.kind == Kind.GROUP and app_end == comma:
        body = _named_body(sent, head_s, c0, comma, method, lexicon)
        if body is not None:
            return body
    name = None if app_end is None else _name_span(toks, c0 + 1, app_end, lexicon)
    if name is not None and name[0] == c0 + 1:
        rs, re_ = _strip_role(toks, head_s, c0)
        role = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
        return _person(sent, name, role, method)
    return head


def _role_before(sent: _Sentence, comma: int) -> str | None:
    """The role phrase a sentence opens with before `comma`, when it ends in a modifier no speaker phrase
    ends with: "The minister of health, Dr. Rania Aziz, said" -> "minister of health"."""
    toks = sent.toks
    if any(t.cls in BOUNDARIES for t in toks[:comma]) or not any(t.cls == ROLE for t in toks[:comma]):
        return None
    if not all(t.cls in (DET, ROLE, MOD, PREP, CAP, ORG) for t in toks[:comma]):
        return None
    rs, re_ = _strip_role(toks, 0, comma)
    return _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None


def _outer_apposition(
    sent: _Sentence, comma: int, method: Cue, lexicon: SpeechLexicon
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
    sent: _Sentence, head_s: int, first: int, second: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """ "A little-known group, the Kortu Front, said": a body described (toks[head_s:first]), then named
    in apposition between the commas at `first` and `second`; the name is the speaker (None when the
    description names it already or the apposition is a person)."""
    toks = sent.toks
    if any(t.cls == CAP for t in toks[head_s:first]):
        return None
    if not any(t.cls == CAP for t in toks[first + 1 : second]):
        return None
    body = _mention(sent, first + 1, second, method, lexicon)
    return body if body is not None and body.kind == Kind.GROUP else None


def _appositive_role(sent: _Sentence, begin: int, end: int, lexicon: SpeechLexicon) -> str | None:
    """The role an apposition gives: "a local journalist citing sources" -> "local journalist"."""
    toks = sent.toks
    for k in range(begin, end):
        if toks[k].text in _ROLE_ENDERS or toks[k].cls == MASK:
            end = k
            break
    rs, re_ = _strip_role(toks, begin, end)
    return _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None


def _person(sent: _Sentence, name: tuple[int, int], role: str | None, method: Cue) -> SpeakerMention:
    """A named person's mention from the token range of the name."""
    ns, ne = name
    toks = sent.toks
    text = _slice(sent.text, toks, ns, ne, sent.offset)
    return SpeakerMention(text, toks[ns].start, toks[ne - 1].end, role, Kind.PERSON, method, toks[ne - 1].low)


_AFTER_INVERTED = frozenset({".", ";", ":", "who", "adding", "as"})


def _ends_inverted(tok: Tok, lexicon: SpeechLexicon) -> bool:
    """Whether a word may follow the speaker of an inverted verb: a stop, "who", a time ("on Saturday")."""
    return tok.low in _AFTER_INVERTED or tok.low in lexicon.between_subject_and_verb


def _subject_after(sent: _Sentence, begin: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The speaker after an inverted verb: '"...," said interior ministry spokesman Farid Sultani.'."""
    toks = sent.toks
    e = _np_after(toks, begin)
    if e is None or (e < len(toks) and toks[e].cls not in (COMMA, OTHER, PREP, MASK)):
        return None
    if e < len(toks) and toks[e].cls == OTHER and not _ends_inverted(toks[e], lexicon):
        return None
    found = _mention(sent, begin, e, method, lexicon)
    return _with_apposition(sent, found, e, lexicon)


def _phrase_after(sent: _Sentence, begin: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The speaker named after "according to", "citing", "quoted": a phrase, maybe with an apposition."""
    toks = sent.toks
    if begin < len(toks) and toks[begin].cls == PRON:
        return _pronoun(sent, begin, lexicon, method)
    if _object_pronoun(toks, begin, lexicon):  # "according to him"
        tok = toks[begin]
        head = lexicon.object_pronouns[tok.low]
        return SpeakerMention(tok.text, tok.start, tok.end, None, Kind.PRONOUN, method, head)
    e = _np_after(toks, begin)
    if e is None:
        return None
    found = _mention(sent, begin, e, method, lexicon)
    by = e + 1 if e + 1 < len(toks) and _releases(toks[e].low, lexicon) else e  # "issued by"
    if found is None and toks[e - 1].cls == STMT and by + 1 < len(toks) and toks[by].low == "by":
        return _phrase_after(sent, by + 1, method, lexicon)  # "according to figures released by X"
    if found is not None and found.kind == Kind.STATEMENT and by + 1 < len(toks) and toks[by].low == "by":
        return _phrase_after(sent, by + 1, method, lexicon) or found  # "a statement (issued) by the ISPR"
    if found is not None and found.kind == Kind.STATEMENT:
        found = _issuer(sent, begin, e, method, lexicon) or found
    return _with_apposition(sent, found, e, lexicon)


def _releases(word: str, lexicon: SpeechLexicon) -> bool:
    """Whether a participle after a document names who gave it out: "issued (by)", "compiled (by)"."""
    return word in lexicon.statement_verbs or word in lexicon.passive_say_verbs


def _issuer(sent: _Sentence, s: int, e: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """Who issued a document phrase toks[s:e]: "figures from the ministry", "a statement of the army"."""
    toks = sent.toks
    of = next((k for k in range(s + 1, e - 1) if toks[k].low in ("from", "of")), None)
    issuer = None if of is None else _phrase_after(sent, of + 1, method, lexicon)
    return issuer if issuer is not None and issuer.kind != Kind.STATEMENT else None


def _object_pronoun(toks: Sequence[Tok], i: int, lexicon: SpeechLexicon) -> bool:
    """Whether token i is an object pronoun standing alone ("according to her,"), not "her husband"."""
    if i >= len(toks) or toks[i].low not in lexicon.object_pronouns:
        return False
    return i + 1 == len(toks) or toks[i + 1].cls in BOUNDARIES or toks[i + 1].text in ".;:"


def _with_apposition(
    sent: _Sentence, found: SpeakerMention | None, e: int, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """Add the role an apposition after a name gives: "said Ahmad Khan, a resident of the village"."""
    toks = sent.toks
    if found is not None and found.kind == Kind.ROLE and e + 1 < len(toks) and toks[e].cls == COMMA:
        return _name_in_apposition(sent, found, e, lexicon) or found
    if found is None or found.kind != Kind.PERSON or found.role or e + 1 >= len(toks) or toks[e].cls != COMMA:
        return found
    app_end = _np_after(toks, e + 1)
    if app_end is None or toks[e + 1].cls not in (DET, ROLE, MOD):  # ", a resident", ", spokesman for"
        return found
    if app_end < len(toks) and toks[app_end].cls not in (COMMA, OTHER) and toks[app_end].text != ".":
        return found
    rs, re_ = _strip_role(toks, e + 1, app_end)
    role = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
    return SpeakerMention(found.text, found.start, found.end, role, found.kind, found.method, found.head)


def _name_in_apposition(
    sent: _Sentence, found: SpeakerMention, comma: int, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The person a role names right after it: "according to the director of the hospital, Ali Noor,"."""
    toks = sent.toks
    end = comma + 1
    while end < len(toks) and toks[end].cls in NAME_PARTS:
        end += 1
    if end < len(toks) and toks[end].cls != COMMA and toks[end].text != ".":
        return None
    if _name_span(toks, comma + 1, end, lexicon) != (comma + 1, end):
        return None
    role = found.text.split(maxsplit=1)
    text = role[1] if len(role) > 1 and role[0].lower() in ("the", "a", "an") else found.text
    return replace(_person(sent, (comma + 1, end), text, found.method), role=text)


# ---------------------------------------------------------------- cues in one sentence


def _followed_by(toks: Sequence[Tok], i: int, phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether the words after token i start with one of `phrases`."""
    words = tuple([t.low for t in toks[i + 1 : i + 4]])
    return any(words[: len(phrase)] == phrase for phrase in phrases)


def _verb_cue(sent: _Sentence, i: int, lexicon: SpeechLexicon) -> tuple[SpeakerMention | None, bool]:
    """The speaker of the cue word at token i, and whether it is a "citing" source only."""
    toks, low = sent.toks, sent.toks[i].low
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if low in lexicon.passive_say_verbs and nxt == "by" and i > 0 and toks[i - 1].low in _BE:
        return _phrase_after(sent, i + 2, Cue.ACCORDING_TO, lexicon), False  # "was confirmed by X"
    if low == "according" and nxt == "to":
        found = _document_reference(sent, i + 2, Cue.ACCORDING_TO, lexicon)
        return found or _phrase_after(sent, i + 2, Cue.ACCORDING_TO, lexicon), False
    if low in lexicon.possessive_documents and i > 0 and toks[i - 1].poss:
        return _possessor(sent, i, lexicon), False
    if low == "per" and (i == 0 or toks[i - 1].cls in BOUNDARIES):  # "Per the health office, ..."
        return _phrase_after(sent, i + 1, Cue.ACCORDING_TO, lexicon), False
    if low in ("citing", "quoting"):
        return _phrase_after(sent, i + 1, Cue.CITING, lexicon), True
    issuer = _document_issuer(sent, i, lexicon) if low in lexicon.document_verbs else None
    if issuer is not None:  # "figures from the ministry show"; else "X indicated that" is X's
        return issuer, False
    if low in ("quoted", "cited"):
        return _quoted_cue(sent, i, lexicon), False
    if low in lexicon.statement_verbs and _releases_document(toks, i, lexicon):
        return _subject_before(sent, i, Cue.STATEMENT, lexicon), False
    if low in lexicon.toll_verbs:
        if any(t.low in lexicon.toll_objects for t in toks[i + 1 : i + 8]):
            return _subject_before(sent, i, Cue.TOLD, lexicon), False
        return None, False
    if low in lexicon.that_verbs:
        return (_subject_before(sent, i, Cue.SAID, lexicon) if nxt == "that" else None), False
    if low in lexicon.progressive_say_verbs and i > 0 and toks[i - 1].low in _BE:
        return _subject_before(sent, i - 1, Cue.SAID, lexicon), False  # "other outlets are reporting"
    if low in lexicon.participle_say_verbs:
        return _participle_subject(sent, i, lexicon), False
    if low in lexicon.noun_say_verbs:  # "Reuters reports.", not "media reports said"
        if nxt in lexicon.noun_followers or (i > 0 and toks[i - 1].cls in (DET, MOD)):
            return None, False
        return _subject_before(sent, i, Cue.SAID, lexicon), False
    if low in lexicon.plural_say_verbs:
        found = _subject_before(sent, i, Cue.SAID, lexicon)
        return (found if found is not None and _plural(found, lexicon) else None), False
    if low in lexicon.say_verbs or low in lexicon.tell_verbs:
        if _followed_by(toks, i, lexicon.not_speech_after) and not _followed_by(
            toks, i, lexicon.speech_after
        ):
            return None, False
        method = Cue.TOLD if low in lexicon.tell_verbs else Cue.SAID
        found = _subject_before(sent, i, method, lexicon)
        if found is not None and found.kind == Kind.STATEMENT and _after_preposition(sent, found):
            return None, False  # "In a statement posted online, the governor said": the governor speaks
        if found is None and low in lexicon.inverted_verbs and (i == 0 or toks[i - 1].cls in BOUNDARIES):
            found = _subject_after(sent, i + 1, Cue.INVERTED, lexicon)
        return found, False
    return None, False


_BE = frozenset({"is", "are", "was", "were", "been"})


def _after_preposition(sent: _Sentence, found: SpeakerMention) -> bool:
    """Whether a phrase is the object of a preposition ("in a statement"), so no verb's subject."""
    k = next((k for k, t in enumerate(sent.toks) if t.start == found.start), 0)
    return k > 0 and sent.toks[k - 1].cls == PREP


def _participle_subject(sent: _Sentence, i: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """Who speaks in a participle clause: its own subject ("with some outlets saying"), else after a
    comma the subject the sentence opens with ("The hospital raised its toll, saying ...")."""
    toks = sent.toks
    if i == 0 or toks[i - 1].low in ("as", "without", "by"):
        return None  # "quoted as saying", "without saying"
    if toks[i - 1].cls != COMMA:
        return _subject_before(sent, i, Cue.SAID, lexicon)
    if any(t.low in lexicon.say_verbs or t.low in lexicon.tell_verbs for t in toks[:i]):
        return None  # "Five died, the minister said, adding ...": the minister, found at "said"
    if toks[0].cls == PRON:
        return _pronoun(sent, 0, lexicon, Cue.SAID)
    e = _np_after(toks, 0)
    if e is None or e >= i or toks[e].cls != OTHER or not toks[e].text.islower():
        return None
    return _mention(sent, 0, e, Cue.SAID, lexicon)


def _plural(found: SpeakerMention, lexicon: SpeechLexicon) -> bool:
    """Whether a speaker can take a plural verb ("reports estimate"), so the verb is not a noun."""
    if found.kind == Kind.PRONOUN:
        return found.head in lexicon.group_pronouns or found.head == "we"
    return found.kind == Kind.GROUP and (found.head.endswith("s") or found.head in ("police", "media"))


_POSSESSED_AFTER = frozenset({"by", "in", "on", "to", "under"})


def _possessor(sent: _Sentence, i: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The owner of a count: "by the ministry's count", "according to the UN's figures"."""
    toks = sent.toks
    s = _np_before(toks, i)
    if s is None or s == 0 or toks[s - 1].low not in _POSSESSED_AFTER:
        return None  # not "Gaza's toll rose": a place's toll is no one's count
    found = _mention(sent, s, i, Cue.ACCORDING_TO, lexicon)
    if found is None or found.kind == Kind.STATEMENT:
        return None
    text = sent.text[found.start - sent.offset : found.end - sent.offset]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return replace(found, text=text, end=found.start + len(text))


def _document_issuer(sent: _Sentence, verb: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """Who issued the document a verb has for subject: "figures from the health ministry show",
    "data compiled by the monitor shows" -> the ministry, the monitor."""
    toks = sent.toks
    k = verb - 1
    while k >= 0 and toks[k].cls not in BOUNDARIES and toks[k].low not in lexicon.documents:
        k -= 1
    if k < 0 or toks[k].low not in lexicon.documents:
        return None
    for j in range(k + 1, verb):
        if toks[j].low in ("from", "by", "of") and _np_after(toks, j + 1) == verb:
            return _mention(sent, j + 1, verb, Cue.STATEMENT, lexicon)
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
    sent: _Sentence, begin: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """A bare reference to a document released before: "according to the report" (its issuer speaks)."""
    toks = sent.toks
    if begin + 1 >= len(toks) or toks[begin].low not in _DEFINITE | {"its", "their"}:
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
    sent = _Sentence(masked, start, toks, ())
    e = _np_after(toks, 0)
    if e is None or e >= len(toks):
        return None
    if toks[e].cls == COMMA:  # "The district chief, Abdul Wali, spoke to reporters."
        app_end = _np_after(toks, e + 1)
        if app_end is not None and app_end < len(toks) and toks[app_end].cls == COMMA:
            name = _name_span(toks, e + 1, app_end, lexicon)
            if name is not None and name[0] == e + 1:
                rs, re_ = _strip_role(toks, 0, e)
                role = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
                return _person(sent, name, role, Cue.ANAPHOR)
    elif toks[e].cls not in (OTHER, PRON) or not toks[e].text.islower():
        return None  # not followed by a verb
    if any(t.low in lexicon.victim_predicates for t in toks[e : e + 3]):
        return None  # "Ali Khan was killed": a victim, not a source
    if toks[e - 1].cls == MOD:
        return None  # "A Russian air strike hit ...": the phrase goes on past its modifier
    found = _mention(sent, 0, e, Cue.ANAPHOR, lexicon)
    if found is None or found.kind not in (Kind.PERSON, Kind.GROUP):
        return None
    head = _semantic_head(toks, 0, e)
    capital_org = head.cls == ORG and head.text[0].isupper() and head is not toks[0]  # not "Police fired"
    return found if found.kind == Kind.PERSON or head.cls in (CAP, PAREN) or capital_org else None


def _quoted_cue(sent: _Sentence, i: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """ "X was quoted as saying" (X speaks) or "the paper cited/quoted X" (X speaks)."""
    toks = sent.toks
    if i > 0 and toks[i - 1].low in ("was", "were", "is", "been", "being"):
        return _subject_before(sent, i - 1, Cue.QUOTED, lexicon)
    found = _phrase_after(sent, i + 1, Cue.CITING, lexicon)
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
    sent = _Sentence(masked, start, toks, find_outlets(masked, start, toks, lexicon))
    speakers: list[SpeakerMention] = []
    sources: list[SpeakerMention] = []
    for i, tok in enumerate(sent.toks):
        if tok.low not in lexicon.trigger_words or (tok.text[0].isupper() and tok.low not in _OPENING_CUES):
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


_COLON_LEAD_MAX = 80  # characters: a speaker's line before a colon is short


def _opens_line(text: str, start: int) -> bool:
    """Whether the sentence at `start` opens a line of the text."""
    return start == 0 or text[start - 1] == "\n"


def _colon_speaker(masked: str, offset: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """A speaker line that introduces the words after a colon: "District police chief: four were hurt".
    The sentence opens a line; the words before the colon are one speaker phrase holding a role or a body
    (not a dateline, a bare label such as "Source:", or a name with only a title)."""
    colon = masked.find(":", 0, _COLON_LEAD_MAX)
    if colon <= 0 or not masked[colon + 1 :].strip():
        return None
    lead = masked[:colon]
    toks = tokenize(lead, offset, lexicon)
    if not toks or _np_after(toks, 0) != len(toks):
        return None
    if len(toks) == 1 and toks[0].cls in (ROLE, TITLE):  # "Source:", "Reporter:": a label
        return None
    if not any(t.cls in (ROLE, PROLE, ORG, TITLE) for t in toks):
        return None
    found = _mention(_Sentence(lead, offset, toks, ()), 0, len(toks), Cue.SAID, lexicon)
    if found is None or found.kind not in (Kind.ROLE, Kind.PERSON, Kind.GROUP):
        return None
    if found.kind == Kind.PERSON and not found.role:
        return None  # a name before a colon speaks with its role: "army spokesman X:", not "Dr X:"
    return found


_CONTRAST = re.compile(r",\s+(?:while|whereas|but)\s+$", re.IGNORECASE)
_ARTICLE_END = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_THE_END = re.compile(r"\b[Tt]he\s+$")
_OUTLET_VERB = re.compile(r"\s+(?:also\s+)?(?:cited|quoted|reported|said|wrote|added)\b")


def _contrast_start(
    masked: str, offset: int, found: Sequence[SpeakerMention], lexicon: SpeechLexicon
) -> tuple[int, ...]:
    """Where the clause of a sentence's only speaker opens, when that speaker opens a contrasting
    clause after words of the outlet's own ("Five died, while police said 12 were hurt")."""
    if len(found) != 1 or found[0].method not in (Cue.SAID, Cue.TOLD):
        return ()
    before = masked[: found[0].start - offset]
    bare = _ARTICLE_END.sub("", before)
    match = _CONTRAST.search(bare)
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
    if not toks or len(toks) > 5 or _np_after(toks, 0) != len(toks) or toks[-1].text.isdigit():
        return None  # "...: Day 12" numbers the page, it names no source
    if len(toks) == 1 and toks[0].cls not in _SINGLE_SOURCE and toks[0].low not in lexicon.groups:
        return None  # "Twin blasts: Kabul" names a place
    sent = _Sentence(masked, offset, toks, find_outlets(masked, offset, toks, lexicon))
    found = _mention(sent, 0, len(toks), Cue.HEADLINE, lexicon)
    return found if found is not None and found.kind != Kind.STATEMENT else None


def _relays(sent: _Sentence, lexicon: SpeechLexicon) -> tuple[OutletMention, ...]:
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
    return bool(_OUTLET_VERB.match(after))
